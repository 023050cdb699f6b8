#include "config.h"

#include "invitui/ui_detail_tree.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/i18n.h"
#include "invitui/provider.h"
#include "invitui/timefmt.h"
#include "invitui/util.h"

static struct tree_node *heading(struct tree_node *root, const char *label, size_t count,
                                 bool counted)
{
    char *text = counted ? xasprintf("%s (%zu)", label, count) : xstrdup(label);
    struct tree_node *n = tree_add_child(root, text, NULL, TREE_TAG_HEADING);
    free(text);
    tree_set_expanded(n, true);
    return n;
}

static void field(struct tree_node *parent, const char *label, const char *value)
{
    if (!util_str_empty(value))
        tree_add_child(parent, label, value, TREE_TAG_PLAIN);
}

static void time_field(struct tree_node *parent, const char *label, time_t t, time_t now,
                       bool expiry)
{
    struct strbuf sb;
    char iso[32];

    if (!t)
        return;
    strbuf_init(&sb);
    model_format_time(t, iso, sizeof(iso));
    strbuf_puts(&sb, iso);
    strbuf_puts(&sb, " (");
    if (expiry)
        timefmt_expiry(&sb, t, now);
    else
        timefmt_relative(&sb, t, now);
    strbuf_putc(&sb, ')');
    field(parent, label, sb.data);
    strbuf_free(&sb);
}

static void common_fields(struct tree_node *root, const struct invitation *inv, time_t now)
{
    struct tree_node *h = heading(root, _("Invitation"), 0, false);
    char *status = xasprintf("%s %s  (%s: %s)", inv_status_symbol(inv->status),
                             _(invitation_status_word(inv)), _("server"),
                             inv->raw_status ? inv->raw_status : "-");

    field(h, _("Id"), inv->id);
    field(h, _("User id"), inv->user_id);
    field(h, _("E-mail"), inv->email);
    field(h, _("Name"), inv->name);
    field(h, _("Status"), status);
    free(status);
    if (inv->status_computed)
        field(h, _("Note"), _("The expiry time has passed but the server still says pending: "
                              "listed as expired for triage only; actions follow the server."));
    if (inv->status == INV_STATUS_PENDING || inv->status == INV_STATUS_EXPIRED)
        time_field(h, _("Expires"), inv->expires_at, now, true);
    else
        time_field(h, _("Expires"), inv->expires_at, now, false);
    time_field(h, _("Created"), inv->created_at, now, false);
    time_field(h, _("Accepted"), inv->accepted_at, now, false);
    field(h, _("Link"), inv->link);
    field(h, _("Account"), inv->account_id);
}

/* ---- generic JSON ---- */

static char *scalar_text(json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_STRING:
        return xstrndup(json_string_value(v), json_string_length(v));
    case JSON_INTEGER:
        return xasprintf("%" JSON_INTEGER_FORMAT, json_integer_value(v));
    case JSON_REAL:
        return xasprintf("%g", json_real_value(v));
    case JSON_TRUE:
        return xstrdup("true");
    case JSON_FALSE:
        return xstrdup("false");
    default:
        return xstrdup("null");
    }
}

/* An element of an array is best named by its name or id. */
static char *element_label(json_t *v, size_t i)
{
    const char *keys[] = {"name", "id", "key", "account_id"};

    if (json_is_object(v))
        for (size_t k = 0; k < ARRAY_SIZE(keys); k++) {
            json_t *s = json_object_get(v, keys[k]);
            if (json_is_string(s) && json_string_length(s))
                return xstrdup(json_string_value(s));
        }
    return xasprintf("[%zu]", i + 1);
}

static void add_json(struct tree_node *parent, const char *label, json_t *v, int depth)
{
    if (json_is_object(v)) {
        struct tree_node *n = tree_add_child(parent, label, NULL, TREE_TAG_PLAIN);
        const char *k;
        json_t *c;
        json_object_foreach(v, k, c) add_json(n, k, c, depth + 1);
        tree_set_expanded(n, depth < 1);
    } else if (json_is_array(v)) {
        char *text = xasprintf("%s (%zu)", label, json_array_size(v));
        struct tree_node *n = tree_add_child(parent, text, NULL, TREE_TAG_PLAIN);
        free(text);
        size_t i;
        json_t *c;
        json_array_foreach(v, i, c) {
            char *el = element_label(c, i);
            add_json(n, el, c, depth + 1);
            free(el);
        }
        tree_set_expanded(n, depth < 1);
    } else {
        char *text = scalar_text(v);
        tree_add_child(parent, label, text, TREE_TAG_PLAIN);
        free(text);
    }
}

