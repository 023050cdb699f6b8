#!/bin/sh
# The readline bridge must keep working under a user's ~/.inputrc that changes the settings it
# depends on (profanity-im/profanity#681: show-all-if-ambiguous printed over the screen). Runs
# the prompt unit tests again with a hostile INPUTRC; their TAP output is this test's output.
. "$top_srcdir/tests/lib.sh"

cat >"$TMPD/inputrc" <<'RC'
set editing-mode vi
set show-all-if-ambiguous off
set enable-bracketed-paste on
set bell-style audible
set mark-modified-lines on
set revert-all-at-newline off
set convert-meta on
set input-meta off
set completion-ignore-case on
RC
INPUTRC="$TMPD/inputrc" CMOCKA_MESSAGE_OUTPUT=TAP "$top_builddir/tests/unit/test_prompt"
