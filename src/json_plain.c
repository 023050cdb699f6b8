#include "config.h"

#include "invitui/json_plain.h"

#include "json_plain_impl.h"

bool json_plain_parse(const yajl_callbacks *cb, void *ctx, const char *s, size_t len)
{
    return json_plain_parse_with(cb, ctx, s, len);
}
