/* text.h - small text helpers the line-oriented parsers (SSH, FTP, Telnet,
 * VNC, RDP) share: untrusted bytes made into printable, bounded C strings. */
#ifndef SW_NET_PROTO_TEXT_H
#define SW_NET_PROTO_TEXT_H
#include <stddef.h>
#include <stdint.h>

/* Copies at most cap-1 bytes of src, each non-printable byte as '?'. */
static inline void proto_text_copy(char *dst, size_t cap, const void *src, size_t n)
{
    const uint8_t *s = src;
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++) dst[k++] = s[i] >= 0x20 && s[i] < 0x7f ? (char)s[i] : '?';
    if (cap) dst[k] = '\0';
}

/* Appends one byte as printable text when there is room (cap counts the NUL). */
static inline void proto_text_put(char *dst, uint8_t *len, size_t cap, uint8_t ch)
{
    if ((size_t)*len + 1 >= cap) return;
    dst[(*len)++] = ch >= 0x20 && ch < 0x7f ? (char)ch : '?';
    dst[*len] = '\0';
}

#endif
