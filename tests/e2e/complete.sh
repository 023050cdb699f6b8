#!/bin/sh
# Defect 12: an ambiguous Tab on the `:` line lists the candidates inside the
# screen (as many as fit, then how many more), and `:account` completes and
# opens account names, spaces and all, as well as ids.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"

# Eight accounts: the generator's six names, then "Acme Hosting GmbH" and
# "Zoë's Bäckerei" again (two accounts with the same name).
start_sandbox --accounts 8 || { not_ok "sandbox starts"; done_testing; }
ids=$(sandbox_hb_accounts)
first_id=$(echo "$ids" | cut -d, -f1)
# Eight ids do not fit on one config line: continue on an indented one.
HB_ACCOUNTS="$(echo "$ids" | cut -d, -f1-4),
    $(echo "$ids" | cut -d, -f5-)"
write_config
E2E_ENV="XDG_STATE_HOME=$TMPD/state" start_tui 100 30 --config "$TMPD/config"
check "the table is loaded" wait_re " 1/40 *$"

keys :
check ": opens the command line" wait_re "^:"
keys Tab
# All command names are candidates; readline's own listing never shows.
listed() { wait_re "^account +can +cancel " && wait_re "unmark-all"; }
check "an ambiguous Tab lists the command names above the line" listed
check "the line is still there, under them" wait_re "^: *$"
literal "so"
check "the next key closes the list" wait_gone "unmark-all"
keys Tab
check "Tab completes the shared part" wait_re "^:sort"
check "and lists what is left" wait_re "^sort +sort-next +sort-reverse"
keys C-u Escape
check "Esc leaves the line" wait_gone "sort-reverse"

keys :
literal "account Mü"
keys Tab
check ":account completes a name with spaces" wait_re "^:account Müller & Söhne KG$"
keys Enter
check "Enter opens that account" wait_for "account: Müller & Söhne KG"
check "its invitations load" wait_re " 1/[0-9]+ *$"

keys :
literal "account Ac"
keys Tab
check ":account Ac<Tab> completes the name" wait_re "^:account Acme Hosting GmbH$"
keys Enter
check "two accounts with that name: the status line says so" \
    wait_for "More than one account matches \"Acme Hosting GmbH\""
check "and the open account stays" wait_for "account: Müller & Söhne KG"

keys :
literal "account ελλ"
keys Tab
check "names complete in any case" wait_re "^:account Ελληνική Φιλοξενία$"
keys Enter
check "and open" wait_for "account: Ελληνική Φιλοξενία"

keys :
literal "account $first_id"
keys Enter
check "an id still opens its account" wait_for "account: Acme Hosting GmbH"

keys :
literal "acc nobody here"
keys Enter
check "an unknown name is reported" wait_for "No account with the name or id \"nobody here\""

keys :
literal "account "
keys Tab
check "Tab after :account lists the names" wait_re "^Acme Hosting GmbH .*Zoë's Bäckerei"
keys Escape

# A screen too short for every command name: the last row counts the rest.
tm resize-window -t t -x 40 -y 8
# Wait for the narrow layout itself (no accounts pane: the tabs start the
# row); the old title row is there before the redraw too.
check "the small screen is drawn" wait_re "^▶ \\[1 all"
keys :
keys Tab
check "what does not fit is counted" wait_re "^… and [0-9]+ more"
keys Escape
check "the list goes with the line" wait_gone "more"
keys q
check "q quits" wait_for "invitui exited with 0"
check "the terminal is restored" tty_sane
done_testing
