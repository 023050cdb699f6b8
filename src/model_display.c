#include "config.h"

#include "invitui/model.h"

#include <stdlib.h>
#include <string.h>

#include "invitui/fold.h"
#include "invitui/sanitize.h"
#include "invitui/util.h"

/* One line, capped: a cell or a detail line, never a terminal control. The cap bounds what a
 * hostile server can make every repaint copy. */
static char *shown(const char *raw)
{
    return sanitize_display_cap(raw ? raw : "", raw ? strlen(raw) : 0, 0, MODEL_SHOWN_MAX);
}

void account_shown_free(struct account_shown *s)
{
    free(s->id);
    free(s->name);
    free(s->status);
    free(s->type);
    memset(s, 0, sizeof(*s));
}

void invitation_shown_free(struct invitation_shown *s)
{
    char **copies[] = {&s->id,         &s->user_id, &s->account_id, &s->email,
                       &s->name,       &s->raw_status, &s->summary, &s->link};

    for (size_t i = 0; i < sizeof(copies) / sizeof(copies[0]); i++)
        if (s->owned & (1u << i)) /* else it is the raw string itself (shown_of) */
            free(*copies[i]);
    if (s->owned & MODEL_SHOWN_SEARCH_BIT)
        free(s->search);
    memset(s, 0, sizeof(*s));
}

void account_make_shown(struct account *a)
{
    account_shown_free(&a->shown);
    a->shown.id = shown(a->id);
    a->shown.name = shown(a->name);
    a->shown.status = shown(a->status);
    a->shown.type = shown(a->type);
}

/* An invitation's raw string when it is its own display copy (printable ASCII within the cap:
 * most ids, e-mails and statuses), else a copy, marked in owned with bit. Sharing saves
 * 100,000 rows eight allocations each. */
static char *shown_of(struct invitation_shown *s, unsigned bit, char *raw)
{
    static char none[] = ""; /* never written, never freed: not owned */
    size_t len = raw ? strlen(raw) : 0;

    if (!raw)
        return none;
    if (len <= MODEL_SHOWN_MAX && sanitize_is_printable_ascii(raw, len))
        return raw;
    s->owned |= bit;
    return shown(raw);
}

void invitation_make_shown(struct invitation *inv)
{
    struct invitation_shown *s = &inv->shown;

    invitation_shown_free(s);
    /* The bits in the order invitation_shown_free lists the fields. */
    s->id = shown_of(s, 1u << 0, inv->id);
    s->user_id = shown_of(s, 1u << 1, inv->user_id);
    s->account_id = shown_of(s, 1u << 2, inv->account_id);
    s->email = shown_of(s, 1u << 3, inv->email);
    s->name = shown_of(s, 1u << 4, inv->name);
    s->raw_status = shown_of(s, 1u << 5, inv->raw_status);
    s->summary = shown_of(s, 1u << 6, inv->summary);
    s->link = shown_of(s, 1u << 7, inv->link);
    inv->search_reads_id = fold_is_own_fold(inv->shown.id);
    inv->shown.search = fold_haystack(inv->shown.email, inv->shown.name,
                                      inv->search_reads_id ? NULL : inv->shown.id);
    if (inv->shown.search)
        s->owned |= MODEL_SHOWN_SEARCH_BIT;
}

void account_list_make_shown(struct account_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        account_make_shown(&l->v[i]);
}

void invitation_list_make_shown(struct invitation_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        if (!invitation_has_shown(&l->v[i]))
            invitation_make_shown(&l->v[i]);
}
