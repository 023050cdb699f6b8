/* ui_explain: the capability explainer's answer (w), a view on the stack
 * (src/ui/explain_view.c): the answer's text and, when a role would grant
 * what is missing, a key that reissues the invitation with it; when a group
 * of the account would give it, a key that opens the group change with it.
 *
 * Contract: for the wiring file (ui.c), which puts the opener in struct
 * ui_hooks; nothing else calls it. UI thread only. */
#ifndef INVITUI_UI_EXPLAIN_H
#define INVITUI_UI_EXPLAIN_H

struct ui_app;

/* text is the action core's answer; role and group (or NULL) what to offer. */
void ui_explain_open(struct ui_app *app, const char *title, const char *text, const char *id,
                     const char *role, const char *group);

#endif
