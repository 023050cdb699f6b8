#!/bin/sh
# Column widths of the invitations table (#11, defect 8): the Expiry and
# Created columns are as wide as their widest text on the screen in the
# user's language ("expires in 21h 2…" and French "il y a 64…" were cut),
# at least their title and sort arrow, and no wider: German "vor 53 T" under
# a column sized for "in 23 h 59 min" cut the e-mail at 80 columns. The
# e-mail takes the spare width, and the accounts pane is only as wide as
# its content. English and German at 80x24 and 160x45, French for the cut
# example; the all tab and the pending tab (the longest expiry texts).
. "${top_srcdir:-.}/tests/po/po-lib.sh"

nls_enabled || skip_all "NLS is disabled (configure --disable-nls)"
. "$top_srcdir/tests/e2e/tmux_lib.sh"
make_locale_tree || { not_ok "a locale tree from po/*.gmo"; done_testing; }
start_sandbox || { not_ok "sandbox starts"; done_testing; }
write_config

# ascii_cols: each character one ASCII character (mawk counts bytes), so
# that offsets on a line are screen columns. The detail pane right of the
# table (from 160 columns) is cut off; lines with a wide or a zero-width
# character left (CJK e-mails) would shift the offsets and are left out.
ascii_cols() {
    LC_ALL=C.UTF-8 sed 's/^\([^│]*│[^│]*\)│.*/\1/' | while IFS= read -r _l; do
        [ "$(printf '%s' "$_l" | LC_ALL=C.UTF-8 wc -L)" -eq \
          "$(printf '%s' "$_l" | LC_ALL=C.UTF-8 wc -m)" ] && printf '%s\n' "$_l"
    done | LC_ALL=C.UTF-8 sed 's/[^ -~]/X/g'
}
# fitted A B: the column under header A (up to header B) is as wide as its
# widest cell on the screen, or as its title with the sort arrow; the
# table's rows are the lines under the header that hold an e-mail.
fitted() {
    _a=$(printf '%s\n' "$1" | ascii_cols) _b=$(printf '%s\n' "$2" | ascii_cols)
    screen | ascii_cols | awk -v A="$_a" -v B="$_b" '
        !h && index($0, A) && index($0, B) { h = 1; a = index($0, A); b = index($0, B); next }
        h && !index($0, "@") { exit }
        h { c = substr($0, a, b - a - 1); sub(/ +$/, "", c); if (length(c) > w) w = length(c) }
        END {
            t = length(A) + 2; if (w < t) w = t
            if (h && b - a - 1 == w) exit 0
            printf "# column %s is %d wide, its widest text %d\n", A, b - a - 1, w
            exit 1
        }'
}
# No time cell cut with an ellipsis ("expires in 21h 2…", "il y a 64…").
no_cut_time() {
    screen_lacks_re "(in|ago|vor|a|dans|expired) ([0-9]+ ?[[:alpha:]]* ?)*…"
}

# run LANG COLS ROWS EXPIRY CREATED ASSIGNED: the (start of the) headers in
# that language; the all tab, then the pending tab, whose expiry texts are
# the longest ("expires in 21h 27m", "in 21 h 27 min", "dans 21 h 27 min").
run() {
    lang=${1:-en} size="$2x$3"
    E2E_ENV="LANGUAGE=$1 INVITUI_LOCALEDIR=$TMPD/locale"
    restart_tui "$2" "$3" --config "$TMPD/config"
    check "$lang $size: the invitations load" wait_re "[0-9]+/40 *$"
    check "$lang $size: Expiry is as wide as its widest text shown" fitted "$4" "$5"
    check "$lang $size: Created likewise" fitted "$5" "$6"
    check "$lang $size: no time is cut" no_cut_time
}
pending() {
    keys 2
    check "$lang $size pending: the tab" wait_re "^▶? *[^[]*\[2 [^]]+\]"
    check "$lang $size pending: Expiry is as wide as its widest text" fitted "$1" "$2"
    check "$lang $size pending: Created likewise" fitted "$2" "$3"
    check "$lang $size pending: no time is cut" no_cut_time
}

run "" 80 24 Expiry Created Assigned
check "en 80x24: created times are whole" wait_re "accepted +[0-9]+d ago "
pending Expiry Created Assigned
run "" 160 45 Expiry Created Assigned
check "en 160x45: the accounts pane is as wide as its longest name" \
    wait_re "^● Acme Hosting GmbH│"
check "en 160x45: the e-mail column shows the longest e-mail whole" \
    wait_re "│bjorn\.kowalski\.25@mail\.example\.co\.uk +✗"
pending Expiry Created Assigned
run de 80 24 Ablauf Erstellt Zugew
check "de 80x24: created times are whole" wait_re "angenommen +vor [0-9]+ T "
check "de 80x24: the e-mail takes the width the times leave" \
    wait_re "^renee\.lefevre\.20@corp\.example +✗ abgelaufen"
pending Ablauf Erstellt Zugew
run de 160 45 Ablauf Erstellt Zugew
check "de 160x45: the accounts pane is as wide as its longest name" \
    wait_re "^● Acme Hosting GmbH│"
pending Ablauf Erstellt Zugew
run fr 80 24 Expiration Créée Attrib
check "fr 80x24: il y a 64 j, not il y a 64…" wait_re "acceptée +il y a 64 j "
pending Expiration Créée Attrib
run fr 160 45 Expiration Créée Attrib
pending Expiration Créée Attrib
keys q
check "q quits" wait_for "invitui exited with 0"
done_testing
