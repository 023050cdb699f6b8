#include "config.h"

#include "invitui/profile.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <ini.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "invitui/i18n.h"
#include "invitui/provider.h"

/* Where each profile's cross-checked keys were set, for messages. */
struct profile_lines {
    int section;
    int provider;
    int accounts;
    int user_path;
    int token_source;
    unsigned seen; /* bit per key, to refuse a key given twice */
};

struct load_ctx {
    const char *path;
    FILE *fp;
    struct profile_set *set;
    struct profile_lines *lines; /* parallel to set->v */
    struct api_error *err;
    int lineno;
    bool continuation; /* the current line continues the previous key */
    char *last_key;    /* the key a continuation line extends */
    enum { SEC_NONE, SEC_DEFAULTS, SEC_PROFILE } sec;
    int defaults_line;
    bool failed;
    char *linebuf;
    size_t linecap;
};

/* The providers' names and configuration rules (needs_accounts,
 * takes_user_path) come from the provider registry, so that nothing here
 * asks which provider it is. */
const char *provider_kind_name(enum provider_kind kind)
{
    return provider_for(kind)->name;
}

char *profile_default_path(void)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");

    if (xdg && xdg[0] == '/')
        return xasprintf("%s/invitui/config", xdg);
    if (!home || !*home) {
        struct passwd *pw = getpwuid(getuid());
        home = pw ? pw->pw_dir : NULL;
    }
    if (!home || !*home)
        return NULL;
    return xasprintf("%s/.config/invitui/config", home);
}

/* Sets the first error only: later ones are usually consequences. */
static int load_fail(struct load_ctx *ctx, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int load_fail(struct load_ctx *ctx, int line, const char *fmt, ...)
{
    struct strbuf msg;
    va_list ap;

    if (ctx->failed)
        return 0;
    ctx->failed = true;
    strbuf_init(&msg);
    va_start(ap, fmt);
    strbuf_vprintf(&msg, fmt, ap);
    va_end(ap);
    if (line > 0)
        api_error_set(ctx->err, API_ERR_CONFIG, "%s:%d: %s", ctx->path, line, msg.data);
    else
        api_error_set(ctx->err, API_ERR_CONFIG, "%s: %s", ctx->path, msg.data);
    strbuf_free(&msg);
    return 0;
}

static struct profile *find_profile(const struct profile_set *set, const char *name)
{
    for (size_t i = 0; i < set->n; i++)
        if (strcmp(set->v[i].name, name) == 0)
            return &set->v[i];
    return NULL;
}

static bool valid_profile_name(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && !strchr("._-@", *s))
            return false;
    return true;
}

static void add_profile(struct load_ctx *ctx, const char *name)
{
    struct profile_set *set = ctx->set;
    struct profile *p;

    set->v = xrealloc(set->v, (set->n + 1) * sizeof(*set->v));
    ctx->lines = xrealloc(ctx->lines, (set->n + 1) * sizeof(*ctx->lines));
    p = &set->v[set->n];
    memset(p, 0, sizeof(*p));
    memset(&ctx->lines[set->n], 0, sizeof(ctx->lines[0]));
    set->n++;
    p->name = xstrdup(name);
    /* p->provider stays the zero kind until provider = is read: the key is
     * required (check_profile). */
    p->user_path = USER_PATH_STANDALONE;
    p->concurrency = 4;
    p->connect_timeout_ms = 5000;
    p->timeout_ms = 30000;
    p->resend_guard_s = 15 * 60;
    ctx->lines[set->n - 1].section = ctx->lineno;
    ctx->lines[set->n - 1].provider = 0;
}

/* A section header, seen by the line reader before inih parses the line so
 * that empty and repeated sections are noticed too. */
