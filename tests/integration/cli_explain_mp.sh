#!/bin/sh
# `invitui explain ID MODULE` and `list --can MODULE` on the Marketplace:
# the user's modules say whether they have it, the account's user groups
# (modules[]) say which of their groups gives it; when not, the group that
# would, as the `invitui groups` command to run while they are Invited; and
# when the groups cannot be read, the attribution is unknown, never guessed.
. "${top_srcdir:-.}/tests/lib.sh"
command -v jq >/dev/null || skip_all "jq is not installed"
start_sandbox --seed 13 --accounts 1 --invitations 60 || { not_ok "sandbox starts"; done_testing; }
write_config
export XDG_STATE_HOME="$TMPD/state"

ACC=$(sandbox_get /public/v1/accounts/accounts | jq -r '.data[0].id')
sandbox_get "/public/v1/accounts/user-groups?eq(account.id,%22$ACC%22)&limit=100" >"$TMPD/ugr.json"
# The groups by what they give: one giving a module alone, the smallest
# other one giving it too, and a module only the largest group gives.
gid() { jq -r "$1" "$TMPD/ugr.json"; }
G_DEFAULT=$(gid '[.data[] | select(.isDefault)][0].id')
MOD=$(gid "[.data[] | select(.id == \"$G_DEFAULT\") | .modules[].id] as \$dflt
           | [.data[] | select(.id != \"$G_DEFAULT\") | .modules[]
              | select(.id as \$m | \$dflt | index(\$m) | not)]
           | group_by(.id) | map(select(length >= 2)) | .[0][0].id")
MODNAME=$(gid "[.data[].modules[] | select(.id == \"$MOD\")][0].name")
G_ONE=$(gid "[.data[] | select(any(.modules[]; .id == \"$MOD\")) | select(.id != \"$G_DEFAULT\")]
             | sort_by(.modules | length) | .[0].id")
G_TWO=$(gid "[.data[] | select(any(.modules[]; .id == \"$MOD\")) | select(.id != \"$G_DEFAULT\")]
             | sort_by(.modules | length) | .[1].id")
check "the account's groups give $MOD ($MODNAME) through two groups, not the default one" \
    test -n "$G_ONE" -a -n "$G_TWO" -a "$G_ONE" != "$G_TWO" -a "$G_ONE" != null -a "$G_TWO" != null

cli --profile mp list --account "$ACC" --json
INVITED=$(jq -r '[.[] | select(.raw_status == "Invited")][0].id' "$TMPD/out")
ACTIVE=$(jq -r '[.[] | select(.raw_status == "Active")][0].id' "$TMPD/out")
# Put the invited user in the default group alone, whatever the data gave.
cli --profile mp groups "$INVITED" --add "$G_DEFAULT" --yes
for g in $(sandbox_get "/public/v1/accounts/account-users/$INVITED" | jq -r '.groups[].id'); do
    [ "$g" = "$G_DEFAULT" ] || cli --profile mp groups "$INVITED" --remove "$g" --yes
done
check "the invited user is in the default group alone" \
    test "$(sandbox_get "/public/v1/accounts/account-users/$INVITED" | jq -r '[.groups[].id] | join(",")')" = "$G_DEFAULT"

# Not granted: the smallest group that gives it, and the command that adds it.
cli --profile mp explain "$INVITED" "$MOD" --json
expect_rc 0 "explain a module the user does not have"
check "--json: not granted, no path, the groups read, $G_ONE suggested first" \
    test "$(jq -r '[.granted, (.paths | length), .groups, .key, .suggest_groups[0].id] | join(" ")' "$TMPD/out")" = "false 0 known $MOD $G_ONE"
check "--json: $G_TWO is suggested too, after it" \
    test "$(jq -r '[.suggest_groups[].id] | index("'"$G_TWO"'") > 0' "$TMPD/out")" = true
cli --profile mp explain "$INVITED" "$MOD"
check "the text says they will not have it, by name and id" \
    grep -q "will not have $MODNAME ($MOD)\." "$TMPD/out"
check "the text names the groups that would give it" \
    grep -q "Groups of the account that give it, smallest first:" "$TMPD/out"
check "the text gives the command that adds the smallest one" \
    grep -q "invitui groups $INVITED --add $G_ONE\$" "$TMPD/out"

# Granted through one group, asked by the module's name in another case.
cli --profile mp groups "$INVITED" --add "$G_ONE" --yes
LOWER=$(printf '%s' "$MODNAME" | tr '[:upper:]' '[:lower:]')
cli --profile mp explain "$INVITED" "$LOWER" --json
expect_rc 0 "explain a module by its name"
check "--json: granted, certain, through $G_ONE alone" \
    test "$(jq -r '[.granted, .certain, .key, ([.paths[] | select(.via == "group_known") | .key] | join(","))] | join(" ")' "$TMPD/out")" = "true true $MOD $G_ONE"
cli --profile mp explain "$INVITED" "$LOWER"
check "the text says which group gives it, for certain" \
    grep -q "will have $MODNAME ($MOD) once they accept\." "$TMPD/out"
check "the text names the group and says it is certain" \
    grep -q "through group .* ($G_ONE): the account's groups say it gives it (certain)" "$TMPD/out"

# Through two groups.
cli --profile mp groups "$INVITED" --add "$G_TWO" --yes
cli --profile mp explain "$INVITED" "$MOD" --json
check "--json: both groups are paths" \
    test "$(jq -r '[.paths[] | select(.via == "group_known") | .key] | sort | join(",")' "$TMPD/out")" = "$(printf '%s\n%s\n' "$G_ONE" "$G_TWO" | sort | paste -sd, -)"

# An active member: "has", and no group change is offered.
MISSING=$(sandbox_get "/public/v1/accounts/account-users/$ACTIVE" | jq -r --slurpfile g "$TMPD/ugr.json" \
    '[.modules[].id] as $have | [$g[0].data[].modules[].id] | unique | map(select(. as $m | $have | index($m) | not)) | .[0] // empty')
if [ -n "$MISSING" ]; then
    cli --profile mp explain "$ACTIVE" "$MISSING"
    check "an active member does not have it (present tense)" grep -q "does not have .*$MISSING" "$TMPD/out"
    check "no group change is offered to someone who accepted" \
        sh -c "! grep -q 'invitui groups' '$TMPD/out'"
else
    not_ok "the sandbox's active member lacks some module (the data changed?)"
fi
HAVE=$(sandbox_get "/public/v1/accounts/account-users/$ACTIVE" | jq -r '.modules[0].id')
cli --profile mp explain "$ACTIVE" "$HAVE"
check "an active member has it (present tense)" grep -q " has .*($HAVE)\.\$" "$TMPD/out"

cli --profile mp explain "$INVITED" "No such module" --json
expect_rc 0 "a module nobody has is answered"
check "nothing gives it and nothing is suggested" \
    test "$(jq -r '[.granted, (.suggest_groups | length)] | join(" ")' "$TMPD/out")" = "false 0"

# list --can: the rows that have it, each through a group.
cli --profile mp list --account "$ACC" --can "$MODNAME" --json
expect_rc 0 "list --can a module on the Marketplace"
WANT=$(sandbox_get "/public/v1/accounts/accounts/$ACC/users?limit=100" | jq "[.data[] | select(any(.modules[]; .id == \"$MOD\"))] | length")
check "list --can lists the $WANT users who have it" test "$(jq length "$TMPD/out")" = "$WANT"
check "each row comes through a group the account says gives it" \
    test "$(jq -r '[.[].can.via] | unique | join(",")' "$TMPD/out")" = group_known
check "the invited user is among them" \
    test "$(jq -r "[.[] | select(.id == \"$INVITED\")] | length" "$TMPD/out")" = 1
cli --profile mp list --account "$ACC" --can "$MOD"
check "the table shows the path column" grep -q "$INVITED .* group " "$TMPD/out"

# The groups cannot be read: a warning, and the attribution is unknown.
stop_sandbox
start_sandbox --seed 13 --accounts 1 --invitations 60 --fault 5xx --fault-path user-groups ||
    { not_ok "sandbox starts with faults"; done_testing; }
write_config
# A new sandbox: the user is in the groups the data gave it again.
HAS=$(sandbox_get "/public/v1/accounts/account-users/$ACTIVE" | jq -r '.modules[0].id')
cli --profile mp explain "$ACTIVE" "$HAS" --json
expect_rc 0 "explain answers without the groups"
check "a warning says the groups could not be read" \
    grep -q "the account's groups could not be read" "$TMPD/err"
check "--json: granted (the user's modules say so), not certain, only possible group paths" \
    test "$(jq -r '[.granted, .certain, .groups, ([.paths[].via] | unique | join(","))] | join(" ")' "$TMPD/out")" = "true false unread group"
cli --profile mp explain "$ACTIVE" "$HAS"
check "the text says what a group gives is unknown" \
    grep -q "perhaps through group .*: the account's groups could not be read, so what it gives is unknown" "$TMPD/out"
cli --profile mp explain "$ACTIVE" "No such module"
check "not granted: which group would give it is unknown" \
    grep -q "which group would give it is unknown" "$TMPD/out"
done_testing
