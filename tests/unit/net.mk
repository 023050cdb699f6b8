# unit tests of the net area: errors, profiles, HTTP.
check_PROGRAMS += tests/unit/test_error tests/unit/test_profile
tests_unit_test_error_SOURCES = tests/unit/test_error.c
tests_unit_test_error_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_error_LDADD = $(UNIT_LDADD)
tests_unit_test_profile_SOURCES = tests/unit/test_profile.c
tests_unit_test_profile_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_profile_LDADD = $(UNIT_LDADD)

TESTS += tests/unit/test_error tests/unit/test_profile

check_PROGRAMS += tests/unit/test_http
tests_unit_test_http_SOURCES = tests/unit/test_http.c tests/unit/http_testsrv.c \
	tests/unit/http_testsrv.h
tests_unit_test_http_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_http_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_http

check_PROGRAMS += tests/unit/test_http_redirect
tests_unit_test_http_redirect_SOURCES = tests/unit/test_http_redirect.c \
	tests/unit/http_testsrv.c tests/unit/http_testsrv.h
tests_unit_test_http_redirect_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_http_redirect_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_http_redirect

check_PROGRAMS += tests/unit/test_redact
tests_unit_test_redact_SOURCES = tests/unit/test_redact.c
tests_unit_test_redact_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_redact_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_redact

check_PROGRAMS += tests/unit/test_http_timeout
tests_unit_test_http_timeout_SOURCES = tests/unit/test_http_timeout.c \
	tests/unit/http_testsrv.c tests/unit/http_testsrv.h
tests_unit_test_http_timeout_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_http_timeout_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test_http_timeout
