#!/bin/sh
# Issue #11's action defects, on the real TUI (and the CLI on a terminal):
# a production profile says so in every confirmation, in words (7); n on
# a Hybridbox invitation says what does work for its state (6); r and n
# act on the marked rows the view shows, never on hidden ones, and say how
# many are hidden (1).
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"

REC="$TMPD/actions.jsonl"
: >"$REC"
start_sandbox --record "$REC" || { not_ok "sandbox starts"; done_testing; }
write_config
cat >>"$TMPD/config" <<CONF

[profile live]
provider = hybridbox
base_url = $SANDBOX_URL
accounts = $(sandbox_hb_accounts)
token_env = E2E_TOKEN
production = true
CONF
E2E_ENV="XDG_STATE_HOME=$TMPD/state"
count_recorded() { grep -c "\"action\":\"$1\"" "$REC"; }

# select_email TEXT: filter the table down to that e-mail, first row.
select_email() {
    keys /
    literal "$1"
    keys Enter
    wait_re "\[1 all [12]\]" && keys g && wait_re "^. .*$1"
}

# ---- 7: production is named in the confirmation, not only coloured ----
PROD_LINE="Profile: live (hybridbox)  ▲ PRODUCTION"
start_tui 120 40 --config "$TMPD/config" --profile live
check "production: the table is loaded" wait_re " 1/40 *$"
check "production: the pending fixture" select_email pending.fixture@example.com
keys r
check "production: r opens the locale picker" wait_for "Locale of the invitation e-mail"
keys Enter
check "production: the single confirmation is open" \
    wait_for "Resend the invitation e-mail to pending.fixture@example.com?"
check "production: it names the production profile in words" wait_for "$PROD_LINE"
keys n
check "production: n cancels" wait_for "Nothing was sent."
keys Escape
keys Escape
check "production: the filter is cleared" wait_for "[1 all 40]"
keys 2
check "production: the pending tab" wait_re "\[2 pending [0-9]+\]"
keys g Space Space
check "production: two rows marked" wait_for "2 marked"
keys r
check "production: bulk asks for the locale" wait_for "Locale of the invitation e-mail"
keys Enter
check "production: the bulk confirmation is open" wait_for "Resend 2 invitation e-mails?"
check "production: it names the production profile in words" wait_for "$PROD_LINE"
keys n
check "production: nothing was sent" test "$(count_recorded resend)" = 0

# The CLI asks on a terminal: the same lines before [y/N].
ID=$(E2E_TOKEN=$SANDBOX_TOKEN "$INVITUI" --config "$TMPD/config" list --search pending.fixture \
    --json | sed -n 's/.*"id": *"\([0-9a-f-]\{36\}\)".*/\1/p' | head -n 1)
check "cli: the pending fixture's id" test -n "$ID"
restart_tui 120 40 --config "$TMPD/config" --profile live resend "$ID"
check "cli: the question" wait_for "Resend the invitation e-mail to pending.fixture@example.com? [y/N]"
check "cli: the production profile in words" wait_for "$PROD_LINE"
keys n Enter
check "cli: n cancels" wait_for "invitui exited with 2"
check "cli: nothing was sent" test "$(count_recorded resend)" = 0

# ---- 6: n on Hybridbox says what works, not "use resend" ----
restart_tui 200 40 --config "$TMPD/config"
check "send-new: the table is loaded" wait_re " 1/40 *$"
check "send-new: the expired fixture" select_email expired.fixture@example.com
keys n
check "send-new: an expired one is to be created anew, not resent" \
    wait_for "cannot resend an expired one: create a new invitation for the address instead."
check "send-new: no advice to resend" screen_lacks_re "use resend"
keys r
check "send-new: resend refuses it indeed" wait_for "Only pending invitations can be resent"
keys Escape Escape
check "send-new: the filter is cleared" wait_for "[1 all 40]"
check "send-new: the pending fixture" select_email pending.fixture@example.com
keys n
check "send-new: a pending one is to be resent" wait_for "this one is still pending, so resend it instead."
check "send-new: nothing was sent" test "$(count_recorded resend)" = 0

# ---- 1: marks hidden by the filter or the tab are not acted on ----
keys Escape Escape
check "marks: the filter is cleared" wait_for "[1 all 40]"
check "marks: the soon fixture" select_email soon.fixture@example.com
keys Space
check "marks: it is marked" wait_for "1 marked"
keys Escape Escape
check "marks: the filter is cleared again" wait_for "[1 all 40]"
check "marks: the key line shows no hidden mark while it is shown" screen_lacks_re "marked hidden"
check "marks: the pending fixture, the marked row filtered out" \
    select_email pending.fixture@example.com
check "marks: the key line says a marked row is hidden" wait_for "(1 marked hidden)"
keys r
check "marks: r asks for the locale" wait_for "Locale of the invitation e-mail"
keys Enter
check "marks: r acts on the selected row, not on the hidden mark" \
    wait_for "Resend the invitation e-mail to pending.fixture@example.com?"
check "marks: the confirmation says a marked row is hidden" \
    wait_for "1 marked invitation is hidden by the tab or filter and is not included."
keys n
check "marks: n cancels" wait_for "Nothing was sent."
keys Escape Escape
keys 3
check "marks: the expired tab hides the pending mark" wait_re "\[3 expired [0-9]+\]"
check "marks: the key line says so" wait_for "(1 marked hidden)"
keys g r
check "marks: r on an expired row refuses it, instead of resending the hidden mark" \
    wait_for "Only pending invitations can be resent"
keys 2
check "marks: on the pending tab the mark is shown" wait_re "\[2 pending [0-9]+\]"
check "marks: nothing hidden there" wait_gone "marked hidden"
keys r
check "marks: r asks for the locale" wait_for "Locale of the invitation e-mail"
keys Enter
check "marks: r takes the shown mark" wait_for "Resend 1 invitation e-mail?"
keys n
check "marks: nothing was sent" test "$(count_recorded resend)" = 0

done_testing
