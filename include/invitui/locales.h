/* locales: the locales offered for an invitation's `locale` field.
 *
 * Contract: the list is generated at build time from po/LINGUAS plus "en"
 * (adding a language to LINGUAS adds it here with no code change), written
 * as BCP 47 tags the APIs expect ("pt-BR", not "pt_BR"), sorted, unique.
 * Pure and thread-safe after the first call (the list is built once, on
 * the UI thread, before any worker starts). */
#ifndef INVITUI_LOCALES_H
#define INVITUI_LOCALES_H

#include <stdbool.h>
#include <stddef.h>

size_t locales_count(void);
const char *locales_get(size_t i);
/* Exact match on the BCP 47 tag, case-insensitive ("PT-br" is offered). */
const char *locales_find(const char *tag);
/* Parses a LINGUAS text (codes separated by white space, '#' comments) into
 * BCP 47 tags plus "en"; the caller frees with locales_list_free. */
char **locales_parse_linguas(const char *text, size_t *count);
void locales_list_free(char **list, size_t count);

#endif
