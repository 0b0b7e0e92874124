/*
 * output.c - writing a report where -o says, without destroying anything.
 *
 * A regular file is replaced only when the report is complete: the report
 * goes to a temporary file beside it (with the old file's mode and owner),
 * renamed onto it at the end. A symbolic link is written through: the file it
 * names is replaced and the link kept. A file with several hard links is
 * copied into in place once the report is complete, so that every link sees
 * the new report. A device, FIFO or socket is opened and written in place,
 * and a target that is standard output or standard error is written through
 * that descriptor. The temporary file's name is kept in a static buffer so
 * that a signal handler can remove it (output_abandon).
 */
#define _XOPEN_SOURCE 700 /* realpath */

#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char pending[PATH_MAX + 16];
static volatile sig_atomic_t armed;

bool output_abandon(void)
{
    if (!armed)
        return false;
    unlink(pending);
    return true;
}

/* The canonical name of 'path': realpath, or that of its folder plus its name. */
static bool canonical(const char *path, char *buf)
{
    if (realpath(path, buf))
        return true;
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    char dir[PATH_MAX], real[PATH_MAX];
    if (!slash)
        strcpy(dir, ".");
    else if (snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path) >=
             (int)sizeof dir)
        return false;
    if (!realpath(dir, real))
        return false;
    return snprintf(buf, PATH_MAX, "%s/%s", strcmp(real, "/") ? real : "", base) < PATH_MAX;
}

static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    char ca[PATH_MAX], cb[PATH_MAX];
    return canonical(a, ca) && canonical(b, cb) && !strcmp(ca, cb);
}

/* The target is the file behind descriptor 'fd' (and 'regular_only': a regular one). */
static bool is_fd(const struct stat *st, int fd, bool regular_only)
{
    struct stat sf;
    if (fstat(fd, &sf) != 0 || (regular_only && !S_ISREG(sf.st_mode)))
        return false;
    return st->st_dev == sf.st_dev && st->st_ino == sf.st_ino;
}

int output_check(const char *target, const output_input *inputs, size_t n, bool stdin_read,
                 bool force)
{
    if (!target || !strcmp(target, "-"))
        return 0;
    for (size_t k = 0; k < n; k++) {
        const char *p = inputs[k].path;
        if (p && strcmp(p, "-") && same_file(target, p)) {
            fprintf(stderr, "pushback: %s is %s%s%s; refusing to overwrite it\n", target,
                    inputs[k].what, strcmp(p, target) ? " " : "", strcmp(p, target) ? p : "");
            return 2;
        }
    }
    struct stat st;
    if (stat(target, &st) != 0)
        return 0;
    if (stdin_read && is_fd(&st, STDIN_FILENO, true)) {
        fprintf(stderr, "pushback: %s is the standard input being read; refusing to overwrite it\n",
                target);
        return 2;
    }
    if (S_ISREG(st.st_mode) && !force && (!(st.st_mode & 0222) || access(target, W_OK) != 0)) {
        fprintf(stderr, "pushback: %s is read-only; add --force to replace it\n", target);
        return 2;
    }
    return 0;
}

static int fail(output *out, const char *why)
{
    fprintf(stderr, "pushback: %s: cannot write: %s\n", out->target, why);
    return 1;
}

/* Open a temporary file beside out->path, with the old file's mode and owner. */
static int open_temp(output *out)
{
    if (snprintf(pending, sizeof pending, "%s.tmp-XXXXXX", out->path) >= (int)sizeof pending)
        return fail(out, "path too long");
    armed = 1;
    int fd = mkstemp(pending);
    if (fd < 0) {
        armed = 0;
        return fail(out, strerror(errno));
    }
    if (out->existed) {
        if (fchown(fd, out->uid, out->gid) != 0) {
            /* not the owner: the new file is ours, as with any program's output */
        }
        fchmod(fd, out->mode & 07777);
    } else {
        /* mkstemp makes the file private: give it the permissions any new file gets */
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, 0666 & ~mask);
    }
    if (!(out->f = fdopen(fd, "w"))) {
        int e = errno;
        close(fd);
        unlink(pending);
        armed = 0;
        return fail(out, strerror(e));
    }
    return 0;
}

