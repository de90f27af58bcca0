/* intel_table.c - indicator normal forms and the match table: one
 * open-addressing index over domains, URLs and (prefix, network) keys,
 * built once; a name is looked up suffix by suffix and an address prefix
 * length by prefix length, longest first, without allocating. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/arena.h"
#include "core/cursor.h"
#include "detect/detect_internal.h"
#include "detect/intel.h"

static const char *const type_names[IOC__COUNT] = { "domain-name", "ipv4-addr", "ipv6-addr", "url" };

const char *detect_ioc_type_name(detect_ioc_type t) { return (unsigned)t < IOC__COUNT ? type_names[t] : "?"; }

bool detect_ioc_type_parse(const char *s, detect_ioc_type *out)
{
    for (int i = 0; i < IOC__COUNT; i++)
        if (!strcmp(s, type_names[i])) { *out = (detect_ioc_type)i; return true; }
    return false;
}

/* --- normal forms ------------------------------------------------------------ */

static bool host_char(uint8_t c) { return isalnum(c) || c == '-' || c == '_'; }

/* Lower-cased, validated domain of n bytes into out (cap >= 254). */
static bool norm_domain(const char *in, size_t n, char *out, bool need_two_labels, const char **why)
{
    if (n >= 2 && in[0] == '*' && in[1] == '.') { in += 2; n -= 2; }
    if (n && in[n - 1] == '.') n--;
    if (n == 0) { *why = "empty name"; return false; }
    if (n > 253) { *why = "a domain name is at most 253 bytes"; return false; }
    cursor c = cursor_make(in, n);
    size_t len = 0, label = 0, labels = 1;
    bool digits_only = true;
    while (cursor_left(&c)) {
        uint8_t ch = cursor_u8(&c);
        if (ch == '.') {
            if (!label) { *why = "empty label in a domain name"; return false; }
            labels++;
            label = 0;
            digits_only = true;
        } else if (host_char(ch)) {
            if (++label > 63) { *why = "a domain label is at most 63 bytes"; return false; }
            if (!isdigit(ch)) digits_only = false;
            ch = (uint8_t)tolower(ch);
        } else {
            *why = "a domain name holds only letters, digits, '-', '_' and dots";
            return false;
        }
        out[len++] = (char)ch;
    }
    out[len] = '\0';
    if (!label) { *why = "empty label in a domain name"; return false; }
    if (digits_only) { *why = "not a domain name (the last label is a number) nor an address"; return false; }
    if (need_two_labels && labels < 2) {
        *why = "a single label would match a whole top-level domain; give at least two labels";
        return false;
    }
    return true;
}

static bool norm_address(detect_ioc_type *type, const char *in, size_t n, char *out, const char **why)
{
    char buf[IP_STR_MAX + 8];
    if (n >= sizeof buf) { *why = "not an address"; return false; }
    memcpy(buf, in, n);
    buf[n] = '\0';
    ip_net net;
    if (!ip_net_parse(buf, &net, false)) {
        *why = ip_net_parse(buf, &net, true) ? "network with host bits set (write it as its network address)"
                                             : "not an address or network";
        return false;
    }
    *type = net.addr.v4 ? IOC_IPV4 : IOC_IPV6;
    if (net.prefix == (net.addr.v4 ? 32 : 128)) ip_fmt(&net.addr, out);
    else {
        char nb[IP_STR_MAX + 4];
        snprintf(out, DETECT_IOC_MAX, "%s", ip_net_fmt(&net, nb));
    }
    return true;
}

