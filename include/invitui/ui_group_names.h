/* ui_group_names: the names of an account's groups, for display.
 *
 * Contract: assignments carry group ids (opaque Keycloak ids); people know
 * groups by name. The list of an account's groups (provider_ops.list_groups,
 * GET .../auth/groups) is loaded through the worker, never on the UI thread,
 * once per profile and account, and kept until the profile changes. Until it
 * is there, or when it fails, or when a group is not in it, the id is shown:
 * a missing name never hides which group it is. UI thread only; names are
 * made display-safe when they arrive, and so are the names of what each
 * group gives (its grants: a Marketplace group's modules), which the
 * explainer (w) and its Tab completion use. */
#ifndef INVITUI_UI_GROUP_NAMES_H
#define INVITUI_UI_GROUP_NAMES_H

#include "invitui/util.h"

struct ui_app;

/* Asks for account_id's groups unless they are known or on their way. When
 * they arrive the detail is rebuilt and the screen repainted. */
void ui_group_names_want(struct ui_app *app, const char *account_id);
/* The display-safe name of the group, or NULL when it is not known. */
const char *ui_group_name(const struct ui_app *app, const char *account_id,
                          const char *group_id);
/* The account's groups (names display-safe) once they are loaded, else NULL. */
struct group_list;
const struct group_list *ui_group_names_list(const struct ui_app *app, const char *account_id);
/* The same, but NULL also when loading them failed (the explainer then
 * reads them itself in the worker rather than take "none" for an answer). */
const struct group_list *ui_group_names_loaded(const struct ui_app *app, const char *account_id);
/* Makes every group's id, name and grant names display-safe (any thread). */
void ui_group_names_make_safe(struct group_list *l);
/* Appends text with every known group id of the account replaced by its name. */
void ui_group_names_apply(const struct ui_app *app, const char *account_id, const char *text,
                          struct strbuf *out);
/* Forgets every list (a profile switch, the end); jobs in flight are
 * ignored when they come back. */
void ui_group_names_reset(void);

#endif
