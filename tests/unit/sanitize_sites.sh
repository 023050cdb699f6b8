#!/bin/sh
# Server and file text is made display-safe once, where it comes in (the
# model's display copies, api_error, journal records read back, bulk
# reasons, group names), never where it is drawn: a new view cannot forget
# what it never has to do. So src/ui/*.c may call sanitize_* only at the
# UI's own ingress points below, each exactly as often as listed; a new call
# anywhere else fails here (make the text safe where it enters instead), and
# so does a listed call that went (lower its count, or drop its line).
. "${top_srcdir:-.}/tests/lib.sh"

# file  calls  why it is an ingress
allow='
app.c 1 ui_app_set_message: the status line takes sentences quoting what was typed
dialog.c 1 ui_dialog_set_text: a dialog takes text built by its caller
group_names.c 1 the groups list of an account as it is loaded
journal_view.c 1 the filter as typed
panes.c 1 the filter as typed, on its way to a cell
can.c 1 the key of a :can path, read from the raw object in the worker
create.c 2 a field value as typed or completed; the groups load error as it comes back
create_model.c 1 the request preview: base_url from the file and the account id, raw as sent
'

# Calls, not the #include or comments: "sanitize_word(" outside a comment line.
calls() {
    grep -E 'sanitize_[a-z_]+\(' "$1" | grep -vE '^[[:space:]]*(/?\*|//)' | wc -l | tr -d ' '
}

for f in "$top_srcdir"/src/ui/*.c; do
    name=${f##*/}
    n=$(calls "$f")
    max=$(printf '%s\n' "$allow" | awk -v f="$name" '$1 == f { print $2 }')
    if [ -z "$max" ]; then
        check "src/ui/$name draws no unsanitised text itself (no sanitize_* call)" test "$n" -eq 0
    else
        check "src/ui/$name calls sanitize_* $max times (ingress)" test "$n" -eq "$max"
    fi
done
done_testing
