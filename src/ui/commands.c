#include "config.h"

#include "invitui/ui_commands.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "invitui/util.h"

#define UI_CMD_INFO(id, name, label, help, flags) {name, label, help, flags},
static const struct ui_command_info commands[] = {UI_COMMANDS(UI_CMD_INFO)};
#undef UI_CMD_INFO

/* The default keys. Navigation keys live in the global scope so every pane
 * and view scrolls the same way; a scope overrides only what means
 * something else there. One row per key: add rows anywhere. */
static const struct ui_key_binding default_keys[] = {
    {UI_SCOPE_GLOBAL, 'q', UI_CMD_QUIT, 0},
    {UI_SCOPE_GLOBAL, '?', UI_CMD_HELP, 0},
    {UI_SCOPE_GLOBAL, KEY_F(1), UI_CMD_HELP, 0},
    {UI_SCOPE_GLOBAL, KEY_UP, UI_CMD_UP, 0},
    {UI_SCOPE_GLOBAL, 'k', UI_CMD_UP, 0},
    {UI_SCOPE_GLOBAL, KEY_DOWN, UI_CMD_DOWN, 0},
    {UI_SCOPE_GLOBAL, 'j', UI_CMD_DOWN, 0},
    {UI_SCOPE_GLOBAL, KEY_PPAGE, UI_CMD_PAGE_UP, 0},
    {UI_SCOPE_GLOBAL, UI_KEY_CTRL('b'), UI_CMD_PAGE_UP, 0},
    {UI_SCOPE_GLOBAL, KEY_NPAGE, UI_CMD_PAGE_DOWN, 0},
    {UI_SCOPE_GLOBAL, UI_KEY_CTRL('f'), UI_CMD_PAGE_DOWN, 0},
    {UI_SCOPE_GLOBAL, UI_KEY_CTRL('u'), UI_CMD_HALF_UP, 0},
    {UI_SCOPE_GLOBAL, UI_KEY_CTRL('d'), UI_CMD_HALF_DOWN, 0},
    {UI_SCOPE_GLOBAL, 'g', UI_CMD_FIRST, 0},
    {UI_SCOPE_GLOBAL, KEY_HOME, UI_CMD_FIRST, 0},
    {UI_SCOPE_GLOBAL, 'G', UI_CMD_LAST, 0},
    {UI_SCOPE_GLOBAL, KEY_END, UI_CMD_LAST, 0},
    {UI_SCOPE_GLOBAL, '\t', UI_CMD_NEXT_PANE, 0},
    {UI_SCOPE_GLOBAL, KEY_BTAB, UI_CMD_PREV_PANE, 0},
    {UI_SCOPE_GLOBAL, 'h', UI_CMD_PANE_LEFT, 0},
    {UI_SCOPE_GLOBAL, KEY_LEFT, UI_CMD_PANE_LEFT, 0},
    {UI_SCOPE_GLOBAL, 'l', UI_CMD_PANE_RIGHT, 0},
    {UI_SCOPE_GLOBAL, KEY_RIGHT, UI_CMD_PANE_RIGHT, 0},
    {UI_SCOPE_GLOBAL, '\n', UI_CMD_OPEN, 0},
    {UI_SCOPE_GLOBAL, '\r', UI_CMD_OPEN, 0},
    {UI_SCOPE_GLOBAL, KEY_ENTER, UI_CMD_OPEN, 0},
    {UI_SCOPE_GLOBAL, '/', UI_CMD_FILTER, 0},
    {UI_SCOPE_GLOBAL, '1', UI_CMD_TAB, 0},
    {UI_SCOPE_GLOBAL, '2', UI_CMD_TAB, 1},
    {UI_SCOPE_GLOBAL, '3', UI_CMD_TAB, 2},
    {UI_SCOPE_GLOBAL, '4', UI_CMD_TAB, 3},
    {UI_SCOPE_GLOBAL, '5', UI_CMD_TAB, 4},
    {UI_SCOPE_GLOBAL, 'o', UI_CMD_SORT_NEXT, 0},
    {UI_SCOPE_GLOBAL, 'O', UI_CMD_SORT_REVERSE, 0},
    {UI_SCOPE_DETAIL, '+', UI_CMD_EXPAND_ALL, 0},
    {UI_SCOPE_DETAIL, '-', UI_CMD_COLLAPSE_ALL, 0},
    {UI_SCOPE_GLOBAL, 'R', UI_CMD_REFRESH, 0},
    {UI_SCOPE_GLOBAL, UI_KEY_CTRL('r'), UI_CMD_REFRESH, 0},
    {UI_SCOPE_GLOBAL, 'y', UI_CMD_COPY, 0},
    {UI_SCOPE_GLOBAL, ':', UI_CMD_PROMPT, 0},
    {UI_SCOPE_GLOBAL, UI_KEY_ESC, UI_CMD_CANCEL, 0},
    {UI_SCOPE_GLOBAL, 'E', UI_CMD_SHOW_ERROR, 0},
    {UI_SCOPE_GLOBAL, UI_KEY_CTRL('l'), UI_CMD_REDRAW, 0},
    /* Reserved for the actions of a later release. */
    {UI_SCOPE_GLOBAL, 'c', UI_CMD_CREATE, 0},
    {UI_SCOPE_INVITATIONS, 'r', UI_CMD_RESEND, 0},
    {UI_SCOPE_INVITATIONS, 'n', UI_CMD_SEND_NEW, 0},
    {UI_SCOPE_INVITATIONS, ' ', UI_CMD_MARK, 0},
    {UI_SCOPE_INVITATIONS, '*', UI_CMD_MARK_ALL, 0},
    {UI_SCOPE_INVITATIONS, 'u', UI_CMD_UNMARK_ALL, 0},
    {UI_SCOPE_GLOBAL, 'J', UI_CMD_JOURNAL, 0},
    {UI_SCOPE_INVITATIONS, 'w', UI_CMD_EXPLAIN, 0},
    {UI_SCOPE_INVITATIONS, 'C', UI_CMD_REISSUE, 0},
    {UI_SCOPE_INVITATIONS, 'e', UI_CMD_GROUPS, 0},
    {UI_SCOPE_INVITATIONS, 'D', UI_CMD_REMOVE, 0},
    /* The views over the panes. Movement and ? fall through from the
     * global scope; q and Esc close, Enter too where it has nothing else to do. */
    {UI_SCOPE_HELP, 'q', UI_CMD_CLOSE, 0},
    {UI_SCOPE_HELP, UI_KEY_ESC, UI_CMD_CLOSE, 0},
    {UI_SCOPE_HELP, '\n', UI_CMD_CLOSE, 0},
    {UI_SCOPE_HELP, '\r', UI_CMD_CLOSE, 0},
    {UI_SCOPE_HELP, KEY_ENTER, UI_CMD_CLOSE, 0},
    {UI_SCOPE_HELP, '?', UI_CMD_CLOSE, 0},
    {UI_SCOPE_MESSAGE, 'q', UI_CMD_CLOSE, 0},
    {UI_SCOPE_MESSAGE, UI_KEY_ESC, UI_CMD_CLOSE, 0},
    {UI_SCOPE_MESSAGE, '\n', UI_CMD_CLOSE, 0},
    {UI_SCOPE_MESSAGE, '\r', UI_CMD_CLOSE, 0},
    {UI_SCOPE_MESSAGE, KEY_ENTER, UI_CMD_CLOSE, 0},
    {UI_SCOPE_MESSAGE, 'y', UI_CMD_COPY, 0},
    {UI_SCOPE_JOURNAL, 'q', UI_CMD_CLOSE, 0},
    {UI_SCOPE_JOURNAL, UI_KEY_ESC, UI_CMD_CLOSE, 0},
    {UI_SCOPE_JOURNAL, '\n', UI_CMD_CLOSE, 0},
    {UI_SCOPE_JOURNAL, '\r', UI_CMD_CLOSE, 0},
    {UI_SCOPE_JOURNAL, KEY_ENTER, UI_CMD_CLOSE, 0},
    {UI_SCOPE_JOURNAL, '/', UI_CMD_FIND, 0},
    {UI_SCOPE_CONFIRM, 'y', UI_CMD_CONFIRM, 0},
    {UI_SCOPE_CONFIRM, 'Y', UI_CMD_CONFIRM, 0},
    {UI_SCOPE_CONFIRM, 'l', UI_CMD_LOCALE, 0},
    {UI_SCOPE_CONFIRM, 't', UI_CMD_TICKET, 0},
    {UI_SCOPE_CONFIRM, '!', UI_CMD_SEND_AGAIN, 0},
    {UI_SCOPE_CONFIRM, 'n', UI_CMD_DECLINE, 0},
    {UI_SCOPE_CONFIRM, 'N', UI_CMD_DECLINE, 0},
    {UI_SCOPE_CONFIRM, 'q', UI_CMD_DECLINE, 0},
    {UI_SCOPE_CONFIRM, UI_KEY_ESC, UI_CMD_DECLINE, 0},
    {UI_SCOPE_PICK, '\n', UI_CMD_PICK, 0},
    {UI_SCOPE_PICK, '\r', UI_CMD_PICK, 0},
    {UI_SCOPE_PICK, KEY_ENTER, UI_CMD_PICK, 0},
    {UI_SCOPE_PICK, 'q', UI_CMD_DECLINE, 0},
    {UI_SCOPE_PICK, UI_KEY_ESC, UI_CMD_DECLINE, 0},
    {UI_SCOPE_RESULTS, 'f', UI_CMD_RETRY_FAILED, 0},
    {UI_SCOPE_RESULTS, 'u', UI_CMD_RETRY_UNKNOWN, 0},
    {UI_SCOPE_RESULTS, 'q', UI_CMD_CLOSE, 0},
    {UI_SCOPE_RESULTS, UI_KEY_ESC, UI_CMD_CLOSE, 0},
    {UI_SCOPE_RESULTS, 'x', UI_CMD_CLOSE, 0},
    {UI_SCOPE_RESULTS, '\n', UI_CMD_CLOSE, 0},
    {UI_SCOPE_RESULTS, '\r', UI_CMD_CLOSE, 0},
    {UI_SCOPE_RESULTS, KEY_ENTER, UI_CMD_CLOSE, 0},
    /* The line editor takes every other key itself. */
    {UI_SCOPE_INPUT, '\n', UI_CMD_ACCEPT, 0},
    {UI_SCOPE_INPUT, '\r', UI_CMD_ACCEPT, 0},
    {UI_SCOPE_INPUT, UI_KEY_ESC, UI_CMD_DECLINE, 0},
    {UI_SCOPE_INPUT, '\t', UI_CMD_COMPLETE, 0},
    /* The create form: the focused field's editor takes every other key. */
    {UI_SCOPE_CREATE, '\t', UI_CMD_COMPLETE, 0},
    {UI_SCOPE_CREATE, '\n', UI_CMD_NEXT_FIELD, 0},
    {UI_SCOPE_CREATE, '\r', UI_CMD_NEXT_FIELD, 0},
    {UI_SCOPE_CREATE, KEY_ENTER, UI_CMD_NEXT_FIELD, 0},
    {UI_SCOPE_CREATE, KEY_NPAGE, UI_CMD_TO_REVIEW, 0},
    {UI_SCOPE_CREATE, UI_KEY_ESC, UI_CMD_CLOSE, 0},
    {UI_SCOPE_CREATE, KEY_UP, UI_CMD_UP, 0},
    {UI_SCOPE_CREATE, KEY_BTAB, UI_CMD_UP, 0},
    {UI_SCOPE_CREATE, KEY_DOWN, UI_CMD_DOWN, 0},
    {UI_SCOPE_CREATE, KEY_PPAGE, UI_CMD_FIRST, 0},
    {UI_SCOPE_CREATE, KEY_F(1), UI_CMD_HELP, 0},
    {UI_SCOPE_CREATE_REVIEW, 'y', UI_CMD_CONFIRM, 0},
    {UI_SCOPE_CREATE_REVIEW, 'Y', UI_CMD_CONFIRM, 0},
    {UI_SCOPE_CREATE_REVIEW, 'n', UI_CMD_DECLINE, 0},
    {UI_SCOPE_CREATE_REVIEW, 'N', UI_CMD_DECLINE, 0},
    {UI_SCOPE_CREATE_REVIEW, 't', UI_CMD_TICKET, 0},
    {UI_SCOPE_CREATE_REVIEW, 'r', UI_CMD_RESEND_PENDING, 0},
    {UI_SCOPE_CREATE_REVIEW, 'q', UI_CMD_DECLINE, 0},
    {UI_SCOPE_CREATE_REVIEW, UI_KEY_ESC, UI_CMD_DECLINE, 0},
    {UI_SCOPE_CREATE_SENDING, UI_KEY_ESC, UI_CMD_CANCEL, 0},
    {UI_SCOPE_CREATE_DISCARD, 'y', UI_CMD_CONFIRM, 0},
    {UI_SCOPE_CREATE_DISCARD, 'Y', UI_CMD_CONFIRM, 0},
    {UI_SCOPE_CREATE_DISCARD, 'n', UI_CMD_DECLINE, 0},
    {UI_SCOPE_CREATE_DISCARD, 'N', UI_CMD_DECLINE, 0},
    {UI_SCOPE_CREATE_DISCARD, 'q', UI_CMD_DECLINE, 0},
    {UI_SCOPE_CREATE_DISCARD, UI_KEY_ESC, UI_CMD_DECLINE, 0},
    {UI_SCOPE_EXPLAIN, 'q', UI_CMD_CLOSE, 0},
    {UI_SCOPE_EXPLAIN, UI_KEY_ESC, UI_CMD_CLOSE, 0},
    {UI_SCOPE_EXPLAIN, '\n', UI_CMD_CLOSE, 0},
    {UI_SCOPE_EXPLAIN, '\r', UI_CMD_CLOSE, 0},
    {UI_SCOPE_EXPLAIN, KEY_ENTER, UI_CMD_CLOSE, 0},
    {UI_SCOPE_EXPLAIN, 'C', UI_CMD_REISSUE, 0},
    {UI_SCOPE_EXPLAIN, 'e', UI_CMD_GROUPS, 0},
};

