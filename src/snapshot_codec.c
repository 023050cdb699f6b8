#include "config.h"

#include "invitui/snapshot_codec.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "invitui/provider.h"
#include "invitui/row_slab.h"

/* A file bigger than this is not one we wrote (100,000 rows take ~19 MB). */
#define SNAPSHOT_MAX_BYTES ((size_t)1 << 30)

/* ---- the checksum ---- */

#define FNV_OFFSET UINT64_C(14695981039346656037)
#define FNV_PRIME UINT64_C(1099511628211)

static uint64_t le64(const char *p)
{
    const unsigned char *b = (const unsigned char *)p;
    uint64_t v = 0;

    for (int i = 7; i >= 0; i--)
        v = v << 8 | b[i];
    return v;
}

/* FNV-1a's step a word at a time, in four lanes: byte-wise FNV-1a over a 15 MiB file was a
 * tenth of a snapshot's load. Each step is a bijection, so any one changed byte changes the
 * sum; it guards against damage, not against an attacker (the file is private). Fed in
 * pieces (a save writes as it encodes), every piece but the last a multiple of 32 bytes. */
struct checksum {
    uint64_t lane[4];
};

static void checksum_init(struct checksum *c)
{
    *c = (struct checksum){{FNV_OFFSET, FNV_OFFSET ^ 1, FNV_OFFSET ^ 2, FNV_OFFSET ^ 3}};
}

/* The whole 32-byte blocks of p[0..n); returns how many bytes that was. */
static size_t checksum_blocks(struct checksum *c, const char *p, size_t n)
{
    size_t i = 0;

    for (; i + 32 <= n; i += 32)
        for (int k = 0; k < 4; k++)
            c->lane[k] = (c->lane[k] ^ le64(p + i + 8 * k)) * FNV_PRIME;
    return i;
}

