#include "config.h"

#include "invitui/provider.h"

#include <stdlib.h>
#include <string.h>

#include "invitui/sanitize.h"

/* Pure helpers only: provider_for lives in provider_select.c so that unit
 * tests can link these without pulling in the network glue. */

void create_request_free(struct create_request *req)
{
    if (!req)
        return;
    free(req->email);
    free(req->locale);
    free(req->note);
    for (size_t i = 0; i < req->nassignments; i++) {
        free(req->assignments[i].role_key);
        free(req->assignments[i].capability_key);
        free(req->assignments[i].group_id);
        free(req->assignments[i].resource_id);
    }
    free(req->assignments);
    free(req->first_name);
    free(req->last_name);
    strvec_free(&req->groups);
    memset(req, 0, sizeof(*req));
}

void group_list_push(struct group_list *l, struct group *g)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
    }
    l->v[l->n++] = *g;
    memset(g, 0, sizeof(*g));
}

static void make_shown(char **s)
{
    if (!*s)
        return;
    char *safe = sanitize_display(*s, strlen(*s), 0);
    free(*s);
    *s = safe;
}

void group_list_make_shown(struct group_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        make_shown(&l->v[i].id);
        make_shown(&l->v[i].name);
        make_shown(&l->v[i].description);
        for (size_t k = 0; k < l->v[i].grant_names.n; k++)
            make_shown(&l->v[i].grant_names.v[k]);
    }
}

void group_list_free(struct group_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].id);
        free(l->v[i].name);
        free(l->v[i].description);
        strvec_free(&l->v[i].grants);
        strvec_free(&l->v[i].grant_names);
    }
    free(l->v);
    memset(l, 0, sizeof(*l));
}
