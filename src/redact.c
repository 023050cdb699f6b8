/* redact: see redact.h. A handful of secrets at most, so a plain list and
 * one memmem pass per secret are enough. */
#include "config.h"

#include "invitui/redact.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/util.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct strvec secrets;

void redact_add(const char *secret)
{
    if (!secret || strlen(secret) < REDACT_MIN)
        return;
    pthread_mutex_lock(&lock);
    if (!strvec_contains(&secrets, secret))
        strvec_push(&secrets, secret);
    pthread_mutex_unlock(&lock);
}

void redact_clear(void)
{
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < secrets.n; i++)
        explicit_bzero(secrets.v[i], strlen(secrets.v[i]));
    strvec_free(&secrets);
    memset(&secrets, 0, sizeof(secrets));
    pthread_mutex_unlock(&lock);
}

/* One secret out of buf, which it may replace. */
static void redact_one(struct strbuf *buf, const char *secret)
{
    size_t slen = strlen(secret);
    const char *hit = buf->len ? memmem(buf->data, buf->len, secret, slen) : NULL;
    struct strbuf out;

    if (!hit)
        return;
    strbuf_init(&out);
    const char *p = buf->data;
    size_t left = buf->len;
    while (hit) {
        strbuf_append(&out, p, (size_t)(hit - p));
        strbuf_puts(&out, REDACT_MARK);
        left -= (size_t)(hit - p) + slen;
        p = hit + slen;
        hit = memmem(p, left, secret, slen);
    }
    strbuf_append(&out, p, left);
    /* The replaced text held the secret. */
    explicit_bzero(buf->data, buf->len);
    strbuf_free(buf);
    *buf = out;
}

char *redact_text(const char *s, size_t len, size_t *out_len)
{
    struct strbuf buf;

    strbuf_init(&buf);
    strbuf_append(&buf, s, len);
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < secrets.n; i++)
        redact_one(&buf, secrets.v[i]);
    pthread_mutex_unlock(&lock);
    return strbuf_detach(&buf, out_len);
}

static void redact_member(char **slot)
{
    if (!*slot)
        return;
    char *clean = redact_text(*slot, strlen(*slot), NULL);
    if (strcmp(clean, *slot) != 0) {
        explicit_bzero(*slot, strlen(*slot));
        free(*slot);
        *slot = clean;
    } else {
        free(clean);
    }
}

void redact_error(struct api_error *err)
{
    redact_member(&err->title);
    redact_member(&err->detail);
    redact_member(&err->trace_id);
    redact_member(&err->instance);
    for (size_t i = 0; i < err->nfields; i++) {
        redact_member(&err->fields[i].field);
        redact_member(&err->fields[i].message);
    }
}
