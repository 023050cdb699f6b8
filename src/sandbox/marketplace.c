#include "config.h"

#include "marketplace.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "mp_create.h"
#include "mp_groups.h"
#include "mp_index.h"
#include "mp_json.h"
#include "mp_scoped.h"
#include "redirect.h"
#include "rql.h"

static atomic_ullong trace_counter;

static const char *problem_type(unsigned status)
{
    switch (status) {
    case 400: return "https://tools.ietf.org/html/rfc9110#section-15.5.1";
    case 401: return "https://tools.ietf.org/html/rfc9110#section-15.5.2";
    case 403: return "https://tools.ietf.org/html/rfc9110#section-15.5.4";
    case 404: return "https://tools.ietf.org/html/rfc9110#section-15.5.5";
    case 405: return "https://tools.ietf.org/html/rfc9110#section-15.5.6";
    case 409: return "https://tools.ietf.org/html/rfc9110#section-15.5.10";
    case 413: return "https://tools.ietf.org/html/rfc9110#section-15.5.14";
    case 429: return "https://tools.ietf.org/html/rfc6585#section-4";
    case 503: return "https://tools.ietf.org/html/rfc9110#section-15.6.4";
    default: return "https://tools.ietf.org/html/rfc9110#section-15.6.1";
    }
}

void mp_trace_id(char out[64])
{
    unsigned long long n = atomic_fetch_add(&trace_counter, 1) + 1;

    /* Deterministic but spread over every digit, as real W3C trace ids are:
     * a client showing a short prefix must see different prefixes. */
    unsigned long long hi = (n * 0xd1b54a32d192ed03ULL) ^ 0x5a4db0c5a5a5a5a5ULL;

    snprintf(out, 64, "00-%016llx%016llx-%016llx-00", hi, n * 0x9e3779b97f4a7c15ULL, n);
}

void mp_problem_begin(struct jsonw *w, unsigned status, const char *title, const char *detail,
                      const char *instance)
{
    char trace[64];

    mp_trace_id(trace);
    jsonw_obj_begin(w);
    jsonw_kstr(w, "type", problem_type(status));
    jsonw_kstr(w, "title", title);
    jsonw_kint(w, "status", status);
    if (detail)
        jsonw_kstr(w, "detail", detail);
    if (instance)
        jsonw_kstr(w, "instance", instance);
    jsonw_kstr(w, "traceId", trace);
}

void mp_problem(struct sb_response *resp, unsigned status, const char *title, const char *detail)
{
    struct strbuf sb;
    struct jsonw w;

    strbuf_init(&sb);
    jsonw_init(&w, &sb);
    mp_problem_begin(&w, status, title, detail, resp->instance);
    jsonw_obj_end(&w);
    sb_respond(resp, status, &sb, "application/problem+json");
}

static void not_found(struct sb_response *resp, const char *detail)
{
    mp_problem(resp, 404, "Not Found", detail);
}

/* ---- Collections ----------------------------------------------------------- */

/* Writes obj; cls is what the collection passed along (a user shape). */
typedef void (*write_fn)(struct jsonw *w, const void *obj, bool audit, const void *cls);

static void write_user_obj(struct jsonw *w, const void *obj, bool audit, const void *cls)
{
    const struct mp_user_shape *shape = cls;

    shape->write(w, obj, audit);
}

static void write_account_obj(struct jsonw *w, const void *obj, bool audit, const void *cls)
{
    (void)cls;
    mp_write_account(w, obj, audit);
}

static void write_group_obj(struct jsonw *w, const void *obj, bool audit, const void *cls)
{
    const struct mp_group_ref *r = obj;

    (void)cls;
    mp_write_group(w, r->acc, r->g, audit);
}

static void bad_query(struct sb_response *resp, char *err)
{
    mp_problem(resp, 400, "Invalid RQL query", err);
    free(err);
}

/* Writes the envelope around page (the n objects from q->offset on) of a
 * collection of total objects. */
static void respond_page(struct sb_response *resp, const struct rql_query *q,
                         const void *const *page, size_t n, size_t total, write_fn write,
                         const void *cls)
{
    struct strbuf sb;
    struct jsonw w;

    strbuf_init(&sb);
    jsonw_init(&w, &sb);
    jsonw_obj_begin(&w);
    jsonw_key(&w, "$meta");
    jsonw_obj_begin(&w);
    jsonw_key(&w, "pagination");
    jsonw_obj_begin(&w);
    jsonw_kint(&w, "offset", q->offset);
    jsonw_kint(&w, "limit", q->limit);
    jsonw_kint(&w, "total", (long long)total);
    jsonw_obj_end(&w);
    if (!q->select_audit) {
        jsonw_key(&w, "omitted");
        jsonw_arr_begin(&w);
        jsonw_str(&w, "audit");
        jsonw_arr_end(&w);
    }
    jsonw_obj_end(&w);
    jsonw_key(&w, "data");
    jsonw_arr_begin(&w);
    for (size_t i = 0; i < n; i++)
        write(&w, page[i], q->select_audit, cls);
    jsonw_arr_end(&w);
    jsonw_obj_end(&w);
    sb_respond(resp, 200, &sb, "application/json");
}

