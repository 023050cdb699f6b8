#include "config.h"

#include "invitui/hybridbox_json.h"
#include "invitui/hybridbox_list_json.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "invitui/element_pool.h"
#include "invitui/i18n.h"
#include "invitui/json_pack.h"
#include "invitui/list_progress.h"
#include "invitui/query.h"

bool hybridbox_id_valid(const char *s)
{
    static const int groups[5] = {8, 4, 4, 4, 12};
    const char *p = s;

    if (!s)
        return false;
    for (int g = 0; g < 5; g++) {
        for (int i = 0; i < groups[g]; i++, p++)
            if (!isxdigit((unsigned char)*p))
                return false;
        if (g < 4 && *p++ != '-')
            return false;
    }
    return *p == '\0';
}

static int check_account(const char *id, struct api_error *err)
{
    if (hybridbox_id_valid(id))
        return 0;
    return api_error_set(err, API_ERR_USAGE,
                         _("Invalid Hybridbox account id '%s': expected a UUID."), id ? id : "");
}

static int check_invitation(const char *id, struct api_error *err)
{
    if (hybridbox_id_valid(id))
        return 0;
    return api_error_set(err, API_ERR_USAGE,
                         _("Invalid Hybridbox invitation id '%s': expected a UUID."),
                         id ? id : "");
}

/* base/v1/public/accounts/{escaped id} into sb. */
static void account_prefix(struct strbuf *sb, const char *base, const char *account_id)
{
    strbuf_puts(sb, base);
    strbuf_puts(sb, "/v1/public/accounts/");
    query_escape(sb, account_id, NULL);
}

char *hybridbox_url_account(const char *base, const char *account_id, struct api_error *err)
{
    struct strbuf sb;

    if (check_account(account_id, err) < 0)
        return NULL;
    strbuf_init(&sb);
    account_prefix(&sb, base, account_id);
    return strbuf_detach(&sb, NULL);
}

/* A whole address (one @, something before it, a dotted domain, no space or
 * wildcard), worth the server's exact email filter; a fragment is not. */
static bool whole_address(const char *s)
{
    const char *at = s ? strchr(s, '@') : NULL;
    const char *dot = at ? strrchr(at, '.') : NULL;

    if (!at || at == s || strchr(at + 1, '@') || !dot || dot == at + 1 || !dot[1])
        return false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p <= ' ' || *p == 0x7f || *p == '*')
            return false;
    return true;
}

char *hybridbox_url_invitations(const char *base, const char *account_id,
                                const struct invitation_query *q, struct api_error *err)
{
    const char *email = NULL;
    struct strbuf sb;

    if (check_account(account_id, err) < 0)
        return NULL;
    if (q && !util_str_empty(q->email))
        email = q->email;
    else if (q && whole_address(q->search))
        email = q->search;
    strbuf_init(&sb);
    account_prefix(&sb, base, account_id);
    strbuf_puts(&sb, "/auth/invitations");
    if (email) {
        strbuf_puts(&sb, "?email=");
        query_escape(&sb, email, NULL);
    }
    return strbuf_detach(&sb, NULL);
}

char *hybridbox_url_resend(const char *base, const char *account_id, const char *invitation_id,
                           struct api_error *err)
{
    struct strbuf sb;

    if (check_account(account_id, err) < 0
        || check_invitation(invitation_id, err) < 0)
        return NULL;
    strbuf_init(&sb);
    account_prefix(&sb, base, account_id);
    strbuf_puts(&sb, "/auth/invitations/");
    query_escape(&sb, invitation_id, NULL);
    strbuf_puts(&sb, "/resend");
    return strbuf_detach(&sb, NULL);
}

char *hybridbox_url_groups(const char *base, const char *account_id, struct api_error *err)
{
    struct strbuf sb;

    if (check_account(account_id, err) < 0)
        return NULL;
    strbuf_init(&sb);
    account_prefix(&sb, base, account_id);
    strbuf_puts(&sb, "/auth/groups");
    return strbuf_detach(&sb, NULL);
}

static char *dump_and_free(json_t *root)
{
    char *s = json_util_compact(root);

    json_decref(root);
    return s;
}