static uint64_t checksum_end(struct checksum *c, const char *p, size_t n)
{
    size_t i = checksum_blocks(c, p, n);
    uint64_t h = FNV_OFFSET;

    for (int k = 0; k < 4; k++)
        h = (h ^ c->lane[k]) * FNV_PRIME;
    for (; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * FNV_PRIME;
    return h;
}

static uint64_t checksum(const char *p, size_t n)
{
    struct checksum c;

    checksum_init(&c);
    return checksum_end(&c, p, n);
}

static void put_int(struct strbuf *out, long long v)
{
    strbuf_putc(out, 'i');
    if (v < 0)
        strbuf_putc(out, '-');
    strbuf_put_decimal(out, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v);
    strbuf_putc(out, ',');
}

static void put_str(struct strbuf *out, const char *s)
{
    if (!s) {
        strbuf_puts(out, "-,");
        return;
    }
    size_t n = strlen(s);
    strbuf_put_decimal(out, n);
    strbuf_putc(out, ':');
    strbuf_append(out, s, n);
    strbuf_putc(out, ',');
}

void snapshot_rec_of(struct snapshot_rec *r, const struct invitation *inv)
{
    *r = (struct snapshot_rec){
        .id = inv->id,
        .user_id = inv->user_id,
        .account_id = inv->account_id,
        .email = inv->email,
        .name = inv->name,
        .raw_status = inv->raw_status,
        .summary = inv->summary,
        .link = inv->link,
        .created_at = inv->created_at,
        .expires_at = inv->expires_at,
        .accepted_at = inv->accepted_at,
    };
}

static void rec_order_key(const void *elem, const char **email, const char **id)
{
    const struct snapshot_rec *r = elem;

    *email = r->email;
    *id = r->id;
}

void snapshot_recs_sort(struct snapshot_rec *recs, size_t n)
{
    model_sort_email_id(recs, n, sizeof(*recs), rec_order_key);
}

static size_t rows_of(const struct snapshot *s)
{
    return s->recs ? s->nrecs : s->invitations.n;
}

static void rec_at(const struct snapshot *s, size_t i, struct snapshot_rec *r)
{
    if (s->recs)
        *r = s->recs[i];
    else
        snapshot_rec_of(r, &s->invitations.v[i]);
}

static void put_invitation(struct strbuf *out, const struct snapshot_rec *r, size_t position)
{
    const char *strs[] = {r->id,    r->user_id,    r->account_id, r->email,
                          r->name,  r->raw_status, r->summary,    r->link};

    for (size_t i = 0; i < ARRAY_SIZE(strs); i++)
        put_str(out, strs[i]);
    put_int(out, (long long)r->created_at);
    put_int(out, (long long)r->expires_at);
    put_int(out, (long long)r->accepted_at);
    put_int(out, (long long)position);
}

/* ---- writing ---- */

/* Where an encoding goes: a buffer that is whole at the end, or a file written a piece at a
 * time (fd >= 0), so that a save never holds the whole file in memory. */
struct encoder {
    struct strbuf *out;
    size_t body;          /* where the checksummed part starts in out */
    struct checksum sum;
    int fd;               /* -1: keep everything in out */
    bool failed;          /* a write failed, with errno err */
    int err;
};

#define ENCODE_PIECE ((size_t)1 << 20)

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static void encoder_write(struct encoder *e, size_t n)
{
    if (!e->failed && write_all(e->fd, e->out->data, n) < 0) {
        e->failed = true;
        e->err = errno;
    }
}

/* Writes out what is checksummed already (whole 32-byte blocks) and keeps the rest. */
static void encoder_flush(struct encoder *e)
{
    size_t done = checksum_blocks(&e->sum, e->out->data + e->body, e->out->len - e->body);
    size_t upto = e->body + done;

    encoder_write(e, upto);
    memmove(e->out->data, e->out->data + upto, e->out->len - upto);
    e->out->len -= upto;
    e->body = 0;
}

/* The order the TUI starts in (store.h: expiry, none last; a tie in the list's own order,
 * e-mail then id, as the worker hands it over), so that the file's first records are the
 * first screen. */
struct start_key {
    int64_t t;
    uint32_t i;
};

static int cmp_start(const void *a, const void *b, void *ctx)
{
    const struct start_key *x = a, *y = b;

    (void)ctx;
    if (x->t != y->t)
        return x->t < y->t ? -1 : 1;
    return (x->i > y->i) - (x->i < y->i);
}

static struct start_key *start_order(const struct snapshot *s)
{
    size_t n = rows_of(s);
    struct start_key *k = xmalloc((n ? n : 1) * sizeof(*k));

    for (size_t i = 0; i < n; i++) {
        time_t t = s->recs ? s->recs[i].expires_at : s->invitations.v[i].expires_at;
        k[i] = (struct start_key){t ? (int64_t)t : INT64_MAX, (uint32_t)i};
    }
    util_sort_in_place(k, n, sizeof(*k), cmp_start, NULL);
    return k;
}

/* The head's own sum, over the fields so far: nothing of them has been flushed yet. */
static void put_head_sum(struct encoder *e)
{
    char hex[17];

    snprintf(hex, sizeof(hex), "%016" PRIx64,
             checksum(e->out->data + e->body, e->out->len - e->body));
    put_str(e->out, hex);
}

static void encode(struct encoder *e, const struct snapshot *s)
{
    struct strbuf *out = e->out;
    size_t n = rows_of(s);
    size_t nhead = n < SNAPSHOT_HEAD_ROWS ? n : SNAPSHOT_HEAD_ROWS;
    struct start_key *order = start_order(s);

    strbuf_printf(out, "%s %d\n", SNAPSHOT_MAGIC, SNAPSHOT_VERSION);
    e->body = out->len;
    checksum_init(&e->sum);
    put_str(out, provider_kind_name(s->kind));
    put_str(out, s->base_url);
    put_str(out, s->account_id);
    put_int(out, (long long)s->saved_at);
    put_int(out, (long long)s->accounts.n);
    put_int(out, (long long)n);
    put_int(out, (long long)nhead);
    for (size_t i = 0; i < s->accounts.n; i++) {
        const struct account *a = &s->accounts.v[i];
        put_str(out, a->id);
        put_str(out, a->name);
        put_str(out, a->status);
        put_str(out, a->type);
    }
    for (size_t k = 0; k < n; k++) {
        struct snapshot_rec r;
        if (k == nhead)
            put_head_sum(e);
        rec_at(s, order[k].i, &r);
        put_invitation(out, &r, order[k].i);
        if (k >= nhead && e->fd >= 0 && out->len >= ENCODE_PIECE)
            encoder_flush(e);
    }
    if (nhead == n)
        put_head_sum(e);
    free(order);
    uint64_t sum = checksum_end(&e->sum, out->data + e->body, out->len - e->body);
    strbuf_printf(out, "end %016" PRIx64 "\n", sum);
    if (e->fd >= 0)
        encoder_write(e, out->len);
}

void snapshot_encode(struct strbuf *out, const struct snapshot *s)
{
    struct encoder e = {.out = out, .fd = -1};

    encode(&e, s);
}

int snapshot_write(int fd, const struct snapshot *s)
{
    struct strbuf data;

    strbuf_init(&data);
    struct encoder e = {.out = &data, .fd = fd};
    encode(&e, s);
    strbuf_free(&data);
    errno = e.err;
    return e.failed ? -1 : 0;
}

/* ---- reading ---- */

/* A cursor over the fields; any error sticks, so a record is read whole and
 * checked once. */
struct reader {
    const char *p, *end;
    bool bad;
};

static bool get_int(struct reader *r, long long min, long long max, long long *out)
{
    long long v = 0;
    bool neg = false, digits = false;

    if (r->bad || r->p >= r->end || *r->p++ != 'i')
        return !(r->bad = true);
    if (r->p < r->end && *r->p == '-') {
        neg = true;
        r->p++;
    }
    for (; r->p < r->end && *r->p >= '0' && *r->p <= '9'; r->p++) {
        if (v > (LLONG_MAX - 9) / 10)
            return !(r->bad = true);
        v = v * 10 + (*r->p - '0');
        digits = true;
    }
    if (neg)
        v = -v;
    if (!digits || r->p >= r->end || *r->p++ != ',' || v < min || v > max)
        return !(r->bad = true);
    *out = v;
    return true;
}

static char *get_str(struct reader *r)
{
    size_t n = 0;
    bool digits = false;

    if (r->bad || r->p >= r->end)
        return (r->bad = true), NULL;
    if (*r->p == '-') {
        if (r->end - r->p < 2 || r->p[1] != ',')
            r->bad = true;
        r->p += 2;
        return NULL;
    }
    for (; r->p < r->end && *r->p >= '0' && *r->p <= '9'; r->p++) {
        if (n > SNAPSHOT_MAX_BYTES)
            return (r->bad = true), NULL;
        n = n * 10 + (size_t)(*r->p - '0');
        digits = true;
    }
    /* The string, then its comma, must fit; a NUL inside is not ours. */
    if (!digits || r->p >= r->end || *r->p++ != ':' || (size_t)(r->end - r->p) <= n ||
        r->p[n] != ',' || memchr(r->p, '\0', n))
        return (r->bad = true), NULL;
    char *s = xstrndup(r->p, n);
    r->p += n + 1;
    return s;
}

static void get_invitation(struct reader *r, struct invitation *inv)
{
    char **strs[] = {&inv->id,         &inv->user_id, &inv->account_id,
                     &inv->email,      &inv->name,    &inv->raw_status,
                     &inv->summary,    &inv->link};
    long long t[3] = {0, 0, 0};

    for (size_t i = 0; i < ARRAY_SIZE(strs); i++)
        *strs[i] = get_str(r);
    for (size_t i = 0; i < 3; i++)
        get_int(r, 0, INT64_MAX, &t[i]);
    inv->created_at = (time_t)t[0];
    inv->expires_at = (time_t)t[1];
    inv->accepted_at = (time_t)t[2];
    if (!inv->id) /* identity in the store */
        r->bad = true;
}

/* "invitui-snapshot <version>\n": the version, 0 for another magic. */
static long read_header(const char *data, size_t len, size_t *body)
{
    size_t m = sizeof(SNAPSHOT_MAGIC) - 1;
    const char *nl = memchr(data, '\n', len < 64 ? len : 64);
    long v;

    if (!nl || len < m + 2 || memcmp(data, SNAPSHOT_MAGIC " ", m + 1) != 0)
        return 0;
    char num[24];
    size_t n = (size_t)(nl - data) - (m + 1);
    if (n == 0 || n >= sizeof(num))
        return 0;
    memcpy(num, data + m + 1, n);
    num[n] = '\0';
    if (util_parse_long(num, 1, 1000000, &v) < 0)
        return 0;
    *body = (size_t)(nl - data) + 1;
    return v;
}

/* The trailer "end <16 hex>\n" closes the file and sums the fields before it. */
/* The trailer "end <16 hex>\n" closes the file and sums the fields before it. Found first,
 * summed while the records are read (see decode_split): a sum that differs throws them away. */
struct trailer {
    const char *body;
    size_t len;    /* of the summed part */
    const char *end; /* the trailer */
    bool ok;       /* the sum matches, once trailer_check has run */
};

static const size_t trailer_len = sizeof("end 0123456789abcdef\n") - 1;

static bool trailer_find(const char *data, size_t len, size_t body, struct trailer *t)
{
    if (len < body + trailer_len)
        return false;
    *t = (struct trailer){data + body, len - trailer_len - body, data + len - trailer_len, false};
    return memcmp(t->end, "end ", 4) == 0 && t->end[trailer_len - 1] == '\n';
}

static void trailer_check(struct trailer *t)
{
    char want[24];

    snprintf(want, sizeof(want), "end %016" PRIx64 "\n", checksum(t->body, t->len));
    t->ok = memcmp(t->end, want, trailer_len) == 0;
}

/* The fewest bytes a record takes ("-," per string, "i0," per integer): a count beyond what
 * the file can hold is damage, and is never allocated. */
enum { ACCOUNT_MIN_BYTES = 4 * 2, INVITATION_MIN_BYTES = 8 * 2 + 4 * 3 };

/* When a load decodes (snapshot_decode_load), each row is finished as it is read: its status
 * for now, its display copies, its strings moved to a block (row_slab.h) while the row's
 * temporary strings are still in the cache and their memory is reused by the next row. */
struct finish {
    time_t now;
    struct row_slab_writer slab;
};

static void finish_row(struct invitation *inv, enum provider_kind kind, struct finish *f)
{
    invitation_set_status(inv, kind, f->now);
    invitation_make_shown(inv);
    invitation_to_slab(inv, &f->slab);
}

/* Past one field without reading it ("-," "N:bytes," "iN,"): to find where a record starts. */
static void skip_field(struct reader *r)
{
    size_t n = 0;

    if (r->bad || r->p >= r->end)
        return (void)(r->bad = true);
    if (*r->p == '-' || *r->p == 'i') {
        const char *comma = memchr(r->p, ',', (size_t)(r->end - r->p));
        if (!comma)
            return (void)(r->bad = true);
        r->p = comma + 1;
        return;
    }
    for (; r->p < r->end && *r->p >= '0' && *r->p <= '9' && n <= SNAPSHOT_MAX_BYTES; r->p++)
        n = n * 10 + (size_t)(*r->p - '0');
    if (r->p >= r->end || *r->p != ':' || (size_t)(r->end - r->p) <= n + 1)
        return (void)(r->bad = true);
    r->p += n + 2;
}

enum { INVITATION_FIELDS = 12, DECODE_SPLIT_MIN = 20000 };

/* Records [from, to) of the file from r, each put at its position in the list (sized already;
 * seen says which positions are taken, so that two records never claim one). */
struct decode_part {
    struct reader r;
    struct snapshot *out;
    atomic_uchar *seen;
    size_t from, to;
    struct finish *f;
    uint32_t *placed; /* NULL, or where record k went, at placed[k - from] */
};

static void decode_invitations(struct decode_part *d)
{
    long long last = (long long)d->out->invitations.n - 1;

    for (size_t k = d->from; k < d->to && !d->r.bad; k++) {
        struct invitation inv = {0};
        long long pos = 0;
        get_invitation(&d->r, &inv);
        get_int(&d->r, 0, last, &pos);
        if (!d->r.bad && atomic_exchange(&d->seen[pos], 1))
            d->r.bad = true;
        if (d->r.bad) {
            invitation_free(&inv);
            break;
        }
        if (d->f)
            finish_row(&inv, d->out->kind, d->f);
        d->out->invitations.v[pos] = inv;
        if (d->placed)
            d->placed[k - d->from] = (uint32_t)pos;
    }
}

static void *decode_thread(void *arg)
{
    decode_invitations(arg);
    return NULL;
}

/* Records [from, n) on two threads, each half from where its first record starts: the other
 * core is idle while a start waits for its snapshot. The trailer's sum is checked meanwhile.
 * Falls back to one thread. */
static void decode_split(struct reader *r, struct decode_part *all, struct trailer *sum)
{
    size_t mid = all->from + (all->to - all->from) / 2;
    struct reader scan = *r;
    for (size_t i = all->from; i < mid && !scan.bad; i++)
        for (int f = 0; f < INVITATION_FIELDS; f++)
            skip_field(&scan);
    struct finish f2 = {.now = all->f->now};
    struct decode_part a = *all, b = *all;
    a.r = (struct reader){r->p, scan.p, false};
    a.to = mid;
    b.r = (struct reader){scan.p, r->end, false};
    b.from = mid;
    b.f = &f2;
    pthread_t t;
    bool threaded = !scan.bad && pthread_create(&t, NULL, decode_thread, &b) == 0;

    if (scan.bad) { /* the one-thread decode finds the damage and says so */
        a.r.end = r->end;
        a.to = all->to;
    }
    trailer_check(sum);
    decode_invitations(&a);
    if (threaded)
        pthread_join(t, NULL);
    else if (!scan.bad)
        decode_invitations(&b);
    row_slab_writer_end(&f2.slab);
    r->bad = a.r.bad || (!scan.bad && (b.r.bad || a.r.p != a.r.end));
    r->p = scan.bad ? a.r.p : b.r.p;
}

/* The head: its records, then the sum of every field before that sum, checked before the
 * rows are handed on. */
static void decode_head(struct reader *r, struct decode_part *d, const char *body,
                        const struct snapshot_head *head)
{
    uint32_t *placed = xmalloc((d->to ? d->to : 1) * sizeof(*placed));
    char want[17];

    d->placed = placed;
    d->r = *r;
    decode_invitations(d);
    *r = d->r;
    const char *at = r->p;
    char *got = get_str(r);
    snprintf(want, sizeof(want), "%016" PRIx64, checksum(body, (size_t)(at - body)));
    if (!got || strcmp(got, want) != 0)
        r->bad = true;
    free(got);
    if (!r->bad && head && head->fn && d->to > 0) {
        const struct invitation **rows = xmalloc(d->to * sizeof(*rows));
        for (size_t k = 0; k < d->to; k++)
            rows[k] = &d->out->invitations.v[placed[k]];
        head->fn(head->arg, d->out, rows, d->to);
        free(rows);
    }
    free(placed);
    d->placed = NULL;
}

static void decode_records(struct reader *r, struct snapshot *out, size_t na, size_t ni,
                           size_t nhead, struct finish *f, const struct snapshot_head *head,
                           struct trailer *sum)
{
    /* Sized once: growing 100,000 records by doubling copies them all again and again. */
    out->accounts.v = xcalloc(na ? na : 1, sizeof(*out->accounts.v));
    out->accounts.cap = na ? na : 1;
    out->invitations.v = xcalloc(ni ? ni : 1, sizeof(*out->invitations.v));
    out->invitations.cap = ni ? ni : 1;
    row_slab_advise_huge(out->invitations.v, out->invitations.cap * sizeof(*out->invitations.v));
    for (size_t i = 0; i < na && !r->bad; i++) {
        struct account a = {0};
        a.id = get_str(r);
        a.name = get_str(r);
        a.status = get_str(r);
        a.type = get_str(r);
        if (!a.id)
            r->bad = true;
        account_list_push(&out->accounts, &a);
    }
    if (r->bad)
        return;
    /* Every row has its place from here on (zeroed until read), so that a damaged file frees
     * what was read. */
    out->invitations.n = ni;
    atomic_uchar *seen = xcalloc(ni ? ni : 1, sizeof(*seen));
    struct decode_part d = {*r, out, seen, 0, nhead, f, NULL};
    decode_head(r, &d, sum->body, head);
    d.from = nhead;
    d.to = ni;
    if (r->bad) {
        free(seen);
        return;
    }
    if (f && ni - nhead >= DECODE_SPLIT_MIN) {
        decode_split(r, &d, sum);
    } else {
        trailer_check(sum);
        d.r = *r;
        if (sum->ok)
            decode_invitations(&d);
        *r = d.r;
    }
    free(seen);
}

static enum snapshot_result decode(const char *data, size_t len, struct snapshot *out,
                                   struct finish *f, const struct snapshot_head *head)
{
    size_t body = 0;
    long long saved = 0, na = 0, ni = 0, nhead = 0;
    struct trailer sum;

    memset(out, 0, sizeof(*out));
    long version = read_header(data, len, &body);
    if (version == 0)
        return SNAPSHOT_CORRUPT;
    if (version != SNAPSHOT_VERSION)
        return SNAPSHOT_OTHER_VERSION;
    if (!trailer_find(data, len, body, &sum))
        return SNAPSHOT_CORRUPT;
    struct reader r = {sum.body, sum.end, false};
    /* The provider by the name its profiles use: a file never names a provider this build
     * does not have. */
    char *kind = get_str(&r);
    const struct provider_ops *ops = kind ? provider_named(kind) : NULL;
    free(kind);
    if (!ops)
        r.bad = true;
    out->base_url = get_str(&r);
    out->account_id = get_str(&r);
    get_int(&r, 0, INT64_MAX, &saved);
    get_int(&r, 0, (long long)(len / ACCOUNT_MIN_BYTES), &na);
    get_int(&r, 0, (long long)(len / INVITATION_MIN_BYTES), &ni);
    get_int(&r, 0, ni, &nhead);
    if (!out->account_id)
        r.bad = true;
    if (r.bad) { /* no records to size for */
        snapshot_free(out);
        return SNAPSHOT_CORRUPT;
    }
    out->kind = ops ? ops->kind : out->kind;
    out->saved_at = (time_t)saved;
    decode_records(&r, out, (size_t)na, (size_t)ni, (size_t)nhead, f, head, &sum);
    if (!sum.ok || r.bad || r.p != r.end) {
        snapshot_free(out);
        return SNAPSHOT_CORRUPT;
    }
    return SNAPSHOT_OK;
}

enum snapshot_result snapshot_decode(const char *data, size_t len, struct snapshot *out)
{
    return decode(data, len, out, NULL, NULL);
}

enum snapshot_result snapshot_decode_load(const char *data, size_t len, time_t now,
                                          const struct snapshot_head *head,
                                          struct snapshot *out)
{
    struct finish f = {.now = now};
    enum snapshot_result r = decode(data, len, out, &f, head);

    row_slab_writer_end(&f.slab);
    if (r == SNAPSHOT_OK)
        for (size_t i = 0; i < out->accounts.n; i++)
            account_make_shown(&out->accounts.v[i]);
    return r;
}

void snapshot_free(struct snapshot *s)
{
    free(s->base_url);
    free(s->account_id);
    account_list_free(&s->accounts);
    invitation_list_free(&s->invitations);
    memset(s, 0, sizeof(*s));
}