static void start_section(struct load_ctx *ctx, char *line)
{
    char *end = strchr(line, ']');
    char *name;

    if (!end) {
        load_fail(ctx, ctx->lineno, _("syntax error: a section header needs a closing ']'"));
        return;
    }
    *end = '\0';
    name = util_trim(line + 1);
    free(ctx->last_key);
    ctx->last_key = NULL;
    if (strcmp(name, "defaults") == 0) {
        if (ctx->defaults_line)
            load_fail(ctx, ctx->lineno, _("[defaults] appears twice (first on line %d)"),
                      ctx->defaults_line);
        ctx->defaults_line = ctx->lineno;
        ctx->sec = SEC_DEFAULTS;
        return;
    }
    if (strcmp(name, "profile") == 0) {
        load_fail(ctx, ctx->lineno, _("a [profile NAME] section needs a name"));
        return;
    }
    if (strncmp(name, "profile", 7) != 0 || !isspace((unsigned char)name[7])) {
        load_fail(ctx, ctx->lineno,
                  _("unknown section [%.60s]; expected [defaults] or [profile NAME]"), name);
        return;
    }
    name = util_trim(name + 8);
    if (!valid_profile_name(name)) {
        load_fail(ctx, ctx->lineno,
                  _("invalid profile name \"%.60s\" (use letters, digits, '.', '_', '-', "
                    "'@')"),
                  name);
        return;
    }
    if (find_profile(ctx->set, name)) {
        load_fail(ctx, ctx->lineno, _("duplicate profile \"%s\""), name);
        return;
    }
    add_profile(ctx, name);
    ctx->sec = SEC_PROFILE;
}

static bool is_comment_or_blank(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    return !*s || *s == ';' || *s == '#';
}

/* inih's reader: counts lines, refuses lines longer than inih's buffer
 * (inih would silently split them) and tracks sections and continuations. */
static char *read_line(char *str, int num, void *stream)
{
    struct load_ctx *ctx = stream;
    ssize_t n;

    if (ctx->failed)
        return NULL;
    n = getline(&ctx->linebuf, &ctx->linecap, ctx->fp);
    if (n < 0)
        return NULL;
    ctx->lineno++;
    char *line = ctx->linebuf;
    if (ctx->lineno == 1 && strncmp(line, "\xef\xbb\xbf", 3) == 0)
        line += 3, n -= 3;
    n = (ssize_t)strlen(line); /* an embedded NUL ends the line, as for inih */
    if (n > num - 1 && !is_comment_or_blank(line)) {
        load_fail(ctx, ctx->lineno,
                  _("line longer than %d bytes; continue a long accounts list on indented "
                    "lines; use token_env or token_command for a long token"),
                  num - 2);
        return NULL;
    }
    /* inih's rule: an indented line after a key continues that key. */
    ctx->continuation = (line[0] == ' ' || line[0] == '\t') && !is_comment_or_blank(line) &&
                        ctx->last_key;
    if (!ctx->continuation && !is_comment_or_blank(line)) {
        char *start = line;
        while (isspace((unsigned char)*start))
            start++;
        if (*start == '[') {
            char *copy = xstrdup(start);
            start_section(ctx, copy);
            free(copy);
        } else if (!strpbrk(start, "=:")) {
            load_fail(ctx, ctx->lineno, _("syntax error: expected [section], key = value or a "
                                          "comment"));
            return NULL;
        }
    }
    if (n > num - 1) {
        /* A long comment: hand inih a harmless cut. */
        memcpy(str, "#\n", 3);
        return str;
    }
    memcpy(str, line, (size_t)n + 1);
    return str;
}

static int parse_bool(const char *v, bool *out)
{
    static const char *const yes[] = {"true", "yes", "on", "1"};
    static const char *const no[] = {"false", "no", "off", "0"};

    for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
        if (strcasecmp(v, yes[i]) == 0)
            return *out = true, 0;
        if (strcasecmp(v, no[i]) == 0)
            return *out = false, 0;
    }
    return -1;
}

