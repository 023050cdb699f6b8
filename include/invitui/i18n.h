/* i18n: the gettext macros every module uses for user-visible text.
 *
 * Contract: _() translates at the point of use, N_() marks strings kept in
 * static tables (translate them with _() when shown). i18n_init() runs once
 * in main() before any thread starts and before curses. */
#ifndef INVITUI_I18N_H
#define INVITUI_I18N_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
#define ngettext(s, p, n) ((n) == 1 ? (s) : (p))
#endif
#define N_(s) (s)

/* setlocale(LC_ALL, "") and the text domain. Catalogs come from
 * $INVITUI_LOCALEDIR if set, else from the build tree's locale/ when the
 * program runs uninstalled from it, else from LOCALEDIR. Returns
 * false when the locale could not be set (the caller may warn). */
int i18n_init(void);

#endif
