#!/bin/sh
# A failing server: the error shows as one status line, Enter expands it,
# and SIGTERM leaves the UI with the terminal restored.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"

# A configuration that cannot be read stops before the screen is taken.
start_tui 100 30 --config "$TMPD/missing"
check "a missing configuration is reported" wait_for "$TMPD/missing"
check "with the configuration exit status" wait_for "invitui exited with 2"
check "and the terminal untouched" tty_sane

# A hybridbox profile that names no account: refused before any request,
# with the setting and the profile named, also in the terminal UI.
printf '[profile bare]\nprovider = hybridbox\nbase_url = http://127.0.0.1:1\ntoken_env = E2E_TOKEN\n' \
    >"$TMPD/bare"
chmod 600 "$TMPD/bare"
restart_tui 200 30 --config "$TMPD/bare"
check "a hybridbox profile without accounts is reported" \
    wait_re "profile \"bare\" \(hybridbox\) names no account: set accounts ="
check "with the configuration exit status" wait_for "invitui exited with 2"

# The 5xx fault would garble the account list too: learn the accounts from
# a clean sandbox first (the data depends only on --seed and --accounts).
start_sandbox || { not_ok "sandbox starts"; done_testing; }
HB_ACCOUNTS=$(sandbox_hb_accounts)
stop_sandbox
start_sandbox --fault 5xx || { not_ok "sandbox starts"; done_testing; }
write_config
restart_tui 120 40 --config "$TMPD/config"
# 500 and 503 alternate; which one comes last depends on how many requests.
check "the error is on the status line" wait_re "✗ Could not load the accounts: .*HTTP 50[03]" 30
check "the key line offers the details" wait_re "^Enter details"
keys Enter
check "Enter expands the error into an overlay" wait_for "▶ Error"
check "the overlay has the HTTP status" wait_re "HTTP status: 50[03]"
tm resize-window -t t -x 80 -y 24
check "the overlay survives a resize to 80x24" wait_re "│ *HTTP status: 50[03] +│$"
tm resize-window -t t -x 120 -y 40
check "and a resize back" wait_re "^ {10,}│ *HTTP status: 50[03] +│$"
keys q
check "q closes the overlay" wait_gone "▶ Error"
check "the UI is still up" wait_for "Accounts (0)"

pid=$(tui_pid)
check "invitui is running" test -n "$pid"
kill -TERM "$pid"
check "SIGTERM ends invitui (128+15)" wait_for "invitui exited with 143"
check "the terminal is restored after SIGTERM" tty_sane

# The other ways out: the terminal hangs up, and a crash.
stop_sandbox
start_sandbox || { not_ok "sandbox restarts"; done_testing; }
write_config
restart_tui 100 30 --config "$TMPD/config"
check "the UI is up again" wait_re " 1/40 *$"
kill -HUP "$(tui_pid)"
check "SIGHUP ends invitui (128+1)" wait_for "invitui exited with 129"
check "the terminal is restored after SIGHUP" tty_sane

restart_tui 100 30 --config "$TMPD/config"
check "the UI is up for the crash" wait_re " 1/40 *$"
kill -SEGV "$(tui_pid)"
check "a crash still ends the process (status not 0)" wait_re "invitui exited with [1-9]"
check "the terminal is restored after SIGSEGV" tty_sane
scr=$(screen)
check "and the alternate screen was left" sh -c '! printf "%s" "$1" | grep -q "Accounts ("' - "$scr"
done_testing