static bool norm_url(const char *in, size_t n, char *out, const char **why)
{
    cursor c = cursor_make(in, n);
    size_t len = 0;
    /* scheme */
    while (cursor_left(&c)) {
        uint8_t ch = *cursor_ptr(&c);
        if (!(isalnum(ch) || ch == '+' || ch == '-' || ch == '.')) break;
        cursor_skip(&c, 1);
        if (len < 16) out[len] = (char)tolower(ch);
        len++;
    }
    if (!len || len > 16 || !isalpha((uint8_t)out[0]) || cursor_left(&c) < 3 || memcmp(cursor_ptr(&c), "://", 3)) {
        *why = "a URL starts with a scheme and '://'";
        return false;
    }
    cursor_skip(&c, 3);
    char scheme[17];
    memcpy(scheme, out, len);
    scheme[len] = '\0';
    memcpy(out + len, "://", 3);
    len += 3;
    /* authority: userinfo dropped, host lower-cased, default port dropped */
    size_t auth = 0;
    while (auth < cursor_left(&c) && !strchr("/?#", cursor_ptr(&c)[auth])) auth++;
    const char *a = (const char *)cursor_ptr(&c);
    const char *at = memchr(a, '@', auth);
    size_t skip = at ? (size_t)(at - a) + 1 : 0;
    const char *host = a + skip;
    size_t hn = auth - skip, port_at = hn;
    if (hn && host[0] == '[') {
        const char *close = memchr(host, ']', hn);
        if (!close) { *why = "unclosed '[' in a URL host"; return false; }
        port_at = (size_t)(close - host) + 1;
    } else {
        const char *colon = memchr(host, ':', hn);
        if (colon) port_at = (size_t)(colon - host);
    }
    if (!port_at) { *why = "a URL needs a host"; return false; }
    char hbuf[256];
    if (host[0] == '[') {
        detect_ioc_type t;
        if (port_at - 2 >= sizeof hbuf || !norm_address(&t, host + 1, port_at - 2, hbuf, why) || t != IOC_IPV6) {
            *why = "bad IPv6 address in a URL host";
            return false;
        }
        snprintf(out + len, DETECT_IOC_MAX - len, "[%s]", hbuf);
        len += strlen(out + len);
    } else {
        if (!norm_domain(host, port_at, hbuf, false, why)) {
            detect_ioc_type t;
            if (!norm_address(&t, host, port_at, hbuf, why) || t != IOC_IPV4) { *why = "bad URL host"; return false; }
        }
        size_t hl = strlen(hbuf);
        memcpy(out + len, hbuf, hl);
        len += hl;
    }
    if (port_at < hn) {
        if (host[port_at] != ':') { *why = "bad URL host"; return false; }
        const char *p = host + port_at + 1;
        size_t pn = hn - port_at - 1;
        unsigned port = 0;
        if (!pn || pn > 5) { *why = "bad port in a URL"; return false; }
        for (size_t i = 0; i < pn; i++) {
            if (!isdigit((uint8_t)p[i])) { *why = "bad port in a URL"; return false; }
            port = port * 10 + (unsigned)(p[i] - '0');
        }
        if (!port || port > 65535) { *why = "bad port in a URL"; return false; }
        bool dflt = (port == 80 && !strcmp(scheme, "http")) || (port == 443 && !strcmp(scheme, "https"));
        if (!dflt) len += (size_t)snprintf(out + len, DETECT_IOC_MAX - len, ":%u", port);
    }
    cursor_skip(&c, auth);
    /* path and query, fragment dropped */
    if (!cursor_left(&c) || *cursor_ptr(&c) != '/') out[len++] = '/';
    while (cursor_left(&c)) {
        uint8_t ch = cursor_u8(&c);
        if (ch == '#') break;
        if (ch <= 0x20 || ch >= 0x7f) { *why = "a URL holds only printable ASCII (percent-encode the rest)"; return false; }
        if (len + 1 >= DETECT_IOC_MAX) { *why = "URL too long"; return false; }
        out[len++] = (char)ch;
    }
    out[len] = '\0';
    return true;
}

bool detect_ioc_normalise(detect_ioc_type *type, const char *in, size_t n, char out[DETECT_IOC_MAX], const char **why)
{
    static const char *ignored;
    if (!why) why = &ignored;
    out[0] = '\0';
    if (n + 1 > DETECT_IOC_MAX) { *why = "longer than 2047 bytes"; return false; }
    switch (*type) {
    case IOC_DOMAIN: return norm_domain(in, n, out, true, why);
    case IOC_IPV4:
    case IOC_IPV6: {
        detect_ioc_type t;
        if (!norm_address(&t, in, n, out, why)) return false;
        if (t != *type) { *why = *type == IOC_IPV4 ? "an IPv6 address given as ipv4-addr" : "an IPv4 address given as ipv6-addr"; return false; }
        return true;
    }
    case IOC_URL: return norm_url(in, n, out, why);
    default: *why = "unknown indicator type"; return false;
    }
}

/* --- the table ----------------------------------------------------------------- */

