/* store_private: internals shared by store.c (collections, marks) and store_view.c (filtered,
 * sorted views). Not for other modules: use invitui/store.h.
 *
 * Each invitation of a collection has a row in its search index (struct store_index), set
 * when the invitation enters the store or changes: its folded haystack (made at ingress with
 * the display copies) and the integer keys the sorts compare, so that neither a filter
 * keystroke nor a sort change ever folds a string. */
#ifndef INVITUI_STORE_PRIVATE_H
#define INVITUI_STORE_PRIVATE_H

#include "invitui/store.h"

/* Ids to rows, open addressing with linear probing. A slot is 8 bytes: the row (its index
 * + 1; 0 is empty) and its id's hash, which probes compare and growth moves by, so that
 * neither reads an id. */
struct id_map {
    uint32_t *rows;
    uint32_t *hashes;
    size_t cap; /* power of two, or 0 */
    size_t n;
};

/* What the sorts and the status counts read of an invitation, beside its haystack: a pass
 * over 100,000 rows (each batch of a list that is arriving, a sort change) then never
 * touches the invitations themselves, a cache miss each. */
struct store_key {
    int64_t expires_at, created_at; /* 0: none */
    uint32_t etail;                 /* what invitation_email_key returns */
    unsigned char status;           /* enum inv_status */
    bool has_email;
};

/* Per invitation i: hay[i] is its haystack (invitation_shown.search, made at ingress: see
 * fold_haystack) and ekey[2i..2i+1] the first 16 bytes of its e-mail, ASCII-lowered, as
 * big-endian integers (zero-padded, so integer order is byte order), UINT64_MAX twice for an
 * invitation without e-mail; key[i] is its struct store_key, whose etail holds the next 4
 * bytes: the sort by e-mail (ASCII case-insensitive, as `--sort email` has always been)
 * compares the strings only when they agree on those 20 bytes. */
struct store_index {
    const char **hay; /* borrowed from the invitations */
    uint64_t *ekey;
    struct store_key *key;
};

struct collection {
    char *account_id;
    struct invitation_list list;
    unsigned char *marked; /* one flag per invitation */
    size_t nmarked;
    struct id_map map;
    struct store_index index;
    unsigned long generation;
    /* When not 0: the collection is what it was at generation prefix_gen, its first
     * prefix_n rows untouched, plus rows appended after them (a list arriving in batches), so
     * that a view sorted then need only sort the new rows and merge them in. */
    unsigned long prefix_gen;
    size_t prefix_n;
    bool loaded;
    time_t loaded_at;
};

struct store {
    enum provider_kind kind;
    struct account_list accounts;
    struct collection *colls;
    size_t ncolls;
};

struct collection *store_coll_find(const struct store *s, const char *account_id);
/* The index of invitation id in c, or -1. */
long store_coll_index(const struct collection *c, const char *id);

static inline const char *store_index_hay(const struct store_index *x, size_t i)
{
    return x->hay[i];
}

#endif
