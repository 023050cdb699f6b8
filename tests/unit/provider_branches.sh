#!/bin/sh
# Issue #11's rule "no provider branch outside the providers": what differs
# between Hybridbox and the Marketplace is data behind struct provider_ops
# (STYLE.md rule 12), so no file but the providers (src/provider_*.c, which
# include the registry src/provider_select.c and the form descriptors'
# owners) and the response readers (src/*_json.c) may name a provider
# constant or compare a provider name. The sandbox (src/sandbox/) plays the
# servers and is not the client. Comments are not code and are skipped;
# so are translated sentences that merely mention the names.
. "${top_srcdir:-.}/tests/lib.sh"

# The constants, the names, and asking whether an ops or form descriptor
# is a particular provider's ("ops == &provider_marketplace").
OPS='&?(provider|form_desc)_(hybridbox|marketplace)'
NAMES='PROVIDER_HYBRIDBOX|PROVIDER_MARKETPLACE|is_marketplace|"hybridbox"|"marketplace"'
PATTERN="${NAMES}|[=!]=[[:space:]]*${OPS}|${OPS}[[:space:]]*[=!]="

# The only places outside the providers that may match, one per line as
# FILE<TAB>ERE<TAB>reason. Each must still match (a stale one fails).
EXCEPTIONS='include/invitui/profile.h	^enum provider_kind [{]	the registry keys are defined where struct profile needs them; provider.h includes profile.h, not the other way round'

# Prints FILE with comments blanked out and string literals kept, line for
# line, so that grep -n numbers stay the file's.
strip_comments() {
    awk '
    BEGIN { incomment = 0 }
    {
        out = ""; instr = 0; n = length($0)
        for (i = 1; i <= n; i++) {
            c = substr($0, i, 1); d = substr($0, i, 2)
            if (incomment) {
                if (d == "*/") { incomment = 0; i++ }
                continue
            }
            if (instr) {
                out = out c
                if (c == "\\") { out = out substr($0, i + 1, 1); i++ }
                else if (c == instr) instr = 0
                continue
            }
            if (d == "/*") { incomment = 1; i++; continue }
            if (d == "//") break
            if (c == "\"" || c == "'\''") instr = c
            out = out c
        }
        print out
    }' "$1"
}

# Lines of FILE (relative to top_srcdir) that name a provider, minus the
# listed exceptions; "LINE:text" each.
offending() {
    strip_comments "$top_srcdir/$1" | grep -nE "$PATTERN" | while IFS= read -r hit; do
        allowed=no
        printf '%s\n' "$EXCEPTIONS" | while IFS='	' read -r file re _why; do
            [ "$file" = "$1" ] && printf '%s\n' "${hit#*:}" | grep -qE "$re" && echo yes
        done | grep -q yes && allowed=yes
        [ "$allowed" = no ] && printf '%s\n' "$hit"
    done
}

# The scanner itself must be able to fail: a scratch file with a real
# branch is caught, the same words in comments and sentences are not.
mkdir -p "$TMPD/src"
cat >"$TMPD/src/branchy.c" <<'C'
/* PROVIDER_HYBRIDBOX in a comment, "hybridbox" too */
static int f(const struct profile *p)
{
    const char *s = "/* not a comment */"; // PROVIDER_MARKETPLACE
    puts(_("use hybridbox or marketplace"));
    return p->provider == PROVIDER_HYBRIDBOX && strcmp(s, "marketplace") == 0;
}
static bool g(const struct provider_ops *ops) { return ops != &provider_marketplace; }
C
hits=$(top_srcdir=$TMPD offending src/branchy.c)
check "the scan finds a provider comparison in code (line 6)" test "${hits%%:*}" = 6
check "the scan finds an ops identity test (line 8)" \
    test -n "$(printf '%s\n' "$hits" | grep '^8:')"
check "the scan ignores comments, // comments and sentences naming the providers" \
    test "$(printf '%s\n' "$hits" | wc -l)" -eq 2

files=$(cd "$top_srcdir" && find src include -path src/sandbox -prune -o \
            \( -name '*.c' -o -name '*.h' \) -print | sort |
        grep -vE '^src/provider_[^/]*\.c$|^src/[^/]*_json\.c$')
check "there are sources to scan" test -n "$files"
for f in $files; do
    hits=$(offending "$f")
    if [ -z "$hits" ]; then
        ok "$f names no provider"
    else
        not_ok "$f names a provider: move the difference into struct provider_ops"
        diag "$hits"
    fi
done

printf '%s\n' "$EXCEPTIONS" | while IFS='	' read -r file re why; do
    if strip_comments "$top_srcdir/$file" | grep -qE "$re"; then
        echo "ok - exception still needed: $file ($why)"
    else
        echo "not ok - stale exception: $file no longer has /$re/; remove it from the list"
    fi
done >"$TMPD/exceptions"
while IFS= read -r line; do
    case $line in
    "ok - "*) ok "${line#ok - }" ;;
    *) not_ok "${line#not ok - }" ;;
    esac
done <"$TMPD/exceptions"
done_testing
