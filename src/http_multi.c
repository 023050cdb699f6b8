/* http_multi: http_get_many over one curl multi handle. A batch runs every
 * pending URL with a bounded number of transfers in flight; a redirected
 * URL goes on to its target in the same slot (http_redirect.c); the failed
 * GETs that may succeed later are then run again, from their first URL, as
 * a smaller batch. Under a rate limit (429) the client halves the
 * transfers in flight (down to 1) and waits as Retry-After says; a batch
 * in which some URLs succeeded does not use up an attempt, so a long list
 * gets through a limit slowly rather than fail; a batch without a 429 lets
 * one more transfer in flight again. */
#include "config.h"

#include "invitui/http_private.h"

#include <stdlib.h>
#include <string.h>

#include "invitui/i18n.h"

struct slot {
    CURL *easy;
    struct http_xfer x;
    size_t idx;
    bool busy;
};

struct batch {
    struct http_client *c;
    const char *const *urls;
    struct http_response *responses;
    struct api_error *errs;
    struct http_hop *hops; /* where each URL has got to */
    bool *failed;
    bool *retry;
    const atomic_int *cancel;
    struct slot slots[HTTP_MAX_PARALLEL];
    int parallel;
    const struct http_many_hook *hook; /* NULL, or told of each answer as it lands */
};

static struct slot *free_slot(struct batch *b)
{
    for (int i = 0; i < b->parallel; i++) {
        struct slot *s = &b->slots[i];
        if (!s->busy) {
            if (!b->c->pool[i])
                b->c->pool[i] = curl_easy_init();
            s->easy = b->c->pool[i];
            return s->easy ? s : NULL;
        }
    }
    return NULL;
}

/* -1 with *err when no transfer could be started. */
static int start(struct batch *b, size_t idx, struct api_error *err)
{
    struct slot *s = free_slot(b);
    struct http_call call = {
        .method = HTTP_GET,
        .url = b->urls[idx],
        .cancel = b->cancel,
    };

    if (!s)
        return api_error_set(err, API_ERR_NETWORK, "%s", "curl_easy_init");
    if (http_xfer_setup(b->c, s->easy, &s->x, &call, &b->hops[idx], &b->responses[idx],
                        err) < 0) {
        http_xfer_cleanup(&s->x);
        return -1;
    }
    /* Wait for a multiplexed HTTP/2 stream rather than open a connection. PRIVATE is how
     * reap() finds the slot: without it the answer would have no owner. */
    CURLcode rc = curl_easy_setopt(s->easy, CURLOPT_PIPEWAIT, 1L);
    if (rc == CURLE_OK)
        rc = curl_easy_setopt(s->easy, CURLOPT_PRIVATE, s);
    if (rc != CURLE_OK) {
        http_xfer_cleanup(&s->x);
        return api_error_set(err, API_ERR_CONFIG, _("the HTTP library refused a setting: %s"),
                             curl_easy_strerror(rc));
    }
    s->idx = idx;
    s->busy = true;
    if (curl_multi_add_handle(b->c->multi, s->easy) != CURLM_OK) {
        http_xfer_cleanup(&s->x);
        s->busy = false;
        return api_error_set(err, API_ERR_NETWORK, "%s", "curl_multi_add_handle");
    }
    return 0;
}

/* 1 when the URL was redirected and its next transfer is running. */
static int finish(struct batch *b, struct slot *s, CURLcode rc)
{
    size_t idx = s->idx;
    struct api_error *err = &b->errs[idx];
    int r;

    api_error_clear(err);
    r = http_xfer_result(&s->x, rc, err);
    b->failed[idx] = r < 0;
    b->retry[idx] = r < 0 && http_xfer_retryable(&s->x, err);
    curl_multi_remove_handle(b->c->multi, s->easy);
    http_xfer_cleanup(&s->x);
    s->busy = false;
    if (r == 0 && b->hook)
        b->hook->landed(b->hook->arg, idx);
    if (r != HTTP_XFER_FOLLOW)
        return 0;
    api_error_clear(err);
    if (start(b, idx, err) == 0)
        return 1;
    b->failed[idx] = true;
    b->retry[idx] = false;
    return 0;
}

static void abort_all(struct batch *b)
{
    for (int i = 0; i < b->parallel; i++) {
        struct slot *s = &b->slots[i];
        if (s->busy) {
            curl_multi_remove_handle(b->c->multi, s->easy);
            http_xfer_cleanup(&s->x);
            s->busy = false;
        }
    }
}

static void reap(struct batch *b, int *running)
{
    CURLMsg *msg;
    int queued;

    while ((msg = curl_multi_info_read(b->c->multi, &queued))) {
        struct slot *s = NULL;
        if (msg->msg != CURLMSG_DONE)
            continue;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&s);
        if (!finish(b, s, msg->data.result))
            (*running)--;
    }
}

/* Runs the URLs listed in todo[0..n); -1 only when cancelled or when
 * libcurl itself fails (err set). */
