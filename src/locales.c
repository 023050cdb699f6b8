#include "config.h"

#include "invitui/locales.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "invitui/util.h"
#include "locales_gen.h" /* INVITUI_LINGUAS, generated from po/LINGUAS */

static char **offered;
static size_t noffered;

static int compare_tags(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "pt_BR" -> "pt-BR"; "sr@latin" -> "sr-Latn" is the only modifier we know. */
static char *linguas_to_bcp47(const char *code, size_t len)
{
    char *tag = xstrndup(code, len);
    char *at = strchr(tag, '@');

    if (at) {
        bool latin = strcmp(at, "@latin") == 0;
        *at = '\0';
        if (latin) {
            char *t = xasprintf("%s-Latn", tag);
            free(tag);
            tag = t;
        }
    }
    for (char *p = tag; *p; p++)
        if (*p == '_')
            *p = '-';
    return tag;
}

static void add_unique(char ***list, size_t *n, char *tag)
{
    for (size_t i = 0; i < *n; i++) {
        if (strcasecmp((*list)[i], tag) == 0) {
            free(tag);
            return;
        }
    }
    *list = xrealloc(*list, (*n + 1) * sizeof(**list));
    (*list)[(*n)++] = tag;
}

char **locales_parse_linguas(const char *text, size_t *count)
{
    char **list = NULL;
    size_t n = 0;
    const char *p = text;

    while (*p) {
        if (*p == '#') {
            while (*p && *p != '\n')
                p++;
            continue;
        }
        if (isspace((unsigned char)*p)) {
            p++;
            continue;
        }
        size_t len = strcspn(p, " \t\r\n#");
        add_unique(&list, &n, linguas_to_bcp47(p, len));
        p += len;
    }
    add_unique(&list, &n, xstrdup("en"));
    qsort(list, n, sizeof(*list), compare_tags);
    *count = n;
    return list;
}

void locales_list_free(char **list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(list[i]);
    free(list);
}

static void locales_load(void)
{
    if (!offered)
        offered = locales_parse_linguas(INVITUI_LINGUAS, &noffered);
}

size_t locales_count(void)
{
    locales_load();
    return noffered;
}

const char *locales_get(size_t i)
{
    locales_load();
    return i < noffered ? offered[i] : NULL;
}

const char *locales_find(const char *tag)
{
    locales_load();
    for (size_t i = 0; tag && i < noffered; i++)
        if (strcasecmp(offered[i], tag) == 0)
            return offered[i];
    return NULL;
}