/* An existing target: standard output or error, a special file, or a regular file. */
static int open_existing(output *out, const struct stat *st)
{
    int fd = -1;
    if (is_fd(st, STDOUT_FILENO, false)) {
        out->how = OUT_STDOUT;
        out->f = stdout;
        return 0;
    }
    if (is_fd(st, STDERR_FILENO, false))
        fd = dup(STDERR_FILENO);
    else if (S_ISDIR(st->st_mode))
        return fail(out, "is a directory");
    else if (!S_ISREG(st->st_mode))
        fd = open(out->target, O_WRONLY | O_NOCTTY);
    if (fd >= 0 || !S_ISREG(st->st_mode)) {
        out->how = OUT_INPLACE;
        if (fd < 0 || !(out->f = fdopen(fd, "w"))) {
            int e = errno;
            if (fd >= 0)
                close(fd);
            return fail(out, strerror(e));
        }
        return 0;
    }
    if (!realpath(out->target, out->path))
        return fail(out, strerror(errno));
    out->existed = true;
    out->mode = st->st_mode;
    out->uid = st->st_uid;
    out->gid = st->st_gid;
    out->how = st->st_nlink > 1 ? OUT_COPY : OUT_RENAME;
    return open_temp(out);
}

int output_open(output *out, const char *target)
{
    memset(out, 0, sizeof *out);
    out->target = target;
    out->how = OUT_STDOUT;
    out->f = stdout;
    if (!target || !strcmp(target, "-"))
        return 0;
    struct stat st;
    if (stat(target, &st) == 0)
        return open_existing(out, &st);
    if (lstat(target, &st) == 0)
        return fail(out, "it is a symbolic link to a missing file");
    if (snprintf(out->path, sizeof out->path, "%s", target) >= (int)sizeof out->path)
        return fail(out, "path too long");
    out->how = OUT_RENAME;
    return open_temp(out);
}

/* Copy the finished temporary file into the target in place (all its links see it). */
static bool copy_into(output *out)
{
    int in = open(pending, O_RDONLY), to = open(out->path, O_WRONLY | O_TRUNC);
    bool good = in >= 0 && to >= 0;
    char buf[65536];
    ssize_t k;
    while (good && (k = read(in, buf, sizeof buf)) != 0) {
        if (k < 0 && errno == EINTR)
            continue;
        for (ssize_t w = 0, d; good && w<k; w += d> 0 ? d : 0)
            if ((d = write(to, buf + w, (size_t)(k - w))) < 0 && errno != EINTR)
                good = false;
        good = good && k > 0;
    }
    int e = errno;
    if (in >= 0)
        close(in);
    if (to >= 0 && close(to) != 0)
        good = false;
    errno = e;
    return good;
}

int output_close(output *out, bool ok)
{
    if (out->how == OUT_STDOUT)
        return ok ? 0 : 1;
    bool stream_ok = fflush(out->f) == 0 && !ferror(out->f);
    int e = errno;
    stream_ok = (fclose(out->f) == 0) && stream_ok;
    if (!stream_ok) {
        fail(out, strerror(e ? e : EIO));
        ok = false;
    }
    if (out->how == OUT_INPLACE)
        return ok ? 0 : 1;
    if (ok && out->how == OUT_RENAME && rename(pending, out->path) != 0)
        ok = fail(out, strerror(errno)) == 0;
    else if (ok && out->how == OUT_COPY && !copy_into(out))
        ok = fail(out, strerror(errno)) == 0;
    if (!ok || out->how == OUT_COPY)
        unlink(pending);
    armed = 0;
    return ok ? 0 : 1;
}
