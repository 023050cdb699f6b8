/* data: the sandbox's in-memory state for both providers, the deterministic
 * generator that fills it from a seed, and small helpers (ids, times, the
 * Hybridbox role -> capability table).
 *
 * Contract: state is compact C structs (never a JSON tree per object) and is
 * serialised on demand by hybridbox.c and marketplace.c. The server holds one
 * global mutex around every access, so nothing here locks. Times are int64
 * milliseconds since the epoch, UTC; 0 means "never" (JSON null / omitted). */
#ifndef INVITUI_SANDBOX_DATA_H
#define INVITUI_SANDBOX_DATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SB_DAY_MS (86400LL * 1000)
#define SB_INVITE_TTL_MS (7 * SB_DAY_MS)
/* invitui-sandbox's default --expiry-lag: long enough that a demo started
 * any time shows invitations whose computed expiry has passed while the
 * server still reports them pending. */
#define SB_DEFAULT_EXPIRY_LAG_MS (6 * 3600LL * 1000)
#define SB_UUID_STRLEN 37 /* 36 + NUL */

struct sb_uuid {
    uint64_t hi, lo;
};

/* ---- Hybridbox ---------------------------------------------------------- */

enum hb_status { HB_PENDING, HB_ACCEPTED, HB_REVOKED, HB_EXPIRED /* computed only */ };
enum hb_asg_kind { HB_ASG_ROLE, HB_ASG_CAPABILITY, HB_ASG_GROUP, HB_ASG_OWNER };

struct hb_assignment {
    struct sb_uuid id;
    struct sb_uuid resource_id; /* zero: null */
    uint8_t kind;               /* enum hb_asg_kind */
    uint8_t role;               /* index in hb_roles (kind ROLE) */
    uint8_t capability;         /* index in hb_capabilities (kind CAPABILITY) */
    uint8_t grant_kind;         /* index in hb_grant_kinds; 0xff: null */
    uint8_t resource_type;      /* index in hb_resource_types; 0xff: null */
    int16_t group;              /* index in the account's groups, -1: none */
};

struct hb_invitation {
    struct sb_uuid id;
    struct sb_uuid accepted_subject; /* zero: null */
    char *email;
    char *note; /* NULL: null */
    int64_t created_at, expires_at, accepted_at;
    struct hb_assignment *asg;
    uint8_t n_asg;
    uint8_t status; /* enum hb_status, never HB_EXPIRED */
};

struct hb_group {
    struct sb_uuid id;
    char *name;
    char *description;
    int parent;          /* index, -1 none */
    uint32_t bundles;    /* bit i: hb_roles[i] */
    uint32_t direct;     /* bit i: hb_capabilities[i] */
    uint8_t scope_type;  /* linked scope resource type index, 0xff none */
};

struct hb_account {
    struct sb_uuid id, client_id, keycloak_id;
    char *name;
    const char *status;
    char *client_name;
    int64_t created_at, updated_at;
    struct hb_group *groups;
    size_t n_groups;
    struct hb_invitation *inv;
    size_t n_inv, cap_inv;
};

/* ---- Marketplace -------------------------------------------------------- */

enum mp_status { MP_INVITED, MP_ACTIVE, MP_EXPIRED /* computed only */ };

struct mp_group {
    char id[16]; /* UGR-NNNN-NNNN */
    char *name;
    char *description;
    bool is_default;
    uint32_t modules; /* bit i: mp_modules[i] */
    int64_t created_at;
};

struct mp_user {
    char id[24];      /* AUSR-NNNN-NNNN-NNNN */
    char user_id[16]; /* USR-NNNN-NNNN */
    char *name;       /* the full name, as the API shows it */
    char *email;
    /* "firstName\0lastName" in one allocation (either may be empty:
     * absent); NULL: neither. See data_mp_set_names(). */
    char *first_last;
    uint32_t groups; /* bit i: the account's groups[i] */
    uint8_t n_buyers;
    uint8_t status;  /* MP_INVITED or MP_ACTIVE */
    uint8_t created_by, updated_by; /* index in mp_actors */
    uint32_t invite_code;
    int64_t created_at, updated_at, invited_at, accepted_at, joined_at, access_at, last_login_at;
};

struct mp_account {
    char id[16]; /* ACC-NNNN-NNNN */
    char *name;
    const char *type;
    const char *status;
    int64_t created_at, updated_at;
    struct mp_group *groups;
    size_t n_groups;
    struct mp_user *users;
    size_t n_users, cap_users;
};

struct mp_module {
    const char *id, *name, *description;
    bool configurable, dflt, paid, obsolete, multi, single;
    const char *type;
};

struct mp_actor {
    const char *id, *name;
};

/* ---- The whole state ---------------------------------------------------- */

