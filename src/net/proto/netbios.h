/* netbios.h - the NetBIOS name (RFC 1001 14.1, RFC 1002 4.1) as NBNS, the
 * datagram service and SMB's session request carry it: 16 bytes in
 * half-ASCII, shown as the 15-character name without its space padding
 * and the 16th byte as a type suffix, "FS-01<20>". */
#ifndef SW_NET_PROTO_NETBIOS_H
#define SW_NET_PROTO_NETBIOS_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "core/cursor.h"

#define NETBIOS_NAME_TEXT 64     /* 15 characters, each up to 4 as "\xhh", "<hh>" */

/* The printable form of 16 raw name bytes (cap >= NETBIOS_NAME_TEXT). */
static inline void netbios_name_text(const uint8_t name16[16], char *text, size_t cap)
{
    int end = 15;
    while (end > 0 && (name16[end - 1] == ' ' || name16[end - 1] == 0)) end--;   /* '*' is NUL-padded */
    size_t k = 0;
    for (int i = 0; i < end && k + 5 < cap; i++) {
        uint8_t ch = name16[i];
        if (ch >= 0x20 && ch < 0x7f && ch != '\\') text[k++] = (char)ch;
        else k += (size_t)snprintf(text + k, cap - k, "\\x%02x", ch);
    }
    if (k + 5 <= cap) snprintf(text + k, cap - k, "<%02x>", name16[15]);
    else text[k] = '\0';
}

/* The first-level-encoded name at the cursor: a 32-byte label of 'A'..'P'
 * pairs. Scope labels after it are skipped. name16 receives the 16 raw
 * bytes, text the printable form. False when not an encoded name. */
static inline bool netbios_read_name(cursor *c, uint8_t name16[16], char *text, size_t cap)
{
    if (cursor_u8(c) != 0x20) return false;
    for (int i = 0; i < 16; i++) {
        uint8_t hi = cursor_u8(c), lo = cursor_u8(c);
        if (hi < 'A' || hi > 'P' || lo < 'A' || lo > 'P') return false;
        name16[i] = (uint8_t)((hi - 'A') << 4 | (lo - 'A'));
    }
    for (int labels = 0;; labels++) {        /* scope id labels, then the root */
        uint8_t n = cursor_u8(c);
        if (!cursor_ok(c) || labels > 63) return false;
        if (n == 0) break;
        if (n > 63) return false;
        cursor_skip(c, n);
    }
    if (!cursor_ok(c)) return false;
    netbios_name_text(name16, text, cap);
    return true;
}

/* A host's own name: the registered or reported unique name of the
 * workstation (<00>) or server (<20>) service, as text without suffix. */
static inline bool netbios_host_name(const uint8_t name16[16], char *out, size_t cap)
{
    if (name16[15] != 0x00 && name16[15] != 0x20) return false;
    int end = 15;
    while (end > 0 && name16[end - 1] == ' ') end--;
    size_t k = 0;
    for (int i = 0; i < end && k + 1 < cap; i++) {
        uint8_t ch = name16[i];
        if (ch < 0x21 || ch >= 0x7f) return false;
        out[k++] = (char)ch;
    }
    out[k] = '\0';
    return k > 0;
}

#endif
