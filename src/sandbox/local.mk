# invitui-sandbox: a local, stateful server speaking both providers' contracts.
bin_PROGRAMS += src/invitui-sandbox
src_invitui_sandbox_SOURCES = \
	src/sandbox/main.c \
	src/sandbox/server.c src/sandbox/server.h \
	src/sandbox/faults.c src/sandbox/faults.h \
	src/sandbox/data.c src/sandbox/gen.c src/sandbox/data.h \
	src/sandbox/jsonw.c src/sandbox/jsonw.h \
	src/sandbox/hybridbox.c src/sandbox/hybridbox.h \
	src/sandbox/hb_validate.c src/sandbox/hb_validate.h \
	src/sandbox/marketplace.c src/sandbox/marketplace.h \
	src/sandbox/mp_json.c src/sandbox/mp_json.h \
	src/sandbox/mp_scoped.c src/sandbox/mp_scoped.h \
	src/sandbox/mp_create.c src/sandbox/mp_create.h \
	src/sandbox/mp_fields.c src/sandbox/mp_fields.h \
	src/sandbox/mp_groups.c src/sandbox/mp_groups.h \
	src/sandbox/mp_index.c src/sandbox/mp_index.h \
	src/sandbox/rql.c src/sandbox/rql.h \
	src/sandbox/redirect.c src/sandbox/redirect.h \
	src/util.c src/i18n.c
src_invitui_sandbox_CFLAGS = $(AM_CFLAGS) $(MHD_CFLAGS) $(JANSSON_CFLAGS)
src_invitui_sandbox_LDADD = $(MHD_LIBS) $(JANSSON_LIBS) $(LIBINTL) $(LIBS)
dist_man_MANS += doc/invitui-sandbox.1
