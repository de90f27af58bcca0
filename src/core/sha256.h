/* sha256.h - SHA-256 (FIPS 180-4), streaming. The store records the hash of
 * the port.yaml it loaded and fingerprints model objects to see what changed. */
#ifndef SW_SHA256_H
#define SW_SHA256_H
#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN 32
#define SHA256_HEX_LEN 65   /* 64 hex digits and the NUL */

typedef struct sha256_ctx {
    uint32_t h[8];
    uint64_t bytes;         /* message length so far */
    uint8_t block[64];
    size_t fill;            /* bytes waiting in block */
} sha256_ctx;

void sha256_init(sha256_ctx *c);
void sha256_update(sha256_ctx *c, const void *data, size_t len);
void sha256_final(sha256_ctx *c, uint8_t out[SHA256_LEN]);
/* One shot, into lowercase hex. */
void sha256_hex(const void *data, size_t len, char out[SHA256_HEX_LEN]);
void sha256_to_hex(const uint8_t digest[SHA256_LEN], char out[SHA256_HEX_LEN]);

#endif