static bool valid_uuid(const char *s)
{
    static const char pattern[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";

    if (strlen(s) != sizeof(pattern) - 1)
        return false;
    for (size_t i = 0; pattern[i]; i++) {
        if (pattern[i] == '-' ? s[i] != '-' : !isxdigit((unsigned char)s[i]))
            return false;
    }
    return true;
}

static bool valid_env_name(const char *s)
{
    if (!isalpha((unsigned char)*s) && *s != '_')
        return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_')
            return false;
    return true;
}

static bool valid_locale(const char *s)
{
    size_t n = strlen(s);

    if (n == 0 || n > 16)
        return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-')
            return false;
    return true;
}

static int set_accounts(struct load_ctx *ctx, struct profile *p, const char *value)
{
    char *copy = xstrdup(value);
    char *next = copy;
    int rc = 1;

    while (next) {
        char *comma = strchr(next, ',');
        if (comma)
            *comma = '\0';
        char *id = util_trim(next);
        next = comma ? comma + 1 : NULL;
        if (!*id)
            continue;
        if (!valid_uuid(id)) {
            rc = load_fail(ctx, ctx->lineno, _("accounts: \"%.60s\" is not a UUID"), id);
            break;
        }
        /* UUIDs are case-insensitive: one spelling, so that an account
         * given twice in different case is refused rather than listed twice. */
        for (char *c = id; *c; c++)
            *c = (char)tolower((unsigned char)*c);
        if (strvec_contains(&p->accounts, id)) {
            rc = load_fail(ctx, ctx->lineno, _("accounts: %s is listed twice"), id);
            break;
        }
        strvec_push(&p->accounts, id);
    }
    free(copy);
    return rc;
}

static int set_base_url(struct load_ctx *ctx, struct profile *p, const char *value)
{
    size_t skip = strncasecmp(value, "https://", 8) == 0  ? 8
                  : strncasecmp(value, "http://", 7) == 0 ? 7
                                                          : 0;
    size_t len = strlen(value);

    if (skip == 0 || len == skip || value[skip] == '/')
        return load_fail(ctx, ctx->lineno,
                         _("base_url: \"%.80s\" is not an http:// or https:// URL"), value);
    for (const char *c = value; *c; c++)
        if ((unsigned char)*c <= ' ' || *c == 0x7f)
            return load_fail(ctx, ctx->lineno, _("base_url: spaces and control characters "
                                                 "are not allowed"));
    /* invitui appends API paths to base_url: a query or fragment would end
     * up in the middle of every URL and fail later with a bare 404. */
    if (strpbrk(value, "?#"))
        return load_fail(ctx, ctx->lineno,
                         _("base_url of profile \"%s\": a query (?) or fragment (#) is not "
                           "allowed; give the API's root URL only"),
                         p->name);
    /* Credentials in a URL end up in traces and error messages: the token
     * settings are the only place for a secret. */
    size_t host_len = strcspn(value + skip, "/");
    if (memchr(value + skip, '@', host_len))
        return load_fail(ctx, ctx->lineno,
                         _("base_url of profile \"%s\": a user name or password (user@ or "
                           "user:password@) is not allowed; use token_env, token_command or "
                           "token"),
                         p->name);
    while (len > skip && value[len - 1] == '/')
        len--;
    free(p->base_url);
    p->base_url = xstrndup(value, len);
    return 1;
}

static int set_seconds(struct load_ctx *ctx, const char *key, const char *value, long max,
                       long *out_ms)
{
    long v;

    if (util_parse_long(value, 1, max, &v) < 0)
        return load_fail(ctx, ctx->lineno, _("%s: \"%.40s\" is not a number of seconds from 1 "
                                             "to %ld"),
                         key, value, max);
    *out_ms = v * 1000;
    return 1;
}

static int set_flag(struct load_ctx *ctx, const char *key, const char *value, bool *out)
{
    if (parse_bool(value, out) < 0)
        return load_fail(ctx, ctx->lineno,
                         _("%s: \"%.40s\" is not a boolean (use true/false, yes/no, on/off "
                           "or 1/0)"),
                         key, value);
    return 1;
}

/* The three ways to give a token; exactly one is allowed. */
static int set_token_source(struct load_ctx *ctx, struct profile *p, struct profile_lines *pl,
                            char **slot, const char *key, const char *value)
{
    if ((p->token_env || p->token_command || p->token) && !*slot)
        return load_fail(ctx, ctx->lineno,
                         _("%s: profile \"%s\" already has a token source (line %d); use only "
                           "one of token_env, token_command and token"),
                         key, p->name, pl->token_source);
    if (strcmp(key, "token_env") == 0 && !valid_env_name(value))
        return load_fail(ctx, ctx->lineno,
                         _("token_env: \"%.60s\" is not an environment variable name"), value);
    free(*slot);
    *slot = xstrdup(value);
    pl->token_source = ctx->lineno;
    return 1;
}

static const char *const profile_keys[] = {
    "provider", "base_url", "accounts", "user_path",       "token_env",
    "token_command", "token", "read_only", "production",   "insecure",
    "ca_file", "locale", "concurrency", "connect_timeout", "timeout",
    "ticket_required", "resend_guard",
};

static int key_index(const char *key)
{
    for (size_t i = 0; i < ARRAY_SIZE(profile_keys); i++)
        if (strcmp(profile_keys[i], key) == 0)
            return (int)i;
    return -1;
}

/* A long accounts list may go on over indented lines. */
static int continue_value(struct load_ctx *ctx, struct profile *p, const char *key,
                          const char *value)
{
    if (strcmp(key, "accounts") == 0)
        return set_accounts(ctx, p, value);
    return load_fail(ctx, ctx->lineno,
                     _("%s: only accounts may continue on an indented line (is a key "
                       "indented?)"),
                     key);
}

static int set_profile_key(struct load_ctx *ctx, struct profile *p, struct profile_lines *pl,
                           const char *key, const char *value)
{
    if (strcmp(key, "provider") == 0) {
        const struct provider_ops *ops = provider_named(value);
        if (ops)
            p->provider = ops->kind;
        else
            return load_fail(ctx, ctx->lineno,
                             _("provider: unknown provider \"%.40s\" (use hybridbox or "
                               "marketplace)"),
                             value);
        pl->provider = ctx->lineno;
    } else if (strcmp(key, "base_url") == 0) {
        return set_base_url(ctx, p, value);
    } else if (strcmp(key, "accounts") == 0) {
        pl->accounts = ctx->lineno;
        return set_accounts(ctx, p, value);
    } else if (strcmp(key, "user_path") == 0) {
        if (strcmp(value, "standalone") == 0)
            p->user_path = USER_PATH_STANDALONE;
        else if (strcmp(value, "account") == 0)
            p->user_path = USER_PATH_ACCOUNT;
        else
            return load_fail(ctx, ctx->lineno,
                             _("user_path: \"%.40s\" is neither standalone nor account"), value);
        pl->user_path = ctx->lineno;
    } else if (strcmp(key, "token_env") == 0) {
        return set_token_source(ctx, p, pl, &p->token_env, key, value);
    } else if (strcmp(key, "token_command") == 0) {
        return set_token_source(ctx, p, pl, &p->token_command, key, value);
    } else if (strcmp(key, "token") == 0) {
        return set_token_source(ctx, p, pl, &p->token, key, value);
    } else if (strcmp(key, "read_only") == 0) {
        return set_flag(ctx, key, value, &p->read_only);
    } else if (strcmp(key, "production") == 0) {
        return set_flag(ctx, key, value, &p->production);
    } else if (strcmp(key, "insecure") == 0) {
        return set_flag(ctx, key, value, &p->insecure);
    } else if (strcmp(key, "ca_file") == 0) {
        free(p->ca_file);
        if (strncmp(value, "~/", 2) == 0 && getenv("HOME"))
            p->ca_file = xasprintf("%s%s", getenv("HOME"), value + 1);
        else
            p->ca_file = xstrdup(value);
    } else if (strcmp(key, "locale") == 0) {
        if (!valid_locale(value))
            return load_fail(ctx, ctx->lineno, _("locale: \"%.40s\" is not a locale code such "
                                                 "as fr or pt_BR"),
                             value);
        free(p->locale);
        p->locale = xstrdup(value);
    } else if (strcmp(key, "concurrency") == 0) {
        long v;
        if (util_parse_long(value, 1, 16, &v) < 0)
            return load_fail(ctx, ctx->lineno,
                             _("concurrency: \"%.40s\" is not a number from 1 to 16"), value);
        p->concurrency = (int)v;
    } else if (strcmp(key, "connect_timeout") == 0) {
        return set_seconds(ctx, key, value, 300, &p->connect_timeout_ms);
    } else if (strcmp(key, "timeout") == 0) {
        return set_seconds(ctx, key, value, 3600, &p->timeout_ms);
    } else if (strcmp(key, "ticket_required") == 0) {
        return set_flag(ctx, key, value, &p->ticket_required);
    } else if (strcmp(key, "resend_guard") == 0) {
        if (util_parse_duration(value, 30L * 86400, &p->resend_guard_s) < 0)
            return load_fail(ctx, ctx->lineno,
                             _("resend_guard: \"%.40s\" is not a duration such as 15m, 2h or 0 "
                               "(off), at most 30d"),
                             value);
    }
    return 1;
}

static int handle_profile_key(struct load_ctx *ctx, const char *key, const char *value)
{
    struct profile *p = &ctx->set->v[ctx->set->n - 1];
    struct profile_lines *pl = &ctx->lines[ctx->set->n - 1];
    int idx = key_index(key);

    if (idx < 0)
        return load_fail(ctx, ctx->lineno, _("unknown key \"%.40s\" in [profile %s]"), key,
                         p->name);
    if (ctx->continuation && ctx->last_key && strcmp(ctx->last_key, key) == 0)
        return continue_value(ctx, p, key, value);
    if (pl->seen & (1u << idx))
        return load_fail(ctx, ctx->lineno, _("%s is set twice in [profile %s]"), key, p->name);
    pl->seen |= 1u << idx;
    free(ctx->last_key);
    ctx->last_key = xstrdup(key);
    if (!*value && strcmp(key, "accounts") != 0)
        return load_fail(ctx, ctx->lineno, _("%s has no value"), key);
    return set_profile_key(ctx, p, pl, key, value);
}

static int on_key(void *user, const char *section, const char *key, const char *value)
{
    struct load_ctx *ctx = user;

    (void)section; /* inih cuts long names; the reader tracks sections */
    if (ctx->failed)
        return 0;
    switch (ctx->sec) {
    case SEC_NONE:
        return load_fail(ctx, ctx->lineno,
                         _("\"%.40s\" is outside any section; put it under [profile NAME]"), key);
    case SEC_DEFAULTS:
        if (strcmp(key, "profile") != 0)
            return load_fail(ctx, ctx->lineno, _("unknown key \"%.40s\" in [defaults]"), key);
        if (ctx->set->default_name)
            return load_fail(ctx, ctx->lineno, _("profile is set twice in [defaults]"));
        if (!*value)
            return load_fail(ctx, ctx->lineno, _("%s has no value"), key);
        ctx->set->default_name = xstrdup(value);
        return 1;
    case SEC_PROFILE:
        return handle_profile_key(ctx, key, value);
    }
    return 0;
}

/* Hybridbox publishes no list of the accounts a token may see (CONTRACT.md
 * A.1), so a hybridbox profile has to name them. */
static const char *no_accounts_message(void)
{
    /* TRANSLATORS: %s is a profile name; "accounts = UUID,..." is the setting
     * to write in the configuration file, keep it as is. */
    return _("profile \"%s\" (hybridbox) names no account: set accounts = UUID,... to the ids "
             "of the Hybridbox accounts to manage (Hybridbox has no published way to list "
             "them)");
}

int profile_check_accounts(const struct profile *p, struct api_error *err)
{
    if (!provider_for(p->provider)->needs_accounts || p->accounts.n > 0)
        return 0;
    return api_error_set(err, API_ERR_CONFIG, no_accounts_message(), p->name);
}

/* Checks that need the whole profile (provider-specific keys). */
static int check_profile(struct load_ctx *ctx, const struct profile *p,
                         const struct profile_lines *pl)
{
    if (!pl->provider)
        return load_fail(ctx, pl->section, _("profile \"%s\" has no provider (hybridbox or "
                                             "marketplace)"),
                         p->name);
    if (!p->base_url)
        return load_fail(ctx, pl->section, _("profile \"%s\" has no base_url"), p->name);
    const struct provider_ops *rules = provider_for(p->provider);

    if (!rules->needs_accounts && pl->accounts)
        return load_fail(ctx, pl->accounts,
                         _("accounts applies to hybridbox profiles only; marketplace lists "
                           "its accounts itself"));
    if (!rules->takes_user_path && pl->user_path)
        return load_fail(ctx, pl->user_path, _("user_path applies to marketplace profiles "
                                               "only"));
    if (rules->needs_accounts && p->accounts.n == 0)
        return load_fail(ctx, pl->section, no_accounts_message(), p->name);
    return 1;
}

static int check_set(struct load_ctx *ctx, const struct stat *st)
{
    const struct profile_set *set = ctx->set;
    bool inline_token = false;

    for (size_t i = 0; i < set->n; i++) {
        if (!check_profile(ctx, &set->v[i], &ctx->lines[i]))
            return -1;
        inline_token |= set->v[i].token != NULL;
    }
    if (set->default_name && !find_profile(set, set->default_name)) {
        load_fail(ctx, ctx->defaults_line, _("[defaults] names profile \"%.60s\", which is "
                                             "not in the file"),
                  set->default_name);
        return -1;
    }
    if (inline_token && (st->st_mode & 077)) {
        unsigned mode = (unsigned)(st->st_mode & 07777);
        if (st->st_mode & 044)
            /* TRANSLATORS: %1$s and %3$s are the same file, %2$04o its mode such as 0644. */
            api_error_set(ctx->err, API_ERR_CONFIG,
                          _("%1$s holds a token and is readable by others (mode %2$04o); run: "
                            "chmod 600 %3$s"),
                          ctx->path, mode, ctx->path);
        else
            /* TRANSLATORS: %1$s and %3$s are the same file, %2$04o its mode such as 0620. */
            api_error_set(ctx->err, API_ERR_CONFIG,
                          _("%1$s holds a token and is writable by others (mode %2$04o); run: "
                            "chmod 600 %3$s"),
                          ctx->path, mode, ctx->path);
        ctx->failed = true;
        return -1;
    }
    return 0;
}

static void wipe_profile(struct profile *p)
{
    free(p->name);
    free(p->base_url);
    strvec_free(&p->accounts);
    free(p->token_env);
    free(p->token_command);
    if (p->token) {
        explicit_bzero(p->token, strlen(p->token));
        free(p->token);
    }
    free(p->locale);
    free(p->ca_file);
}

void profile_set_free(struct profile_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->n; i++)
        wipe_profile(&set->v[i]);
    free(set->v);
    free(set->default_name);
    free(set->path);
    memset(set, 0, sizeof(*set));
}

