/* Hybridbox reader, single objects: one invitation (create/resend answer),
 * one account, the group list. Any bytes must give 0 or -1 with an error
 * set, never a crash, a leak or an invitation without an id. */
#include "config.h"

#include <time.h>

#include "fuzz.h"
#include "invitui/hybridbox_json.h"

#define FUZZ_ACCOUNT "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    struct api_error err;
    struct invitation inv;
    struct account acc;
    struct group_list groups = {0};

    api_error_init(&err);
    if (hybridbox_parse_invitation(text, size, FUZZ_ACCOUNT, (time_t)1700000000, &inv, &err) == 0) {
        FUZZ_CHECK(inv.id != NULL && inv.raw != NULL);
        FUZZ_CHECK(err.kind == API_OK);
    } else {
        FUZZ_CHECK(err.kind != API_OK);
    }
    invitation_free(&inv);
    api_error_clear(&err);

    if (hybridbox_parse_account(text, size, &acc, &err) == 0)
        FUZZ_CHECK(acc.id != NULL);
    else
        FUZZ_CHECK(err.kind != API_OK);
    account_free(&acc);
    api_error_clear(&err);

    if (hybridbox_parse_groups(text, size, &groups, &err) == 0) {
        for (size_t i = 0; i < groups.n; i++)
            FUZZ_CHECK(groups.v[i].id != NULL);
    } else {
        FUZZ_CHECK(err.kind != API_OK);
    }
    group_list_free(&groups);
    api_error_clear(&err);
    return 0;
}
