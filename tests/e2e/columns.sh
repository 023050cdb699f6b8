#!/bin/sh
# Column widths of the invitations table (#11, defect 8): the Expiry and
# Created columns are as wide as their widest text in the user's language
# ("expires in 21h 2…" and French "il y a 64…" were cut), the e-mail takes
# the spare width, and the accounts pane is only as wide as its content.
# English and German at 80x24 and 160x45, French for the cut example.
. "${top_srcdir:-.}/tests/po/po-lib.sh"

nls_enabled || skip_all "NLS is disabled (configure --disable-nls)"
. "$top_srcdir/tests/e2e/tmux_lib.sh"
make_locale_tree || { not_ok "a locale tree from po/*.gmo"; done_testing; }
start_sandbox || { not_ok "sandbox starts"; done_testing; }
write_config

# col_gap A B: display columns from the start of header A to the start of
# header B on the table's header line (the width of A's column plus one).
col_gap() {
    line=$(screen | grep -F -- "$1" | grep -F -- "$2" | head -n 1)
    a=$(printf '%s' "${line%%"$1"*}" | wc -m)
    b=$(printf '%s' "${line%%"$2"*}" | wc -m)
    echo $((b - a))
}
# at_least A B N: the column under header A is at least N-1 wide.
at_least() {
    g=$(col_gap "$1" "$2")
    [ "$g" -ge "$3" ] || { diag "column $1 is $((g - 1)) wide, needs $(($3 - 1))"; return 1; }
}
# No time cell cut with an ellipsis ("expires in 21h 2…", "il y a 64…").
no_cut_time() {
    screen_lacks_re "(in|ago|vor|a|dans|expired) ([0-9]+ ?[[:alpha:]]* ?)*…"
}

# run LANG COLS ROWS EXPIRY CREATED ASSIGNED EXPIRY_W CREATED_W: the (start of the)
# headers in that language and the widest expiry and created texts in it:
# "expires in 23h 59m" (18), "23h 59m ago" (11); German "in 23 h 59 min"
# (14), "vor 23 h 59 min" (15); French "dans 23 h 59 min" (16),
# "il y a 23 h 59 min" (18).
run() {
    lang=${1:-en} size="$2x$3"
    E2E_ENV="LANGUAGE=$1 INVITUI_LOCALEDIR=$TMPD/locale"
    restart_tui "$2" "$3" --config "$TMPD/config"
    check "$lang $size: the invitations load" wait_re "[0-9]+/40 *$"
    check "$lang $size: Expiry fits its widest text" at_least "$4" "$5" $(($7 + 1))
    check "$lang $size: Created fits its widest text" at_least "$5" "$6" $(($8 + 1))
    check "$lang $size: no time is cut" no_cut_time
}

run "" 80 24 Expiry Created Assigned 18 11
check "en 80x24: created times are whole" wait_re "accepted +[0-9]+d ago "
run "" 160 45 Expiry Created Assigned 18 11
check "en 160x45: the accounts pane is as wide as its longest name" \
    wait_re "^● Acme Hosting GmbH│"
check "en 160x45: the e-mail column shows the longest e-mail whole" \
    wait_re "│bjorn\.kowalski\.25@mail\.example\.co\.uk +✗"
run de 80 24 Ablauf Erstellt Zugew 14 15
check "de 80x24: created times are whole" wait_re "angenommen +vor [0-9]+ T "
run de 160 45 Ablauf Erstellt Zugew 14 15
check "de 160x45: the accounts pane is as wide as its longest name" \
    wait_re "^● Acme Hosting GmbH│"
run fr 80 24 Expiration Créée Attrib 16 18
check "fr 80x24: il y a 64 j, not il y a 64…" wait_re "acceptée +il y a 64 j "
run fr 160 45 Expiration Créée Attrib 16 18
keys q
check "q quits" wait_for "invitui exited with 0"
done_testing
