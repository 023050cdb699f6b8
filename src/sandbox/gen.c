/* The deterministic data generator behind data_generate(): the same seed
 * always yields the same accounts, people and states; times are relative to
 * the moment of generation so that "expires within the hour" stays true. */
#include "config.h"

#include "data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/util.h"

#define HOUR_MS (3600LL * 1000)
#define MIN_MS (60LL * 1000)

struct rng {
    uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t rng_below(struct rng *r, uint64_t n)
{
    return n ? rng_next(r) % n : 0;
}

static int64_t rng_span(struct rng *r, int64_t lo, int64_t hi)
{
    return lo + (int64_t)rng_below(r, (uint64_t)(hi - lo + 1));
}

static struct sb_uuid rng_uuid(struct rng *r)
{
    struct sb_uuid u = { rng_next(r), rng_next(r) };

    u.hi = (u.hi & ~0xf000ULL) | 0x4000ULL;
    u.lo = (u.lo & ~(0xcULL << 60)) | (0x8ULL << 60);
    return u;
}

struct person {
    const char *display, *ascii;
};

/* CJK names are written family name first, without a space, so the full
 * name is not "first last". */
struct cjk_person {
    const char *display, *ascii, *given, *family;
};

/* A generated person; first and last point into static tables (last NULL:
 * a single name, as some hostile ones are). */
struct person_out {
    char *name, *email;
    const char *first, *last;
};

static const struct person first_names[] = {
    { "Zoë", "zoe" }, { "José", "jose" }, { "Renée", "renee" }, { "Björn", "bjorn" },
    { "Søren", "soren" }, { "Łukasz", "lukasz" }, { "François", "francois" },
    { "Chloé", "chloe" }, { "Ömer", "omer" }, { "Ana", "ana" }, { "Mikko", "mikko" },
    { "Priya", "priya" }, { "Nuño", "nuno" }, { "Anaïs", "anais" }, { "Jürgen", "jurgen" },
    { "Siobhán", "siobhan" },
};
static const struct person last_names[] = {
    { "Müller", "muller" }, { "García", "garcia" }, { "Dubois", "dubois" },
    { "Nørgaard", "norgaard" }, { "Kowalski", "kowalski" }, { "O'Brien", "obrien" },
    { "Smith", "smith" }, { "Ivanova", "ivanova" }, { "Núñez", "nunez" },
    { "Lefèvre", "lefevre" }, { "Yılmaz", "yilmaz" }, { "Kim", "kim" },
};
static const struct cjk_person cjk_names[] = {
    { "山田太郎", "yamada.taro", "太郎", "山田" }, { "佐藤花子", "sato.hanako", "花子", "佐藤" },
    { "王芳", "wang.fang", "芳", "王" }, { "김민준", "kim.minjun", "민준", "김" },
    { "鈴木一郎", "suzuki.ichiro", "一郎", "鈴木" },
};
/* Hostile display strings: OSC 52 clipboard write, SGR colour, bidi
 * override, a C1 CSI, raw control characters. */
static const char *const hostile[] = {
    "\x1b]52;c;ZWNobyBwd25lZA==\x07Mallory",
    "\x1b[31mRed\x1b[0m Alert",
    "\xe2\x80\xae" "exe.txt Bidi",
    "\xc2\x9b" "31mC1 CSI",
    "Tab\there\nand newline",
};
static const char *const domains[] = {
    "example.com", "example.org", "example.net", "corp.example", "mail.example.co.uk",
};
static const char *const notes[] = {
    "Onboarding for the Q3 migration", "Vertretung während der Elternzeit",
    "Accès temporaire pour l'audit", "移行プロジェクトのため", "Contractor — ends in March",
    "Needs DNS access for customer ticket #4711",
};

static char *make_email(struct rng *r, const char *local, size_t n)
{
    return xasprintf("%s.%zu@%s", local, n, domains[rng_below(r, ARRAY_SIZE(domains))]);
}

/* A display name and a matching ASCII e-mail; every so often a CJK or a
 * hostile name. The random draws do not depend on the names' split, so
 * the data of a seed stays what it was before first and last existed. */
static void make_person(struct rng *r, size_t n, struct person_out *out)
{
    if (n % 11 == 6) {
        out->first = hostile[(n / 11) % ARRAY_SIZE(hostile)];
        out->last = NULL;
        out->name = xstrdup(out->first);
        out->email = make_email(r, "hostile", n);
    } else if (n % 7 == 3) {
        const struct cjk_person *p = &cjk_names[rng_below(r, ARRAY_SIZE(cjk_names))];
        out->first = p->given;
        out->last = p->family;
        out->name = xstrdup(p->display);
        /* Some addresses are internationalised (SMTPUTF8). */
        out->email = n % 2 ? xasprintf("%s.%zu@例え.jp", p->display, n)
                           : make_email(r, p->ascii, n);
    } else {
        const struct person *f = &first_names[rng_below(r, ARRAY_SIZE(first_names))];
        const struct person *l = &last_names[rng_below(r, ARRAY_SIZE(last_names))];
        char *local = n % 13 == 5 ? xasprintf("%s.%s", f->display, l->display)
                                  : xasprintf("%s.%s", f->ascii, l->ascii);
        out->first = f->display;
        out->last = l->display;
        out->name = xasprintf("%s %s", f->display, l->display);
        out->email = n % 13 == 5 ? xasprintf("%s.%zu@bücher.example", local, n)
                                 : make_email(r, local, n);
        free(local);
    }
}

static char *make_note(struct rng *r, size_t n)
{
    if (n % 97 == 50) {
        struct strbuf sb;
        strbuf_init(&sb);
        while (sb.len < 4096)
            strbuf_puts(&sb, "Long note: Zoë's 4 KB of context. 長いメモ. ");
        return strbuf_detach(&sb, NULL);
    }
    if (n % 23 == 11)
        return xstrdup(hostile[(n / 23) % ARRAY_SIZE(hostile)]);
    if (rng_below(r, 2))
        return NULL;
    return xstrdup(notes[rng_below(r, ARRAY_SIZE(notes))]);
}

/* ---- Hybridbox ---------------------------------------------------------- */

static const char *const hb_account_names[] = {
    "Acme Hosting GmbH", "Zoë's Bäckerei", "株式会社山田", "Müller & Söhne KG",
    "Ελληνική Φιλοξενία", "Nørdic Mail AS",
};

struct hb_group_seed {
    const char *name, *description;
    int parent;
    uint32_t bundles, direct;
    int scope_type;
};

static void gen_hb_groups(struct rng *r, struct hb_account *a)
{
    const struct hb_group_seed seeds[] = {
        { "Administrators", "Full access to the account", -1, 1u << 3, 0, 1 },
        { "Support", "First-line helpdesk", -1, 1u << 0, 1u << 13, 1 },
        { "DNS team", "Zone and record maintenance", -1, 1u << 4, 0, 3 },
        { "Billing", "Invoices and payment methods", -1, 1u << 7, 0, 0 },
        { "Tier 2 — 二次対応", "Escalations from Support", 1, 1u << 1 | 1u << 8, 1u << 14, 2 },
    };

    a->n_groups = ARRAY_SIZE(seeds);
    a->groups = xcalloc(a->n_groups, sizeof(*a->groups));
    for (size_t i = 0; i < a->n_groups; i++) {
        struct hb_group *g = &a->groups[i];
        g->id = rng_uuid(r);
        g->name = xstrdup(seeds[i].name);
        g->description = xstrdup(seeds[i].description);
        g->parent = seeds[i].parent;
        g->bundles = seeds[i].bundles;
        g->direct = seeds[i].direct;
        g->scope_type = (uint8_t)seeds[i].scope_type;
    }
}

static void gen_hb_assignments(struct rng *r, struct hb_account *a, struct hb_invitation *inv,
                               size_t n)
{
    size_t count = 1 + rng_below(r, 3);

    inv->asg = xcalloc(count + 1, sizeof(*inv->asg));
    for (size_t k = 0; k < count; k++) {
        struct hb_assignment *s = &inv->asg[inv->n_asg++];
        s->id = rng_uuid(r);
        s->grant_kind = 0xff;
        s->resource_type = 0xff;
        s->group = -1;
        /* The first assignment is a role bundle so that resolved
         * capabilities differ from the direct ones. */
        switch (k == 0 ? 0 : rng_below(r, 3)) {
        case 0:
            s->kind = HB_ASG_ROLE;
            s->role = (uint8_t)rng_below(r, hb_n_roles);
            s->resource_type = 1;
            s->resource_id = a->id;
            break;
        case 1:
            s->kind = HB_ASG_CAPABILITY;
            s->capability = (uint8_t)rng_below(r, hb_n_capabilities);
            s->grant_kind = 0;
            s->resource_type = 1;
            s->resource_id = a->id;
            break;
        default:
            s->kind = HB_ASG_GROUP;
            s->group = (int16_t)rng_below(r, a->n_groups);
            break;
        }
    }
    if (n % 29 == 7) {
        struct hb_assignment *s = &inv->asg[inv->n_asg++];
        s->id = rng_uuid(r);
        s->kind = HB_ASG_OWNER;
        s->grant_kind = 1;
        s->resource_type = 1;
        s->resource_id = a->id;
        s->group = -1;
    }
}

/* One in twenty non-fixture invitations (about 5%) sits inside the expiry
 * lag: its time is up but the server still reports it pending / Invited,
 * so a demo and the tests always have some. Chosen by index, and placed
 * after every random draw, so that the other data of a seed stay as they
 * were. The index is one the Marketplace generator makes Invited, so its
 * server status is unchanged too. */
static bool in_lag_window(size_t n)
{
    return n >= 5 && n % 20 == 6;
}

/* Half way through the lag, so that it stays there for lag / 2 after the
 * start; with no lag it is expired at once. */
static int64_t lag_window_time(int64_t now, size_t n)
{
    return now - data_expiry_lag() / 2 - (int64_t)(n % 1000);
}

/* Fixture k (< 5) of every account has a fixed e-mail and state so that
 * tests can find it; the rest are spread at random. Invitations meant to
 * be expired are so by the server too: their expiry lies a lag earlier. */
static void gen_hb_invitation(struct rng *r, struct hb_account *a, size_t n, int64_t now)
{
    static const char *const fixture_mail[] = {
        "pending.fixture@example.com", "expired.fixture@example.com",
        "accepted.fixture@example.com", "revoked.fixture@example.com",
        "soon.fixture@example.com",
    };
    struct hb_invitation *inv = data_hb_add_invitation(a);
    uint64_t roll = n < 5 ? 0 : rng_below(r, 100);
    struct person_out who;

    inv->id = rng_uuid(r);
    inv->status = HB_PENDING;
    if (n < 5) {
        inv->email = xstrdup(fixture_mail[n]);
        static const int64_t expires[] = { 6 * SB_DAY_MS, -3 * SB_DAY_MS, 2 * SB_DAY_MS,
                                           3 * SB_DAY_MS, 40 * MIN_MS };
        static const uint8_t status[] = { HB_PENDING, HB_PENDING, HB_ACCEPTED, HB_REVOKED,
                                          HB_PENDING };
        inv->expires_at = now + expires[n] - (n == 1 ? data_expiry_lag() : 0);
        inv->status = status[n];
    } else {
        make_person(r, n, &who);
        inv->email = who.email;
        free(who.name);
        if (roll < 40)
            inv->expires_at = now + (rng_below(r, 10) == 0 ? rng_span(r, MIN_MS, HOUR_MS)
                                                          : rng_span(r, HOUR_MS, SB_INVITE_TTL_MS));
        else
            inv->expires_at = now - data_expiry_lag() - rng_span(r, HOUR_MS, 60 * SB_DAY_MS);
        if (roll >= 60)
            inv->status = roll < 85 ? HB_ACCEPTED : HB_REVOKED;
    }
    inv->created_at = inv->expires_at - SB_INVITE_TTL_MS;
    if (inv->status == HB_ACCEPTED) {
        inv->accepted_at = inv->created_at + rng_span(r, MIN_MS, 3 * SB_DAY_MS);
        if (inv->accepted_at > now)
            inv->accepted_at = now - MIN_MS;
        inv->accepted_subject = rng_uuid(r);
    }
    inv->note = n < 5 ? xasprintf("Fixture %zu", n) : make_note(r, n);
    gen_hb_assignments(r, a, inv, n);
    if (in_lag_window(n)) {
        inv->status = HB_PENDING;
        inv->accepted_at = 0;
        inv->accepted_subject = (struct sb_uuid){ 0, 0 };
        inv->expires_at = lag_window_time(now, n);
        inv->created_at = inv->expires_at - SB_INVITE_TTL_MS;
    }
}

static void gen_hb(struct sb_state *st, struct rng *r, size_t n_accounts, size_t n_inv)
{
    st->n_hb = n_accounts;
    st->hb = xcalloc(n_accounts, sizeof(*st->hb));
    for (size_t i = 0; i < n_accounts; i++) {
        struct hb_account *a = &st->hb[i];
        a->id = rng_uuid(r);
        a->client_id = rng_uuid(r);
        a->keycloak_id = rng_uuid(r);
        a->name = xstrdup(hb_account_names[i % ARRAY_SIZE(hb_account_names)]);
        a->status = i % 5 == 4 ? "suspended" : "active";
        a->client_name = xasprintf("Client %zu — %s", i + 1, i % 2 ? "Ærø Networks" : "Acme");
        a->created_at = st->epoch - (int64_t)(400 + i * 30) * SB_DAY_MS;
        a->updated_at = st->epoch - (int64_t)(i + 1) * SB_DAY_MS;
        gen_hb_groups(r, a);
        a->inv = xcalloc(n_inv ? n_inv : 1, sizeof(*a->inv));
        a->cap_inv = n_inv ? n_inv : 1;
        for (size_t j = 0; j < n_inv; j++)
            gen_hb_invitation(r, a, j, st->epoch);
    }
}

/* ---- Marketplace -------------------------------------------------------- */

static const char *const mp_account_names[] = {
    "SoftwareOne Demo Client", "Zoë Consulting AB", "山田商事株式会社", "Contoso Vendor Ltd",
    "Fabrikam Operations", "Ñandú Importaciones S.A.",
};
static const char *const mp_types[] = { "Client", "Vendor", "Operations" };

static void fmt_digits(char *out, size_t size, const char *prefix, uint64_t v, int groups)
{
    if (groups == 3)
        snprintf(out, size, "%s-%04llu-%04llu-%04llu", prefix,
                 (unsigned long long)(v / 100000000 % 10000),
                 (unsigned long long)(v / 10000 % 10000), (unsigned long long)(v % 10000));
    else
        snprintf(out, size, "%s-%04llu-%04llu", prefix, (unsigned long long)(v / 10000 % 10000),
                 (unsigned long long)(v % 10000));
}

static void gen_mp_groups(struct sb_state *st, struct mp_account *a, size_t acc_index)
{
    static const struct {
        const char *name, *description;
        uint32_t modules;
    } seeds[] = {
        { "Default", "Everyone in the account", 1u << 0 | 1u << 2 },
        { "Administrators", "Full access, including user management", 0x3f },
        { "Billing", "Statements and invoices", 1u << 1 },
        { "Procurement — Ñ", "Ordering and subscriptions", 1u << 0 | 1u << 3 },
    };

    a->n_groups = ARRAY_SIZE(seeds);
    a->groups = xcalloc(a->n_groups, sizeof(*a->groups));
    for (size_t i = 0; i < a->n_groups; i++) {
        struct mp_group *g = &a->groups[i];
        uint64_t n = acc_index * 16 + i;
        uint64_t v = (n * 337897 + st->seed * 7919 + 61234567) % 100000000;
        fmt_digits(g->id, sizeof(g->id), "UGR", v, 2);
        g->name = xstrdup(seeds[i].name);
        g->description = xstrdup(seeds[i].description);
        g->is_default = i == 0;
        g->modules = seeds[i].modules;
        g->created_at = a->created_at + (int64_t)i * HOUR_MS;
    }
}

static void gen_mp_state(struct rng *r, struct mp_user *u, size_t n, int64_t now)
{
    /* 0: Invited, 1: InvitationExpired, 2: Active; fixtures first. */
    static const int fixture_kind[] = { 0, 1, 2, 0, 1 };
    int kind = n < 5 ? fixture_kind[n] : (n % 20 < 7 ? 0 : n % 20 < 14 ? 1 : 2);

    if (n == 0)
        u->invited_at = now - SB_DAY_MS;
    else if (n == 1)
        u->invited_at = now - 10 * SB_DAY_MS - data_expiry_lag();
    else if (n == 3)
        u->invited_at = now - SB_INVITE_TTL_MS + 45 * MIN_MS;
    else if (n == 4)
        u->invited_at = now - 40 * SB_DAY_MS - data_expiry_lag();
    else if (kind == 0)
        u->invited_at = now - (rng_below(r, 10) == 0
                                   ? SB_INVITE_TTL_MS - rng_span(r, MIN_MS, HOUR_MS)
                                   : rng_span(r, MIN_MS, SB_INVITE_TTL_MS - HOUR_MS));
    else if (kind == 1)
        u->invited_at = now - SB_INVITE_TTL_MS - data_expiry_lag() -
                        rng_span(r, HOUR_MS, 90 * SB_DAY_MS);
    else
        u->invited_at = now - rng_span(r, 30 * SB_DAY_MS, 700 * SB_DAY_MS);
    u->invited_at -= (int64_t)rng_below(r, 1000);
    if (in_lag_window(n))
        u->invited_at = lag_window_time(now, n) - SB_INVITE_TTL_MS;
    u->status = kind == 2 ? MP_ACTIVE : MP_INVITED;
    u->created_at = u->invited_at;
    u->updated_at = u->invited_at;
    if (kind == 2) {
        u->accepted_at = u->invited_at + rng_span(r, MIN_MS, 6 * SB_DAY_MS);
        u->joined_at = u->accepted_at;
        u->updated_at = u->accepted_at;
        if (rng_below(r, 4)) {
            u->last_login_at = now - rng_span(r, MIN_MS, 20 * SB_DAY_MS);
            u->access_at = u->last_login_at;
        }
    }
}

static void gen_mp_user(struct sb_state *st, struct rng *r, struct mp_account *a, size_t n,
                        uint64_t global)
{
    static const char *const fixture_mail[] = {
        "invited.fixture@example.com", "expired.fixture@example.com",
        "active.fixture@example.com", "soon.fixture@example.com",
        "old-expired.fixture@example.com",
    };
    struct mp_user *u = data_mp_add_user(a);
    struct person_out who;

    /* Bijections of the index (odd multipliers not divisible by 5), so ids
     * never collide; data_new_mp_ids() continues above every index. */
    uint64_t ausr = (global * 2654435761ULL + 412345678901ULL) % 1000000000000ULL;
    uint64_t usr = (global * 104729 + 52345678ULL) % 100000000;
    fmt_digits(u->id, sizeof(u->id), "AUSR", ausr, 3);
    fmt_digits(u->user_id, sizeof(u->user_id), "USR", usr, 2);
    make_person(r, n, &who);
    u->name = who.name;
    u->email = who.email;
    data_mp_set_names(u, who.first, who.last);
    if (n < 5) {
        free(u->email);
        u->email = xstrdup(fixture_mail[n]);
    }
    gen_mp_state(r, u, n, st->epoch);
    u->groups = 1u | (uint32_t)(rng_below(r, 1u << (a->n_groups - 1)) << 1);
    u->n_buyers = n % 5 == 2 ? (uint8_t)(1 + rng_below(r, 2)) : 0;
    u->created_by = (uint8_t)rng_below(r, mp_n_actors);
    u->updated_by = (uint8_t)rng_below(r, mp_n_actors);
    u->invite_code = (uint32_t)rng_next(r);
}

static void gen_mp(struct sb_state *st, struct rng *r, size_t n_accounts, size_t n_users)
{
    uint64_t global = 0;

    st->n_mp = n_accounts;
    st->mp = xcalloc(n_accounts, sizeof(*st->mp));
    for (size_t i = 0; i < n_accounts; i++) {
        struct mp_account *a = &st->mp[i];
        fmt_digits(a->id, sizeof(a->id), "ACC",
                   ((uint64_t)i * 337897 + st->seed * 7919 + 31234567) % 100000000, 2);
        a->name = xstrdup(mp_account_names[i % ARRAY_SIZE(mp_account_names)]);
        a->type = mp_types[i % ARRAY_SIZE(mp_types)];
        a->status = i % 5 == 4 ? "Disabled" : "Active";
        a->created_at = st->epoch - (int64_t)(800 + i * 17) * SB_DAY_MS - 123;
        a->updated_at = st->epoch - (int64_t)(i + 2) * SB_DAY_MS - 456;
        gen_mp_groups(st, a, i);
        a->users = xcalloc(n_users ? n_users : 1, sizeof(*a->users));
        a->cap_users = n_users ? n_users : 1;
        for (size_t j = 0; j < n_users; j++)
            gen_mp_user(st, r, a, j, global++);
    }
}

void data_generate(struct sb_state *st, uint64_t seed, size_t n_accounts, size_t n_inv)
{
    struct rng r = { seed * 0x2545f4914f6cdd1dULL + 1 };

    memset(st, 0, sizeof(*st));
    st->seed = seed;
    st->epoch = data_now_ms();
    gen_hb(st, &r, n_accounts, n_inv);
    gen_mp(st, &r, n_accounts, n_inv);
}
