/* data_path.c - the shipped data lookup (data_path.h). */
#include "model/data_path.h"
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool usable(const char *path, bool want_dir)
{
    struct stat st;
    return stat(path, &st) == 0 && (want_dir ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode));
}

const char *data_path_find(const char *name, bool want_dir, char *buf, size_t size)
{
    const char *env = getenv("SEAWALL_DATA");
    if (env && *env) {
        snprintf(buf, size, "%s/%s", env, name);
        return usable(buf, want_dir) ? buf : NULL;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) *slash = '\0';
        static const char *const rel[] = { "../data", "../share/seawall", "../../data" };
        for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
            snprintf(buf, size, "%s/%s/%s", exe, rel[i], name);
            if (usable(buf, want_dir)) return buf;
        }
    }
    snprintf(buf, size, "data/%s", name);
    return usable(buf, want_dir) ? buf : NULL;
}
