#!/bin/sh
# A load replaced by a newer one must not touch the newer one's state: R pressed twice while the
# accounts load cancels the first load, and the status line must keep saying that the accounts
# are loading until the second one ends (it said "Loading invitations" while the accounts
# loaded, and "Request cancelled" for a request the user never cancelled).
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"

# Account list requests 2 and 3 drip (16 bytes every 100 ms: seconds for 16 accounts); the
# first, at start-up, and every invitation list are quick.
start_sandbox --accounts 16 --fault drip:0.67 --fault-path accounts/accounts ||
    { not_ok "sandbox starts"; done_testing; }
# 16 ids are too long for one line of the hybridbox profiles; the test uses mp.
HB_ACCOUNTS=00000000-0000-4000-8000-000000000000 write_config
start_tui 120 40 --config "$TMPD/config" --profile mp
check "the invitations arrive" wait_re " 1/[0-9]+ *$" 30
keys R
check "a refresh loads the accounts slowly" wait_for "Loading accounts"
keys R
check "the second refresh replaces the first" wait_for "Loading accounts"
check "the accounts load ends" wait_gone "Loading accounts" 90
# Only the slow account list was left: the status line had switched to the invitations long
# before it ended.
check "the status line never said the invitations were loading instead" \
    screen_lacks_re "Loading invitations"
check "the replaced load was not reported as cancelled" screen_lacks_re "cancelled"
check "the accounts are listed" wait_for "Accounts (16)"
keys q
check "q quits" wait_for "invitui exited with 0"
done_testing
