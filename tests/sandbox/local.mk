# The sandbox's own HTTP tests (curl + jq, not the client code).
SANDBOX_TESTS = \
	tests/sandbox/acceptance.sh \
	tests/sandbox/hybridbox.sh \
	tests/sandbox/marketplace.sh \
	tests/sandbox/mp_groups.sh \
	tests/sandbox/rql.sh \
	tests/sandbox/faults.sh \
	tests/sandbox/server.sh \
	tests/sandbox/paging.sh \
	tests/sandbox/expiry.sh \
	tests/sandbox/redirect.sh
TESTS += $(SANDBOX_TESTS)
EXTRA_DIST += $(SANDBOX_TESTS) tests/sandbox/sandbox-lib.sh \
	tests/sandbox/reference/hybridbox-invitation.json \
	tests/sandbox/reference/marketplace-resend-invite.json \
	tests/sandbox/reference/marketplace-send-new-invite.json

# Unit tests of the sandbox's pure pieces (RQL, JSON writer, ids, clocks).
check_PROGRAMS += tests/sandbox/test_rql
TESTS += tests/sandbox/test_rql
tests_sandbox_test_rql_SOURCES = tests/sandbox/test_rql.c \
	src/sandbox/rql.c src/sandbox/jsonw.c src/sandbox/data.c src/util.c
tests_sandbox_test_rql_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/sandbox
tests_sandbox_test_rql_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_sandbox_test_rql_LDADD = $(CMOCKA_LIBS) $(LIBINTL) $(LIBS)

# The cache of filtered, sorted user views (mp_index) against the clock and
# state changes.
check_PROGRAMS += tests/sandbox/test_mp_index
TESTS += tests/sandbox/test_mp_index
tests_sandbox_test_mp_index_SOURCES = tests/sandbox/test_mp_index.c \
	src/sandbox/mp_index.c src/sandbox/mp_json.c src/sandbox/mp_scoped.c src/sandbox/rql.c \
	src/sandbox/jsonw.c src/sandbox/data.c src/util.c
tests_sandbox_test_mp_index_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/sandbox
tests_sandbox_test_mp_index_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_sandbox_test_mp_index_LDADD = $(CMOCKA_LIBS) $(LIBINTL) $(LIBS)
