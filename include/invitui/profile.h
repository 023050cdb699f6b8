/* profile: the configuration file (INI via inih) and its profiles.
 *
 * Contract: profile_set_load parses a file whose format is in
 * doc/invitui.conf.5 and refuses it (API_ERR_CONFIG) when it holds an inline
 * `token` and is readable or writable by group or others (must be 0600), or
 * when a hybridbox profile names no `accounts`. Selection order:
 * --profile, $INVITUI_PROFILE, [defaults] profile=, the only profile.
 * Tokens are resolved only when needed (profile_token) and are never copied
 * into error messages. Not thread-safe: load on the UI thread; a loaded set
 * is read-only afterwards and may be shared. */
#ifndef INVITUI_PROFILE_H
#define INVITUI_PROFILE_H

#include <stdbool.h>

#include "invitui/error.h"
#include "invitui/util.h"

/* Which provider a profile uses: the key of the provider registry
 * (provider_for, include/invitui/provider.h). Only the providers and the
 * response readers name a constant; everything else asks the registry's
 * struct provider_ops. */
enum provider_kind { PROVIDER_HYBRIDBOX, PROVIDER_MARKETPLACE };

/* Marketplace account-user addressing (shared/api/CONTRACT.md B.1). */
enum user_path {
    USER_PATH_STANDALONE, /* /public/v1/accounts/account-users/{AUSR} */
    USER_PATH_ACCOUNT,    /* /public/v1/accounts/accounts/{ACC}/users/{USR} */
};

struct profile {
    char *name;
    enum provider_kind provider;
    char *base_url;          /* no trailing slash */
    struct strvec accounts;  /* Hybridbox account ids (UUIDs); required for hybridbox */
    enum user_path user_path;
    char *token_env;         /* name of an environment variable */
    char *token_command;     /* run with /bin/sh -c, first line of stdout, within timeout_ms */
    char *token;             /* inline, only from a 0600 file */
    bool read_only;
    bool production;         /* shown with a distinct header */
    bool insecure;           /* TLS verification off: shown loudly */
    char *locale;            /* default invitation locale, may be NULL */
    int concurrency;         /* bulk requests in flight, 1..16, default 4 */
    char *ca_file;
    long connect_timeout_ms; /* default 5000 */
    long timeout_ms;         /* default 30000 */
    bool ticket_required;    /* every action needs a ticket reference */
    long resend_guard_s;     /* a resend within this of the last send needs --again; 0: off */
};

struct profile_set {
    struct profile *v;
    size_t n;
    char *default_name; /* from [defaults] profile=, may be NULL */
    char *path;         /* the file it came from */
};

/* $XDG_CONFIG_HOME/invitui/config, else ~/.config/invitui/config (malloc'd). */
char *profile_default_path(void);
int profile_set_load(const char *path, struct profile_set *set, struct api_error *err);
void profile_set_free(struct profile_set *set);
/* name: --profile or NULL. */
const struct profile *profile_select(const struct profile_set *set, const char *name,
                                     struct api_error *err);
/* 0, or -1 with API_ERR_CONFIG naming the setting `accounts` and the
 * profile when a hybridbox profile names no account: Hybridbox publishes no
 * way to list them. profile_set_load already refuses such a file; this is
 * for profiles that did not come from one. */
int profile_check_accounts(const struct profile *p, struct api_error *err);
/* The bearer token (malloc'd, caller wipes and frees) or NULL with err set.
 * A token_command runs in its own process group; past timeout_ms the whole
 * group is killed and reaped, and the error (API_ERR_AUTH) names the profile. */
char *profile_token(const struct profile *p, struct api_error *err);
/* The provider's name as provider = writes it (provider_for(kind)->name). */
const char *provider_kind_name(enum provider_kind kind);

#endif
