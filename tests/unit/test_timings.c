#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "invitui/timings.h"

struct fixture {
    char dir[64];
    char path[96];
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));

    snprintf(f->dir, sizeof(f->dir), "/tmp/invitui-timings.XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->path, sizeof(f->path), "%s/t.jsonl", f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    timings_reset();
    unsetenv("INVITUI_TIMINGS");
    unlink(f->path);
    rmdir(f->dir);
    free(f);
    return 0;
}

/* Every line of the file, parsed; fails the test on a line that is no
 * JSON object or lacks t_ms and event. */
static json_t *read_lines(const char *path)
{
    FILE *fp = fopen(path, "r");
    json_t *lines = json_array();
    char buf[8192];

    assert_non_null(fp);
    while (fgets(buf, sizeof(buf), fp)) {
        size_t len = strlen(buf);
        assert_true(len > 0 && buf[len - 1] == '\n');
        json_error_t jerr;
        json_t *o = json_loads(buf, 0, &jerr);
        assert_non_null(o);
        assert_true(json_is_object(o));
        assert_true(json_is_number(json_object_get(o, "t_ms")));
        assert_true(json_is_string(json_object_get(o, "event")));
        json_array_append_new(lines, o);
    }
    fclose(fp);
    return lines;
}

static size_t dir_entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t n = 0;

    assert_non_null(d);
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

static void unset_writes_nothing(void **state)
{
    struct fixture *f = *state;
    char *cwd = getcwd(NULL, 0);

    unsetenv("INVITUI_TIMINGS");
    /* Relative names would land in the working directory: watch that one. */
    assert_int_equal(chdir(f->dir), 0);
    timings_init();
    assert_false(timings_enabled());
    timings_event("first_paint", NULL);
    timings_event("rows", "count", json_integer(3), NULL); /* the value is freed (ASan) */
    setenv("INVITUI_TIMINGS", "", 1);
    timings_init();
    assert_false(timings_enabled());
    timings_event("http_done", NULL);
    assert_int_equal(dir_entries(f->dir), 0);
    assert_int_equal(chdir(cwd), 0);
    free(cwd);
}

static void lines_are_json_in_time_order(void **state)
{
    struct fixture *f = *state;

    setenv("INVITUI_TIMINGS", f->path, 1);
    timings_init();
    assert_true(timings_enabled());
    timings_event("first_paint", NULL);
    timings_event("rows_complete", "count", json_integer(40), NULL);
    timings_event("key", "key", json_string("a\"b\\c\n\x01"), "frame_ms", timings_ms_value(1.5),
                  "skipped", NULL, NULL);
    timings_reset();

    json_t *lines = read_lines(f->path);
    assert_int_equal(json_array_size(lines), 3);
    double last = -1;
    for (size_t i = 0; i < 3; i++) {
        double t = json_number_value(json_object_get(json_array_get(lines, i), "t_ms"));
        assert_true(t >= last && t >= 0);
        last = t;
    }
    json_t *rows = json_array_get(lines, 1);
    assert_string_equal(json_string_value(json_object_get(rows, "event")), "rows_complete");
    assert_int_equal(json_integer_value(json_object_get(rows, "count")), 40);
    json_t *key = json_array_get(lines, 2);
    assert_string_equal(json_string_value(json_object_get(key, "key")), "a\"b\\c\n\x01");
    assert_true(json_number_value(json_object_get(key, "frame_ms")) == 1.5);
    assert_null(json_object_get(key, "skipped"));
    json_decref(lines);
}

static void file_is_private_and_appended(void **state)
{
    struct fixture *f = *state;
    struct stat st;
    mode_t old = umask(0);

    setenv("INVITUI_TIMINGS", f->path, 1);
    timings_init();
    timings_event("first_paint", NULL);
    timings_reset();
    umask(old);
    assert_int_equal(stat(f->path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    /* A second run appends: a benchmark collects several runs in one file. */
    timings_init();
    timings_event("first_paint", NULL);
    timings_reset();
    json_t *lines = read_lines(f->path);
    assert_int_equal(json_array_size(lines), 2);
    json_decref(lines);
}

static void unwritable_file_is_ignored(void **state)
{
    struct fixture *f = *state;
    char bad[128];

    snprintf(bad, sizeof(bad), "%s/missing/t.jsonl", f->dir);
    setenv("INVITUI_TIMINGS", bad, 1);
    timings_init();
    timings_event("first_paint", NULL);
    assert_false(timings_enabled());
    timings_event("rows", "count", json_integer(1), NULL);
}

enum { PER_THREAD = 2000 };

static void *emit_many(void *arg)
{
    /* Long lines: a torn write would show as a line that does not parse. */
    char pad[600];

    memset(pad, *(const char *)arg, sizeof(pad) - 1);
    pad[sizeof(pad) - 1] = '\0';
    for (int i = 0; i < PER_THREAD; i++)
        timings_event("parse_done", "count", json_integer(i), "pad", json_string(pad), NULL);
    return NULL;
}

static void threads_write_whole_lines(void **state)
{
    struct fixture *f = *state;
    pthread_t a, b;

    setenv("INVITUI_TIMINGS", f->path, 1);
    timings_init();
    assert_int_equal(pthread_create(&a, NULL, emit_many, "a"), 0);
    assert_int_equal(pthread_create(&b, NULL, emit_many, "b"), 0);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    timings_reset();

    json_t *lines = read_lines(f->path);
    size_t n = json_array_size(lines), seen[2] = {0, 0};
    double last = -1;
    assert_int_equal(n, 2 * PER_THREAD);
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_array_get(lines, i);
        const char *pad = json_string_value(json_object_get(o, "pad"));
        double t = json_number_value(json_object_get(o, "t_ms"));
        assert_int_equal(strlen(pad), 599);
        assert_true(strspn(pad, pad[0] == 'a' ? "a" : "b") == 599);
        /* Each thread's own events stay in their order. */
        size_t who = pad[0] == 'b';
        assert_int_equal(json_integer_value(json_object_get(o, "count")), seen[who]++);
        assert_true(t >= last);
        last = t;
    }
    json_decref(lines);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(unset_writes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(lines_are_json_in_time_order, setup, teardown),
        cmocka_unit_test_setup_teardown(file_is_private_and_appended, setup, teardown),
        cmocka_unit_test_setup_teardown(unwritable_file_is_ignored, setup, teardown),
        cmocka_unit_test_setup_teardown(threads_write_whole_lines, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
