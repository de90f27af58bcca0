/* tmpdb.h - a scratch folder with a database path in it, made before each
 * store test and removed after, so tests never share or leave a database. */
#ifndef SW_TEST_TMPDB_H
#define SW_TEST_TMPDB_H

typedef struct tmpdb_fixture {
    char dir[64];
    char db[96];   /* dir/test.db, not created */
} tmpdb_fixture;

/* cmocka group or test setup/teardown: *state becomes a tmpdb_fixture. */
int tmpdb_setup(void **state);
int tmpdb_teardown(void **state);

struct store;
/* The port model in `yaml` loaded and synced into s; fails the test on any error. */
void tmpdb_sync_model(struct store *s, const char *yaml);
/* The fixture's database created and opened, with the model synced into it. */
struct store *tmpdb_open_model(const tmpdb_fixture *f, const char *yaml);

#endif