bool ui_scope_modal(enum ui_scope scope)
{
    return scope > UI_SCOPE_DETAIL;
}

bool ui_scope_inherits(enum ui_scope scope, enum ui_cmd cmd)
{
    const struct ui_command_info *info = ui_command_info(cmd);

    /* A text field's keys are its own: a global key is typed. */
    if (scope == UI_SCOPE_INPUT || scope == UI_SCOPE_CREATE)
        return false;
    if (!ui_scope_modal(scope))
        return true;
    return info && ((info->flags & UI_CMD_MOVE) || cmd == UI_CMD_HELP);
}

const struct ui_command_info *ui_command_info(enum ui_cmd cmd)
{
    if ((int)cmd < 0 || cmd >= UI_CMD_COUNT)
        return NULL;
    return &commands[cmd];
}

enum ui_cmd ui_command_by_name(const char *name)
{
    size_t len = name ? strlen(name) : 0;
    enum ui_cmd found = UI_CMD_NONE;

    if (len == 0)
        return UI_CMD_NONE;
    for (int i = 0; i < UI_CMD_COUNT; i++) {
        if (commands[i].flags & UI_CMD_NONAME)
            continue;
        if (strcmp(commands[i].name, name) == 0)
            return (enum ui_cmd)i;
        if (strncmp(commands[i].name, name, len) == 0) {
            if (found != UI_CMD_NONE)
                return UI_CMD_NONE; /* ambiguous prefix */
            found = (enum ui_cmd)i;
        }
    }
    return found;
}

