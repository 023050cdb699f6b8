/* invitui-sandbox: a local, stateful fake of the Hybridbox and Marketplace
 * APIs for tests and demos. This file reads the flags, generates the data,
 * starts the server and waits for SIGINT/SIGTERM. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data.h"
#include "faults.h"
#include "mp_index.h"
#include "invitui/i18n.h"
#include "invitui/util.h"
#include "server.h"

#define MAX_INVITATIONS 100000
#define MAX_ACCOUNTS 64
#define MAX_EXPIRY_LAG_S (30 * 86400L)

static void usage(FILE *out)
{
    fputs(_("Usage: invitui-sandbox [OPTION]...\n"
            "A local fake of the Hybridbox and Marketplace invitation APIs.\n"
            "\n"
            "  --port N             listen on 127.0.0.1:N (0 picks a free port; default 8080)\n"
            "  --token T            accepted bearer token (default: $INVITUI_SANDBOX_TOKEN,\n"
            "                       else sandbox-token)\n"
            "  --seed N             seed of the generated data (default 1)\n"
            "  --accounts N         accounts per provider (default 2)\n"
            "  --invitations N      invitations / account users per account (default 40)\n"
            "  --latency MS         delay every API response by MS milliseconds\n"
            "  --rate-limit N       answer 429 above N API requests per second\n"
            "  --fault MODE[:F]     inject a fault into a fraction F of API requests;\n"
            "                       MODE is 5xx, truncate, malformed, reset, drip or oversize\n"
            "  --fault-path TEXT    only inject faults into paths containing TEXT\n"
            "  --record FILE        append one JSON line per invite action to FILE\n"
            "  --expiry-lag S       report an invitation whose time is up as pending for S\n"
            "                       more seconds, until the server job expires it\n"
            "                       (default 21600, 6 hours; 0: at once)\n"
            "  --redirect-lists     answer Marketplace list pages with a redirect to a\n"
            "                       download location on another host name\n"
            "  --parent-fd N        exit when descriptor N (the read end of a pipe whose\n"
            "                       write end the parent holds) reaches end of file\n"
            "  --help               show this help and exit\n"
            "  --version            show the version and exit\n"
            "\n"
            "The first line of standard output is the base URL.\n"),
          out);
}

static long parse_number(const char *opt, const char *arg, long min, long max)
{
    long v;

    if (util_parse_long(arg, min, max, &v) < 0) {
        /* TRANSLATORS: the first %s is an option such as --port. */
        fprintf(stderr, _("invitui-sandbox: %s expects a number from %ld to %ld, not '%s'\n"),
                opt, min, max, arg);
        exit(2);
    }
    return v;
}

enum { OPT_PORT = 256, OPT_TOKEN, OPT_SEED, OPT_ACCOUNTS, OPT_INVITATIONS, OPT_LATENCY,
       OPT_RATE, OPT_FAULT, OPT_FAULT_PATH, OPT_RECORD, OPT_EXPIRY_LAG, OPT_REDIRECT_LISTS,
       OPT_PARENT_FD, OPT_HELP, OPT_VERSION };

struct options {
    struct sb_config cfg;
    long seed, accounts, invitations;
    long expiry_lag_s;
    int parent_fd; /* -1: none */
};

