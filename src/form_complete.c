#include "config.h"

#include "invitui/form.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "invitui/locales.h"
#include "invitui/sanitize.h"
#include "invitui/store.h"

/* CONTRACT A.2: "stable reusable role identifiers". */
const char *const form_role_keys[] = {
    "viewer",      "editor",         "domain_manager", "manager",           "dns_manager",
    "ip_manager",  "billing_viewer", "billing_admin",  "credential_manager",
};
const size_t form_role_key_count = ARRAY_SIZE(form_role_keys);

static bool has_prefix(const char *s, const char *prefix)
{
    return !prefix || strncasecmp(s, prefix, strlen(prefix)) == 0;
}

size_t form_complete_prefix(const char *const *candidates, size_t n, const char *prefix,
                            struct strvec *out)
{
    size_t added = 0;

    for (size_t i = 0; i < n; i++) {
        if (!candidates[i] || !has_prefix(candidates[i], prefix) ||
            strvec_contains(out, candidates[i]))
            continue;
        strvec_push(out, candidates[i]);
        added++;
    }
    return added;
}

size_t form_complete_roles(const char *prefix, struct strvec *out)
{
    return form_complete_prefix(form_role_keys, form_role_key_count, prefix, out);
}

size_t form_complete_locales(const char *prefix, struct strvec *out)
{
    size_t added = 0;

    for (size_t i = 0; i < locales_count(); i++) {
        const char *l = locales_get(i);
        added += form_complete_prefix(&l, 1, prefix, out);
    }
    return added;
}

size_t form_complete_groups(const struct group_list *groups, const char *prefix,
                            struct strvec *out)
{
    size_t added = 0;

    for (size_t i = 0; groups && i < groups->n; i++) {
        const struct group *g = &groups->v[i];
        if (!g->id || strvec_contains(out, g->id))
            continue;
        if (has_prefix(g->id, prefix) || (g->name && has_prefix(g->name, prefix))) {
            strvec_push(out, g->id);
            added++;
        }
    }
    return added;
}

/* A key as the form shows it and sends it once picked: learned from server
 * data, so made display-safe here, once (a key with controls is no real
 * key, and the server says so). */
static void push_key(const json_t *k, struct strvec *seen)
{
    if (!json_is_string(k) || json_string_length(k) == 0)
        return;
    char *safe = sanitize_display(json_string_value(k), json_string_length(k), 0);
    if (*safe && !strvec_contains(seen, safe))
        strvec_push_owned(seen, safe);
    else
        free(safe);
}

static void push_keys(const json_t *arr, struct strvec *seen)
{
    size_t i;
    const json_t *k;

    json_array_foreach(arr, i, k)
        push_key(k, seen);
}

static void collect_one(const struct invitation *inv, struct strvec *seen)
{
    json_t *o = invitation_object(inv);
    const json_t *pc = json_object_get(o, "permission_context");
    const json_t *asg = json_object_get(o, "assignments");
    size_t i;
    const json_t *a;

    push_keys(json_object_get(pc, "direct_capability_keys"), seen);
    push_keys(json_object_get(pc, "resolved_capability_keys"), seen);
    json_array_foreach(asg, i, a)
        push_key(json_object_get(a, "capability_key"), seen);
    json_decref(o);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t form_collect_capabilities(const struct store *s, const char *account_id,
                                 struct strvec *out)
{
    struct strvec seen = {0};
    size_t n = store_invitation_count(s, account_id);
    size_t added = 0;

    /* strvec_contains is linear, but an account sees a few dozen distinct
     * capabilities at most, so this stays cheap even for many invitations. */
    for (size_t i = 0; i < n; i++)
        collect_one(store_invitation_at(s, account_id, i), &seen);
    if (seen.n)
        qsort(seen.v, seen.n, sizeof(*seen.v), cmp_str);
    for (size_t i = 0; i < seen.n; i++) {
        if (strvec_contains(out, seen.v[i]))
            continue;
        strvec_push(out, seen.v[i]);
        added++;
    }
    strvec_free(&seen);
    return added;
}
