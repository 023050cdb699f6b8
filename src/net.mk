# net area: errors, configuration profiles and HTTP (libcurl).
src_libinvitui_a_SOURCES += \
	src/error.c \
	src/textclean.c include/invitui/textclean.h \
	src/profile.c src/profile_token.c

dist_man_MANS += doc/invitui.conf.5
