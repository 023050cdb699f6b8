/* The configuration file: profile_set_load on any bytes (written to a 0600
 * temporary file, as a real config with an inline token must be), then
 * selection by every name and by the default rules. Tokens are never
 * resolved here (token_command would run a shell), and the environment is
 * emptied of the variables profile.c reads, so no real token or profile is
 * involved. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "invitui/profile.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[4096];
static int fd = -1;

static void remove_file(void)
{
    unlink(path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    unsetenv("INVITUI_PROFILE");
    setenv("HOME", "/nonexistent", 1);
    unsetenv("XDG_CONFIG_HOME");
    /* TMPDIR on a tmpfs (/dev/shm) keeps the truncate-and-write per input
     * from waiting on a disk journal: three times the inputs an hour. */
    const char *dir = getenv("TMPDIR");
    snprintf(path, sizeof(path), "%s/invitui-fuzz-profile-XXXXXX", dir && *dir ? dir : "/tmp");
    fd = mkstemp(path);
    if (fd < 0 || fchmod(fd, 0600) < 0)
        abort();
    atexit(remove_file);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct profile_set set = {0};
    struct api_error err;

    if (ftruncate(fd, 0) < 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
        abort();
    api_error_init(&err);
    if (profile_set_load(path, &set, &err) == 0) {
        for (size_t i = 0; i < set.n; i++) {
            const struct profile *p = &set.v[i];
            FUZZ_CHECK(p->name && p->base_url);
            FUZZ_CHECK(p->concurrency >= 1 && p->concurrency <= 16);
            if (p->provider == PROVIDER_HYBRIDBOX)
                FUZZ_CHECK(p->accounts.n > 0);
            FUZZ_CHECK(profile_select(&set, p->name, &err) != NULL);
        }
        if (profile_select(&set, NULL, &err) == NULL)
            FUZZ_CHECK(err.kind != API_OK);
        api_error_clear(&err);
        FUZZ_CHECK(profile_select(&set, "no such profile \x1b[31m", &err) == NULL);
        FUZZ_CHECK(err.kind != API_OK && fuzz_utf8_valid(err.title));
    } else {
        FUZZ_CHECK(err.kind != API_OK);
    }
    profile_set_free(&set);
    api_error_clear(&err);
    return 0;
}
