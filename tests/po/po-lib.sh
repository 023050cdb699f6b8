# Helpers for the translation tests: which languages po/LINGUAS lists, and
# a private message catalog tree built from the compiled catalogs, so the
# uninstalled programs can run in any of them (ENGINEERING.md B3).
# Sourced by tests/po/*.sh after the harness has set top_srcdir/top_builddir.
. "${top_srcdir:-.}/tests/lib.sh"

nls_enabled() { grep -q '^#define ENABLE_NLS 1' "$top_builddir/config.h"; }

# linguas [FILE]: the language codes of a LINGUAS file, one a line.
linguas() {
    sed -e 's/#.*//' "${1:-$top_srcdir/po/LINGUAS}" | tr -s ' \t' '\n\n' | grep -v '^$'
}

# make_locale_tree: $TMPD/locale/LL/LC_MESSAGES/invitui.mo from po/LL.gmo
# (the build directory's if any, else the source tree's, where the po
# Makefile puts them) for every LL in LINGUAS; exports INVITUI_LOCALEDIR.
make_locale_tree() {
    for l in $(linguas); do
        gmo=
        for d in "$top_builddir/po" "$top_srcdir/po"; do
            if [ -f "$d/$l.gmo" ]; then gmo="$d/$l.gmo"; break; fi
        done
        if [ -z "$gmo" ]; then
            diag "no $l.gmo in $top_builddir/po or $top_srcdir/po"
            return 1
        fi
        mkdir -p "$TMPD/locale/$l/LC_MESSAGES" &&
            cp "$gmo" "$TMPD/locale/$l/LC_MESSAGES/invitui.mo" || return 1
    done
    INVITUI_LOCALEDIR="$TMPD/locale"
    export INVITUI_LOCALEDIR
}

# in_lang LL ARGS...: runs invitui in language LL (empty: English) the way a
# user without that locale generated would (LC_ALL=C.UTF-8 LANGUAGE=LL);
# stdout in $TMPD/out, stderr in $TMPD/err, exit status in $RC.
in_lang() {
    lang=$1; shift
    LANGUAGE=$lang "$INVITUI" "$@" >"$TMPD/out" 2>"$TMPD/err" </dev/null
    RC=$?
}
