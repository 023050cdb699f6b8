#include "config.h"

#include "faults.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "invitui/util.h"

#define DRIP_BYTES 16
#define DRIP_INTERVAL_US 100000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long long api_requests;
static bool toggle;
static atomic_bool stopping;

static const char *const mode_names[] = { "5xx", "truncate", "malformed", "reset", "drip",
                                          "oversize" };

int faults_parse(const char *spec, struct sb_fault *out)
{
    const char *colon = strchr(spec, ':');
    size_t len = colon ? (size_t)(colon - spec) : strlen(spec);

    out->fraction = 1.0;
    for (size_t i = 0; i < ARRAY_SIZE(mode_names); i++)
        if (strlen(mode_names[i]) == len && strncmp(spec, mode_names[i], len) == 0) {
            out->mode = (enum sb_fault_mode)i;
            if (!colon)
                return 0;
            char *end;
            double f = strtod(colon + 1, &end);
            if (end == colon + 1 || *end || !(f > 0.0 && f <= 1.0))
                return -1;
            out->fraction = f;
            return 0;
        }
    return -1;
}

const struct sb_fault *faults_pick(const struct sb_config *cfg, const char *path)
{
    unsigned long long n;

    if (!cfg->n_faults || (cfg->fault_path && !strstr(path, cfg->fault_path)))
        return NULL;
    pthread_mutex_lock(&lock);
    n = ++api_requests;
    pthread_mutex_unlock(&lock);
    for (size_t i = 0; i < cfg->n_faults; i++) {
        double f = cfg->faults[i].fraction;
        /* A small epsilon keeps 1/3 * 3 from rounding down to 0.999... */
        if ((unsigned long long)(n * f + 1e-9) != (unsigned long long)((n - 1) * f + 1e-9))
            return &cfg->faults[i];
    }
    return NULL;
}

bool faults_toggle(void)
{
    bool t;

    pthread_mutex_lock(&lock);
    t = toggle = !toggle;
    pthread_mutex_unlock(&lock);
    return t;
}

void faults_stop(void)
{
    atomic_store(&stopping, true);
}

void faults_latency(long ms)
{
    /* In short steps: a stop must not wait out a long --latency in every connection thread. */
    for (long left = ms; left > 0 && !atomic_load(&stopping); left -= 50)
        usleep((useconds_t)(left < 50 ? left : 50) * 1000);
}

struct body_src {
    char *data;
    size_t len;
    enum sb_fault_mode mode;
};

static ssize_t read_truncated(struct body_src *b, uint64_t pos, char *buf, size_t max)
{
    if (pos >= b->len)
        return MHD_CONTENT_READER_END_WITH_ERROR; /* promised more than we send */
    size_t n = b->len - (size_t)pos < max ? b->len - (size_t)pos : max;
    memcpy(buf, b->data + pos, n);
    return (ssize_t)n;
}

static ssize_t read_drip(struct body_src *b, uint64_t pos, char *buf, size_t max)
{
    if (atomic_load(&stopping))
        return MHD_CONTENT_READER_END_WITH_ERROR;
    usleep(DRIP_INTERVAL_US);
    if (pos >= b->len)
        return MHD_CONTENT_READER_END_OF_STREAM;
    size_t n = b->len - (size_t)pos;
    if (n > max)
        n = max;
    if (n > DRIP_BYTES)
        n = DRIP_BYTES;
    memcpy(buf, b->data + pos, n);
    return (ssize_t)n;
}

/* A valid JSON array of ~1 KiB padding objects, SB_OVERSIZE_BYTES long. */
static const char oversize_item[] =
    "{\"id\":\"00000000-0000-4000-8000-000000000000\",\"email\":\"oversize@example.com\","
    "\"note\":\"padding padding padding padding padding padding padding padding padding "
    "padding padding padding padding padding padding padding padding padding padding\"},";
#define ITEM_LEN (sizeof(oversize_item) - 1)
#define OVERSIZE_ITEMS ((SB_OVERSIZE_BYTES + ITEM_LEN - 1) / ITEM_LEN)
#define OVERSIZE_TOTAL (1 + OVERSIZE_ITEMS * ITEM_LEN + 3)

static ssize_t read_oversize(uint64_t pos, char *buf, size_t max)
{
    size_t out = 0;

    if (atomic_load(&stopping))
        return MHD_CONTENT_READER_END_WITH_ERROR;
    if (pos >= OVERSIZE_TOTAL)
        return MHD_CONTENT_READER_END_OF_STREAM;
    while (out < max && pos < OVERSIZE_TOTAL) {
        if (pos == 0) {
            buf[out++] = '[';
            pos++;
        } else if (pos < 1 + OVERSIZE_ITEMS * ITEM_LEN) {
            size_t off = (size_t)((pos - 1) % ITEM_LEN);
            size_t n = ITEM_LEN - off;
            if (n > max - out)
                n = max - out;
            memcpy(buf + out, oversize_item + off, n);
            out += n;
            pos += n;
        } else {
            buf[out++] = "{}]"[pos - 1 - OVERSIZE_ITEMS * ITEM_LEN];
            pos++;
        }
    }
    return (ssize_t)out;
}

static ssize_t reader(void *cls, uint64_t pos, char *buf, size_t max)
{
    struct body_src *b = cls;

    switch (b->mode) {
    case SB_FAULT_TRUNCATE:
        return read_truncated(b, pos, buf, max);
    case SB_FAULT_DRIP:
        return read_drip(b, pos, buf, max);
    default:
        return read_oversize(pos, buf, max);
    }
}

static void free_src(void *cls)
{
    struct body_src *b = cls;

    free(b->data);
    free(b);
}

struct MHD_Response *faults_make_response(struct sb_response *resp,
                                          const struct sb_fault *fault)
{
    char *body = resp->body;
    size_t len = resp->len;

    resp->body = NULL;
    resp->len = 0;
    if (!body) {
        body = xstrdup("");
        len = 0;
    }
    if (!fault || fault->mode == SB_FAULT_5XX || fault->mode == SB_FAULT_RESET)
        return MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    if (fault->mode == SB_FAULT_MALFORMED) {
        /* Cut the document in half: valid HTTP, invalid JSON. */
        size_t cut = len / 2;
        if (cut == 0) {
            free(body);
            body = xstrdup("{\"");
            cut = 2;
        }
        return MHD_create_response_from_buffer(cut, body, MHD_RESPMEM_MUST_FREE);
    }
    struct body_src *src = xcalloc(1, sizeof(*src));
    src->data = body;
    src->len = len;
    src->mode = fault->mode;
    uint64_t size = len;
    if (fault->mode == SB_FAULT_TRUNCATE)
        size = len * 2 + 1024;
    else if (fault->mode == SB_FAULT_OVERSIZE)
        size = OVERSIZE_TOTAL;
    return MHD_create_response_from_callback(size, 16 * 1024, reader, src, free_src);
}
