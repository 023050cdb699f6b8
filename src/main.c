#include "config.h"

#include <errno.h>
#include <getopt.h>
#ifdef HAVE_MALLOPT
#include <malloc.h>
#endif
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "invitui/cli.h"
#include "invitui/cli_args.h"
#include "invitui/demo.h"
#include "invitui/http.h"
#include "invitui/i18n.h"
#include "invitui/sanitize.h"
#include "invitui/session.h"
#include "invitui/timings.h"
#include "invitui/ui.h"
#include "invitui/util.h"

enum { OPT_CONFIG = 256, OPT_PROFILE, OPT_TRACE, OPT_NO_CACHE, OPT_DEMO, OPT_HELP, OPT_VERSION };

static const struct option global_options[] = {
    {"config", required_argument, NULL, OPT_CONFIG},
    {"profile", required_argument, NULL, OPT_PROFILE},
    {"trace", required_argument, NULL, OPT_TRACE},
    {"no-cache", no_argument, NULL, OPT_NO_CACHE},
    {"demo", no_argument, NULL, OPT_DEMO},
    {"help", no_argument, NULL, OPT_HELP},
    {"version", no_argument, NULL, OPT_VERSION},
    {NULL, 0, NULL, 0},
};

static void print_help(void)
{
    /* TRANSLATORS: keep every line under 80 columns; option names, FILE
     * paths and $VARIABLES are literal. */
    printf(_("Usage: invitui [GLOBAL OPTIONS] [COMMAND [OPTIONS]]\n"
             "Administer user invitations on Hybridbox and SoftwareOne Marketplace.\n"
             "Without a command, opens the terminal UI on the selected profile.\n\n"
             "Global options:\n"
             "  --config FILE    configuration file (default $XDG_CONFIG_HOME/invitui/config)\n"
             "  --profile NAME   profile to use (default $INVITUI_PROFILE, then [defaults])\n"
             "  --trace FILE     append HTTP requests and responses to FILE (secrets redacted)\n"
             "  --no-cache       neither show nor keep the last list (terminal UI)\n"
             "  --demo           start a local sandbox with demo data and open it\n"
             "  --help           show this help; COMMAND --help for a command\n"
             "  --version        show the version\n\n"
             "Commands:\n"));
    cli_print_commands();
    printf(_("\nExit status: 0 ok, 1 API error, 2 usage, 3 authentication, 4 network or\n"
             "timeout, 5 the request may have been carried out: check before retrying.\n"
             "See invitui(1) and invitui.conf(5).\n"));
}

/* A table, a --json document or --help that did not reach stdout (a full
 * disk, a closed pipe) is a failure, not a success with nothing printed:
 * stdio only reports it at the flush. Returns rc, or 1 when rc was 0 and
 * stdout failed. */
static int check_stdout(int rc)
{
    int failed = fflush(stdout) != 0 ? errno : 0;

    if (!failed && !ferror(stdout))
        return rc;
    if (failed)
        fprintf(stderr, _("invitui: cannot write to standard output: %s\n"), strerror(failed));
    else
        fprintf(stderr, _("invitui: cannot write to standard output\n"));
    return rc ? rc : 1;
}

/* "unknown option" and "unknown command" echo argv, which may hold escape
 * sequences; what reaches the terminal is made safe first. */
static int unknown_word(const char *fmt, const char *word)
{
    char *safe = sanitize_display(word, strlen(word), 0);

    fprintf(stderr, fmt, safe);
    free(safe);
    return 2;
}

static struct demo demo;

/* The sandbox of --demo must not outlive us, whichever way we leave. */
static void demo_atexit(void)
{
    demo_stop(&demo);
}

/* The demo is the terminal UI on a private sandbox with generated data;
 * --profile demo-marketplace picks the other provider. */
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
        api_error_clear(&err);
        return 1;
    }
    atexit(demo_atexit);
    opts->config_path = demo.config_path;
    int rc = ui_run(opts);
    demo_stop(&demo);
    return rc;
}

/* A list of 100,000 rows grows arrays of megabytes (the store's rows, the views' sort
 * state, the snapshot's records). glibc's threshold for giving those their own mapping
 * rises with every such block freed, after which they come from the heap: a growing array is
 * then copied instead of remapped, and what is freed in the middle of the heap stays
 * resident (measured: 6-8 MiB of a 100,000-row load's peak). A fixed threshold keeps
 * them mapped. */
static void memory_tune(void)
{
#if defined(HAVE_MALLOPT) && defined(M_MMAP_THRESHOLD)
    (void)mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
}

int main(int argc, char **argv)
{
    struct session_options opts = {0};
    bool demo_mode = false;
    int opt, rc;

    timings_init(); /* first: t_ms counts from as close to the start as we get */
    memory_tune();
    i18n_init();
    signal(SIGPIPE, SIG_IGN); /* libcurl runs with CURLOPT_NOSIGNAL */
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "+", global_options, NULL)) != -1) {
        switch (opt) {
        case OPT_CONFIG: opts.config_path = optarg; break;
        case OPT_PROFILE:
            /* A profile name is matched against UTF-8 text; --config and
             * --trace are file names, whatever bytes the file system takes. */
            if (!cli_args_utf8_valid(optarg)) {
                fprintf(stderr, _("invitui: the value of --profile is not valid UTF-8\n"));
                return 2;
            }
            opts.profile_name = optarg;
            break;
        case OPT_TRACE: opts.trace_path = optarg; break;
        case OPT_NO_CACHE: opts.no_cache = true; break;
        case OPT_DEMO: demo_mode = true; break;
        case OPT_HELP: print_help(); return check_stdout(0);
        case OPT_VERSION: printf("invitui %s\n", PACKAGE_VERSION); return check_stdout(0);
        default:
            return unknown_word(_("invitui: unknown option '%s'; see invitui --help\n"),
                                argv[optind - 1]);
        }
    }
    if (http_global_init() < 0) {
        fprintf(stderr, _("invitui: could not initialise libcurl\n"));
        return 4;
    }
    if (demo_mode)
        rc = run_demo(&opts);
    else if (optind < argc && cli_is_command(argv[optind]))
        rc = check_stdout(cli_run(&opts, argc - optind, argv + optind));
    else if (optind < argc) {
        rc = unknown_word(_("invitui: unknown command '%s'; see invitui --help\n"), argv[optind]);
    } else {
        rc = ui_run(&opts);
    }
    http_global_cleanup();
    return rc;
}
