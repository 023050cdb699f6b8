#include "config.h"

#include "invitui/journal.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "invitui/i18n.h"
#include "invitui/json_util.h"
#include "invitui/model.h"
#include "invitui/redact.h"
#include "invitui/sanitize.h"
#include "invitui/util.h"

char *journal_default_path(void)
{
    const char *state = getenv("XDG_STATE_HOME");
    const char *home = getenv("HOME");

    /* The XDG spec says a relative value is invalid and must be ignored. */
    if (state && state[0] == '/')
        return xasprintf("%s/invitui/journal.jsonl", state);
    if (home && home[0] == '/')
        return xasprintf("%s/.local/state/invitui/journal.jsonl", home);
    return NULL;
}

const char *journal_action_name(enum journal_action a)
{
    switch (a) {
    case JOURNAL_CREATE:
        return "create";
    case JOURNAL_RESEND:
        return "resend";
    case JOURNAL_SEND_NEW:
        return "send-new";
    case JOURNAL_GROUPS:
        return "groups";
    case JOURNAL_REMOVE:
        return "remove";
    }
    return "?";
}

const char *journal_result_name(enum journal_result r)
{
    switch (r) {
    case JOURNAL_OK:
        return "ok";
    case JOURNAL_FAILED:
        return "failed";
    case JOURNAL_UNKNOWN:
        return "unknown";
    }
    return "?";
}

enum journal_result journal_result_of(int rc, const struct api_error *err)
{
    if (rc == 0)
        return JOURNAL_OK;
    return api_error_outcome_unknown(err) ? JOURNAL_UNKNOWN : JOURNAL_FAILED;
}

char *journal_entry_outcome(struct journal_entry *e, int rc, const struct api_error *err)
{
    struct strbuf sb;

    e->result = journal_result_of(rc, err);
    e->http_status = err ? err->http_status : 0;
    e->trace_id = NULL;
    e->instance = NULL;
    if (rc == 0 || !err)
        return NULL;
    e->trace_id = err->trace_id;
    e->instance = err->instance;
    strbuf_init(&sb);
    api_error_format_message(err, &sb);
    return strbuf_detach(&sb, NULL);
}

/* mkdir -p of the file's directory, each new level 0700 (the journal says
 * who was invited: not for other users' eyes). */
static int make_parent_dirs(const char *path)
{
    char *dir = xstrdup(path);
    char *slash = strrchr(dir, '/');
    int rc = 0;

    if (!slash || slash == dir) {
        free(dir);
        return 0;
    }
    *slash = '\0';
    for (char *p = dir + 1; rc == 0; p++) {
        bool end = *p == '\0';
        if (*p != '/' && !end)
            continue;
        *p = '\0';
        if (mkdir(dir, 0700) < 0 && errno != EEXIST)
            rc = -1;
        if (end)
            break;
        *p = '/';
    }
    free(dir);
    return rc;
}

static void set_clean(json_t *obj, const char *key, const char *value, size_t cap)
{
    if (!value) {
        json_object_set_new(obj, key, json_null());
        return;
    }
    /* Ids and e-mails are kept verbatim (they are looked up later); only
     * jansson's escaping protects the line. The message is free text. */
    json_t *v = cap == SANITIZE_NO_CAP ? json_stringn(value, strlen(value)) : NULL;
    if (v) {
        json_object_set_new(obj, key, v);
        return;
    }
    /* Free text, or bytes that are not UTF-8 (jansson refuses them). */
    char *s = sanitize_display_cap(value, strlen(value), 0, cap);
    json_object_set_new(obj, key, json_string(s));
    free(s);
}

