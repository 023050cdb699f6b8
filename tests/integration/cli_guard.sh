#!/bin/sh
# The recent-send guard: a resend or send-new of an invitation the journal
# shows sent (ok) by the same profile less than resend_guard ago is refused
# with exit 1, saying when, unless --again; resend_guard = 0 turns it off.
. "${top_srcdir:-.}/tests/lib.sh"
command -v jq >/dev/null || skip_all "jq is not installed"
start_sandbox --seed 7 --accounts 1 --invitations 40 || { not_ok "sandbox starts"; done_testing; }
write_config
export XDG_STATE_HOME="$TMPD/state"
J="$XDG_STATE_HOME/invitui/journal.jsonl"
resends() {
    sandbox_get /_sandbox/actions | jq --arg id "$1" \
        '[.[] | select(.action == "resend" and .id == $id)] | length'
}

cli accounts --json
ACC=$(jq -r '.[0].id' "$TMPD/out")
cli list --account "$ACC" --status pending --json
PENDING=$(jq -r '.[0].id' "$TMPD/out")
OTHER=$(jq -r '.[1].id' "$TMPD/out")
EMAIL=$(jq -r '.[0].email' "$TMPD/out")

cli resend "$PENDING" --yes
expect_rc 0 "the first resend goes out"
cli resend "$PENDING" --yes
expect_rc 1 "a second resend minutes later is refused"
check "it says to whom it was sent" grep -qF "$EMAIL" "$TMPD/err"
check "when" grep -q 'sent .*ago\|sent now\|seconds ago' "$TMPD/err"
check "and by whom: this machine (the journal records no user)" grep -q 'from this machine' "$TMPD/err"
check "it names --again" grep -q -- '--again' "$TMPD/err"
check "the server saw one resend only" test "$(resends "$PENDING")" = 1
check "the refusal is not an attempt: one journal line" test "$(wc -l <"$J")" = 1

cli resend "$OTHER" --yes
expect_rc 0 "another invitation is not held back"

cli resend "$PENDING" --again --yes --json
expect_rc 0 "--again sends it anyway"
check "the server saw the second resend" test "$(resends "$PENDING")" = 2
check "and the journal has it" \
    test "$(jq -s --arg id "$PENDING" '[.[] | select(.target_id == $id)] | length' "$J")" = 2

# A create is a send too: resending the new invitation at once is held back.
cli create --account "$ACC" --email guard.new@example.com --role viewer --yes --json
expect_rc 0 "create"
NEW=$(jq -r '.[0].id' "$TMPD/out")
cli resend "$NEW" --yes
expect_rc 1 "resending a just-created invitation is refused"
check "the server saw no resend of it" test "$(resends "$NEW")" = 0

# Only a send that went through counts: a failed line does not hold back.
cli list --account "$ACC" --status pending --json
FAILED=$(jq -r '.[3].id' "$TMPD/out")
printf '{"time":"%s","profile":"hb","provider":"hybridbox","account":"%s","target_id":"%s","email":"x@example.com","action":"resend","locale":null,"result":"failed","http_status":500,"message":"boom","trace_id":null,"instance":null}\n' \
    "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$ACC" "$FAILED" >>"$J"
cli resend "$FAILED" --yes
expect_rc 0 "a failed send in the journal does not hold back"

# Another profile's send is not this profile's.
cli list --account "$ACC" --status pending --json
ELSEWHERE=$(jq -r '.[4].id' "$TMPD/out")
printf '{"time":"%s","profile":"other","provider":"hybridbox","account":"%s","target_id":"%s","email":"x@example.com","action":"resend","locale":null,"result":"ok","http_status":null,"message":null,"trace_id":null,"instance":null}\n' \
    "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$ACC" "$ELSEWHERE" >>"$J"
cli resend "$ELSEWHERE" --yes
expect_rc 0 "another profile's send does not hold back"

# Create warns of a pending invitation to the same address: refused (exit 1)
# with the resend to use instead, unless --again.
creates() { sandbox_get /_sandbox/actions | jq '[.[] | select(.action == "create")] | length'; }
before=$(creates)
cli create --account "$ACC" --email "$EMAIL" --role viewer --yes
expect_rc 1 "a create for an address with a pending invitation is refused"
check "it names the pending invitation and the resend" grep -q "invitui resend $PENDING" "$TMPD/err"
check "and --again" grep -q -- '--again' "$TMPD/err"
check "nothing was created" test "$(creates)" = "$before"
cli create --account "$ACC" --email "$EMAIL" --role viewer --again --yes
check "--again asks the server anyway (the Hybridbox sandbox answers 409 itself)" \
    test "$(creates)" = $((before + 1))

write_config "resend_guard = 0"
cli resend "$PENDING" --yes
expect_rc 0 "resend_guard = 0 turns the guard off"

write_config "resend_guard = 1s"
wait_until 5 sh -c "test \$(( \$(date +%s) - \$(tail -n 1 '$J' | jq -r .time | xargs -I{} date -d {} +%s) )) -ge 2"
cli resend "$PENDING" --yes
expect_rc 0 "a send older than resend_guard does not hold back"

write_config "resend_guard = soon"
cli resend "$PENDING" --yes
expect_rc 2 "a bad resend_guard is a configuration error"
check "naming the setting" grep -q 'resend_guard' "$TMPD/err"
check "nothing was sent" test "$(resends "$PENDING")" = 4

done_testing
