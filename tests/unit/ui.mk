# unit tests of the ui area: check_PROGRAMS += ..., TESTS += ...
UI_UNIT_TESTS = tests/unit/test_sanitize tests/unit/test_tree tests/unit/test_worker
check_PROGRAMS += $(UI_UNIT_TESTS)
TESTS += $(UI_UNIT_TESTS)

tests_unit_test_sanitize_SOURCES = tests/unit/test_sanitize.c
tests_unit_test_sanitize_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_sanitize_LDADD = $(UNIT_LDADD)

tests_unit_test_tree_SOURCES = tests/unit/test_tree.c
tests_unit_test_tree_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_tree_LDADD = $(UNIT_LDADD)

tests_unit_test_worker_SOURCES = tests/unit/test_worker.c
tests_unit_test_worker_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_worker_LDADD = $(UNIT_LDADD)

# The readline bridge runs on a real ncurses SCREEN (newterm on a pipe), so it links both.
check_PROGRAMS += tests/unit/test_prompt
TESTS += tests/unit/test_prompt
tests_unit_test_prompt_SOURCES = tests/unit/test_prompt.c
tests_unit_test_prompt_CFLAGS = $(UNIT_CFLAGS) $(NCURSES_CFLAGS) $(READLINE_CFLAGS)
tests_unit_test_prompt_LDADD = $(UNIT_LDADD) $(NCURSES_LIBS) $(READLINE_LIBS)
TESTS += tests/unit/prompt-inputrc.sh
EXTRA_DIST += tests/unit/prompt-inputrc.sh
TESTS += tests/unit/sanitize_sites.sh
EXTRA_DIST += tests/unit/sanitize_sites.sh

# The layering of src/ui: no view calls into another view (issue #11).
TESTS += tests/unit/ui_layers.sh
EXTRA_DIST += tests/unit/ui_layers.sh
