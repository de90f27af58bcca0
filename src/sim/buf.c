/* buf.c - growable message buffer (see buf.h). */
#include "sim/buf.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Largest message a profile may build: bounds memory if a builder misbehaves. */
#define SIM_BUF_LIMIT (1u << 20)

void sim_buf_free(sim_buf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

bool sim_buf_reserve(sim_buf *b, size_t n)
{
    if (b->oom) return false;
    if (b->len + n <= b->cap) return true;
    if (b->len + n > SIM_BUF_LIMIT) { b->oom = true; return false; }
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n) cap *= 2;
    uint8_t *p = realloc(b->p, cap);
    if (!p) { b->oom = true; return false; }
    b->p = p;
    b->cap = cap;
    return true;
}

void sim_buf_put(sim_buf *b, const void *data, size_t n)
{
    if (n && sim_buf_reserve(b, n)) { memcpy(b->p + b->len, data, n); b->len += n; }
}

void sim_buf_puts(sim_buf *b, const char *s) { sim_buf_put(b, s, strlen(s)); }

void sim_buf_printf(sim_buf *b, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    sim_buf_put(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

void sim_buf_zero(sim_buf *b, size_t n)
{
    if (n && sim_buf_reserve(b, n)) { memset(b->p + b->len, 0, n); b->len += n; }
}

void sim_buf_random(sim_buf *b, prng *r, size_t n)
{
    if (!n || !sim_buf_reserve(b, n)) return;
    uint8_t *p = b->p + b->len;
    for (size_t i = 0; i < n; i += 8) {
        uint64_t x = prng_next(r);
        for (size_t k = 0; k < 8 && i + k < n; k++) p[i + k] = (uint8_t)(x >> (8 * k));
    }
    b->len += n;
}

void sim_buf_u8(sim_buf *b, uint8_t v) { sim_buf_put(b, &v, 1); }
void sim_buf_be16(sim_buf *b, uint16_t v) { uint8_t x[2] = { (uint8_t)(v >> 8), (uint8_t)v }; sim_buf_put(b, x, 2); }
void sim_buf_be24(sim_buf *b, uint32_t v)
{
    uint8_t x[3] = { (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v };
    sim_buf_put(b, x, 3);
}
void sim_buf_be32(sim_buf *b, uint32_t v)
{
    uint8_t x[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v };
    sim_buf_put(b, x, 4);
}
void sim_buf_le16(sim_buf *b, uint16_t v) { uint8_t x[2] = { (uint8_t)v, (uint8_t)(v >> 8) }; sim_buf_put(b, x, 2); }
void sim_buf_le32(sim_buf *b, uint32_t v)
{
    uint8_t x[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };
    sim_buf_put(b, x, 4);
}
void sim_buf_le_float(sim_buf *b, float v)
{
    uint32_t u;
    memcpy(&u, &v, 4);
    sim_buf_le32(b, u);
}

void sim_buf_set_u8(sim_buf *b, size_t off, uint8_t v) { if (off < b->len) b->p[off] = v; }
void sim_buf_set_be16(sim_buf *b, size_t off, uint16_t v)
{
    if (off + 2 <= b->len) { b->p[off] = (uint8_t)(v >> 8); b->p[off + 1] = (uint8_t)v; }
}
void sim_buf_set_be24(sim_buf *b, size_t off, uint32_t v)
{
    if (off + 3 <= b->len) { b->p[off] = (uint8_t)(v >> 16); b->p[off + 1] = (uint8_t)(v >> 8); b->p[off + 2] = (uint8_t)v; }
}
void sim_buf_set_le16(sim_buf *b, size_t off, uint16_t v)
{
    if (off + 2 <= b->len) { b->p[off] = (uint8_t)v; b->p[off + 1] = (uint8_t)(v >> 8); }
}

void sim_base64(const char *in, char *out, size_t cap)
{
    static const char tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t n = strlen(in), o = 0;
    for (size_t i = 0; i < n && o + 5 < cap; i += 3) {
        uint32_t v = (uint32_t)(uint8_t)in[i] << 16;
        if (i + 1 < n) v |= (uint32_t)(uint8_t)in[i + 1] << 8;
        if (i + 2 < n) v |= (uint8_t)in[i + 2];
        out[o++] = tbl[v >> 18 & 63];
        out[o++] = tbl[v >> 12 & 63];
        out[o++] = i + 1 < n ? tbl[v >> 6 & 63] : '=';
        out[o++] = i + 2 < n ? tbl[v & 63] : '=';
    }
    out[o] = '\0';
}
