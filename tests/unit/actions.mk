# unit tests of the actions core: journal, form, bulk.
check_PROGRAMS += tests/unit/test_journal tests/unit/test_form tests/unit/test_bulk
tests_unit_test_journal_SOURCES = tests/unit/test_journal.c
tests_unit_test_journal_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_journal_LDADD = $(UNIT_LDADD)
tests_unit_test_form_SOURCES = tests/unit/test_form.c
tests_unit_test_form_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_form_LDADD = $(UNIT_LDADD)
tests_unit_test_bulk_SOURCES = tests/unit/test_bulk.c
tests_unit_test_bulk_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_bulk_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_journal tests/unit/test_form tests/unit/test_bulk

# The action core against a fake provider (and the real providers' rules).
check_PROGRAMS += tests/unit/test_action
tests_unit_test_action_SOURCES = tests/unit/test_action.c
tests_unit_test_action_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_action_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_action

# The capability explainer: bundle learning and each kind of answer.
check_PROGRAMS += tests/unit/test_explain
tests_unit_test_explain_SOURCES = tests/unit/test_explain.c
tests_unit_test_explain_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_explain_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_explain

check_PROGRAMS += tests/unit/test_explain_modules
tests_unit_test_explain_modules_SOURCES = tests/unit/test_explain_modules.c
tests_unit_test_explain_modules_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_explain_modules_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_explain_modules
