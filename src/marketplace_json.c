#include "config.h"

#include "invitui/marketplace_json.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/i18n.h"
#include "invitui/json_util.h"
#include "invitui/query.h"

/* Percent-encoding for RQL in a query string: its punctuation stays. */
#define RQL_KEEP "()*,="

static bool digits(const char **pp, int n)
{
    for (int i = 0; i < n; i++, (*pp)++)
        if (**pp < '0' || **pp > '9')
            return false;
    return true;
}

bool marketplace_id_valid(enum mkt_id kind, const char *s)
{
    static const struct {
        const char *prefix;
        int groups;
    } shapes[] = {
        [MKT_ID_AUSR] = {"AUSR-", 3},
        [MKT_ID_USR] = {"USR-", 2},
        [MKT_ID_ACC] = {"ACC-", 2},
        [MKT_ID_UGR] = {"UGR-", 2},
    };
    const char *p = s;
    size_t plen;

    if (!s || (unsigned)kind >= ARRAY_SIZE(shapes))
        return false;
    plen = strlen(shapes[kind].prefix);
    if (strncmp(p, shapes[kind].prefix, plen) != 0)
        return false;
    p += plen;
    for (int g = 0; g < shapes[kind].groups; g++) {
        if (g > 0 && *p++ != '-')
            return false;
        if (!digits(&p, 4))
            return false;
    }
    return *p == '\0';
}

static int check(enum mkt_id kind, const char *id, struct api_error *err)
{
    if (marketplace_id_valid(kind, id))
        return 0;
    id = id ? id : "";
    switch (kind) {
    case MKT_ID_AUSR:
        return api_error_set(err, API_ERR_USAGE,
                             _("Invalid account user id '%s': expected AUSR-NNNN-NNNN-NNNN."), id);
    case MKT_ID_USR:
        return api_error_set(err, API_ERR_USAGE,
                             _("Invalid user id '%s': expected USR-NNNN-NNNN."), id);
    case MKT_ID_ACC:
        return api_error_set(err, API_ERR_USAGE,
                             _("Invalid account id '%s': expected ACC-NNNN-NNNN."), id);
    default:
        return api_error_set(err, API_ERR_USAGE,
                             _("Invalid user group id '%s': expected UGR-NNNN-NNNN."), id);
    }
}

/* ---- RQL ---- */

static bool rql_plain(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
           || c == '@' || c == '.' || c == '_' || c == '+' || c == '-';
}

void marketplace_rql_value(struct strbuf *out, const char *value)
{
    bool quote = *value == '\0';

    for (const char *p = value; *p && !quote; p++)
        if (!rql_plain(*p))
            quote = true;
    if (quote)
        strbuf_putc(out, '"');
    for (const char *p = value; *p; p++) {
        if (*p == '*' || (quote && (*p == '"' || *p == '\\')))
            strbuf_putc(out, '\\');
        strbuf_putc(out, *p);
    }
    if (quote)
        strbuf_putc(out, '"');
}

/* ilike(FIELD,*TEXT*): the wildcards go inside the quotes if any. */
static void rql_ilike(struct strbuf *out, const char *field, const char *text)
{
    struct strbuf v;

    strbuf_init(&v);
    marketplace_rql_value(&v, text);
    strbuf_printf(out, "ilike(%s,", field);
    if (v.data[0] == '"') {
        strbuf_puts(out, "\"*");
        strbuf_append(out, v.data + 1, v.len - 2);
        strbuf_puts(out, "*\"");
    } else {
        strbuf_putc(out, '*');
        strbuf_puts(out, v.data);
        strbuf_putc(out, '*');
    }
    strbuf_putc(out, ')');
    strbuf_free(&v);
}

/* Server statuses that may hold rows of a triage status: "expired" also
 * takes Invited rows, since their computed expiry may have passed while the
 * server still says Invited. */
static const char *server_status_rql(int status)
{
    switch (status) {
    case INV_STATUS_PENDING:
        return "eq(invitation.status,Invited)";
    case INV_STATUS_EXPIRED:
        return "in(invitation.status,(Invited,InvitationExpired))";
    case INV_STATUS_ACCEPTED:
        return "eq(invitation.status,Active)";
    default:
        return NULL; /* filtered client-side only */
    }
}

