#!/bin/sh
# Hostile or broken command lines and outputs: an unusable --trace path,
# argv that is not UTF-8 or carries escape sequences, a bad --email, a
# stdout that cannot be written, an insecure profile. Each gives a clear
# message and the documented exit status, never a crash, and nothing that
# was refused reaches the server.
. "${top_srcdir:-.}/tests/lib.sh"
command -v jq >/dev/null || skip_all "jq is not installed"

start_sandbox --accounts 1 --invitations 10 || { not_ok "sandbox starts"; done_testing; }
write_config
ACC=$(sandbox_get /v1/public/accounts | jq -r '.items[0].id')
ESC=$(printf '\033')

creates() { # how many creates the sandbox has recorded
    sandbox_get /_sandbox/actions | jq '[.[] | select(.action == "create")] | length'
}
no_esc() { ! grep -q "$ESC" "$TMPD/err"; }

# 1. A --trace path that cannot be opened.
for path in /tmp /nonexistent/dir/x; do
    cli --trace "$path" list
    expect_rc 2 "--trace $path is a usage error, not a crash"
    check "the message names $path and the reason" \
        grep -q "trace file $path: \(Is a directory\|No such file\)" "$TMPD/err"
done

# 7. Values that are not UTF-8 never reach the server.
cli create --account "$ACC" --email caf@example.com --role editor --note "$(printf 'Caf\351')" \
    --yes
expect_rc 2 "a Latin-1 --note is refused"
check "the message names --note" grep -q -- '--note.*UTF-8' "$TMPD/err"
check "no invitation was created" test "$(creates)" = 0
cli create --account "$ACC" --email caf@example.com --role "$(printf 'edit\377or')" --yes
expect_rc 2 "a --role that is not UTF-8 is refused"
check "the message names --role" grep -q -- '--role' "$TMPD/err"
cli show "$(printf '\300\257')"
expect_rc 2 "an ID that is not UTF-8 is refused"
cli --profile "$(printf 'h\351')" list
expect_rc 2 "a --profile that is not UTF-8 is refused"
check "the message names --profile" grep -q -- '--profile' "$TMPD/err"
check "still no invitation was created" test "$(creates)" = 0

# 12. Escape sequences in argv are not echoed; options are named as typed.
cli "$(printf 'x\033[31m')"
expect_rc 2 "an unknown command"
check "its message has no ESC byte" no_esc
check "its message still says what was wrong" grep -q 'unknown command' "$TMPD/err"
cli "$(printf -- '--x\033[31m')" list
expect_rc 2 "an unknown global option"
check "its message has no ESC byte" no_esc
cli list "$(printf -- '--x\033]0;pwned\007')"
expect_rc 2 "an unknown command option"
check "its message has no ESC byte" no_esc
check "and no title-setting text" sh -c "! grep -q pwned '$TMPD/err'"
cli list --email x
expect_rc 2 "an option list does not take"
check "the message names --email, not its value" grep -q "option '--email'" "$TMPD/err"
cli list --email=x
check "--email=x is named --email too" grep -q "option '--email'" "$TMPD/err"

# 16. --email is checked as the create form checks it.
cli create --account "$ACC" --email "$(printf 'a\001@b.c')" --role editor --yes
expect_rc 2 "an e-mail with a control character is refused"
check "the message names --email" grep -q -- '--email' "$TMPD/err"
check "the message has no control character" sh -c "! grep -q \"\$(printf '\001')\" '$TMPD/err'"
cli create --account "$ACC" --email not-an-email --role editor --yes
expect_rc 2 "an e-mail without @ is refused"
check "with the form's reason" grep -q 'exactly one @' "$TMPD/err"
cli --profile mp create --email 'a b@example.com' --first-name A --last-name B \
    --group UGR-0000-0000 --yes
expect_rc 2 "Marketplace: an e-mail with a space is refused"
check "nothing was created" test "$(creates)" = 0

# 11. A stdout that cannot be written is a failure with a message.
if [ -w /dev/full ]; then
    for args in "list" "list --json" "accounts" "accounts --json" "--help"; do
        # shellcheck disable=SC2086
        "$INVITUI" --config "$CONFIG" $args >/dev/full 2>"$TMPD/err" </dev/null
        RC=$?
        expect_rc 1 "$args > /dev/full fails"
        check "$args > /dev/full says why" grep -q 'standard output' "$TMPD/err"
    done
    cli list --json
    ID=$(jq -r '.[0].id' "$TMPD/out")
    "$INVITUI" --config "$CONFIG" show "$ID" >/dev/full 2>"$TMPD/err" </dev/null
    RC=$?
    expect_rc 1 "show > /dev/full fails"
    check "show > /dev/full says why" grep -q 'standard output' "$TMPD/err"
else
    ok "# SKIP /dev/full is not writable here"
fi

# 17. A profile with TLS verification off says so on every command.
write_config "insecure = true"
cli list
expect_rc 0 "list on an insecure profile"
check "a warning names the profile and insecure = true" \
    grep -q "warning: profile 'hb' has insecure = true" "$TMPD/err"
check "once" test "$(grep -c 'insecure = true' "$TMPD/err")" = 1
cli --profile mp accounts
check "a secure profile gives no warning" sh -c "! grep -q insecure '$TMPD/err'"

done_testing
