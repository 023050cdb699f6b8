#!/bin/sh
# German, the longest of the catalogs, at 80x24 (LC_ALL=C.UTF-8
# LANGUAGE=de, this build's catalogs): every state tab, the column titles,
# uncut status words ("✗ abgelaufen", whose column grows to fit them), the
# key line, the help overlay, and a failed create's status line with the
# short trace id and its full-error view fit. An English word on screen
# would mean a string escaped translation. Skips without tmux or NLS.
. "${top_srcdir:-.}/tests/po/po-lib.sh"

nls_enabled || skip_all "NLS is disabled (configure --disable-nls)"
. "$top_srcdir/tests/e2e/tmux_lib.sh"
make_locale_tree || { not_ok "a locale tree from po/*.gmo"; done_testing; }
start_sandbox || { not_ok "sandbox starts"; done_testing; }
write_config
E2E_ENV="LANGUAGE=de INVITUI_LOCALEDIR=$TMPD/locale"
start_tui 80 24 --config "$TMPD/config" --profile mp || { not_ok "tmux starts invitui"; done_testing; }

check "the invitations load" wait_re "[0-9]+/40 *$"
check "all five state tabs fit in German" \
    wait_re "1 alle 40\] +2 offen [0-9]+ +3 abgelaufen [0-9]+ +4 angenommen [0-9]+ +5 sonstige [0-9]+"
check "column titles in German" wait_re "^E-Mail +Name +Status +Ablauf ↑ +Erstellt"
keys 3
check "expired rows show the whole German status word" wait_re "✗ abgelaufen +vor [0-9]+ (T|Std|Min)"
check "no status word is cut" screen_lacks_re "abgelau…"
check "the detail names the status in German" wait_re "Status: ✗ abgelaufen +\(Server: InvitationExpired\)"
# The actions come first: on an expired Marketplace row resend is greyed (in
# brackets) and send new is offered.
check "key line in German" \
    wait_re "^\[r erneut senden \(veraltet\)\]  n neu senden  c anlegen  Space markieren  \? Hilfe"
check "no English status word on screen" \
    screen_lacks_re "(✗|◷|✓|⊘) (expired|pending|accepted|revoked)"
keys 1
keys '?'
check "help overlay in German" wait_for "Tasten (q schließt)"
check "the longest help line fits inside the frame" \
    wait_re "│1 2 3 4 5 +Einladungen: alle, offen, abgelaufen, angenommen, sonstige *│"
keys q

# A Marketplace 400 with a traceId: the short trace survives at 80 columns.
keys c
check "the create form in German" wait_for "Neue Einladung in"
literal "trace.me@example.com"
keys Enter
literal "Trace"
keys Enter
literal "Me"
keys Enter
literal "UGR-9999-9999"
keys NPage Enter
wait_for "Diese Einladung senden?"
keys y
check "the status line: German message, cut, then the short trace" \
    wait_re "^✗ Nicht angelegt: HTTP 400: .*…  Trace [0-9a-f]{8}… *$"
keys Escape
check "the error stays when the form closes" wait_re "^✗ Nicht angelegt: .*  Trace [0-9a-f]{8}… 1/40 *$"
keys E
check "the full error in German, the trace id whole on its line" \
    wait_re "│Trace-ID: 00-[0-9a-f]{32}-[0-9a-f]{16}-00 *│"
check "its key line in German" wait_re "^q/Esc schließen  y Trace-ID kopieren"
keys q
wait_gone "Trace-ID:"
keys q
check "q asks first (the failed create's form is kept), in German" wait_re "^y Ende  n/Esc abbrechen"
keys y
check "q quits" wait_for "invitui exited with 0"
done_testing