/* The line, newline included; NULL when a string was not valid UTF-8. */
static char *entry_line(const struct journal_entry *e, size_t *len)
{
    char when[32];
    json_t *o = json_object();
    char *text;

    model_format_time(e->time ? e->time : time(NULL), when, sizeof(when));
    json_object_set_new(o, "time", json_string(when));
    set_clean(o, "profile", e->profile, SANITIZE_NO_CAP);
    set_clean(o, "provider", e->provider, SANITIZE_NO_CAP);
    set_clean(o, "account", e->account_id, SANITIZE_NO_CAP);
    set_clean(o, "target_id", e->target_id, SANITIZE_NO_CAP);
    set_clean(o, "email", e->email, SANITIZE_NO_CAP);
    json_object_set_new(o, "action", json_string(journal_action_name(e->action)));
    set_clean(o, "locale", e->locale, SANITIZE_NO_CAP);
    json_object_set_new(o, "result", json_string(journal_result_name(e->result)));
    json_object_set_new(o, "http_status",
                        e->http_status > 0 ? json_integer(e->http_status) : json_null());
    set_clean(o, "message", e->message, JOURNAL_MESSAGE_MAX);
    /* Server text, sanitised already, but the file is read by other tools too. */
    set_clean(o, "trace_id", e->trace_id, JOURNAL_ID_MAX);
    set_clean(o, "instance", e->instance, JOURNAL_INSTANCE_MAX);
    if (e->change)
        set_clean(o, "change", e->change, SANITIZE_NO_CAP);
    if (e->ticket)
        set_clean(o, "ticket", e->ticket, SANITIZE_NO_CAP);
    /* JSON_ENSURE_ASCII keeps the file 7-bit: safe to cat or grep on any terminal. */
    text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
    json_decref(o);
    if (!text)
        return NULL;
    /* A server may echo the token into a message; tokens are printable
     * ASCII that jansson leaves as is, so the encoded line still shows it. */
    char *clean = redact_text(text, strlen(text), NULL);
    free(text);
    text = clean;
    *len = strlen(text);
    char *line = xmalloc(*len + 2);
    memcpy(line, text, *len);
    line[(*len)++] = '\n';
    line[*len] = '\0';
    free(text);
    return line;
}

int journal_append(const char *path, const struct journal_entry *e, struct api_error *err)
{
    size_t len = 0;
    char *line;
    int fd;

    if (!path)
        return api_error_set(err, API_ERR_CONFIG, "%s",
                             _("no journal path: neither XDG_STATE_HOME nor HOME is set"));
    line = entry_line(e, &len);
    if (!line)
        return api_error_set(err, API_ERR_CONFIG, "%s", _("could not encode the journal entry"));
    fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0 && errno == ENOENT && make_parent_dirs(path) == 0)
        fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        int saved = errno;
        free(line);
        return api_error_set(err, API_ERR_CONFIG, _("cannot open the journal %s: %s"), path,
                             strerror(saved));
    }
    /* One write() for the whole line: O_APPEND makes it land after every
     * other writer's line, never inside one. */
    ssize_t n;
    do
        n = write(fd, line, len);
    while (n < 0 && errno == EINTR);
    int saved = errno;
    close(fd);
    free(line);
    if (n < 0 || (size_t)n != len)
        return api_error_set(err, API_ERR_CONFIG, _("cannot write the journal %s: %s"), path,
                             n < 0 ? strerror(saved) : _("short write"));
    return 0;
}

int journal_log(const char *path, const struct journal_entry *base, int rc,
                const struct api_error *action_err, struct api_error *jerr)
{
    struct journal_entry e = *base;
    char *msg = journal_entry_outcome(&e, rc, action_err);
    int ret;

    e.message = msg;
    ret = journal_append(path, &e, jerr);
    free(msg);
    return ret;
}

/* The file is the user's, and anyone who can write it can put escape
 * sequences in it: what is read back is made display-safe here, once, and
 * cut, so that every reader can print it as it is. */
static char *dup_member(const json_t *o, const char *key, size_t cap)
{
    char *raw = json_util_dup(o, key);
    char *safe = raw ? sanitize_display_cap(raw, strlen(raw), 0, cap) : NULL;

    free(raw);
    return safe;
}

/* Code points kept of the short fields read back (time, action, locale...). */
#define JOURNAL_WORD_MAX 32
/* ... and of ids, e-mails and profile names. */
#define JOURNAL_NAME_MAX 256

static bool record_from_line(const char *line, size_t len, struct journal_record *r)
{
    json_t *o = json_loadb(line, len, 0, NULL);
    long long status = 0;

    if (!json_is_object(o) || !json_is_string(json_object_get(o, "action"))) {
        json_decref(o);
        return false;
    }
    memset(r, 0, sizeof(*r));
    r->time_text = dup_member(o, "time", JOURNAL_WORD_MAX);
    r->time = json_util_time(o, "time");
    r->profile = dup_member(o, "profile", JOURNAL_NAME_MAX);
    r->provider = dup_member(o, "provider", JOURNAL_WORD_MAX);
    r->account_id = dup_member(o, "account", JOURNAL_NAME_MAX);
    r->target_id = dup_member(o, "target_id", JOURNAL_NAME_MAX);
    r->email = dup_member(o, "email", JOURNAL_NAME_MAX);
    r->action = dup_member(o, "action", JOURNAL_WORD_MAX);
    r->locale = dup_member(o, "locale", JOURNAL_WORD_MAX);
    r->result = dup_member(o, "result", JOURNAL_WORD_MAX);
    r->message = dup_member(o, "message", JOURNAL_MESSAGE_MAX);
    r->trace_id = dup_member(o, "trace_id", JOURNAL_ID_MAX);
    r->instance = dup_member(o, "instance", JOURNAL_INSTANCE_MAX);
    r->change = dup_member(o, "change", SANITIZE_NO_CAP);
    r->ticket = dup_member(o, "ticket", JOURNAL_NAME_MAX);
    if (json_util_int(o, "http_status", &status))
        r->http_status = (long)status;
    json_decref(o);
    return true;
}

