/* The command line: cli_check_args on argument vectors made from the input.
 * The first byte picks the command (or an unknown one), the rest is split at
 * NUL bytes into arguments (a C argv cannot hold a NUL). Whatever the
 * arguments, the parser answers 0, 2 or -1 (after --help) and never crashes
 * or leaks. run.sh passes -close_fd_mask=3: usage text on every input would
 * drown libFuzzer's own report. */
#include "config.h"

#include "fuzz.h"
#include "invitui/cli.h"

#define FUZZ_MAX_ARGS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const commands[] = {
    "accounts", "list", "show", "create", "resend", "send-new", "no-such-command",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf, *argv[FUZZ_MAX_ARGS + 2];
    int argc = 0, rc;

    if (size == 0)
        return 0;
    argv[argc++] = (char *)commands[data[0] % (sizeof(commands) / sizeof(commands[0]))];
    buf = fuzz_cstr_from(data + 1, size - 1);
    for (char *p = buf; argc < FUZZ_MAX_ARGS && p < buf + size - 1; p += strlen(p) + 1)
        argv[argc++] = p;
    argv[argc] = NULL;

    rc = cli_check_args(argc, argv);
    FUZZ_CHECK(rc == 0 || rc == 2 || rc == -1);
    if (data[0] % (sizeof(commands) / sizeof(commands[0])) == 6)
        FUZZ_CHECK(rc == 2);
    free(buf);
    return 0;
}