const char *ui_command_complete(const char *prefix, size_t n)
{
    size_t len = prefix ? strlen(prefix) : 0;

    for (int i = 0; i < UI_CMD_COUNT; i++) {
        if (commands[i].flags & UI_CMD_NONAME)
            continue;
        if (len && strncmp(commands[i].name, prefix, len) != 0)
            continue;
        if (n-- == 0)
            return commands[i].name;
    }
    return NULL;
}

const struct ui_key_binding *ui_default_keys(size_t *count)
{
    *count = ARRAY_SIZE(default_keys);
    return default_keys;
}

static const struct ui_key_binding *find_in_scope(enum ui_scope scope, int key)
{
    for (size_t i = 0; i < ARRAY_SIZE(default_keys); i++)
        if (default_keys[i].scope == scope && default_keys[i].key == key)
            return &default_keys[i];
    return NULL;
}

const struct ui_key_binding *ui_key_lookup(enum ui_scope scope, int key)
{
    const struct ui_key_binding *b = find_in_scope(scope, key);

    if (b || scope == UI_SCOPE_GLOBAL)
        return b;
    b = find_in_scope(UI_SCOPE_GLOBAL, key);
    return b && ui_scope_inherits(scope, b->cmd) ? b : NULL;
}

int ui_key_for(enum ui_scope scope, enum ui_cmd cmd)
{
    for (size_t i = 0; i < ARRAY_SIZE(default_keys); i++)
        if (default_keys[i].scope == scope && default_keys[i].cmd == cmd)
            return default_keys[i].key;
    if (scope == UI_SCOPE_GLOBAL || !ui_scope_inherits(scope, cmd))
        return -1;
    return ui_key_for(UI_SCOPE_GLOBAL, cmd);
}

