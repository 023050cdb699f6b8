/* snapshot_bench: the snapshot (snapshot.h) of a Hybridbox list next to the alternative measured
 * in the same run: parsing the list's JSON as the worker does when it arrives (the streaming
 * reader, display copies included), which is what a start without a snapshot must do once the
 * bytes are in. Times the save, the load (read, check, decode, statuses, display copies) and
 * the parse; medians of a few runs, CPU and wall. Figures, not pass/fail.
 * Usage: snapshot_bench LIST.json DIR (the list as the server sends it; DIR for the file). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "invitui/hybridbox_json.h"
#include "invitui/snapshot.h"

enum { RUNS = 5 };

static double cpu_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v)
{
    qsort(v, RUNS, sizeof(*v), cmp_double);
    return v[RUNS / 2];
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct strbuf sb;
    char buf[65536];
    size_t n;

    if (!f) {
        perror(path);
        exit(1);
    }
    strbuf_init(&sb);
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        strbuf_append(&sb, buf, n);
    fclose(f);
    return strbuf_detach(&sb, len);
}

static void parse_list(const char *body, size_t len, struct invitation_list *out)
{
    struct hybridbox_stream st;
    struct api_error err;

    api_error_init(&err);
    hybridbox_stream_init(&st, "acc", time(NULL), out);
    /* In pieces the size of a network read, as the worker gets them. */
    for (size_t off = 0; off < len; off += 16384) {
        size_t n = len - off < 16384 ? len - off : 16384;
        if (hybridbox_stream_feed(&st, body + off, n, &err) < 0)
            break;
    }
    if (hybridbox_stream_finish(&st, &err) < 0) {
        fprintf(stderr, "snapshot_bench: the list could not be parsed: %s\n",
                err.title ? err.title : "?");
        exit(1);
    }
    api_error_clear(&err);
}

int main(int argc, char **argv)
{
    double parse_cpu[RUNS], parse_wall[RUNS], load_cpu[RUNS], load_wall[RUNS];
    double save_cpu[RUNS], save_wall[RUNS];
    size_t len, n = 0;
    struct stat st;

    if (argc != 3) {
        fprintf(stderr, "usage: snapshot_bench LIST.json DIR\n");
        return 2;
    }
    char *body = read_all(argv[1], &len);
    char *path = snapshot_path(argv[2], "bench", "acc");
    for (int r = 0; r < RUNS; r++) {
        struct snapshot s = {.kind = PROVIDER_HYBRIDBOX, .saved_at = time(NULL)};
        double c = cpu_ms(), w = now_ms();
        parse_list(body, len, &s.invitations);
        parse_cpu[r] = cpu_ms() - c;
        parse_wall[r] = now_ms() - w;
        n = s.invitations.n;
        s.base_url = xstrdup("http://bench");
        s.account_id = xstrdup("acc");
        c = cpu_ms(), w = now_ms();
        if (snapshot_save(argv[2], path, &s) < 0) {
            perror(path);
            return 1;
        }
        save_cpu[r] = cpu_ms() - c;
        save_wall[r] = now_ms() - w;
        snapshot_free(&s);
        c = cpu_ms(), w = now_ms();
        enum snapshot_result res = snapshot_load(path, time(NULL), &s);
        load_cpu[r] = cpu_ms() - c;
        load_wall[r] = now_ms() - w;
        if (res != SNAPSHOT_OK || s.invitations.n != n) {
            fprintf(stderr, "snapshot_bench: the snapshot did not load (%d)\n", (int)res);
            return 1;
        }
        snapshot_free(&s);
    }
    stat(path, &st);
    double pc = median(parse_cpu), lc = median(load_cpu);
    printf("snapshot of %zu invitations: %.1f MiB on disk (the JSON list: %.1f MiB)\n", n,
           st.st_size / 1048576.0, len / 1048576.0);
    printf("median of %d (CPU; then wall)   snapshot   JSON parse   ratio   snapshot wall"
           "   parse wall\n", RUNS);
    printf("load %zu rows             %9.1f ms %9.1f ms %6.1fx %12.1f ms %10.1f ms\n", n, lc, pc,
           lc > 0 ? pc / lc : 0.0, median(load_wall), median(parse_wall));
    printf("save %zu rows (worker)    %9.1f ms %12s %7s %12.1f ms\n", n, median(save_cpu), "",
           "", median(save_wall));
    unlink(path);
    free(path);
    free(body);
    return 0;
}
