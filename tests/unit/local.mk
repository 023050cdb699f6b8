check_PROGRAMS += tests/unit/test_util
tests_unit_test_util_SOURCES = tests/unit/test_util.c
tests_unit_test_util_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_util_LDADD = $(UNIT_LDADD)

TESTS += tests/unit/test_util

include tests/unit/net.mk
include tests/unit/model.mk
include tests/unit/ui.mk

check_PROGRAMS += tests/unit/test_locales tests/unit/test_timefmt
tests_unit_test_locales_SOURCES = tests/unit/test_locales.c
tests_unit_test_locales_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_locales_LDADD = $(UNIT_LDADD)
tests_unit_test_timefmt_SOURCES = tests/unit/test_timefmt.c
tests_unit_test_timefmt_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_timefmt_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_locales tests/unit/test_timefmt
include tests/unit/actions.mk

check_PROGRAMS += tests/unit/test_cli_args
tests_unit_test_cli_args_SOURCES = tests/unit/test_cli_args.c
tests_unit_test_cli_args_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_cli_args_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_cli_args

# INVITUI_TIMINGS: the JSON lines, their order, the file's mode, two threads.
check_PROGRAMS += tests/unit/test_timings
tests_unit_test_timings_SOURCES = tests/unit/test_timings.c
tests_unit_test_timings_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_timings_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_timings

# Issue #11: no provider constant or name comparison outside the providers.
TESTS += tests/unit/provider_branches.sh
EXTRA_DIST += tests/unit/provider_branches.sh
