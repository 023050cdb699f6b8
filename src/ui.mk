# ui area: add sources with src_libinvitui_a_SOURCES += ... (or src_invitui_SOURCES +=)
src_libinvitui_a_SOURCES += \
	src/sanitize.c include/invitui/sanitize.h \
	src/tree.c include/invitui/tree.h \
	src/worker.c include/invitui/worker.h \
	src/ui/prompt.c include/invitui/prompt.h

include src/ui/local.mk
