#include "config.h"

#include "invitui/provider.h"

#include <stdlib.h>
#include <string.h>

#include "invitui/action.h"
#include "invitui/form_desc.h"
#include "invitui/hybridbox_json.h"
#include "invitui/list_progress.h"
#include "invitui/i18n.h"
#include "invitui/profile.h"
#include "invitui/timings.h"

/* The network half of the Hybridbox provider: every URL, body and parse
 * comes from hybridbox_json.c; this file only sequences requests. */

/* Requests in flight for multi-page reads: the profile's setting (1..16). */
static int parallelism(const struct provider_ctx *ctx)
{
    int n = ctx->profile->concurrency;

    return n < 1 ? 4 : n > 16 ? 16 : n;
}

static int do_call(const struct provider_ctx *ctx, enum http_method method, const char *url,
                   const char *body, struct http_response *resp, struct api_error *err)
{
    struct http_call call = {
        .method = method,
        .url = url,
        .json_body = body,
        .cancel = ctx->cancel,
    };

    memset(resp, 0, sizeof(*resp));
    strbuf_init(&resp->body);
    return http_perform(ctx->http, &call, resp, err);
}

static int accounts_from_profile(const struct provider_ctx *ctx, struct account_list *out,
                                 struct api_error *err)
{
    const struct strvec *ids = &ctx->profile->accounts;
    char **urls = xcalloc(ids->n, sizeof(*urls));
    struct http_response *resp = xcalloc(ids->n, sizeof(*resp));
    struct account_list got = {0};
    int rc = 0;

    for (size_t i = 0; i < ids->n && rc == 0; i++)
        if (!(urls[i] = hybridbox_url_account(ctx->profile->base_url, ids->v[i], err)))
            rc = -1;
    if (rc == 0)
        rc = http_get_many(ctx->http, (const char *const *)urls, ids->n, parallelism(ctx),
                           resp, ctx->cancel, err);
    for (size_t i = 0; i < ids->n && rc == 0; i++) {
        struct account a;
        rc = hybridbox_parse_account(resp[i].body.data, resp[i].body.len, &a, err);
        if (rc == 0)
            account_list_push(&got, &a);
    }
    for (size_t i = 0; i < ids->n; i++) {
        free(urls[i]);
        http_response_free(&resp[i]);
    }
    free(urls);
    free(resp);
    for (size_t i = 0; rc == 0 && i < got.n; i++)
        account_list_push(out, &got.v[i]);
    account_list_free(&got);
    return rc;
}

/* Only the accounts the profile names: Hybridbox publishes no listing, and
 * a profile without any is refused before a request is made. */
static int hb_list_accounts(const struct provider_ctx *ctx, struct account_list *out,
                            struct api_error *err)
{
    if (profile_check_accounts(ctx->profile, err) < 0)
        return -1;
    return accounts_from_profile(ctx, out, err);
}

/* Streams the (possibly huge) bare array through the splitter. */
static int stream_list(const struct provider_ctx *ctx, const char *account_id,
                       const struct invitation_query *q, const char *only_id,
                       struct invitation_list *got, struct api_error *err)
{
    char *url = hybridbox_url_invitations(ctx->profile->base_url, account_id, q, err);
    struct hybridbox_stream st;
    struct http_response resp;
    int rc;

    if (!url)
        return -1;
    hybridbox_stream_init(&st, account_id, time(NULL), got);
    st.only_id = only_id;
    st.progress = only_id ? NULL : ctx->progress;
    if (ctx->packed_rows && !only_id) {
        hybridbox_stream_parallel(&st); /* the TUI's list: the reading is its critical path */
        st.gather = true;
    } else if (ctx->packed_rows) {
        hybridbox_stream_pack(&st);
    }
    struct http_call call = {
        .method = HTTP_GET,
        .url = url,
        .sink = hybridbox_stream_feed,
        .sink_ctx = &st,
        .sink_drained = hybridbox_stream_drained,
        .cancel = ctx->cancel,
        .body_size = &st.body_size, /* list_progress: the last hand-off a small one */
    };
    memset(&resp, 0, sizeof(resp));
    strbuf_init(&resp.body);
    rc = http_perform(ctx->http, &call, &resp, err);
    /* The body is parsed as it arrives: parse_done is the splitter's end,
     * just after the transfer's. A get-one is no list and is not timed. */
    if (rc == 0 && !only_id)
        timings_event("http_done", NULL);
    if (rc == 0)
        rc = hybridbox_stream_finish(&st, err);
    if (rc == 0 && !only_id) {
        timings_event("parse_done", "count",
                      json_integer((json_int_t)list_progress_count(st.progress, got)), NULL);
        list_progress_done(st.progress, got);
    }
    hybridbox_stream_free(&st);
    http_response_free(&resp);
    free(url);
    return rc;
}

static int hb_list_invitations(const struct provider_ctx *ctx, const char *account_id,
                               const struct invitation_query *q, struct invitation_list *out,
                               struct api_error *err)
{
    struct invitation_list got = {0};
    int rc = stream_list(ctx, account_id, q, NULL, &got, err);

    if (rc == 0)
        invitation_list_append(out, &got);
    invitation_list_free(&got);
    return rc;
}