static FILE *open_config(const char *path, struct stat *st, struct api_error *err)
{
    /* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a
     * writer before the regular-file check below could refuse it. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    FILE *fp;
    int flags;

    if (fd < 0) {
        api_error_set(err, API_ERR_CONFIG, _("cannot open %s: %s"), path, strerror(errno));
        return NULL;
    }
    /* fstat on the open descriptor: the file checked is the file read. */
    if (fstat(fd, st) < 0 || !S_ISREG(st->st_mode)) {
        api_error_set(err, API_ERR_CONFIG, _("%s is not a regular file"), path);
        close(fd);
        return NULL;
    }
    flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0) {
        api_error_set(err, API_ERR_CONFIG, _("cannot open %s: %s"), path, strerror(errno));
        close(fd);
        return NULL;
    }
    fp = fdopen(fd, "r");
    if (!fp) {
        api_error_set(err, API_ERR_CONFIG, _("cannot open %s: %s"), path, strerror(errno));
        close(fd);
    }
    return fp;
}

int profile_set_load(const char *path, struct profile_set *set, struct api_error *err)
{
    struct load_ctx ctx = {0};
    struct stat st;
    int rc;

    memset(set, 0, sizeof(*set));
    ctx.fp = open_config(path, &st, err);
    if (!ctx.fp)
        return -1;
    ctx.path = path;
    ctx.set = set;
    ctx.err = err;
    rc = ini_parse_stream(read_line, &ctx, on_key, &ctx);
    if (ctx.linebuf) {
        /* The buffer may have held an inline token. */
        explicit_bzero(ctx.linebuf, ctx.linecap);
        free(ctx.linebuf);
    }
    fclose(ctx.fp);
    free(ctx.last_key);
    if (rc > 0 && !ctx.failed)
        load_fail(&ctx, rc, _("syntax error: expected [section], key = value or a comment"));
    else if (rc < 0 && !ctx.failed)
        load_fail(&ctx, 0, _("cannot parse the file"));
    if (!ctx.failed)
        check_set(&ctx, &st);
    free(ctx.lines);
    if (ctx.failed) {
        profile_set_free(set);
        return -1;
    }
    set->path = xstrdup(path);
    return 0;
}

