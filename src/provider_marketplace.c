#include "config.h"

#include "invitui/provider.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/action.h"
#include "invitui/form_desc.h"
#include "invitui/i18n.h"
#include "invitui/json_util.h"
#include "invitui/list_progress.h"
#include "invitui/marketplace_json.h"
#include "invitui/timings.h"

/* The network half of the Marketplace provider: URLs, bodies and parsing
 * come from marketplace_json.c; this file sequences requests and pages. */

/* Requests in flight for multi-page reads: the profile's setting (1..16). */
static int parallelism(const struct provider_ctx *ctx)
{
    int n = ctx->profile->concurrency;

    return n < 1 ? 4 : n > 16 ? 16 : n;
}

enum pager_kind { PAGER_ACCOUNTS, PAGER_USERS, PAGER_GROUPS };

/* One paged collection: what to fetch and where the rows go. */
struct pager {
    enum pager_kind kind;
    const char *base;
    enum user_path path;
    const char *account_id;
    const struct invitation_query *q;
    time_t now;
    struct list_progress *progress; /* users only: told of each page's rows */
    struct account_list accounts;
    struct invitation_list users;
    struct group_list groups;
};

static void pager_free(struct pager *pg)
{
    account_list_free(&pg->accounts);
    invitation_list_free(&pg->users);
    group_list_free(&pg->groups);
}

static char *pager_url(const struct pager *pg, long offset, struct api_error *err)
{
    switch (pg->kind) {
    case PAGER_ACCOUNTS:
        return marketplace_url_accounts(pg->base, offset);
    case PAGER_USERS:
        return marketplace_url_users(pg->base, pg->path, pg->account_id, pg->q, offset, err);
    default:
        return marketplace_url_groups(pg->base, pg->account_id, offset, err);
    }
}

static int pager_parse(struct pager *pg, const struct strbuf *body, struct mkt_page *page,
                       struct api_error *err)
{
    switch (pg->kind) {
    case PAGER_ACCOUNTS:
        return marketplace_parse_accounts_page(body->data, body->len, &pg->accounts, page, err);
    case PAGER_USERS:
        if (marketplace_parse_users_page(body->data, body->len, pg->account_id, pg->now,
                                         &pg->users, page, err) < 0)
            return -1;
        if (page->has_total && page->total > 0)
            list_progress_expect(pg->progress, (size_t)page->total);
        /* Pages are parsed in offset order, so what is handed is a prefix of the list. */
        list_progress_note(pg->progress, &pg->users);
        return 0;
    default:
        return marketplace_parse_groups_page(body->data, body->len, &pg->groups, page, err);
    }
}

static int get_one(const struct provider_ctx *ctx, const char *url, struct http_response *resp,
                   struct api_error *err)
{
    struct http_call call = {.method = HTTP_GET, .url = url, .cancel = ctx->cancel};

    memset(resp, 0, sizeof(*resp));
    strbuf_init(&resp->body);
    return http_perform(ctx->http, &call, resp, err);
}

/* The user list is paged: every transfer of its pages (one, or a parallel
 * batch) is an http_done, and parse_done follows the last page's parse. */
static void users_http_done(const struct pager *pg, size_t pages)
{
    if (pg->kind == PAGER_USERS)
        timings_event("http_done", "pages", json_integer((json_int_t)pages), NULL);
}

static int fetch_page(const struct provider_ctx *ctx, struct pager *pg, long offset,
                      struct mkt_page *page, struct api_error *err)
{
    char *url = pager_url(pg, offset, err);
    struct http_response resp;
    int rc;

    if (!url)
        return -1;
    rc = get_one(ctx, url, &resp, err);
    if (rc == 0)
        users_http_done(pg, 1);
    if (rc == 0)
        rc = pager_parse(pg, &resp.body, page, err);
    http_response_free(&resp);
    free(url);
    return rc;
}

/* Pages fetched per http_get_many call: enough to keep `concurrency`
 * requests in flight, few enough that 100,000 users never hold every page
 * body in memory at once (it was half a gigabyte). */
#define PAGES_PER_BATCH(par) ((size_t)(par) * 4)

/* The pages of one batch, parsed in offset order as they land: a page waits only for the
 * pages before it, so the rows handed on (list_progress) are always a prefix of the list. */
struct batch_parse {
    struct pager *pg;
    struct http_response *resp;
    bool *landed;
    size_t n, next;
    int rc;
    struct api_error err;
};

