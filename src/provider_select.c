#include "config.h"

#include "invitui/provider.h"

#include <string.h>

#include "invitui/util.h"

/* Apart from provider.c so that unit tests of the pure helpers there do
 * not pull in both providers and, with them, the network layer. */

/* Every provider; the first is the one an unknown kind falls back to. */
static const struct provider_ops *const registry[] = {
    &provider_hybridbox,
    &provider_marketplace,
};

const struct provider_ops *provider_for(enum provider_kind kind)
{
    for (size_t i = 0; i < ARRAY_SIZE(registry); i++)
        if (registry[i]->kind == kind)
            return registry[i];
    return registry[0];
}

const struct provider_ops *provider_named(const char *name)
{
    for (size_t i = 0; name && i < ARRAY_SIZE(registry); i++)
        if (strcmp(registry[i]->name, name) == 0)
            return registry[i];
    return NULL;
}
