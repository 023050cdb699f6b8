#!/bin/sh
# Bulk send-new in the TUI: marks (Space, *, u), one confirmation with the
# count and the skipped ones, a run with the profile's concurrency against
# a sandbox that fails every fifth send-new (5xx), the result list, a
# resize over the overlay, a retry of the unknown ones on request only (u,
# never with f), rows updated in place, one journal line per attempt, and
# Esc stopping only what was not sent yet.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"

REC="$TMPD/actions.jsonl"
: >"$REC"
# 150 users per account: more than 50 of them InvitationExpired. No lag:
# every user past the 7 days is InvitationExpired, so the expired tab holds
# only rows that send-new applies to.
start_sandbox --invitations 150 --expiry-lag 0 --latency 100 --fault 5xx:0.2 --fault-path send-new-invite \
    --record "$REC" || { not_ok "sandbox starts"; done_testing; }
write_config
cat >>"$TMPD/config" <<CONF

[profile mpc]
provider = marketplace
base_url = $SANDBOX_URL
token_env = E2E_TOKEN
concurrency = 3
CONF
E2E_ENV="XDG_STATE_HOME=$TMPD/state"
JOURNAL="$TMPD/state/invitui/journal.jsonl"

start_tui 120 40 --config "$TMPD/config" --profile mpc
check "the table is loaded" wait_re " 1/150 *$" 30
keys 3
check "the expired tab is shown" wait_re "\[3 expired [0-9]+\]"
N=$(screen | sed -n 's/.*\[3 expired \([0-9]*\)\].*/\1/p' | head -n 1)
check "more than 50 expired users ($N)" test "${N:-0}" -gt 50

keys '*'
check "* marks every shown row" wait_for "$N marked"
check "the mark column shows a character" wait_re "│\* +[^ ]+@"
keys u
check "u clears the marks" wait_gone "$N marked"
check "and the mark column" screen_lacks_re '│\* '
keys '*'
check "* again" wait_for "$N marked"
# One row that is not eligible: an Invited user, marked with Space.
keys 2
check "the pending tab" wait_re "\[2 pending [0-9]+\]"
keys g Space
check "Space marks one more" wait_for "$((N + 1)) marked"
# Actions take the marked rows the view shows: the all tab shows both kinds.
keys 1
check "on the all tab" wait_re "\[1 all [0-9]+\]"

keys n
check "one question for all" \
    wait_for "Send a new invitation (send-new-invite) to $N users?"
check "it says how many are skipped" \
    wait_for "1 marked invitation is not eligible and will be skipped."
check "it names the first addresses" wait_re "^ *│  [^ ]+@[^ ]+ *│"
check "every address, not \"and N more\"" screen_lacks_re "… and [0-9]+ more"
check "and the concurrency" wait_for "At most 3 requests at a time"
check "and the profile" wait_for "Profile: mpc (marketplace)"
check "nothing sent before y" test "$(grep -c '"send-new"' "$REC")" = 0
keys y
check "a progress bar while it runs" wait_re "\[#*\.+\] [0-9]+/$N"
check "the run finishes" wait_for "Send new: finished" 60
check "the bar is full" wait_re "\[#+\] $N/$N"
F=$((N / 5))
# A 5xx after a POST leaves the outcome open: the counts say unknown, not failed.
check "the counts: $((N - F)) ok, $F unknown, 1 skipped" \
    wait_for "ok $((N - F)), failed 0, unknown $F, skipped 1, stopped 0"
check "the failed ones are listed with a reason" wait_re "│(failed|unknown) +[^ ]+@[^:]+: HTTP 50[03]"
check "the skipped one with its reason" wait_re "skipped +[^ ]+@[^:]+: "
# A 5xx fault is answered before any processing, so it is not recorded.
check "the sandbox sent $((N - F)) new invitations" \
    test "$(grep '"send-new"' "$REC" | grep -c '"status":200')" = $((N - F))
check "and nothing else" test "$(grep -c '"send-new"' "$REC")" = $((N - F))
# A 5xx after a POST leaves the outcome open: those rows are "unknown", and
# "retry failed" (f) never takes them; u asks about them on its own.
check "the 5xx ones are listed as unknown" wait_re "│unknown +[^ ]+@[^:]+: HTTP 50[03]"
check "the key line offers retry unknown" wait_for "u retry unknown"
check "and not retry failed (nothing failed for sure)" screen_lacks_re "f retry failed"
check "nothing is retried by itself" test "$(grep -c '"send-new"' "$REC")" = $((N - F))

