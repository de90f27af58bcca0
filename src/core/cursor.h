/* cursor.h - bounds-checked reads over untrusted bytes.
 * Every parser reads through a cursor: a read past the end sets the sticky
 * `bad` flag and yields zero, so a parser checks once at the end of a
 * structure instead of before every field, and can never read out of bounds. */
#ifndef SW_CURSOR_H
#define SW_CURSOR_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct cursor {
    const uint8_t *data;
    size_t len, pos;
    bool bad;
} cursor;

static inline cursor cursor_make(const void *data, size_t len)
{
    cursor c = { (const uint8_t *)data, len, 0, false };
    return c;
}
static inline size_t cursor_left(const cursor *c) { return c->bad ? 0 : c->len - c->pos; }
static inline bool cursor_has(const cursor *c, size_t n) { return !c->bad && c->len - c->pos >= n; }
static inline bool cursor_ok(const cursor *c) { return !c->bad; }
static inline const uint8_t *cursor_ptr(const cursor *c) { return c->data + c->pos; }

static inline bool cursor_need(cursor *c, size_t n)
{
    if (cursor_has(c, n)) return true;
    c->bad = true;
    return false;
}
static inline void cursor_skip(cursor *c, size_t n) { if (cursor_need(c, n)) c->pos += n; }
static inline uint8_t cursor_u8(cursor *c)
{
    return cursor_need(c, 1) ? c->data[c->pos++] : 0;
}
static inline uint16_t cursor_be16(cursor *c)
{
    if (!cursor_need(c, 2)) return 0;
    uint16_t v = (uint16_t)(c->data[c->pos] << 8 | c->data[c->pos + 1]);
    c->pos += 2;
    return v;
}
static inline uint16_t cursor_le16(cursor *c)
{
    if (!cursor_need(c, 2)) return 0;
    uint16_t v = (uint16_t)(c->data[c->pos + 1] << 8 | c->data[c->pos]);
    c->pos += 2;
    return v;
}
static inline uint32_t cursor_be32(cursor *c)
{
    if (!cursor_need(c, 4)) return 0;
    const uint8_t *p = c->data + c->pos;
    c->pos += 4;
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static inline uint32_t cursor_le32(cursor *c)
{
    if (!cursor_need(c, 4)) return 0;
    const uint8_t *p = c->data + c->pos;
    c->pos += 4;
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}
static inline uint64_t cursor_be64(cursor *c)
{
    uint64_t hi = cursor_be32(c);
    return hi << 32 | cursor_be32(c);
}
static inline uint64_t cursor_le64(cursor *c)
{
    uint64_t lo = cursor_le32(c);
    return lo | (uint64_t)cursor_le32(c) << 32;
}
/* Copies n bytes out; on a short read copies nothing and marks bad. */
static inline bool cursor_copy(cursor *c, void *out, size_t n)
{
    if (!cursor_need(c, n)) return false;
    memcpy(out, c->data + c->pos, n);
    c->pos += n;
    return true;
}
/* A sub-cursor over the next n bytes, advancing this one past them. */
static inline cursor cursor_sub(cursor *c, size_t n)
{
    if (!cursor_need(c, n)) { cursor bad = { NULL, 0, 0, true }; return bad; }
    cursor s = cursor_make(c->data + c->pos, n);
    c->pos += n;
    return s;
}
static inline uint8_t cursor_peek_u8(const cursor *c, size_t off)
{
    return (!c->bad && c->len - c->pos > off) ? c->data[c->pos + off] : 0;
}

#endif