static void parse_args(int argc, char **argv, struct options *o)
{
    static const struct option longopts[] = {
        { "port", required_argument, NULL, OPT_PORT },
        { "token", required_argument, NULL, OPT_TOKEN },
        { "seed", required_argument, NULL, OPT_SEED },
        { "accounts", required_argument, NULL, OPT_ACCOUNTS },
        { "invitations", required_argument, NULL, OPT_INVITATIONS },
        { "latency", required_argument, NULL, OPT_LATENCY },
        { "rate-limit", required_argument, NULL, OPT_RATE },
        { "fault", required_argument, NULL, OPT_FAULT },
        { "fault-path", required_argument, NULL, OPT_FAULT_PATH },
        { "record", required_argument, NULL, OPT_RECORD },
        { "expiry-lag", required_argument, NULL, OPT_EXPIRY_LAG },
        { "redirect-lists", no_argument, NULL, OPT_REDIRECT_LISTS },
        { "parent-fd", required_argument, NULL, OPT_PARENT_FD },
        { "help", no_argument, NULL, OPT_HELP },
        { "version", no_argument, NULL, OPT_VERSION },
        { NULL, 0, NULL, 0 },
    };
    int c;

    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_PORT: o->cfg.port = (unsigned)parse_number("--port", optarg, 0, 65535); break;
        case OPT_TOKEN: o->cfg.token = optarg; break;
        case OPT_SEED: o->seed = parse_number("--seed", optarg, 0, 2147483647L); break;
        case OPT_ACCOUNTS:
            o->accounts = parse_number("--accounts", optarg, 1, MAX_ACCOUNTS);
            break;
        case OPT_INVITATIONS:
            o->invitations = parse_number("--invitations", optarg, 0, MAX_INVITATIONS);
            break;
        case OPT_LATENCY:
            o->cfg.latency_ms = parse_number("--latency", optarg, 0, 600000);
            break;
        case OPT_RATE:
            o->cfg.rate_limit = parse_number("--rate-limit", optarg, 0, 1000000);
            break;
        case OPT_FAULT:
            if (o->cfg.n_faults == SB_MAX_FAULTS ||
                faults_parse(optarg, &o->cfg.faults[o->cfg.n_faults]) < 0) {
                fprintf(stderr, _("invitui-sandbox: invalid --fault '%s' (MODE[:FRACTION], "
                                  "MODE one of 5xx truncate malformed reset drip oversize, "
                                  "0 < FRACTION <= 1)\n"),
                        optarg);
                exit(2);
            }
            o->cfg.n_faults++;
            break;
        case OPT_FAULT_PATH: o->cfg.fault_path = optarg; break;
        case OPT_RECORD: o->cfg.record = optarg; break;
        case OPT_EXPIRY_LAG:
            o->expiry_lag_s = parse_number("--expiry-lag", optarg, 0, MAX_EXPIRY_LAG_S);
            break;
        case OPT_REDIRECT_LISTS: o->cfg.redirect_lists = true; break;
        case OPT_PARENT_FD:
            o->parent_fd = (int)parse_number("--parent-fd", optarg, 0, 65535);
            break;
        case OPT_HELP: usage(stdout); exit(0);
        case OPT_VERSION: printf("invitui-sandbox %s\n", PACKAGE_VERSION); exit(0);
        default: usage(stderr); exit(2);
        }
    }
    if (optind < argc) {
        fprintf(stderr, _("invitui-sandbox: unexpected argument '%s'\n"), argv[optind]);
        exit(2);
    }
}

/* Blocks on the parent's pipe; end of file (or an error) means the parent
 * is gone, however it went: stop the way SIGTERM does. */
static void *watch_parent(void *arg)
{
    int fd = *(int *)arg;
    char buf[64];
    ssize_t n;

    do
        n = read(fd, buf, sizeof(buf));
    while (n > 0 || (n < 0 && errno == EINTR));
    kill(getpid(), SIGTERM);
    return NULL;
}

static void start_parent_watch(int *fd)
{
    pthread_t tid;
    int rc;

    fcntl(*fd, F_SETFD, FD_CLOEXEC);
    rc = pthread_create(&tid, NULL, watch_parent, fd);
    if (rc != 0) {
        fprintf(stderr, "invitui-sandbox: --parent-fd: %s\n", strerror(rc));
        exit(1);
    }
    pthread_detach(tid);
}

int main(int argc, char **argv)
{
    struct options o = { .cfg = { .port = 8080 }, .seed = 1, .accounts = 2, .invitations = 40,
                         .expiry_lag_s = SB_DEFAULT_EXPIRY_LAG_MS / 1000, .parent_fd = -1 };
    struct sb_state st;
    sigset_t set;
    unsigned port;
    char *err = NULL;
    int sig;

    i18n_init();
    parse_args(argc, argv, &o);
    if (!o.cfg.token) {
        const char *env = getenv("INVITUI_SANDBOX_TOKEN");
        o.cfg.token = env && *env ? env : "sandbox-token";
    }
    signal(SIGPIPE, SIG_IGN);
    /* A shell starts background jobs with SIGINT ignored, and an ignored
     * signal never reaches sigwait(): restore the defaults first. */
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    /* Block the stop signals before MHD starts its threads so that they
     * inherit the mask and only sigwait() below sees them. */
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    if (o.parent_fd >= 0)
        start_parent_watch(&o.parent_fd);
    data_set_expiry_lag(o.expiry_lag_s * 1000LL);
    data_generate(&st, (uint64_t)o.seed, (size_t)o.accounts, (size_t)o.invitations);
    if (server_start(&o.cfg, &st, &port, &err) < 0) {
        fprintf(stderr, "invitui-sandbox: %s\n", err);
        free(err);
        data_free(&st);
        return 1;
    }
    printf("http://127.0.0.1:%u\n", port);
    fflush(stdout);
    sigwait(&set, &sig);
    server_stop();
    mp_index_clear();
    data_free(&st);
    return 0;
}
