/* ipaddr.c - strict address, network and MAC parsing (see ipaddr.h). */
#include "core/ipaddr.h"
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ip_from_v4(ip_addr *out, uint32_t v)
{
    memset(out, 0, sizeof *out);
    out->b[10] = out->b[11] = 0xff;
    out->b[12] = (uint8_t)(v >> 24);
    out->b[13] = (uint8_t)(v >> 16);
    out->b[14] = (uint8_t)(v >> 8);
    out->b[15] = (uint8_t)v;
    out->v4 = true;
}

uint32_t ip_to_v4(const ip_addr *a)
{
    return (uint32_t)a->b[12] << 24 | (uint32_t)a->b[13] << 16 | (uint32_t)a->b[14] << 8 | a->b[15];
}

bool ip_parse(const char *s, ip_addr *out)
{
    struct in_addr v4;
    struct in6_addr v6;
    if (!s || strlen(s) >= IP_STR_MAX) return false;
    /* inet_pton accepts only dotted quads with 4 parts, no leading-zero octal. */
    if (inet_pton(AF_INET, s, &v4) == 1) {
        ip_from_v4(out, ntohl(v4.s_addr));
        return true;
    }
    if (inet_pton(AF_INET6, s, &v6) == 1) {
        memcpy(out->b, v6.s6_addr, 16);
        out->v4 = false;
        return true;
    }
    return false;
}

static void ip_mask(ip_addr *a, unsigned prefix_bits128)
{
    for (unsigned i = 0; i < 16; i++) {
        unsigned lo = i * 8;
        if (prefix_bits128 >= lo + 8) continue;
        if (prefix_bits128 <= lo) a->b[i] = 0;
        else a->b[i] &= (uint8_t)(0xff << (8 - (prefix_bits128 - lo)));
    }
}

static unsigned ip_bits128(const ip_net *n) { return n->addr.v4 ? 96u + n->prefix : n->prefix; }

bool ip_net_parse(const char *s, ip_net *out, bool allow_host_bits)
{
    char buf[64];
    size_t len = s ? strlen(s) : 0;
    if (len == 0 || len >= sizeof buf) return false;
    memcpy(buf, s, len + 1);
    char *slash = strchr(buf, '/');
    long prefix = -1;
    if (slash) {
        *slash = '\0';
        const char *p = slash + 1;
        if (*p == '\0' || strlen(p) > 3) return false;
        for (const char *q = p; *q; q++)
            if (*q < '0' || *q > '9') return false;
        if (p[0] == '0' && p[1]) return false;
        prefix = strtol(p, NULL, 10);
    }
    if (!ip_parse(buf, &out->addr)) return false;
    long max = out->addr.v4 ? 32 : 128;
    if (prefix < 0) prefix = max;
    if (prefix > max) return false;
    out->prefix = (uint8_t)prefix;
    ip_addr masked = out->addr;
    ip_mask(&masked, ip_bits128(out));
    if (!allow_host_bits && memcmp(masked.b, out->addr.b, 16) != 0) return false;
    out->addr = masked;
    return true;
}

bool ip_net_contains(const ip_net *n, const ip_addr *a)
{
    if (n->addr.v4 != a->v4) return false;
    ip_addr m = *a;
    ip_mask(&m, ip_bits128(n));
    return memcmp(m.b, n->addr.b, 16) == 0;
}

bool ip_net_overlaps(const ip_net *a, const ip_net *b)
{
    if (a->addr.v4 != b->addr.v4) return false;
    return a->prefix <= b->prefix ? ip_net_contains(a, &b->addr) : ip_net_contains(b, &a->addr);
}

int ip_cmp(const ip_addr *a, const ip_addr *b) { return memcmp(a->b, b->b, 16); }
bool ip_eq(const ip_addr *a, const ip_addr *b) { return memcmp(a->b, b->b, 16) == 0; }

/* Dotted quad by hand: the sensor formats two addresses per flow summary,
 * and snprintf costs some 1,500 instructions each. */
static char *put_octet(char *o, unsigned v)
{
    if (v >= 100) { *o++ = (char)('0' + v / 100); v %= 100; *o++ = (char)('0' + v / 10); }
    else if (v >= 10) *o++ = (char)('0' + v / 10);
    *o++ = (char)('0' + v % 10);
    return o;
}

const char *ip_fmt(const ip_addr *a, char buf[IP_STR_MAX])
{
    if (a->v4) {
        char *o = buf;
        for (int i = 12; i < 16; i++) {
            o = put_octet(o, a->b[i]);
            *o++ = i < 15 ? '.' : '\0';
        }
    } else if (!inet_ntop(AF_INET6, a->b, buf, IP_STR_MAX)) {
        buf[0] = '\0';
    }
    return buf;
}

const char *ip_net_fmt(const ip_net *n, char buf[IP_STR_MAX + 4])
{
    char a[IP_STR_MAX];
    snprintf(buf, IP_STR_MAX + 4, "%s/%u", ip_fmt(&n->addr, a), n->prefix);
    return buf;
}

uint64_t ip_net_size(const ip_net *n)
{
    unsigned host_bits = (n->addr.v4 ? 32u : 128u) - n->prefix;
    return host_bits >= 64 ? UINT64_MAX : (uint64_t)1 << host_bits;
}

void ip_net_nth(const ip_net *n, uint64_t i, ip_addr *out)
{
    *out = n->addr;
    for (int k = 15; k >= 0 && i; k--) {
        unsigned sum = out->b[k] + (unsigned)(i & 0xff);
        out->b[k] = (uint8_t)sum;
        i = (i >> 8) + (sum >> 8);
    }
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool mac_parse(const char *s, uint8_t out[6])
{
    if (!s || strlen(s) != 17) return false;
    char sep = s[2];
    if (sep != ':' && sep != '-') return false;
    for (int i = 0; i < 6; i++) {
        int hi = hexval(s[i * 3]), lo = hexval(s[i * 3 + 1]);
        if (hi < 0 || lo < 0) return false;
        if (i < 5 && s[i * 3 + 2] != sep) return false;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return true;
}

const char *mac_fmt(const uint8_t m[6], char buf[18])
{
    snprintf(buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
    return buf;
}