/* A top-level member as its own section with its members under it. */
static void section(struct tree_node *root, json_t *obj, const char *key, const char *title)
{
    json_t *v = json_object_get(obj, key);

    if (!v || json_is_null(v))
        return;
    if (json_is_object(v)) {
        struct tree_node *h = heading(root, title, 0, false);
        const char *k;
        json_t *c;
        json_object_foreach(v, k, c) add_json(h, k, c, 1);
    } else if (json_is_array(v)) {
        struct tree_node *h = heading(root, title, json_array_size(v), true);
        size_t i;
        json_t *c;
        json_array_foreach(v, i, c) {
            char *el = element_label(c, i);
            add_json(h, el, c, 1);
            free(el);
        }
    } else {
        add_json(heading(root, title, 0, false), key, v, 1);
    }
}

/* ---- Hybridbox ---- */

static size_t string_array(json_t *arr, const char ***out)
{
    size_t n = json_array_size(arr), k = 0;
    const char **v = xcalloc(n ? n : 1, sizeof(*v));

    for (size_t i = 0; i < n; i++) {
        json_t *s = json_array_get(arr, i);
        if (json_is_string(s))
            v[k++] = json_string_value(s);
    }
    *out = v;
    return k;
}

static const char *str_member(json_t *o, const char *key)
{
    json_t *s = json_object_get(o, key);
    return json_is_string(s) ? json_string_value(s) : "";
}

/* The translated word for an assignment kind the API documents; another
 * kind (a newer server) shows as sent. */
static const char *kind_label(const char *kind)
{
    if (strcmp(kind, "role") == 0)
        return _("role");
    if (strcmp(kind, "group") == 0)
        return _("group");
    if (strcmp(kind, "capability") == 0)
        return _("capability");
    /* TRANSLATORS: an assignment that grants e.g. account_owner. */
    if (strcmp(kind, "grant") == 0)
        return _("grant");
    return *kind ? kind : "?";
}

/* What the assignment gives, for its node's one line: the role, group,
 * capability or grant kind, whichever it carries first. */
static const char *assignment_key(json_t *a)
{
    static const char *const keys[] = {"role_key", "group_id", "capability_key", "grant_kind"};

    for (size_t i = 0; i < ARRAY_SIZE(keys); i++)
        if (*str_member(a, keys[i]))
            return str_member(a, keys[i]);
    return "-";
}

/* One collapsible node per assignment ("role: editor"), its fields under
 * it: a table would wrap into an unreadable layout in a narrow pane. */
static void assignments(struct tree_node *root, json_t *arr)
{
    size_t n = json_array_size(arr);
    struct tree_node *h = heading(root, _("Assignments"), n, true);

    for (size_t i = 0; i < n; i++) {
        json_t *a = json_array_get(arr, i);
        const char *key = assignment_key(a);
        bool group = util_streq(key, str_member(a, "group_id"));
        struct tree_node *node = tree_add_child(h, kind_label(str_member(a, "assignment_kind")),
                                                key, group ? UI_DETAIL_TAG_GROUP : TREE_TAG_PLAIN);
        if (group)
            tree_node_set_id(node, key);
        field(node, _("role"), str_member(a, "role_key"));
        field(node, _("capability"), str_member(a, "capability_key"));
        field(node, _("group"), str_member(a, "group_id"));
        field(node, _("grant"), str_member(a, "grant_kind"));
        field(node, _("resource type"), str_member(a, "resource_type"));
        field(node, _("resource"), str_member(a, "resource_id"));
        field(node, _("id"), str_member(a, "id"));
    }
}

/* Where the resolved capabilities that were not granted directly come from.
 * The API gives no per-capability source: only when the invitation has a
 * single assignment is it certain; otherwise it may be any role or group. */