const char *ui_key_name(int key, char *buf, size_t size)
{
    static const struct {
        int key;
        const char *name;
    } names[] = {
        {KEY_UP, "Up"},     {KEY_DOWN, "Down"},       {KEY_LEFT, "Left"},
        {KEY_RIGHT, "Right"}, {KEY_PPAGE, "PgUp"},    {KEY_NPAGE, "PgDn"},
        {KEY_HOME, "Home"}, {KEY_END, "End"},         {KEY_BTAB, "S-Tab"},
        {KEY_ENTER, "Enter"}, {'\n', "Enter"},        {'\r', "Enter"},
        {'\t', "Tab"},      {' ', "Space"},           {UI_KEY_ESC, "Esc"},
        {KEY_F(1), "F1"},
    };

    for (size_t i = 0; i < ARRAY_SIZE(names); i++)
        if (names[i].key == key) {
            snprintf(buf, size, "%s", names[i].name);
            return buf;
        }
    if (key > 0 && key < 32)
        snprintf(buf, size, "^%c", key + '@');
    else if (key > 32 && key < 127)
        snprintf(buf, size, "%c", key);
    else
        snprintf(buf, size, "#%d", key);
    return buf;
}

static const char *const tab_names[UI_TAB_COUNT] = {
    /* TRANSLATORS: state tabs above the invitations table. */
    N_("all"), N_("pending"), N_("expired"), N_("accepted"), N_("other"),
};

const char *ui_tab_name(int tab)
{
    return tab >= 0 && tab < UI_TAB_COUNT ? tab_names[tab] : NULL;
}

int ui_tab_by_name(const char *name)
{
    size_t len = name ? strlen(name) : 0;
    int found = -1;

    if (len == 0)
        return -1;
    for (int i = 0; i < UI_TAB_COUNT; i++) {
        if (strcasecmp(tab_names[i], name) == 0)
            return i;
        if (strncasecmp(tab_names[i], name, len) == 0)
            found = found < 0 ? i : -2;
    }
    if (found < 0) {
        long n;
        if (util_parse_long(name, 1, UI_TAB_COUNT, &n) == 0)
            return (int)n - 1;
        return -1;
    }
    return found;
}

/* Indexed by enum store_sort (store.h): expiry, created, email, status. */
static const char *const sort_labels[] = {
    /* TRANSLATORS: sort keys, shown after "sort: " and "Sorted by ". */
    N_("expiry"), N_("created"), N_("email"), N_("status"),
};

const char *ui_sort_label(int sort)
{
    return sort >= 0 && (size_t)sort < ARRAY_SIZE(sort_labels) ? sort_labels[sort] : sort_labels[0];
}
