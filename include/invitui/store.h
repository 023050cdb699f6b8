/* store: the UI thread's copy of accounts and invitations, with filtered
 * and sorted views and marks for bulk actions. No curses, no network.
 *
 * Contract and ownership:
 * - Only the UI thread touches a store (the CLI uses it single-threaded).
 * - The store owns everything put into it: store_set_accounts and
 *   store_replace_invitations take the list's contents (the list is left
 *   empty), store_upsert_invitation takes *inv (left empty).
 * - Pointers returned by accessors (`const struct invitation *` etc.) stay
 *   valid until the next call that changes the same account's collection
 *   (replace, upsert, recompute) or the accounts (set_accounts).
 * - Identity is (account_id, invitation id). A view keeps row indices, not
 *   pointers; it is stale once the account's generation changes (see
 *   store_view_stale) and must be re-applied; the UI remembers the
 *   selected id and finds its new row with store_view_find.
 * - Marks are kept by identity: they survive a refresh for ids still
 *   present and are dropped for ids that disappeared.
 * - Performance (tests/bench/store_bench.c): each invitation's folded haystack and sort keys
 *   are made once when it enters the store. A view keeps the whole collection sorted by its
 *   sort (made again only when the sort, its direction or the collection changes) and the
 *   rows matching its search in that order: a search that contains the previous one (typing
 *   on) searches only the previous matches, a tab change searches nothing, and no filter
 *   keystroke sorts. */
#ifndef INVITUI_STORE_H
#define INVITUI_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "invitui/model.h"
#include "invitui/profile.h"
#include "invitui/util.h"

enum store_sort {
    STORE_SORT_EXPIRY,  /* expires_at; invitations without one always come last */
    STORE_SORT_CREATED, /* created_at; same rule */
    STORE_SORT_EMAIL,   /* ASCII case-insensitive; no e-mail comes last */
    STORE_SORT_STATUS,  /* pending, expired, accepted, revoked, other */
    STORE_SORT_COUNT
};

/* The list's tabs; each maps to a status mask (OTHER covers revoked too). */
enum store_tab {
    STORE_TAB_ALL,
    STORE_TAB_PENDING,
    STORE_TAB_EXPIRED,
    STORE_TAB_ACCEPTED,
    STORE_TAB_OTHER,
    STORE_TAB_COUNT
};

#define STORE_STATUS_BIT(s) (1u << (s))
#define STORE_MASK_ALL ((1u << INV_STATUS_COUNT) - 1)

unsigned store_tab_mask(enum store_tab tab);
/* Stable English names for --sort and :sort ("expiry", "created", "email", "status"). */
const char *store_sort_name(enum store_sort sort);
int store_sort_from_name(const char *name); /* -1 when unknown */

struct store_filter {
    unsigned status_mask; /* STORE_STATUS_BIT()s; 0 means all */
    const char *search;   /* substring of e-mail, name or id, folded (fold.h): case- and
                             accent-insensitive, "mueller" and "muller" find "Müller";
                             NULL/"" none */
    enum store_sort sort;
    bool descending;      /* ties are always broken by e-mail then id, ascending */
    /* Keeps only the invitations keep says yes to (NULL: every one), like
     * the search before the counts per status; keep must be cheap (a
     * lookup): it runs on every matching row at each apply. */
    bool (*keep)(const struct invitation *inv, void *ctx);
    void *keep_ctx;
};

struct store;

struct store *store_new(enum provider_kind kind);
void store_free(struct store *s);

/* Accounts, in the order given. Collections of accounts not in the new list
 * are kept (they are dropped by store_free only). */
void store_set_accounts(struct store *s, struct account_list *moved);
size_t store_account_count(const struct store *s);
const struct account *store_account_at(const struct store *s, size_t i);
const struct account *store_account_find(const struct store *s, const char *account_id);

/* Replaces every invitation of one account (a refresh). loaded_at is when
 * the request started; it is what store_loaded_at returns. */
void store_replace_invitations(struct store *s, const char *account_id,
                               struct invitation_list *moved, time_t loaded_at);
/* The same in two steps: store_prepare takes the list and builds what a collection keeps
 * beside it (display copies, the id map, the search index) on any thread, so that the
 * worker does it and store_replace_prepared, on the UI thread, only carries the marks over
 * and swaps (100,000 rows: 30 ms less on the UI thread). A prepared list that is not used
 * is freed with store_prepared_free; after store_replace_prepared it is empty. */
struct store_prepared {
    struct invitation_list list;
    struct store_prepared_parts *parts; /* store.c's */
};
void store_prepare(struct store_prepared *p, struct invitation_list *moved);
void store_replace_prepared(struct store *s, const char *account_id, struct store_prepared *p,
                            time_t loaded_at);
