#include "config.h"

#include "invitui/ui_commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/i18n.h"
#include "invitui/sanitize.h"
#include "invitui/util.h"

/* `?` and the key line say what the key table says: nothing here names a
 * key, so a binding added to the table shows up in both. */

/* The key line's order, most useful first (k9s, lazygit): a dialog's own
 * keys; then the actions, the keys a newcomer needs (help, quit), finding
 * and opening, the journal and the last error; moving about last. Key line
 * commands not listed follow in the order of UI_COMMANDS. */
static const enum ui_cmd keyline_rank[] = {
    UI_CMD_CONFIRM,      UI_CMD_PICK,          UI_CMD_ACCEPT,     UI_CMD_LOCALE,
    UI_CMD_RETRY_FAILED, UI_CMD_RETRY_UNKNOWN, UI_CMD_DECLINE,    UI_CMD_CLOSE,
    UI_CMD_FIND,         UI_CMD_COMPLETE,      UI_CMD_CANCEL,     UI_CMD_RESEND,
    UI_CMD_SEND_NEW,     UI_CMD_CREATE,        UI_CMD_MARK,       UI_CMD_HELP,
    UI_CMD_QUIT,         UI_CMD_FILTER,        UI_CMD_OPEN,       UI_CMD_JOURNAL,
    UI_CMD_SHOW_ERROR,   UI_CMD_NEXT_PANE,     UI_CMD_TAB,        UI_CMD_SORT_NEXT,
    UI_CMD_REFRESH,      UI_CMD_COPY,          UI_CMD_PROMPT,
};

/* Whether binding k acts in scope: its own row, or a global one that falls
 * through and is not hidden by a row of scope for the same key. */
static bool reaches(enum ui_scope scope, const struct ui_key_binding *k)
{
    if (k->scope == scope)
        return true;
    if (k->scope != UI_SCOPE_GLOBAL || !ui_scope_inherits(scope, k->cmd))
        return false;
    return ui_key_lookup(scope, k->key) == k;
}

static bool same_key_name(const struct strvec *names, const char *name)
{
    return strvec_contains(names, name);
}

/* The names of the keys of cmd in scope, each once (\n, \r and KEY_ENTER
 * are one key to people): the scope's own rows first. */
static void key_names(enum ui_scope scope, enum ui_cmd cmd, struct strvec *out)
{
    size_t n;
    const struct ui_key_binding *k = ui_default_keys(&n);
    char name[16];

    for (int own = 1; own >= 0; own--)
        for (size_t i = 0; i < n; i++) {
            if (k[i].cmd != cmd || (k[i].scope == scope) != (own == 1) || !reaches(scope, &k[i]))
                continue;
            ui_key_name(k[i].key, name, sizeof(name));
            if (!same_key_name(out, name))
                strvec_push(out, name);
        }
}

void ui_key_label(enum ui_scope scope, enum ui_cmd cmd, char *buf, size_t size)
{
    struct strvec names = {0};

    buf[0] = '\0';
    key_names(scope, cmd, &names);
    if (names.n == 0) {
        strvec_free(&names);
        return;
    }
    if (cmd == UI_CMD_TAB && names.n == UI_TAB_COUNT)
        snprintf(buf, size, "%s-%s", names.v[0], names.v[names.n - 1]);
    else if (strcmp(names.v[0], "Esc") != 0 && strvec_contains(&names, "Esc"))
        snprintf(buf, size, "%s/Esc", names.v[0]); /* Esc is worth saying where it closes */
    else
        snprintf(buf, size, "%s", names.v[0]);
    strvec_free(&names);
}

static bool on_keyline(enum ui_scope scope, enum ui_cmd cmd)
{
    char key[32];

    if (!(ui_command_info(cmd)->flags & UI_CMD_KEYLINE))
        return false;
    ui_key_label(scope, cmd, key, sizeof(key));
    return key[0] != '\0';
}

/* Whether cmd has a row of scope itself (not one that falls through). */
static bool own_key(enum ui_scope scope, enum ui_cmd cmd)
{
    size_t n;
    const struct ui_key_binding *k = ui_default_keys(&n);

    for (size_t i = 0; i < n; i++)
        if (k[i].scope == scope && k[i].cmd == cmd)
            return true;
    return false;
}

/* Appends to out the key line commands of scope with own == wanted (a
 * dialog's own keys come before help): ranked ones first. */
static size_t add_keyline(enum ui_scope scope, int own, enum ui_cmd *out, size_t n, size_t max)
{
    for (size_t i = 0; i < ARRAY_SIZE(keyline_rank) && n < max; i++)
        if ((own < 0 || own_key(scope, keyline_rank[i]) == own) &&
            on_keyline(scope, keyline_rank[i]))
            out[n++] = keyline_rank[i];
    for (int c = 0; c < UI_CMD_COUNT && n < max; c++) {
        bool ranked = false;
        for (size_t i = 0; i < ARRAY_SIZE(keyline_rank); i++)
            ranked = ranked || keyline_rank[i] == (enum ui_cmd)c;
        if (!ranked && (own < 0 || own_key(scope, (enum ui_cmd)c) == own) &&
            on_keyline(scope, (enum ui_cmd)c))
            out[n++] = (enum ui_cmd)c;
    }
    return n;
}

size_t ui_keyline_commands(enum ui_scope scope, enum ui_cmd *out, size_t max)
{
    if (!ui_scope_modal(scope))
        return add_keyline(scope, -1, out, 0, max);
    return add_keyline(scope, 0, out, add_keyline(scope, 1, out, 0, max), max);
}

static void help_line(struct strvec *out, const char *keys, const char *help)
{
    struct strbuf line;

    strbuf_init(&line);
    text_fit(&line, keys, 16, TEXT_ALIGN_LEFT);
    strbuf_puts(&line, "  ");
    strbuf_puts(&line, _(help));
    strvec_push(out, line.data);
    strbuf_free(&line);
}

void ui_help_lines(enum ui_scope scope, struct strvec *out)
{
    struct strbuf keys;

    strbuf_init(&keys);
    for (int c = 0; c < UI_CMD_COUNT; c++) {
        struct strvec names = {0};
        key_names(scope, (enum ui_cmd)c, &names);
        strbuf_reset(&keys);
        for (size_t i = 0; i < names.n; i++) {
            if (i)
                strbuf_putc(&keys, ' ');
            strbuf_puts(&keys, names.v[i]);
        }
        if (names.n)
            help_line(out, keys.data, ui_command_info((enum ui_cmd)c)->help);
        strvec_free(&names);
    }
    strbuf_free(&keys);
    if (ui_scope_modal(scope))
        return; /* no `:` line while a view is open */
    strvec_push(out, "");
    strvec_push(out, _("Commands after \":\" (Tab completes):"));
    for (int c = 0; c < UI_CMD_COUNT; c++) {
        const struct ui_command_info *info = ui_command_info((enum ui_cmd)c);
        if (info->flags & (UI_CMD_NONAME | UI_CMD_RESERVED))
            continue;
        char *name = xasprintf(":%s%s", info->name, info->flags & UI_CMD_ARG ? " ARG" : "");
        help_line(out, name, info->help);
        free(name);
    }
}
