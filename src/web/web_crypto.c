/* web_crypto.c - password hashing and the random secrets of sessions and
 * tokens, on libsodium (see web_auth.h for the choices). */
#include <sodium.h>
#include <string.h>
#include <strings.h>
#include "core/sha256.h"
#include "web/web_auth.h"

sw_code web_crypto_init(sw_error *err)
{
    if (sodium_init() < 0) return sw_fail(err, SW_ERR_IO, "libsodium could not initialise");
    return SW_OK;
}

sw_code web_password_hash(const char *password, char out[WEB_PWHASH_STR], sw_error *err)
{
    if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return sw_fail(err, SW_ERR_NOMEM, "password hashing ran out of memory");
    return SW_OK;
}

bool web_password_verify(const char *stored_hash, const char *password)
{
    if (!stored_hash || !*stored_hash) return false;
    return crypto_pwhash_str_verify(stored_hash, password, strlen(password)) == 0;
}

static char burn_hash[WEB_PWHASH_STR];
static pthread_once_t burn_once = PTHREAD_ONCE_INIT;

static void make_burn_hash(void)
{
    if (crypto_pwhash_str(burn_hash, "seawall-timing-equaliser", 24, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        burn_hash[0] = '\0';
}

void web_password_burn(const char *password)
{
    pthread_once(&burn_once, make_burn_hash);
    if (!burn_hash[0]) return;
    int wasted = crypto_pwhash_str_verify(burn_hash, password, strlen(password));
    (void)wasted;
}

sw_code web_password_policy(const char *password, const char *username, sw_error *err)
{
    size_t n = strlen(password);
    if (n < WEB_PASSWORD_MIN)
        return sw_fail(err, SW_ERR_INVALID, "the password must be at least %d characters", WEB_PASSWORD_MIN);
    if (n > WEB_PASSWORD_MAX)
        return sw_fail(err, SW_ERR_INVALID, "the password must be at most %d bytes", WEB_PASSWORD_MAX);
    if (username && strcasecmp(password, username) == 0)
        return sw_fail(err, SW_ERR_INVALID, "the password must not be the username");
    size_t same = 1;
    for (size_t i = 1; i < n; i++) same += password[i] == password[0];
    if (same == n) return sw_fail(err, SW_ERR_INVALID, "the password must not repeat one character");
    return SW_OK;
}

void web_random_token(char *out, size_t cap, size_t nbytes)
{
    unsigned char raw[64];
    if (nbytes > sizeof raw) nbytes = sizeof raw;
    randombytes_buf(raw, nbytes);
    sodium_bin2base64(out, cap, raw, nbytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
}

void web_random_password(char *out, size_t cap)
{
    static const char alphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    size_t n = cap - 1 < 20 ? cap - 1 : 20;
    for (size_t i = 0; i < n; i++) out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
    out[n] = '\0';
}

void web_secret_hash(const char *secret, char out[65])
{
    sha256_hex(secret, strlen(secret), out);
}

void web_sha256_base64(const void *data, size_t n, char out[45])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, data, n);
    sodium_bin2base64(out, 45, h, sizeof h, sodium_base64_VARIANT_ORIGINAL);
}

bool web_const_eq(const char *a, const char *b)
{
    if (!a || !b) return false;
    size_t n = strlen(a);
    if (n != strlen(b) || n == 0) return false;
    return sodium_memcmp(a, b, n) == 0;
}
