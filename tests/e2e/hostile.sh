#!/bin/sh
# Hostile strings from the server (OSC 52, SGR colours, bidi override, C1
# CSI, raw controls, all in the sandbox's generated names and notes) reach
# the screen neutralised: no escape sequence of theirs is interpreted.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"

start_sandbox || { not_ok "sandbox starts"; done_testing; }
write_config
# NO_COLOR: the only SGR codes left on screen are attributes of our own.
E2E_ENV="NO_COLOR=1" start_tui 120 40 --config "$TMPD/config" --profile mp
# tmux stores what applications copy with OSC 52: a leak would show there.
tm set-option -g set-clipboard on
check "marketplace invitations are shown" wait_re " [0-9]+/[0-9]+ *$"
keys /
literal "hostile"
keys Enter
check "the hostile rows are listed" wait_re "hostile\.[0-9]+@"
check "the OSC 52 name is shown as text with a marker" wait_for "�Mallory"

ESC=$(printf '\033')
C1CSI=$(printf '\302\233')
RLO=$(printf '\342\200\256')
scr=$(screen_e)
check "no OSC sequence from the data reaches the terminal" \
    sh -c '! printf "%s" "$1" | grep -qF "$2]"' - "$scr" "$ESC"
check "no colour from the data (NO_COLOR run has no 30-37 SGR)" \
    sh -c '! printf "%s" "$1" | grep -qE "$2\[(0;)?3[0-7]m"' - "$scr" "$ESC"
check "no C1 CSI byte on screen" sh -c '! printf "%s" "$1" | grep -qF "$2"' - "$scr" "$C1CSI"
check "no right-to-left override on screen" \
    sh -c '! printf "%s" "$1" | grep -qF "$2"' - "$scr" "$RLO"
check "the OSC 52 payload of a name did not reach the clipboard" \
    sh -c '! tmux -L "$1" -f /dev/null show-buffer 2>/dev/null | grep -q "echo pwned"' - "$TMUX_SOCK"

# Walk every hostile row: each detail must stay inside its pane.
keys Tab
check "the detail of a hostile row is drawn" wait_for "▶ Detail"
check "the header line is intact" wait_re "^ invitui  │ profile: mp"
check "the key line is intact" wait_re "^\\[?c create\\]? +\\? help +q quit"
keys q
check "q quits" wait_for "invitui exited with 0"
check "the terminal is restored" tty_sane
done_testing
