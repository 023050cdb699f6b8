# The core library shared by the CLI, the TUI and the unit tests. Each area
# lists its sources in its own fragment so parallel work never collides.
noinst_LIBRARIES += src/libinvitui.a
src_libinvitui_a_SOURCES = \
	src/util.c include/invitui/util.h \
	src/i18n.c include/invitui/i18n.h \
	src/timings.c include/invitui/timings.h \
	include/invitui/error.h include/invitui/profile.h include/invitui/http.h \
	include/invitui/model.h include/invitui/provider.h

CORE_LIBS = src/libinvitui.a $(CURL_LIBS) $(JANSSON_LIBS) $(YAJL_LIBS) $(INIH_LIBS) $(UTF8PROC_LIBS) \
	$(LIBINTL) $(LIBS)
CORE_CFLAGS = $(CURL_CFLAGS) $(JANSSON_CFLAGS) $(YAJL_CFLAGS) $(INIH_CFLAGS) $(UTF8PROC_CFLAGS)
src_libinvitui_a_CFLAGS = $(AM_CFLAGS) $(CORE_CFLAGS) $(NCURSES_CFLAGS) $(READLINE_CFLAGS)

bin_PROGRAMS += src/invitui
src_invitui_SOURCES = src/main.c
src_invitui_CFLAGS = $(AM_CFLAGS) $(CORE_CFLAGS) $(NCURSES_CFLAGS) $(READLINE_CFLAGS)
src_invitui_LDADD = $(CORE_LIBS) $(NCURSES_LIBS) $(READLINE_LIBS)

include src/net.mk
include src/model.mk
include src/ui.mk
include src/cli.mk
include src/actions.mk