typedef struct intel_entry {
    detect_indicator ind;
    ip_net net;                  /* addresses */
} intel_entry;

typedef struct intel_slot {
    uint64_t key;
    uint32_t idx;                /* entry index + 1; 0: empty */
} intel_slot;

struct detect_intel {
    intel_entry *entries;
    size_t n, cap;
    intel_slot *slots;
    uint32_t mask;
    arena strings;
    uint8_t v4_len[33], n_v4;    /* prefix lengths in use, longest first */
    uint8_t v6_len[129], n_v6;
};

detect_intel *detect_intel_create(size_t capacity)
{
    if (capacity < 16) capacity = 16;
    if (capacity > (1u << 28)) return NULL;
    detect_intel *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    size_t slots = 32;
    while (slots < capacity * 2) slots <<= 1;
    t->entries = calloc(capacity, sizeof *t->entries);
    t->slots = calloc(slots, sizeof *t->slots);
    if (!t->entries || !t->slots) { free(t->entries); free(t->slots); free(t); return NULL; }
    t->cap = capacity;
    t->mask = (uint32_t)(slots - 1);
    arena_init(&t->strings, 64 * 1024);
    return t;
}

void detect_intel_destroy(detect_intel *t)
{
    if (!t) return;
    arena_free(&t->strings);
    free(t->entries);
    free(t->slots);
    free(t);
}

size_t detect_intel_count(const detect_intel *t) { return t->n; }

size_t detect_intel_memory(const detect_intel *t)
{
    return sizeof *t + t->cap * sizeof *t->entries + ((size_t)t->mask + 1) * sizeof *t->slots + t->strings.total;
}

static uint64_t text_key(detect_ioc_type type, const char *s, size_t n)
{
    uint64_t k = detect_hash_bytes(s, n, 0x1c0 + (uint64_t)type);
    return k ? k : 1;
}

/* The address with every bit past the prefix cleared. */
static void mask_addr(const ip_addr *a, unsigned prefix, ip_addr *out)
{
    *out = *a;
    unsigned bits = (a->v4 ? 96 : 0) + prefix;
    for (unsigned i = 0; i < 16; i++) {
        unsigned lo = i * 8;
        if (bits >= lo + 8) continue;
        out->b[i] = bits <= lo ? 0 : (uint8_t)(out->b[i] & (0xff00 >> (bits - lo)));
    }
}

static uint64_t net_key(const ip_addr *masked, unsigned prefix)
{
    uint8_t buf[18];
    memcpy(buf, masked->b, 16);
    buf[16] = (uint8_t)prefix;
    buf[17] = masked->v4;
    uint64_t k = detect_hash_bytes(buf, sizeof buf, 0x1e7);
    return k ? k : 1;
}

static void note_prefix(uint8_t *lens, uint8_t *n, uint8_t prefix)
{
    for (uint8_t i = 0; i < *n; i++)
        if (lens[i] == prefix) return;
    uint8_t i = (*n)++;
    while (i > 0 && lens[i - 1] < prefix) { lens[i] = lens[i - 1]; i--; }
    lens[i] = prefix;
}

bool detect_intel_add(detect_intel *t, const detect_indicator *ind, const char **why)
{
    static const char *ignored;
    if (!why) why = &ignored;
    if (t->n == t->cap) { *why = "the indicator table is full"; return false; }
    if (!ind->value || !ind->source) { *why = "an indicator needs a value and a source"; return false; }
    char norm[DETECT_IOC_MAX];
    detect_ioc_type type = ind->type;
    if (!detect_ioc_normalise(&type, ind->value, strlen(ind->value), norm, why)) return false;
    if (strcmp(norm, ind->value)) { *why = "value not in normal form"; return false; }
    intel_entry *e = &t->entries[t->n];
    memset(e, 0, sizeof *e);
    e->ind = *ind;
    e->ind.value = arena_strdup(&t->strings, ind->value);
    e->ind.source = arena_strdup(&t->strings, ind->source);
    e->ind.name = ind->name ? arena_strdup(&t->strings, ind->name) : NULL;
    e->ind.description = e->ind.ref = NULL;
    if (!e->ind.value || !e->ind.source || (ind->name && !e->ind.name)) { *why = "out of memory"; return false; }
    uint64_t key;
    if (type == IOC_IPV4 || type == IOC_IPV6) {
        if (!ip_net_parse(norm, &e->net, false)) { *why = "not an address"; return false; }
        if (e->net.addr.v4) note_prefix(t->v4_len, &t->n_v4, e->net.prefix);
        else note_prefix(t->v6_len, &t->n_v6, e->net.prefix);
        key = net_key(&e->net.addr, e->net.prefix);
    } else {
        key = text_key(type, norm, strlen(norm));
    }
    uint32_t i = (uint32_t)key & t->mask;
    while (t->slots[i].idx) i = (i + 1) & t->mask;
    t->slots[i].key = key;
    t->slots[i].idx = (uint32_t)++t->n;
    return true;
}