/* The terms of a query and the account filter, joined with and(). */
static char *rql_terms(const char *account_term, const struct invitation_query *q,
                       const char *email_field)
{
    const char *terms[3];
    size_t n = 0;
    struct strbuf sb, email;

    strbuf_init(&sb);
    strbuf_init(&email);
    if (account_term)
        terms[n++] = account_term;
    if (q && server_status_rql(q->status))
        terms[n++] = server_status_rql(q->status);
    if (q && !util_str_empty(q->email)) {
        rql_ilike(&email, email_field, q->email);
        terms[n++] = email.data;
    }
    if (n > 1)
        strbuf_puts(&sb, "and(");
    for (size_t i = 0; i < n; i++) {
        if (i)
            strbuf_putc(&sb, ',');
        strbuf_puts(&sb, terms[i]);
    }
    if (n > 1)
        strbuf_putc(&sb, ')');
    strbuf_free(&email);
    return strbuf_detach(&sb, NULL);
}

char *marketplace_rql_for_query(const struct invitation_query *q)
{
    return rql_terms(NULL, q, "user.email");
}

/* ---- URLs ---- */

static bool ends_with(const char *s, size_t len, const char *tail)
{
    size_t n = strlen(tail);

    return len >= n && strncmp(s + len - n, tail, n) == 0;
}

size_t marketplace_base_root_len(const char *base)
{
    size_t len = strlen(base);

    while (len > 0 && base[len - 1] == '/')
        len--;
    if (ends_with(base, len, "/public/v1"))
        len -= strlen("/public/v1");
    else if (ends_with(base, len, "/public"))
        len -= strlen("/public");
    while (len > 0 && base[len - 1] == '/')
        len--;
    return len;
}

/* The docs give the base as .../public and the official client strips a
 * trailing /public or /public/v1, so every spelling yields the same URLs. */
static void accounts_prefix(struct strbuf *sb, const char *base)
{
    strbuf_append(sb, base, marketplace_base_root_len(base));
    strbuf_puts(sb, "/public/v1/accounts/");
}

char *marketplace_url_accounts(const char *base, long offset)
{
    struct strbuf sb;

    strbuf_init(&sb);
    accounts_prefix(&sb, base);
    strbuf_printf(&sb, "accounts?limit=%d&offset=%ld", MARKETPLACE_PAGE_LIMIT, offset);
    return strbuf_detach(&sb, NULL);
}

char *marketplace_url_users(const char *base, enum user_path path, const char *account_id,
                            const struct invitation_query *q, long offset,
                            struct api_error *err)
{
    struct strbuf sb;
    char *rql, *account_term = NULL;

    if (check(MKT_ID_ACC, account_id, err) < 0)
        return NULL;
    strbuf_init(&sb);
    accounts_prefix(&sb, base);
    if (path == USER_PATH_STANDALONE) {
        /* Account-user items: the AUSR ids the invite actions take. */
        account_term = xasprintf("eq(account.id,\"%s\")", account_id);
        strbuf_puts(&sb, "account-users?");
        rql = rql_terms(account_term, q, "user.email");
    } else {
        /* User-shaped items (USR ids, top-level email). */
        strbuf_puts(&sb, "accounts/");
        query_escape(&sb, account_id, NULL);
        strbuf_puts(&sb, "/users?");
        rql = rql_terms(NULL, q, "email");
    }
    if (*rql) {
        query_escape(&sb, rql, RQL_KEEP);
        strbuf_putc(&sb, '&');
    }
    free(rql);
    free(account_term);
    strbuf_printf(&sb, "select=+audit&limit=%d&offset=%ld", MARKETPLACE_PAGE_LIMIT, offset);
    return strbuf_detach(&sb, NULL);
}

char *marketplace_url_groups(const char *base, const char *account_id, long offset,
                             struct api_error *err)
{
    struct strbuf sb;
    char *rql;

