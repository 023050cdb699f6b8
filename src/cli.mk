# The CLI, the session shared with the TUI, the demo, and offered locales.
src_libinvitui_a_SOURCES += \
	src/session.c include/invitui/session.h \
	src/timefmt.c include/invitui/timefmt.h \
	src/locales.c include/invitui/locales.h \
	src/demo.c include/invitui/demo.h

# po/LINGUAS is also the list of invitation locales (see locales.h).
BUILT_SOURCES += src/locales_gen.h
CLEANFILES += src/locales_gen.h
src/locales_gen.h: $(top_srcdir)/po/LINGUAS
	$(AM_V_GEN)$(MKDIR_P) src && \
	{ printf '#define INVITUI_LINGUAS "'; \
	  sed -e 's/#.*//' -e 's/[^A-Za-z0-9_@ 	-]//g' $(top_srcdir)/po/LINGUAS | tr '\n\t' '  '; \
	  printf '"\n'; } > $@.tmp && mv $@.tmp $@

dist_man_MANS += doc/invitui.1

src_invitui_SOURCES += \
	src/cli.c src/cli_create.c src/cli_journal.c src/cli_member.c src/cli_explain.c src/cli_reissue.c src/cli_can.c include/invitui/cli.h include/invitui/cli_private.h \
	src/cli_output.c include/invitui/cli_output.h
src_libinvitui_a_SOURCES += src/cli_args.c include/invitui/cli_args.h
