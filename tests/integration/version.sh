#!/bin/sh
. "${top_srcdir:-.}/tests/lib.sh"
out=$("$INVITUI" --version)
case $out in "invitui "*) ok "invitui --version prints the version" ;; *) not_ok "invitui --version: $out" ;; esac
done_testing
