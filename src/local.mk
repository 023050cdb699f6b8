# The core library shared by the CLI, the TUI and the unit tests.
noinst_LIBRARIES += src/libinvitui.a
src_libinvitui_a_SOURCES = \
	src/util.c include/invitui/util.h \
	src/i18n.c include/invitui/i18n.h

CORE_LIBS = src/libinvitui.a $(CURL_LIBS) $(JANSSON_LIBS) $(INIH_LIBS) $(LIBINTL) $(LIBS)
CORE_CFLAGS = $(CURL_CFLAGS) $(JANSSON_CFLAGS) $(INIH_CFLAGS)
src_libinvitui_a_CFLAGS = $(AM_CFLAGS) $(CORE_CFLAGS) $(NCURSES_CFLAGS) $(READLINE_CFLAGS)

bin_PROGRAMS += src/invitui
src_invitui_SOURCES = src/main.c
src_invitui_CFLAGS = $(AM_CFLAGS) $(CORE_CFLAGS) $(NCURSES_CFLAGS) $(READLINE_CFLAGS)
src_invitui_LDADD = $(CORE_LIBS) $(NCURSES_LIBS) $(READLINE_LIBS)
