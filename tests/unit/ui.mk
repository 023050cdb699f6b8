# unit tests of the ui area: check_PROGRAMS += ..., TESTS += ...
check_PROGRAMS += tests/unit/test_sanitize
tests_unit_test_sanitize_SOURCES = tests/unit/test_sanitize.c
tests_unit_test_sanitize_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_sanitize_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_sanitize
