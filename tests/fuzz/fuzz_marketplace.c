/* Marketplace reader: pages of users (both item shapes), of accounts and of
 * groups, and single account-user objects. Any bytes must give 0 or -1 with
 * an error set; every row has an id; page counts match the rows appended. */
#include "config.h"

#include <time.h>

#include "fuzz.h"
#include "invitui/marketplace_json.h"

#define FUZZ_ACCOUNT "ACC-1234-5678"
#define FUZZ_NOW ((time_t)1700000000)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void users_page(const char *text, size_t size, const char *account)
{
    struct invitation_list rows = {0};
    struct mkt_page page;
    struct api_error err;

    api_error_init(&err);
    if (marketplace_parse_users_page(text, size, account, FUZZ_NOW, &rows, &page, &err) == 0) {
        FUZZ_CHECK(err.kind == API_OK && page.count == rows.n);
        for (size_t i = 0; i < rows.n; i++) {
            FUZZ_CHECK(rows.v[i].id != NULL && rows.v[i].raw != NULL);
            /* The renewed window never overflows into nonsense. */
            marketplace_after_invite(&rows.v[i], FUZZ_NOW);
            (void)marketplace_actions(&rows.v[i], FUZZ_NOW);
        }
    } else {
        FUZZ_CHECK(err.kind != API_OK);
    }
    invitation_list_free(&rows);
    api_error_clear(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    struct api_error err;
    struct invitation inv;
    struct account_list accounts = {0};
    struct group_list groups = {0};
    struct mkt_page page;

    users_page(text, size, FUZZ_ACCOUNT);
    users_page(text, size, NULL); /* account.id from the items */

    api_error_init(&err);
    if (marketplace_parse_invitation(text, size, FUZZ_ACCOUNT, FUZZ_NOW, &inv, &err) == 0)
        FUZZ_CHECK(inv.id != NULL && inv.raw != NULL);
    else
        FUZZ_CHECK(err.kind != API_OK);
    invitation_free(&inv);
    api_error_clear(&err);

    if (marketplace_parse_accounts_page(text, size, &accounts, &page, &err) == 0)
        FUZZ_CHECK(page.count == accounts.n);
    else
        FUZZ_CHECK(err.kind != API_OK);
    account_list_free(&accounts);
    api_error_clear(&err);

    if (marketplace_parse_groups_page(text, size, &groups, &page, &err) == 0)
        FUZZ_CHECK(page.count == groups.n);
    else
        FUZZ_CHECK(err.kind != API_OK);
    group_list_free(&groups);
    api_error_clear(&err);
    return 0;
}
