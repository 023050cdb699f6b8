#!/bin/sh
# A failed action's trace id in the TUI at 80x24: a Marketplace create with
# an unknown group answers 400 with a traceId; the status line shows the
# message with the short trace (the message gives way, not the trace), Esc
# keeps the error, E shows it whole on a line of its own, y copies it, and
# the journal view (J) has it under the entry. The expected id is the one
# the journal recorded, and that one the CLI tests compare with the sandbox.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"
command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"

start_sandbox --accounts 1 || { not_ok "sandbox starts"; done_testing; }
write_config
STATE="$TMPD/state"
J="$STATE/invitui/journal.jsonl"
tm set-option -g set-clipboard on 2>/dev/null
E2E_ENV="XDG_STATE_HOME=$STATE" start_tui 80 24 --config "$TMPD/config" --profile mp
tm set-option -g set-clipboard on
check "the Marketplace table is loaded" wait_re " 1/[0-9]+ *$"

keys c
check "c opens the form" wait_for "New invitation in"
literal "trace.me@example.com"
keys Enter
literal "Trace"
keys Enter
literal "Me"
keys Enter
literal "UGR-9999-9999"
keys NPage Enter
check "the review" wait_for "Send this invitation?"
keys y
check "the 400 comes back beside the group" wait_for "✗ The user group does not exist in the account."
check "the failed create is journaled with its trace id" \
    wait_until 10 sh -c 'test "$(jq -r .trace_id "$1" 2>/dev/null)" != ""' - "$J"
TRACE=$(jq -r .trace_id "$J")
check "a W3C trace id ($TRACE)" \
    sh -c 'printf "%s\n" "$1" | grep -Eq "^00-[0-9a-f]{32}-[0-9a-f]{16}-00$"' - "$TRACE"
SHORT=$(printf '%s' "$TRACE" | cut -c4-11)
STATUS_RE="^✗ Not created: HTTP 400: One or more validation .*…  trace $SHORT… *$"
check "the status line: the message cut, then the short trace" wait_re "$STATUS_RE"
check "not the whole id there" screen_lacks_re "^✗ .*$TRACE"

keys Escape
check "Esc closes the form" wait_gone "New invitation in"
check "the error stays on the status line, with its trace" wait_re "^✗ Not created: HTTP 400: .*  trace $SHORT…"
check "instead of the kept-form hint" screen_lacks_re "The form is kept"
check "Enter would open it" wait_re "^Enter details"

keys E
check "E opens the full error" wait_re "│▶ Error +│"
check "saying what failed" wait_re "│Not created +│"
check "the trace id whole, on a line of its own" wait_re "│Trace id: $TRACE *│"
check "the field error in full" wait_re "│groups\[0\]\.id: The user group does not exist in the account\. *│"
check "the HTTP status" wait_re "│HTTP status: 400 *│"
check "the key line offers to copy it" wait_re "y copy trace id"
keys y
check "y copies the trace id, the title says so" wait_for "Error (trace id copied)"
check "the clipboard has the whole id" \
    sh -c 'tmux -L "$1" -f /dev/null show-buffer | grep -qxF "$2"' - "$TMUX_SOCK" "$TRACE"
check "the error is still on the status line after copying" \
    wait_re "^✗ Not created: HTTP 400: .*  trace $SHORT…"
keys q
check "q closes the error" wait_gone "Trace id:"

keys :
literal "error"
keys Enter
check ":error opens it again" wait_re "│Trace id: $TRACE *│"
keys q
wait_gone "Trace id:"

keys J
check "J shows the journal" wait_for "Journal, newest first (1 entry)"
check "the failed create" wait_re "create +failed \(400\) +trace.me@example.com"
check "and its trace id under it" wait_re "│ +trace id: $TRACE *│"
keys q
wait_gone "Journal, newest first"
keys q
check "q asks first: the failed create's form is kept" wait_for "Quit and lose what you typed?"
keys y
check "y quits" wait_for "invitui exited with 0"
done_testing