static int run_batch(struct batch *b, const size_t *todo, size_t n, struct api_error *err)
{
    size_t next = 0;
    int running = 0;

    CURLMcode sc =
        curl_multi_setopt(b->c->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)b->parallel);
    if (sc != CURLM_OK)
        return api_error_set(err, API_ERR_CONFIG, _("the HTTP library refused a setting: %s"),
                             curl_multi_strerror(sc));
    for (;;) {
        while (running < b->parallel && next < n) {
            if (start(b, todo[next], err) < 0) {
                abort_all(b);
                return -1;
            }
            next++;
            running++;
        }
        if (running == 0)
            return 0;
        int still = 0;
        CURLMcode mc = curl_multi_perform(b->c->multi, &still);
        reap(b, &running);
        if (http_cancelled(b->cancel, err) || mc != CURLM_OK) {
            abort_all(b);
            if (mc != CURLM_OK)
                api_error_set(err, API_ERR_NETWORK, "%s", curl_multi_strerror(mc));
            return -1;
        }
        if (running > 0 && still > 0)
            curl_multi_poll(b->c->multi, NULL, 0, 100, NULL);
    }
}

/* The longest wait any retried URL asks for; URLs whose Retry-After is too
 * long are not retried at all. */
static long batch_wait(struct batch *b, int attempt, size_t *todo, size_t *n)
{
    long wait = 0;
    size_t kept = 0;

    for (size_t i = 0; i < *n; i++) {
        long w = http_retry_wait_ms(b->c, attempt, &b->errs[todo[i]]);
        if (w < 0)
            continue;
        if (w > wait)
            wait = w;
        todo[kept++] = todo[i];
    }
    *n = kept;
    return wait;
}

/* The transfers to keep in flight: what the caller asks for (1..16), but
 * no more than a rate limit has allowed lately. */
static int adapted_parallel(struct http_client *c, int parallel)
{
    int n = parallel < 1 ? 1 : parallel > HTTP_MAX_PARALLEL ? HTTP_MAX_PARALLEL : parallel;

    if (c->parallel_cap > 0 && c->parallel_cap < n)
        n = c->parallel_cap;
    return n;
}

/* Halves on a 429 (never below 1), else creeps back up by one. */
static void adapt_to_rate_limit(struct http_client *c, int used, bool limited)
{
    if (limited) {
        c->parallel_cap = used > 1 ? used / 2 : 1;
        if (c->trace)
            http_trace_note(c, 0, "rate limited: %d transfers in flight from now on",
                            c->parallel_cap);
    } else if (c->parallel_cap > 0 && used >= c->parallel_cap) {
        c->parallel_cap = c->parallel_cap < HTTP_MAX_PARALLEL ? c->parallel_cap + 1 : 0;
    }
}

int http_get_many(struct http_client *c, const char *const *urls, size_t n, int parallel,
                  struct http_response *responses, const atomic_int *cancel,
                  struct api_error *err)
{
    return http_get_many_hooked(c, urls, n, parallel, responses, NULL, cancel, err);
}

int http_get_many_hooked(struct http_client *c, const char *const *urls, size_t n,
                         int parallel, struct http_response *responses,
                         const struct http_many_hook *hook, const atomic_int *cancel,
                         struct api_error *err)
{
    struct batch b = {
        .c = c, .urls = urls, .responses = responses, .cancel = cancel, .hook = hook,
    };
    size_t *todo = xcalloc(n ? n : 1, sizeof(*todo));
    size_t ntodo = n;
    int rc = 0;

    b.errs = xcalloc(n ? n : 1, sizeof(*b.errs));
    b.hops = xcalloc(n ? n : 1, sizeof(*b.hops));
    b.failed = xcalloc(n ? n : 1, sizeof(*b.failed));
    b.retry = xcalloc(n ? n : 1, sizeof(*b.retry));
    for (size_t i = 0; i < n; i++) {
        todo[i] = i;
        strbuf_init(&responses[i].body);
        responses[i].status = 0;
        api_error_init(&b.errs[i]);
    }
    for (int attempt = 1; ntodo > 0; attempt++) {
        b.parallel = adapted_parallel(c, parallel);
        for (size_t i = 0; i < ntodo; i++)
            http_hop_start(&b.hops[todo[i]], urls[todo[i]]);
        if (run_batch(&b, todo, ntodo, err) < 0) {
            rc = -1;
            goto out;
        }
        size_t again = 0, limited = 0, done = 0;
        for (size_t i = 0; i < ntodo; i++) {
            limited += b.failed[todo[i]] && b.errs[todo[i]].http_status == 429;
            done += !b.failed[todo[i]];
        }
        adapt_to_rate_limit(c, b.parallel, limited > 0);
        /* Progress under a rate limit: the round does not use up an
         * attempt. It ends: every such round leaves fewer URLs to do. */
        bool progress = limited > 0 && done > 0;
        if (progress && attempt > 1)
            attempt--;
        for (size_t i = 0; i < ntodo; i++)
            if (b.retry[todo[i]] && (progress || attempt < c->opts.max_get_attempts))
                todo[again++] = todo[i];
        ntodo = again;
        long wait = batch_wait(&b, attempt, todo, &ntodo);
        if (ntodo > 0 && http_sleep_ms(wait, cancel) < 0) {
            http_cancelled(cancel, err);
            rc = -1;
            goto out;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (b.failed[i]) {
            api_error_clear(err);
            *err = b.errs[i];
            api_error_init(&b.errs[i]);
            rc = -1;
            break;
        }
    }
out:
    for (size_t i = 0; i < n; i++) {
        api_error_clear(&b.errs[i]);
        http_hop_free(&b.hops[i]);
    }
    free(b.errs);
    free(b.hops);
    free(b.failed);
    free(b.retry);
    free(todo);
    return rc;
}