char *hybridbox_body_create(const struct create_request *req, struct api_error *err)
{
    json_t *root, *list;

    if (util_str_empty(req->email)) {
        api_error_set(err, API_ERR_USAGE, _("An e-mail address is required."));
        api_error_add_field(err, "email", _("Required."));
        return NULL;
    }
    root = json_object();
    list = json_array();
    for (size_t i = 0; i < req->nassignments; i++) {
        const struct create_assignment *a = &req->assignments[i];
        json_t *o = json_object();
        json_util_set_str(o, "role_key", a->role_key);
        json_util_set_str(o, "capability_key", a->capability_key);
        json_util_set_str(o, "group_id", a->group_id);
        json_util_set_str(o, "resource_id", a->resource_id);
        json_array_append_new(list, o);
    }
    json_object_set_new(root, "assignments", list);
    json_util_set_str(root, "email", req->email);
    json_util_set_str(root, "locale", req->locale);
    json_util_set_str(root, "note", req->note);
    return dump_and_free(root);
}

char *hybridbox_body_resend(const char *locale)
{
    json_t *root = json_object();

    json_util_set_str(root, "locale", locale);
    return dump_and_free(root);
}

const char *const hybridbox_label_keys[HYBRIDBOX_LABEL_KEYS] = {
    "role_key", "capability_key", "group_id", "grant_kind", "assignment_kind",
};

/* fmt with s for its one "%s" (every catalog's "cap: %s" and "group: %s"), without
 * vsnprintf: perf had the printf machinery at 1% of the worker reading a list. Any other
 * directive goes to strbuf_printf. */
static void put_with_one_string(struct strbuf *sb, const char *fmt, const char *s)
{
    const char *at = strstr(fmt, "%s");

    if (!at || memchr(fmt, '%', (size_t)(at - fmt)) || strchr(at + 2, '%')) {
        strbuf_printf(sb, fmt, s);
        return;
    }
    strbuf_append(sb, fmt, (size_t)(at - fmt));
    strbuf_puts(sb, s);
    strbuf_puts(sb, at + 2);
}

/* One short label per assignment: its role, else its capability, else its group. */
void hybridbox_assignment_label(struct strbuf *sb, const char *const v[HYBRIDBOX_LABEL_KEYS])
{
    if (v[0] && *v[0])
        strbuf_puts(sb, v[0]);
    else if (v[1] && *v[1])
        /* TRANSLATORS: a capability in the short assignments column. */
        put_with_one_string(sb, _("cap: %s"), v[1]);
    else if (v[2] && *v[2])
        /* TRANSLATORS: a group in the short assignments column. */
        put_with_one_string(sb, _("group: %s"), v[2]);
    else if (v[3] && *v[3])
        strbuf_puts(sb, v[3]);
    else if (v[4] && *v[4])
        strbuf_puts(sb, v[4]);
    else
        strbuf_puts(sb, "?");
}

static void assignment_label(struct strbuf *sb, const json_t *a)
{
    const char *v[HYBRIDBOX_LABEL_KEYS];

    for (size_t k = 0; k < HYBRIDBOX_LABEL_KEYS; k++)
        v[k] = json_util_str(a, hybridbox_label_keys[k]);
    hybridbox_assignment_label(sb, v);
}

char *hybridbox_summary(const json_t *assignments)
{
    struct strbuf sb;
    size_t n = json_is_array(assignments) ? json_array_size(assignments) : 0;
    size_t shown = 0;

    strbuf_init(&sb);
    for (size_t i = 0; i < n && shown < 2; i++) {
        const json_t *a = json_array_get(assignments, i);
        if (!json_is_object(a))
            continue;
        if (shown++)
            strbuf_puts(&sb, ", ");
        assignment_label(&sb, a);
    }
    if (n > shown)
        strbuf_printf(&sb, " +%zu", n - shown);
    return strbuf_detach(&sb, NULL);
}

/* text/len: the element's own bytes when at hand (the list), which are
 * minified for `raw` instead of re-serialising the parsed tree. */
