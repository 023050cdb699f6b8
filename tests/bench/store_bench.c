/* store_bench: the store at N invitations (100,000 by default): a typed filter word and sort
 * changes, each timed next to the alternative measured in the same run: a full scan with ASCII
 * case folding of every e-mail, name and id followed by qsort on the strings (what the store
 * did before its search index). Figures, not pass/fail. Usage: store_bench [N] */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "invitui/store.h"

/* CPU time of this thread: on a machine shared with other builds, wall time measures the
 * neighbours as much as the code. Wall-clock medians are printed too. */
static double cpu_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void fill(struct invitation_list *l, size_t n)
{
    static const char *const words[] = {"pending", "expired", "accepted", "revoked"};
    static const char *const first[] = {"Anna", "J\xC3\xBCrgen", "\xC3\x89lodie", "Bob", "Zo\xC3\xAB",
                                        "Kenji", "Mar\xC3\xAD" "a", "Olav", "Priya", "Tom"};
    static const char *const last[] = {"M\xC3\xBCller", "Schmidt", "Garc\xC3\xAD" "a", "Nguyen",
                                       "Dubois", "Rossi", "Berg", "Singh", "Smith", "Weber",
                                       "Sch\xC3\xA4" "fer", "Novak", "Kowalski"};
    unsigned seed = 42;

    for (size_t i = 0; i < n; i++) {
        struct invitation inv = {0};
        seed = seed * 1103515245u + 12345u;
        unsigned r = seed >> 8;
        const char *f = first[r % ARRAY_SIZE(first)], *g = last[(r / 16) % ARRAY_SIZE(last)];
        inv.id = xasprintf("%08x-0000-4000-8000-%012zx", r, i);
        inv.account_id = xstrdup("acc");
        inv.name = xasprintf("%s %s", f, g);
        inv.email = xasprintf("%c.%s%zu@example%u.com", f[0] | 0x20, r % 3 ? "user" : "u", i,
                              r % 17);
        inv.raw_status = xstrdup(words[r % 4]);
        inv.status = (enum inv_status)(r % 4);
        inv.created_at = 1700000000 + (time_t)(r % 10000000);
        inv.expires_at = r % 5 ? inv.created_at + 7 * 86400 : 0;
        inv.summary = xstrdup("editor, dns_manager +2");
        invitation_make_shown(&inv); /* as the readers do, on the worker */
        invitation_list_push(l, &inv);
    }
}

/* ---- the alternative: full scan, ASCII folding, qsort on strings ---- */

static const struct invitation *old_rows;
static enum store_sort old_key;
static int old_dir;

