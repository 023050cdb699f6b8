#include "config.h"

#include "invitui/i18n.h"
#include "invitui/util.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    i18n_init();
    if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        printf("invitui %s\n", PACKAGE_VERSION);
        return 0;
    }
    fprintf(stderr, _("invitui: nothing to do yet\n"));
    return 2;
}
