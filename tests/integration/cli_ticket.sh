#!/bin/sh
# The ticket trail: --ticket on every action goes into its journal line;
# ticket_required = true makes it mandatory (exit 2, nothing sent); and
# `invitui journal` prints the trail, filtered by --ticket, --email, --since.
. "${top_srcdir:-.}/tests/lib.sh"
command -v jq >/dev/null || skip_all "jq is not installed"
start_sandbox --seed 11 --accounts 1 --invitations 60 || { not_ok "sandbox starts"; done_testing; }
write_config
export XDG_STATE_HOME="$TMPD/state"
J="$XDG_STATE_HOME/invitui/journal.jsonl"
posts() { sandbox_get /_sandbox/actions | jq length; }

cli accounts --json
ACC=$(jq -r '.[0].id' "$TMPD/out")
cli list --account "$ACC" --status pending --json
P1=$(jq -r '.[0].id' "$TMPD/out")
P2=$(jq -r '.[1].id' "$TMPD/out")
E2=$(jq -r '.[1].email' "$TMPD/out")

# An old line, written before tickets existed, is still read.
mkdir -p "$XDG_STATE_HOME/invitui"
printf '{"time":"2020-01-02T03:04:05Z","profile":"hb","provider":"hybridbox","account":"%s","target_id":"%s","email":"old@example.com","action":"resend","locale":null,"result":"ok","http_status":null,"message":null,"trace_id":null,"instance":null}\n' \
    "$ACC" "$P1" >"$J"

cli resend "$P1" --ticket HD-1 --yes
expect_rc 0 "resend with --ticket"
check "its journal line has the ticket" test "$(tail -n 1 "$J" | jq -r .ticket)" = HD-1
cli create --account "$ACC" --email ticket.new@example.com --role viewer --ticket HD-2 --yes
expect_rc 0 "create with --ticket"
check "the create's line has its ticket" \
    test "$(tail -n 1 "$J" | jq -r '.action + " " + .ticket')" = "create HD-2"
cli resend "$P2" --yes
expect_rc 0 "resend without a ticket (not required)"
check "its line has no ticket" test "$(tail -n 1 "$J" | jq -r '.ticket')" = null

cli --profile mp list --json
MP=$(jq -r '[.[] | select(.raw_status == "Invited")][0].id' "$TMPD/out")
cli --profile mp remove "$MP" --ticket HD-1 --yes
expect_rc 0 "remove with --ticket"
check "the removal's line has the ticket" \
    test "$(tail -n 1 "$J" | jq -r '.action + " " + .ticket')" = "remove HD-1"

cli resend "$P2" --ticket "" --yes
expect_rc 2 "an empty --ticket is a usage error"
check "naming --ticket" grep -q -- '--ticket' "$TMPD/err"

# invitui journal
cli journal --ticket HD-1
expect_rc 0 "journal --ticket"
check "exactly the two HD-1 lines and the header" test "$(wc -l <"$TMPD/out")" = 3
check "every row is HD-1" test "$(tail -n +2 "$TMPD/out" | grep -c 'HD-1')" = 2
check "the header names the columns" \
    sh -c "head -n 1 '$TMPD/out' | grep -q 'TIME.*PROFILE.*ACTION.*EMAIL.*RESULT.*TICKET.*TRACE ID'"
cli journal --ticket hd-1 --json
expect_rc 0 "journal --ticket --json"
check "--json is an array of the matching records" \
    test "$(jq -c '[.[] | [.action, .ticket]]' "$TMPD/out")" = '[["resend","HD-1"],["remove","HD-1"]]'
check "in the order they happened, with every field" \
    test "$(jq -r '.[0] | [.profile, .target_id, .result] | join(" ")' "$TMPD/out")" = "hb $P1 ok"
cli journal --json
check "without a filter every record, the old one too (ticket null)" \
    test "$(jq -c '[length, .[0].ticket, .[0].email]' "$TMPD/out")" = '[5,null,"old@example.com"]'
cli journal --since 1d --json
check "--since 1d leaves out the old record" test "$(jq length "$TMPD/out")" = 4
cli journal --since 2020-01-01 --json
check "--since a date takes it in" test "$(jq length "$TMPD/out")" = 5
cli journal --email "$E2" --json
check "--email picks that address's records" \
    test "$(jq -c --arg e "$E2" '[length, all(.[]; .email == $e)]' "$TMPD/out")" = '[1,true]'
cli journal --ticket HD-404
expect_rc 0 "no match is not an error"
check "it says so on stderr" grep -q 'no journal entries' "$TMPD/err"
cli journal --since yesterday
expect_rc 2 "a bad --since is a usage error"
check "saying what --since takes" grep -q '30m' "$TMPD/err"

# ticket_required
write_config "ticket_required = true"
before=$(posts)
cli resend "$P2" --again --yes
expect_rc 2 "a profile with ticket_required refuses an action without --ticket"
check "the error names the setting" grep -q 'ticket_required' "$TMPD/err"
check "nothing was sent" test "$(posts)" = "$before"
cli create --account "$ACC" --email ticket.two@example.com --role viewer --yes
expect_rc 2 "create too"
cli resend "$P2" --again --ticket HD-3 --yes
expect_rc 0 "with --ticket it goes"
check "journaled with it" test "$(tail -n 1 "$J" | jq -r .ticket)" = HD-3
cli --profile mp list --json
expect_rc 0 "reading needs no ticket"

done_testing
