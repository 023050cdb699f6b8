/* store_bench: filters and sorts 100,000 invitations and prints the time
 * each view takes (figures, not pass/fail). Usage: store_bench [N] */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "invitui/store.h"

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void fill(struct invitation_list *l, size_t n)
{
    static const char *const words[] = {"pending", "expired", "accepted", "revoked"};
    unsigned seed = 42;

    for (size_t i = 0; i < n; i++) {
        struct invitation inv = {0};
        seed = seed * 1103515245u + 12345u;
        unsigned r = seed >> 8;
        inv.id = xasprintf("%08x-0000-4000-8000-%012zx", r, i);
        inv.account_id = xstrdup("acc");
        inv.email = xasprintf("user%u.%zu@example%u.com", r % 9973, i, r % 17);
        inv.raw_status = xstrdup(words[r % 4]);
        inv.status = (enum inv_status)(r % 4);
        inv.created_at = 1700000000 + (time_t)(r % 10000000);
        inv.expires_at = r % 5 ? inv.created_at + 7 * 86400 : 0;
        inv.summary = xstrdup("editor, dns_manager +2");
        invitation_make_shown(&inv); /* as the readers do, on the worker */
        invitation_list_push(l, &inv);
    }
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 100000;
    struct store *s = store_new(PROVIDER_HYBRIDBOX);
    struct invitation_list l = {0};
    struct store_view v;
    static const struct {
        const char *label;
        struct store_filter f;
    } runs[] = {
        {"all, by expiry", {0, NULL, STORE_SORT_EXPIRY, false}},
        {"all, by e-mail desc", {0, NULL, STORE_SORT_EMAIL, true}},
        {"all, by status", {0, NULL, STORE_SORT_STATUS, false}},
        {"pending, by created", {1u << INV_STATUS_PENDING, NULL, STORE_SORT_CREATED, false}},
        {"search 'example3', by e-mail", {0, "EXAMPLE3", STORE_SORT_EMAIL, false}},
        {"search '4000-8000', by expiry", {0, "4000-8000", STORE_SORT_EXPIRY, false}},
    };
    double t0 = now_ms();

    fill(&l, n);
    printf("generated %zu invitations in %.1f ms\n", n, now_ms() - t0);
    t0 = now_ms();
    store_replace_invitations(s, "acc", &l, 0);
    printf("store_replace_invitations: %.1f ms\n", now_ms() - t0);
    store_view_init(&v);
    for (size_t i = 0; i < 2 * sizeof(runs) / sizeof(runs[0]); i++) {
        t0 = now_ms();
        store_view_apply(&v, s, "acc", &runs[i % ARRAY_SIZE(runs)].f);
        printf("%-32s %7zu rows %7.1f ms\n", runs[i % ARRAY_SIZE(runs)].label, v.n, now_ms() - t0);
    }
    t0 = now_ms();
    long row = store_view_find(&v, s, store_view_row(&v, s, v.n / 2)->id);
    printf("store_view_find (row %ld): %.3f ms\n", row, now_ms() - t0);
    store_view_free(&v);
    store_free(s);
    return 0;
}
