#!/bin/sh
# Translation QA: every catalog listed in po/LINGUAS compiles with format
# checks, is complete (nothing untranslated, fuzzy or obsolete) and is
# current: a template freshly extracted from the sources, with the options of
# po/Makevars, has no msgid that the catalog lacks. Writes only into $TMPD
# (distcheck's srcdir is read-only).
. "${top_srcdir:-.}/tests/po/po-lib.sh"

for tool in msgfmt msgattrib msgcmp xgettext; do
    command -v "$tool" >/dev/null 2>&1 || skip_all "$tool is not installed"
done

# XGETTEXT_OPTIONS as po/Makevars sets them (a backslash continues the line).
opts=$(sed -n '/^XGETTEXT_OPTIONS[ 	]*=/,/[^\\]$/p' "$top_srcdir/po/Makevars" |
       sed -e 's/^XGETTEXT_OPTIONS[ 	]*=//' -e 's/\\$//' | tr '\n' ' ')
case $opts in
*--keyword=_*) ok "XGETTEXT_OPTIONS read from po/Makevars:$opts" ;;
*) not_ok "no XGETTEXT_OPTIONS with --keyword=_ in po/Makevars" ;;
esac
# shellcheck disable=SC2086 # $opts is a list of options
if xgettext --default-domain=invitui --directory="$top_srcdir" \
        --add-comments=TRANSLATORS: --files-from="$top_srcdir/po/POTFILES.in" \
        $opts -o "$TMPD/invitui.pot" 2>"$TMPD/xgettext.err" && [ -s "$TMPD/invitui.pot" ]; then
    ok "a fresh template extracts from the sources in po/POTFILES.in"
else
    not_ok "xgettext could not extract a template"
    diag "$(cat "$TMPD/xgettext.err")"
fi

langs=$(linguas)
check "po/LINGUAS lists at least one language" test -n "$langs"
for po in "$top_srcdir"/po/*.po; do
    [ -f "$po" ] || continue
    l=$(basename "$po" .po)
    check "po/$l.po is listed in po/LINGUAS (or it is never installed)" \
        sh -c 'linguas_has() { for x in $2; do [ "$x" = "$1" ] && return 0; done; return 1; };
               linguas_has "$0" "$1"' "$l" "$langs"
done

for l in $langs; do
    po="$top_srcdir/po/$l.po"
    if [ ! -f "$po" ]; then
        not_ok "po/$l.po exists (listed in po/LINGUAS)"
        continue
    fi
    if msgfmt -c --check-format --statistics -o "$TMPD/$l.mo" "$po" 2>"$TMPD/$l.stats"; then
        ok "$l: msgfmt -c --check-format accepts the catalog ($(tr -d '\n' <"$TMPD/$l.stats"))"
    else
        not_ok "$l: msgfmt -c --check-format rejects the catalog"
        diag "$(cat "$TMPD/$l.stats")"
    fi
    msgattrib --untranslated --no-obsolete "$po" >"$TMPD/$l.untranslated"
    if [ -s "$TMPD/$l.untranslated" ]; then
        not_ok "$l: $(( $(grep -c "^msgid " "$TMPD/$l.untranslated") - 1 )) untranslated messages"
        diag "$(grep '^msgid ' "$TMPD/$l.untranslated" | head -n 20)"
    else
        ok "$l: no untranslated message"
    fi
    msgattrib --only-fuzzy --no-obsolete "$po" >"$TMPD/$l.fuzzy"
    if [ -s "$TMPD/$l.fuzzy" ]; then
        not_ok "$l: $(( $(grep -c "^msgid " "$TMPD/$l.fuzzy") - 1 )) fuzzy messages"
        diag "$(grep '^msgid ' "$TMPD/$l.fuzzy" | head -n 20)"
    else
        ok "$l: no fuzzy message"
    fi
    msgattrib --only-obsolete "$po" >"$TMPD/$l.obsolete"
    check "$l: no obsolete (#~) message left behind" test ! -s "$TMPD/$l.obsolete"
    if [ -s "$TMPD/invitui.pot" ]; then
        # Untranslated entries count as missing (no --use-untranslated).
        if msgcmp -N "$po" "$TMPD/invitui.pot" >"$TMPD/$l.cmp" 2>&1; then
            ok "$l: every message of the current sources is translated (msgcmp)"
        else
            not_ok "$l: po/$l.po is stale against the sources; run make update-po and translate"
            diag "$(head -n 20 "$TMPD/$l.cmp")"
        fi
    fi
done
done_testing
