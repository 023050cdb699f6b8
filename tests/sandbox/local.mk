TESTS += tests/sandbox/smoke.sh
EXTRA_DIST += tests/sandbox/smoke.sh
