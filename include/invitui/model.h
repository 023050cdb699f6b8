/* model: accounts and invitations in one shape for both providers.
 *
 * Contract: structs own their strings (malloc'd, freed by the *_free
 * functions). Strings are kept exactly as the server sent them (they are
 * needed verbatim for API calls and --json); what is drawn or printed to a
 * terminal is their display copy (`shown`), made once at ingress. Times are time_t UTC,
 * 0 when absent. Thread-safe: pure functions, no globals. */
#ifndef INVITUI_MODEL_H
#define INVITUI_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "invitui/profile.h"

struct json_t;      /* jansson's */
struct json_packed; /* json_pack.h */
struct row_slab;    /* row_slab.h */
struct row_slab_writer;

enum inv_status {
    INV_STATUS_PENDING,
    INV_STATUS_EXPIRED,
    INV_STATUS_ACCEPTED,
    INV_STATUS_REVOKED,
    INV_STATUS_OTHER,
    INV_STATUS_COUNT
};

/* Display copies: the terminal-safe form (sanitize_display, one line, at most MODEL_SHOWN_MAX
 * code points) of each server string beside it, "" where the server sent none. Made once at
 * ingress (the *_json readers, and the store for anything that enters it without them), on the
 * worker thread for lists; what the TUI draws and the CLI's tables print. The raw fields stay
 * verbatim for API calls, --json and raw output. */
#define MODEL_SHOWN_MAX 1024
#define MODEL_SHOWN_SEARCH_BIT (1u << 8) /* invitation_shown.owned: search */

struct account_shown {
    char *id, *name, *status, *type;
};

struct account {
    char *id;
    char *name;
    char *status; /* raw */
    char *type;   /* Marketplace Client|Vendor|Operations; NULL for Hybridbox */
    struct account_shown shown; /* all NULL until account_make_shown */
};

struct account_list {
    struct account *v;
    size_t n, cap;
};

struct invitation_shown {
    char *id, *user_id, *account_id, *email, *name, *raw_status, *summary, *link;
    /* What the filter searches (fold_haystack of the e-mail, name and id above), made here so
     * that the worker folds a list, not the UI thread. */
    char *search;
    /* Which of the eight copies above and search are allocations of their own, in their
     * order (bit 0: id, bit 8: search). The others are the raw string itself (printable ASCII
     * needs no copy), "" for a string the server did not send, or in the row's slab. A raw
     * string replaced later leaves its old copy stale (remake the copies): it is never freed
     * here. */
    unsigned short owned;
};

struct invitation {
    char *id;         /* Hybridbox invitation UUID; Marketplace AUSR id */
    char *user_id;    /* Marketplace USR id; NULL for Hybridbox */
    char *account_id;
    char *email;      /* may be NULL when the server omits it */
    char *name;       /* Marketplace user name; NULL for Hybridbox */
    char *raw_status; /* exactly as sent */
    enum inv_status status;   /* for triage: may be expired by the computed expiry */
    bool status_computed;     /* status is expired only because expires_at passed while the
                                 server still says pending: a hint, never a reason to act */
    /* shown.id is its own fold (fold_is_own_fold: a UUID), so shown.search leaves it out
     * (37 bytes a row) and a filter searches shown.id itself. */
    bool search_reads_id;
    time_t created_at, expires_at, accepted_at;
    char *summary;    /* short assignment (Hybridbox) or group (Marketplace) summary */
    char *link;       /* Marketplace invitation.url, may be NULL */
    char *raw;        /* the provider's object as compact JSON (detail view, --json) */
    /* Or the same object packed (json_pack.h), instead of raw: the rows of the TUI's store,
     * a quarter of the size. Read either with invitation_object(). */
    struct json_packed *packed;
    struct invitation_shown shown; /* all NULL until invitation_make_shown */
    /* NULL, or the block holding this row's strings (invitation_to_slab): they are not freed
     * one by one, and a string put in their place later is an allocation of its own. */
    struct row_slab *slab;
};

struct invitation_list {
    struct invitation *v;
    size_t n, cap;
};

struct provider_ops;
/* Normalises a provider status with ops->status_from_raw (the words are the
 * provider's: see provider.h); a pending invitation whose expires_at is in
 * the past (expires_at < now, expires_at != 0) counts as expired. NULL is
 * INV_STATUS_OTHER. */
enum inv_status inv_status_from(const struct provider_ops *ops, const char *raw,
                                time_t expires_at, time_t now);
/* inv_status_from with provider_for(kind). */
enum inv_status inv_status_normalise(enum provider_kind kind, const char *raw,
                                     time_t expires_at, time_t now);
/* What the server says, without any computed expiry: the status that
 * decides which actions are offered. */
enum inv_status inv_server_status(enum provider_kind kind, const char *raw);
/* Sets inv->status and inv->status_computed from raw_status and expires_at. */
void invitation_set_status(struct invitation *inv, enum provider_kind kind, time_t now);
/* The word for inv's status: "expired?" when it is only computed. Stable
 * English (translate with _() for display). */
const char *invitation_status_word(const struct invitation *inv);
const char *inv_status_word(enum inv_status s);   /* stable English word: "pending" */
/* One-column UTF-8 symbol (East Asian width Neutral, so one column in CJK
 * locales too): pending U+25F7, expired U+2717, accepted U+2713,
 * revoked U+2298, other "?". No ASCII fallback: the UI requires ncursesw. */
const char *inv_status_symbol(enum inv_status s);
/* "pending" etc. back to the enum; -1 when unknown. */
int inv_status_from_word(const char *word);