static void page_landed(void *arg, size_t i)
{
    struct batch_parse *bp = arg;

    bp->landed[i] = true;
    while (bp->rc == 0 && bp->next < bp->n && bp->landed[bp->next]) {
        struct mkt_page page;
        bp->rc = pager_parse(bp->pg, &bp->resp[bp->next].body, &page, &bp->err);
        strbuf_free(&bp->resp[bp->next].body); /* parsed: the body is not needed any more */
        bp->next++;
    }
}

static int fetch_batch(const struct provider_ctx *ctx, struct pager *pg, const long *offsets,
                       size_t n, struct api_error *err)
{
    char **urls = xcalloc(n, sizeof(*urls));
    struct http_response *resp = xcalloc(n, sizeof(*resp));
    struct batch_parse bp = {.pg = pg, .resp = resp, .landed = xcalloc(n, sizeof(bool)), .n = n};
    struct http_many_hook hook = {.landed = page_landed, .arg = &bp};
    int rc = 0;

    api_error_init(&bp.err);
    for (size_t i = 0; i < n && rc == 0; i++)
        if (!(urls[i] = pager_url(pg, offsets[i], err)))
            rc = -1;
    if (rc == 0)
        rc = http_get_many_hooked(ctx->http, (const char *const *)urls, n, parallelism(ctx),
                                  resp, &hook, ctx->cancel, err);
    if (rc == 0)
        users_http_done(pg, n);
    if (rc == 0 && bp.rc == 0 && bp.next < n) /* every answer landed, so none is left */
        bp.rc = api_error_set(&bp.err, API_ERR_NETWORK, "%s", _("A page of the list was lost."));
    if (rc == 0 && bp.rc < 0) {
        api_error_clear(err);
        *err = bp.err;
        api_error_init(&bp.err);
        rc = -1;
    }
    for (size_t i = 0; i < n; i++) {
        free(urls[i]);
        http_response_free(&resp[i]);
    }
    api_error_clear(&bp.err);
    free(bp.landed);
    free(urls);
    free(resp);
    return rc;
}

/* Known total: the remaining pages in batches, `concurrency` in flight. */
static int fetch_rest_parallel(const struct provider_ctx *ctx, struct pager *pg, long total,
                               long limit, struct api_error *err)
{
    long *offsets;
    size_t n, batch = PAGES_PER_BATCH(parallelism(ctx));
    int rc = 0;

    if (marketplace_next_offsets(total, limit, &offsets, &n, err) < 0)
        return -1;
    for (size_t i = 0; i < n && rc == 0; i += batch)
        rc = fetch_batch(ctx, pg, offsets + i, n - i < batch ? n - i : batch, err);
    free(offsets);
    return rc;
}

/* Official client rules: stop when $meta is missing; with a total, fetch
 * the remaining pages in parallel; without one, go on page by page while
 * pages come back full. A server that caps the limit below ours says so in
 * $meta.pagination.limit, and the offsets follow its page size. */
static int fetch_all(const struct provider_ctx *ctx, struct pager *pg, struct api_error *err)
{
    struct mkt_page page;
    long offset = 0, limit = MARKETPLACE_PAGE_LIMIT;

    pg->base = ctx->profile->base_url;
    pg->path = ctx->profile->user_path;
    pg->now = time(NULL);
    if (fetch_page(ctx, pg, 0, &page, err) < 0)
        return -1;
    if (!page.has_meta)
        return 0;
    if (page.limit > 0 && page.limit < limit)
        limit = page.limit;
    if (page.has_total)
        return fetch_rest_parallel(ctx, pg, page.total, limit, err);
    for (int n = 1; page.count >= (size_t)limit; n++) {
        if (n >= MARKETPLACE_MAX_PAGES)
            return api_error_set(err, API_ERR_TOO_LARGE,
                                 _("The server keeps sending pages; giving up after %d."), n);
        offset += limit;
        if (fetch_page(ctx, pg, offset, &page, err) < 0)
            return -1;
        if (!page.has_meta)
            break;
    }
    return 0;
}

static int mp_list_accounts(const struct provider_ctx *ctx, struct account_list *out,
                            struct api_error *err)
{
    struct pager pg = {.kind = PAGER_ACCOUNTS};
    int rc = fetch_all(ctx, &pg, err);

    for (size_t i = 0; rc == 0 && i < pg.accounts.n; i++)
        account_list_push(out, &pg.accounts.v[i]);
    pager_free(&pg);
    return rc;
}

static int mp_list_invitations(const struct provider_ctx *ctx, const char *account_id,
                               const struct invitation_query *q, struct invitation_list *out,
                               struct api_error *err)
{
    struct pager pg = {
        .kind = PAGER_USERS, .account_id = account_id, .q = q, .progress = ctx->progress,
    };
    int rc = fetch_all(ctx, &pg, err);