    if (check(MKT_ID_ACC, account_id, err) < 0)
        return NULL;
    rql = xasprintf("eq(account.id,\"%s\")", account_id);
    strbuf_init(&sb);
    accounts_prefix(&sb, base);
    strbuf_puts(&sb, "user-groups?");
    query_escape(&sb, rql, RQL_KEEP);
    strbuf_printf(&sb, "&limit=%d&offset=%ld", MARKETPLACE_PAGE_LIMIT, offset);
    free(rql);
    return strbuf_detach(&sb, NULL);
}

static void standalone_user(struct strbuf *sb, const char *base, const char *ausr)
{
    accounts_prefix(sb, base);
    strbuf_puts(sb, "account-users/");
    query_escape(sb, ausr, NULL);
}

static int scoped_user(struct strbuf *sb, const char *base, const char *account_id,
                       const char *usr, struct api_error *err)
{
    if (check(MKT_ID_ACC, account_id, err) < 0 || check(MKT_ID_USR, usr, err) < 0)
        return -1;
    accounts_prefix(sb, base);
    strbuf_puts(sb, "accounts/");
    query_escape(sb, account_id, NULL);
    strbuf_puts(sb, "/users/");
    query_escape(sb, usr, NULL);
    return 0;
}

char *marketplace_url_user_get(const char *base, const char *account_id, const char *id,
                               struct api_error *err)
{
    struct strbuf sb;

    strbuf_init(&sb);
    if (marketplace_id_valid(MKT_ID_AUSR, id)) {
        standalone_user(&sb, base, id);
    } else if (!marketplace_id_valid(MKT_ID_USR, id)) {
        strbuf_free(&sb);
        api_error_set(err, API_ERR_USAGE,
                      _("Invalid id '%s': expected an account user id (AUSR-NNNN-NNNN-NNNN) or "
                        "a user id (USR-NNNN-NNNN)."), id ? id : "");
        return NULL;
    } else if (!account_id) {
        strbuf_free(&sb);
        api_error_set(err, API_ERR_USAGE,
                      _("A user id (%s) is looked up in an account: name it with --account."),
                      id);
        return NULL;
    } else if (scoped_user(&sb, base, account_id, id, err) < 0) {
        strbuf_free(&sb);
        return NULL;
    }
    strbuf_puts(&sb, "?select=+audit");
    return strbuf_detach(&sb, NULL);
}

char *marketplace_url_create(const char *base, enum user_path path, const char *account_id,
                             struct api_error *err)
{
    struct strbuf sb;

    if (check(MKT_ID_ACC, account_id, err) < 0)
        return NULL;
    strbuf_init(&sb);
    accounts_prefix(&sb, base);
    if (path == USER_PATH_STANDALONE) {
        strbuf_puts(&sb, "account-users");
    } else {
        strbuf_puts(&sb, "accounts/");
        query_escape(&sb, account_id, NULL);
        strbuf_puts(&sb, "/users");
    }
    return strbuf_detach(&sb, NULL);
}

char *marketplace_url_member(const char *base, enum user_path path,
                             const struct invitation *inv, const char *suffix,
                             struct api_error *err)
{
    struct strbuf sb;
    bool ausr = marketplace_id_valid(MKT_ID_AUSR, inv->id);

    strbuf_init(&sb);
    if (ausr && (path == USER_PATH_STANDALONE || !inv->user_id)) {
        standalone_user(&sb, base, inv->id);
    } else if (!inv->user_id && !ausr) {
        /* Never derive an AUSR id from a USR one: they are different objects. */
        strbuf_free(&sb);
        api_error_set(err, API_ERR_USAGE,
                      _("The server sent no account user id (AUSR-\xe2\x80\xa6) or user id "
                        "(USR-\xe2\x80\xa6) for this row; reload the list."));
        return NULL;
    } else if (scoped_user(&sb, base, inv->account_id, inv->user_id, err) < 0) {
        strbuf_free(&sb);
        return NULL;
    }
    strbuf_puts(&sb, suffix);
    return strbuf_detach(&sb, NULL);
}

