#!/bin/sh
# The README's demo runs ./src/invitui from the build tree, before anything
# is installed: with LANGUAGE=fr it must still speak French, from the
# catalogs the build compiles into $top_builddir/locale. No INVITUI_LOCALEDIR.
. "${top_srcdir:-.}/tests/po/po-lib.sh"

nls_enabled || skip_all "NLS is disabled (configure --disable-nls)"
unset INVITUI_LOCALEDIR

check "the build made locale/.invitui-build-tree" test -f "$top_builddir/locale/.invitui-build-tree"
for l in $(linguas); do
    check "the build compiled locale/$l/LC_MESSAGES/invitui.mo" \
        test -s "$top_builddir/locale/$l/LC_MESSAGES/invitui.mo"
done
LANGUAGE=fr "$INVITUI" --help >"$TMPD/fr" 2>&1
check "uninstalled ./src/invitui --help with LANGUAGE=fr is French" \
    grep -qxF 'Options globales :' "$TMPD/fr"
LANGUAGE=de "$INVITUI" --help >"$TMPD/de" 2>&1
check "and with LANGUAGE=de German" sh -c '! cmp -s "$0" "$1" && ! grep -qxF "Global options:" "$1"' \
    "$TMPD/fr" "$TMPD/de"
"$INVITUI" --help >"$TMPD/en" 2>&1
check "control: without LANGUAGE it is English" grep -qxF 'Global options:' "$TMPD/en"
done_testing