static int invitation_fill(const json_t *obj, const char *text, size_t len,
                           const char *account_id, time_t now, struct invitation *out,
                           struct api_error *err)
{
    const char *id = json_util_str(obj, "id");

    memset(out, 0, sizeof(*out));
    if (!json_is_object(obj))
        return api_error_set(err, API_ERR_PARSE, _("An invitation is not a JSON object."));
    if (!id)
        return api_error_set(err, API_ERR_PARSE, _("An invitation has no string \"id\"."));
    out->id = xstrdup(id);
    out->account_id = xstrdup_or_null(account_id);
    out->email = json_util_dup(obj, "email");
    out->raw_status = json_util_dup(obj, "status");
    out->created_at = json_util_time(obj, "created_at");
    out->expires_at = json_util_time(obj, "expires_at");
    out->accepted_at = json_util_time(obj, "accepted_at");
    invitation_set_status(out, PROVIDER_HYBRIDBOX, now);
    out->summary = hybridbox_summary(json_object_get(obj, "assignments"));
    out->raw = text ? json_util_minify(text, len) : json_util_compact(obj);
    invitation_make_shown(out); /* ingress: the one place server text is made terminal-safe */
    return 0;
}

int hybridbox_invitation_from_json(const json_t *obj, const char *account_id, time_t now,
                                   struct invitation *out, struct api_error *err)
{
    return invitation_fill(obj, NULL, 0, account_id, now, out, err);
}

int hybridbox_parse_invitation(const char *data, size_t len, const char *account_id,
                               time_t now, struct invitation *out, struct api_error *err)
{
    json_t *root = json_util_load(data, len, _("The invitation could not be read."), err);
    int rc;

    memset(out, 0, sizeof(*out));
    if (!root)
        return -1;
    rc = hybridbox_invitation_from_json(root, account_id, now, out, err);
    json_decref(root);
    return rc;
}

static int account_from_json(const json_t *obj, struct account *out, struct api_error *err)
{
    const char *id = json_util_str(obj, "id");

    memset(out, 0, sizeof(*out));
    if (!id)
        return api_error_set(err, API_ERR_PARSE, _("An account has no string \"id\"."));
    out->id = xstrdup(id);
    out->name = json_util_dup(obj, "name");
    out->status = json_util_dup(obj, "status");
    account_make_shown(out);
    return 0;
}

int hybridbox_parse_account(const char *data, size_t len, struct account *out,
                            struct api_error *err)
{
    json_t *root = json_util_load(data, len, _("The account could not be read."), err);
    int rc;

    memset(out, 0, sizeof(*out));
    if (!root)
        return -1;
    rc = account_from_json(root, out, err);
    json_decref(root);
    return rc;
}

int hybridbox_parse_groups(const char *data, size_t len, struct group_list *out,
                           struct api_error *err)
{
    json_t *root = json_util_load(data, len, _("The group list could not be read."), err);

    if (!root)
        return -1;
    if (!json_is_array(root)) {
        json_decref(root);
        return api_error_set(err, API_ERR_PARSE, _("The group list is not a JSON array."));
    }
    for (size_t i = 0; i < json_array_size(root); i++) {
        const json_t *g = json_array_get(root, i);
        const char *id = json_util_str(g, "id");
        if (!id) {
            json_decref(root);
            return api_error_set(err, API_ERR_PARSE,
                                 _("Group %zu in the list has no string \"id\"."), i);
        }
        struct group grp = {
            .id = xstrdup(id),
            .name = json_util_dup(g, "name"),
            .description = json_util_dup(g, "description"),
        };
        group_list_push(out, &grp);
    }
    json_decref(root);
    return 0;
}

/* ---- streaming list ---- */

/* Where a thread reading the list's elements makes its rows: the stream's own for the
 * thread that splits the body, another for the element pool's helper. */
struct hybridbox_row_reader {
    const char *account_id;
    time_t now;
    struct json_pack_writer *pack; /* NULL: rows keep raw text */
    struct row_slab_writer *slab;
};

