#include "config.h"

#include "data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "invitui/util.h"

/* Sorted (strcmp order): bit i of a capability mask is hb_capabilities[i]. */
const char *const hb_capabilities[] = {
    "account.manage", "account.view", "billing.manage", "billing.view",
    "credential.manage", "credential.view", "dns_record.manage", "dns_record.view",
    "domain.manage", "domain.view", "forwarding.manage", "forwarding.view",
    "invitation.manage", "invitation.view", "ip.manage", "ip.view",
    "mailbox.manage", "mailbox.view", "member.manage", "member.view",
    "proxy.manage", "proxy.view", "redirect.manage", "redirect.view",
    "route.manage", "route.view", "workspace.manage", "workspace.view",
};
const size_t hb_n_capabilities = ARRAY_SIZE(hb_capabilities);

enum {
    C_ACCOUNT_MANAGE, C_ACCOUNT_VIEW, C_BILLING_MANAGE, C_BILLING_VIEW,
    C_CREDENTIAL_MANAGE, C_CREDENTIAL_VIEW, C_DNS_MANAGE, C_DNS_VIEW,
    C_DOMAIN_MANAGE, C_DOMAIN_VIEW, C_FORWARDING_MANAGE, C_FORWARDING_VIEW,
    C_INVITATION_MANAGE, C_INVITATION_VIEW, C_IP_MANAGE, C_IP_VIEW,
    C_MAILBOX_MANAGE, C_MAILBOX_VIEW, C_MEMBER_MANAGE, C_MEMBER_VIEW,
    C_PROXY_MANAGE, C_PROXY_VIEW, C_REDIRECT_MANAGE, C_REDIRECT_VIEW,
    C_ROUTE_MANAGE, C_ROUTE_VIEW, C_WORKSPACE_MANAGE, C_WORKSPACE_VIEW,
};
#define B(x) (1u << (x))
#define VIEWER_CAPS (B(C_ACCOUNT_VIEW) | B(C_DNS_VIEW) | B(C_DOMAIN_VIEW) | \
                     B(C_FORWARDING_VIEW) | B(C_MAILBOX_VIEW) | B(C_REDIRECT_VIEW) | \
                     B(C_WORKSPACE_VIEW))
#define EDITOR_CAPS (VIEWER_CAPS | B(C_DNS_MANAGE) | B(C_DOMAIN_MANAGE) | \
                     B(C_FORWARDING_MANAGE) | B(C_MAILBOX_MANAGE) | B(C_REDIRECT_MANAGE))

/* The documented role keys [DOC H8]; their capability sets are the sandbox's
 * own design (documented in invitui-sandbox(1)). */
const char *const hb_roles[] = {
    "viewer", "editor", "domain_manager", "manager", "dns_manager", "ip_manager",
    "billing_viewer", "billing_admin", "credential_manager",
};
const uint32_t hb_role_caps[] = {
    VIEWER_CAPS,
    EDITOR_CAPS,
    B(C_ACCOUNT_VIEW) | B(C_DNS_VIEW) | B(C_DNS_MANAGE) | B(C_DOMAIN_VIEW) |
        B(C_DOMAIN_MANAGE) | B(C_REDIRECT_VIEW) | B(C_REDIRECT_MANAGE),
    EDITOR_CAPS | B(C_ACCOUNT_MANAGE) | B(C_INVITATION_VIEW) | B(C_INVITATION_MANAGE) |
        B(C_MEMBER_VIEW) | B(C_MEMBER_MANAGE) | B(C_WORKSPACE_MANAGE),
    B(C_ACCOUNT_VIEW) | B(C_DNS_VIEW) | B(C_DNS_MANAGE) | B(C_DOMAIN_VIEW),
    B(C_ACCOUNT_VIEW) | B(C_IP_VIEW) | B(C_IP_MANAGE) | B(C_PROXY_VIEW) | B(C_PROXY_MANAGE) |
        B(C_ROUTE_VIEW) | B(C_ROUTE_MANAGE),
    B(C_ACCOUNT_VIEW) | B(C_BILLING_VIEW),
    B(C_ACCOUNT_VIEW) | B(C_BILLING_VIEW) | B(C_BILLING_MANAGE),
    B(C_ACCOUNT_VIEW) | B(C_CREDENTIAL_VIEW) | B(C_CREDENTIAL_MANAGE),
};
const size_t hb_n_roles = ARRAY_SIZE(hb_roles);