/* The page's bounds within total objects: [*start, *start + return). */
static size_t page_bounds(const struct rql_query *q, size_t total, size_t *start)
{
    size_t off = (size_t)q->offset, lim = (size_t)q->limit;

    *start = off < total ? off : total;
    return total - *start < lim ? total - *start : lim;
}

/* Filters, sorts and pages objs (objects in natural order, all of them
 * pointer-stable while the lock is held), then writes the envelope. For
 * the small collections (accounts, groups); users go through mp_index. */
static void respond_collection(struct sb_response *resp, const struct rql_query *q,
                               const void **objs, size_t n, rql_getter get, write_fn write)
{
    size_t kept = 0, start;

    for (size_t i = 0; i < n; i++)
        if (!q->filter || rql_match(q->filter, get, objs[i]))
            objs[kept++] = objs[i];
    if (q->order.n)
        rql_sort(objs, kept, &q->order, get);
    size_t len = page_bounds(q, kept, &start);
    respond_page(resp, q, objs + start, len, kept, write, NULL);
}

/* --redirect-lists: a page request (limit > 0) is sent to the download
 * location instead of being answered; there it is served. True when resp
 * is the redirect. */
static bool redirected(struct sb_request *req, struct sb_response *resp,
                       const struct rql_query *q)
{
    if (req->download) {
        redirect_count(REDIRECT_DOWNLOAD);
        return false;
    }
    if (!req->redirect_lists || q->limit == 0)
        return false;
    redirect_count(REDIRECT_REDIRECTED);
    resp->status = 302;
    resp->location = redirect_location(req->host, req->port, req->raw_path, req->raw_query);
    return true;
}

/* Parses and checks the query of a collection; 0, or -1 after answering
 * (a 400, or the redirect to the download location). */
static int parse_query(struct sb_request *req, struct sb_response *resp, struct rql_query *q,
                       const char *const *fields)
{
    char *err = NULL;

    if (rql_parse_query(req->raw_query, q, &err) < 0) {
        bad_query(resp, err);
        return -1;
    }
    if (rql_check_fields(q, fields, &err) < 0) {
        rql_query_free(q);
        bad_query(resp, err);
        return -1;
    }
    if (redirected(req, resp, q)) {
        rql_query_free(q);
        return -1;
    }
    return 0;
}

/* The filtered, sorted users come from mp_index's cache, so a page costs
 * the page; only its items are copied, with the request's clock. */
static void list_users(struct sb_request *req, struct sb_response *resp, struct mp_account *only,
                       const struct mp_user_shape *shape)
{
    struct rql_query q;
    size_t total, start;

    if (parse_query(req, resp, &q, shape->fields) < 0)
        return;
    const struct mp_user_ref *all = mp_index_users(req->st, only, shape, &q, req->now, &total);
    size_t n = page_bounds(&q, total, &start);
    struct mp_user_ref *refs = xcalloc(n + 1, sizeof(*refs));
    const void **page = xcalloc(n + 1, sizeof(*page));
    for (size_t i = 0; i < n; i++) {
        refs[i] = all[start + i];
        refs[i].now = req->now;
        page[i] = &refs[i];
    }
    respond_page(resp, &q, page, n, total, write_user_obj, shape);
    free(page);
    free(refs);
    rql_query_free(&q);
}

static void list_accounts(struct sb_request *req, struct sb_response *resp)
{
    struct rql_query q;

    if (parse_query(req, resp, &q, mp_account_fields) < 0)
        return;
    const void **objs = xcalloc(req->st->n_mp + 1, sizeof(*objs));
    for (size_t i = 0; i < req->st->n_mp; i++)
        objs[i] = &req->st->mp[i];
    respond_collection(resp, &q, objs, req->st->n_mp, mp_account_get, write_account_obj);
    free(objs);
    rql_query_free(&q);
}