struct cap_source {
    const char **direct;
    size_t ndirect;
    char *note; /* "[from role editor]" or "[via role or group]", translated */
};

static char *source_note(json_t *asg)
{
    json_t *only = json_array_size(asg) == 1 ? json_array_get(asg, 0) : NULL;
    const char *role = str_member(only, "role_key"), *group = str_member(only, "group_id");
    const char *cap = str_member(only, "capability_key"), *grant = str_member(only, "grant_kind");

    if (*role && !*group && !*cap)
        /* TRANSLATORS: after a capability that the invitation's only
         * assignment, the role %s, brings. */
        return xasprintf(_("[from role %s]"), role);
    if (*group && !*role && !*cap)
        /* TRANSLATORS: after a capability that the invitation's only
         * assignment, the group %s, brings. */
        return xasprintf(_("[from group %s]"), group);
    if (*grant && !*role && !*group && !*cap)
        /* TRANSLATORS: after a capability that the invitation's only
         * assignment, a grant of kind %s (e.g. account_owner), brings. */
        return xasprintf(_("[from grant %s]"), grant);
    /* TRANSLATORS: after a capability that was not granted directly; the
     * server does not say which of the roles or groups brings it. */
    return xstrdup(_("[via role or group]"));
}

static unsigned tag_resolved(const char *key, void *ctx)
{
    const struct cap_source *src = ctx;

    for (size_t i = 0; i < src->ndirect; i++)
        if (strcmp(src->direct[i], key) == 0)
            return TREE_TAG_CAPABILITY;
    return TREE_TAG_BUNDLED;
}

/* The note becomes the value of every TREE_TAG_BUNDLED node under n (the
 * detail pane draws it in place of ": value"). Two levels: group, key. */
static void note_sources(struct tree_node *n, const char *note)
{
    for (struct tree_node *c = n->first_child; c; c = c->next) {
        if (c->tag == TREE_TAG_BUNDLED)
            tree_node_set_value(c, note);
        note_sources(c, note);
    }
}

static void keys_section(struct tree_node *parent, const char *title, const char **keys,
                         size_t n, struct cap_source *src, bool grouped)
{
    struct tree_node *h = heading(parent, title, n, true);

    tree_set_expanded(h, n > 0 && n <= 40);
    if (grouped)
        tree_add_grouped_keys(h, keys, n, TREE_GROUP_SORT | TREE_GROUP_EXPANDED,
                              src ? tag_resolved : NULL, src);
    else
        for (size_t i = 0; i < n; i++)
            tree_add_child(h, keys[i], NULL, TREE_TAG_PLAIN);
    if (src)
        note_sources(h, src->note);
}

static void permissions(struct tree_node *root, json_t *pc, json_t *asg)
{
    struct tree_node *h = heading(root, _("Permissions"), 0, false);
    struct cap_source src;
    const char **bundles, **resolved, **owners;
    json_t *own = json_object_get(pc, "owner_assignments");
    size_t nb = string_array(json_object_get(pc, "assigned_bundle_keys"), &bundles);
    size_t nr = string_array(json_object_get(pc, "resolved_capability_keys"), &resolved);
    size_t no = 0;

    src.ndirect = string_array(json_object_get(pc, "direct_capability_keys"), &src.direct);
    src.note = source_note(asg);
    owners = xcalloc(json_array_size(own) + 1, sizeof(*owners));
    for (size_t i = 0; i < json_array_size(own); i++) {
        const char *id = str_member(json_array_get(own, i), "account_id");
        if (*id)
            owners[no++] = id;
    }
    struct tree_node *subj = tree_add_child(h, _("Subject"), NULL, TREE_TAG_GROUP);
    tree_set_expanded(subj, true);
    field(subj, _("type"), str_member(pc, "subject_type"));
    field(subj, _("id"), str_member(pc, "subject_id"));
    field(subj, _("status"), str_member(pc, "status"));
    keys_section(h, _("Bundles"), bundles, nb, NULL, false);
    keys_section(h, _("Direct capabilities"), src.direct, src.ndirect, NULL, true);
    keys_section(h, _("Resolved capabilities"), resolved, nr, &src, true);
    keys_section(h, _("Owner of accounts"), owners, no, NULL, false);
    free(bundles);
    free(resolved);
    free(owners);
    free(src.direct);
    free(src.note);
}