static void list_names(const struct profile_set *set, struct strbuf *sb)
{
    for (size_t i = 0; i < set->n; i++) {
        if (i)
            strbuf_puts(sb, ", ");
        strbuf_puts(sb, set->v[i].name);
    }
}

static const struct profile *select_named(const struct profile_set *set, const char *name,
                                          const char *origin, struct api_error *err)
{
    const struct profile *p = find_profile(set, name);
    struct strbuf names;

    if (p)
        return p;
    strbuf_init(&names);
    list_names(set, &names);
    /* TRANSLATORS: %1$s is a profile name, %2$s where it came from (--profile,
     * $INVITUI_PROFILE), %3$s the file, %4$s the list of profiles in it. */
    api_error_set(err, API_ERR_CONFIG, _("no profile \"%1$.60s\" (from %2$s) in %3$s; available: "
                                         "%4$s"),
                  name, origin, set->path ? set->path : "?", names.len ? names.data : "-");
    strbuf_free(&names);
    return NULL;
}

const struct profile *profile_select(const struct profile_set *set, const char *name,
                                     struct api_error *err)
{
    const char *env = getenv("INVITUI_PROFILE");
    struct strbuf names;

    if (!util_str_empty(name))
        return select_named(set, name, "--profile", err);
    if (!util_str_empty(env))
        return select_named(set, env, "$INVITUI_PROFILE", err);
    if (set->default_name)
        return select_named(set, set->default_name, "[defaults]", err);
    if (set->n == 1)
        return &set->v[0];
    if (set->n == 0) {
        api_error_set(err, API_ERR_CONFIG, _("%s has no [profile NAME] section"),
                      set->path ? set->path : "?");
        return NULL;
    }
    strbuf_init(&names);
    list_names(set, &names);
    api_error_set(err, API_ERR_CONFIG,
                  _("%s has several profiles; choose one with --profile NAME, $INVITUI_PROFILE "
                    "or [defaults] profile = NAME (available: %s)"),
                  set->path ? set->path : "?", names.data);
    strbuf_free(&names);
    return NULL;
}
