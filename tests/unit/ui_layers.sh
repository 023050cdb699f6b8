#!/bin/sh
# The layering of src/ui (issue #11): views depend on the controller and on
# the base pieces, never on another view; the controller reaches views only
# through the hooks the wiring file registers. Checked on the built objects
# (what `nm` says a file really calls, not what it includes) and on the
# sources' includes (a view's own header is for the wiring file and itself).
#
# This list is the one place that says which file is which; include/invitui/ui_app.h
# points here. A new file in src/ui must be added to it (the test fails
# until it is).
#   wire        the only file that knows every view (it registers their hooks)
#   core        the controller (app, stack, data, rows, draw, the actions and
#               their runs) and the base pieces every view may use (view,
#               layout, term, the dialog kit, …)
#   view:NAME   one view; several files may form one view (create)
. "${top_srcdir:-.}/tests/lib.sh"

part_of() {
    case $1 in
    ui) echo wire ;;
    app | stack | data | cache | draw | frame_timings | rows | actions | bulk_run | answers | can | member) echo core ;;
    commands | keys | layout | term | view | dialog | action_text | error_text) echo core ;;
    group_names | detail_tree | create_model | prompt) echo core ;;
    panes) echo view:panes ;;
    detail) echo view:detail ;;
    message_view) echo view:message ;;
    explain_view) echo view:explain ;;
    confirm_view) echo view:confirm ;;
    bulk_view | results_view) echo view:results ;;
    journal_view) echo view:journal ;;
    input | match_list) echo view:input ;;
    create | create_draw | create_keys) echo view:create ;;
    *) echo unknown ;;
    esac
}

# The header each view owns (only it and the wiring file include it).
header_owner() {
    case $1 in
    ui_panes.h) echo view:panes ;;
    ui_detail.h) echo view:detail ;;
    ui_input.h) echo view:input ;;
    ui_create.h | ui_create_private.h) echo view:create ;;
    ui_confirm.h) echo view:confirm ;;
    ui_results.h) echo view:results ;;
    ui_message.h) echo view:message ;;
    ui_explain.h) echo view:explain ;;
    ui_journal.h) echo view:journal ;;
    *) echo "" ;;
    esac
}

objdir="$top_builddir/src/ui"
[ -f "$objdir/invitui-app.o" ] || skip_all "the TUI's objects are not built (make first)"
command -v nm >/dev/null 2>&1 || skip_all "nm is not installed"

# The objects of today's sources (an object of a removed file may linger).
# name part symbol: every symbol an object defines, then every one it uses.
# Test lines go to fd 3 (stdout): the loop's own output is the symbol list.
exec 3>&1
for src in "$top_srcdir"/src/ui/*.c; do
    n=$(basename "$src" .c)
    o="$objdir/invitui-$n.o"
    [ -f "$o" ] || o=$(ls "$objdir"/libinvitui_a-"$n".o 2>/dev/null)
    if [ -z "$o" ]; then
        not_ok "src/ui/$n.c has an object to check" >&3
        continue
    fi
    p=$(part_of "$n")
    if [ "$p" = unknown ]; then
        not_ok "src/ui/$n.c is in the list of parts (tests/unit/ui_layers.sh)" >&3
        continue
    fi
    nm --defined-only -g "$o" | awk -v n="$n" -v p="$p" 'NF == 3 { print "D", n, p, $3 }'
    nm -u "$o" | awk -v n="$n" -v p="$p" '{ print "U", n, p, $NF }'
done >"$TMPD/syms"

# from -> to (symbol in file): a use of a view's symbol from another part.
awk 'NR == FNR { if ($1 == "D") { part[$4] = $3; file[$4] = $2 }; next }
     $1 == "U" && ($4 in part) {
         to = part[$4]
         if (to ~ /^view:/ && $3 != to && $3 != "wire")
             print $3 " -> " to "\t" $4 " (" $2 ".c -> " file[$4] ".c)"
     }' "$TMPD/syms" "$TMPD/syms" | sort -u >"$TMPD/edges"

if [ -s "$TMPD/edges" ]; then
    cut -f1 "$TMPD/edges" | sort -u | while IFS= read -r e; do
        echo "not ok - $e: a call into a view from outside it (ask the controller: struct ui_hooks)"
        awk -F '\t' -v e="$e" '$1 == e { print "#   " $2 }' "$TMPD/edges"
    done
else
    echo "ok - no part calls into another part's view"
fi >"$TMPD/edge_results"
while IFS= read -r line; do
    case $line in
    "ok - "*) ok "${line#ok - }" ;;
    "not ok - "*) not_ok "${line#not ok - }" ;;
    *) echo "$line" ;;
    esac
done <"$TMPD/edge_results"

# Includes: a view's sources include no other view's header.
for src in "$top_srcdir"/src/ui/*.c; do
    n=$(basename "$src" .c)
    p=$(part_of "$n")
    bad=
    for h in $(sed -n 's|^#include "invitui/\(ui_[a-z_]*\.h\)".*|\1|p' "$src"); do
        owner=$(header_owner "$h")
        [ -n "$owner" ] && [ "$owner" != "$p" ] && [ "$p" != wire ] && bad="$bad $h"
    done
    if [ -z "$bad" ]; then
        ok "src/ui/$n.c includes no other view's header"
    else
        not_ok "src/ui/$n.c includes another view's header:$bad"
    fi
done
# The list's fields are the controller's own (include/invitui/ui_list.h):
# only the list and the loads that fill it see them.
bad=
for src in "$top_srcdir"/src/ui/*.c "$top_srcdir"/tests/unit/*.c; do
    case $(basename "$src") in rows.c | data.c) continue ;; esac
    grep -q '^#include "invitui/ui_list_private.h"' "$src" && bad="$bad $(basename "$src")"
done
if [ -z "$bad" ]; then
    ok "only rows.c and data.c see struct ui_list's fields"
else
    not_ok "struct ui_list's fields are private to rows.c and data.c:$bad"
fi
done_testing
