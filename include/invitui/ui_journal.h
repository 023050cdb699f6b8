/* ui_journal: the journal view (J, src/ui/journal_view.c), newest first,
 * read from the file each time it opens (so actions of other invitui
 * processes show too); `/` filters it.
 *
 * Contract: for the wiring file (ui.c), which puts the opener in struct
 * ui_openers. UI thread only. */
#ifndef INVITUI_UI_JOURNAL_H
#define INVITUI_UI_JOURNAL_H

struct ui_app;

void ui_journal_open(struct ui_app *app);

#endif
