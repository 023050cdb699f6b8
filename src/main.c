#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/demo.h"
#include "invitui/http.h"
#include "invitui/i18n.h"
#include "invitui/session.h"
#include "invitui/ui.h"
#include "invitui/util.h"

static struct demo demo;

/* The sandbox of --demo must not outlive us, whichever way we leave. */
static void demo_atexit(void)
{
    demo_stop(&demo);
}

static void usage(FILE *f)
{
    fprintf(f, "%s",
            _("Usage: invitui [--config FILE] [--profile NAME] [--trace FILE]\n"
              "       invitui [GLOBAL OPTIONS] COMMAND [OPTIONS]\n"
              "       invitui --demo\n"
              "Without a command invitui opens the terminal UI. See invitui(1).\n"));
}

/* "--name VALUE" or "--name=VALUE"; advances *i past what it used. */
static int option_value(int argc, char **argv, int *i, const char *name, const char **out)
{
    size_t n = strlen(name);

    if (strncmp(argv[*i], name, n) != 0)
        return 0;
    if (argv[*i][n] == '=') {
        *out = argv[*i] + n + 1;
        return 1;
    }
    if (argv[*i][n] != '\0')
        return 0;
    if (*i + 1 >= argc) {
        fprintf(stderr, _("invitui: %s needs a value\n"), name);
        return -1;
    }
    *out = argv[++*i];
    return 1;
}

static int run_demo(struct session_options *opts)
{
    struct api_error err;

    api_error_init(&err);
    if (demo_start(&demo, NULL, &err) < 0) {
        struct strbuf sb;
        strbuf_init(&sb);
        api_error_format(&err, &sb);
        fprintf(stderr, "invitui: %s\n", sb.data);
        strbuf_free(&sb);
        int code = api_error_exit_code(&err);
        api_error_clear(&err);
        return code ? code : 1;
    }
    atexit(demo_atexit);
    opts->config_path = demo.config_path;
    int status = ui_run(opts);
    demo_stop(&demo);
    return status;
}

int main(int argc, char **argv)
{
    struct session_options opts = {0};
    bool demo_mode = false;
    int i;

    i18n_init();
    for (i = 1; i < argc && argv[i][0] == '-'; i++) {
        int r;
        if (strcmp(argv[i], "--version") == 0) {
            printf("invitui %s\n", PACKAGE_VERSION);
            return 0;
        }
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(argv[i], "--demo") == 0) {
            demo_mode = true;
            continue;
        }
        if ((r = option_value(argc, argv, &i, "--config", &opts.config_path)) ||
            (r = option_value(argc, argv, &i, "--profile", &opts.profile_name)) ||
            (r = option_value(argc, argv, &i, "--trace", &opts.trace_path))) {
            if (r < 0)
                return 2;
            continue;
        }
        fprintf(stderr, _("invitui: unknown option %s\n"), argv[i]);
        usage(stderr);
        return 2;
    }
    if (i < argc) {
        fprintf(stderr, _("invitui: unknown command %s\n"), argv[i]);
        usage(stderr);
        return 2;
    }
    /* libcurl is told not to use signals; a closed connection must not kill us. */
    signal(SIGPIPE, SIG_IGN);
    if (http_global_init() != 0) {
        fprintf(stderr, "%s", _("invitui: could not initialise libcurl\n"));
        return 1;
    }
    int status = demo_mode ? run_demo(&opts) : ui_run(&opts);
    http_global_cleanup();
    return status;
}
