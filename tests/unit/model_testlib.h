/* Helpers shared by the model area's unit tests (header-only). */
#ifndef INVITUI_MODEL_TESTLIB_H
#define INVITUI_MODEL_TESTLIB_H

#include <stdio.h>
#include <stdlib.h>

#include "invitui/util.h"

/* Reads tests/unit/fixtures/NAME from $top_srcdir (set by the harness;
 * "." when run by hand from the source tree). Aborts the test on failure. */
static inline char *read_fixture(const char *name, size_t *len)
{
    const char *top = getenv("top_srcdir");
    char *path = xasprintf("%s/tests/unit/fixtures/%s", top ? top : ".", name);
    FILE *f = fopen(path, "rb");
    struct strbuf sb;
    char buf[4096];
    size_t n;

    if (!f) {
        fprintf(stderr, "# cannot open fixture %s\n", path);
        abort();
    }
    strbuf_init(&sb);
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        strbuf_append(&sb, buf, n);
    fclose(f);
    free(path);
    return strbuf_detach(&sb, len);
}

#endif
