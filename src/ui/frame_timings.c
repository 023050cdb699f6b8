#include "config.h"

#include "invitui/ui_app.h"

#include <string.h>
#include <wctype.h>

#include "invitui/timings.h"

/* The TUI's side of INVITUI_TIMINGS (see timings.h): what the user sees,
 * measured where the screen is brought up to date. UI thread only. */

void ui_timings_painted(struct ui_app *app)
{
    if (app->timings.painted || !timings_enabled())
        return;
    app->timings.painted = true;
    timings_event("first_paint", NULL);
}

void ui_timings_rows(struct ui_app *app, size_t count, bool complete)
{
    if (!timings_enabled())
        return;
    /* Two applies before one frame: the frame shows the later, whole or not. */
    app->timings.rows_pending = true;
    app->timings.rows_complete = complete;
    app->timings.rows_count = count;
}

void ui_timings_cache(struct ui_app *app, size_t count)
{
    if (!timings_enabled())
        return;
    app->timings.cache_pending = true;
    app->timings.cache_count = count;
}

void ui_timings_key(struct ui_app *app, wint_t ch, bool is_code, bool to_text)
{
    struct ui_frame_timings *t = &app->timings;
    const char *name;

    if (!timings_enabled())
        return;
    /* What is typed into a field (an e-mail, a note, a filter) is nobody's
     * business in a timings file: only that a character was typed. */
    if (is_code)
        name = keyname((int)ch);
    else if (to_text && iswprint(ch))
        name = "text";
    else
        name = key_name((wchar_t)ch);
    if (t->nkeys == UI_TIMINGS_KEYS) /* a paste: the oldest keys still count */
        ui_timings_frame(app);
    snprintf(t->keys[t->nkeys].name, sizeof(t->keys[0].name), "%s", name ? name : "?");
    t->keys[t->nkeys++].read_ms = timings_now_ms();
}

/* The screen is up to date: the rows applied since the last frame are shown
 * and every key read since then has its frame_ms. */
void ui_timings_frame(struct ui_app *app)
{
    struct ui_frame_timings *t = &app->timings;

    if (!timings_enabled())
        return;
    if (t->cache_pending) {
        timings_event("cache_shown", "count", json_integer((json_int_t)t->cache_count), NULL);
        t->cache_pending = false;
    }
    if (t->rows_pending) {
        json_int_t n = (json_int_t)t->rows_count;
        timings_event("rows", "count", json_integer(n), NULL);
        if (t->rows_complete)
            timings_event("rows_complete", "count", json_integer(n), NULL);
        t->rows_pending = false;
    }
    double now = timings_now_ms();
    for (size_t i = 0; i < t->nkeys; i++) {
        json_t *key = json_string(t->keys[i].name);
        timings_event("key", "key", key ? key : json_string("?"), "frame_ms",
                      timings_ms_value(now - t->keys[i].read_ms), NULL);
    }
    t->nkeys = 0;
}
