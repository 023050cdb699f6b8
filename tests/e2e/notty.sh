#!/bin/sh
# Without a terminal (a script, a pipe) invitui must not start curses: it
# says why and exits with the usage status, touching nothing.
. "${top_srcdir:-.}/tests/lib.sh"
[ -x "$INVITUI" ] || skip_all "invitui is not built"

start_sandbox || { not_ok "sandbox starts"; done_testing; }
cat >"$TMPD/config" <<CONF
[profile hb]
provider = hybridbox
base_url = $SANDBOX_URL
accounts = $(sandbox_hb_accounts)
token_env = E2E_TOKEN
CONF
chmod 600 "$TMPD/config"
E2E_TOKEN=$SANDBOX_TOKEN "$INVITUI" --config "$TMPD/config" </dev/null >"$TMPD/out" 2>"$TMPD/err"
rc=$?
check "exit status 2 without a terminal" test "$rc" -eq 2
check "it says a terminal is needed" grep -q "needs a terminal" "$TMPD/err"
check "nothing was written to standard output" test ! -s "$TMPD/out"
check "no escape sequence reached standard error" sh -c '! grep -q "$(printf "\033")" "$1"' - "$TMPD/err"
done_testing
