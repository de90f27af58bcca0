/* buf.h - a growable byte buffer that protocol builders write messages
 * into. Each session keeps one and reuses it, so steady-state generation
 * does not allocate; big-endian and little-endian writers match the specs. */
#ifndef SW_SIM_BUF_H
#define SW_SIM_BUF_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/prng.h"

typedef struct sim_buf {
    uint8_t *p;
    size_t len, cap;
    bool oom;              /* sticky: a write was dropped */
} sim_buf;

void sim_buf_free(sim_buf *b);
/* Makes room for n more bytes; false (and oom set) when it cannot. */
bool sim_buf_reserve(sim_buf *b, size_t n);
void sim_buf_put(sim_buf *b, const void *data, size_t n);
void sim_buf_puts(sim_buf *b, const char *s);                 /* without the NUL */
void sim_buf_printf(sim_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sim_buf_zero(sim_buf *b, size_t n);
void sim_buf_random(sim_buf *b, prng *r, size_t n);
void sim_buf_u8(sim_buf *b, uint8_t v);
void sim_buf_be16(sim_buf *b, uint16_t v);
void sim_buf_be24(sim_buf *b, uint32_t v);
void sim_buf_be32(sim_buf *b, uint32_t v);
void sim_buf_le16(sim_buf *b, uint16_t v);
void sim_buf_le32(sim_buf *b, uint32_t v);
void sim_buf_le_float(sim_buf *b, float v);                   /* IEEE 754 single, little-endian */
/* The base64 (RFC 4648) of a C string into out (NUL-terminated, cut to cap). */
void sim_base64(const char *in, char *out, size_t cap);
/* Back-patches a length field once the bytes after it are written. */
void sim_buf_set_u8(sim_buf *b, size_t off, uint8_t v);
void sim_buf_set_be16(sim_buf *b, size_t off, uint16_t v);
void sim_buf_set_be24(sim_buf *b, size_t off, uint32_t v);
void sim_buf_set_le16(sim_buf *b, size_t off, uint16_t v);

#endif
