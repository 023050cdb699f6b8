# model area: the common model, JSON helpers, the providers and the store.
# Pure modules (no network) come first; the provider_*.c glue calls http.h.
src_libinvitui_a_SOURCES += \
	src/model.c \
	src/json_util.c include/invitui/json_util.h \
	src/query.c include/invitui/query.h \
	src/hybridbox_json.c include/invitui/hybridbox_json.h \
	src/marketplace_json.c include/invitui/marketplace_json.h \
	src/store.c include/invitui/store.h \
	src/provider.c
