/* explain: "will this person be able to do X, and through what?" from the
 * data an invitation already carries (#13's capability explainer).
 *
 * Contract: pure functions over borrowed strings, no I/O, no curses, no
 * translation (callers phrase the answer). The API gives no source per
 * capability, so a path is either certain (a direct capability, account
 * ownership) or learned: a role's bundle is learned from the account's own
 * invitations whose only assignment is that role (their resolved keys are
 * exactly its bundle), and an answer says from how many. A group's
 * contents are unknown to the API: a group is only ever a possible path.
 * Keys compare exactly (capability keys are stable identifiers). */
#ifndef INVITUI_EXPLAIN_H
#define INVITUI_EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>

/* One assignment of an invitation; at most one of the keys is set, or
 * owner for grant_kind account_owner. */
struct explain_assignment {
    const char *role_key, *capability_key, *group_id;
    bool owner;
};

/* What one invitation grants: its assignments, its resolved capability
 * keys (permission_context.resolved_capability_keys), and whether it makes
 * the person an account owner (owner_assignments, or an owner grant). */
struct explain_subject {
    const struct explain_assignment *assignments;
    size_t n_assignments;
    const char *const *resolved;
    size_t n_resolved;
    bool owner;
};

/* A subject with storage of its own, as a provider's explain_subject
 * callback builds it from an invitation's raw object (provider.h). The
 * subject's pointers point into assignments and resolved. */
struct explain_owned {
    struct explain_subject subject;
    struct explain_assignment *assignments;
    char **resolved;
    size_t n_assignments, n_resolved, cap_assignments, cap_resolved;
};

/* Copies the non-NULL keys; owner sets an account-owner assignment. */
void explain_owned_add(struct explain_owned *o, const char *role_key, const char *capability_key,
                       const char *group_id, bool owner);
void explain_owned_add_resolved(struct explain_owned *o, const char *cap);
void explain_owned_free(struct explain_owned *o);

/* A role's bundle as the account's invitations show it. */
struct role_bundle {
    char *role_key;
    char **caps; /* sorted, unique */
    size_t n_caps;
    size_t learned_from; /* invitations that showed it */
    bool inconsistent;   /* they disagreed: caps is what they all share */
};

struct role_bundles {
    struct role_bundle *v;
    size_t n, cap;
};

void role_bundles_free(struct role_bundles *rb);
/* Learns from s when its only assignment is a role; other subjects teach nothing. */
void role_bundles_learn(struct role_bundles *rb, const struct explain_subject *s);
const struct role_bundle *role_bundles_find(const struct role_bundles *rb, const char *role_key);
bool role_bundle_grants(const struct role_bundle *b, const char *cap);

enum explain_via {
    EXPLAIN_DIRECT, /* a capability assignment of exactly this key: certain */
    EXPLAIN_OWNER,  /* account ownership: certain */
    EXPLAIN_ROLE,   /* a role whose learned bundle has the key */
    EXPLAIN_ROLE_UNKNOWN, /* a role whose bundle no invitation has shown */
    EXPLAIN_GROUP,  /* a group: its contents are unknown to the API */
};

struct explain_path {
    enum explain_via via;
    const char *key;     /* the role key, capability key or group id; NULL for OWNER */
    size_t learned_from; /* EXPLAIN_ROLE: invitations the bundle was learned from */
    bool inconsistent;   /* EXPLAIN_ROLE: those invitations disagreed */
};

enum { EXPLAIN_MAX_PATHS = 32, EXPLAIN_MAX_SUGGEST = 16 };

struct explain_answer {
    bool granted; /* the key is in the resolved keys: the server says so */
    /* Paths that give it (granted), or that might (a group, a role not yet
     * learned); none when it is granted by nothing the assignments show. */
    struct explain_path paths[EXPLAIN_MAX_PATHS];
    size_t n_paths;
    bool certain; /* some path is certain: DIRECT or OWNER */
    /* Not granted: the documented roles whose learned bundles have the
     * key, smallest bundle first (the least that would do). */
    const struct role_bundle *suggest[EXPLAIN_MAX_SUGGEST];
    size_t n_suggest;
};

/* Explains cap for s. documented: the provider's documented role keys
 * (NULL-terminated); only those are suggested. */
void explain_capability(const struct role_bundles *rb, const char *const *documented,
                        const struct explain_subject *s, const char *cap,
                        struct explain_answer *out);

#endif
