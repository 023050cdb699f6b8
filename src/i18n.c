#include "config.h"

#include "invitui/i18n.h"

#include <locale.h>
#include <stdlib.h>

int i18n_init(void)
{
    /* ncursesw needs the locale even when NLS is off. */
    int ok = setlocale(LC_ALL, "") != NULL;
#ifdef ENABLE_NLS
    const char *dir = getenv("INVITUI_LOCALEDIR");

    bindtextdomain(PACKAGE, dir && *dir ? dir : LOCALEDIR);
    textdomain(PACKAGE);
#endif
    return ok;
}