const char *const hb_grant_kinds[] = { "capability", "account_owner", "super_admin" };
const size_t hb_n_grant_kinds = ARRAY_SIZE(hb_grant_kinds);

const char *const hb_resource_types[] = {
    "client", "account", "workspace", "domain", "dns_record", "mailbox", "redirect",
    "forwarding", "credential", "tenant", "route", "proxy",
};
const size_t hb_n_resource_types = ARRAY_SIZE(hb_resource_types);

const struct mp_module mp_modules[] = {
    { "MOD-1756", "Procurement", "Buy and manage software and services.",
      true, true, false, false, true, true, "Client" },
    { "MOD-2131", "Billing", "Statements, invoices and journals.",
      true, false, false, false, true, false, "Client" },
    { "MOD-3412", "Support", "Cases and service requests.",
      false, true, false, false, true, true, "Client" },
    { "MOD-4018", "Subscriptions", "Agreements, subscriptions and assets.",
      true, false, true, false, false, true, "Client" },
    { "MOD-5520", "Spotlight", "Recommendations and insights (Ωmega preview).",
      true, false, true, true, false, false, "Vendor" },
    { "MOD-6604", "Settings", "Users, groups, API tokens and account settings.",
      false, true, false, false, true, true, "Operations" },
};
const size_t mp_n_modules = ARRAY_SIZE(mp_modules);

const struct mp_actor mp_actors[] = {
    { "USR-0000-0001", "Sandbox Admin" },
    { "TKN-1234-5678", "Helpdesk API token" },
    { "USR-1111-2222", "Zoë Ørsted" },
};
const size_t mp_n_actors = ARRAY_SIZE(mp_actors);

int64_t data_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int data_lookup(const char *const *table, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(table[i], key) == 0)
            return (int)i;
    return -1;
}

uint32_t data_caps_of_roles(uint32_t roles)
{
    uint32_t caps = 0;

    for (size_t i = 0; i < hb_n_roles; i++)
        if (roles & (1u << i))
            caps |= hb_role_caps[i];
    return caps;
}

void data_uuid_format(const struct sb_uuid *u, char out[SB_UUID_STRLEN])
{
    snprintf(out, SB_UUID_STRLEN, "%08x-%04x-%04x-%04x-%012llx",
             (unsigned)(u->hi >> 32), (unsigned)((u->hi >> 16) & 0xffff),
             (unsigned)(u->hi & 0xffff), (unsigned)(u->lo >> 48),
             (unsigned long long)(u->lo & 0xffffffffffffULL));
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int data_uuid_parse(const char *s, struct sb_uuid *out)
{
    uint64_t v[2] = { 0, 0 };
    int nibbles = 0;

    if (strlen(s) != 36)
        return -1;
    for (int i = 0; i < 36; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (s[i] != '-')
                return -1;
            continue;
        }
        int h = hexval(s[i]);
        if (h < 0)
            return -1;
        v[nibbles / 16] = (v[nibbles / 16] << 4) | (uint64_t)h;
        nibbles++;
    }
    out->hi = v[0];
    out->lo = v[1];
    return 0;
}

bool data_uuid_is_zero(const struct sb_uuid *u)
{
    return u->hi == 0 && u->lo == 0;
}

bool data_uuid_eq(const struct sb_uuid *a, const struct sb_uuid *b)
{
    return a->hi == b->hi && a->lo == b->lo;
}

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

struct sb_uuid data_new_uuid(struct sb_state *st)
{
    uint64_t n = ++st->next_serial;
    struct sb_uuid u = { mix64(st->seed * 31 + n * 2 + 0x5eed),
                         mix64(st->seed * 37 + n * 2 + 0x5eee) };

    u.hi = (u.hi & ~0xf000ULL) | 0x4000ULL;
    u.lo = (u.lo & ~(0xcULL << 60)) | (0x8ULL << 60);
    return u;
}