static bool old_contains(const char *hay, const char *needle)
{
    size_t n = strlen(needle);

    for (; hay && *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return true;
    return false;
}

static int old_cmp_time(time_t a, time_t b)
{
    if (!a || !b)
        return (a == 0) - (b == 0);
    return old_dir * ((a > b) - (a < b));
}

static int old_cmp(const void *pa, const void *pb)
{
    const struct invitation *a = &old_rows[*(const uint32_t *)pa];
    const struct invitation *b = &old_rows[*(const uint32_t *)pb];
    int r = 0;

    if (old_key == STORE_SORT_EXPIRY)
        r = old_cmp_time(a->expires_at, b->expires_at);
    else if (old_key == STORE_SORT_CREATED)
        r = old_cmp_time(a->created_at, b->created_at);
    else if (old_key == STORE_SORT_STATUS)
        r = old_dir * ((int)a->status - (int)b->status);
    if (r)
        return r;
    if (!a->email || !b->email)
        r = (a->email == NULL) - (b->email == NULL);
    else if ((r = strcasecmp(a->email, b->email)) != 0)
        r = old_key == STORE_SORT_EMAIL ? old_dir * r : r;
    return r ? r : strcasecmp(a->id, b->id);
}

static size_t old_view(const struct invitation_list *l, const struct store_filter *f,
                       uint32_t *rows)
{
    const char *q = f->search ? f->search : "";
    size_t n = 0;

    for (size_t i = 0; i < l->n; i++) {
        const struct invitation *inv = &l->v[i];
        if (!*q || old_contains(inv->email, q) || old_contains(inv->name, q) ||
            old_contains(inv->id, q))
            rows[n++] = (uint32_t)i;
    }
    old_rows = l->v;
    old_key = f->sort;
    old_dir = f->descending ? -1 : 1;
    qsort(rows, n, sizeof(*rows), old_cmp);
    return n;
}

/* ---- figures ---- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
    qsort(v, n, sizeof(*v), cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* A keystroke's work: the view applied (and, for the alternative, rebuilt from scratch). */
struct timed {
    double store_cpu[64], old_cpu[64], store_wall[64], old_wall[64];
    size_t n;
};

static void time_one(struct timed *t, struct store_view *v, const struct store *s,
                     const struct invitation_list *copy, uint32_t *old_rows_buf,
                     const struct store_filter *f)
{
    double c0 = cpu_ms(), w0 = now_ms();

    store_view_apply(v, s, "acc", f);
    t->store_cpu[t->n] = cpu_ms() - c0;
    t->store_wall[t->n] = now_ms() - w0;
    c0 = cpu_ms();
    w0 = now_ms();
    old_view(copy, f, old_rows_buf);
    t->old_cpu[t->n] = cpu_ms() - c0;
    t->old_wall[t->n] = now_ms() - w0;
    t->n++;
}

static void report(const char *what, struct timed *t)
{
    double a = median(t->store_cpu, t->n), b = median(t->old_cpu, t->n);

    printf("%-34s %9.2f ms %9.2f ms %6.1fx %9.2f ms %9.2f ms\n", what, a, b, a > 0 ? b / a : 0,
           median(t->store_wall, t->n), median(t->old_wall, t->n));
}

/* Typing word letter by letter, as the filter line applies it. */
static void typed_word(struct timed *t, struct store_view *v, const struct store *s,
                       const struct invitation_list *copy, uint32_t *buf, const char *word)
{
    char typed[64];
    size_t len = strlen(word);

    for (size_t k = 1; k <= len && k < sizeof(typed); k++) {
        struct store_filter f = {.search = typed, .sort = STORE_SORT_EXPIRY};
        memcpy(typed, word, k);
        typed[k] = '\0';
        time_one(t, v, s, copy, buf, &f);
    }
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 100000;
    struct store *s = store_new(PROVIDER_HYBRIDBOX);
    struct invitation_list l = {0}, copy = {0};
    uint32_t *buf = xmalloc((n ? n : 1) * sizeof(*buf));
    struct store_view v;
    struct timed typing = {0}, sorting = {0};
    static const char *const words[] = {"mueller", "elodie", "j.user12"};
    static const struct {
        enum store_sort sort;
        bool descending;
    } sorts[] = {
        {STORE_SORT_CREATED, false}, {STORE_SORT_EMAIL, false}, {STORE_SORT_STATUS, false},
        {STORE_SORT_EXPIRY, false},  {STORE_SORT_EXPIRY, true}, {STORE_SORT_EMAIL, true},
    };
    double t0;

    fill(&l, n);
    for (size_t i = 0; i < l.n; i++) {
        struct invitation c = {0}; /* invitation_copy frees what dst held */
        invitation_copy(&c, &l.v[i]);
        invitation_list_push(&copy, &c);
    }
    t0 = cpu_ms();
    store_replace_invitations(s, "acc", &l, 0);
    printf("%zu invitations: store_replace_invitations %.1f ms CPU\n", n, cpu_ms() - t0);
    printf("%-34s %12s %12s %7s %12s %12s\n", "median (CPU; then wall)", "store", "full scan",
           "ratio", "store wall", "scan wall");
    store_view_init(&v);
    store_view_apply(&v, s, "acc", &(struct store_filter){.sort = STORE_SORT_EXPIRY});
    for (size_t w = 0; w < ARRAY_SIZE(words); w++) {
        typed_word(&typing, &v, s, &copy, buf, words[w]);
        store_view_apply(&v, s, "acc", &(struct store_filter){.sort = STORE_SORT_EXPIRY});
    }
    report("filter keystroke (typing a word)", &typing);
    for (size_t r = 0; r < 2; r++) {
        for (size_t i = 0; i < ARRAY_SIZE(sorts); i++) {
            struct store_filter f = {.sort = sorts[i].sort, .descending = sorts[i].descending};
            time_one(&sorting, &v, s, &copy, buf, &f);
        }
    }
    report("sort change (all rows)", &sorting);
    store_view_free(&v);
    store_free(s);
    invitation_list_free(&copy);
    free(buf);
    return 0;
}
