# Actions core (no curses): the journal, the create form, bulk runs.
src_libinvitui_a_SOURCES += \
	src/journal.c include/invitui/journal.h \
	src/form.c src/form_complete.c include/invitui/form.h \
	src/action.c include/invitui/action.h \
	src/explain.c include/invitui/explain.h \
	src/bulk.c include/invitui/bulk.h
