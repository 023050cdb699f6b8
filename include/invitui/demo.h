/* demo: an invitui-sandbox on a free loopback port with generated data and
 * a private configuration with one profile per provider.
 *
 * Contract: demo_start finds invitui-sandbox (next to this executable,
 * $INVITUI_SANDBOX, the install directory, then $PATH), starts it, reads its
 * URL, and writes a 0600 config in a private temporary directory named
 * invitui-demo.<pid>.XXXXXX. The demo token reaches the sandbox through
 * $INVITUI_SANDBOX_TOKEN and the profiles through $INVITUI_DEMO_TOKEN, set
 * in this process: never argv, never a file. The sandbox dies with this
 * process however it ends (PR_SET_PDEATHSIG, and --parent-fd on a pipe
 * whose write end only this process holds), and demo_start first removes
 * the directories of demos whose process is gone. demo_stop terminates the
 * sandbox and removes the directory; it is idempotent and safe to call from
 * an atexit handler. UI thread only, before any other thread starts. */
#ifndef INVITUI_DEMO_H
#define INVITUI_DEMO_H

#include <sys/types.h>

#include "invitui/error.h"

struct demo {
    pid_t pid;
    char *url;
    char *dir;
    char *config_path;
    int lifeline_fd; /* write end of the sandbox's --parent-fd pipe, or -1 */
};

/* extra_args: more sandbox flags (NULL-terminated, may be NULL). */
int demo_start(struct demo *d, const char *const *extra_args, struct api_error *err);
void demo_stop(struct demo *d);

#endif