/* element_read_fn: one element into a row, yajl first, else jansson's answer. */
static int read_row(void *state, size_t index, const char *data, size_t len, unsigned hints,
                    struct invitation *inv, struct api_error *err)
{
    struct hybridbox_row_reader *r = state;

    if (!hybridbox_element_read(data, len, hints, r->pack, r->account_id, r->now, inv)) {
        /* The element yajl could not vouch for: jansson's answer stands. */
        json_t *obj = json_util_load(data, len, _("An invitation in the list could not be read."),
                                     err);
        if (!obj)
            goto bad;
        if (invitation_fill(obj, data, len, r->account_id, r->now, inv, err) < 0) {
            invitation_free(inv);
            json_decref(obj);
            goto bad;
        }
        json_decref(obj);
    }
    if (r->pack)
        invitation_to_slab(inv, r->slab);
    return 1;
bad:
    json_element_error(err, index);
    return -1;
}

static struct hybridbox_row_reader own_reader(struct hybridbox_stream *st)
{
    return (struct hybridbox_row_reader){st->account_id, st->now, st->pack, &st->slab};
}

/* The end of every row read here. */
static void keep_row(void *ctx, struct invitation *inv)
{
    struct hybridbox_stream *st = ctx;

    invitation_list_push(st->out, inv);
    list_progress_note(st->progress, st->out);
}

/* Room in the reader's list for the rows the body's size says are still to come: each
 * hand-off leaves the list empty, and an array that doubles is moved and its pages touched
 * again (#12: on the benchmarks' VM a page touched for the first time costs about 5 us, one
 * touched before next to nothing). */
static void reserve_rows(struct hybridbox_stream *st, size_t n)
{
    size_t read = list_progress_count(st->progress, st->out) + n;
    size_t room = list_progress_rows_room(st->progress, read);

    if (st->progress && room > read && st->out->cap < st->out->n + n)
        invitation_list_reserve(st->out, room - st->progress->taken);
}

/* element_deliver_fn: a batch's rows at once, and the progress told once for them. */
static void keep_rows(void *ctx, struct invitation *rows, size_t n)
{
    struct hybridbox_stream *st = ctx;

    reserve_rows(st, n);
    invitation_list_take(st->out, rows, n);
    list_progress_note(st->progress, st->out);
}

static int stream_element(void *ctx, size_t index, const char *data, size_t len,
                          struct api_error *err)
{
    struct hybridbox_stream *st = ctx;
    struct invitation inv;
    unsigned hints = (st->sp.elem_ws ? 0 : HYBRIDBOX_ELEMENT_MINIFIED) |
                     (st->sp.elem_plain ? HYBRIDBOX_ELEMENT_PLAIN : 0);

    if (st->pool)
        return element_pool_add(st->pool, index, data, len, hints, err);
    struct hybridbox_row_reader r = own_reader(st);
    if (read_row(&r, index, data, len, hints, &inv, err) < 0)
        return -1;
    if (st->only_id && strcasecmp(st->only_id, inv.id) != 0) /* UUIDs: any case */
        invitation_free(&inv);
    else
        keep_row(st, &inv);
    return 0;
}

void hybridbox_stream_init(struct hybridbox_stream *st, const char *account_id, time_t now,
                           struct invitation_list *out)
{
    json_splitter_init(&st->sp, stream_element, st);
    st->account_id = account_id;
    st->now = now;
    st->out = out;
    st->only_id = NULL;
    st->progress = NULL;
    st->pack = NULL;
    st->slab = (struct row_slab_writer){0};
    st->pool = NULL;
    st->helper = NULL;
    st->body_size = 0;
    st->fed = 0;
    st->gather = false;
}

void hybridbox_stream_pack(struct hybridbox_stream *st)
{
    if (!st->pack) {
        st->pack = xmalloc(sizeof(*st->pack));
        json_pack_writer_init(st->pack);
    }
}

/* What the element pool's two threads read with: each its own pack and slab writer. */
struct hybridbox_helper {
    struct hybridbox_row_reader r;
    struct json_pack_writer pack;
    struct row_slab_writer slab;
    struct hybridbox_row_reader own; /* the splitting thread's, for the pool */
};