tm resize-window -t t -x 90 -y 30
check "the overlay survives a resize" wait_re "Send new: finished"
check "the counts still show" wait_for "ok $((N - F)), failed 0, unknown $F"
tm resize-window -t t -x 120 -y 40
check "and another" wait_for "u retry unknown"

keys f
check "f does not send the unknown ones again" wait_for "Nothing failed for sure; u sends"
check "f sent nothing" test "$(grep -c '"send-new"' "$REC")" = $((N - F))
keys u
check "u asks separately, naming the unknown ones" \
    wait_for "Send again to the $F invitations whose outcome is unknown?"
check "warning that they may have been sent" wait_for "They may have been sent already"
check "it names the first addresses" wait_re "^ *│  [^ ]+@[^ ]+ *│"
keys y
check "the retry finishes" wait_for "Send new: finished" 60
# The sandbox keeps counting: every fifth request of the whole run fails.
F2=$(( (N + F) / 5 - N / 5 ))
check "the retry counts: $((F - F2)) ok, $F2 unknown" \
    wait_for "ok $((F - F2)), failed 0, unknown $F2, skipped 0"
check "the sandbox sent $((N - F2)) in all" test "$(grep -c '"send-new"' "$REC")" = $((N - F2))
keys q
check "q closes the result list" wait_gone "Send new: finished"
keys 3
check "rows changed in place: $F2 still expired" wait_re "\[3 expired $F2\]"
check "the failed and the skipped stay marked" wait_for "$((F2 + 1)) marked"

check "one journal line per attempt" test "$(grep -c '"action":"send-new"' "$JOURNAL")" = $((N + F))
check "ok and unknown/failed lines" \
    test "$(grep '"action":"send-new"' "$JOURNAL" | grep -c '"result":"ok"')" = $((N - F2))
check "no token in the journal" sh -c "! grep -qF '$SANDBOX_TOKEN' '$JOURNAL'"
keys J
check "J lists every attempt" wait_for "Journal, newest first ($((N + F)) entries)"
keys G
check "the journal view scrolls to the oldest" wait_re "send-new  (ok|failed|unknown)"
keys q
check "q closes the journal" wait_gone "Journal, newest first"

# Esc stops a run: nothing more is sent, what is under way finishes.
keys Tab Tab
check "the accounts pane" wait_re "^ *▶ *Accounts|Accounts \(2\)"
keys j Enter
check "the second account opens" wait_for "account: Zoë Consulting AB"
# Its expired tab (still the current one) fills with more than the F2 left above.
check "its users are loaded" wait_re "\[3 expired [0-9]{2,}\]" 30
# Marketplace pages show as they land: count the tab only once the last one is in.
check "all its pages are in" wait_gone "Loading invitations" 30
M=$(screen | sed -n 's/.*\[3 expired \([0-9]*\)\].*/\1/p' | head -n 1)
before=$(grep -c '"send-new"' "$REC")
before200=$(grep '"send-new"' "$REC" | grep -c '"status":200')
keys '*'
check "all marked" wait_for "$M marked"
keys n
check "asked" wait_for "to $M users?"
keys y
check "running" wait_for "Send new: running"
keys Escape
# The stop message lasts until the run is over, which may come at once.
check "Esc says it stops" wait_re "Stopping: nothing more is sent|The run was stopped"
check "the run ends" wait_for "Send new: finished" 30
check "with stopped targets" wait_re "stopped [1-9][0-9]*$|stopped [1-9][0-9]* *│"
check "listed as stopped" wait_re "│stopped +[^ ]+@"
sent=$(( $(grep -c '"send-new"' "$REC") - before ))
check "fewer than $M were sent ($sent)" test "$sent" -lt "$M"
# The requests under way when Esc came were not cut off: they finished with
# their real result, so the list's ok count is what the server did.
counts=$(screen | sed -n 's/.*ok \([0-9]*\), failed \([0-9]*\), unknown \([0-9]*\), skipped 0, stopped \([0-9]*\).*/\1 \2 \3 \4/p' |
    head -n 1)
set -- $counts
OKS=${1:-x} FAILS=${2:-x} UNKNOWN=${3:-x} STOPS=${4:-x}
done200=$(( $(grep '"send-new"' "$REC" | grep -c '"status":200') - before200 ))
check "ok, failed, unknown and stopped add up to $M ($counts)" \
    test "$((OKS + FAILS + UNKNOWN + STOPS))" = "$M"
check "the sandbox's successful send-news ($done200) are the ok count ($OKS)" \
    test "$done200" = "$OKS"
check "some were in flight at Esc and finished ok" test "$OKS" -gt 0
check "no request was cut off (none reads cancelled)" screen_lacks_re "cancelled"
keys q
keys q
check "q quits" wait_for "invitui exited with 0"
done_testing