static void list_groups(struct sb_request *req, struct sb_response *resp)
{
    struct rql_query q;
    size_t n = 0, total = 0;

    if (parse_query(req, resp, &q, mp_group_fields) < 0)
        return;
    for (size_t i = 0; i < req->st->n_mp; i++)
        total += req->st->mp[i].n_groups;
    struct mp_group_ref *refs = xcalloc(total + 1, sizeof(*refs));
    const void **objs = xcalloc(total + 1, sizeof(*objs));
    for (size_t i = 0; i < req->st->n_mp; i++)
        for (size_t j = 0; j < req->st->mp[i].n_groups; j++) {
            refs[n] = (struct mp_group_ref){ &req->st->mp[i], &req->st->mp[i].groups[j] };
            objs[n] = &refs[n];
            n++;
        }
    respond_collection(resp, &q, objs, n, mp_group_get, write_group_obj);
    free(objs);
    free(refs);
    rql_query_free(&q);
}

/* ---- Single objects and actions ------------------------------------------- */

static bool wants_audit(struct sb_request *req)
{
    char *select = sb_query_get(req->raw_query, "select");
    bool audit = select && strstr(select, "audit") && !strstr(select, "-audit");

    free(select);
    return audit;
}

static void respond_user(struct sb_request *req, struct sb_response *resp, unsigned status,
                         const struct mp_account *a, const struct mp_user *u,
                         const struct mp_user_shape *shape)
{
    struct mp_user_ref r = { a, u, req->now };
    struct strbuf sb;
    struct jsonw w;

    strbuf_init(&sb);
    jsonw_init(&w, &sb);
    shape->write(&w, &r, wants_audit(req));
    sb_respond(resp, status, &sb, "application/json");
}

static void invite_action(struct sb_request *req, struct sb_response *resp,
                          struct mp_account *a, struct mp_user *u, bool send_new,
                          const struct mp_user_shape *shape)
{
    enum mp_status s = mp_effective_status(u, req->now);
    enum mp_status need = send_new ? MP_EXPIRED : MP_INVITED;

    req->action.email = xstrdup(u->email);
    if (s != need) {
        char *detail = xasprintf("%s requires invitation status %s; the account user %s is %s.",
                                 send_new ? "send-new-invite" : "resend-invite",
                                 mp_status_name(need), u->id, mp_status_name(s));
        mp_problem(resp, MP_WRONG_STATE_STATUS, "Invalid account user state", detail);
        free(detail);
        return;
    }
    /* Both actions issue a new link and restart the 7-day window. */
    u->status = MP_INVITED;
    u->invited_at = req->now;
    u->updated_at = req->now;
    u->updated_by = 1;
    u->invite_code = data_new_code(req->st);
    respond_user(req, resp, 200, a, u, shape);
}

static void delete_user(struct sb_response *resp, struct mp_account *a, struct mp_user *u)
{
    size_t i = (size_t)(u - a->users);

    data_mp_user_free(u);
    memmove(&a->users[i], &a->users[i + 1], (a->n_users - i - 1) * sizeof(*u));
    a->n_users--;
    resp->status = 204;
}

static bool method_is(const struct sb_request *req, const char *m)
{
    return strcmp(req->method, m) == 0;
}

static void method_not_allowed(struct sb_response *resp)
{
    mp_problem(resp, 405, "Method Not Allowed", NULL);
}

/* rest: the segments after .../users or .../account-users; acc is NULL for
 * the standalone form (ids are AUSR, items AccountUsers), else the route's
 * account (ids USR, items user-shaped, whatever the action). */
static void route_users(struct sb_request *req, struct sb_response *resp, struct mp_account *acc,
                        char **rest, size_t n)
{
    const struct mp_user_shape *shape = acc ? &mp_scoped_user_shape : &mp_account_user_shape;

    if (n == 0) {
        if (method_is(req, "GET"))
            list_users(req, resp, acc, shape);
        else if (method_is(req, "POST"))
            mp_create_user(req, resp, acc, shape);
        else
            method_not_allowed(resp);
        return;
    }
    bool resend = n == 2 && !strcmp(rest[1], "resend-invite");
    bool send_new = n == 2 && !strcmp(rest[1], "send-new-invite");
    bool groups = (n == 2 || n == 3) && !strcmp(rest[1], "groups");
    if (n > 3 || (n >= 2 && !resend && !send_new && !groups)) {
        not_found(resp, NULL);
        return;
    }
    if (groups ? false : n == 2 ? !method_is(req, "POST")
                                : !method_is(req, "GET") && !method_is(req, "DELETE")) {
        method_not_allowed(resp);
        return;
    }
    /* A group change names its action once the method is checked (mp_groups.c). */
    const char *action = resend ? "resend" : send_new ? "send-new" : groups ? "group"
                         : method_is(req, "DELETE") ? "delete" : NULL;
    if (action) {
        req->action.provider = "marketplace";
        req->action.action = action;
        req->action.id = xstrdup(rest[0]);
        req->action.account_id = xstrdup_or_null(acc ? acc->id : NULL);
    }
    struct mp_account *a = acc;
    struct mp_user *u = acc ? data_mp_user_by_usr(acc, rest[0])
                            : data_mp_user_by_ausr(req->st, rest[0], &a);
    if (!u) {
        char *detail = xasprintf("Account user '%s' was not found.", rest[0]);
        not_found(resp, detail);
        free(detail);
        return;
    }
    if (action && !acc)
        req->action.account_id = xstrdup(a->id);
    if (groups) {
        if (mp_user_groups(req, resp, a, u, n == 3 ? rest[2] : NULL))
            respond_user(req, resp, 200, a, u, shape);
    } else if (resend || send_new)
        invite_action(req, resp, a, u, send_new, shape);
    else if (method_is(req, "DELETE")) {
        req->action.email = xstrdup(u->email);
        delete_user(resp, a, u);
    } else
        respond_user(req, resp, 200, a, u, shape);
}

