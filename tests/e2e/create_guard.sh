#!/bin/sh
# The create form's review (#13): the ticket field of every confirmation (t,
# the session's ticket, written to the create's journal line) and
# ticket_required holding y until one is given; the duplicate guard (the
# e-mail already has a pending invitation in the account: the review says
# so, and r keeps the form and asks to resend that one, as r on its row).
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"
command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"

start_sandbox || { not_ok "sandbox starts"; done_testing; }
_accounts=$(sandbox_hb_accounts)
cat >"$TMPD/config" <<CONF
[profile req]
provider = hybridbox
base_url = $SANDBOX_URL
accounts = $_accounts
token_env = E2E_TOKEN
ticket_required = true
CONF
chmod 600 "$TMPD/config"
STATE="$TMPD/state"
JOURNAL="$STATE/invitui/journal.jsonl"
creates() { sandbox_get /_sandbox/actions | jq '[.[] | select(.action == "create")] | length'; }

E2E_ENV="XDG_STATE_HOME=$STATE" start_tui 100 30 --config "$TMPD/config" --profile req
check "the table is loaded" wait_re " 1/40 *$"

# fill EMAIL: a new form with the e-mail and the viewer role, at its review.
fill() {
    keys c
    wait_for "New invitation in" || return 1
    literal "$1"
    keys Enter Enter Enter
    literal "viewer"
    keys NPage Enter
    wait_for "Send this invitation?"
}

check "c, an e-mail and a role reach the review" fill ticket.one@example.com
check "the review says no ticket yet, and that the profile requires one" \
    wait_for "Ticket: none yet, and this profile requires one."
check "and how to give one" wait_for "t enters the ticket reference"
keys y
check "y is refused without a ticket" \
    wait_for "This profile requires a ticket reference (ticket_required): t enters it."
check "nothing was created" test "$(creates)" = 0
keys t
literal "HD-13"
keys Enter
check "the review shows the ticket typed" wait_for "Ticket: HD-13"
keys y
check "then y creates" wait_for "Invitation created for ticket.one@example.com"
check "one create reached the server" test "$(creates)" = 1
check "its journal line carries the ticket" \
    test "$(jq -s -r 'map(select(.action == "create"))[0] | "\(.result) \(.ticket)"' "$JOURNAL")" = \
    "ok HD-13"

check "the next form's review has the session's ticket" fill ticket.two@example.com
check "prefilled" wait_for "Ticket: HD-13"
check "no duplicate warning for a new address" screen_lacks_re "already has a pending invitation"

# ---- the duplicate guard (a new session: no kept form) ----
E2E_ENV="XDG_STATE_HOME=$STATE" restart_tui 100 30 --config "$TMPD/config" --profile req
check "the table is loaded again" wait_re " 1/41 *$"
DUP=pending.fixture@example.com
DUPID=$(sandbox_get "/v1/public/accounts/${_accounts%%,*}/auth/invitations" |
    jq -r "[.[] | select(.email == \"$DUP\" and .status == \"pending\")][0].id")
check "the sandbox has a pending invitation for $DUP" test "$DUPID" != null
# A marked row must not turn "resend that one" into a resend of the marks.
keys g Space
check "a row is marked" wait_for "1 marked"
BEFORE=$(creates)
check "c for that address reaches the review" fill "$DUP"
check "the review warns that it already has a pending invitation" \
    wait_for "$DUP already has a pending invitation in this account"
check "and which" wait_for "($DUPID)."
check "and when it was sent, offering r" wait_re "Sent .* ago\\. r resends that one instead"
check "the key line offers r" wait_re "  r resend that one  "
keys r
check "r closes the form, keeping it" wait_gone "Send this invitation?"
check "the resend asks for its locale first" wait_for "Locale of the invitation e-mail"
keys Enter
check "then the resend confirmation of that invitation, not of the marked row" \
    wait_for "Resend the invitation e-mail to $DUP?"
check "nothing was created" test "$(creates)" = "$BEFORE"
keys n
check "n cancels it" wait_gone "Resend the invitation e-mail to $DUP?"
check "the row of that invitation is selected" wait_re "Id: $DUPID"
keys c
check "c brings the form back as typed" wait_re "E-mail +$DUP"
done_testing
