#!/bin/sh
# `invitui create --from ID`: reissuing an invitation asks for what the old
# one asked for, the command line overrides or adds, and the usual
# confirmation and journal follow.
. "${top_srcdir:-.}/tests/lib.sh"
command -v jq >/dev/null || skip_all "jq is not installed"
start_sandbox --seed 13 --accounts 1 --invitations 80 || { not_ok "sandbox starts"; done_testing; }
write_config
export XDG_STATE_HOME="$TMPD/state"
JOURNAL="$XDG_STATE_HOME/invitui/journal.jsonl"
ACC=$(sandbox_hb_accounts)
sandbox_get "/v1/public/accounts/$ACC/auth/invitations" >"$TMPD/all.json"
# What a create request can carry of each assignment, sorted.
asg='[.assignments[] | select(.role_key or .capability_key or .group_id)
      | {role_key, capability_key, group_id, resource_id}] | sort_by(tostring)'

OLD=$(jq -r '[.[] | select(.status == "expired" and (.assignments | length) > 1
              and all(.assignments[]; .grant_kind != "account_owner"))][0].id' "$TMPD/all.json")
jq ".[] | select(.id == \"$OLD\")" "$TMPD/all.json" >"$TMPD/old.json"
EMAIL=$(jq -r .email "$TMPD/old.json")
N_BEFORE=$(jq length "$TMPD/all.json")

cli create --from "$OLD"
expect_rc 2 "without a terminal and without --yes nothing is sent"
check "nothing was created" \
    test "$(sandbox_get "/v1/public/accounts/$ACC/auth/invitations" | jq length)" = "$N_BEFORE"

cli create --from "$OLD" --yes --json
expect_rc 0 "create --from an expired invitation"
jq '.[0].raw' "$TMPD/out" >"$TMPD/new.json"
check "the new invitation is pending" test "$(jq -r .status "$TMPD/new.json")" = pending
check "it is a new invitation" test "$(jq -r .id "$TMPD/new.json")" != "$OLD"
check "to the same address" test "$(jq -r .email "$TMPD/new.json")" = "$EMAIL"
check "with the same assignments" \
    test "$(jq -c "$asg" "$TMPD/new.json")" = "$(jq -c "$asg" "$TMPD/old.json")"
check "and the same note" test "$(jq -c .note "$TMPD/new.json")" = "$(jq -c .note "$TMPD/old.json")"
check "the journal has the create" \
    test "$(tail -n 1 "$JOURNAL" | jq -r '[.action, .result] | join(" ")')" = "create ok"

cli create --from "$OLD" --role billing_admin --note "ticket 42" --email other@example.com --yes --json
expect_rc 0 "create --from with overrides"
jq '.[0].raw' "$TMPD/out" >"$TMPD/new2.json"
check "--email overrides the address" test "$(jq -r .email "$TMPD/new2.json")" = other@example.com
check "--note overrides the note" test "$(jq -r .note "$TMPD/new2.json")" = "ticket 42"
check "--role adds one assignment to the old ones" \
    test "$(jq -c --argjson old "$(jq -c "$asg" "$TMPD/old.json")" \
            "$asg | [(\$old - . == []), (length == (\$old | length) + 1),
                     any(.[]; .role_key == \"billing_admin\")]" "$TMPD/new2.json")" = '[true,true,true]'

cli create --from 00000000-0000-4000-8000-000000000000 --yes
expect_rc 1 "an id that is not there is an error"
cli create --from nope --yes
expect_rc 2 "a malformed id is refused"

# Marketplace: names and groups.
MACC=$(sandbox_get /public/v1/accounts/accounts | jq -r '.data[0].id')
cli --profile mp list --account "$MACC" --json
MOLD=$(jq -r '[.[] | select(.raw.user.firstName and .raw.user.lastName)][0].id' "$TMPD/out")
jq ".[] | select(.id == \"$MOLD\") | .raw" "$TMPD/out" >"$TMPD/mold.json"
cli --profile mp create --from "$MOLD" --email reissued@example.com --yes --json
expect_rc 0 "Marketplace create --from with a new address"
check "the new user has the old one's names and groups" \
    test "$(jq -c '[.user.firstName, .user.lastName, ([.groups[].id] | sort)]' "$TMPD/mold.json")" = \
         "$(jq -c '.[0].raw | [.user.firstName, .user.lastName, ([.groups[].id] | sort)]' "$TMPD/out")"
done_testing