    if (rc == 0) {
        timings_event("parse_done", "count",
                      json_integer((json_int_t)list_progress_count(pg.progress, &pg.users)),
                      NULL);
        list_progress_done(pg.progress, &pg.users);
    }

    if (rc == 0)
        invitation_list_append(out, &pg.users);
    pager_free(&pg);
    return rc;
}

static int mp_list_groups(const struct provider_ctx *ctx, const char *account_id,
                          struct group_list *out, struct api_error *err)
{
    struct pager pg = {.kind = PAGER_GROUPS, .account_id = account_id};
    int rc = fetch_all(ctx, &pg, err);

    for (size_t i = 0; rc == 0 && i < pg.groups.n; i++)
        group_list_push(out, &pg.groups.v[i]);
    pager_free(&pg);
    return rc;
}

static int mp_get_invitation(const struct provider_ctx *ctx, const char *account_id,
                             const char *id, struct invitation *out, struct api_error *err)
{
    char *url = marketplace_url_user_get(ctx->profile->base_url, account_id, id, err);
    struct http_response resp;
    struct invitation inv;
    int rc;

    if (!url)
        return -1;
    rc = get_one(ctx, url, &resp, err);
    if (rc == 0) {
        rc = marketplace_parse_invitation(resp.body.data, resp.body.len, account_id, time(NULL),
                                          &inv, err);
        if (rc == 0)
            invitation_move(out, &inv);
        else
            invitation_free(&inv);
    }
    http_response_free(&resp);
    free(url);
    return rc;
}

/* A write answered with the member (POST, PUT): out, or -1. */
static int write_user(const struct provider_ctx *ctx, enum http_method method, const char *url,
                      const char *body, const char *account_id, struct invitation *out,
                      struct api_error *err)
{
    struct http_call call = {
        .method = method, .url = url, .json_body = body, .cancel = ctx->cancel,
    };
    struct http_response resp;
    struct invitation inv;
    int rc;

    memset(&resp, 0, sizeof(resp));
    strbuf_init(&resp.body);
    rc = http_perform(ctx->http, &call, &resp, err);
    if (rc == 0) {
        rc = marketplace_parse_invitation(resp.body.data, resp.body.len, account_id, time(NULL),
                                          &inv, err);
        if (rc == 0) {
            invitation_move(out, &inv);
        } else {
            invitation_free(&inv);
            /* The server said 2xx: it did it, we just cannot read what it
             * says. Reporting that as a failure invites a second e-mail. */
            err->maybe_sent = true;
        }
    }
    http_response_free(&resp);
    return rc;
}

static int mp_create(const struct provider_ctx *ctx, const char *account_id,
                     const struct create_request *req, struct invitation *out,
                     struct api_error *err)
{
    char *url = NULL, *body = NULL;
    int rc = -1;

    if (action_check_writable(ctx->profile, err) < 0)
        return -1;
    body = marketplace_body_create(account_id, req, err);
    if (body)
        url = marketplace_url_create(ctx->profile->base_url, ctx->profile->user_path, account_id,
                                     err);
    if (url)
        rc = write_user(ctx, HTTP_POST, url, body, account_id, out, err);
    free(url);
    free(body);
    return rc;
}

/* resend-invite and send-new-invite: no body, no Content-Type (Content-Length 0). */
static int invite_action(const struct provider_ctx *ctx, const struct invitation *target,
                         enum inv_action action, struct invitation *out, struct api_error *err)
{
    time_t now = time(NULL);
    const char *why = marketplace_action_refusal(target, action, now);
    char *url;
    int rc;

    if (action_check_writable(ctx->profile, err) < 0)
        return -1;
    if (why)
        return api_error_set(err, API_ERR_STATE, "%s", why);
    url = marketplace_url_invite_action(ctx->profile->base_url, ctx->profile->user_path, target,
                                        action, err);
    if (!url)
        return -1;
    rc = write_user(ctx, HTTP_POST, url, NULL, target->account_id, out, err);
    if (rc == 0)
        marketplace_after_invite(out, now);
    free(url);
    return rc;
}

static int mp_resend(const struct provider_ctx *ctx, const struct invitation *target,
                     const char *locale, struct invitation *out, struct api_error *err)
{
    (void)locale; /* the Marketplace has no per-invitation locale */
    return invite_action(ctx, target, INV_ACTION_RESEND, out, err);
}

static int mp_send_new(const struct provider_ctx *ctx, const struct invitation *target,
                       struct invitation *out, struct api_error *err)
{
    return invite_action(ctx, target, INV_ACTION_SEND_NEW, out, err);
}

