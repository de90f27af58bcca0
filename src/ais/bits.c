/* bits.c - six-bit de-armouring and the bounds-checked AIS bit reader
 * (see bits.h). All message field reads in src/ais go through here. */
#include "ais/bits.h"
#include <string.h>

int ais_armour_value(unsigned char c)
{
    if (c >= '0' && c <= 'W') return c - '0';
    if (c >= '`' && c <= 'w') return c - '0' - 8;
    return -1;
}

char ais_sixbit_char(unsigned v)
{
    static const char table[65] =
        "@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !\"#$%&'()*+,-./0123456789:;<=>?";
    return table[v & 63];
}

void ais_bits_reset(ais_bits *b)
{
    /* Only the bytes that were written need clearing. */
    size_t used = (b->abits + 7) / 8;
    if (used > sizeof b->data) used = sizeof b->data;
    memset(b->data, 0, used);
    b->nbits = b->abits = 0;
    b->overrun = false;
}

/* Armour value of each byte, 0xff outside the alphabet. */
static const uint8_t armour_table[256] = {
#define R8(v) v, v + 1, v + 2, v + 3, v + 4, v + 5, v + 6, v + 7
    [0 ... 47] = 0xff,
    R8(0), R8(8), R8(16), R8(24), R8(32),          /* '0'..'W' */
    [88 ... 95] = 0xff,
    R8(40), R8(48), R8(56),                        /* '`'..'w' */
    [120 ... 255] = 0xff,
#undef R8
};

bool ais_bits_append(ais_bits *b, const char *payload, size_t n, unsigned fill)
{
    if (fill > 5) return false;
    /* Continue from the valid bits (a previous fragment's fill is dropped). */
    unsigned start = b->nbits;
    if (n > AIS_BITS_MAX / 6 || start + 6 * n > AIS_BITS_MAX) return false;
    if (6 * n < fill) return false;
    const uint8_t *in = (const uint8_t *)payload;
    uint8_t bad = 0;
    for (size_t i = 0; i < n; i++) bad |= armour_table[in[i]];
    if (bad == 0xff) return false;
    /* Clear anything a previous fragment's fill bits left past `start`. */
    if (b->abits > start) {
        unsigned byte = start / 8;
        b->data[byte] &= (uint8_t)(0xff << (8 - start % 8));
        if (start % 8 == 0) b->data[byte] = 0;
        size_t end = (b->abits + 7) / 8;
        if (end > byte + 1) memset(b->data + byte + 1, 0, end - byte - 1);
    }
    uint8_t *out = b->data + start / 8;
    uint32_t acc = 0;
    unsigned accbits = 0;
    if (start % 8) {
        acc = (uint32_t)(*out >> (8 - start % 8));
        accbits = start % 8;
    }
    size_t i = 0;
    if (accbits == 0) {
        /* Four characters make three bytes. */
        for (; i + 4 <= n; i += 4) {
            uint32_t v = (uint32_t)armour_table[in[i]] << 18 | (uint32_t)armour_table[in[i + 1]] << 12 |
                         (uint32_t)armour_table[in[i + 2]] << 6 | armour_table[in[i + 3]];
            out[0] = (uint8_t)(v >> 16);
            out[1] = (uint8_t)(v >> 8);
            out[2] = (uint8_t)v;
            out += 3;
        }
    }
    for (; i < n; i++) {
        acc = acc << 6 | armour_table[in[i]];
        accbits += 6;
        if (accbits >= 8) {
            accbits -= 8;
            *out++ = (uint8_t)(acc >> accbits);
            acc &= (1u << accbits) - 1;
        }
    }
    if (accbits) *out = (uint8_t)(acc << (8 - accbits));
    b->abits = start + 6 * (unsigned)n;
    b->nbits = b->abits - fill;
    return true;
}

void ais_bits_load(ais_bits *b, const uint8_t *bytes, unsigned nbits)
{
    memset(b, 0, sizeof *b);
    if (nbits > AIS_BITS_MAX) nbits = AIS_BITS_MAX;
    memcpy(b->data, bytes, (nbits + 7) / 8);
    if (nbits % 8) b->data[nbits / 8] &= (uint8_t)(0xff << (8 - nbits % 8));
    b->nbits = b->abits = nbits;
}

int64_t ais_bits_s(ais_bits *b, unsigned start, unsigned width)
{
    uint64_t v = ais_bits_u(b, start, width);
    if (width == 0 || width > 56) return 0;
    if (v & (1ull << (width - 1))) v |= ~0ull << (width - 1);
    return (int64_t)v;
}

size_t ais_bits_text(ais_bits *b, unsigned start, unsigned count, char *out, size_t out_size)
{
    if (out_size == 0) return 0;
    size_t n = 0;
    if (start < b->nbits) {
        if (count >= out_size) count = (unsigned)(out_size - 1);
        for (unsigned i = 0; i < count; i++) {
            char c = ais_sixbit_char((unsigned)ais_bits_u(b, start + 6 * i, 6));
            if (c == '@') break;
            out[n++] = c;
        }
    }
    while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '@')) n--;
    out[n] = '\0';
    return n;
}

void ais_bits_copy(const ais_bits *b, unsigned start, unsigned nbits, uint8_t *out, size_t out_bytes)
{
    memset(out, 0, out_bytes);
    if ((size_t)nbits > out_bytes * 8) nbits = (unsigned)(out_bytes * 8);
    unsigned i = 0;
    for (; i + 8 <= nbits; i += 8) out[i / 8] = (uint8_t)ais_bits_peek(b, start + i, 8);
    if (i < nbits) {
        unsigned rest = nbits - i;
        out[i / 8] = (uint8_t)(ais_bits_peek(b, start + i, rest) << (8 - rest));
    }
}

uint64_t ais_bitcur_u(ais_bitcur *c, unsigned width)
{
    if ((uint64_t)c->pos + width > c->b->nbits) c->bad = true;
    uint64_t v = c->bad ? 0 : ais_bits_u(c->b, c->pos, width);
    c->pos += width;
    return v;
}

int64_t ais_bitcur_s(ais_bitcur *c, unsigned width)
{
    if ((uint64_t)c->pos + width > c->b->nbits) c->bad = true;
    int64_t v = c->bad ? 0 : ais_bits_s(c->b, c->pos, width);
    c->pos += width;
    return v;
}