char *marketplace_url_invite_action(const char *base, enum user_path path,
                                    const struct invitation *inv, enum inv_action action,
                                    struct api_error *err)
{
    return marketplace_url_member(base, path, inv,
                                  action == INV_ACTION_SEND_NEW ? "/send-new-invite"
                                                                : "/resend-invite",
                                  err);
}

/* ---- bodies ---- */

static void require(struct api_error *err, bool *bad, const char *field, const char *message)
{
    if (!*bad)
        api_error_set(err, API_ERR_USAGE, _("The invitation is incomplete or invalid."));
    *bad = true;
    api_error_add_field(err, field, message);
}

char *marketplace_body_create(const char *account_id, const struct create_request *req,
                              struct api_error *err)
{
    bool bad = false;
    json_t *root, *user, *groups;

    if (util_str_empty(req->email))
        require(err, &bad, "user.email", _("Required."));
    if (util_str_empty(req->first_name))
        require(err, &bad, "user.firstName", _("Required."));
    if (util_str_empty(req->last_name))
        require(err, &bad, "user.lastName", _("Required."));
    if (req->groups.n == 0)
        require(err, &bad, "groups", _("Choose at least one group."));
    for (size_t i = 0; i < req->groups.n; i++)
        if (!marketplace_id_valid(MKT_ID_UGR, req->groups.v[i]))
            require(err, &bad, "groups", _("Group ids look like UGR-NNNN-NNNN."));
    if (!marketplace_id_valid(MKT_ID_ACC, account_id))
        require(err, &bad, "account.id", _("Account ids look like ACC-NNNN-NNNN."));
    if (bad)
        return NULL;
    root = json_object();
    user = json_object();
    json_util_set_str(user, "email", req->email);
    json_util_set_str(user, "firstName", req->first_name);
    json_util_set_str(user, "lastName", req->last_name);
    json_object_set_new(root, "user", user);
    json_object_set_new(root, "account", json_pack("{s:s}", "id", account_id));
    groups = json_array();
    for (size_t i = 0; i < req->groups.n; i++)
        json_array_append_new(groups, json_pack("{s:s}", "id", req->groups.v[i]));
    json_object_set_new(root, "groups", groups);
    json_object_set_new(root, "invitation", json_pack("{s:s}", "status", "Invited"));
    char *s = json_util_compact(root);
    json_decref(root);
    return s;
}

/* ---- paging ---- */

int marketplace_next_offsets(long total, long limit, long **offsets, size_t *n,
                             struct api_error *err)
{
    long pages;

    *offsets = NULL;
    *n = 0;
    if (limit <= 0 || total <= limit)
        return 0;
    pages = total / limit + (total % limit != 0);
    if (pages > MARKETPLACE_MAX_PAGES)
        return api_error_set(err, API_ERR_TOO_LARGE,
                             _("The server reports %ld rows; more than invitui can load."),
                             total);
    *n = (size_t)(pages - 1);
    *offsets = xcalloc(*n, sizeof(**offsets));
    for (size_t i = 0; i < *n; i++)
        (*offsets)[i] = (long)(i + 1) * limit;
    return 0;
}

/* Reads $meta.pagination and checks that data is an array. */
static json_t *page_data(const json_t *root, struct mkt_page *page, struct api_error *err)
{
    json_t *data = json_object_get(root, "data");
    long long v;

    memset(page, 0, sizeof(*page));
    if (!json_is_array(data)) {
        api_error_set(err, API_ERR_PARSE, _("The page has no \"data\" array."));
        return NULL;
    }
    page->count = json_array_size(data);
    page->has_meta = json_is_object(json_object_get(root, "$meta"));
    if (json_util_int(root, "$meta.pagination.offset", &v))
        page->offset = (long)v;
    if (json_util_int(root, "$meta.pagination.limit", &v))
        page->limit = (long)v;
    if (json_util_int(root, "$meta.pagination.total", &v) && v >= 0) {
        page->total = (long)v;
        page->has_total = true;
    }
    return data;
}