/* ---- fixing a wrong invitation: groups, removal ---- */

/* The group ids of a member's object (raw JSON): groups[].id. */
static void member_group_ids(const char *raw, struct strvec *out)
{
    json_t *root = raw ? json_loads(raw, 0, NULL) : NULL;
    json_t *groups = json_object_get(root, "groups");
    size_t i;
    json_t *g;

    json_array_foreach(groups, i, g) {
        const char *id = json_string_value(json_object_get(g, "id"));
        if (id && !strvec_contains(out, id))
            strvec_push(out, id);
    }
    json_decref(root);
}

static int check_group_ids(const struct strvec *ids, struct api_error *err)
{
    for (size_t i = 0; ids && i < ids->n; i++)
        if (!marketplace_id_valid(MKT_ID_UGR, ids->v[i]))
            return api_error_set(err, API_ERR_USAGE,
                                 _("Invalid group id '%s': expected UGR-NNNN-NNNN."), ids->v[i]);
    return 0;
}

/* The member's groups once the change is applied, in order: the current
 * ones kept, then the added ones. -1 (API_ERR_USAGE) when that leaves no
 * group or changes nothing: no request should be made. */
static int apply_change(const struct strvec *now, const struct group_change *c,
                        struct strvec *after, struct api_error *err)
{
    for (size_t i = 0; i < now->n; i++)
        if (!c->remove || !strvec_contains(c->remove, now->v[i]))
            strvec_push(after, now->v[i]);
    for (size_t i = 0; c->add && i < c->add->n; i++)
        if (!strvec_contains(after, c->add->v[i]))
            strvec_push(after, c->add->v[i]);
    bool same = after->n == now->n;
    for (size_t i = 0; same && i < after->n; i++)
        same = strvec_contains(now, after->v[i]);
    if (after->n == 0)
        return api_error_set(err, API_ERR_USAGE,
                             _("A Marketplace user keeps at least one group: add one before "
                               "removing the last."));
    if (same)
        return api_error_set(err, API_ERR_USAGE,
                             _("Nothing to change: the user already has exactly these groups."));
    return 0;
}

static char *groups_body(const struct strvec *ids)
{
    json_t *arr = json_array();

    for (size_t i = 0; i < ids->n; i++)
        json_array_append_new(arr, json_pack("{s:s}", "id", ids->v[i]));
    char *body = json_dumps(arr, JSON_COMPACT);
    json_decref(arr);
    return body;
}

/* The member as the server has it now: the change is computed from that,
 * never from a list that may be minutes old. */
static int fresh_member(const struct provider_ctx *ctx, const struct invitation *target,
                        struct invitation *out, struct api_error *err)
{
    char *url = marketplace_url_member(ctx->profile->base_url, ctx->profile->user_path, target,
                                       "?select=+audit", err);
    struct http_response resp;
    int rc;

    if (!url)
        return -1;
    rc = get_one(ctx, url, &resp, err);
    if (rc == 0)
        rc = marketplace_parse_invitation(resp.body.data, resp.body.len, target->account_id,
                                          time(NULL), out, err);
    http_response_free(&resp);
    free(url);
    return rc;
}

static int mp_change_groups(const struct provider_ctx *ctx, const struct invitation *target,
                            const struct group_change *change, struct invitation *out,
                            struct api_error *err)
{
    struct invitation now = {0};
    struct strvec had = {0}, after = {0};
    char *url = NULL, *body = NULL;
    const char *why;
    int rc = -1;

    if (action_check_writable(ctx->profile, err) < 0 || check_group_ids(change->add, err) < 0 ||
        check_group_ids(change->remove, err) < 0 || fresh_member(ctx, target, &now, err) < 0)
        goto done;
    why = marketplace_action_refusal(&now, INV_ACTION_GROUPS, time(NULL));
    if (why) {
        api_error_set(err, API_ERR_STATE, "%s", why);
        goto done;
    }
    member_group_ids(now.raw, &had);
    if (apply_change(&had, change, &after, err) < 0)
        goto done;
    body = groups_body(&after);
    url = marketplace_url_member(ctx->profile->base_url, ctx->profile->user_path, &now,
                                 "/groups", err);
    if (url)
        rc = write_user(ctx, HTTP_PUT, url, body, target->account_id, out, err);
done:
    invitation_free(&now);
    strvec_free(&had);
    strvec_free(&after);
    free(body);
    free(url);
    return rc;
}