void hybridbox_stream_parallel(struct hybridbox_stream *st)
{
    if (st->pool || st->only_id)
        return;
    hybridbox_stream_pack(st);
    struct hybridbox_helper *h = xcalloc(1, sizeof(*h));
    json_pack_writer_init(&h->pack);
    h->r = (struct hybridbox_row_reader){st->account_id, st->now, &h->pack, &h->slab};
    h->own = own_reader(st);
    st->helper = h;
    st->pool = element_pool_new(read_row, &h->own, &h->r, keep_rows, st);
}

/* A failure of the stream itself (the array's punctuation, a body cut short) comes after the
 * elements before it: an element among them that failed is the error, as when read in turn. */
static int pool_first_error(struct hybridbox_stream *st, int rc, struct api_error *err)
{
    struct api_error earlier;

    if (rc == 0 || !st->pool)
        return rc;
    api_error_init(&earlier);
    if (element_pool_finish(st->pool, &earlier) < 0)
        api_error_copy(err, &earlier);
    api_error_clear(&earlier);
    return rc;
}

int hybridbox_stream_feed(void *ctx, const char *data, size_t len, struct api_error *err)
{
    struct hybridbox_stream *st = ctx;

    st->fed += len;
    list_progress_bytes(st->progress, st->fed, st->body_size);
    int rc = json_splitter_feed(&st->sp, data, len, err);

    if (rc == 0 && st->pool && !st->gather)
        rc = element_pool_flush(st->pool, err);
    return pool_first_error(st, rc, err);
}

int hybridbox_stream_drained(void *ctx, struct api_error *err)
{
    struct hybridbox_stream *st = ctx;

    return st->pool ? pool_first_error(st, element_pool_flush(st->pool, err), err) : 0;
}

int hybridbox_stream_finish(struct hybridbox_stream *st, struct api_error *err)
{
    int rc = json_splitter_finish(&st->sp, err);

    if (rc == 0 && st->pool)
        rc = element_pool_finish(st->pool, err);
    return pool_first_error(st, rc, err);
}

void hybridbox_stream_free(struct hybridbox_stream *st)
{
    element_pool_free(st->pool); /* first: its helper writes with the writers below */
    st->pool = NULL;
    if (st->helper) {
        json_pack_writer_free(&st->helper->pack);
        row_slab_writer_end(&st->helper->slab);
        free(st->helper);
        st->helper = NULL;
    }
    if (st->pack) {
        json_pack_writer_free(st->pack);
        free(st->pack);
        st->pack = NULL;
    }
    row_slab_writer_end(&st->slab);
    json_splitter_free(&st->sp);
}

/* ---- actions ---- */

/* The server's status decides: a pending invitation whose expires_at has
 * passed is still resent, because the server may still accept that. */
static enum inv_status server_status(const struct invitation *inv)
{
    return inv_server_status(PROVIDER_HYBRIDBOX, inv->raw_status);
}

unsigned hybridbox_actions(const struct invitation *inv, time_t now)
{
    (void)now;
    return server_status(inv) == INV_STATUS_PENDING ? INV_ACTION_RESEND : 0;
}

/* Hybridbox cannot renew an invitation: say what does work for this one
 * (a pending one can be resent; the server accepts a new invitation for the
 * address once no pending one is left). */
static const char *send_new_refusal(enum inv_status st)
{
    switch (st) {
    case INV_STATUS_PENDING:
        return _("Hybridbox has no 'send new invitation'; this one is still pending, so resend "
                 "it instead.");
    case INV_STATUS_EXPIRED:
        return _("Hybridbox has no 'send new invitation' and cannot resend an expired one: "
                 "create a new invitation for the address instead.");
    case INV_STATUS_REVOKED:
        return _("Hybridbox has no 'send new invitation' and cannot resend a revoked one: "
                 "create a new invitation for the address instead.");
    case INV_STATUS_ACCEPTED:
        return _("The user has already accepted the invitation.");
    default:
        return _("Hybridbox has no 'send new invitation', and this invitation's status is "
                 "unknown.");
    }
}

