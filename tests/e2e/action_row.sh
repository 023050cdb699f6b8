#!/bin/sh
# After a Marketplace send-new the row keeps what the list knew and the answer leaves out (the
# answer omits audit: the Created date), and the cursor stays on its screen row: the user goes on
# where they were working, wherever the sort now puts the row (defect 4 of #11: the row lost its
# dates, sorted out of place until R, and the cursor followed it there).
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"

start_sandbox || { not_ok "sandbox starts"; done_testing; }
write_config
start_tui 120 40 --config "$TMPD/config" --profile mp
check "the table is loaded, sorted by expiry" wait_re " 1/40 *$" 30
check "sorted by expiry" wait_for "sort: expiry"

# line_of REGEX: the number of the first screen line matching, or nothing.
line_of() { screen | grep -nE -- "$1" | head -n 1 | cut -d: -f1; }
row=$(( $(line_of '[│ ]expired\.fixture@example\.com') - $(line_of 'E-mail +Name +Status') ))
check "the expired fixture is on the first screen" test "$row" -ge 2
check "it was created 10 days ago" wait_re "[│ ]expired\.fixture@example\.com .* expired .* 10d( [0-9]+h)? ago"
# shellcheck disable=SC2046 # one j per row
keys $(yes j | head -n $((row - 1)))
check "the cursor is on it" wait_re " $row/40 *$"
check "the detail shows it" wait_for "E-mail: expired.fixture@example.com"
keys n
check "n asks" wait_for "Send a new invitation (send-new-invite) to expired.fixture@example.com?"
keys y
check "the new invitation is sent" wait_for "A new invitation was sent to expired.fixture@example.com."
check "the cursor stayed on its screen row" wait_re " $row/40 *$"
check "and moved on to the next invitation" screen_lacks_re "E-mail: expired\.fixture@example\.com"

keys /
literal "expired.fixture"
keys Enter
check "the row is found" wait_re "\[1 all 2\]"
check "it is pending now, with a new expiry, and still created 10 days ago" \
    wait_re "[│ ]expired\.fixture@example\.com .* pending +expires in [0-9dh ]+ +10d( [0-9]+h)? ago"
keys Escape Escape
keys q
check "q quits" wait_for "invitui exited with 0"
done_testing