static int mp_remove(const struct provider_ctx *ctx, const struct invitation *target,
                     struct api_error *err)
{
    const char *why = marketplace_action_refusal(target, INV_ACTION_REMOVE, time(NULL));
    char *url;
    int rc;

    if (action_check_writable(ctx->profile, err) < 0)
        return -1;
    if (why)
        return api_error_set(err, API_ERR_STATE, "%s", why);
    url = marketplace_url_member(ctx->profile->base_url, ctx->profile->user_path, target, "",
                                 err);
    if (!url)
        return -1;
    struct http_call call = {.method = HTTP_DELETE, .url = url, .cancel = ctx->cancel};
    struct http_response resp;
    memset(&resp, 0, sizeof(resp));
    strbuf_init(&resp.body);
    rc = http_perform(ctx->http, &call, &resp, err);
    http_response_free(&resp);
    free(url);
    return rc;
}

/* Reissue: the user's e-mail and names and every group they were put in. */
static int mp_reissue_request(const struct invitation *inv, struct create_request *out)
{
    json_t *root = invitation_object(inv);
    const json_t *g;
    size_t i;

    *out = (struct create_request){0};
    if (!root)
        return -1;
    out->email = xstrdup_or_null(inv->email);
    out->first_name = json_util_dup(root, "user.firstName");
    out->last_name = json_util_dup(root, "user.lastName");
    json_array_foreach(json_object_get(root, "groups"), i, g) {
        const char *id = json_util_str(g, "id");
        if (id && *id)
            strvec_push(&out->groups, id);
    }
    json_decref(root);
    return 0;
}

/* Every group of the member by name (by id when it has none): what a
 * removal loses, in full -- the list's summary stops at two. */
static int mp_member_groups(const struct invitation *inv, struct strvec *out)
{
    json_t *root = invitation_object(inv);
    const json_t *g;
    size_t i;

    if (!root)
        return -1;
    json_array_foreach(json_object_get(root, "groups"), i, g) {
        const char *name = json_util_str(g, "name");
        if (!name || !*name)
            name = json_util_str(g, "id");
        if (name && *name)
            strvec_push(out, name);
    }
    json_decref(root);
    return 0;
}

/* The explainer's subject: the user's modules (the server's word on what
 * they have, or will have once they accept) with their names, and each of
 * their groups as an assignment -- which group gives which module comes
 * from the account's groups (action_learn_groups), not from here. */
static int mp_explain_subject(const struct invitation *inv, struct explain_owned *out)
{
    json_t *root = invitation_object(inv);
    const json_t *v;
    size_t i;

    *out = (struct explain_owned){0};
    if (!root)
        return -1;
    json_array_foreach(json_object_get(root, "modules"), i, v) {
        const char *id = json_util_str(v, "id");
        if (id && *id) {
            explain_owned_add_resolved(out, id);
            explain_owned_add_name(out, id, json_util_str(v, "name"));
        }
    }
    json_array_foreach(json_object_get(root, "groups"), i, v) {
        const char *id = json_util_str(v, "id");
        if (id && *id)
            explain_owned_add(out, NULL, NULL, id, false);
    }
    out->subject.active = inv->status == INV_STATUS_ACCEPTED;
    json_decref(root);
    return 0;
}

static const char *const detail_keys[] = {"id", "user", "account", "groups", "modules",
                                          "buyers", "invitation", "audit", "$meta", NULL};

const struct provider_ops provider_marketplace = {
    .name = "marketplace",
    .kind = PROVIDER_MARKETPLACE,
    .takes_user_path = true,
    .resend_deprecated = true,
    .get_alone = true,
    .has_names = true,
    .form = &form_desc_marketplace,
    .create_fields = CREATE_FIELD_NAMES | CREATE_FIELD_GROUPS,
    .no_locale = N_("Locale: not used (the Marketplace sends in the user's language)"),
    .status_from_raw = marketplace_status_from_raw,
    .detail_keys = detail_keys,
    .detail_others = true,
    .list_accounts = mp_list_accounts,
    .list_invitations = mp_list_invitations,
    .get_invitation = mp_get_invitation,
    .create = mp_create,
    .resend = mp_resend,
    .send_new = mp_send_new,
    .list_groups = mp_list_groups,
    .actions = marketplace_actions,
    .action_refusal = marketplace_action_refusal,
    .change_groups = mp_change_groups,
    .remove = mp_remove,
    .reissue_request = mp_reissue_request,
    .member_groups = mp_member_groups,
    .explain_subject = mp_explain_subject,
    .group_grants = true,
    .explain_prompt = N_("Name a module, by name or MOD- id (Tab completes)."),
};