/* ---- objects ---- */

char *marketplace_summary(const json_t *groups)
{
    struct strbuf sb;
    size_t n = json_is_array(groups) ? json_array_size(groups) : 0;
    size_t shown = 0;

    strbuf_init(&sb);
    for (size_t i = 0; i < n && shown < 2; i++) {
        const char *name = json_util_str(json_array_get(groups, i), "name");
        if (!name)
            name = json_util_str(json_array_get(groups, i), "id");
        if (!name)
            continue;
        if (shown++)
            strbuf_puts(&sb, ", ");
        strbuf_puts(&sb, name);
    }
    if (n > shown)
        strbuf_printf(&sb, " +%zu", n - shown);
    return strbuf_detach(&sb, NULL);
}

static time_t expiry_of(const json_t *obj, const char *raw_status)
{
    static const char *const sources[] = {"audit.invited.at", "audit.updated.at",
                                          "audit.created.at"};
    enum inv_status st = inv_server_status(PROVIDER_MARKETPLACE, raw_status);

    if (st != INV_STATUS_PENDING && st != INV_STATUS_EXPIRED)
        return 0;
    for (size_t i = 0; i < ARRAY_SIZE(sources); i++) {
        time_t t = json_util_time(obj, sources[i]);
        if (t)
            return t + MARKETPLACE_INVITE_SECONDS;
    }
    return 0;
}

/* A string from the nested user (account-user items) or, failing that,
 * from the top level (user-shaped items of the account-scoped lists). */
static const char *user_field(const json_t *obj, const char *key)
{
    const char *v = json_util_str(json_object_get(obj, "user"), key);

    return v ? v : json_util_str(obj, key);
}

static char *display_name(const json_t *obj)
{
    const char *name = user_field(obj, "name");
    const char *first = user_field(obj, "firstName");
    const char *last = user_field(obj, "lastName");

    if (!util_str_empty(name))
        return xstrdup(name);
    if (util_str_empty(first) && util_str_empty(last))
        return NULL;
    if (util_str_empty(first) || util_str_empty(last))
        return xstrdup(util_str_empty(first) ? last : first);
    return xasprintf("%s %s", first, last);
}

/* Both item shapes: an account user (AUSR id, nested user) or a user (USR
 * id, top-level email and name). A USR item keeps its USR id as the row id;
 * actions on it take the account-scoped path. */
static void fill_ids(const json_t *obj, const char *id, const char *account_id,
                     struct invitation *out)
{
    const char *user_id = json_util_str(json_object_get(obj, "user"), "id");

    out->id = xstrdup(id);
    if (!user_id && marketplace_id_valid(MKT_ID_USR, id))
        user_id = id;
    out->user_id = xstrdup_or_null(user_id);
    out->account_id = xstrdup_or_null(account_id ? account_id
                                                 : json_util_str(obj, "account.id"));
}

int marketplace_invitation_from_json(const json_t *obj, const char *account_id, time_t now,
                                     struct invitation *out, struct api_error *err)
{
    const char *id = json_util_str(obj, "id");

    memset(out, 0, sizeof(*out));
    if (!json_is_object(obj))
        return api_error_set(err, API_ERR_PARSE, _("An account user is not a JSON object."));
    if (!id)
        return api_error_set(err, API_ERR_PARSE, _("An account user has no string \"id\"."));
    fill_ids(obj, id, account_id, out);
    out->email = xstrdup_or_null(user_field(obj, "email"));
    out->name = display_name(obj);
    out->raw_status = json_util_dup(obj, "invitation.status");
    if (!out->raw_status)
        out->raw_status = json_util_dup(obj, "status");
    out->link = json_util_dup(obj, "invitation.url");
    out->created_at = json_util_time(obj, "audit.created.at");
    out->accepted_at = json_util_time(obj, "audit.invitationAcceptedAt");
    if (!out->accepted_at)
        out->accepted_at = json_util_time(obj, "audit.joined.at");
    out->expires_at = expiry_of(obj, out->raw_status);
    invitation_set_status(out, PROVIDER_MARKETPLACE, now);
    out->summary = marketplace_summary(json_object_get(obj, "groups"));
    out->raw = json_util_compact(obj);
    invitation_make_shown(out); /* ingress: the one place server text is made terminal-safe */
    return 0;
}

