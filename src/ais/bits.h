/* bits.h - AIS six-bit payload armouring and a bounds-checked bit reader.
 * The payload characters of !xxVDM sentences are de-armoured into a bit
 * buffer; every field of a message is then read through ais_bits_u/_s,
 * which return 0 for bits past the buffer and set a sticky flag when a read
 * goes past the message's valid bit length. */
#ifndef SW_AIS_BITS_H
#define SW_AIS_BITS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Longest assembled payload accepted, in bits (gpsd uses the same bound;
 * ITU-R M.1371 messages are at most 1008 bits, five slots). */
#define AIS_BITS_MAX 2040

typedef struct ais_bits {
    /* +8 bytes of zero tail so a 64-bit window never leaves the array. */
    uint8_t data[AIS_BITS_MAX / 8 + 16];
    unsigned nbits;     /* valid message bits (armoured bits minus fill) */
    unsigned abits;     /* bits armoured so far, including fill bits */
    bool overrun;       /* sticky: a read went past nbits */
} ais_bits;

/* Six-bit value of an armoured payload character, or -1 if the character
 * is outside the armouring alphabet ('0'..'W', '`'..'w'). */
int ais_armour_value(unsigned char c);
/* Six-bit value of a text character (ITU-R M.1371 Table 47), as ASCII. */
char ais_sixbit_char(unsigned v);

void ais_bits_reset(ais_bits *b);
/* Appends n armoured characters then drops `fill` trailing bits. Returns
 * false (and leaves b unchanged) on an invalid character, a fill over 5,
 * or if the result would exceed AIS_BITS_MAX. */
bool ais_bits_append(ais_bits *b, const char *payload, size_t n, unsigned fill);
/* Loads raw bytes (for tests and fuzzing): nbits bits from bytes. */
void ais_bits_load(ais_bits *b, const uint8_t *bytes, unsigned nbits);

/* Field of width 1..56 at bit start without touching the overrun flag.
 * Bits past the armoured data read as 0 (data has a 16-byte zero tail and
 * bytes past abits are kept zero), like gpsd's zeroed buffer. */
static inline uint64_t ais_bits_peek(const ais_bits *b, unsigned start, unsigned width)
{
    if (width == 0 || width > 56 || start >= b->abits) return 0;
    unsigned byte = start / 8;
    if (byte + 8 > sizeof b->data) return 0;
    const uint8_t *p = b->data + byte;
    uint64_t w = (uint64_t)p[0] << 56 | (uint64_t)p[1] << 48 | (uint64_t)p[2] << 40 |
                 (uint64_t)p[3] << 32 | (uint64_t)p[4] << 24 | (uint64_t)p[5] << 16 |
                 (uint64_t)p[6] << 8 | (uint64_t)p[7];
    return (w << (start % 8)) >> (64 - width);
}

/* Unsigned field of width 1..56 at bit start. Bits past the armoured data
 * read as 0; a read past nbits sets b->overrun. */
static inline uint64_t ais_bits_u(ais_bits *b, unsigned start, unsigned width)
{
    if ((uint64_t)start + width > b->nbits) b->overrun = true;
    return ais_bits_peek(b, start, width);
}
/* Two's-complement signed field. */
int64_t ais_bits_s(ais_bits *b, unsigned start, unsigned width);
/* Reads up to `count` six-bit characters at start into out (NUL-terminated,
 * out_size > count), stopping at the first '@' (the AIS text terminator),
 * then trims trailing spaces and '@'. Returns the length. Characters
 * entirely past nbits are not read. */
size_t ais_bits_text(ais_bits *b, unsigned start, unsigned count, char *out, size_t out_size);
/* Zeroes out[0..out_bytes) then copies the first nbits bits starting at
 * bit `start` into it, left-aligned (nbits is capped at 8*out_bytes).
 * Does not touch the overrun flag: binary payloads are copied as is. */
void ais_bits_copy(const ais_bits *b, unsigned start, unsigned nbits, uint8_t *out, size_t out_bytes);

/* A sequential cursor over a bit buffer, for callers that read fields in
 * order: each read advances, past-the-end reads give 0 and set `bad`. */
typedef struct ais_bitcur {
    ais_bits *b;
    unsigned pos;
    bool bad;
} ais_bitcur;

static inline ais_bitcur ais_bitcur_make(ais_bits *b, unsigned pos)
{
    ais_bitcur c = { b, pos, false };
    return c;
}
uint64_t ais_bitcur_u(ais_bitcur *c, unsigned width);
int64_t ais_bitcur_s(ais_bitcur *c, unsigned width);

#endif
