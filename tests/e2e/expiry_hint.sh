#!/bin/sh
# The server's status decides, the computed expiry is a hint: a row whose
# expiry time has passed while the server still says pending shows
# "expired?" under the expired tab, and r is still offered on it (n is
# not, on the Marketplace). y on a Marketplace row copies the accept link.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"
command -v jq >/dev/null || skip_all "jq is not installed"

start_sandbox --accounts 1 --invitations 80 --expiry-lag 86400 ||
    { not_ok "sandbox starts"; done_testing; }
write_config
export E2E_TOKEN="$SANDBOX_TOKEN"

# hint_email PROFILE: the e-mail of a row whose status is only computed.
hint_email() {
    "$INVITUI" --config "$TMPD/config" --profile "$1" list --json </dev/null 2>"$TMPD/err" |
        jq -r '[.[] | select(.status_computed)] | sort_by(.email) | .[0].email // empty'
}

# select_email TEXT: filter the table to that e-mail and select the first row.
select_email() {
    keys /
    literal "$1"
    keys Enter
    wait_re "\[[0-9] [a-z]+ 1\]" && keys g && wait_re "^. .*$1"
}

HB=$(hint_email hb)
MP=$(hint_email mp)
check "the sandbox has a Hybridbox row past expires_at but still pending ($HB)" test -n "$HB"
check "and a Marketplace user past the 7 days but still Invited ($MP)" test -n "$MP"

start_tui 120 40 --config "$TMPD/config"
check "hybridbox: the table is loaded" wait_re " 1/[0-9]+ *$"
keys 3
check "the expired tab" wait_re "\[3 expired [0-9]+\]"
check "the row is under the expired tab" select_email "$HB"
check "its status says expired?, a hint" wait_re "$HB +. expired\?"
check "resend is still offered (not greyed)" wait_re "^r resend  \[n send new\]"
keys r
check "r opens the locale picker" wait_for "Locale of the invitation e-mail"
keys Escape
check "Esc cancels" wait_for "Nothing was sent."
keys Tab
check "the detail says the server still says pending" wait_for "server: pending"

restart_tui 120 40 --config "$TMPD/config" --profile mp
check "marketplace: the table is loaded" wait_re " 1/[0-9]+ *$"
keys 3
check "the expired tab" wait_re "\[3 expired [0-9]+\]"
check "the Invited user is under the expired tab" select_email "$MP"
check "its status says expired?" wait_re "$MP .* . expired\? +expired "
check "resend is offered, send new is not" wait_re "^r resend \(deprecated\)  \[n send new\]"
keys n
check "n says the server says Invited" wait_for "The server says Invited"
keys r
check "r asks to confirm the resend-invite" wait_for "(resend-invite, deprecated)"
keys y
check "the resend reaches the server" wait_for "resent"
check "the server's answer moves it to pending" wait_re "2 pending 1 .*\[3 expired 0\]"
keys 2
check "where it is pending again, with a fresh expiry" wait_re "$MP .* . pending +expires in"

keys y
check "y copies the accept link of the invitation" wait_re "Copied: https://[^ ]*accept-invite\?code="

keys q
check "q quits" wait_for "invitui exited with 0"
done_testing
