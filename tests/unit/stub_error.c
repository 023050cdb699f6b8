/* TEMPORARY STUB -- remove once src/error.c (net branch) is merged.
 *
 * The model area's pure modules report failures through struct api_error,
 * whose implementation is written in parallel in another branch. These weak
 * definitions let the model unit tests link before that merge; they are
 * weak so that the real functions win whenever error.o is linked too. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/error.h"

__attribute__((weak)) void api_error_init(struct api_error *err)
{
    memset(err, 0, sizeof(*err));
    err->retry_after = -1;
}

__attribute__((weak)) void api_error_clear(struct api_error *err)
{
    free(err->title);
    free(err->detail);
    for (size_t i = 0; i < err->nfields; i++) {
        free(err->fields[i].field);
        free(err->fields[i].message);
    }
    free(err->fields);
    api_error_init(err);
}

__attribute__((weak)) int api_error_set(struct api_error *err, enum api_error_kind kind,
                                        const char *fmt, ...)
{
    struct strbuf sb;
    va_list ap;

    strbuf_init(&sb);
    va_start(ap, fmt);
    strbuf_vprintf(&sb, fmt, ap);
    va_end(ap);
    free(err->title);
    err->title = strbuf_detach(&sb, NULL);
    err->kind = kind;
    return -1;
}

__attribute__((weak)) void api_error_add_field(struct api_error *err, const char *field,
                                               const char *message)
{
    err->fields = xrealloc(err->fields, (err->nfields + 1) * sizeof(*err->fields));
    err->fields[err->nfields].field = xstrdup(field);
    err->fields[err->nfields].message = xstrdup(message);
    err->nfields++;
}
