# net area: errors, configuration profiles and HTTP (libcurl).
src_libinvitui_a_SOURCES += \
	src/error.c \
	src/profile.c src/profile_token.c \
	src/http.c src/http_multi.c src/http_redirect.c src/http_trace.c src/http_util.c \
	src/redact.c include/invitui/redact.h \
	include/invitui/http_private.h

dist_man_MANS += doc/invitui.conf.5