static bool valid_at(const detect_indicator *ind, sw_time_us ts)
{
    return (!ind->valid_from || ts >= ind->valid_from) && (!ind->valid_until || ts < ind->valid_until);
}

static const detect_indicator *find_text(const detect_intel *t, detect_ioc_type type, const char *s, size_t n,
                                         sw_time_us ts)
{
    uint64_t key = text_key(type, s, n);
    for (uint32_t i = (uint32_t)key & t->mask; t->slots[i].idx; i = (i + 1) & t->mask) {
        if (t->slots[i].key != key) continue;
        const detect_indicator *ind = &t->entries[t->slots[i].idx - 1].ind;
        if (ind->type == type && strlen(ind->value) == n && !memcmp(ind->value, s, n) && valid_at(ind, ts)) return ind;
    }
    return NULL;
}

const detect_indicator *detect_intel_match_domain(const detect_intel *t, const char *name, sw_time_us ts)
{
    if (!t->n || !name) return NULL;
    char buf[256];
    size_t n = strlen(name);
    if (n && name[n - 1] == '.') n--;
    if (!n || n >= sizeof buf) return NULL;
    for (size_t i = 0; i < n; i++) buf[i] = (char)tolower((unsigned char)name[i]);
    buf[n] = '\0';
    /* The name, then each parent down to two labels. */
    for (const char *p = buf; p;) {
        const detect_indicator *ind = find_text(t, IOC_DOMAIN, p, n - (size_t)(p - buf), ts);
        if (ind) return ind;
        const char *dot = strchr(p, '.');
        if (!dot || !strchr(dot + 1, '.')) break;
        p = dot + 1;
    }
    return NULL;
}

const detect_indicator *detect_intel_match_addr(const detect_intel *t, const ip_addr *a, sw_time_us ts)
{
    if (!t->n) return NULL;
    const uint8_t *lens = a->v4 ? t->v4_len : t->v6_len;
    uint8_t n = a->v4 ? t->n_v4 : t->n_v6;
    for (uint8_t k = 0; k < n; k++) {
        ip_addr m;
        mask_addr(a, lens[k], &m);
        uint64_t key = net_key(&m, lens[k]);
        for (uint32_t i = (uint32_t)key & t->mask; t->slots[i].idx; i = (i + 1) & t->mask) {
            if (t->slots[i].key != key) continue;
            const intel_entry *e = &t->entries[t->slots[i].idx - 1];
            if (e->net.prefix == lens[k] && ip_net_contains(&e->net, a) && valid_at(&e->ind, ts)) return &e->ind;
        }
    }
    return NULL;
}

const detect_indicator *detect_intel_match_url(const detect_intel *t, const char *host, const char *path,
                                               sw_time_us ts)
{
    if (!t->n || !host || !*host) return NULL;
    char buf[DETECT_IOC_MAX];
    size_t len = 7;
    memcpy(buf, "http://", len);
    size_t hn = strlen(host);
    if (hn > 3 && !strcmp(host + hn - 3, ":80")) hn -= 3;
    if (hn + len + 2 >= sizeof buf) return NULL;
    for (size_t i = 0; i < hn; i++) buf[len++] = (char)tolower((unsigned char)host[i]);
    if (!path || *path != '/') buf[len++] = '/';
    size_t pn = path ? strcspn(path, "#") : 0;
    if (len + pn >= sizeof buf) return NULL;
    if (pn) memcpy(buf + len, path, pn);
    len += pn;
    buf[len] = '\0';
    return find_text(t, IOC_URL, buf, len, ts);
}
