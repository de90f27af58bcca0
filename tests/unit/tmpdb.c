/* tmpdb.c - per-test scratch folder for store tests (see tmpdb.h). */
#include "tmpdb.h"
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int tmpdb_setup(void **state)
{
    tmpdb_fixture *f = calloc(1, sizeof *f);
    if (!f) return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/seawall-test-XXXXXX");
    if (!mkdtemp(f->dir)) { free(f); return -1; }
    snprintf(f->db, sizeof f->db, "%s/test.db", f->dir);
    *state = f;
    return 0;
}

int tmpdb_teardown(void **state)
{
    tmpdb_fixture *f = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    int rc = system(cmd) == 0 ? 0 : -1;
    free(f);
    return rc;
}
