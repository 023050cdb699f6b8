/* Prints the offered invitation locales, one a line. tests/po/linguas.sh
 * compiles it against a locales_gen.h made from a modified po/LINGUAS. */
#include "config.h"

#include <stdio.h>

#include "invitui/locales.h"

int main(void)
{
    for (size_t i = 0; i < locales_count(); i++)
        puts(locales_get(i));
    return 0;
}