/* Serials above every generated index keep run-time ids unique: generated
 * ids are a bijection of their index (see gen.c), and so are these. */
void data_new_mp_ids(struct sb_state *st, char ausr[24], char usr[16])
{
    uint64_t n = 10000000 + ++st->next_serial;
    uint64_t a = (n * 2654435761ULL + 412345678901ULL) % 1000000000000ULL;
    uint64_t u = (n * 104729 + 52345678ULL) % 100000000ULL;

    snprintf(ausr, 24, "AUSR-%04llu-%04llu-%04llu", (unsigned long long)(a / 100000000),
             (unsigned long long)(a / 10000 % 10000), (unsigned long long)(a % 10000));
    snprintf(usr, 16, "USR-%04llu-%04llu", (unsigned long long)(u / 10000),
             (unsigned long long)(u % 10000));
}

uint32_t data_new_code(struct sb_state *st)
{
    return (uint32_t)mix64(st->seed ^ (++st->next_serial * 0x9e3779b97f4a7c15ULL));
}

static void fmt_time(int64_t ms, char out[32], bool with_ms)
{
    time_t t = (time_t)(ms / 1000);
    struct tm tm;

    gmtime_r(&t, &tm);
    /* Years beyond 9999 never occur here; the cast keeps GCC's truncation
     * analysis quiet. */
    int year = (tm.tm_year + 1900) % 10000;
    unsigned char mon = (unsigned char)(tm.tm_mon + 1), day = (unsigned char)tm.tm_mday;
    unsigned char hh = (unsigned char)tm.tm_hour, mm = (unsigned char)tm.tm_min;
    unsigned char ss = (unsigned char)tm.tm_sec;
    if (with_ms)
        snprintf(out, 32, "%04d-%02u-%02uT%02u:%02u:%02u.%03dZ", year, mon, day, hh, mm, ss,
                 (int)(ms % 1000));
    else
        snprintf(out, 32, "%04d-%02u-%02uT%02u:%02u:%02uZ", year, mon, day, hh, mm, ss);
}

void data_fmt_time_s(int64_t ms, char out[32])
{
    fmt_time(ms, out, false);
}

void data_fmt_time_ms(int64_t ms, char out[32])
{
    fmt_time(ms, out, true);
}

/* Written once by main() before any thread starts, then only read. */
static int64_t expiry_lag_ms;

void data_set_expiry_lag(int64_t ms)
{
    expiry_lag_ms = ms > 0 ? ms : 0;
}

int64_t data_expiry_lag(void)
{
    return expiry_lag_ms;
}

enum hb_status hb_effective_status(const struct hb_invitation *inv, int64_t now)
{
    if (inv->status == HB_PENDING && inv->expires_at && inv->expires_at + expiry_lag_ms <= now)
        return HB_EXPIRED;
    return (enum hb_status)inv->status;
}

int64_t mp_server_expiry(const struct mp_user *u)
{
    return u->invited_at + SB_INVITE_TTL_MS + expiry_lag_ms;
}

enum mp_status mp_effective_status(const struct mp_user *u, int64_t now)
{
    if (u->status == MP_INVITED && mp_server_expiry(u) <= now)
        return MP_EXPIRED;
    return (enum mp_status)u->status;
}

const char *hb_status_name(enum hb_status s)
{
    static const char *const names[] = { "pending", "accepted", "revoked", "expired" };
    return names[s];
}

const char *mp_status_name(enum mp_status s)
{
    static const char *const names[] = { "Invited", "Active", "InvitationExpired" };
    return names[s];
}

struct hb_account *data_hb_account(struct sb_state *st, const char *id)
{
    struct sb_uuid u;

    if (data_uuid_parse(id, &u) < 0)
        return NULL;
    for (size_t i = 0; i < st->n_hb; i++)
        if (data_uuid_eq(&st->hb[i].id, &u))
            return &st->hb[i];
    return NULL;
}

struct hb_invitation *data_hb_invitation(struct hb_account *a, const char *id)
{
    struct sb_uuid u;

    if (data_uuid_parse(id, &u) < 0)
        return NULL;
    for (size_t i = 0; i < a->n_inv; i++)
        if (data_uuid_eq(&a->inv[i].id, &u))
            return &a->inv[i];
    return NULL;
}