struct sb_state {
    uint64_t seed;
    int64_t epoch; /* generation time */
    uint64_t next_serial; /* for ids of objects created at run time */
    /* Bumped by the server after every request that may change the state
     * (any method but GET and HEAD): caches of derived data compare it. */
    uint64_t generation;
    struct hb_account *hb;
    size_t n_hb;
    struct mp_account *mp;
    size_t n_mp;
};

/* Static tables. Capabilities are sorted so that walking a bit mask yields a
 * sorted, unique key list. */
extern const char *const hb_capabilities[];
extern const size_t hb_n_capabilities;
extern const char *const hb_roles[];
extern const uint32_t hb_role_caps[];
extern const size_t hb_n_roles;
extern const char *const hb_grant_kinds[];
extern const size_t hb_n_grant_kinds;
extern const char *const hb_resource_types[];
extern const size_t hb_n_resource_types;
extern const struct mp_module mp_modules[];
extern const size_t mp_n_modules;
extern const struct mp_actor mp_actors[];
extern const size_t mp_n_actors;

/* Generates n_accounts accounts per provider, each with n_inv invitations
 * (Hybridbox) and n_inv account users (Marketplace). */
void data_generate(struct sb_state *st, uint64_t seed, size_t n_accounts, size_t n_inv);
void data_free(struct sb_state *st);

int64_t data_now_ms(void);
/* Index in a static NULL-free table of n entries, or -1. */
int data_lookup(const char *const *table, size_t n, const char *key);
uint32_t data_caps_of_roles(uint32_t roles);

/* Ids. */
void data_uuid_format(const struct sb_uuid *u, char out[SB_UUID_STRLEN]);
int data_uuid_parse(const char *s, struct sb_uuid *out);
bool data_uuid_is_zero(const struct sb_uuid *u);
bool data_uuid_eq(const struct sb_uuid *a, const struct sb_uuid *b);
/* A fresh uuid for run-time objects, unique within the state. */
struct sb_uuid data_new_uuid(struct sb_state *st);
/* A fresh digits-only serial for Marketplace ids (AUSR, USR). */
void data_new_mp_ids(struct sb_state *st, char ausr[24], char usr[16]);
uint32_t data_new_code(struct sb_state *st);

/* Timestamps: "2023-11-07T05:31:56Z" (Hybridbox) and
 * "2025-10-24T20:57:56.471Z" (Marketplace). */
void data_fmt_time_s(int64_t ms, char out[32]);
void data_fmt_time_ms(int64_t ms, char out[32]);

/* The expiry lag: a server job, not the request, turns an invitation whose
 * time is up into an expired one, some time later (Marketplace: Invited ->
 * InvitationExpired after 7 days; Hybridbox, INFERRED: pending -> expired
 * after expires_at). Until then the server reports, and acts on, the old
 * status. Process-wide configuration in milliseconds (default 0): set it
 * before data_generate(), which places a few invitations inside the lag,
 * and never while serving. */
void data_set_expiry_lag(int64_t ms);
int64_t data_expiry_lag(void);

/* Effective states (the time-driven, lagging expiry happens here). */
enum hb_status hb_effective_status(const struct hb_invitation *inv, int64_t now);
enum mp_status mp_effective_status(const struct mp_user *u, int64_t now);
/* When the server turns u InvitationExpired if nothing happens before. */
int64_t mp_server_expiry(const struct mp_user *u);
const char *hb_status_name(enum hb_status s);
const char *mp_status_name(enum mp_status s);

/* Lookups; NULL when absent. */
struct hb_account *data_hb_account(struct sb_state *st, const char *id);
struct hb_invitation *data_hb_invitation(struct hb_account *a, const char *id);
struct mp_account *data_mp_account(struct sb_state *st, const char *id);
struct mp_user *data_mp_user_by_ausr(struct sb_state *st, const char *id, struct mp_account **acc);
struct mp_user *data_mp_user_by_usr(struct mp_account *a, const char *usr_id);
struct mp_group *data_mp_group(struct mp_account *a, const char *id, int *index);

/* Sets u's first and last names (NULL or "": absent); the full name is
 * set separately, as it is not always "first last" (CJK, single names). */
void data_mp_set_names(struct mp_user *u, const char *first, const char *last);
/* u's first / last name; NULL when absent. */
const char *data_mp_first_name(const struct mp_user *u);
const char *data_mp_last_name(const struct mp_user *u);
/* Frees the strings u owns (not u itself). */
void data_mp_user_free(struct mp_user *u);

/* Appends a zeroed invitation / user and returns it (the arrays may move). */
struct hb_invitation *data_hb_add_invitation(struct hb_account *a);
struct mp_user *data_mp_add_user(struct mp_account *a);

#endif
