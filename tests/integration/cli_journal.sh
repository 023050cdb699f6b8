#!/bin/sh
# Every CLI action (create, resend, send-new) leaves one JSON line in
# $XDG_STATE_HOME/invitui/journal.jsonl, failed ones too, and no token.
. "${top_srcdir:-.}/tests/lib.sh"
command -v jq >/dev/null || skip_all "jq is not installed"
start_sandbox --accounts 1 --invitations 40 || { not_ok "sandbox starts"; done_testing; }
TOKEN_USED=$SANDBOX_TOKEN
write_config "locale = de"
export XDG_STATE_HOME="$TMPD/state"
J="$XDG_STATE_HOME/invitui/journal.jsonl"
line() { sed -n "${1}p" "$J"; }

cli accounts --json
ACC=$(jq -r '.[0].id' "$TMPD/out")
cli list --account "$ACC" --status pending --json
PENDING=$(jq -r '.[0].id' "$TMPD/out")
PENDING_EMAIL=$(jq -r '.[0].email' "$TMPD/out")
check "reading does not journal" test ! -e "$J"

cli resend "$PENDING" --locale fr --yes --json
expect_rc 0 "resend"
check "the journal exists with mode 0600" test "$(stat -c %a "$J")" = 600
check "its directory is 0700" test "$(stat -c %a "$XDG_STATE_HOME/invitui")" = 700
check "one line, valid JSON" test "$(wc -l <"$J")" = 1 -a "$(jq -s length "$J")" = 1
check "the resend line has every field" test "$(line 1 | jq -c '[.profile, .provider, .account,
    .target_id, .email, .action, .locale, .result, .message]')" = \
    "$(jq -cn --arg a "$ACC" --arg id "$PENDING" --arg e "$PENDING_EMAIL" \
        '["hb", "hybridbox", $a, $id, $e, "resend", "fr", "ok", null]')"
check "the time is ISO UTC" \
    sh -c "sed -n 1p '$J' | jq -r .time | grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z\$'"

# A bad e-mail is refused before anything is sent: nothing to journal.
cli create --account "$ACC" --email not-an-email --role editor --yes
expect_rc 2 "create with a bad e-mail is refused locally"
check "a create never attempted is not journaled" test "$(wc -l <"$J")" = 1

cli create --account "$ACC" --email refused@example.com --role no-such-role --yes
expect_rc 1 "create with an unknown role fails (422)"
check "the failed create is journaled" test "$(wc -l <"$J")" = 2
check "as failed, with status 422, the e-mail, no target, the profile's locale" \
    test "$(line 2 | jq -c '[.action, .result, .http_status, .email, .target_id, .locale]')" = \
    '["create","failed",422,"refused@example.com",null,"de"]'
check "with the server's reason" sh -c "sed -n 2p '$J' | jq -r .message | grep -qi role_key"

cli create --account "$ACC" --email new.person@example.com --role viewer --yes --json
expect_rc 0 "create"
NEW=$(jq -r '.[0].id' "$TMPD/out")
check "the created invitation's id is journaled" \
    test "$(line 3 | jq -r '.action + " " + .result + " " + .target_id')" = "create ok $NEW"

# Resends the server fails: the same data (same seed), but every POST to
# .../resend answers 5xx, then has its connection reset.
stop_sandbox
start_sandbox --accounts 1 --invitations 40 --fault 5xx --fault-path /resend ||
    not_ok "a sandbox failing resends starts"
write_config
cli resend "$PENDING" --account "$ACC" --again --yes
expect_rc 5 "a resend answered with 5xx may have been carried out"
check "it is journaled with the 5xx status, outcome unknown (the e-mail may have gone)" \
    sh -c "tail -n 1 '$J' | jq -e '.action == \"resend\" and .result == \"unknown\" and .http_status >= 500' >/dev/null"

stop_sandbox
start_sandbox --accounts 1 --invitations 40 --fault reset --fault-path /resend ||
    not_ok "a sandbox resetting resends starts"
write_config
n=$(wc -l <"$J")
cli resend "$PENDING" --account "$ACC" --again --yes
expect_rc 5 "a resend reset after it was sent may have been carried out"
check "and is journaled as unknown, never ok or failed" \
    sh -c "test \$(wc -l <'$J') = $((n + 1)) && tail -n 1 '$J' | jq -e '.result == \"unknown\"' >/dev/null"

check "every line is valid JSON" sh -c "jq -e . '$J' >/dev/null"
check "the token appears nowhere in the journal" sh -c "! grep -qF '$TOKEN_USED' '$J'"
check "no Authorization header either" sh -c "! grep -qi 'bearer' '$J'"

rm -f "$J"
chmod 500 "$XDG_STATE_HOME/invitui"
cli create --account "$ACC" --email other.person@example.com --role viewer --yes
chmod 700 "$XDG_STATE_HOME/invitui"
if [ "$(id -u)" -ne 0 ]; then
    expect_rc 0 "an unwritable journal does not change the exit status"
    check "it is a warning on stderr" grep -qi 'warning.*journal' "$TMPD/err"
    check "and nothing was written" test ! -e "$J"
fi
done_testing
