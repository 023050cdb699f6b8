# Actions core (no curses): the journal, the create form, bulk runs.
src_libinvitui_a_SOURCES += \
	src/journal.c src/journal_filter.c include/invitui/journal.h \
	src/form.c src/form_complete.c include/invitui/form.h \
	src/form_hybridbox.c src/form_marketplace.c include/invitui/form_desc.h \
	src/action.c src/action_member.c src/action_explain.c src/action_guard.c include/invitui/action.h \
	src/explain.c include/invitui/explain.h \
	src/bulk.c include/invitui/bulk.h
