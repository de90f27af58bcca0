/* tmpdb.c - per-test scratch folder for store tests, and a store opened
 * in it with a port model synced (see tmpdb.h). */
#include "tmpdb.h"
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "model/model.h"
#include "store/store.h"

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

void tmpdb_sync_model(store *s, const char *yaml)
{
    diag_list d;
    diag_init(&d, "t.yaml");
    port_model *m = model_load_buffer(yaml, strlen(yaml), "t.yaml", &d);
    if (!m || d.errors) { diag_print(&d, stderr); fail_msg("the test's port model does not load"); }
    diag_free(&d);
    store_sync_stats st;
    sw_error err = { 0 };
    if (store_sync_model(s, m, "sha", &st, &err) != SW_OK) fail_msg("sync: %s", err.msg);
    model_free(m);
}

store *tmpdb_open_model(const tmpdb_fixture *f, const char *yaml)
{
    sw_error err = { 0 };
    store *s = store_open(f->db, STORE_CREATE, &err);
    if (!s) fail_msg("open: %s", err.msg);
    tmpdb_sync_model(s, yaml);
    return s;
}
