/* store_auth.h - the web server's users, sessions, API tokens and audit log
 * in the store. Secrets never reach here: sessions and tokens are keyed by
 * the SHA-256 of their secret and passwords arrive as argon2id strings. */
#ifndef SW_STORE_AUTH_H
#define SW_STORE_AUTH_H
#include <stdbool.h>
#include <stdint.h>
#include "store/store.h"

#define STORE_NAME_MAX 64       /* usernames and token names, bytes with the NUL */
#define STORE_ROLE_MAX 16
#define STORE_PWHASH_MAX 128    /* crypto_pwhash_STRBYTES */
#define STORE_HASH_HEX 65       /* SHA-256 hex and the NUL */
#define STORE_CSRF_MAX 48
#define STORE_PERSON_MAX 81     /* a port-model person id, bytes with the NUL */

typedef struct store_user {
    int64_t id;
    char username[STORE_NAME_MAX], role[STORE_ROLE_MAX], pw_hash[STORE_PWHASH_MAX];
    char created_by[STORE_NAME_MAX];
    char person[STORE_PERSON_MAX];  /* the port-model person the account acts as; "" none */
    bool must_change, disabled;
    int64_t created_at, pw_changed_at;
} store_user;

sw_code store_user_count(store *s, int64_t *out, sw_error *err);
/* Enabled users with this role (the last cso may not be demoted or disabled). */
sw_code store_user_count_role(store *s, const char *role, int64_t *out, sw_error *err);
/* SW_ERR_INVALID when the username is taken (names compare case-insensitively). */
sw_code store_user_create(store *s, const char *username, const char *role, const char *pw_hash, bool must_change,
                          const char *created_by, int64_t now, int64_t *id, sw_error *err);
/* *found false (and SW_OK) when there is no such user. */
sw_code store_user_by_name(store *s, const char *username, store_user *out, bool *found, sw_error *err);
sw_code store_user_by_id(store *s, int64_t id, store_user *out, bool *found, sw_error *err);
typedef int (*store_user_fn)(void *ctx, const store_user *u);
/* Ordered by username; pw_hash is left empty. */
sw_code store_user_list(store *s, store_user_fn fn, void *ctx, sw_error *err);
sw_code store_user_set_role(store *s, int64_t id, const char *role, sw_error *err);
/* person NULL clears the mapping. */
sw_code store_user_set_person(store *s, int64_t id, const char *person, sw_error *err);
sw_code store_user_set_disabled(store *s, int64_t id, bool disabled, sw_error *err);
sw_code store_user_set_password(store *s, int64_t id, const char *pw_hash, bool must_change, int64_t now,
                                sw_error *err);

typedef struct store_session {
    int64_t user_id, created_at, last_seen, expires_at;
    char csrf[STORE_CSRF_MAX];
} store_session;

sw_code store_session_create(store *s, const char *id_hash, int64_t user_id, const char *csrf, int64_t now,
                             int64_t expires_at, const char *source, sw_error *err);
sw_code store_session_get(store *s, const char *id_hash, store_session *out, bool *found, sw_error *err);
sw_code store_session_touch(store *s, const char *id_hash, int64_t now, sw_error *err);
sw_code store_session_delete(store *s, const char *id_hash, sw_error *err);
/* Ends every session of a user but `keep_hash` (NULL: all of them). */
sw_code store_session_delete_user(store *s, int64_t user_id, const char *keep_hash, sw_error *err);
/* Deletes sessions past their expiry or idle longer than idle_us. */
sw_code store_session_purge(store *s, int64_t now, int64_t idle_us, sw_error *err);

typedef struct store_token {
    int64_t id, owner_id, created_at, expires_at, last_used, revoked_at;
    char name[STORE_NAME_MAX], role[STORE_ROLE_MAX], owner[STORE_NAME_MAX];
} store_token;

sw_code store_token_create(store *s, const char *name, const char *token_hash, const char *role, int64_t owner_id,
                           int64_t now, int64_t expires_at, int64_t *id, sw_error *err);
sw_code store_token_by_hash(store *s, const char *token_hash, store_token *out, bool *found, sw_error *err);
sw_code store_token_touch(store *s, int64_t id, int64_t now, sw_error *err);
typedef int (*store_token_fn)(void *ctx, const store_token *t);
sw_code store_token_list(store *s, store_token_fn fn, void *ctx, sw_error *err);
/* *revoked false when the token does not exist or was already revoked. */
sw_code store_token_revoke(store *s, int64_t id, int64_t now, bool *revoked, sw_error *err);

typedef struct store_audit_rec {
    int64_t id, ts;
    const char *actor, *actor_role, *source, *action, *target, *outcome;
    const char *detail;          /* a JSON object, or NULL */
} store_audit_rec;

sw_code store_audit_add(store *s, const store_audit_rec *r, sw_error *err);
typedef int (*store_audit_fn)(void *ctx, const store_audit_rec *r);
/* Newest first, rows with id < before_id (0: from the newest), at most limit. */
sw_code store_audit_list(store *s, int64_t before_id, int64_t limit, store_audit_fn fn, void *ctx, sw_error *err);

#endif