/* ISO-8601 date-time (Z or ±hh:mm, optional fraction) to UTC; 0 or -1. */
int model_parse_time(const char *s, time_t *out);
/* Days from 1970-01-01 to y-m-d, proleptic Gregorian (negative before): what timegm counts,
 * without its time-zone machinery (a tenth of reading a list row went to timegm). */
long long model_days_from_civil(int y, int m, int d);
/* "2026-11-23T10:00:00Z" into buf (at least 21 bytes); "" for 0. */
void model_format_time(time_t t, char *buf, size_t size);

void account_free(struct account *a);
void account_list_push(struct account_list *l, struct account *a); /* moves *a in */
void account_list_free(struct account_list *l);

/* (Re)makes the display copies from the raw fields (model_display.c). Any thread. */
void account_make_shown(struct account *a);
void invitation_make_shown(struct invitation *inv);
/* Made already? The store makes them only for rows that come without. */
static inline bool invitation_has_shown(const struct invitation *inv)
{
    return inv->shown.id != NULL;
}
void account_list_make_shown(struct account_list *l);
void invitation_list_make_shown(struct invitation_list *l);
void account_shown_free(struct account_shown *s);
/* Frees the display copies that are copies (owned); a raw string that is its own display
 * copy stays with its invitation. */
void invitation_shown_free(struct invitation_shown *s);

void invitation_free(struct invitation *inv);
void invitation_move(struct invitation *dst, struct invitation *src); /* frees dst, src emptied */
void invitation_copy(struct invitation *dst, const struct invitation *src);
/* An action's answer into the row it is about: every field src has replaces dst's, a field src
 * lacks (NULL, time 0) keeps dst's known value, and raw becomes dst's object with src's members
 * put over it. status and status_computed go with raw_status. src is emptied. */
void invitation_merge(struct invitation *dst, struct invitation *src);
/* The provider's object (a new reference) from raw or packed; NULL when there is none or it
 * is not a JSON object. */
struct json_t *invitation_object(const struct invitation *inv);
void invitation_list_push(struct invitation_list *l, struct invitation *inv); /* moves *inv in */
/* Room for n rows in all (none is added, no page is made present): for a list whose size is
 * known or hinted, so that it is not moved at each doubling. false, and l unchanged, when
 * that much cannot be had (a hint from a server may be absurd). */
bool invitation_list_reserve(struct invitation_list *l, size_t n);
/* Moves rows[0..n) in at the end, as n pushes would, in one copy; the rows left behind are
 * stale copies: the caller neither frees nor reads them (a batch of a list being read). */
void invitation_list_take(struct invitation_list *l, struct invitation *rows, size_t n);
/* Moves every row of src to the end of dst (src is left empty); an empty dst takes src's
 * array as it is, so handing a 100,000-row list on costs no second array. */
void invitation_list_append(struct invitation_list *dst, struct invitation_list *src);
/* Moves the row's strings (raw fields, display copies, haystack, a packed object of up to
 * 64 KiB) into w's block, one allocation for what were a dozen (row_slab.h): for the rows of
 * a large list. The row stays what it was in every other way; a row in a slab already stays. */
void invitation_to_slab(struct invitation *inv, struct row_slab_writer *w);
/* dst (overwritten, not freed) gets src's record: its ids, e-mail, name, statuses, summary,
 * link and times, the strings copied into one allocation of w's block; no provider object
 * and no display copies. What a list reader keeps of a row it hands on whole (a snapshot
 * and the list's order need no more). */
void invitation_record_to_slab(struct invitation *dst, const struct invitation *src,
                               struct row_slab_writer *w);
/* The same record, sharing src's strings when all of them are in src's slab block (dst
 * holds a reference to it: no copy, and safe on another thread, for strings in a block are
 * never changed or freed while it is referenced); otherwise copied as above. */
void invitation_record_share(struct invitation *dst, const struct invitation *src,
                             struct row_slab_writer *w);
/* Whether every string of inv's record (id, user_id, account_id, email, name, raw_status,
 * summary, link) lies in inv's slab block: a reference to that block then keeps them all. */
bool invitation_record_in_slab(const struct invitation *inv);
void invitation_list_free(struct invitation_list *l);

/* The order every store sort ends on: e-mail (ASCII case-insensitive, none last), then id.
 * The worker puts a list in this order (invitation_list_sort_email_id; stable, and one pass
 * when it is sorted already), and the snapshot keeps it. */
int model_cmp_null_last(const char *a, const char *b);
int invitation_cmp_email_id(const struct invitation *a, const struct invitation *b);
/* The e-mail's first 16 bytes, lowered as that order lowers them, big-endian in two words:
 * integers in the order of the strings' prefixes (a NUL pads and sorts first, as in the
 * strings); no e-mail is all ones, last. Equal keys leave the order to the strings. Returns
 * the next 4 bytes (16 to 19) the same way (all ones for none): addresses that share 16
 * bytes ("francois.ivanova.47311@...", a third of the neighbours in a sorted 100,000-row
 * list) mostly differ there, and 1% then need the strings. */
uint32_t invitation_email_key(const char *email, uint64_t key[2]);
void invitation_list_sort_email_id(struct invitation_list *l);
/* Sorts n elements of size bytes each into that order (stable), moving them in place: no
 * second array. key gives an element's e-mail and id (NULL: none). */
void model_sort_email_id(void *base, size_t n, size_t size,
                         void (*key)(const void *elem, const char **email, const char **id));

#endif