const char *hybridbox_action_refusal(const struct invitation *inv, enum inv_action action,
                                     time_t now)
{
    (void)now;
    if (action == INV_ACTION_SEND_NEW)
        return send_new_refusal(server_status(inv));
    if (action != INV_ACTION_RESEND)
        return _("This action is not available for Hybridbox invitations.");
    switch (server_status(inv)) {
    case INV_STATUS_PENDING:
        return NULL;
    case INV_STATUS_EXPIRED:
        return _("Only pending invitations can be resent (this one is expired).");
    case INV_STATUS_ACCEPTED:
        return _("Only pending invitations can be resent (this one was accepted).");
    case INV_STATUS_REVOKED:
        return _("Only pending invitations can be resent (this one was revoked).");
    default:
        return _("Only pending invitations can be resent (this one has an unknown status).");
    }
}

enum inv_status hybridbox_status_from_raw(const char *raw)
{
    if (strcasecmp(raw, "pending") == 0)
        return INV_STATUS_PENDING;
    if (strcasecmp(raw, "accepted") == 0)
        return INV_STATUS_ACCEPTED;
    if (strcasecmp(raw, "expired") == 0)
        return INV_STATUS_EXPIRED;
    if (strcasecmp(raw, "revoked") == 0)
        return INV_STATUS_REVOKED;
    return INV_STATUS_OTHER;
}

static void explain_assignment_from(struct explain_owned *out, const json_t *a)
{
    const char *role = json_util_str(a, "role_key"), *cap = json_util_str(a, "capability_key");
    const char *group = json_util_str(a, "group_id"), *grant = json_util_str(a, "grant_kind");

    if (role && *role)
        explain_owned_add(out, role, NULL, NULL, false);
    else if (cap && *cap)
        explain_owned_add(out, NULL, cap, NULL, false);
    else if (group && *group)
        explain_owned_add(out, NULL, NULL, group, false);
    else if (grant && strcmp(grant, "account_owner") == 0)
        explain_owned_add(out, NULL, NULL, NULL, true);
    else /* an assignment that grants nothing we can name still counts */
        explain_owned_add(out, NULL, NULL, NULL, false);
}

int hybridbox_explain_subject(const struct invitation *inv, struct explain_owned *out)
{
    json_t *root = invitation_object(inv);
    const json_t *v;
    size_t i;

    *out = (struct explain_owned){0};
    if (!root)
        return -1;
    json_array_foreach(json_object_get(root, "assignments"), i, v)
        if (json_is_object(v))
            explain_assignment_from(out, v);
    const json_t *ctx = json_object_get(root, "permission_context");
    json_array_foreach(json_object_get(ctx, "resolved_capability_keys"), i, v)
        if (json_is_string(v))
            explain_owned_add_resolved(out, json_string_value(v));
    const json_t *owners = json_object_get(ctx, "owner_assignments");
    if (json_is_array(owners) && json_array_size(owners) > 0)
        out->subject.owner = true;
    json_decref(root);
    return 0;
}

static char *dup_nonempty(const json_t *o, const char *key)
{
    const char *s = json_util_str(o, key);

    return s && *s ? xstrdup(s) : NULL;
}

int hybridbox_reissue_request(const struct invitation *inv, struct create_request *out)
{
    json_t *root = invitation_object(inv);
    const json_t *v;
    size_t i;

    *out = (struct create_request){0};
    if (!root)
        return -1;
    out->email = dup_nonempty(root, "email");
    out->note = dup_nonempty(root, "note");
    const json_t *asg = json_object_get(root, "assignments");
    out->assignments = xcalloc(json_array_size(asg) + 1, sizeof(*out->assignments));
    json_array_foreach(asg, i, v) {
        struct create_assignment a = {dup_nonempty(v, "role_key"), dup_nonempty(v, "capability_key"),
                                      dup_nonempty(v, "group_id"), dup_nonempty(v, "resource_id")};
        /* An owner grant has no key a create request can carry. */
        if (a.role_key || a.capability_key || a.group_id)
            out->assignments[out->nassignments++] = a;
        else
            free(a.resource_id);
    }
    json_decref(root);
    return 0;
}
