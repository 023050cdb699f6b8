# Translations: POTFILES.in coverage, catalog QA (complete, current, valid
# formats), the CLI and the TUI in French, help widths, offered locales,
# timefmt.
TESTS += tests/po/potfiles.sh tests/po/catalogs.sh tests/po/cli_french.sh \
	tests/po/help_width.sh tests/po/linguas.sh tests/po/timefmt_l10n.sh \
	tests/po/tui_french.sh tests/po/tui_german.sh tests/po/uninstalled.sh
EXTRA_DIST += tests/po/potfiles.sh tests/po/catalogs.sh tests/po/cli_french.sh \
	tests/po/help_width.sh tests/po/linguas.sh tests/po/timefmt_l10n.sh \
	tests/po/tui_french.sh tests/po/tui_german.sh tests/po/uninstalled.sh \
	tests/po/po-lib.sh tests/po/print-locales.c

check_PROGRAMS += tests/po/test_timefmt_l10n
tests_po_test_timefmt_l10n_SOURCES = tests/po/test_timefmt_l10n.c
tests_po_test_timefmt_l10n_CFLAGS = $(UNIT_CFLAGS)
tests_po_test_timefmt_l10n_LDADD = $(UNIT_LDADD)

# `make update-po` / `make update-gmo` from the top: the po/ Makefile has the
# rules (regenerate invitui.pot, msgmerge every catalog, recompile).
update-po update-gmo:
	cd po && $(MAKE) $(AM_MAKEFLAGS) $@
.PHONY: update-po update-gmo
