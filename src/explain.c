#include "config.h"

#include "invitui/explain.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
    for (size_t i = 0; i < s->n_names; i++)
        role_bundles_add_name(rb, s->names[i].key, s->names[i].name);
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
    for (size_t i = 0; i < rb->n_groups; i++) {
        free(rb->groups[i].group_id);
        free(rb->groups[i].name);
        caps_free(rb->groups[i].keys, rb->groups[i].n_keys);
    }
    free(rb->groups);
    for (size_t i = 0; i < rb->n_names; i++) {
        free((char *)rb->names[i].key);
        free((char *)rb->names[i].name);
    }
    free(rb->names);
    *rb = (struct role_bundles){ 0 };
}

void role_bundles_add_group(struct role_bundles *rb, const char *group_id, const char *name,
                            const char *const *keys, size_t n_keys)
{
    struct explain_subject s = { .resolved = keys, .n_resolved = n_keys };

    if (!group_id || role_bundles_find_group(rb, group_id))
        return;
    if (rb->n_groups == rb->cap_groups) {
        rb->cap_groups = rb->cap_groups ? rb->cap_groups * 2 : 8;
        rb->groups = xrealloc(rb->groups, rb->cap_groups * sizeof(*rb->groups));
    }
    struct group_bundle *g = &rb->groups[rb->n_groups++];
    g->group_id = xstrdup(group_id);
    g->name = name ? xstrdup(name) : NULL;
    g->keys = sorted_caps(&s, &g->n_keys);
}

const struct group_bundle *role_bundles_find_group(const struct role_bundles *rb,
                                                   const char *group_id)
{
    for (size_t i = 0; group_id && i < rb->n_groups; i++)
        if (strcmp(rb->groups[i].group_id, group_id) == 0)
            return &rb->groups[i];
    return NULL;
}

void role_bundles_add_name(struct role_bundles *rb, const char *key, const char *name)
{
    if (!key || !name || !*name || role_bundles_name_of(rb, key))
        return;
    if (rb->n_names == rb->cap_names) {
        rb->cap_names = rb->cap_names ? rb->cap_names * 2 : 16;
        rb->names = xrealloc(rb->names, rb->cap_names * sizeof(*rb->names));
    }
    rb->names[rb->n_names++] = (struct key_name){ xstrdup(key), xstrdup(name) };
}

const char *role_bundles_name_of(const struct role_bundles *rb, const char *key)
{
    for (size_t i = 0; key && i < rb->n_names; i++)
        if (strcmp(rb->names[i].key, key) == 0)
            return rb->names[i].name;
    return NULL;
}

const char *role_bundles_key_of(const struct role_bundles *rb, const char *asked)
{
    if (role_bundles_name_of(rb, asked))
        return asked;
    for (size_t i = 0; i < rb->n_names; i++)
        if (strcasecmp(rb->names[i].name, asked) == 0)
            return rb->names[i].key;
    return asked;
}

static void add_path(struct explain_answer *out, struct explain_path p)
{
    if (out->n_paths < EXPLAIN_MAX_PATHS)
        out->paths[out->n_paths++] = p;
    if (p.via == EXPLAIN_DIRECT || p.via == EXPLAIN_OWNER || p.via == EXPLAIN_GROUP_KNOWN)
        out->certain = true;
}

static bool group_bundle_grants(const struct group_bundle *g, const char *key)
{
    return sorted_has(g->keys, g->n_keys, key);
}

/* A group of the subject: certain when the account lists what it gives
 * (and no path when that is not the key), possible when nobody says. */
static void group_path(const struct role_bundles *rb, const char *group_id, const char *key,
                       struct explain_answer *out)
{
    const struct group_bundle *g =
        rb->groups_state == EXPLAIN_GROUPS_KNOWN ? role_bundles_find_group(rb, group_id) : NULL;

    if (!g)
        add_path(out, (struct explain_path){ EXPLAIN_GROUP, group_id, 0, false, NULL });
    else if (group_bundle_grants(g, key))
        add_path(out, (struct explain_path){ EXPLAIN_GROUP_KNOWN, group_id, 0, false, g->name });
}

/* The key cap stands for: a key the account or s names, or cap itself. */
static void resolve_key(const struct role_bundles *rb, const struct explain_subject *s,
                        const char *cap, struct explain_answer *out)
{
    out->key = role_bundles_key_of(rb, cap);
    for (size_t i = 0; out->key == cap && i < s->n_names; i++)
        if (strcasecmp(s->names[i].name, cap) == 0 && strcmp(s->names[i].key, cap) != 0)
            out->key = s->names[i].key;
    out->name = role_bundles_name_of(rb, out->key);
    for (size_t i = 0; !out->name && i < s->n_names; i++)
        if (strcmp(s->names[i].key, out->key) == 0)
            out->name = s->names[i].name;
}

