#!/bin/sh
# The CLI speaks French with LC_ALL=C.UTF-8 LANGUAGE=fr and the catalogs of
# this build (no installed catalog, no generated fr_FR locale needed): --help,
# usage and configuration errors, table headers and states, the detail view,
# and the offered invitation locales (po/LINGUAS plus en). English without
# LANGUAGE is the control that makes each check able to fail.
. "${top_srcdir:-.}/tests/po/po-lib.sh"

nls_enabled || skip_all "NLS is disabled (configure --disable-nls)"
make_locale_tree || { not_ok "a locale tree from po/*.gmo"; done_testing; }

in_lang fr --help
expect_rc 0 "invitui --help in French"
check "--help: French usage line" \
    grep -qxF 'Usage : invitui [OPTIONS GLOBALES] [COMMANDE [OPTIONS]]' "$TMPD/out"
check "--help: French option heading" grep -qxF 'Options globales :' "$TMPD/out"
check "--help: French option text" \
    grep -qF '  --help             affiche cette aide ; COMMANDE --help pour une commande' "$TMPD/out"
check "--help: the command table's summaries are French" \
    grep -qE '^  create +inviter quelqu’un$' "$TMPD/out"
check "--help: the exit status paragraph is French" grep -qF 'Code de sortie : 0 succès' "$TMPD/out"
check "--help: no English left" sh -c '! grep -qE "Global options|Commands:|Exit status" "$0"' "$TMPD/out"
in_lang "" --help
check "control: --help without LANGUAGE stays English" grep -qxF 'Global options:' "$TMPD/out"

in_lang fr create --help
expect_rc 0 "invitui create --help in French"
check "create --help: French synopsis with translated placeholders" \
    grep -qxF '        [--role CLÉ]... [--capability CLÉ]... [--group ID]...' "$TMPD/out"
check "create --help: French summary" grep -qxF 'inviter quelqu’un' "$TMPD/out"

in_lang fr frobnicate
expect_rc 2 "an unknown command"
check "unknown command: French error" \
    grep -qxF 'invitui : commande inconnue « frobnicate » ; voir invitui --help' "$TMPD/err"
in_lang "" frobnicate
check "control: the same error in English without LANGUAGE" \
    grep -qxF "invitui: unknown command 'frobnicate'; see invitui --help" "$TMPD/err"

in_lang fr list --bogus
expect_rc 2 "an unknown option of a command"
check "unknown option: French error" \
    grep -qxF 'invitui list : option inconnue ou mal placée « --bogus »' "$TMPD/err"
check "unknown option: then the French usage" \
    grep -qF 'Usage : invitui [OPTIONS GLOBALES] list' "$TMPD/err"

in_lang fr --config "$TMPD/missing.conf" list
expect_rc 2 "a missing configuration file"
check "configuration error in French (profile.c)" \
    grep -qF "invitui: impossible d’ouvrir $TMPD/missing.conf : " "$TMPD/err"

start_sandbox || { not_ok "sandbox starts"; done_testing; }
write_config
in_lang fr --config "$CONFIG" list --status bogus
expect_rc 2 "an unknown --status"
check "usage error in French (cli.c)" \
    grep -qF 'invitui: état inconnu « bogus » (pending, expired, accepted, revoked, other)' "$TMPD/err"

in_lang fr --config "$CONFIG" list --status pending
expect_rc 0 "list in French"
check "table headers in French" \
    grep -qE '^ID +E-MAIL +ÉTAT +EXPIRATION +ATTRIBUTIONS$' "$TMPD/out"
check "states in French" grep -qF '◷ en attente' "$TMPD/out"
check "compact expiry in French (j/h units)" grep -qE 'en attente +dans [0-9]+ (j|h|min)' "$TMPD/out"
ID=$(sed -n '2s/ .*//p' "$TMPD/out")

in_lang fr --config "$CONFIG" show "$ID"
expect_rc 0 "show in French"
check "detail labels in French, values aligned by display width" \
    grep -qE '^État {9}◷ en attente( |$)' "$TMPD/out"
check "detail expiry in French with plural forms" \
    grep -qE '^Expiration {3}[-0-9T:Z]+ \(dans [0-9]+ (jours?|heures?|minutes?)\)$' "$TMPD/out"

# The offered invitation locales are po/LINGUAS plus en, whatever LINGUAS says.
want=$({ linguas | sed -e 's/@latin$/-Latn/' -e 's/@.*//' -e 's/_/-/g'; echo en; } |
       LC_ALL=C sort -u | sed -n 'H;${x;s/^\n//;s/\n/, /g;p;}')
in_lang fr --config "$CONFIG" resend "$ID" --locale xx --yes
expect_rc 2 "an unknown --locale"
check "unknown locale in French, offering po/LINGUAS plus en ($want)" \
    grep -qxF "invitui: langue inconnue « xx » (proposées : $want)" "$TMPD/err"
done_testing
