/* ui_list_private: the fields of struct ui_list, for rows.c (the list) and
 * data.c (the loads that fill it) only; tests/unit/ui_layers.sh fails when
 * another file includes this. Everyone else uses ui_list.h. */
#ifndef INVITUI_UI_LIST_PRIVATE_H
#define INVITUI_UI_LIST_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>

#include "invitui/store.h"
#include "invitui/ui_list.h"

struct ui_job;

struct ui_list {
    char *account_id; /* the open account; views[ACCOUNTS].sel is only the cursor */
    bool accounts_loading;
    uint64_t accounts_job;
    bool invitations_loading; /* of account_id */
    uint64_t invitations_job;
    struct ui_job *loading;   /* that job while it runs (data.c): its rows so far */
    struct store_view rows;   /* account_id's invitations, filter applied */
    struct store_filter filter;
    int tab;                  /* enum store_tab */
    char *search;             /* the `/` filter, NULL when none; filter.search points here */
    char *selected_id;        /* survives refreshes and re-sorting */
    bool hold_place;          /* ui_list_hold_place */
};

#endif