/* The path one assignment offers for cap, if any. */
static void assignment_path(const struct role_bundles *rb, const struct explain_assignment *a,
                            const char *cap, struct explain_answer *out)
{
    if (a->owner) {
        add_path(out, (struct explain_path){ EXPLAIN_OWNER, NULL, 0, false, NULL });
    } else if (a->capability_key) {
        if (strcmp(a->capability_key, cap) == 0)
            add_path(out, (struct explain_path){ EXPLAIN_DIRECT, a->capability_key, 0, false,
                                                 NULL });
    } else if (a->role_key) {
        const struct role_bundle *b = role_bundles_find(rb, a->role_key);
        if (!b)
            add_path(out,
                     (struct explain_path){ EXPLAIN_ROLE_UNKNOWN, a->role_key, 0, false, NULL });
        else if (role_bundle_grants(b, cap))
            add_path(out, (struct explain_path){ EXPLAIN_ROLE, a->role_key, b->learned_from,
                                                 b->inconsistent, NULL });
    } else if (a->group_id) {
        group_path(rb, a->group_id, cap, out);
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

static int cmp_group_size(const void *a, const void *b)
{
    const struct group_bundle *x = *(const struct group_bundle *const *)a;
    const struct group_bundle *y = *(const struct group_bundle *const *)b;

    if (x->n_keys != y->n_keys)
        return x->n_keys < y->n_keys ? -1 : 1;
    return strcmp(x->group_id, y->group_id);
}

static bool subject_in_group(const struct explain_subject *s, const char *group_id)
{
    for (size_t i = 0; i < s->n_assignments; i++)
        if (s->assignments[i].group_id && strcmp(s->assignments[i].group_id, group_id) == 0)
            return true;
    return false;
}

static void suggest_groups(const struct role_bundles *rb, const struct explain_subject *s,
                           const char *key, struct explain_answer *out)
{
    for (size_t i = 0; rb->groups_state == EXPLAIN_GROUPS_KNOWN && i < rb->n_groups; i++) {
        const struct group_bundle *g = &rb->groups[i];
        if (group_bundle_grants(g, key) && !subject_in_group(s, g->group_id) &&
            out->n_suggest_groups < EXPLAIN_MAX_SUGGEST)
            out->suggest_groups[out->n_suggest_groups++] = g;
    }
    qsort(out->suggest_groups, out->n_suggest_groups, sizeof(out->suggest_groups[0]),
          cmp_group_size);
}

void explain_capability(const struct role_bundles *rb, const char *const *documented,
                        const struct explain_subject *s, const char *cap,
                        struct explain_answer *out)
{
    *out = (struct explain_answer){ 0 };
    resolve_key(rb, s, cap, out);
    cap = out->key;
    out->active = s->active;
    out->groups = rb->groups_state;
    out->granted = subject_has(s, cap);
    if (s->owner)
        add_path(out, (struct explain_path){ EXPLAIN_OWNER, NULL, 0, false, NULL });
    for (size_t i = 0; i < s->n_assignments; i++)
        if (!(s->owner && s->assignments[i].owner))
            assignment_path(rb, &s->assignments[i], cap, out);
    if (!out->granted) {
        /* What is not granted has no path, whatever a group might hold. */
        out->n_paths = 0;
        out->certain = false;
        suggest_roles(rb, documented, cap, out);
        suggest_groups(rb, s, cap, out);
    }
}

/* The subject's arrays move when they grow: point it at them again. */
static void owned_sync(struct explain_owned *o)
{
    o->subject.assignments = o->assignments;
    o->subject.n_assignments = o->n_assignments;
    o->subject.resolved = (const char *const *)o->resolved;
    o->subject.n_resolved = o->n_resolved;
    o->subject.names = o->names;
    o->subject.n_names = o->n_names;
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

void explain_owned_add_name(struct explain_owned *o, const char *key, const char *name)
{
    if (!key || !name || !*name)
        return;
    if (o->n_names == o->cap_names) {
        o->cap_names = o->cap_names ? 2 * o->cap_names : 8;
        o->names = xrealloc(o->names, o->cap_names * sizeof(*o->names));
    }
    o->names[o->n_names++] = (struct key_name){ xstrdup(key), xstrdup(name) };
    owned_sync(o);
}

void explain_owned_free(struct explain_owned *o)
{
    for (size_t i = 0; i < o->n_names; i++) {
        free((char *)o->names[i].key);
        free((char *)o->names[i].name);
    }
    free(o->names);
    for (size_t i = 0; i < o->n_assignments; i++) {
        free((char *)o->assignments[i].role_key);
        free((char *)o->assignments[i].capability_key);
        free((char *)o->assignments[i].group_id);
    }
    free(o->assignments);
    caps_free(o->resolved, o->n_resolved);
    memset(o, 0, sizeof(*o));
}