int marketplace_parse_invitation(const char *data, size_t len, const char *account_id,
                                 time_t now, struct invitation *out, struct api_error *err)
{
    json_t *root = json_util_load(data, len, _("The account user could not be read."), err);
    int rc;

    memset(out, 0, sizeof(*out));
    if (!root)
        return -1;
    rc = marketplace_invitation_from_json(root, account_id, now, out, err);
    json_decref(root);
    return rc;
}

/* One page of a collection: each element of data[] goes to `each`; the
 * first element it refuses stops the page with its index in the error. */
typedef int (*page_element_fn)(const json_t *o, void *ctx, struct api_error *err);

static int parse_page(const char *data, size_t len, const char *what, struct mkt_page *page,
                      page_element_fn each, void *ctx, struct api_error *err)
{
    json_t *root = json_util_load(data, len, what, err);
    json_t *items;
    int rc = 0;

    memset(page, 0, sizeof(*page));
    if (!root)
        return -1;
    items = page_data(root, page, err);
    if (!items)
        rc = -1;
    for (size_t i = 0; items && i < json_array_size(items); i++) {
        if (each(json_array_get(items, i), ctx, err) < 0) {
            json_element_error(err, i);
            rc = -1;
            break;
        }
    }
    json_decref(root);
    return rc;
}

struct users_ctx {
    const char *account_id;
    time_t now;
    struct invitation_list *out;
};

static int user_element(const json_t *o, void *ctx, struct api_error *err)
{
    struct users_ctx *c = ctx;
    struct invitation inv;

    if (marketplace_invitation_from_json(o, c->account_id, c->now, &inv, err) < 0) {
        invitation_free(&inv);
        return -1;
    }
    invitation_list_push(c->out, &inv);
    return 0;
}

int marketplace_parse_users_page(const char *data, size_t len, const char *account_id,
                                 time_t now, struct invitation_list *out, struct mkt_page *page,
                                 struct api_error *err)
{
    struct users_ctx c = {account_id, now, out};

    return parse_page(data, len, _("The list of account users could not be read."), page,
                      user_element, &c, err);
}

static int account_element(const json_t *o, void *ctx, struct api_error *err)
{
    const char *id = json_util_str(o, "id");

    if (!id)
        return api_error_set(err, API_ERR_PARSE, _("An account has no string \"id\"."));
    struct account a = {
        .id = xstrdup(id),
        .name = json_util_dup(o, "name"),
        .status = json_util_dup(o, "status"),
        .type = json_util_dup(o, "type"),
    };
    account_make_shown(&a);
    account_list_push(ctx, &a);
    return 0;
}

int marketplace_parse_accounts_page(const char *data, size_t len, struct account_list *out,
                                    struct mkt_page *page, struct api_error *err)
{
    return parse_page(data, len, _("The account list could not be read."), page,
                      account_element, out, err);
}

static int group_element(const json_t *o, void *ctx, struct api_error *err)
{
    const char *id = json_util_str(o, "id");

    if (!id)
        return api_error_set(err, API_ERR_PARSE, _("A user group has no string \"id\"."));
    struct group g = {
        .id = xstrdup(id),
        .name = json_util_dup(o, "name"),
        .description = json_util_dup(o, "description"),
    };
    const json_t *m;
    size_t i;
    /* An absent modules[] is an empty one: the server omits empty values. */
    json_array_foreach(json_object_get(o, "modules"), i, m) {
        const char *mid = json_util_str(m, "id"), *name = json_util_str(m, "name");
        if (mid && *mid && !strvec_contains(&g.grants, mid)) {
            strvec_push(&g.grants, mid);
            strvec_push(&g.grant_names, name ? name : "");
        }
    }
    group_list_push(ctx, &g);
    return 0;
}

