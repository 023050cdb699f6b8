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
    free(s->id);
    free(s->user_id);
    free(s->account_id);
    free(s->email);
    free(s->name);
    free(s->raw_status);
    free(s->summary);
    free(s->link);
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

void invitation_make_shown(struct invitation *inv)
{
    invitation_shown_free(&inv->shown);
    inv->shown.id = shown(inv->id);
    inv->shown.user_id = shown(inv->user_id);
    inv->shown.account_id = shown(inv->account_id);
    inv->shown.email = shown(inv->email);
    inv->shown.name = shown(inv->name);
    inv->shown.raw_status = shown(inv->raw_status);
    inv->shown.summary = shown(inv->summary);
    inv->shown.link = shown(inv->link);
    inv->shown.search = fold_haystack(inv->shown.email, inv->shown.name, inv->shown.id);
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
