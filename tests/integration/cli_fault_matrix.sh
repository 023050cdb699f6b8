#!/bin/sh
# Every sandbox fault mode against every command that talks to the server,
# one request faulted at a time (--fault MODE:1 --fault-path), with the exit
# status each must give: 0 ok, 1 API error or unreadable answer to a read,
# 4 network trouble on a read, 5 an action whose outcome is unknown. After
# an exit 5 the journal says unknown, and the sandbox's own record shows
# whether the server did carry the action out (it did for a 2xx it then
# garbled; it did not for a 5xx or a reset before handling).
. "${top_srcdir:-.}/tests/lib.sh"
command -v jq >/dev/null || skip_all "jq is not installed"
export XDG_STATE_HOME="$TMPD/state"
JOURNAL="$TMPD/state/invitui/journal.jsonl"
SB_ARGS="--accounts 1 --invitations 12"

# A short timeout: an action under drip (16 bytes every 100 ms) reaches its
# total limit in 2 s instead of taking a minute; a read has only the idle
# limit, which drip never reaches.
config() {
    write_config
    sed -i 's/^token_env = INVITUI_TEST_TOKEN$/&\ntimeout = 2/' "$CONFIG"
}

# The ids, from a sandbox without faults (the data depends only on the
# seed and the sizes, so every sandbox below has the same).
# shellcheck disable=SC2086
start_sandbox $SB_ARGS || { not_ok "sandbox starts"; done_testing; }
HB_ACCOUNTS=$(sandbox_hb_accounts)
config
HB_ACC=${HB_ACCOUNTS%%,*}
cli list --account "$HB_ACC" --status pending --json
HB_PENDING=$(jq -r '.[0].id // empty' "$TMPD/out")
cli --profile mp accounts --json
MP_ACC=$(jq -r '.[0].id // empty' "$TMPD/out")
cli --profile mp list --account "$MP_ACC" --status pending --json
MP_INVITED=$(jq -r '.[0].id // empty' "$TMPD/out")
cli --profile mp list --account "$MP_ACC" --status expired --json
MP_EXPIRED=$(jq -r '.[0].id // empty' "$TMPD/out")
MP_GROUP=$(sandbox_get "/public/v1/accounts/user-groups?eq(account.id,\"$MP_ACC\")&limit=1" |
    jq -r '.data[0].id // empty')
stop_sandbox
for v in HB_ACC HB_PENDING MP_ACC MP_INVITED MP_EXPIRED MP_GROUP; do
    eval "val=\$$v"
    check "fixture $v found ($val)" test -n "$val"
done

# run_cmd NAME: the command under test (its name is what the table says).
run_cmd() {
    case $1 in
    hb-list) cli list --account "$HB_ACC" --json ;;
    hb-show) cli show "$HB_PENDING" --json ;;
    hb-create) cli create --account "$HB_ACC" --email fault.matrix@example.com --role editor --again --yes ;;
    hb-resend) cli resend "$HB_PENDING" --again --yes ;;
    mp-list) cli --profile mp list --account "$MP_ACC" --json ;;
    mp-show) cli --profile mp show "$MP_INVITED" --json ;;
    mp-create) cli --profile mp create --account "$MP_ACC" --email fault.matrix@example.com \
        --first-name Fault --last-name Matrix --group "$MP_GROUP" --again --yes ;;
    mp-resend) cli --profile mp resend "$MP_INVITED" --again --yes ;;
    mp-send-new) cli --profile mp send-new "$MP_EXPIRED" --again --yes ;;
    esac
}

# fault_path NAME: a part of the one request of the command to fault.
fault_path() {
    case $1 in
    hb-list | hb-create | hb-show) echo /invitations ;; # show is a list filtered by id
    hb-resend) echo /resend ;;
    mp-list | mp-create) echo /account-users ;;
    mp-show) echo "$MP_INVITED" ;;
    mp-resend) echo /resend-invite ;;
    mp-send-new) echo /send-new-invite ;;
    esac
}

# action_of NAME: the sandbox's record name of the command's action, or
# nothing for a read.
action_of() {
    case $1 in
    *-create) echo create ;;
    *-resend) echo resend ;;
    *-send-new) echo send-new ;;
    esac
}

# want MODE NAME: the exit status the command must give under the fault.
want() {
    if [ "$1" = none ]; then echo 0; return; fi
    if [ -n "$(action_of "$2")" ]; then echo 5; return; fi
    case $1 in
    5xx | malformed | oversize) echo 1 ;; # a definite (if bad) answer to a read
    truncate | reset) echo 4 ;;           # the read failed on the way
    drip) echo 0 ;; # timeout is an idle limit: a read whose bytes keep coming completes
    esac
}

# FAULT_MODES narrows the run while working on one mode.
for mode in ${FAULT_MODES:-none 5xx truncate malformed reset drip oversize}; do
    for name in hb-list hb-show hb-create hb-resend mp-list mp-show mp-create mp-resend \
            mp-send-new; do
        # A dripped read completes, slowly (16 bytes every 100 ms): one short
        # read (an account user) stands for the long lists.
        case $mode/$name in drip/hb-list | drip/hb-show | drip/mp-list) continue ;; esac
        if [ "$mode" = none ]; then
            # shellcheck disable=SC2086
            start_sandbox $SB_ARGS || { not_ok "sandbox starts"; continue; }
        else
            # shellcheck disable=SC2086
            start_sandbox $SB_ARGS --fault "$mode:1" --fault-path "$(fault_path $name)" ||
                { not_ok "sandbox starts ($mode)"; continue; }
        fi
        config
        lines=$( (cat "$JOURNAL" 2>/dev/null || true) | wc -l)
        run_cmd "$name"
        w=$(want "$mode" "$name")
        expect_rc "$w" "$name under fault $mode"
        action=$(action_of "$name")
        if [ -n "$action" ]; then
            did=$(sandbox_get /_sandbox/actions |
                jq --arg a "$action" '[.[] | select(.action == $a and .status < 300)] | length')
            case $mode in
            5xx | reset) expect_did=0 ;; # refused or dropped before the server acted
            *) expect_did=1 ;;
            esac
            check "$name under fault $mode: the server carried it out $expect_did time(s) ($did)" \
                test "$did" = "$expect_did"
            case $w in
            0) result=ok ;;
            *) result=unknown ;;
            esac
            check "$name under fault $mode: one journal line, result $result" \
                sh -c "test \$(wc -l <'$JOURNAL') = $((lines + 1)) &&
                       tail -n 1 '$JOURNAL' | jq -e '.result == \"$result\"' >/dev/null"
            if [ "$w" = 5 ]; then
                check "$name under fault $mode: stderr says it may have reached the server" \
                    grep -q "may have reached the server" "$TMPD/err"
            fi
        fi
        stop_sandbox
    done
done
done_testing
