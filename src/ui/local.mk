# The terminal UI (tui area). Linked into src/invitui only: the CLI and the
# unit tests of the core never pull in curses.
src_invitui_SOURCES += \
	src/ui/ui.c include/invitui/ui.h include/invitui/ui_app.h \
	src/ui/actions.c include/invitui/ui_actions.h \
	src/ui/answers.c src/ui/can.c src/ui/member.c \
	src/ui/explain_view.c include/invitui/ui_explain.h \
	src/ui/action_text.c \
	src/ui/bulk_run.c \
	src/ui/results_view.c include/invitui/ui_results.h \
	src/ui/journal_view.c include/invitui/ui_journal.h \
	src/ui/app.c \
	src/ui/commands.c src/ui/keys.c include/invitui/ui_commands.h \
	src/ui/confirm_view.c include/invitui/ui_confirm.h \
	src/ui/dialog.c include/invitui/ui_dialog.h \
	src/ui/message_view.c include/invitui/ui_message.h \
	src/ui/create.c src/ui/create_draw.c src/ui/create_keys.c \
	include/invitui/ui_create.h include/invitui/ui_create_private.h \
	src/ui/create_model.c include/invitui/ui_create_model.h \
	src/ui/data.c \
	src/ui/cache.c \
	src/ui/detail.c include/invitui/ui_detail.h \
	src/ui/detail_tree.c include/invitui/ui_detail_tree.h \
	src/ui/draw.c \
	src/ui/error_text.c include/invitui/ui_error.h \
	src/ui/frame_timings.c \
	src/ui/group_names.c include/invitui/ui_group_names.h \
	src/ui/input.c include/invitui/ui_input.h \
	src/ui/layout.c include/invitui/ui_layout.h \
	src/ui/match_list.c include/invitui/ui_match_list.h \
	src/ui/panes.c include/invitui/ui_panes.h \
	src/ui/rows.c include/invitui/ui_list.h include/invitui/ui_list_private.h \
	src/ui/term.c include/invitui/ui_term.h \
	src/ui/stack.c \
	src/ui/view.c include/invitui/ui_view.h
