# invitui-sandbox: a local, stateful server speaking both providers' contracts.
bin_PROGRAMS += src/invitui-sandbox
src_invitui_sandbox_SOURCES = \
	src/sandbox/main.c
src_invitui_sandbox_CFLAGS = $(AM_CFLAGS) $(MHD_CFLAGS) $(JANSSON_CFLAGS)
src_invitui_sandbox_LDADD = $(MHD_LIBS) $(JANSSON_LIBS) $(LIBINTL) $(LIBS)