int marketplace_parse_groups_page(const char *data, size_t len, struct group_list *out,
                                  struct mkt_page *page, struct api_error *err)
{
    return parse_page(data, len, _("The group list could not be read."), page, group_element,
                      out, err);
}

void marketplace_after_invite(struct invitation *inv, time_t now)
{
    if (inv->expires_at == 0
        && inv_server_status(PROVIDER_MARKETPLACE, inv->raw_status) == INV_STATUS_PENDING)
        inv->expires_at = now + MARKETPLACE_INVITE_SECONDS;
    invitation_set_status(inv, PROVIDER_MARKETPLACE, now);
}

/* ---- actions ---- */

/* The server's status decides (CONTRACT "Decisions"): resend-invite while it
 * says Invited, send-new-invite once it says InvitationExpired. The
 * computed expiry is only a hint: the server flips the status later. */
unsigned marketplace_actions(const struct invitation *inv, time_t now)
{
    (void)now;
    /* Groups change only before acceptance: invitui fixes invitations, and an
     * active member's access is the account administrators' business. */
    switch (inv_server_status(PROVIDER_MARKETPLACE, inv->raw_status)) {
    case INV_STATUS_PENDING:
        return INV_ACTION_RESEND | INV_ACTION_GROUPS | INV_ACTION_REMOVE;
    case INV_STATUS_EXPIRED:
        return INV_ACTION_SEND_NEW | INV_ACTION_GROUPS | INV_ACTION_REMOVE;
    case INV_STATUS_ACCEPTED:
        return INV_ACTION_REMOVE;
    default:
        return 0;
    }
}

const char *marketplace_action_refusal(const struct invitation *inv, enum inv_action action,
                                       time_t now)
{
    enum inv_status st = inv_server_status(PROVIDER_MARKETPLACE, inv->raw_status);

    if (marketplace_actions(inv, now) & action)
        return NULL;
    if (action == INV_ACTION_GROUPS && st == INV_STATUS_ACCEPTED)
        return _("The user has accepted: their groups are changed by the account's "
                 "administrators, not as an invitation fix.");
    if (action == INV_ACTION_GROUPS || action == INV_ACTION_REMOVE)
        return _("This membership was deleted or disabled; there is nothing to change.");
    if (st == INV_STATUS_ACCEPTED)
        return _("The user has already accepted the invitation.");
    if (st == INV_STATUS_REVOKED)
        return _("This membership was deleted or disabled; no invitation can be sent.");
    if (action == INV_ACTION_RESEND)
        return st == INV_STATUS_EXPIRED
                   ? _("This invitation has expired: send a new invitation instead of "
                       "resending.")
                   : _("Only invitations in the state Invited can be resent.");
    if (action == INV_ACTION_SEND_NEW)
        return st == INV_STATUS_PENDING
                   ? _("The server says Invited: resend it; send new needs InvitationExpired.")
                   : _("A new invitation can be sent only once the previous one has expired.");
    return _("This action is not available for Marketplace account users.");
}

/* Statuses are compared with case and spaces ignored ("InvitationExpired",
 * "Invitation Expired", "invitation expired"). */
static bool word_eq_loose(const char *raw, const char *want)
{
    const char *p = raw;

    for (const char *w = want; *w; w++) {
        while (*p == ' ' || *p == '\t' || *p == '_' || *p == '-')
            p++;
        if (tolower((unsigned char)*p) != tolower((unsigned char)*w))
            return false;
        p++;
    }
    while (*p == ' ' || *p == '\t' || *p == '_' || *p == '-')
        p++;
    return *p == '\0';
}

enum inv_status marketplace_status_from_raw(const char *raw)
{
    if (word_eq_loose(raw, "invited"))
        return INV_STATUS_PENDING;
    if (word_eq_loose(raw, "invitationexpired"))
        return INV_STATUS_EXPIRED;
    if (word_eq_loose(raw, "active"))
        return INV_STATUS_ACCEPTED;
    if (word_eq_loose(raw, "deleted") || word_eq_loose(raw, "disabled"))
        return INV_STATUS_REVOKED;
    return INV_STATUS_OTHER;
}
