# CLI against the sandbox.
TESTS += tests/integration/version.sh
EXTRA_DIST += tests/integration/version.sh
