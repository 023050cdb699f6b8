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

# make_locale_tree: $TMPD/locale/LL/LC_MESSAGES/invitui.mo for every LL in
# LINGUAS: a copy of po/LL.gmo (the build directory's if any, else the source
# tree's, where the po Makefile puts them), or, when that is missing or older
# than po/LL.po (the po Makefile rebuilds .gmo files only when the template
# changes; `make update-gmo` does it), po/LL.po compiled with msgfmt.
# Exports INVITUI_LOCALEDIR.
make_locale_tree() {
    for l in $(linguas); do
        po="$top_srcdir/po/$l.po"
        mo="$TMPD/locale/$l/LC_MESSAGES/invitui.mo"
        gmo=
        for d in "$top_builddir/po" "$top_srcdir/po"; do
            if [ -f "$d/$l.gmo" ]; then gmo="$d/$l.gmo"; break; fi
        done
        mkdir -p "$TMPD/locale/$l/LC_MESSAGES" || return 1
        if [ -n "$gmo" ] && ! [ "$po" -nt "$gmo" ]; then
            cp "$gmo" "$mo" || return 1
        elif command -v msgfmt >/dev/null 2>&1 && msgfmt -c -o "$mo" "$po"; then
            diag "po/$l.gmo is missing or older than po/$l.po: compiled po/$l.po instead" \
                 "(make update-gmo refreshes the .gmo files)"
        else
            diag "no current $l.gmo in $top_builddir/po or $top_srcdir/po, and no msgfmt"
            return 1
        fi
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
