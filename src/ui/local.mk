# The terminal UI (tui area). Linked into src/invitui only: the CLI and the
# unit tests of the core never pull in curses.
src_invitui_SOURCES += \
	src/ui/commands.c include/invitui/ui_commands.h \
	src/ui/layout.c include/invitui/ui_layout.h \
	src/ui/term.c include/invitui/ui_term.h \
	src/ui/view.c include/invitui/ui_view.h
