#include "config.h"

#include "invitui/i18n.h"

#include <locale.h>
#include <stdlib.h>
#include <unistd.h>

#include "invitui/util.h"

#ifdef ENABLE_NLS
/* Run from the build tree (./src/invitui --demo in the README), the
 * catalogs are not installed yet: the build puts them in ../locale next to
 * a marker, so that LANGUAGE=fr works before `make install`. */
static char *build_tree_localedir(void)
{
    char *dir = util_self_dir();
    char *marker, *found = NULL;

    if (!dir)
        return NULL;
    marker = xasprintf("%s/../locale/.invitui-build-tree", dir);
    if (access(marker, F_OK) == 0)
        found = xasprintf("%s/../locale", dir);
    free(marker);
    free(dir);
    return found;
}
#endif

int i18n_init(void)
{
    /* ncursesw needs the locale even when NLS is off. */
    int ok = setlocale(LC_ALL, "") != NULL;
#ifdef ENABLE_NLS
    const char *dir = getenv("INVITUI_LOCALEDIR");
    char *build_dir = NULL;

    if (util_str_empty(dir))
        dir = build_dir = build_tree_localedir();
    bindtextdomain(PACKAGE, dir ? dir : LOCALEDIR);
    textdomain(PACKAGE);
    free(build_dir);
#endif
    return ok;
}
