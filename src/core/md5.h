/* md5.h - MD5 (RFC 1321), one shot. Only for fingerprints whose published
 * form is an MD5 (TLS JA3): never for anything that needs collision resistance. */
#ifndef SW_MD5_H
#define SW_MD5_H
#include <stddef.h>
#include <stdint.h>

#define MD5_LEN 16
#define MD5_HEX_LEN 33      /* 32 hex digits and the NUL */

void md5(const void *data, size_t len, uint8_t out[MD5_LEN]);
void md5_hex(const void *data, size_t len, char out[MD5_HEX_LEN]);

#endif
