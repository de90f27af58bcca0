/* 0016_user_person.c - schema v16: the person of the port model a web
 * account acts as, so an incident change made through the web names a
 * person the playbooks and the timeline know, not a login name. */
#include "store/store_sql.h"

const store_migration store_migration_0016_user_person = {
    16, "web accounts mapped to people of the port model",
    /* NULL: not mapped; the account may read but not act on incidents. */
    "ALTER TABLE web_users ADD COLUMN person TEXT;\n",
};
