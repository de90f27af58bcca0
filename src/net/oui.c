/* oui.c - MAC prefix to vendor: a binary search of the compiled table for
 * the /36, /28 and /24 block holding the address, most specific first, so
 * a block the IEEE sub-assigned names its holder, not the IEEE. */
#include "net/oui.h"
#include <string.h>
#include "net/oui_table.h"

oui_kind oui_kind_of(const uint8_t mac[6])
{
    if (mac[0] & 0x01) return OUI_GROUP;
    if (mac[0] & 0x02) return OUI_LOCAL;
    return OUI_ASSIGNED;
}

static int entry_cmp(const oui_entry *e, uint64_t prefix, uint8_t bits)
{
    if (e->prefix != prefix) return e->prefix < prefix ? -1 : 1;
    return e->bits == bits ? 0 : e->bits < bits ? -1 : 1;
}

static const char *find(uint64_t prefix, uint8_t bits)
{
    size_t lo = 0, hi = oui_table_len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = entry_cmp(&oui_table[mid], prefix, bits);
        if (c == 0) return oui_table[mid].vendor;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

const char *oui_vendor(const uint8_t mac[6])
{
    if (oui_kind_of(mac) != OUI_ASSIGNED) return NULL;
    uint64_t a = 0;
    for (int i = 0; i < 6; i++) a = a << 8 | mac[i];
    static const uint8_t lengths[] = { 36, 28, 24 };
    for (size_t i = 0; i < sizeof lengths; i++) {
        uint64_t mask = ~UINT64_C(0) << (48 - lengths[i]) & UINT64_C(0xffffffffffff);
        const char *v = find(a & mask, lengths[i]);
        if (v) return v;
    }
    return NULL;
}

const char *oui_describe(const uint8_t mac[6])
{
    static const uint8_t broadcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, zero[6] = { 0 };
    /* An all-zero source is what loopback and some tunnels put there: no interface, not Xerox. */
    if (memcmp(mac, zero, 6) == 0) return NULL;
    switch (oui_kind_of(mac)) {
    case OUI_GROUP: return memcmp(mac, broadcast, 6) == 0 ? "broadcast" : "multicast";
    case OUI_LOCAL: return "locally administered";
    default: return oui_vendor(mac);
    }
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

const char *oui_describe_text(const char *text)
{
    if (!text || strlen(text) != 17) return NULL;
    uint8_t mac[6];
    for (int i = 0; i < 6; i++) {
        int hi = hex_digit(text[3 * i]), lo = hex_digit(text[3 * i + 1]);
        char sep = text[3 * i + 2];
        if (hi < 0 || lo < 0 || (i < 5 && sep != ':' && sep != '-')) return NULL;
        mac[i] = (uint8_t)(hi << 4 | lo);
    }
    return oui_describe(mac);
}

bool oui_table_ordered(void)
{
    for (size_t i = 1; i < oui_table_len; i++) {
        if (entry_cmp(&oui_table[i - 1], oui_table[i].prefix, oui_table[i].bits) >= 0) return false;
        if (oui_table[i].prefix & ~(~UINT64_C(0) << (48 - oui_table[i].bits))) return false;
    }
    return oui_table_len > 0;
}
