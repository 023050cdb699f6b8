#!/bin/sh
# The offered invitation locales are exactly po/LINGUAS plus en, and adding a
# language to LINGUAS offers it with no code change: the locales_gen.h rule of
# src/cli.mk runs on the real LINGUAS (it must equal the header this build
# compiled) and on a copy with more languages, and src/locales.c compiled
# against each header offers exactly those languages. All in $TMPD.
. "${top_srcdir:-.}/tests/po/po-lib.sh"

command -v make >/dev/null 2>&1 || skip_all "make is not installed"
CC=$(sed -n 's/^CC = //p' "$top_builddir/Makefile")
[ -n "$CC" ] || skip_all "no CC in $top_builddir/Makefile"

# expected_tags FILE: BCP 47 tags for the codes of a LINGUAS file, plus en.
expected_tags() {
    { linguas "$1" | sed -e 's/@latin$/-Latn/' -e 's/@.*//' -e 's/_/-/g'; echo en; } |
        LC_ALL=C sort -u
}

# gen_header DIR: runs the src/cli.mk rule with top_srcdir=DIR into
# $TMPD/build-$(basename DIR)/src/locales_gen.h.
gen_header() {
    b="$TMPD/build-$(basename "$1")"
    mkdir -p "$b"
    printf 'top_srcdir = %s\nMKDIR_P = mkdir -p\nAM_V_GEN =\ninclude %s/src/cli.mk\n' \
        "$1" "$top_srcdir" >"$b/test.mk"
    (cd "$b" && make -s -f test.mk src/locales_gen.h) >"$b/make.log" 2>&1 || {
        diag "$(cat "$b/make.log")"; return 1; }
}

# offered DIR: compiles print-locales against DIR's header and runs it.
offered() {
    b="$TMPD/build-$(basename "$1")"
    # A copy, so that #include "locales_gen.h" cannot find the one next to
    # the real src/locales.c (in-tree builds keep the generated header there).
    cp "$top_srcdir/src/locales.c" "$b/src/locales.c"
    # shellcheck disable=SC2086 # CC may hold flags ("gcc -std=gnu11")
    $CC -std=gnu11 -DHAVE_CONFIG_H -I"$b/src" -I"$top_builddir" -I"$top_srcdir/include" \
        -o "$b/print-locales" "$top_srcdir/tests/po/print-locales.c" \
        "$b/src/locales.c" "$top_srcdir/src/util.c" >"$b/cc.log" 2>&1 || {
        diag "$(cat "$b/cc.log")"; return 1; }
    "$b/print-locales"
}

mkdir -p "$TMPD/real/po" "$TMPD/more/po"
cp "$top_srcdir/po/LINGUAS" "$TMPD/real/po/LINGUAS"
if gen_header "$TMPD/real"; then
    ok "the src/cli.mk rule makes locales_gen.h from po/LINGUAS"
    check "this build's src/locales_gen.h is current with po/LINGUAS" \
        cmp -s "$TMPD/build-real/src/locales_gen.h" "$top_builddir/src/locales_gen.h"
    expected_tags "$TMPD/real/po/LINGUAS" >"$TMPD/real.want"
    if offered "$TMPD/real" >"$TMPD/real.got" && cmp -s "$TMPD/real.want" "$TMPD/real.got"; then
        ok "offered locales are po/LINGUAS plus en: $(tr '\n' ' ' <"$TMPD/real.got")"
    else
        not_ok "offered locales differ from po/LINGUAS plus en"
        diag "want: $(tr '\n' ' ' <"$TMPD/real.want")" "got: $(tr '\n' ' ' <"$TMPD/real.got")"
    fi
else
    not_ok "the src/cli.mk rule makes locales_gen.h from po/LINGUAS"
fi

# A translator adds Italian, Brazilian Portuguese and Serbian in Latin script.
{ cat "$top_srcdir/po/LINGUAS"; printf '# added by the test\nit pt_BR\tsr@latin\n'; } \
    >"$TMPD/more/po/LINGUAS"
expected_tags "$TMPD/more/po/LINGUAS" >"$TMPD/more.want"
if gen_header "$TMPD/more" && offered "$TMPD/more" >"$TMPD/more.got"; then
    check "a longer LINGUAS offers exactly its languages plus en: $(tr '\n' ' ' <"$TMPD/more.got")" \
        cmp -s "$TMPD/more.want" "$TMPD/more.got"
    for tag in it pt-BR sr-Latn; do
        check "the added language $tag is offered with no code change" \
            grep -qx "$tag" "$TMPD/more.got"
    done
else
    not_ok "locales.c builds against a header from a longer LINGUAS"
fi
done_testing
