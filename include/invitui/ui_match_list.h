/* ui_match_list: the candidates of an ambiguous Tab on the `:` line, drawn
 * inside the curses screen (readline's own listing would write to the
 * terminal behind curses' back; it goes to /dev/null instead).
 *
 * Contract: UI thread, repaint pass only. Draws on stdscr in the rows
 * between the header and the status line, bottom-aligned just above the
 * line being edited, over the key line and the panes; the next full
 * repaint (every key marks the screen dirty) draws them again. Candidates
 * are display-safe already (prompt_complete_fn sanitises what it offers). */
#ifndef INVITUI_UI_MATCH_LIST_H
#define INVITUI_UI_MATCH_LIST_H

#include "invitui/util.h"

struct ui_app;

/* As many candidates as fit, in columns, each cut to the width; when not
 * all fit, the last row says how many more there are. Nothing when m is
 * empty. */
void ui_match_list_draw(struct ui_app *app, const struct strvec *m);

#endif