static void record_free(struct journal_record *r)
{
    free(r->time_text);
    free(r->profile);
    free(r->provider);
    free(r->account_id);
    free(r->target_id);
    free(r->email);
    free(r->action);
    free(r->locale);
    free(r->result);
    free(r->message);
    free(r->trace_id);
    free(r->instance);
    free(r->change);
    free(r->ticket);
}

void journal_list_free(struct journal_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        record_free(&l->v[i]);
    free(l->v);
    memset(l, 0, sizeof(*l));
}

static void list_push(struct journal_list *l, struct journal_record *r)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
    }
    l->v[l->n++] = *r;
}

/* Reads the file's last JOURNAL_TAIL_BYTES into buf; *skip_first when the
 * read began mid-file (its first line is probably partial). */
static int read_tail(int fd, struct strbuf *buf, bool *skip_first)
{
    struct stat st;
    char chunk[65536];
    off_t start = 0;

    if (fstat(fd, &st) < 0)
        return -1;
    if (st.st_size > JOURNAL_TAIL_BYTES)
        start = st.st_size - JOURNAL_TAIL_BYTES;
    *skip_first = start > 0;
    if (lseek(fd, start, SEEK_SET) < 0)
        return -1;
    while (buf->len < JOURNAL_TAIL_BYTES) {
        size_t want = JOURNAL_TAIL_BYTES - buf->len;
        ssize_t n = read(fd, chunk, want < sizeof(chunk) ? want : sizeof(chunk));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        strbuf_append(buf, chunk, (size_t)n);
    }
    return 0;
}

static int read_newest(const char *path, size_t max, time_t since, struct journal_list *out,
                       struct api_error *err);

int journal_read_newest_first(const char *path, size_t max, struct journal_list *out,
                              struct api_error *err)
{
    return read_newest(path, max, 0, out, err);
}

int journal_read_since(const char *path, time_t since, struct journal_list *out,
                       struct api_error *err)
{
    return read_newest(path, SIZE_MAX, since, out, err);
}

/* since 0: no time limit. Otherwise the walk ends at the first valid line
 * older than since, so a guard parses only the lines of its window. */
static int read_newest(const char *path, size_t max, time_t since, struct journal_list *out,
                       struct api_error *err)
{
    struct strbuf buf;
    bool skip_first = false;
    int fd;

    if (!path)
        return 0;
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT)
        return 0;
    if (fd < 0)
        return api_error_set(err, API_ERR_CONFIG, _("cannot read the journal %s: %s"), path,
                             strerror(errno));
    strbuf_init(&buf);
    if (read_tail(fd, &buf, &skip_first) < 0) {
        int saved = errno;
        close(fd);
        strbuf_free(&buf);
        return api_error_set(err, API_ERR_CONFIG, _("cannot read the journal %s: %s"), path,
                             strerror(saved));
    }
    close(fd);

    const char *first = buf.data;
    if (skip_first) {
        const char *nl = memchr(buf.data, '\n', buf.len);
        first = nl ? nl + 1 : buf.data + buf.len;
    }
    /* Walk lines from the end; bad lines (a torn write, garbage) are skipped. */
    const char *end = buf.data + buf.len;
    size_t taken = 0;
    while (end > first && taken < max) {
        const char *line_end = end;
        if (line_end > first && line_end[-1] == '\n')
            line_end--;
        const char *start = line_end;
        while (start > first && start[-1] != '\n')
            start--;
        struct journal_record r;
        if (line_end > start && record_from_line(start, (size_t)(line_end - start), &r)) {
            if (since && r.time < since) {
                record_free(&r);
                break;
            }
            list_push(out, &r);
            taken++;
        }
        end = start;
    }
    strbuf_free(&buf);
    return 0;
}
