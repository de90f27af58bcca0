/* 0006_web_auth.c - schema v6: who may use `seawall serve`: local users with
 * argon2id hashes and roles, server-side sessions and API tokens (both kept
 * only as SHA-256 of the secret), and the audit log of every change. */
#include "store/store_sql.h"

const store_migration store_migration_0006_web_auth = {
    6, "web users, sessions, API tokens and the audit log",

    "CREATE TABLE web_users (\n"
    "  id           INTEGER PRIMARY KEY,\n"
    "  username     TEXT NOT NULL UNIQUE COLLATE NOCASE,\n"
    "  role         TEXT NOT NULL CHECK (role IN ('cso','analyst','ot-engineer','pfso','auditor','board')),\n"
    "  pw_hash      TEXT NOT NULL,            -- crypto_pwhash_str (argon2id) string\n"
    "  must_change  INTEGER NOT NULL DEFAULT 1,  -- one-time password: change before anything else\n"
    "  disabled     INTEGER NOT NULL DEFAULT 0,\n"
    "  created_at   INTEGER NOT NULL,         -- microseconds since the epoch, UTC\n"
    "  created_by   TEXT,\n"
    "  pw_changed_at INTEGER NOT NULL\n"
    ") STRICT;\n"

    "CREATE TABLE web_sessions (\n"
    "  id_hash      TEXT PRIMARY KEY,         -- SHA-256 hex of the cookie's 256-bit id\n"
    "  user_id      INTEGER NOT NULL REFERENCES web_users(id) ON DELETE CASCADE,\n"
    "  csrf_token   TEXT NOT NULL,            -- synchronizer token, useless without the cookie\n"
    "  created_at   INTEGER NOT NULL,\n"
    "  last_seen    INTEGER NOT NULL,\n"
    "  expires_at   INTEGER NOT NULL,\n"
    "  source       TEXT\n"
    ") STRICT;\n"
    "CREATE INDEX web_sessions_user ON web_sessions(user_id);\n"

    "CREATE TABLE web_tokens (\n"
    "  id           INTEGER PRIMARY KEY,\n"
    "  name         TEXT NOT NULL,\n"
    "  token_hash   TEXT NOT NULL UNIQUE,     -- SHA-256 hex of the bearer secret\n"
    "  role         TEXT NOT NULL CHECK (role IN ('cso','analyst','ot-engineer','pfso','auditor','board')),\n"
    "  owner_id     INTEGER NOT NULL REFERENCES web_users(id) ON DELETE CASCADE,\n"
    "  created_at   INTEGER NOT NULL,\n"
    "  expires_at   INTEGER NOT NULL DEFAULT 0,  -- 0: never\n"
    "  last_used    INTEGER NOT NULL DEFAULT 0,\n"
    "  revoked_at   INTEGER NOT NULL DEFAULT 0\n"
    ") STRICT;\n"

    "CREATE TABLE web_audit (\n"
    "  id           INTEGER PRIMARY KEY,\n"
    "  ts           INTEGER NOT NULL,\n"
    "  actor        TEXT,                     -- username, 'token:NAME', or NULL before login\n"
    "  actor_role   TEXT,\n"
    "  source       TEXT,                     -- the client's address\n"
    "  action       TEXT NOT NULL,            -- 'login', 'user.create', 'token.revoke', ...\n"
    "  target       TEXT,\n"
    "  outcome      TEXT NOT NULL,            -- 'ok' or why it was refused\n"
    "  detail       TEXT                      -- JSON object or NULL\n"
    ") STRICT;\n"
    "CREATE INDEX web_audit_ts ON web_audit(ts);\n",
};
