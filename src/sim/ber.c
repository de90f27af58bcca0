/* ber.c - the simulator's BER writer (see ber.h). */
#include "sim/ber.h"
#include <stdlib.h>
#include <string.h>

size_t sim_ber_open(sim_buf *b, uint8_t tag)
{
    sim_buf_u8(b, tag);
    sim_buf_u8(b, 0);
    return b->len;
}

/* The length was written as one byte; contents over 127 bytes move up to
 * make room for the long form. */
void sim_ber_close(sim_buf *b, size_t content_at)
{
    if (b->oom || content_at > b->len) return;
    size_t n = b->len - content_at;
    if (n < 128) { b->p[content_at - 1] = (uint8_t)n; return; }
    size_t extra = n < 256 ? 1 : 2;
    if (!sim_buf_reserve(b, extra)) return;
    memmove(b->p + content_at + extra, b->p + content_at, n);
    b->p[content_at - 1] = (uint8_t)(0x80 | extra);
    if (extra == 1) b->p[content_at] = (uint8_t)n;
    else { b->p[content_at] = (uint8_t)(n >> 8); b->p[content_at + 1] = (uint8_t)n; }
    b->len += extra;
}

void sim_ber_string(sim_buf *b, uint8_t tag, const char *s)
{
    size_t at = sim_ber_open(b, tag);
    sim_buf_puts(b, s);
    sim_ber_close(b, at);
}

void sim_ber_small_int(sim_buf *b, uint8_t tag, uint8_t v)
{
    sim_buf_u8(b, tag);
    if (v < 128) { sim_buf_u8(b, 1); sim_buf_u8(b, v); }
    else { sim_buf_u8(b, 2); sim_buf_u8(b, 0); sim_buf_u8(b, v); }
}

/* Minimal two's complement of a non-negative value: a leading zero octet
 * when the top bit would read as a sign. */
void sim_ber_uint(sim_buf *b, uint8_t tag, uint32_t v)
{
    uint8_t o[5];
    int n = 0;
    do { o[n++] = (uint8_t)v; v >>= 8; } while (v);
    if (o[n - 1] & 0x80) o[n++] = 0;
    sim_buf_u8(b, tag);
    sim_buf_u8(b, (uint8_t)n);
    while (n) sim_buf_u8(b, o[--n]);
}

void sim_ber_oid(sim_buf *b, const char *dotted)
{
    size_t at = sim_ber_open(b, 0x06);
    unsigned long arcs[32];
    size_t n = 0;
    for (const char *s = dotted; *s && n < 32;) {
        char *end;
        arcs[n++] = strtoul(s, &end, 10);
        s = *end == '.' ? end + 1 : end + (*end != '\0');
    }
    if (n >= 2) {
        sim_buf_u8(b, (uint8_t)(arcs[0] * 40 + arcs[1]));
        for (size_t i = 2; i < n; i++) {
            uint8_t g[5];
            int k = 0;
            unsigned long v = arcs[i];
            do { g[k++] = (uint8_t)(v & 0x7f); v >>= 7; } while (v && k < 5);
            while (k > 1) sim_buf_u8(b, g[--k] | 0x80);
            sim_buf_u8(b, g[0]);
        }
    }
    sim_ber_close(b, at);
}