/* No get-one in the real API: the list, keeping only the wanted id. */
static int hb_get_invitation(const struct provider_ctx *ctx, const char *account_id,
                             const char *id, struct invitation *out, struct api_error *err)
{
    struct invitation_list got = {0};
    int rc;

    if (!hybridbox_id_valid(id))
        return api_error_set(err, API_ERR_USAGE,
                             _("Invalid Hybridbox invitation id '%s': expected a UUID."), id);
    rc = stream_list(ctx, account_id, NULL, id, &got, err);
    if (rc == 0 && got.n == 0) {
        rc = api_error_set(err, API_ERR_HTTP, _("No invitation with id %s in account %s."), id,
                           account_id);
        err->http_status = 404;
    }
    if (rc == 0)
        invitation_move(out, &got.v[0]);
    invitation_list_free(&got);
    return rc;
}

static int post_invitation(const struct provider_ctx *ctx, const char *url, const char *body,
                           const char *account_id, struct invitation *out,
                           struct api_error *err)
{
    struct http_response resp;
    struct invitation inv;
    int rc = do_call(ctx, HTTP_POST, url, body, &resp, err);

    if (rc == 0) {
        rc = hybridbox_parse_invitation(resp.body.data, resp.body.len, account_id, time(NULL),
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

static int hb_create(const struct provider_ctx *ctx, const char *account_id,
                     const struct create_request *req, struct invitation *out,
                     struct api_error *err)
{
    char *url = NULL, *body = NULL;
    int rc = -1;

    if (action_check_writable(ctx->profile, err) < 0)
        return -1;
    url = hybridbox_url_invitations(ctx->profile->base_url, account_id, NULL, err);
    if (url)
        body = hybridbox_body_create(req, err);
    if (body)
        rc = post_invitation(ctx, url, body, account_id, out, err);
    free(url);
    free(body);
    return rc;
}

static int hb_resend(const struct provider_ctx *ctx, const struct invitation *target,
                     const char *locale, struct invitation *out, struct api_error *err)
{
    const char *why = hybridbox_action_refusal(target, INV_ACTION_RESEND, time(NULL));
    char *url, *body;
    int rc;

    if (action_check_writable(ctx->profile, err) < 0)
        return -1;
    if (why)
        return api_error_set(err, API_ERR_STATE, "%s", why);
    url = hybridbox_url_resend(ctx->profile->base_url, target->account_id, target->id, err);
    if (!url)
        return -1;
    body = hybridbox_body_resend(locale);
    rc = post_invitation(ctx, url, body, target->account_id, out, err);
    free(url);
    free(body);
    return rc;
}

static int hb_send_new(const struct provider_ctx *ctx, const struct invitation *target,
                       struct invitation *out, struct api_error *err)
{
    (void)ctx;
    (void)out;
    return api_error_set(err, API_ERR_STATE, "%s",
                         hybridbox_action_refusal(target, INV_ACTION_SEND_NEW, time(NULL)));
}

static int hb_list_groups(const struct provider_ctx *ctx, const char *account_id,
                          struct group_list *out, struct api_error *err)
{
    char *url = hybridbox_url_groups(ctx->profile->base_url, account_id, err);
    struct group_list got = {0};
    struct http_response resp;
    int rc;

    if (!url)
        return -1;
    rc = do_call(ctx, HTTP_GET, url, NULL, &resp, err);
    if (rc == 0)
        rc = hybridbox_parse_groups(resp.body.data, resp.body.len, &got, err);
    for (size_t i = 0; rc == 0 && i < got.n; i++)
        group_list_push(out, &got.v[i]);
    group_list_free(&got);
    http_response_free(&resp);
    free(url);
    return rc;
}

static const char *const detail_keys[] = {"note", "assignments", "permission_context", NULL};

/* CONTRACT.md A: the documented role keys, the only ones an explanation
 * suggests (form_role_keys has the same list for completion). */
static const char *const documented_roles[] = {
    "viewer",      "editor",         "domain_manager", "manager",            "dns_manager",
    "ip_manager",  "billing_viewer", "billing_admin",  "credential_manager", NULL,
};

const struct provider_ops provider_hybridbox = {
    .name = "hybridbox",
    .kind = PROVIDER_HYBRIDBOX,
    .needs_accounts = true,
    .takes_locale = true,
    .form = &form_desc_hybridbox,
    .create_fields = CREATE_FIELD_ASSIGNMENTS | CREATE_FIELD_LOCALE | CREATE_FIELD_NOTE,
    .status_from_raw = hybridbox_status_from_raw,
    .detail_keys = detail_keys,
    .list_accounts = hb_list_accounts,
    .list_invitations = hb_list_invitations,
    .get_invitation = hb_get_invitation,
    .create = hb_create,
    .resend = hb_resend,
    .send_new = hb_send_new,
    .list_groups = hb_list_groups,
    .actions = hybridbox_actions,
    .action_refusal = hybridbox_action_refusal,
    /* CONTRACT.md A: Hybridbox documents no change and no revoke of an invitation. */
    .no_groups = N_("Hybridbox publishes no way to change an invitation's assignments: invite "
                    "again with the right ones."),
    .no_remove = N_("Hybridbox publishes no way to revoke an invitation: it stays until it "
                    "expires or is accepted."),
    .explain_subject = hybridbox_explain_subject,
    .documented_roles = documented_roles,
    .reissue_request = hybridbox_reissue_request,
};
