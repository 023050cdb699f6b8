#include "config.h"

#include "invitui/cli_args.h"

#include <stdint.h>
#include <string.h>

#include "invitui/sanitize.h"

bool cli_args_utf8_valid(const char *s)
{
    size_t len = strlen(s);

    while (len) {
        uint32_t cp;
        size_t n = text_utf8_decode(s, len, &cp);
        if (cp == TEXT_UTF8_INVALID)
            return false;
        s += n;
        len -= n;
    }
    return true;
}

char *cli_args_option_typed(char *const *argv, int optind, const char *optarg)
{
    const char *word = optind >= 1 ? argv[optind - 1] : "";
    size_t len;

    /* getopt takes a value in a word of its own whole (optarg is that
     * word); the option is the word before. */
    if (optarg && optind >= 2 && optarg == word)
        word = argv[optind - 2];
    len = strlen(word);
    if (strncmp(word, "--", 2) == 0 && strchr(word, '='))
        len = (size_t)(strchr(word, '=') - word);
    return sanitize_display(word, len, 0);
}
