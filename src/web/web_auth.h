/* web_auth.h - the secrets of web authentication: argon2id password hashes
 * (libsodium), random session ids, CSRF and API tokens, their stored SHA-256
 * form and constant-time comparison; and the login rate limiter. */
#ifndef SW_WEB_AUTH_H
#define SW_WEB_AUTH_H
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/error.h"

/* Interactive limits: 2 passes over 64 MiB, the libsodium and OWASP floor
 * for argon2id; "moderate" (256 MiB) would let a handful of concurrent
 * logins exhaust a small sensor box. web_app runs at most
 * WEB_PWHASH_CONCURRENCY hashes at once. */
#define WEB_PWHASH_CONCURRENCY 2
#define WEB_PASSWORD_MIN 12
#define WEB_PASSWORD_MAX 128      /* bytes; bounds the work an attacker can ask for */
#define WEB_PWHASH_STR 128

sw_code web_crypto_init(sw_error *err);
sw_code web_password_hash(const char *password, char out[WEB_PWHASH_STR], sw_error *err);
bool web_password_verify(const char *stored_hash, const char *password);
/* Verifies against a fixed hash, so a login for an unknown user costs what a
 * real one does and response times do not tell which usernames exist. */
void web_password_burn(const char *password);
/* SW_ERR_INVALID with the reason when a new password is unacceptable. */
sw_code web_password_policy(const char *password, const char *username, sw_error *err);

/* nbytes random bytes as unpadded base64url into out (cap >= 4*nbytes/3+2). */
void web_random_token(char *out, size_t cap, size_t nbytes);
/* A one-time password people can type: 20 characters from an unambiguous alphabet. */
void web_random_password(char *out, size_t cap);
/* SHA-256 hex of a secret, as stored for sessions and tokens. */
void web_secret_hash(const char *secret, char out[65]);
/* SHA-256 of n bytes as standard padded base64 (44 characters), the form a
 * Content-Security-Policy 'sha256-...' source wants. */
void web_sha256_base64(const void *data, size_t n, char out[45]);
/* Constant-time equality of two NUL-terminated strings (lengths may leak). */
bool web_const_eq(const char *a, const char *b);

/* --- login rate limiting ---------------------------------------------------- */

/* Failures per key (account or source address) in a fixed window; a full
 * table evicts the entry least recently failed, so memory is bounded
 * whatever an attacker sends. */
typedef struct web_rl_entry {
    uint64_t hash;
    char key[72];
    int failures;
    int64_t window_start, last;
} web_rl_entry;

typedef struct web_ratelimit {
    pthread_mutex_t mu;
    web_rl_entry *e;
    size_t cap;
    int max_failures;
    int64_t window_us;
} web_ratelimit;

sw_code web_ratelimit_init(web_ratelimit *rl, size_t cap, int max_failures, int64_t window_us, sw_error *err);
void web_ratelimit_free(web_ratelimit *rl);
/* False when key is locked out; *retry_after_s then says for how long. */
bool web_ratelimit_check(web_ratelimit *rl, const char *key, int64_t now, int *retry_after_s);
void web_ratelimit_fail(web_ratelimit *rl, const char *key, int64_t now);
void web_ratelimit_clear(web_ratelimit *rl, const char *key);

#endif
