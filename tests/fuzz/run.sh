#!/bin/sh
# `make fuzz`: builds the libFuzzer targets in tests/fuzz/ with clang
# (-fsanitize=fuzzer,address,undefined) from the project's sources -- not the
# objects configure built with $(CC) -- and runs each for FUZZ_SECONDS from a
# scratch copy of its seed corpus, so a run never writes into the tree.
# Without a compiler that can build a libFuzzer target it says so and exits
# 0. A target that crashes, leaks or breaks an invariant makes it exit 1;
# the crashing input is kept in $top_builddir/tests/fuzz/artifacts/.
#
# Environment (set by tests/fuzz/local.mk): top_srcdir, top_builddir,
# CC_FUZZ (default clang), FUZZ_SECONDS (default 60), FUZZ_TARGETS (default
# all), FUZZ_CPPFLAGS and FUZZ_LIBS (the dependencies' flags from configure),
# FUZZ_ARGS (extra libFuzzer flags, e.g. -runs=1000).
set -eu
: "${top_srcdir:=.}" "${top_builddir:=.}" "${CC_FUZZ:=clang}" "${FUZZ_SECONDS:=60}"
: "${FUZZ_CPPFLAGS:=}" "${FUZZ_LIBS:=-lcurl -ljansson -lyajl -linih -lutf8proc}" "${FUZZ_ARGS:=}"
ALL_TARGETS="fuzz_sanitize fuzz_hybridbox fuzz_hybridbox_list fuzz_marketplace fuzz_error \
fuzz_profile fuzz_cli"
: "${FUZZ_TARGETS:=$ALL_TARGETS}"

src=$top_srcdir/tests/fuzz
build=$top_builddir/tests/fuzz/build
artifacts=$top_builddir/tests/fuzz/artifacts
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
CFLAGS_FUZZ="-g -O1 -std=c11 -D_GNU_SOURCE $SAN -I$top_builddir -I$top_builddir/src \
-I$top_srcdir/include -I$src $FUZZ_CPPFLAGS -DLOCALEDIR=\"/nonexistent\" -DBINDIR=\"/nonexistent\""

mkdir -p "$build" "$artifacts"

# Can this compiler build and link a libFuzzer target at all?
probe=$build/probe.c
printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }' \
    >"$probe"
if ! "$CC_FUZZ" -fsanitize=fuzzer,address,undefined "$probe" -o "$build/probe" \
    >"$build/probe.log" 2>&1; then
    echo "make fuzz: SKIPPED: '$CC_FUZZ' cannot build a libFuzzer target" \
        "(clang with libFuzzer is needed; ./bootstrap installs it). Nothing was fuzzed."
    exit 0
fi

# The project's sources once, as an archive so each target links only what it uses.
# Rebuilt when a source, a header or config.h is newer than the archive.
lib=$build/libfuzzcore.a
newest=$(ls -t "$top_srcdir"/src/*.c "$top_srcdir"/include/invitui/*.h \
    "$top_builddir/config.h" "$lib" 2>/dev/null | head -n 1)
if [ "$newest" != "$lib" ]; then
    echo "make fuzz: building the project's sources with $CC_FUZZ"
    rm -f "$lib" "$build"/*.o
    for c in "$top_srcdir"/src/*.c; do
        [ "$(basename "$c")" = main.c ] && continue
        # shellcheck disable=SC2086
        "$CC_FUZZ" $CFLAGS_FUZZ -fsanitize=fuzzer-no-link -c "$c" \
            -o "$build/$(basename "$c" .c).o"
    done
    ar rcs "$lib" "$build"/*.o
fi

status=0
for t in $FUZZ_TARGETS; do
    # shellcheck disable=SC2086
    "$CC_FUZZ" $CFLAGS_FUZZ -fsanitize=fuzzer "$src/$t.c" "$lib" $FUZZ_LIBS -lpthread \
        -o "$build/$t"
    corpus=$(mktemp -d "${TMPDIR:-/tmp}/invitui-$t.XXXXXX")
    if [ -d "$src/corpus/$t" ]; then
        cp "$src/corpus/$t"/* "$corpus"/ 2>/dev/null || true
    fi
    quiet=
    [ "$t" != fuzz_cli ] || quiet=-close_fd_mask=3 # usage text on every input
    echo "make fuzz: $t for ${FUZZ_SECONDS}s"
    # shellcheck disable=SC2086
    if "$build/$t" -max_total_time="$FUZZ_SECONDS" -dict="$src/json.dict" \
        -artifact_prefix="$artifacts/$t-" -print_final_stats=1 $quiet $FUZZ_ARGS \
        "$corpus" >"$build/$t.log" 2>&1; then
        execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$build/$t.log")
        echo "make fuzz: $t: ok, ${execs:-?} inputs run"
    else
        status=1
        tail -n 40 "$build/$t.log"
        echo "make fuzz: $t: FAILED (log $build/$t.log, input in $artifacts/)"
    fi
    rm -rf "$corpus"
done
exit "$status"
