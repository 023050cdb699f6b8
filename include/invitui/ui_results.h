/* ui_results: the progress and result list of a bulk run
 * (src/ui/results_view.c), a view on the stack.
 *
 * Contract: the run and its skipped targets belong to the controller
 * (app->actions, bulk_run.c); the view rebuilds its lines from them in each
 * recalc pass (the run marks the layout dirty as answers arrive), and turns
 * q/Esc, f and u into ui_bulk_close and ui_bulk_retry. For the wiring file
 * (ui.c). UI thread only. */
#ifndef INVITUI_UI_RESULTS_H
#define INVITUI_UI_RESULTS_H

struct ui_app;

void ui_results_open(struct ui_app *app);

#endif