struct mp_account *data_mp_account(struct sb_state *st, const char *id)
{
    for (size_t i = 0; i < st->n_mp; i++)
        if (strcmp(st->mp[i].id, id) == 0)
            return &st->mp[i];
    return NULL;
}

struct mp_user *data_mp_user_by_ausr(struct sb_state *st, const char *id, struct mp_account **acc)
{
    for (size_t i = 0; i < st->n_mp; i++)
        for (size_t j = 0; j < st->mp[i].n_users; j++)
            if (strcmp(st->mp[i].users[j].id, id) == 0) {
                if (acc)
                    *acc = &st->mp[i];
                return &st->mp[i].users[j];
            }
    return NULL;
}

struct mp_user *data_mp_user_by_usr(struct mp_account *a, const char *usr_id)
{
    for (size_t j = 0; j < a->n_users; j++)
        if (strcmp(a->users[j].user_id, usr_id) == 0)
            return &a->users[j];
    return NULL;
}

struct mp_group *data_mp_group(struct mp_account *a, const char *id, int *index)
{
    for (size_t i = 0; i < a->n_groups; i++)
        if (strcmp(a->groups[i].id, id) == 0) {
            if (index)
                *index = (int)i;
            return &a->groups[i];
        }
    return NULL;
}

void data_mp_set_names(struct mp_user *u, const char *first, const char *last)
{
    size_t f = first ? strlen(first) : 0, l = last ? strlen(last) : 0;

    free(u->first_last);
    u->first_last = xmalloc(f + l + 2);
    memcpy(u->first_last, first ? first : "", f + 1);
    memcpy(u->first_last + f + 1, last ? last : "", l + 1);
}

const char *data_mp_first_name(const struct mp_user *u)
{
    return u->first_last && *u->first_last ? u->first_last : NULL;
}

const char *data_mp_last_name(const struct mp_user *u)
{
    if (!u->first_last)
        return NULL;
    const char *last = u->first_last + strlen(u->first_last) + 1;
    return *last ? last : NULL;
}

void data_mp_user_free(struct mp_user *u)
{
    free(u->name);
    free(u->email);
    free(u->first_last);
}

struct hb_invitation *data_hb_add_invitation(struct hb_account *a)
{
    if (a->n_inv == a->cap_inv) {
        a->cap_inv = a->cap_inv ? a->cap_inv * 2 : 16;
        a->inv = xrealloc(a->inv, a->cap_inv * sizeof(*a->inv));
    }
    struct hb_invitation *inv = &a->inv[a->n_inv++];
    memset(inv, 0, sizeof(*inv));
    return inv;
}

struct mp_user *data_mp_add_user(struct mp_account *a)
{
    if (a->n_users == a->cap_users) {
        a->cap_users = a->cap_users ? a->cap_users * 2 : 16;
        a->users = xrealloc(a->users, a->cap_users * sizeof(*a->users));
    }
    struct mp_user *u = &a->users[a->n_users++];
    memset(u, 0, sizeof(*u));
    return u;
}

void data_free(struct sb_state *st)
{
    for (size_t i = 0; i < st->n_hb; i++) {
        struct hb_account *a = &st->hb[i];
        for (size_t j = 0; j < a->n_inv; j++) {
            free(a->inv[j].email);
            free(a->inv[j].note);
            free(a->inv[j].asg);
        }
        for (size_t j = 0; j < a->n_groups; j++) {
            free(a->groups[j].name);
            free(a->groups[j].description);
        }
        free(a->inv);
        free(a->groups);
        free(a->name);
        free(a->client_name);
    }
    for (size_t i = 0; i < st->n_mp; i++) {
        struct mp_account *a = &st->mp[i];
        for (size_t j = 0; j < a->n_users; j++)
            data_mp_user_free(&a->users[j]);
        for (size_t j = 0; j < a->n_groups; j++) {
            free(a->groups[j].name);
            free(a->groups[j].description);
        }
        free(a->users);
        free(a->groups);
        free(a->name);
    }
    free(st->hb);
    free(st->mp);
    memset(st, 0, sizeof(*st));
}
