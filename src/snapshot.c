#include "config.h"

#include "invitui/snapshot.h"
#include "invitui/snapshot_codec.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "invitui/i18n.h"
#include "invitui/provider.h"

/* A file bigger than this is not one we wrote (100,000 rows take ~15 MB). */
#define SNAPSHOT_MAX_BYTES ((size_t)1 << 30)

static const char snap_suffix[] = ".snap";

char *snapshot_dir(void)
{
    const char *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");

    /* The XDG spec says a relative value is to be ignored. */
    if (xdg && xdg[0] == '/')
        return xasprintf("%s/invitui", xdg);
    if (home && *home)
        return xasprintf("%s/.cache/invitui", home);
    return NULL;
}

static void put_encoded(struct strbuf *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_')
            strbuf_putc(out, (char)*p);
        else
            strbuf_printf(out, "%%%02X", *p);
    }
}

char *snapshot_path(const char *dir, const char *profile, const char *account_id)
{
    struct strbuf sb;

    strbuf_init(&sb);
    strbuf_printf(&sb, "%s/", dir);
    put_encoded(&sb, profile);
    strbuf_putc(&sb, '.');
    put_encoded(&sb, account_id);
    strbuf_puts(&sb, snap_suffix);
    return strbuf_detach(&sb, NULL);
}

char *snapshot_latest(const char *dir, const char *profile)
{
    struct strbuf prefix;
    char *best = NULL;
    struct timespec best_t = {0, 0};
    DIR *d = opendir(dir);

    if (!d)
        return NULL;
    strbuf_init(&prefix);
    put_encoded(&prefix, profile);
    strbuf_putc(&prefix, '.'); /* '.' is always encoded in a name: the prefix is exact */
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        size_t len = strlen(e->d_name);
        struct stat st;
        if (strncmp(e->d_name, prefix.data, prefix.len) != 0 ||
            len < prefix.len + sizeof(snap_suffix) - 1 ||
            strcmp(e->d_name + len - (sizeof(snap_suffix) - 1), snap_suffix) != 0 ||
            fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
            continue;
        if (!best || st.st_mtim.tv_sec > best_t.tv_sec ||
            (st.st_mtim.tv_sec == best_t.tv_sec && st.st_mtim.tv_nsec > best_t.tv_nsec)) {
            free(best);
            best = xasprintf("%s/%s", dir, e->d_name);
            best_t = st.st_mtim;
        }
    }
    closedir(d);
    strbuf_free(&prefix);
    return best;
}

/* ---- the files ---- */

/* Ours, of the wanted type, and closed to group and others. */
static bool private_stat(const struct stat *st, mode_t type)
{
    return (st->st_mode & S_IFMT) == type && st->st_uid == geteuid() &&
           (st->st_mode & 077) == 0;
}

/* mkdir -p with 0700 for what is made; the last one must be private. */
static int make_dir(const char *dir)
{
    char *copy = xstrdup(dir);
    struct stat st;

    for (char *p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(copy, 0700) < 0 && errno != EEXIST) {
            free(copy);
            return -1;
        }
        *p = '/';
    }
    free(copy);
    if (mkdir(dir, 0700) < 0 && errno != EEXIST)
        return -1;
    if (lstat(dir, &st) < 0)
        return -1;
    if (!private_stat(&st, S_IFDIR)) {
        errno = EPERM;
        return -1;
    }
    return 0;
}

int snapshot_save(const char *dir, const char *path, const struct snapshot *s)
{
    int saved_errno;

    if (make_dir(dir) < 0)
        return -1;
    char *tmp = xasprintf("%s.XXXXXX", path);
    int fd = mkstemp(tmp); /* 0600, O_EXCL */
    if (fd < 0) {
        saved_errno = errno;
        free(tmp);
        errno = saved_errno;
        return -1;
    }
    /* No fsync: a file cut short by a crash fails its checksum and is
     * ignored, and the next list writes it again. */
    int rc = fchmod(fd, 0600);
    if (rc == 0)
        rc = snapshot_write(fd, s);
    saved_errno = errno;
    if (close(fd) < 0 && rc == 0) {
        rc = -1;
        saved_errno = errno;
    }
    if (rc == 0 && rename(tmp, path) < 0) {
        rc = -1;
        saved_errno = errno;
    }
    if (rc < 0)
        unlink(tmp);
    free(tmp);
    errno = saved_errno;
    return rc;
}

