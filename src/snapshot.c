#include "config.h"

#include "invitui/snapshot.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "invitui/i18n.h"
#include "invitui/provider.h"

/* A file bigger than this is not one we wrote (100,000 rows take ~15 MB). */
#define SNAPSHOT_MAX_BYTES ((size_t)1 << 30)

static const char snap_suffix[] = ".snap";

char *snapshot_dir(void)
{
    const char *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");

    /* The XDG spec says a relative value is to be ignored. */
    if (xdg && xdg[0] == '/')
        return xasprintf("%s/invitui", xdg);
    if (home && *home)
        return xasprintf("%s/.cache/invitui", home);
    return NULL;
}

static void put_encoded(struct strbuf *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_')
            strbuf_putc(out, (char)*p);
        else
            strbuf_printf(out, "%%%02X", *p);
    }
}

char *snapshot_path(const char *dir, const char *profile, const char *account_id)
{
    struct strbuf sb;

    strbuf_init(&sb);
    strbuf_printf(&sb, "%s/", dir);
    put_encoded(&sb, profile);
    strbuf_putc(&sb, '.');
    put_encoded(&sb, account_id);
    strbuf_puts(&sb, snap_suffix);
    return strbuf_detach(&sb, NULL);
}

char *snapshot_latest(const char *dir, const char *profile)
{
    struct strbuf prefix;
    char *best = NULL;
    struct timespec best_t = {0, 0};
    DIR *d = opendir(dir);

    if (!d)
        return NULL;
    strbuf_init(&prefix);
    put_encoded(&prefix, profile);
    strbuf_putc(&prefix, '.'); /* '.' is always encoded in a name: the prefix is exact */
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        size_t len = strlen(e->d_name);
        struct stat st;
        if (strncmp(e->d_name, prefix.data, prefix.len) != 0 ||
            len < prefix.len + sizeof(snap_suffix) - 1 ||
            strcmp(e->d_name + len - (sizeof(snap_suffix) - 1), snap_suffix) != 0 ||
            fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
            continue;
        if (!best || st.st_mtim.tv_sec > best_t.tv_sec ||
            (st.st_mtim.tv_sec == best_t.tv_sec && st.st_mtim.tv_nsec > best_t.tv_nsec)) {
            free(best);
            best = xasprintf("%s/%s", dir, e->d_name);
            best_t = st.st_mtim;
        }
    }
    closedir(d);
    strbuf_free(&prefix);
    return best;
}

/* ---- the format ---- */

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

/* Not strbuf_printf: a 100,000-row list writes 1.1 million of these, and two vsnprintf
 * calls each were most of a save. */
static void put_decimal(struct strbuf *out, unsigned long long v)
{
    char buf[24];
    size_t i = sizeof(buf);

    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    strbuf_append(out, buf + i, sizeof(buf) - i);
}

static void put_int(struct strbuf *out, long long v)
{
    strbuf_putc(out, 'i');
    if (v < 0)
        strbuf_putc(out, '-');
    put_decimal(out, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v);
    strbuf_putc(out, ',');
}

static void put_str(struct strbuf *out, const char *s)
{
    if (!s) {
        strbuf_puts(out, "-,");
        return;
    }
    size_t n = strlen(s);
    put_decimal(out, n);
    strbuf_putc(out, ':');
    strbuf_append(out, s, n);
    strbuf_putc(out, ',');
}

static void put_invitation(struct strbuf *out, const struct invitation *inv)
{
    const char *strs[] = {inv->id,         inv->user_id, inv->account_id,
                          inv->email,      inv->name,    inv->raw_status,
                          inv->summary,    inv->link};

    for (size_t i = 0; i < ARRAY_SIZE(strs); i++)
        put_str(out, strs[i]);
    put_int(out, (long long)inv->created_at);
    put_int(out, (long long)inv->expires_at);
    put_int(out, (long long)inv->accepted_at);
}

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

static int write_all(int fd, const char *p, size_t n);

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

