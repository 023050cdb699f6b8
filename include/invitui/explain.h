/* explain: "will this person be able to do X, and through what?" from the
 * data an invitation already carries (#13's capability explainer).
 *
 * Contract: pure functions over borrowed strings, no I/O, no curses, no
 * translation (callers phrase the answer). The API gives no source per
 * capability, so a path is either certain (a direct capability, account
 * ownership) or learned: a role's bundle is learned from the account's own
 * invitations whose only assignment is that role (their resolved keys are
 * exactly its bundle), and an answer says from how many. A group's
 * contents are unknown to the API: a group is only ever a possible path --
 * unless the account's groups state what each gives (the Marketplace's user
 * groups list their modules[]): then a group's bundle is certain, and a
 * group the account lists that does not hold the key is no path at all.
 * Keys compare exactly (capability keys and module ids are stable
 * identifiers); a key may also be asked for by the name the account shows
 * for it (a module's "Billing"), ignoring ASCII case. */
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

/* A key's name as the account shows it (a Marketplace module's "Billing"). */
struct key_name {
    const char *key, *name;
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
    const struct key_name *names; /* names of keys it shows, for asking by name */
    size_t n_names;
    bool active; /* already a member (has it now), not someone yet to accept */
};

/* A subject with storage of its own, as a provider's explain_subject
 * callback builds it from an invitation's raw object (provider.h). The
 * subject's pointers point into assignments and resolved. */
struct explain_owned {
    struct explain_subject subject;
    struct explain_assignment *assignments;
    char **resolved;
    size_t n_assignments, n_resolved, cap_assignments, cap_resolved;
    struct key_name *names;
    size_t n_names, cap_names;
};

/* Copies the non-NULL keys; owner sets an account-owner assignment. */
void explain_owned_add(struct explain_owned *o, const char *role_key, const char *capability_key,
                       const char *group_id, bool owner);
void explain_owned_add_resolved(struct explain_owned *o, const char *cap);
void explain_owned_add_name(struct explain_owned *o, const char *key, const char *name);
void explain_owned_free(struct explain_owned *o);

/* A role's bundle as the account's invitations show it. */
struct role_bundle {
    char *role_key;
    char **caps; /* sorted, unique */
    size_t n_caps;
    size_t learned_from; /* invitations that showed it */
    bool inconsistent;   /* they disagreed: caps is what they all share */
};

/* A group whose contents the API states: what it gives is certain. */
struct group_bundle {
    char *group_id;
    char *name; /* as the server sent it, or NULL */
    char **keys; /* sorted, unique */
    size_t n_keys;
};

enum explain_groups {
    EXPLAIN_GROUPS_OPAQUE, /* the API never says what a group holds (Hybridbox) */
    EXPLAIN_GROUPS_KNOWN,  /* the account's groups were read with their contents */
    EXPLAIN_GROUPS_UNREAD, /* they could have been, but reading them failed */
};

/* What the account teaches: role bundles learned from its invitations, the
 * groups it lists with their contents, and the names of keys it shows. */
struct role_bundles {
    struct role_bundle *v;
    size_t n, cap;
    struct group_bundle *groups;
    size_t n_groups, cap_groups;
    enum explain_groups groups_state;
    struct key_name *names; /* owned copies */
    size_t n_names, cap_names;
};

void role_bundles_free(struct role_bundles *rb);
/* Learns the names s shows, and its bundle when its only assignment is a
 * role; other subjects teach no bundle. */
void role_bundles_learn(struct role_bundles *rb, const struct explain_subject *s);
/* A group of the account and the keys it gives (copied); the caller sets
 * groups_state to EXPLAIN_GROUPS_KNOWN once every group is in. */
void role_bundles_add_group(struct role_bundles *rb, const char *group_id, const char *name,
                            const char *const *keys, size_t n_keys);
const struct group_bundle *role_bundles_find_group(const struct role_bundles *rb,
                                                   const char *group_id);
/* Remembers a key's name (the first one seen wins). */
void role_bundles_add_name(struct role_bundles *rb, const char *key, const char *name);
/* The key asked about: asked itself when a known key or no name matches,
 * else the key whose name is asked (ignoring ASCII case). Borrowed. */
const char *role_bundles_key_of(const struct role_bundles *rb, const char *asked);
/* The name of key, or NULL. Borrowed. */
const char *role_bundles_name_of(const struct role_bundles *rb, const char *key);
const struct role_bundle *role_bundles_find(const struct role_bundles *rb, const char *role_key);
bool role_bundle_grants(const struct role_bundle *b, const char *cap);

enum explain_via {
    EXPLAIN_DIRECT, /* a capability assignment of exactly this key: certain */
    EXPLAIN_OWNER,  /* account ownership: certain */
    EXPLAIN_ROLE,   /* a role whose learned bundle has the key */
    EXPLAIN_ROLE_UNKNOWN, /* a role whose bundle no invitation has shown */
    EXPLAIN_GROUP,  /* a group: its contents are unknown to the API */
    EXPLAIN_GROUP_KNOWN, /* a group the account lists with the key: certain */
};

struct explain_path {
    enum explain_via via;
    const char *key;     /* the role key, capability key or group id; NULL for OWNER */
    size_t learned_from; /* EXPLAIN_ROLE: invitations the bundle was learned from */
    bool inconsistent;   /* EXPLAIN_ROLE: those invitations disagreed */
    const char *name;    /* EXPLAIN_GROUP_KNOWN: the group's name, or NULL */
};

enum { EXPLAIN_MAX_PATHS = 32, EXPLAIN_MAX_SUGGEST = 16 };

struct explain_answer {
    const char *key;  /* the key asked about (a name resolved to its key) */
    const char *name; /* its name as the account shows it, or NULL */
    bool active;      /* the subject's: has it now rather than once they accept */
    enum explain_groups groups; /* the bundles' groups_state */
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
    /* Not granted, groups known: the account's groups (the subject is not
     * in) that give the key, fewest keys first. */
    const struct group_bundle *suggest_groups[EXPLAIN_MAX_SUGGEST];
    size_t n_suggest_groups;
};

/* Explains cap (a key, or a name rb or s shows for one) for s. documented:
 * the provider's documented role keys (NULL-terminated); only those are
 * suggested. The answer borrows from rb, s and cap. */
void explain_capability(const struct role_bundles *rb, const char *const *documented,
                        const struct explain_subject *s, const char *cap,
                        struct explain_answer *out);

#endif