static void get_one_account(struct sb_request *req, struct sb_response *resp,
                            struct mp_account *a)
{
    struct strbuf sb;
    struct jsonw w;

    if (!method_is(req, "GET")) {
        method_not_allowed(resp);
        return;
    }
    strbuf_init(&sb);
    jsonw_init(&w, &sb);
    mp_write_account(&w, a, wants_audit(req));
    sb_respond(resp, 200, &sb, "application/json");
}

static void route_groups(struct sb_request *req, struct sb_response *resp, char **s, size_t n)
{
    if (!method_is(req, "GET")) {
        method_not_allowed(resp);
        return;
    }
    if (n == 4) {
        list_groups(req, resp);
        return;
    }
    for (size_t i = 0; n == 5 && i < req->st->n_mp; i++) {
        struct mp_group *g = data_mp_group(&req->st->mp[i], s[4], NULL);
        if (g) {
            struct strbuf sb;
            struct jsonw w;
            strbuf_init(&sb);
            jsonw_init(&w, &sb);
            mp_write_group(&w, &req->st->mp[i], g, wants_audit(req));
            sb_respond(resp, 200, &sb, "application/json");
            return;
        }
    }
    not_found(resp, NULL);
}

/* /public/v1/accounts/accounts/{id}[/users...] and the 2025 spelling
 * /public/v1/accounts/{id}/users... */
static void route_account(struct sb_request *req, struct sb_response *resp, const char *id,
                          char **rest, size_t n)
{
    struct mp_account *a = data_mp_account(req->st, id);

    if (n > 0 && strcmp(rest[0], "users") != 0) {
        not_found(resp, NULL);
        return;
    }
    if (!a) {
        char *detail = xasprintf("Account '%s' was not found.", id);
        not_found(resp, detail);
        free(detail);
        return;
    }
    if (n == 0)
        get_one_account(req, resp, a);
    else
        route_users(req, resp, a, rest + 1, n - 1);
}

/* The collection routes (after /public/v1/accounts): accounts,
 * account-users, user-groups, and both spellings of an account's users. */
static bool is_collection(char **s, size_t n)
{
    if (n == 4)
        return !strcmp(s[3], "accounts") || !strcmp(s[3], "account-users") ||
               !strcmp(s[3], "user-groups");
    if (n == 6)
        return !strcmp(s[3], "accounts") && !strcmp(s[5], "users");
    return n == 5 && !strncmp(s[3], "ACC-", 4) && !strcmp(s[4], "users");
}

void mp_handle(struct sb_request *req, struct sb_response *resp)
{
    char **s = req->segs;
    size_t n = req->n_segs;

    if (n < 4 || strcmp(s[0], "public") || strcmp(s[1], "v1") || strcmp(s[2], "accounts")) {
        not_found(resp, NULL);
        return;
    }
    /* The download location was reached without a token: it must serve
     * nothing but the collection pages it redirects to. */
    if (req->download && !is_collection(s, n)) {
        not_found(resp, "The download location serves collection pages only.");
        return;
    }
    if (!strcmp(s[3], "accounts")) {
        if (n == 4) {
            if (method_is(req, "GET"))
                list_accounts(req, resp);
            else
                method_not_allowed(resp);
        } else {
            route_account(req, resp, s[4], s + 5, n - 5);
        }
    } else if (!strcmp(s[3], "account-users")) {
        route_users(req, resp, NULL, s + 4, n - 4);
    } else if (!strcmp(s[3], "user-groups") && n <= 5) {
        route_groups(req, resp, s, n);
    } else if (!strncmp(s[3], "ACC-", 4) && n >= 5) {
        route_account(req, resp, s[3], s + 4, n - 4);
    } else {
        not_found(resp, NULL);
    }
}