static void encode(struct encoder *e, const struct snapshot *s)
{
    struct strbuf *out = e->out;

    strbuf_printf(out, "%s %d\n", SNAPSHOT_MAGIC, SNAPSHOT_VERSION);
    e->body = out->len;
    checksum_init(&e->sum);
    put_str(out, provider_kind_name(s->kind));
    put_str(out, s->base_url);
    put_str(out, s->account_id);
    put_int(out, (long long)s->saved_at);
    put_int(out, (long long)s->accounts.n);
    put_int(out, (long long)s->invitations.n);
    for (size_t i = 0; i < s->accounts.n; i++) {
        const struct account *a = &s->accounts.v[i];
        put_str(out, a->id);
        put_str(out, a->name);
        put_str(out, a->status);
        put_str(out, a->type);
    }
    for (size_t i = 0; i < s->invitations.n; i++) {
        put_invitation(out, &s->invitations.v[i]);
        if (e->fd >= 0 && out->len >= ENCODE_PIECE)
            encoder_flush(e);
    }
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
static bool check_trailer(const char *data, size_t len, size_t body, size_t *body_end)
{
    const size_t tl = sizeof("end 0123456789abcdef\n") - 1;
    char want[24];

    if (len < body + tl)
        return false;
    *body_end = len - tl;
    snprintf(want, sizeof(want), "end %016" PRIx64 "\n",
             checksum(data + body, *body_end - body));
    return memcmp(data + *body_end, want, tl) == 0;
}

/* The fewest bytes a record takes ("-," per string, "i0," per time): a count
 * beyond what the file can hold is damage, and is never allocated. */
enum { ACCOUNT_MIN_BYTES = 4 * 2, INVITATION_MIN_BYTES = 8 * 2 + 3 * 3 };

static void decode_records(struct reader *r, struct snapshot *out, size_t na, size_t ni)
{
    /* Sized once: growing 100,000 records by doubling copies them all again and again. */
    out->accounts.v = xcalloc(na ? na : 1, sizeof(*out->accounts.v));
    out->accounts.cap = na ? na : 1;
    out->invitations.v = xcalloc(ni ? ni : 1, sizeof(*out->invitations.v));
    out->invitations.cap = ni ? ni : 1;
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
    for (size_t i = 0; i < ni && !r->bad; i++) {
        struct invitation inv = {0};
        get_invitation(r, &inv);
        invitation_list_push(&out->invitations, &inv);
    }
}

enum snapshot_result snapshot_decode(const char *data, size_t len, struct snapshot *out)
{
    size_t body = 0, body_end;
    long long saved = 0, na = 0, ni = 0;

    memset(out, 0, sizeof(*out));
    long version = read_header(data, len, &body);
    if (version == 0)
        return SNAPSHOT_CORRUPT;
    if (version != SNAPSHOT_VERSION)
        return SNAPSHOT_OTHER_VERSION;
    if (!check_trailer(data, len, body, &body_end))
        return SNAPSHOT_CORRUPT;
    struct reader r = {data + body, data + body_end, false};
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
    if (!out->account_id)
        r.bad = true;
    if (r.bad) { /* no records to size for */
        snapshot_free(out);
        return SNAPSHOT_CORRUPT;
    }
    out->kind = ops ? ops->kind : out->kind;
    out->saved_at = (time_t)saved;
    decode_records(&r, out, (size_t)na, (size_t)ni);
    if (r.bad || r.p != r.end) {
        snapshot_free(out);
        return SNAPSHOT_CORRUPT;
    }
    return SNAPSHOT_OK;
}

void snapshot_free(struct snapshot *s)
{
    free(s->base_url);
    free(s->account_id);
    account_list_free(&s->accounts);
    invitation_list_free(&s->invitations);
    memset(s, 0, sizeof(*s));
}

/* ---- the files ---- */

/* Ours, of the wanted type, and closed to group and others. */
static bool private_stat(const struct stat *st, mode_t type)
{
    return (st->st_mode & S_IFMT) == type && st->st_uid == geteuid() &&
           (st->st_mode & 077) == 0;
}

/* mkdir -p with 0700 for what is made; the last one must be private. */
static int make_dir(const char *dir)
{
    char *copy = xstrdup(dir);
    struct stat st;

    for (char *p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(copy, 0700) < 0 && errno != EEXIST) {
            free(copy);
            return -1;
        }
        *p = '/';
    }
    free(copy);
    if (mkdir(dir, 0700) < 0 && errno != EEXIST)
        return -1;
    if (lstat(dir, &st) < 0)
        return -1;
    if (!private_stat(&st, S_IFDIR)) {
        errno = EPERM;
        return -1;
    }
    return 0;
}

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

