# unit tests of the ui area: check_PROGRAMS += ..., TESTS += ...
check_PROGRAMS += tests/unit/test_sanitize tests/unit/test_tree
tests_unit_test_sanitize_SOURCES = tests/unit/test_sanitize.c
tests_unit_test_sanitize_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_sanitize_LDADD = $(UNIT_LDADD)
tests_unit_test_tree_SOURCES = tests/unit/test_tree.c
tests_unit_test_tree_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_tree_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_sanitize tests/unit/test_tree
