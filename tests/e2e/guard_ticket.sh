#!/bin/sh
# The ticket field of every confirmation (t, remembered for the session and
# written to the journal), the recent-send guard (a resend minutes after
# the last one needs !, y does not send it), J showing and matching the
# ticket, and ticket_required holding the confirmation until one is typed.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"

REC="$TMPD/actions.jsonl"
: >"$REC"
start_sandbox --record "$REC" || { not_ok "sandbox starts"; done_testing; }
_accounts=$(sandbox_hb_accounts)
cat >"$TMPD/config" <<CONF
[profile hb]
provider = hybridbox
base_url = $SANDBOX_URL
accounts = $_accounts
token_env = E2E_TOKEN

[profile req]
provider = hybridbox
base_url = $SANDBOX_URL
accounts = $_accounts
token_env = E2E_TOKEN
ticket_required = true
resend_guard = 0
CONF
chmod 600 "$TMPD/config"
resends() { grep -c '"action":"resend"' "$REC"; }
JOURNAL="$TMPD/state/invitui/journal.jsonl"

select_pending() {
    keys /
    literal pending.fixture@example.com
    keys Enter
    wait_re "\[1 all [12]\]" && keys g && wait_re "^. .*pending.fixture@example.com"
}
# confirm_resend: r, the locale picker (none), the confirmation.
confirm_resend() {
    keys r
    wait_for "Locale of the invitation e-mail" && keys Enter &&
        wait_for "Resend the invitation e-mail to pending.fixture@example.com?"
}

E2E_ENV="XDG_STATE_HOME=$TMPD/state"
start_tui 120 40 --config "$TMPD/config" --profile hb
check "the table is loaded" wait_re " 1/40 *$"
check "the pending fixture is found" select_pending
check "r asks" confirm_resend
check "the confirmation offers the ticket key" wait_for "t enters the ticket reference"
check "and shows no ticket yet" screen_lacks_re "Ticket:"
keys t
literal "HD-42"
check "the ticket shows in the question as it is typed" wait_for "Ticket: HD-42"
keys Enter
check "Enter keeps it" wait_for "Ticket: HD-42"
keys y
check "y sends" wait_for "The invitation was resent to pending.fixture@example.com."
check "one resend" test "$(resends)" = 1
check "the journal line has the ticket" grep -q '"ticket":"HD-42"' "$JOURNAL"

check "r asks again" confirm_resend
check "the ticket is remembered for the next confirmation" wait_for "Ticket: HD-42"
check "the confirmation warns it was sent minutes ago" wait_for "from this machine."
check "and names the second key" wait_for "! sends it again, n or Esc cancels."
keys y
check "y does not send it again and says which key does" \
    wait_for "It was sent minutes ago: ! sends it again, n cancels."
check "nothing more was sent" test "$(resends)" = 1
check "the confirmation is still open" wait_for "from this machine."
keys '!'
check "! sends it again" wait_for "The invitation was resent to pending.fixture@example.com."
check "two resends now" test "$(resends)" = 2
check "both journaled with the ticket" test "$(grep -c '"ticket":"HD-42"' "$JOURNAL")" = 2

keys J
check "J shows the ticket of each entry" wait_re "resend +ok .*ticket HD-42"
keys /
literal "HD-42"
check "and / matches it" wait_for "filtered by \"HD-42\": 2 of 2"
keys Enter
check "Enter keeps the filter" wait_for ": 2 of 2"
keys q
check "q closes the journal" wait_gone "Journal, newest first"
keys q
check "q quits" wait_for "invitui exited with 0"

restart_tui 120 40 --config "$TMPD/config" --profile req
check "the req profile's table is loaded" wait_re " 1/40 *$"
check "the pending fixture is found there" select_pending
check "r asks (no guard on this profile)" confirm_resend
check "a new session has no ticket, and the profile requires one" \
    wait_for "Ticket: none yet, and this profile requires one."
check "no warning: resend_guard = 0" screen_lacks_re "from this machine"
keys y
check "y is refused without a ticket" \
    wait_for "This profile requires a ticket reference (ticket_required): t enters it."
check "nothing was sent" test "$(resends)" = 2
keys t
literal "HD-7"
keys Enter
check "the ticket is in the question" wait_for "Ticket: HD-7"
keys y
check "then y sends" wait_for "The invitation was resent to pending.fixture@example.com."
check "three resends" test "$(resends)" = 3
check "journaled with HD-7" grep -q '"ticket":"HD-7"' "$JOURNAL"
keys q
check "q quits" wait_for "invitui exited with 0"
done_testing
