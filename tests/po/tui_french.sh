#!/bin/sh
# The TUI in French at 80x24 (LC_ALL=C.UTF-8 LANGUAGE=fr, this build's
# catalogs): header, state tabs, column titles, the key line in each mode,
# the help overlay and status messages. The English screens are covered by
# tests/e2e; this proves the same screens switch language. Skips without tmux
# or NLS. Every wait polls the screen with a deadline (tests/e2e/tmux_lib.sh).
. "${top_srcdir:-.}/tests/po/po-lib.sh"

nls_enabled || skip_all "NLS is disabled (configure --disable-nls)"
. "$top_srcdir/tests/e2e/tmux_lib.sh"
make_locale_tree || { not_ok "a locale tree from po/*.gmo"; done_testing; }
start_sandbox || { not_ok "sandbox starts"; done_testing; }
write_config
E2E_ENV="LANGUAGE=fr INVITUI_LOCALEDIR=$TMPD/locale"
start_tui 80 24 --config "$TMPD/config" || { not_ok "tmux starts invitui"; done_testing; }

check "the invitations load" wait_re "[0-9]+/40 *$"
check "header in French" wait_for "profil : hb (hybridbox)  │ compte : "
check "state tabs in French" wait_re "\[1 toutes 40\] +2 en attente [0-9]+ +3 expirée [0-9]+"
check "column titles in French" wait_re "^E-mail +État +Expiration ↑ +Créée +Attrib"
# The actions come first on the key line (greyed and in brackets when they do not apply).
check "key line in French" wait_re "^\[r renvoyer\]  \[n nouvelle\]  c créer  Space marquer  \? aide  q quitter"
check "compact expiry in French" wait_re "[◷✗] [^ ]+( [^ ]+)? +(dans|il y a) [0-9]+ (j|h|min)"

keys '?'
check "help overlay title in French" wait_for "Touches (q ferme)"
check "help overlay text in French" wait_for "Passer au volet suivant"
keys G
check "the overlay scrolls to the end" wait_for ":journal          Afficher le journal des actions"
keys PPage
check "the overlay scrolls to the : commands, in French" \
    wait_for "Commandes après « : » (Tab complète) :"
check ":filter is described in French" wait_re ":filter ARG +Filtrer par e-mail, nom ou ID"
keys q
check "q closes the overlay" wait_gone "Touches (q ferme)"

keys o
check "status message in French after o" wait_re "^Trié par [a-z]+"

keys ':'
check "prompt key line in French" wait_re "^Enter valider  Esc annuler  Tab compléter"
literal "frobnicate"
keys Enter
check "error message in French" wait_for "Commande inconnue : frobnicate (? les liste)"

keys '/'
literal "zzzz-no-such-invitation"
check "empty filter result in French" \
    wait_for "Aucune invitation ne correspond (Esc efface le filtre, 1 affiche tout)"
keys Escape
check "Esc clears the filter" wait_re "[0-9]+/40 *$"

keys Tab
check "key line in the detail pane says déplier" wait_re "Enter déplier"
check "detail pane headings in French" wait_for "Invitation"

keys q
check "q quits" wait_for "invitui exited with 0"
done_testing
