# unit tests of the model area.
MODEL_TEST_COMMON = tests/unit/model_testlib.h

check_PROGRAMS += tests/unit/test_model
tests_unit_test_model_SOURCES = tests/unit/test_model.c $(MODEL_TEST_COMMON)
tests_unit_test_model_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_model_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_model

check_PROGRAMS += tests/unit/test_json_util
tests_unit_test_json_util_SOURCES = tests/unit/test_json_util.c $(MODEL_TEST_COMMON)
tests_unit_test_json_util_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_json_util_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_json_util

check_PROGRAMS += tests/unit/test_hybridbox_json
tests_unit_test_hybridbox_json_SOURCES = tests/unit/test_hybridbox_json.c $(MODEL_TEST_COMMON)
tests_unit_test_hybridbox_json_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_hybridbox_json_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_hybridbox_json

check_PROGRAMS += tests/unit/test_hybridbox_list_json
tests_unit_test_hybridbox_list_json_SOURCES = tests/unit/test_hybridbox_list_json.c $(MODEL_TEST_COMMON)
tests_unit_test_hybridbox_list_json_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_hybridbox_list_json_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_hybridbox_list_json

check_PROGRAMS += tests/unit/test_json_plain
tests_unit_test_json_plain_SOURCES = tests/unit/test_json_plain.c
tests_unit_test_json_plain_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_json_plain_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_json_plain

check_PROGRAMS += tests/unit/test_element_pool
tests_unit_test_element_pool_SOURCES = tests/unit/test_element_pool.c
tests_unit_test_element_pool_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_element_pool_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_element_pool

check_PROGRAMS += tests/unit/test_json_pack
tests_unit_test_json_pack_SOURCES = tests/unit/test_json_pack.c
tests_unit_test_json_pack_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_json_pack_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_json_pack

check_PROGRAMS += tests/unit/test_marketplace_json
tests_unit_test_marketplace_json_SOURCES = tests/unit/test_marketplace_json.c $(MODEL_TEST_COMMON)
tests_unit_test_marketplace_json_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_marketplace_json_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_marketplace_json

check_PROGRAMS += tests/unit/test_snapshot
tests_unit_test_snapshot_SOURCES = tests/unit/test_snapshot.c
tests_unit_test_snapshot_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_snapshot_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_snapshot

# The providers' glue against a mock of http.c defined in the test itself.
check_PROGRAMS += tests/unit/test_providers
tests_unit_test_providers_SOURCES = tests/unit/test_providers.c $(MODEL_TEST_COMMON)
tests_unit_test_providers_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_providers_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_providers

EXTRA_DIST += \
	tests/unit/fixtures/hybridbox-create-request.json \
	tests/unit/fixtures/hybridbox-invitation.json \
	tests/unit/fixtures/hybridbox-resend-request.json \
	tests/unit/fixtures/hybridbox-list.json \
	tests/unit/fixtures/marketplace-resend-invite.json \
	tests/unit/fixtures/marketplace-users-page.json \
	tests/unit/fixtures/marketplace-account-users-docs.json \
	tests/unit/fixtures/marketplace-users-account-context.json \
	tests/unit/fixtures/marketplace-send-new-invite.json

check_PROGRAMS += tests/unit/test_store
tests_unit_test_store_SOURCES = tests/unit/test_store.c $(MODEL_TEST_COMMON)
tests_unit_test_store_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_store_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_store

# Figures, not a test: tests/bench/store_bench [N]
check_PROGRAMS += tests/bench/store_bench
# Figures, not a test: tests/bench/snapshot_bench LIST.json DIR (make bench)
check_PROGRAMS += tests/bench/snapshot_bench
tests_bench_snapshot_bench_SOURCES = tests/bench/snapshot_bench.c
tests_bench_snapshot_bench_CFLAGS = $(UNIT_CFLAGS)
tests_bench_snapshot_bench_LDADD = $(UNIT_LDADD)
tests_bench_store_bench_SOURCES = tests/bench/store_bench.c
tests_bench_store_bench_CFLAGS = $(UNIT_CFLAGS)
tests_bench_store_bench_LDADD = $(UNIT_LDADD)

# Figures, not a test: tests/bench/hybridbox_bench [N]
check_PROGRAMS += tests/bench/hybridbox_bench
tests_bench_hybridbox_bench_SOURCES = tests/bench/hybridbox_bench.c
tests_bench_hybridbox_bench_CFLAGS = $(UNIT_CFLAGS)
tests_bench_hybridbox_bench_LDADD = $(UNIT_LDADD)

# The store's search index: folding, incremental narrowing, sort stability.
check_PROGRAMS += tests/unit/test_store_search
tests_unit_test_store_search_SOURCES = tests/unit/test_store_search.c
tests_unit_test_store_search_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_store_search_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_store_search