int snapshot_save(const char *dir, const char *path, const struct snapshot *s)
{
    struct strbuf data;
    int saved_errno;

    if (make_dir(dir) < 0)
        return -1;
    char *tmp = xasprintf("%s.XXXXXX", path);
    int fd = mkstemp(tmp); /* 0600, O_EXCL */
    if (fd < 0) {
        saved_errno = errno;
        free(tmp);
        errno = saved_errno;
        return -1;
    }
    strbuf_init(&data);
    /* No fsync: a file cut short by a crash fails its checksum and is
     * ignored, and the next list writes it again. */
    int rc = fchmod(fd, 0600);
    if (rc == 0) {
        struct encoder e = {.out = &data, .fd = fd};
        encode(&e, s);
        rc = e.failed ? -1 : 0;
        errno = e.err;
    }
    saved_errno = errno;
    if (close(fd) < 0 && rc == 0) {
        rc = -1;
        saved_errno = errno;
    }
    if (rc == 0 && rename(tmp, path) < 0) {
        rc = -1;
        saved_errno = errno;
    }
    if (rc < 0)
        unlink(tmp);
    strbuf_free(&data);
    free(tmp);
    errno = saved_errno;
    return rc;
}

/* The whole file into *buf (malloc'd, *len bytes) after the checks. */
static enum snapshot_result read_file(const char *path, char **buf, size_t *len)
{
    struct stat st;
    char *slash = strrchr(path, '/');

    if (slash && slash != path) { /* the directory must be private too */
        char *dir = xstrndup(path, (size_t)(slash - path));
        int rc = lstat(dir, &st);
        free(dir);
        if (rc < 0)
            return SNAPSHOT_NONE;
        if (!private_stat(&st, S_IFDIR))
            return SNAPSHOT_UNSAFE;
    }
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return errno == ENOENT ? SNAPSHOT_NONE : SNAPSHOT_UNSAFE;
    if (fstat(fd, &st) < 0 || !private_stat(&st, S_IFREG)) {
        close(fd);
        return SNAPSHOT_UNSAFE;
    }
    if ((unsigned long long)st.st_size > SNAPSHOT_MAX_BYTES) {
        close(fd);
        return SNAPSHOT_CORRUPT;
    }
    size_t got = 0;
    *buf = xmalloc((size_t)st.st_size + 1);
    for (;;) {
        ssize_t r = read(fd, *buf + got, (size_t)st.st_size + 1 - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
        if (got == (size_t)st.st_size + 1)
            break; /* it grew while we read: the checksum will say */
    }
    close(fd);
    *len = got;
    return SNAPSHOT_OK;
}

enum snapshot_result snapshot_load(const char *path, time_t now, struct snapshot *out)
{
    char *data = NULL;
    size_t len = 0;

    memset(out, 0, sizeof(*out));
    enum snapshot_result r = read_file(path, &data, &len);
    if (r == SNAPSHOT_OK)
        r = snapshot_decode(data, len, out);
    free(data);
    if (r != SNAPSHOT_OK)
        return r;
    for (size_t i = 0; i < out->accounts.n; i++)
        account_make_shown(&out->accounts.v[i]);
    for (size_t i = 0; i < out->invitations.n; i++) {
        invitation_set_status(&out->invitations.v[i], out->kind, now);
        invitation_make_shown(&out->invitations.v[i]);
    }
    return SNAPSHOT_OK;
}

const char *snapshot_result_note(enum snapshot_result r)
{
    switch (r) {
    case SNAPSHOT_UNSAFE:
        return _("The cached list was not read: its file is open to other users or not yours.");
    case SNAPSHOT_CORRUPT:
        return _("The cached list was damaged or cut short and is ignored.");
    case SNAPSHOT_OTHER_VERSION:
        return _("The cached list is from another version of invitui and is ignored.");
    default:
        return NULL;
    }
}
