#!/bin/sh
# Words that files and --json keep in stable English are translated on the
# screen (#11, defect 13): the sort key in the table's title and in the
# "Sorted by" message, the journal's action and result words. The journal
# file itself stays English. French, this build's catalogs.
. "${top_srcdir:-.}/tests/po/po-lib.sh"

nls_enabled || skip_all "NLS is disabled (configure --disable-nls)"
. "$top_srcdir/tests/e2e/tmux_lib.sh"
make_locale_tree || { not_ok "a locale tree from po/*.gmo"; done_testing; }
start_sandbox || { not_ok "sandbox starts"; done_testing; }
write_config

# A journal as an earlier run wrote it: stable English words.
mkdir -p "$TMPD/state/invitui"
J="$TMPD/state/invitui/journal.jsonl"
cat >"$J" <<'JSONL'
{"time":"2026-11-23T12:00:00Z","profile":"hb","provider":"hybridbox","account":null,"target_id":"i-1","email":"a@example.com","action":"resend","locale":"fr","result":"failed","http_status":422,"message":null,"trace_id":null,"instance":null}
{"time":"2026-11-23T12:01:00Z","profile":"hb","provider":"hybridbox","account":null,"target_id":"i-2","email":"b@example.com","action":"send-new","locale":null,"result":"unknown","http_status":null,"message":null,"trace_id":null,"instance":null}
{"time":"2026-11-23T12:02:00Z","profile":"hb","provider":"hybridbox","account":null,"target_id":"i-3","email":"c@example.com","action":"frobnicate","locale":null,"result":"ok","http_status":200,"message":null,"trace_id":null,"instance":null}
JSONL
cp "$J" "$TMPD/journal.before"

E2E_ENV="LANGUAGE=fr INVITUI_LOCALEDIR=$TMPD/locale XDG_STATE_HOME=$TMPD/state"
start_tui 120 30 --config "$TMPD/config" || { not_ok "tmux starts invitui"; done_testing; }
check "the invitations load" wait_re "[0-9]+/40 *$"
check "the sort key in the title is French" wait_for "tri : expiration"
keys o
check "o: the message names the key in French" wait_for "Trié par création"
check "and so does the title" wait_for "tri : création"
check "no English sort key is left on the screen" screen_lacks_re "tri : (created|expiry)"
keys o o
check "status stays a translated word too" wait_for "tri : état"

keys J
check "the journal opens" wait_for "a@example.com"
check "resend failed, in French" wait_re "12:00:00Z  renvoyer  échec \(422\)  a@example.com"
check "send-new unknown, in French" wait_re "12:01:00Z  nouvel envoi  résultat inconnu  b@example.com"
check "an unknown action word shows as it is" wait_re "12:02:00Z  frobnicate  ok \(200\)  c@example.com"
keys q
check "the journal file keeps its English words" cmp -s "$J" "$TMPD/journal.before"
keys q
check "q quits" wait_for "invitui exited with 0"
done_testing