static void note_and_acceptance(struct tree_node *root, json_t *obj)
{
    const char *note = str_member(obj, "note"), *by = str_member(obj, "accepted_subject_id");

    if (*note || *by) {
        struct tree_node *h = heading(root, _("Note and acceptance"), 0, false);
        field(h, _("note"), note);
        field(h, _("accepted by"), by);
    }
}

static void assignments_part(struct tree_node *root, json_t *obj)
{
    assignments(root, json_object_get(obj, "assignments"));
}

static void permissions_part(struct tree_node *root, json_t *obj)
{
    json_t *pc = json_object_get(obj, "permission_context");

    if (json_is_object(pc))
        permissions(root, pc, json_object_get(obj, "assignments"));
}

/* How a top-level member named in provider_ops.detail_keys is shown: by a
 * builder of its own, or as a section under its title; neither (the id,
 * metadata) means it is shown elsewhere or not at all. */
static const struct detail_part {
    const char *key;
    void (*build)(struct tree_node *root, json_t *obj);
    const char *title; /* N_() */
} detail_parts[] = {
    {"id", NULL, NULL},
    {"$meta", NULL, NULL},
    {"note", note_and_acceptance, NULL},
    {"assignments", assignments_part, NULL},
    {"permission_context", permissions_part, NULL},
    {"user", NULL, N_("User")},
    {"account", NULL, N_("Account")},
    {"groups", NULL, N_("Groups")},
    {"modules", NULL, N_("Modules")},
    {"buyers", NULL, N_("Buyers")},
    {"invitation", NULL, N_("Invitation link and status")},
    {"audit", NULL, N_("Audit")},
};

static void part(struct tree_node *root, json_t *obj, const char *key)
{
    for (size_t i = 0; i < ARRAY_SIZE(detail_parts); i++) {
        const struct detail_part *dp = &detail_parts[i];
        if (strcmp(dp->key, key) != 0)
            continue;
        if (dp->build)
            dp->build(root, obj);
        else if (dp->title)
            section(root, obj, key, _(dp->title));
        return;
    }
    /* A key the table does not know: still a section, under its own name. */
    section(root, obj, key, key);
}

static bool listed(const char *const *keys, const char *k)
{
    for (; *keys; keys++)
        if (strcmp(*keys, k) == 0)
            return true;
    return false;
}

/* Anything else the server sent, so that nothing is hidden. */
static void other_fields(struct tree_node *root, json_t *obj, const char *const *keys)
{
    const char *k;
    json_t *c;
    struct tree_node *other = NULL;

    json_object_foreach(obj, k, c) {
        if (listed(keys, k))
            continue;
        if (!other)
            other = heading(root, _("Other fields"), 0, false);
        add_json(other, k, c, 1);
    }
}

void ui_detail_tree_build_ops(struct tree *t, const struct invitation *inv,
                              const struct provider_ops *ops, time_t now)
{
    struct tree_node *root = tree_root(t);
    json_error_t jerr;
    json_t *obj = NULL;

    common_fields(root, inv, now);
    if (inv->raw)
        obj = json_loads(inv->raw, JSON_REJECT_DUPLICATES, &jerr);
    else
        obj = invitation_object(inv); /* packed: read once already, without duplicates */
    if (!json_is_object(obj)) {
        if (inv->raw)
            field(heading(root, _("Raw"), 0, false), _("unreadable"), inv->raw);
        json_decref(obj);
        return;
    }
    for (const char *const *k = ops->detail_keys; k && *k; k++)
        part(root, obj, *k);
    if (ops->detail_others && ops->detail_keys)
        other_fields(root, obj, ops->detail_keys);
    json_decref(obj);
}

void ui_detail_tree_build(struct tree *t, const struct invitation *inv, enum provider_kind kind,
                          time_t now)
{
    ui_detail_tree_build_ops(t, inv, provider_for(kind), now);
}
