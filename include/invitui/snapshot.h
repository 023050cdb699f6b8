/* snapshot: the last list of a profile's account, kept on disk so that the
 * next start shows it at once, before the server has answered.
 *
 * Contract:
 * - Where: snapshot_dir(), $XDG_CACHE_HOME/invitui or ~/.cache/invitui. One
 *   file per profile and account, named by snapshot_path(). The files hold
 *   e-mail addresses: the directory is made 0700, a file is written 0600, and
 *   a file (or directory) that is not ours, not a regular file, or readable
 *   or writable by group or others is refused (SNAPSHOT_UNSAFE), never read.
 * - What: the store's records (the raw fields of struct account and struct
 *   invitation), not the provider's documents: `raw` is not kept (it is ten
 *   times the rest, and a cached row's detail shows the record's fields until
 *   the fresh list brings the whole object). Display copies and statuses are
 *   made again on load, so hostile text is made terminal-safe at this ingress
 *   as at the server's.
 * - Format, version 3: the line "invitui-snapshot 3\n"; then fields, each
 *   `i<decimal>,` for an integer, `<length>:<bytes>,` for a string and `-,`
 *   for none; then "end <checksum of the fields, 16 hex digits>\n" and
 *   nothing after. The checksum (since version 2; version 1 was byte-wise
 *   FNV-1a) is FNV-1a's step over little-endian 64-bit words in four
 *   interleaved lanes of 32 bytes, the lanes folded in order, then the bytes
 *   left over. The fields: the provider's name (as `provider =` writes it),
 *   base_url, account_id, saved_at, the number of accounts, the number of
 *   invitations, the number of them in the head (at most
 *   SNAPSHOT_HEAD_ROWS), each account (id, name, status, type), the head's
 *   invitations, the head's own checksum (16 hex digits, of every field
 *   before it), the other invitations. An invitation is id, user_id,
 *   account_id, email, name, raw_status, summary, link, created_at,
 *   expires_at, accepted_at and its position in the list. Version 3 writes
 *   them in the order the TUI starts in (expiry, none last; then the list's
 *   order), so that the head is the first screen, shown before the rest is
 *   read (snapshot_load_head); the positions put the list back in its own
 *   order (e-mail, then id) without a sort. Any other magic, a short or
 *   damaged file, an unknown provider, a position out of range or taken
 *   twice, or a wrong checksum is SNAPSHOT_CORRUPT; another version is
 *   SNAPSHOT_OTHER_VERSION.
 * - Writing is atomic (a temporary file in the same directory, then rename),
 *   so a reader sees the old file or the new one, never half of one.
 * - Threads: no globals; every function may run on any thread (the TUI reads
 *   and writes on a worker). Only snapshot_result_note translates: call it
 *   where gettext formatting belongs (the UI thread). */
#ifndef INVITUI_SNAPSHOT_H
#define INVITUI_SNAPSHOT_H

#include <stddef.h>
#include <time.h>

#include "invitui/model.h"
#include "invitui/profile.h"
#include "invitui/util.h"

#define SNAPSHOT_MAGIC "invitui-snapshot"
#define SNAPSHOT_VERSION 3
/* Records in a file's head: a first screen, with room for a tab that shows a few of them. */
#define SNAPSHOT_HEAD_ROWS 2000

enum snapshot_result {
    SNAPSHOT_OK,
    SNAPSHOT_NONE,    /* no file: nothing to say */
    SNAPSHOT_UNSAFE,  /* permissions wider than 0600, another owner, not a regular file */
    SNAPSHOT_CORRUPT, /* not a snapshot, cut short or damaged */
    SNAPSHOT_OTHER_VERSION,
};

/* An invitation's record as a file keeps it, its strings borrowed: what a writer needs of a
 * row, in 88 bytes rather than a struct invitation's 200 (100,000 rows: 11 MiB less while
 * the TUI writes the file). */
struct snapshot_rec {
    const char *id, *user_id, *account_id, *email, *name, *raw_status, *summary, *link;
    time_t created_at, expires_at, accepted_at;
};

struct snapshot {
    enum provider_kind kind;
    char *base_url;   /* the profile's, to tell a file of another server */
    char *account_id; /* whose invitations these are */
    time_t saved_at;
    struct account_list accounts;       /* the profile's accounts then */
    struct invitation_list invitations; /* the account's list */
    /* Writing only: when set, these rows (in the list's order, snapshot_recs_sort) are
     * written instead of invitations; not owned. */
    const struct snapshot_rec *recs;
    size_t nrecs;
};

/* r borrows inv's strings. */
void snapshot_rec_of(struct snapshot_rec *r, const struct invitation *inv);
/* Into the list's order, as invitation_list_sort_email_id orders invitations. */
void snapshot_recs_sort(struct snapshot_rec *recs, size_t n);

/* $XDG_CACHE_HOME/invitui, else $HOME/.cache/invitui (malloc'd); NULL without either. */
char *snapshot_dir(void);
/* dir/<profile>.<account>.snap, both names percent-encoded down to [A-Za-z0-9_-]. */
char *snapshot_path(const char *dir, const char *profile, const char *account_id);
/* The profile's file written last (any account), or NULL. */
char *snapshot_latest(const char *dir, const char *profile);

/* The file format above, in memory. decode fills *out (to free with
 * snapshot_free) only on SNAPSHOT_OK; records come without display copies. */
void snapshot_encode(struct strbuf *out, const struct snapshot *s);
enum snapshot_result snapshot_decode(const char *data, size_t len, struct snapshot *out);

/* Writes s to path atomically, making dir (0700) first. 0, or -1 with errno
 * (EPERM: dir is not ours or is open to others). */
int snapshot_save(const char *dir, const char *path, const struct snapshot *s);
/* Reads path after the checks above; on SNAPSHOT_OK the records have their
 * display copies and their statuses for `now`. */
enum snapshot_result snapshot_load(const char *path, time_t now, struct snapshot *out);
/* The same, telling fn the head's rows (finished as above) as soon as they are read and
 * checked, before the rest: out has the header fields and the accounts then; fn runs on the
 * loading thread and must copy what it keeps. A file that turns out damaged after the head
 * is still SNAPSHOT_CORRUPT: fn's rows were whole, the rest is not. */
struct snapshot_head {
    void (*fn)(void *arg, const struct snapshot *s, const struct invitation *const *rows,
               size_t n);
    void *arg;
};
enum snapshot_result snapshot_load_head(const char *path, time_t now,
                                        const struct snapshot_head *head, struct snapshot *out);
void snapshot_free(struct snapshot *s);

/* Why a file was ignored, one translated sentence for the status line;
 * NULL for SNAPSHOT_OK and SNAPSHOT_NONE. */
const char *snapshot_result_note(enum snapshot_result r);

#endif
