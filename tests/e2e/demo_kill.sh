#!/bin/sh
# `kill -9` of `invitui --demo`: the sandbox dies with it, the token was
# never on disk, and the next demo removes the directory left behind.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"

[ -x "$SANDBOX" ] || skip_all "invitui-sandbox is not built"
[ -d /proc/self ] || skip_all "no /proc"
# gone PID: no such process, or a zombie nobody has reaped yet.
gone() { [ ! -e "/proc/$1" ] || grep -q ') Z ' "/proc/$1/stat" 2>/dev/null; }

# --parent-fd alone: the sandbox exits when the pipe's write end closes.
mkfifo "$TMPD/lifeline"
"$SANDBOX" --port 0 --parent-fd 3 3<"$TMPD/lifeline" >"$TMPD/sb.out" 2>"$TMPD/sb.err" &
SANDBOX_PID=$!
exec 4>"$TMPD/lifeline"
check "the sandbox with --parent-fd starts" wait_until 10 grep -q '^http://' "$TMPD/sb.out"
exec 4>&-
check "and exits when the parent's end closes" wait_until 10 gone "$SANDBOX_PID"

mkdir "$TMPD/demo"
E2E_ENV="INVITUI_SANDBOX=$SANDBOX TMPDIR=$TMPD/demo"
start_tui 120 40 --demo
check "the demo profile is open" wait_for "profile: demo-hybridbox" 10
tui=$(tui_pid)
sandbox_pid=$(pgrep -P "$tui" | head -n 1)
# lib.sh's cleanup stops it should this test fail.
SANDBOX_PID=$sandbox_pid
check "the demo runs its own sandbox" test -n "$sandbox_pid"
token=$(tr '\0' '\n' <"/proc/$sandbox_pid/environ" | sed -n 's/^INVITUI_SANDBOX_TOKEN=//p')
check "the sandbox got a token" test -n "$token"
old_dir=$(ls -d "$TMPD"/demo/invitui-demo.* | head -n 1)
check "the demo directory is named after its process" \
    sh -c 'case "$1" in */invitui-demo."$2".??????) exit 0;; esac; exit 1' - "$old_dir" "$tui"
check "no file under the demo directory holds the token" \
    sh -c '! grep -rqF -- "$1" "$2"' - "$token" "$TMPD/demo"
kill -9 "$tui"
check "invitui is gone" wait_for "invitui exited with 137" 10
check "its sandbox follows" wait_until 10 gone "$sandbox_pid"
gone "$sandbox_pid" || kill "$sandbox_pid" 2>/dev/null
check "the demo directory stays behind" test -d "$old_dir"

restart_tui 120 40 --demo
check "the next demo opens" wait_for "profile: demo-hybridbox" 10
check "and has removed the stale directory" test ! -e "$old_dir"
check "but not its own" sh -c 'ls -d "$1"/invitui-demo.* >/dev/null 2>&1' - "$TMPD/demo"
SANDBOX_PID=$(pgrep -P "$(tui_pid)" | head -n 1)
keys q
check "q quits the demo" wait_for "invitui exited with 0"
check "and its sandbox is gone" wait_until 10 gone "$SANDBOX_PID"
done_testing
