#include "config.h"

#include "invitui/provider.h"

/* Apart from provider.c so that unit tests of the pure helpers there do
 * not pull in both providers and, with them, the network layer. */
const struct provider_ops *provider_for(enum provider_kind kind)
{
    return kind == PROVIDER_MARKETPLACE ? &provider_marketplace : &provider_hybridbox;
}
