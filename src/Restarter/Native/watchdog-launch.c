/*
 * watchdog-launch: the last step between the root restarter and a program that runs as its own user, with its
 * own limits, in its own cgroup (DESIGN.md §3, "Identity and limits"). posix_spawn cannot change credentials,
 * limits or cgroup in the child, so the restarter posix_spawns this program instead, with the program's final
 * environment, stdio and session already in place, and this program does, in this order:
 *
 *   1. join the cgroup (while still root: the cgroup's files belong to the restarter),
 *   2. setrlimit for each --rlimit (while still root: a hard limit can be raised only with privilege),
 *   3. umask,
 *   4. setgroups, setresgid, setresuid (groups before the gid, the gid before the uid: each needs privilege),
 *      and check with getresgid/getresuid that every id stuck,
 *   5. chdir (after the drop, so the directory is reached with the program's own permissions),
 *   6. execve the program with the environment this process was given.
 *
 * Usage (the restarter's LauncherCommand builds it; nothing else should run this):
 *   watchdog-launch [--cgroup DIR] [--rlimit nofile|nproc|core:SOFT:HARD]... [--umask OCTAL]
 *                   [--groups G,G,...] [--gid GID] [--uid UID] [--chdir DIR] -- EXE ARGV0 [ARG...]
 *   SOFT and HARD are decimal or "infinity"; --groups may be empty (--groups "") to drop every supplementary group.
 *
 * Errors: fd 3 is the write end of a pipe the restarter reads. It is marked close-on-exec first thing, so a
 * successful execve closes it and the restarter reads end-of-file; on any failure this program writes one line,
 * "STAGE:ERRNO\n", to it and exits 127 without running anything. Nothing here allocates, reads a file, or looks
 * a name up: every id is a number the restarter resolved when it loaded the config.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define ERROR_FD 3
#define MAX_GROUPS 65536
#define MAX_LIMITS 8
#define EXIT_LAUNCH_FAILED 127

extern char **environ;

static gid_t groups[MAX_GROUPS];

/* Reports the failed stage and its errno to the restarter, then exits without running the program. */
static void fail(const char *stage, int error)
{
    char line[64];
    int length = snprintf(line, sizeof line, "%s:%d\n", stage, error);
    if (length > 0) {
        ssize_t ignored = write(ERROR_FD, line, (size_t)length);
        (void)ignored;
    }
    _exit(EXIT_LAUNCH_FAILED);
}

/* A whole decimal number no larger than max; anything else is a usage error (the restarter built it wrong). */
static unsigned long long number(const char *text, unsigned long long max, const char *stage)
{
    char *end = NULL;
    errno = 0;
    if (text[0] < '0' || text[0] > '9') {
        fail(stage, EINVAL);
    }
    unsigned long long value = strtoull(text, &end, 10);
    if (errno != 0 || *end != '\0' || value > max) {
        fail(stage, EINVAL);
    }
    return value;
}

static rlim_t limit_value(const char *text, const char *stage)
{
    return strcmp(text, "infinity") == 0 ? RLIM_INFINITY : (rlim_t)number(text, RLIM_INFINITY - 1, stage);
}

/* "nofile:SOFT:HARD" → setrlimit. The text is the restarter's, modified in place to split it. */
static void set_limit(char *spec)
{
    char *soft = strchr(spec, ':');
    char *hard = soft == NULL ? NULL : strchr(soft + 1, ':');
    if (hard == NULL) {
        fail("rlimit", EINVAL);
    }
    *soft++ = '\0';
    *hard++ = '\0';
    int resource = strcmp(spec, "nofile") == 0 ? RLIMIT_NOFILE
                 : strcmp(spec, "nproc") == 0 ? RLIMIT_NPROC
                 : strcmp(spec, "core") == 0 ? RLIMIT_CORE
                 : -1;
    if (resource < 0) {
        fail("rlimit", EINVAL);
    }
    struct rlimit limit = { limit_value(soft, "rlimit"), limit_value(hard, "rlimit") };
    if (setrlimit(resource, &limit) != 0) {
        fail(resource == RLIMIT_NOFILE ? "rlimit-nofile" : resource == RLIMIT_NPROC ? "rlimit-nproc" : "rlimit-core", errno);
    }
}

