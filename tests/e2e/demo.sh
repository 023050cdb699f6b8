#!/bin/sh
# `invitui --demo` starts a sandbox with generated data and shows the three
# panes with data at once.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"

[ -x "$SANDBOX" ] || skip_all "invitui-sandbox is not built"
# The demo keeps its configuration under $TMPDIR: look at what it wrote.
mkdir "$TMPD/demo"
E2E_ENV="INVITUI_SANDBOX=$SANDBOX TMPDIR=$TMPD/demo"
start_tui 120 40 --demo
check "the window is 120x40" test "$(pane_size)" = "120x40"
check "the demo profile is open" wait_for "profile: demo-hybridbox" 5
# The sandbox makes 2 accounts per provider by default.
check "accounts are listed" wait_re "Accounts \(2\)" 5
uuid='[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
check "the demo's hybridbox profile names the sandbox's two accounts" \
    grep -Eq "^accounts = $uuid,$uuid\$" "$TMPD"/demo/invitui-demo.*/config
check "invitations are listed" wait_re " 1/[0-9]+ *$" 5
check "the detail pane shows one" wait_for "▾ Invitation" 5
sandbox_pid=$(pgrep -P "$(tui_pid)" | head -n 1)
check "the demo runs its own sandbox" test -n "$sandbox_pid"
check "the demo token is not in the sandbox's argv" \
    sh -c '! tr "\0" " " </proc/"$1"/cmdline | grep -qi token' - "$sandbox_pid"
keys q
check "q quits the demo" wait_for "invitui exited with 0"
check "the terminal is restored" tty_sane
check "the demo's sandbox is gone" sh -c '! kill -0 "$1" 2>/dev/null' - "$sandbox_pid"
check "and so is its configuration" sh -c '! ls "$1"/invitui-demo.* >/dev/null 2>&1' - "$TMPD/demo"
done_testing
