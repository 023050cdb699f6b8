# `make fuzz`: libFuzzer targets for every parser of outside input, built
# with clang from the sources (never part of `all` or `check`); see
# tests/fuzz/run.sh and the README's "Fuzzing" section.
CC_FUZZ = clang
FUZZ_SECONDS = 60
fuzz: $(BUILT_SOURCES)
	top_srcdir='$(top_srcdir)' top_builddir='$(top_builddir)' \
	  CC_FUZZ='$(CC_FUZZ)' FUZZ_SECONDS='$(FUZZ_SECONDS)' \
	  FUZZ_CPPFLAGS='$(CURL_CFLAGS) $(JANSSON_CFLAGS) $(YAJL_CFLAGS) $(INIH_CFLAGS) $(UTF8PROC_CFLAGS)' \
	  FUZZ_LIBS='$(CURL_LIBS) $(JANSSON_LIBS) $(YAJL_LIBS) $(INIH_LIBS) $(UTF8PROC_LIBS) $(LIBINTL) $(LIBS)' \
	  $(SHELL) $(top_srcdir)/tests/fuzz/run.sh
.PHONY: fuzz

EXTRA_DIST += tests/fuzz/run.sh tests/fuzz/fuzz.h tests/fuzz/json.dict \
	tests/fuzz/fuzz_sanitize.c tests/fuzz/fuzz_hybridbox.c tests/fuzz/fuzz_hybridbox_list.c \
	tests/fuzz/fuzz_marketplace.c tests/fuzz/fuzz_error.c tests/fuzz/fuzz_profile.c \
	tests/fuzz/fuzz_cli.c tests/fuzz/corpus

clean-fuzz:
	-rm -rf tests/fuzz/build tests/fuzz/artifacts
.PHONY: clean-fuzz