/* Writes "0" (this process) to DIR/cgroup.procs, never following a symlink in the file's place. */
static void join_cgroup(const char *directory)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/cgroup.procs", directory) >= (int)sizeof path) {
        fail("cgroup", ENAMETOOLONG);
    }
    int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        fail("cgroup", errno);
    }
    if (write(fd, "0", 1) != 1) {
        fail("cgroup", errno);
    }
    close(fd);
}

static size_t parse_groups(char *list)
{
    size_t count = 0;
    for (char *item = strtok(list, ","); item != NULL; item = strtok(NULL, ",")) {
        if (count == MAX_GROUPS) {
            fail("setgroups", E2BIG);
        }
        groups[count++] = (gid_t)number(item, (gid_t)-2, "setgroups");
    }
    return count;
}

/* An octal mode of at most 0777. */
static mode_t mode_value(const char *text)
{
    char *end = NULL;
    errno = 0;
    unsigned long value = strtoul(text, &end, 8);
    if (text[0] < '0' || text[0] > '7' || errno != 0 || *end != '\0' || value > 0777) {
        fail("umask", EINVAL);
    }
    return (mode_t)value;
}

int main(int argc, char **argv)
{
    /* First: a successful exec must close the error pipe, or the restarter would wait for its timeout. */
    if (fcntl(ERROR_FD, F_SETFD, FD_CLOEXEC) != 0) {
        _exit(EXIT_LAUNCH_FAILED);
    }

    /* Options are collected first and applied below in the fixed order above, whatever order they came in. */
    const char *cgroup = NULL, *directory = NULL;
    char *limits[MAX_LIMITS];
    size_t limit_count = 0, group_count = 0;
    long long uid = -1, gid = -1, mask = -1;
    int have_groups = 0;
    int i = 1;
    for (; i < argc && strcmp(argv[i], "--") != 0; i += 2) {
        const char *option = argv[i];
        char *value = i + 1 < argc ? argv[i + 1] : NULL;
        if (value == NULL) {
            fail("usage", EINVAL);
        } else if (strcmp(option, "--cgroup") == 0) {
            cgroup = value;
        } else if (strcmp(option, "--rlimit") == 0 && limit_count < MAX_LIMITS) {
            limits[limit_count++] = value;
        } else if (strcmp(option, "--umask") == 0) {
            mask = mode_value(value);
        } else if (strcmp(option, "--groups") == 0) {
            group_count = parse_groups(value);
            have_groups = 1;
        } else if (strcmp(option, "--gid") == 0) {
            gid = (long long)number(value, (gid_t)-2, "setgid");
        } else if (strcmp(option, "--uid") == 0) {
            uid = (long long)number(value, (uid_t)-2, "setuid");
        } else if (strcmp(option, "--chdir") == 0) {
            directory = value;
        } else {
            fail("usage", EINVAL);
        }
    }
    /* "--" EXE ARGV0: at least two words after the separator. */
    if (i + 2 >= argc) {
        fail("usage", EINVAL);
    }
    const char *executable = argv[i + 1];
    char **program_argv = &argv[i + 2];

    if (cgroup != NULL) {
        join_cgroup(cgroup);
    }
    for (size_t l = 0; l < limit_count; l++) {
        set_limit(limits[l]);
    }
    if (mask >= 0) {
        umask((mode_t)mask);
    }
    if (have_groups && setgroups(group_count, groups) != 0) {
        fail("setgroups", errno);
    }
    if (gid >= 0) {
        gid_t g = (gid_t)gid, real, effective, saved;
        if (setresgid(g, g, g) != 0) {
            fail("setgid", errno);
        }
        if (getresgid(&real, &effective, &saved) != 0 || real != g || effective != g || saved != g) {
            fail("setgid", EPERM);
        }
    }
    if (uid >= 0) {
        uid_t u = (uid_t)uid, real, effective, saved;
        if (setresuid(u, u, u) != 0) {
            fail("setuid", errno);
        }
        if (getresuid(&real, &effective, &saved) != 0 || real != u || effective != u || saved != u) {
            fail("setuid", EPERM);
        }
        /* A dropped root must not be able to come back. */
        if (u != 0 && setresuid(0, 0, 0) == 0) {
            fail("setuid", EPERM);
        }
    }
    if (directory != NULL && chdir(directory) != 0) {
        fail("chdir", errno);
    }

    execve(executable, program_argv, environ);
    fail("exec", errno);
    return EXIT_LAUNCH_FAILED;
}
