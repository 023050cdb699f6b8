# Every test speaks TAP, so the counts in test-suite.log are per test case.
TEST_EXTENSIONS = .sh
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
SH_LOG_DRIVER = $(LOG_DRIVER)
SH_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(abs_top_srcdir)'; top_builddir='$(abs_top_builddir)'; \
	export top_srcdir top_builddir; \
	CMOCKA_MESSAGE_OUTPUT=TAP; export CMOCKA_MESSAGE_OUTPUT; \
	INPUTRC=/dev/null; export INPUTRC; \
	LSAN_OPTIONS="suppressions=$(abs_top_srcdir)/tests/lsan.supp$${LSAN_OPTIONS:+:$$LSAN_OPTIONS}"; \
	export LSAN_OPTIONS;

UNIT_CFLAGS = $(AM_CFLAGS) $(CORE_CFLAGS) $(CMOCKA_CFLAGS)
UNIT_LDADD = $(CORE_LIBS) $(CMOCKA_LIBS)

EXTRA_DIST += tests/lib.sh tests/lsan.supp

include tests/unit/local.mk
include tests/sandbox/local.mk
include tests/integration/local.mk
include tests/e2e/local.mk
include tests/po/local.mk

EXTRA_DIST += tests/bench/run.sh tests/bench/tui_keys.sh tests/bench/tui_snapshot.sh \
	tests/bench/tui_marketplace.sh tests/bench/figure.sh
bench: all tests/bench/store_bench tests/bench/snapshot_bench
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	  bash $(top_srcdir)/tests/bench/run.sh
.PHONY: bench
include tests/fuzz/local.mk
