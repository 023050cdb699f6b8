/* hybridbox_bench: streams a generated N-invitation array (about 900 bytes
 * each, like the reference page) through the splitter and the parser in
 * 16 KiB pieces, as curl would, and prints time and size (figures, not
 * pass/fail). Usage: hybridbox_bench [N] */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "invitui/hybridbox_json.h"

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void element(struct strbuf *sb, size_t i)
{
    strbuf_printf(sb,
                  "{\"assignments\":[{\"assignment_kind\":\"role\",\"position\":0,"
                  "\"role_key\":\"editor\",\"id\":\"6f1b1a9e-2c1e-4b58-9a57-0f2b6c0d7e11\"},"
                  "{\"assignment_kind\":\"capability\",\"position\":1,\"capability_key\":"
                  "\"dns_record.manage\",\"resource_type\":\"domain\",\"resource_id\":"
                  "\"0b6f5c1e-7d2a-4e8b-9c3f-1a2b3c4d5e6f\"}],\"email\":\"user%zu@example.com\","
                  "\"id\":\"3c90c3cc-0d44-4b50-8888-%012zx\",\"permission_context\":{"
                  "\"assigned_bundle_keys\":[\"editor\"],\"direct_capability_keys\":[],"
                  "\"owner_assignments\":[{\"account_id\":"
                  "\"3c90c3cc-0d44-4b50-8888-8dd25736052a\"}],"
                  "\"resolved_capability_keys\":[\"account.view\",\"dns_record.manage\"],"
                  "\"status\":\"active\",\"subject_id\":\"\",\"subject_type\":\"unknown\"},"
                  "\"status\":\"%s\",\"accepted_at\":null,\"accepted_subject_id\":null,"
                  "\"created_at\":\"2026-11-20T09:00:00Z\",\"expires_at\":\"2026-11-27T09:00:00Z\","
                  "\"note\":\"Welcome to the team, see you on Monday.\"}",
                  i, i, i % 3 ? "pending" : "accepted");
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 100000;
    struct invitation_list l = {0};
    struct hybridbox_stream st;
    struct api_error err;
    struct strbuf doc;
    size_t raw_bytes = 0;
    double t0;
    int rc = 0;

    strbuf_init(&doc);
    strbuf_putc(&doc, '[');
    for (size_t i = 0; i < n; i++) {
        if (i)
            strbuf_putc(&doc, ',');
        element(&doc, i);
    }
    strbuf_putc(&doc, ']');
    api_error_init(&err);
    t0 = now_ms();
    hybridbox_stream_init(&st, "3c90c3cc-0d44-4b50-8888-8dd25736052a", time(NULL), &l);
    for (size_t off = 0; off < doc.len && rc == 0; off += 16384) {
        size_t len = doc.len - off < 16384 ? doc.len - off : 16384;
        rc = hybridbox_stream_feed(&st, doc.data + off, len, &err);
    }
    if (rc == 0)
        rc = hybridbox_stream_finish(&st, &err);
    hybridbox_stream_free(&st);
    for (size_t i = 0; i < l.n; i++)
        raw_bytes += strlen(l.v[i].raw) + 1;
    printf("%zu invitations, %.1f MB of JSON: parsed in %.0f ms (rc %d), raw kept %.1f MB\n",
           l.n, doc.len / 1e6, now_ms() - t0, rc, raw_bytes / 1e6);
    invitation_list_free(&l);
    strbuf_free(&doc);
    return rc == 0 ? 0 : 1;
}