void store_prepared_free(struct store_prepared *p);
/* Merges one invitation (from an action's response) into the one with the
 * same account and id (invitation_merge: fields the answer lacks keep their
 * value), or appends it. Returns true when it was new. inv->account_id must
 * be set. */
bool store_upsert_invitation(struct store *s, struct invitation *inv);
/* Room for n invitations in account_id's collection (its list, and so its index and the
 * arrays of the views on it) before a list that is announced or hinted to be that long
 * arrives in batches: nothing is added, nothing shown changes. Only as much as can be had:
 * an absurd hint (a server's Content-Length) leaves the collection to grow as before. */
void store_reserve(struct store *s, const char *account_id, size_t n);
/* A list's rows while it still arrives (list_progress.h): appended to account_id's
 * collection (a row whose id is in already is merged into it, as by upsert); the list is
 * left empty. The collection stays not loaded until store_replace_invitations. */
void store_add_invitations(struct store *s, const char *account_id,
                           struct invitation_list *moved);
/* The rows store_add_invitations gave account_id's collection are its whole list now: it is
 * loaded, as of loaded_at (a first load whose rows all went in as they arrived). */
void store_finish_invitations(struct store *s, const char *account_id, time_t loaded_at);
/* Recomputes every normalised status for `now` (pending ones expire while
 * the program runs); returns how many changed. */
size_t store_recompute_status(struct store *s, time_t now);

bool store_loaded(const struct store *s, const char *account_id);
time_t store_loaded_at(const struct store *s, const char *account_id); /* 0: never */
size_t store_invitation_count(const struct store *s, const char *account_id);
/* The account's invitations as one list (NULL when unknown), for the
 * action core's checks over a list (action_pending_for); borrowed. */
const struct invitation_list *store_invitations(const struct store *s, const char *account_id);
const struct invitation *store_invitation_at(const struct store *s, const char *account_id,
                                             size_t i);
const struct invitation *store_find(const struct store *s, const char *account_id,
                                    const char *id);
/* Changes whenever the account's collection changes; 0 for an unknown account. */
unsigned long store_generation(const struct store *s, const char *account_id);
/* Number of invitations of the account per normalised status. */
void store_count_status(const struct store *s, const char *account_id,
                        size_t counts[INV_STATUS_COUNT]);

struct store_view_cache;

/* A filtered, sorted list of row -> invitation index for one account. */
struct store_view {
    uint32_t *rows;
    size_t n, cap;
    char *account_id;
    unsigned long generation;
    /* Invitations matching the search, per status, before the status mask
     * (for tab labels such as "Pending (12)"). */
    size_t counts[INV_STATUS_COUNT];
    /* What the last apply did (tests and benchmarks): haystacks searched, rows sorted. */
    size_t searched, sorted;
    struct store_view_cache *cache; /* store_view.c's: the sorted collection, the matches */
};

void store_view_init(struct store_view *v);
void store_view_free(struct store_view *v);
/* Rebuilds the view; an unknown or unloaded account gives an empty view. The result is the
 * same as a fresh view's would be; only the work differs (see Performance above). */
void store_view_apply(struct store_view *v, const struct store *s, const char *account_id,
                      const struct store_filter *f);
bool store_view_stale(const struct store_view *v, const struct store *s);
/* The invitation on a row, or NULL when row >= n or the view is stale. */
const struct invitation *store_view_row(const struct store_view *v, const struct store *s,
                                        size_t row);
/* The row showing invitation `id`, or -1 (not in the view, or stale). */
long store_view_find(const struct store_view *v, const struct store *s, const char *id);

/* Marks, by identity. set returns the previous state, toggle the new one;
 * unknown ids are ignored (false). */
bool store_mark_set(struct store *s, const char *account_id, const char *id, bool on);
bool store_mark_toggle(struct store *s, const char *account_id, const char *id);
bool store_is_marked(const struct store *s, const char *account_id, const char *id);
/* Marks or unmarks every row of a (fresh) view; returns how many changed. */
size_t store_mark_view(struct store *s, const struct store_view *v, bool on);
/* account_id NULL: over every account. */
size_t store_mark_count(const struct store *s, const char *account_id);
void store_marks_clear(struct store *s, const char *account_id);
/* Calls fn for each marked invitation of the account in collection order;
 * fn must not change the store. Returns how many were visited. */
size_t store_marks_foreach(const struct store *s, const char *account_id,
                           void (*fn)(const struct invitation *inv, void *ctx), void *ctx);

#endif
