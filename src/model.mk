# model area: the common model, JSON helpers, the providers and the store.
# Pure modules (no network) first; provider_hybridbox.c, provider_marketplace.c
# and provider_select.c are the glue that calls http.h.
src_libinvitui_a_SOURCES += \
	src/model.c src/model_display.c src/row_slab.c include/invitui/row_slab.h \
	src/json_util.c include/invitui/json_util.h \
	src/query.c include/invitui/query.h \
	src/hybridbox_json.c include/invitui/hybridbox_json.h \
	src/hybridbox_list_json.c include/invitui/hybridbox_list_json.h \
	src/json_plain.c src/json_plain_impl.h include/invitui/json_plain.h \
	src/json_pack.c include/invitui/json_pack.h \
	src/marketplace_json.c include/invitui/marketplace_json.h \
	src/fold.c include/invitui/fold.h \
	src/snapshot.c include/invitui/snapshot.h \
	src/snapshot_codec.c include/invitui/snapshot_codec.h \
	src/list_progress.c include/invitui/list_progress.h \
	src/element_pool.c include/invitui/element_pool.h \
	src/store.c src/store_view.c include/invitui/store.h include/invitui/store_private.h \
	src/provider.c \
	src/provider_hybridbox.c \
	src/provider_marketplace.c \
	src/provider_select.c