/* The file's bytes: mapped (its pages are in the page cache since the last run wrote them:
 * nothing to copy, no new memory to clear) or, where mapping fails, read. A file of ours is
 * only ever replaced by a rename, never cut short in place, so the mapping stays whole. */
struct file_bytes {
    char *data;
    size_t len;
    bool mapped;
};

static void file_bytes_free(struct file_bytes *b)
{
    if (b->mapped)
        munmap(b->data, b->len);
    else
        free(b->data);
    memset(b, 0, sizeof(*b));
}

static bool map_file(int fd, size_t size, struct file_bytes *b)
{
    if (size == 0)
        return false;
    void *p = mmap(NULL, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (p == MAP_FAILED)
        return false;
    *b = (struct file_bytes){.data = p, .len = size, .mapped = true};
    return true;
}

/* The whole file into *b after the checks. */
static enum snapshot_result read_file(const char *path, struct file_bytes *b)
{
    struct stat st;
    char *slash = strrchr(path, '/');

    if (slash && slash != path) { /* the directory must be private too */
        char *dir = xstrndup(path, (size_t)(slash - path));
        int rc = lstat(dir, &st);
        free(dir);
        if (rc < 0)
            return SNAPSHOT_NONE;
        if (!private_stat(&st, S_IFDIR))
            return SNAPSHOT_UNSAFE;
    }
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return errno == ENOENT ? SNAPSHOT_NONE : SNAPSHOT_UNSAFE;
    if (fstat(fd, &st) < 0 || !private_stat(&st, S_IFREG)) {
        close(fd);
        return SNAPSHOT_UNSAFE;
    }
    if ((unsigned long long)st.st_size > SNAPSHOT_MAX_BYTES) {
        close(fd);
        return SNAPSHOT_CORRUPT;
    }
    if (map_file(fd, (size_t)st.st_size, b)) {
        close(fd);
        return SNAPSHOT_OK;
    }
    size_t got = 0;
    char *buf = xmalloc((size_t)st.st_size + 1);
    for (;;) {
        ssize_t r = read(fd, buf + got, (size_t)st.st_size + 1 - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
        if (got == (size_t)st.st_size + 1)
            break; /* it grew while we read: the checksum will say */
    }
    close(fd);
    *b = (struct file_bytes){.data = buf, .len = got};
    return SNAPSHOT_OK;
}

enum snapshot_result snapshot_load_head(const char *path, time_t now,
                                        const struct snapshot_head *head, struct snapshot *out)
{
    struct file_bytes bytes = {0};

    memset(out, 0, sizeof(*out));
    enum snapshot_result r = read_file(path, &bytes);
    if (r == SNAPSHOT_OK)
        r = snapshot_decode_load(bytes.data, bytes.len, now, head, out);
    file_bytes_free(&bytes);
    return r;
}

enum snapshot_result snapshot_load(const char *path, time_t now, struct snapshot *out)
{
    return snapshot_load_head(path, now, NULL, out);
}

const char *snapshot_result_note(enum snapshot_result r)
{
    switch (r) {
    case SNAPSHOT_UNSAFE:
        return _("The cached list was not read: its file is open to other users or not yours.");
    case SNAPSHOT_CORRUPT:
        return _("The cached list was damaged or cut short and is ignored.");
    case SNAPSHOT_OTHER_VERSION:
        return _("The cached list is from another version of invitui and is ignored.");
    default:
        return NULL;
    }
}
