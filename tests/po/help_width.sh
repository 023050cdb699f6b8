#!/bin/sh
# Help texts survive an 80-column terminal in every language: invitui --help
# and invitui-sandbox --help fit in 80 columns, and so does every command's
# --help. Widths are display columns
# (wc -L in C.UTF-8), not bytes, so "É" counts once.
. "${top_srcdir:-.}/tests/po/po-lib.sh"

nls_enabled || skip_all "NLS is disabled (configure --disable-nls)"
make_locale_tree || { not_ok "a locale tree from po/*.gmo"; done_testing; }

width() { wc -L <"$1" | tr -d ' '; }
for l in "" $(linguas); do
    name=${l:-en}
    in_lang "$l" --help
    w=$(width "$TMPD/out")
    check "$name: invitui --help is $w columns wide (at most 80)" test "$w" -le 80
    LANGUAGE=$l "$SANDBOX" --help >"$TMPD/out" 2>&1
    w=$(width "$TMPD/out")
    check "$name: invitui-sandbox --help is $w columns wide (at most 80)" test "$w" -le 80
    for c in accounts list show create resend send-new; do
        in_lang "$l" "$c" --help
        w=$(width "$TMPD/out")
        check "$name: invitui $c --help is $w columns wide (at most 80)" test "$w" -le 80
    done
done
done_testing
