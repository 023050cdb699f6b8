#!/bin/sh
# The `:` command line (readline): completion, :sort, :tab, :profile,
# history kept under $XDG_STATE_HOME, copying with y, and :quit.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"

start_sandbox || { not_ok "sandbox starts"; done_testing; }
write_config
E2E_ENV="XDG_STATE_HOME=$TMPD/state" start_tui 120 40 --config "$TMPD/config"
tm set-option -g set-clipboard on
check "the table is loaded" wait_re " 1/40 *$"

keys :
check ": opens the command line" wait_re "^:"
literal "so"
keys Tab
check "Tab completes a command name" wait_re "^:sort"
literal " email"
keys Enter
check ":sort email sorts by e-mail" wait_for "sort: email"

keys :
literal "tab pend"
keys Enter
check ":tab pending switches the tab" wait_for "[2 pending"

keys :
literal "nonsense"
tm resize-window -t t -x 90 -y 30
check "the command line follows a resize" wait_re "^:nonsense"
tm resize-window -t t -x 120 -y 40
# The 90-column screen also shows :nonsense: wait for the wide layout first.
wide_with_line() { wait_for "Accounts (" && wait_re "^:nonsense"; }
check "and another" wide_with_line
keys Enter
check "an unknown command is reported" wait_for "Unknown command: nonsense"

keys :
literal "profile m"
keys Tab
check "profile names complete" wait_re "^:profile mp"
keys Enter
check ":profile mp switches the profile" wait_for "profile: mp (marketplace)"
check "its accounts load" wait_re "Accounts \([1-9]"
check "its invitations load" wait_re " 1/[0-9]+ *$"

keys y
check "y copies the link or id and says what" wait_re "Copied: (https?://|AUSR-)"
copied=$(screen | sed -n 's/^Copied: \([^ ]*\).*/\1/p')
check "the terminal received it through OSC 52" \
    sh -c '[ -n "$2" ] && tmux -L "$1" -f /dev/null show-buffer | grep -qF "$2"' - "$TMUX_SOCK" "$copied"

keys :
literal "profile prod"
keys Enter
check "a production profile is marked in words" wait_for "▲ PRODUCTION"
check "a read-only profile is marked" wait_for "[READ-ONLY]"
check "its data loads" wait_re " 1/[0-9]+ *$"

keys :
keys Up
check "Up recalls the previous command" wait_for ":profile prod"
keys C-u
literal "quit"
keys Enter
check ":quit quits" wait_for "invitui exited with 0"
check "the history file was written" test -s "$TMPD/state/invitui/history"
check "it holds the commands" grep -q "profile prod" "$TMPD/state/invitui/history"
check "the terminal is restored" tty_sane
done_testing
