#!/bin/sh
# Every source with translatable strings must be in po/POTFILES.in, or its
# strings silently stay English.
. "${top_srcdir:-.}/tests/lib.sh"
cd "$top_srcdir" || exit 1
# Sources only (-I, *.c and *.h): a built binary in src/ (an in-tree build) can hold the
# bytes _(" by chance in its machine code, as the sanitizer build's invitui once did.
for f in $(grep -rlIE --include='*.[ch]' '(^|[^A-Za-z0-9_])N?_\("' src include | sort); do
    if grep -qx "$f" po/POTFILES.in; then ok "$f is in po/POTFILES.in"
    else not_ok "$f has translatable strings but is missing from po/POTFILES.in"; fi
done
for f in $(grep -v '^#' po/POTFILES.in); do
    check "po/POTFILES.in entry $f exists" test -f "$f"
done
done_testing
