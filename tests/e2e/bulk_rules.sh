#!/bin/sh
# Issue #11's bulk defects on the real TUI: the confirmation lists every
# target and every skipped row with its reason, and scrolls (14); the
# "Stopping" status line does not outlive the run it was about (15).
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"

REC="$TMPD/actions.jsonl"
: >"$REC"
# Slow answers, so that a run of one request at a time can be stopped.
start_sandbox --latency 1000 --record "$REC" || { not_ok "sandbox starts"; done_testing; }
write_config
cat >>"$TMPD/config" <<CONF

[profile slow]
provider = hybridbox
base_url = $SANDBOX_URL
accounts = $(sandbox_hb_accounts)
token_env = E2E_TOKEN
concurrency = 1
CONF
E2E_ENV="XDG_STATE_HOME=$TMPD/state"
count_recorded() { grep -c "\"action\":\"$1\"" "$REC"; }
screen_changed() { screen | cmp -s - "$TMPD/scr" && return 1; return 0; }

# listed_addresses: pages through the confirmation (PgDn) until its
# skipped row shows, and counts the distinct addresses its lines named.
listed_addresses() {
    : >"$TMPD/seen"
    _i=0
    while [ $_i -lt 30 ]; do
        screen >"$TMPD/scr"
        grep -E '^ *│  (skipped +)?[^ ]+@[^ ]+' "$TMPD/scr" |
            grep -oE '[^ │:]+@[^ │:]+' >>"$TMPD/seen"
        grep -qE '│  skipped' "$TMPD/scr" && break
        keys NPage
        wait_until 5 screen_changed || break
        _i=$((_i + 1))
    done
    sort -u "$TMPD/seen" | wc -l
}

# ---- 14: every target and every skipped row, scrollable ----
start_tui 100 20 --config "$TMPD/config" --profile slow
check "the table is loaded" wait_re " 1/40 *$" 20
keys 2
check "the pending tab" wait_re "\[2 pending [0-9]+\]"
N=$(screen | sed -n 's/.*\[2 pending \([0-9]*\)\].*/\1/p' | head -n 1)
check "more pending rows than the overlay shows ($N)" test "${N:-0}" -gt 12
keys '*'
check "* marks every pending row" wait_for "$N marked"
keys 3
check "the expired tab" wait_re "\[3 expired [0-9]+\]"
keys g Space
check "one expired row marked too" wait_for "$((N + 1)) marked"
# Actions take the marked rows the view shows: the all tab shows both.
keys 1
check "on the all tab" wait_re "\[1 all [0-9]+\]"
keys r
check "bulk resend asks for the locale" wait_for "Locale of the invitation e-mail"
keys Enter
check "the question" wait_for "Resend $N invitation e-mails?"
check "1 skipped" wait_for "1 marked invitation is not eligible and will be skipped."
check "no \"and N more\"" screen_lacks_re "… and [0-9]+ more"
keys G
check "scrolled to the end: the skipped row with its reason" \
    wait_re "skipped +[^ ]+@[^:]+: Only pending invitations can be resent"
keys g
check "back at the top" wait_for "Resend $N invitation e-mails?"
keys j
check "j scrolls the text a line" wait_gone "Resend $N invitation e-mails?"
keys k
check "k scrolls it back" wait_for "Resend $N invitation e-mails?"
check "page by page, it lists all $N targets and the skipped one" \
    test "$(listed_addresses)" = $((N + 1))
check "nothing was sent while reading" test "$(count_recorded resend)" = 0

# ---- 15: the stop message goes when the run is over ----
keys y
check "the run starts" wait_for "Resend: running"
keys Escape
# Under load the run may settle at once: then the stop message is already
# replaced, which is what this section is about.
check "Esc says it is stopping" wait_re "Stopping: nothing more is sent|The run was stopped"
check "the run finishes" wait_for "Resend: finished" 20
check "the stale stop message is gone" wait_gone "Stopping: nothing more is sent"
check "replaced by what happened" wait_for "The run was stopped"
check "not everything was sent" test "$(count_recorded resend)" -lt "$N"

done_testing
