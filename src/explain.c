#include "config.h"

#include "invitui/explain.h"

#include <stdlib.h>
#include <string.h>

#include "invitui/util.h"

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool sorted_has(char *const *v, size_t n, const char *key)
{
    return bsearch(&key, v, n, sizeof(*v), cmp_str) != NULL;
}

static bool subject_has(const struct explain_subject *s, const char *cap)
{
    for (size_t i = 0; i < s->n_resolved; i++)
        if (s->resolved[i] && strcmp(s->resolved[i], cap) == 0)
            return true;
    return false;
}

/* The subject's resolved keys, sorted and unique, as owned copies. */
static char **sorted_caps(const struct explain_subject *s, size_t *n)
{
    char **v = xcalloc(s->n_resolved + 1, sizeof(*v));
    size_t k = 0;

    for (size_t i = 0; i < s->n_resolved; i++)
        if (s->resolved[i])
            v[k++] = xstrdup(s->resolved[i]);
    qsort(v, k, sizeof(*v), cmp_str);
    size_t u = 0;
    for (size_t i = 0; i < k; i++) {
        if (u > 0 && strcmp(v[u - 1], v[i]) == 0)
            free(v[i]);
        else
            v[u++] = v[i];
    }
    *n = u;
    return v;
}

static void caps_free(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* b->caps becomes what b->caps and v share (both sorted). */
static void bundle_intersect(struct role_bundle *b, char **v, size_t n)
{
    size_t k = 0;

    for (size_t i = 0; i < b->n_caps; i++) {
        if (sorted_has(v, n, b->caps[i]))
            b->caps[k++] = b->caps[i];
        else
            free(b->caps[i]);
    }
    if (k != b->n_caps || k != n)
        b->inconsistent = true;
    b->n_caps = k;
}

void role_bundles_learn(struct role_bundles *rb, const struct explain_subject *s)
{
    if (s->n_assignments != 1 || !s->assignments[0].role_key || s->owner)
        return;
    const char *role = s->assignments[0].role_key;
    size_t n;
    char **caps = sorted_caps(s, &n);
    struct role_bundle *b = (struct role_bundle *)role_bundles_find(rb, role);

    if (b) {
        bundle_intersect(b, caps, n);
        b->learned_from++;
        caps_free(caps, n);
        return;
    }
    if (rb->n == rb->cap) {
        rb->cap = rb->cap ? rb->cap * 2 : 8;
        rb->v = xrealloc(rb->v, rb->cap * sizeof(*rb->v));
    }
    rb->v[rb->n++] = (struct role_bundle){ xstrdup(role), caps, n, 1, false };
}

const struct role_bundle *role_bundles_find(const struct role_bundles *rb, const char *role_key)
{
    for (size_t i = 0; role_key && i < rb->n; i++)
        if (strcmp(rb->v[i].role_key, role_key) == 0)
            return &rb->v[i];
    return NULL;
}

bool role_bundle_grants(const struct role_bundle *b, const char *cap)
{
    return b && sorted_has(b->caps, b->n_caps, cap);
}

void role_bundles_free(struct role_bundles *rb)
{
    for (size_t i = 0; i < rb->n; i++) {
        free(rb->v[i].role_key);
        caps_free(rb->v[i].caps, rb->v[i].n_caps);
    }
    free(rb->v);
    *rb = (struct role_bundles){ 0 };
}

static void add_path(struct explain_answer *out, struct explain_path p)
{
    if (out->n_paths < EXPLAIN_MAX_PATHS)
        out->paths[out->n_paths++] = p;
    if (p.via == EXPLAIN_DIRECT || p.via == EXPLAIN_OWNER)
        out->certain = true;
}

/* The path one assignment offers for cap, if any. */
static void assignment_path(const struct role_bundles *rb, const struct explain_assignment *a,
                            const char *cap, struct explain_answer *out)
{
    if (a->owner) {
        add_path(out, (struct explain_path){ EXPLAIN_OWNER, NULL, 0, false });
    } else if (a->capability_key) {
        if (strcmp(a->capability_key, cap) == 0)
            add_path(out, (struct explain_path){ EXPLAIN_DIRECT, a->capability_key, 0, false });
    } else if (a->role_key) {
        const struct role_bundle *b = role_bundles_find(rb, a->role_key);
        if (!b)
            add_path(out, (struct explain_path){ EXPLAIN_ROLE_UNKNOWN, a->role_key, 0, false });
        else if (role_bundle_grants(b, cap))
            add_path(out, (struct explain_path){ EXPLAIN_ROLE, a->role_key, b->learned_from,
                                                 b->inconsistent });
    } else if (a->group_id) {
        add_path(out, (struct explain_path){ EXPLAIN_GROUP, a->group_id, 0, false });
    }
}

static int cmp_bundle_size(const void *a, const void *b)
{
    const struct role_bundle *x = *(const struct role_bundle *const *)a;
    const struct role_bundle *y = *(const struct role_bundle *const *)b;

    if (x->n_caps != y->n_caps)
        return x->n_caps < y->n_caps ? -1 : 1;
    return strcmp(x->role_key, y->role_key);
}

static void suggest_roles(const struct role_bundles *rb, const char *const *documented,
                          const char *cap, struct explain_answer *out)
{
    for (size_t i = 0; documented && documented[i]; i++) {
        const struct role_bundle *b = role_bundles_find(rb, documented[i]);
        if (role_bundle_grants(b, cap) && out->n_suggest < EXPLAIN_MAX_SUGGEST)
            out->suggest[out->n_suggest++] = b;
    }
    qsort(out->suggest, out->n_suggest, sizeof(out->suggest[0]), cmp_bundle_size);
}

void explain_capability(const struct role_bundles *rb, const char *const *documented,
                        const struct explain_subject *s, const char *cap,
                        struct explain_answer *out)
{
    *out = (struct explain_answer){ 0 };
    out->granted = subject_has(s, cap);
    if (s->owner)
        add_path(out, (struct explain_path){ EXPLAIN_OWNER, NULL, 0, false });
    for (size_t i = 0; i < s->n_assignments; i++)
        if (!(s->owner && s->assignments[i].owner))
            assignment_path(rb, &s->assignments[i], cap, out);
    if (!out->granted) {
        /* What is not granted has no path, whatever a group might hold. */
        out->n_paths = 0;
        out->certain = false;
        suggest_roles(rb, documented, cap, out);
    }
}

/* The subject's arrays move when they grow: point it at them again. */
static void owned_sync(struct explain_owned *o)
{
    o->subject.assignments = o->assignments;
    o->subject.n_assignments = o->n_assignments;
    o->subject.resolved = (const char *const *)o->resolved;
    o->subject.n_resolved = o->n_resolved;
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

void explain_owned_add(struct explain_owned *o, const char *role_key, const char *capability_key,
                       const char *group_id, bool owner)
{
    if (o->n_assignments == o->cap_assignments) {
        o->cap_assignments = o->cap_assignments ? 2 * o->cap_assignments : 4;
        o->assignments = xrealloc(o->assignments, o->cap_assignments * sizeof(*o->assignments));
    }
    o->assignments[o->n_assignments++] = (struct explain_assignment){
        dup_or_null(role_key), dup_or_null(capability_key), dup_or_null(group_id), owner};
    if (owner)
        o->subject.owner = true;
    owned_sync(o);
}

void explain_owned_add_resolved(struct explain_owned *o, const char *cap)
{
    if (o->n_resolved == o->cap_resolved) {
        o->cap_resolved = o->cap_resolved ? 2 * o->cap_resolved : 8;
        o->resolved = xrealloc(o->resolved, o->cap_resolved * sizeof(*o->resolved));
    }
    o->resolved[o->n_resolved++] = xstrdup(cap);
    owned_sync(o);
}

void explain_owned_free(struct explain_owned *o)
{
    for (size_t i = 0; i < o->n_assignments; i++) {
        free((char *)o->assignments[i].role_key);
        free((char *)o->assignments[i].capability_key);
        free((char *)o->assignments[i].group_id);
    }
    free(o->assignments);
    caps_free(o->resolved, o->n_resolved);
    memset(o, 0, sizeof(*o));
}
