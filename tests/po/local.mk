TESTS += tests/po/potfiles.sh
EXTRA_DIST += tests/po/potfiles.sh
