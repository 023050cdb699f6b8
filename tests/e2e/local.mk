# The real TUI in tmux against the sandbox.

# cmocka tests of the TUI's pure parts (layout, command and key tables,
# base64 for OSC 52). They live with the tui area's tests because the UI
# sources are linked into src/invitui, not into the core library.
check_PROGRAMS += tests/unit/test_tui
tests_unit_test_tui_SOURCES = tests/unit/test_tui.c \
	src/ui/commands.c src/ui/keys.c src/ui/layout.c src/ui/term.c
tests_unit_test_tui_CFLAGS = $(UNIT_CFLAGS) $(NCURSES_CFLAGS)
tests_unit_test_tui_LDADD = $(UNIT_LDADD) $(NCURSES_LIBS)
TESTS += tests/unit/test_tui

check_PROGRAMS += tests/unit/test_tui_detail
tests_unit_test_tui_detail_SOURCES = tests/unit/test_tui_detail.c src/ui/detail_tree.c
tests_unit_test_tui_detail_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_tui_detail_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_tui_detail

check_PROGRAMS += tests/unit/test_tui_actions
tests_unit_test_tui_actions_SOURCES = tests/unit/test_tui_actions.c src/ui/action_text.c \
	src/ui/error_text.c
tests_unit_test_tui_actions_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_tui_actions_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_tui_actions

# Screen tests: the real binary in a private tmux server (skipped without tmux).
E2E_TESTS = \
	tests/e2e/panes.sh tests/e2e/hostile.sh tests/e2e/faults.sh tests/e2e/latency.sh tests/e2e/progressive.sh tests/e2e/progressive_mp.sh \
	tests/e2e/command.sh tests/e2e/demo.sh tests/e2e/demo_kill.sh tests/e2e/notty.sh \
	tests/e2e/screens.sh tests/e2e/actions.sh tests/e2e/bulk.sh tests/e2e/expiry_hint.sh \
	tests/e2e/unknown.sh tests/e2e/timings.sh tests/e2e/stale_jobs.sh \
	tests/e2e/action_row.sh tests/e2e/action_rules.sh tests/e2e/bulk_rules.sh \
	tests/e2e/complete.sh tests/e2e/stale_message.sh tests/e2e/cache.sh
TESTS += $(E2E_TESTS)
EXTRA_DIST += $(E2E_TESTS) tests/e2e/tmux_lib.sh \
	tests/e2e/expected/help-invitations-120x40.txt tests/e2e/expected/skeleton-80x24.txt

# The create form (c): the screen against the sandbox, and its pure model.
TESTS += tests/e2e/create.sh tests/e2e/create_view.sh
EXTRA_DIST += tests/e2e/create.sh tests/e2e/create_view.sh
check_PROGRAMS += tests/unit/test_tui_create
tests_unit_test_tui_create_SOURCES = tests/unit/test_tui_create.c \
	src/ui/create_model.c src/ui/layout.c
tests_unit_test_tui_create_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_tui_create_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_tui_create

# How an error shows in the TUI: the short trace id on the status line, the
# whole one in the full-error view and the journal view.
TESTS += tests/e2e/errors.sh
EXTRA_DIST += tests/e2e/errors.sh

# E shows the last error (defect 2 of #11).
TESTS += tests/e2e/last_error.sh
EXTRA_DIST += tests/e2e/last_error.sh

# q or Ctrl-C with a kept create form asks first (defect 3 of #11).
TESTS += tests/e2e/quit_kept.sh
EXTRA_DIST += tests/e2e/quit_kept.sh

# The journal view filters by / (#11).
TESTS += tests/e2e/journal_filter.sh
EXTRA_DIST += tests/e2e/journal_filter.sh

# The ticket field of the confirmation and the recent-send guard (#13).
TESTS += tests/e2e/guard_ticket.sh
EXTRA_DIST += tests/e2e/guard_ticket.sh

# ? over each kind of view lists its keys (#11).
TESTS += tests/e2e/help_views.sh
EXTRA_DIST += tests/e2e/help_views.sh

# Display-time translation of stable words, the layout of the panes, and
# the navigation keys (#11).
I11_POLISH_TESTS = tests/e2e/l10n_words.sh tests/e2e/detail_source.sh \
	tests/e2e/detail_assignments.sh tests/e2e/columns.sh tests/e2e/nav_keys.sh \
	tests/e2e/group_names.sh tests/e2e/create_validate.sh
TESTS += $(I11_POLISH_TESTS)
EXTRA_DIST += $(I11_POLISH_TESTS)

# The confirmation, picker and result views linked alone against a fake
# controller (#11): keys in, what the controller was asked and what the
# view drew out.
check_PROGRAMS += tests/unit/test_tui_views
tests_unit_test_tui_views_SOURCES = tests/unit/test_tui_views.c \
	tests/unit/ui_fake_app.c tests/unit/ui_fake_app.h \
	src/ui/confirm_view.c src/ui/results_view.c src/ui/dialog.c src/ui/stack.c \
	src/ui/view.c src/ui/layout.c src/ui/term.c src/ui/commands.c src/ui/keys.c \
	src/ui/action_text.c src/ui/rows.c
tests_unit_test_tui_views_CFLAGS = $(UNIT_CFLAGS) $(NCURSES_CFLAGS)
tests_unit_test_tui_views_LDADD = $(UNIT_LDADD) $(NCURSES_LIBS)
TESTS += tests/unit/test_tui_views

# The create form linked alone against the fake controller and worker (#11).
check_PROGRAMS += tests/unit/test_tui_create_view
tests_unit_test_tui_create_view_SOURCES = tests/unit/test_tui_create_view.c \
	tests/unit/ui_fake_app.c tests/unit/ui_fake_app.h \
	src/ui/create.c src/ui/create_draw.c src/ui/create_keys.c src/ui/create_model.c \
	src/ui/stack.c src/ui/view.c src/ui/layout.c src/ui/term.c src/ui/commands.c \
	src/ui/keys.c src/ui/error_text.c src/ui/rows.c
tests_unit_test_tui_create_view_CFLAGS = $(UNIT_CFLAGS) $(NCURSES_CFLAGS) $(READLINE_CFLAGS)
tests_unit_test_tui_create_view_LDADD = $(UNIT_LDADD) $(NCURSES_LIBS) $(READLINE_LIBS)
TESTS += tests/unit/test_tui_create_view

# The helpdesk's answers (#13): the explainer (w), the reissue (C), and the
# Marketplace group change (e) and removal (D).
TESTS += tests/e2e/explain.sh tests/e2e/reissue.sh tests/e2e/member.sh tests/e2e/explain_mp.sh \
	tests/e2e/can.sh tests/e2e/create_guard.sh
EXTRA_DIST += tests/e2e/explain.sh tests/e2e/reissue.sh tests/e2e/member.sh tests/e2e/explain_mp.sh \
	tests/e2e/can.sh tests/e2e/create_guard.sh
