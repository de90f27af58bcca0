/* ais_json.c - gpsd-compatible JSON and CSV rendering of ais_msg (see
 * ais_json.h). The members of a message are rendered into a bounded local
 * buffer by a small comma-tracking writer (numbers by integer arithmetic,
 * exact for these divisors and so identical to printf's %.Nf), then the
 * object goes out through the core streaming JSON writer in one piece:
 * one jw call per message instead of one per member keeps decoding at
 * several million messages a second. */
#include "ais/ais_json.h"
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "core/json.h"

/* ---- legends (the text gpsd prints next to coded values) ---------------- */

static const char *const nav_status[16] = {
    "Under way using engine", "At anchor", "Not under command",
    "Restricted maneuverability", "Constrained by her draught", "Moored", "Aground",
    "Engaged in fishing", "Under way sailing", "Reserved for HSC", "Reserved for WIG",
    "Power-driven vessel towing astern",
    "Power-driven vessel pushing ahead or towing alongside", "Reserved",
    "AIS-SART is active", "Not defined",
};

static const char *const epfd_names[16] = {
    "Undefined", "GPS", "GLONASS", "Combined GPS/GLONASS", "Loran-C", "Chayka",
    "Integrated navigation system", "Surveyed", "Galileo", "Reserved (9)", "Reserved (10)",
    "Reserved (11)", "Reserved (12)", "Reserved (13)", "Reserved (14)", "Internal GNSS",
};

#define RFU "Reserved for future use"
#define CAT(p) p " - all ships of this type", p " - Hazardous category A", \
    p " - Hazardous category B", p " - Hazardous category C", p " - Hazardous category D", \
    p " - " RFU, p " - " RFU, p " - " RFU, p " - " RFU
static const char *const ship_types[100] = {
    "Not available", RFU, RFU, RFU, RFU, RFU, RFU, RFU, RFU, RFU,
    RFU, RFU, RFU, RFU, RFU, RFU, RFU, RFU, RFU, RFU,
    CAT("Wing in ground (WIG)"), "Wing in ground (WIG) - " RFU,
    "Fishing", "Towing", "Towing: length exceeds 200m or breadth exceeds 25m",
    "Dredging or underwater ops", "Diving ops", "Military ops", "Sailing", "Pleasure Craft",
    "Reserved", "Reserved",
    CAT("High speed craft (HSC)"), "High speed craft (HSC) - No additional information",
    "Pilot Vessel", "Search and Rescue vessel", "Tug", "Port Tender", "Anti-pollution equipment",
    "Law Enforcement", "Spare - Local Vessel", "Spare - Local Vessel", "Medical Transport",
    "Ship according to RR Resolution No. 18",
    CAT("Passenger"), "Passenger - No additional information",
    CAT("Cargo"), "Cargo - No additional information",
    CAT("Tanker"), "Tanker - No additional information",
    CAT("Other Type"), "Other Type - no additional information",
};
#undef CAT

static const char *const station_types[16] = {
    "All types of mobiles", RFU, "All types of Class B mobile stations",
    "SAR airborne mobile station", "Aid to Navigation station",
    "Class B shipborne mobile station", "Regional use and inland waterways",
    "Regional use and inland waterways", "Regional use and inland waterways",
    "Regional use and inland waterways", RFU, RFU, RFU, RFU, RFU, RFU,
};

static const char *const navaid_types[32] = {
    "Unspecified", "Reference point", "RACON", "Fixed offshore structure",
    "Spare, Reserved for future use.", "Light, without sectors", "Light, with sectors",
    "Leading Light Front", "Leading Light Rear", "Beacon, Cardinal N", "Beacon, Cardinal E",
    "Beacon, Cardinal S", "Beacon, Cardinal W", "Beacon, Port hand", "Beacon, Starboard hand",
    "Beacon, Preferred Channel port hand", "Beacon, Preferred Channel starboard hand",
    "Beacon, Isolated danger", "Beacon, Safe water", "Beacon, Special mark", "Cardinal Mark N",
    "Cardinal Mark E", "Cardinal Mark S", "Cardinal Mark W", "Port hand Mark",
    "Starboard hand Mark", "Preferred Channel Port hand", "Preferred Channel Starboard hand",
    "Isolated danger", "Safe Water", "Special Mark", "Light Vessel / LANBY / Rigs",
};

static const char *const signal_names[15] = {
    "N/A", "Serious emergency - stop or divert according to instructions.",
    "Vessels shall not proceed.", "Vessels may proceed. One way traffic.",
    "Vessels may proceed. Two way traffic.", "Vessels shall proceed on specific orders only.",
    "Vessels in main channel shall not proceed.",
    "Vessels in main channel shall proceed on specific orders only.",
    "Vessels in main channel shall proceed on specific orders only.",
    "I = \"in-bound\" only acceptable.", "O = \"out-bound\" only acceptable.",
    "F = both \"in- and out-bound\" acceptable.", "XI = Code will shift to \"I\" in due time.",
    "XO = Code will shift to \"O\" in due time.", "X = Vessels shall proceed only on direction.",
};

static const char *route_type_text(unsigned t)
{
    static const char *const first[6] = { "Undefined (default)", "Mandatory", "Recommended",
        "Alternative", "Recommended route through ice", "Ship route plan" };
    if (t < 6) return first[t];
    if (t == 31) return "Cancel route identified by message linkage";
    return "Reserved for future use.";
}

static const char *const id_types[4] = { "mmsi", "imo", "callsign", "other" };
static const char *const racon_status[4] = { "No RACON installed", "RACON not monitored",
                                             "RACON operational", "RACON ERROR" };
static const char *const light_status[4] = { "No light or no monitoring", "Light ON", "Light OFF",
                                             "Light ERROR" };
static const char *const rta_status[4] = { "Operational", "Limited operation", "Out of order", "N/A" };
static const char *const position_types[8] = { "Not available", "Port-side to", "Starboard-side to",
    "Mediterranean (end-on) mooring", "Mooring buoy", "Anchorage", RFU, RFU };
static const char *const trends[4] = { "steady", "increasing", "decreasing", "N/A" };
static const char *const precip_types[8] = { "reserved", "rain", "thunderstorm", "freezing rain",
                                             "mixed/ice", "snow", "reserved", "N/A" };
static const char *const ice_text[4] = { "no", "yes", "reserved", "N/A" };
#undef RFU

const char *ais_nav_status_text(unsigned s) { return s < 16 ? nav_status[s] : "INVALID STATUS"; }
const char *ais_epfd_text(unsigned e) { return e < 16 ? epfd_names[e] : "INVALID EPFD"; }
const char *ais_ship_type_text(unsigned t) { return t < 100 ? ship_types[t] : "INVALID SHIP TYPE"; }

/* Inland (DAC 200) ERI ship types; gpsd matches either the ERI code or the
 * corresponding AIS type, first hit wins. */
static const struct { uint16_t code, ais; const char *text; } inland_types[] = {
    {8000, 99, "Vessel, type unknown"}, {8010, 79, "Motor freighter"},
    {8020, 89, "Motor tanker"}, {8021, 80, "Motor tanker, liquid cargo, type N"},
    {8022, 80, "Motor tanker, liquid cargo, type C"},
    {8023, 89, "Motor tanker, dry cargo as if liquid (e.g. cement)"},
    {8030, 79, "Container vessel"}, {8040, 80, "Gas tanker"},
    {8050, 79, "Motor freighter, tug"}, {8060, 89, "Motor tanker, tug"},
    {8070, 79, "Motor freighter with one or more ships alongside"},
    {8080, 89, "Motor freighter with tanker"},
    {8090, 79, "Motor freighter pushing one or more freighters"},
    {8100, 89, "Motor freighter pushing at least one tank-ship"},
    {8110, 79, "Tug, freighter"}, {8120, 89, "Tug, tanker"},
    {8130, 31, "Tug freighter, coupled"}, {8140, 31, "Tug, freighter/tanker, coupled"},
    {8150, 99, "Freightbarge"}, {8160, 99, "Tankbarge"},
    {8161, 90, "Tankbarge, liquid cargo, type N"}, {8162, 90, "Tankbarge, liquid cargo, type C"},
    {8163, 99, "Tankbarge, dry cargo as if liquid (e.g. cement)"},
    {8170, 99, "Freightbarge with containers"}, {8180, 90, "Tankbarge, gas"},
    {8210, 79, "Pushtow, one cargo barge"}, {8220, 79, "Pushtow, two cargo barges"},
    {8230, 79, "Pushtow, three cargo barges"}, {8240, 79, "Pushtow, four cargo barges"},
    {8250, 79, "Pushtow, five cargo barges"}, {8260, 79, "Pushtow, six cargo barges"},
    {8270, 79, "Pushtow, seven cargo barges"}, {8280, 79, "Pushtow, eight cargo barges"},
    {8290, 79, "Pushtow, nine or more barges"}, {8310, 80, "Pushtow, one tank/gas barge"},
    {8320, 80, "Pushtow, two barges at least one tanker or gas barge"},
    {8330, 80, "Pushtow, three barges at least one tanker or gas barge"},
    {8340, 80, "Pushtow, four barges at least one tanker or gas barge"},
    {8350, 80, "Pushtow, five barges at least one tanker or gas barge"},
    {8360, 80, "Pushtow, six barges at least one tanker or gas barge"},
    {8370, 80, "Pushtow, seven barges at least one tanker or gas barg"},
};

static const char *inland_type_text(unsigned t)
{
    for (size_t i = 0; i < sizeof inland_types / sizeof inland_types[0]; i++)
        if (inland_types[i].code == t || inland_types[i].ais == t) return inland_types[i].text;
    return "Illegal ship type value.";
}

#define PICK(tab, n, bad) ((n) < sizeof(tab) / sizeof((tab)[0]) ? (tab)[n] : (bad))

/* ---- number formatting ---------------------------------------------------- */

static char *fmt_u64(char *end, uint64_t v)
{
    *end = '\0';
    do { *--end = (char)('0' + v % 10); v /= 10; } while (v);
    return end;
}

/* The member writer: like core/json.c's, over a fixed buffer. Overflow
 * (not reachable with the field sizes of ais_msg) truncates and is flagged,
 * and the message is then not emitted. */
#define AJ_CAP 8192
typedef struct aj {
    char *p, *end;
    int depth;
    bool comma[8], after_key, full;
    char buf[AJ_CAP];
} aj;

static void aj_put(aj *w, const char *s, size_t n)
{
    if ((size_t)(w->end - w->p) <= n) { w->full = true; return; }
    memcpy(w->p, s, n);
    w->p += n;
}

/* Every member write starts with aj_key, which makes sure AJ_SLACK bytes
 * are free: enough for any key and number, so those skip bounds checks. */
#define AJ_SLACK 128

__attribute__((always_inline)) static inline void aj_before_value(aj *w)
{
    if (w->after_key) { w->after_key = false; return; }
    if (w->comma[w->depth]) *w->p++ = ',';
    w->comma[w->depth] = true;
}

static inline void aj_key(aj *w, const char *k)
{
    if (w->end - w->p < AJ_SLACK) { w->full = true; w->p = w->buf; }
    aj_before_value(w);
    char *p = w->p;
    *p++ = '"';
    for (int i = 0; k[i] && i < 64; i++) *p++ = k[i];
    *p++ = '"';
    *p++ = ':';
    w->p = p;
    w->after_key = true;
}

/* kq is the key already quoted with its colon ("\"key\":"), kn its length:
 * a compile-time constant at every literal call site (see the K macros). */
__attribute__((always_inline)) static inline void aj_keyq(aj *w, const char *kq, size_t kn)
{
    if (w->end - w->p < AJ_SLACK) { w->full = true; w->p = w->buf; }
    aj_before_value(w);
    memcpy(w->p, kq, kn);
    w->p += kn;
    w->after_key = true;
}

static void aj_raw(aj *w, const char *v)
{
    if (w->end - w->p < AJ_SLACK) { w->full = true; w->p = w->buf; }
    aj_before_value(w);
    aj_put(w, v, strlen(v));
}

static void aj_open(aj *w, char c)
{
    if (w->end - w->p < AJ_SLACK) { w->full = true; w->p = w->buf; }
    aj_before_value(w);
    *w->p++ = c;
    if (w->depth < 7) w->depth++;
    w->comma[w->depth] = false;
}

static void aj_close(aj *w, char c)
{
    if (w->end - w->p < AJ_SLACK) { w->full = true; w->p = w->buf; }
    *w->p++ = c;
    if (w->depth > 0) w->depth--;
}

/* Escapes like gpsd's json_stringify: '"' and '\\' get a backslash, control
 * and non-ASCII bytes become \u00XX (six-bit text never has those). */
static void aj_str_n(aj *w, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    if ((size_t)(w->end - w->p) < n * 6 + AJ_SLACK) { w->full = true; w->p = w->buf; return; }
    aj_before_value(w);
    char *p = w->p;
    *p++ = '"';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
            *p++ = (char)c;
        } else if (c == '"' || c == '\\') {
            *p++ = '\\';
            *p++ = (char)c;
        } else {
            *p++ = '\\'; *p++ = 'u'; *p++ = '0'; *p++ = '0';
            *p++ = hex[c >> 4];
            *p++ = hex[c & 15];
        }
    }
    *p++ = '"';
    w->p = p;
}

/* Digits of v written at p; returns the end. Two digits per division,
 * written in place from the end (no temporary, no memcpy call). */
static inline char *put_u64(char *p, uint64_t v)
{
    static const char pairs[201] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    unsigned n = 1;
    for (uint64_t t = v; t >= 10 && n < 20; t /= 10) n++;
    char *e = p + n, *q = e;
    while (v >= 100) {
        unsigned r = (unsigned)(v % 100);
        v /= 100;
        q -= 2;
        q[0] = pairs[2 * r];
        q[1] = pairs[2 * r + 1];
    }
    if (v >= 10) {
        q[-2] = pairs[2 * v];
        q[-1] = pairs[2 * v + 1];
    } else {
        q[-1] = (char)('0' + v);
    }
    return e;
}

__attribute__((always_inline)) static inline void ku_(aj *w, const char *kq, size_t kn, uint64_t v)
{
    aj_keyq(w, kq, kn);
    aj_before_value(w);
    w->p = put_u64(w->p, v);
}

__attribute__((always_inline)) static inline void ki_(aj *w, const char *kq, size_t kn, int64_t v)
{
    aj_keyq(w, kq, kn);
    aj_before_value(w);
    if (v < 0) *w->p++ = '-';
    w->p = put_u64(w->p, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v);
}

__attribute__((always_inline)) static inline void kb_(aj *w, const char *kq, size_t kn, bool v)
{
    aj_keyq(w, kq, kn);
    aj_before_value(w);
    if (v) { memcpy(w->p, "true", 4); w->p += 4; }
    else { memcpy(w->p, "false", 5); w->p += 5; }
}

static inline void ks_(aj *w, const char *kq, size_t kn, const char *v) { aj_keyq(w, kq, kn); aj_str_n(w, v, strlen(v)); }
/* A constant legend known to need no escaping (the hot tables below). */
__attribute__((always_inline)) static inline void ks_safe_(aj *w, const char *kq, size_t kn, const char *v)
{
    size_t n = strlen(v);
    aj_keyq(w, kq, kn);
    if ((size_t)(w->end - w->p) < n + AJ_SLACK) { w->full = true; w->p = w->buf; return; }
    *w->p++ = '"';
    memcpy(w->p, v, n);
    w->p += n;
    *w->p++ = '"';
    w->after_key = false;
}
static void ks_dyn(aj *w, const char *k, const char *v) { aj_key(w, k); aj_str_n(w, v, strlen(v)); }

/* raw / div with dec decimals (see fmt_scaled), written in place. */
__attribute__((always_inline)) static inline void kx_(aj *w, const char *kq, size_t kn, int64_t raw, int64_t div, int dec)
{
    static const uint64_t p10[] = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000 };
    aj_keyq(w, kq, kn);
    aj_before_value(w);
    bool neg = raw < 0;
    uint64_t a = (uint64_t)(neg ? -raw : raw) * p10[dec];
    uint64_t q = a / (uint64_t)div, r = a % (uint64_t)div;
    if (2 * r >= (uint64_t)div) q++;
    char *p = w->p;
    if (neg) *p++ = '-';
    p = put_u64(p, q / p10[dec]);
    if (dec) {
        *p++ = '.';
        uint64_t f = q % p10[dec];
        for (int i = dec - 1; i >= 0; i--) { p[i] = (char)('0' + f % 10); f /= 10; }
        p += dec;
    }
    w->p = p;
}


#define KQ(k) "\"" k "\":", sizeof("\"" k "\":") - 1
#define ku(w, k, v) ku_(w, KQ(k), v)
#define ki(w, k, v) ki_(w, KQ(k), v)
#define kb(w, k, v) kb_(w, KQ(k), v)
#define ks(w, k, v) ks_(w, KQ(k), v)
#define ks_safe(w, k, v) ks_safe_(w, KQ(k), v)
#define kx(w, k, raw, div, dec) kx_(w, KQ(k), raw, div, dec)

/* Variants for keys chosen at run time. */
static void ku_dyn(aj *w, const char *k, uint64_t v) { aj_key(w, k); aj_before_value(w); w->p = put_u64(w->p, v); }
static void kx_dyn(aj *w, const char *k, int64_t raw, int64_t div, int dec)
{
    char kq[80];
    size_t n = strlen(k);
    if (n > 64) n = 64;
    kq[0] = '"';
    memcpy(kq + 1, k, n);
    kq[n + 1] = '"';
    kq[n + 2] = ':';
    kx_(w, kq, n + 3, raw, div, dec);
}

/* "%02u" of small values, the common date pieces. */
static inline char *put2(char *p, unsigned v)
{
    if (v >= 100) return put_u64(p, v);
    *p++ = (char)('0' + v / 10);
    *p++ = (char)('0' + v % 10);
    return p;
}

/* printf-formatted number (for the rare fields where rounding of the binary
 * double matters, e.g. ties). */
static void kf_dyn(aj *w, const char *k, double v, int dec)
{
    char b[64];
    snprintf(b, sizeof b, "%.*f", dec, v);
    aj_key(w, k);
    aj_raw(w, b);
}

/* A printf-formatted value quoted as a string (gpsd quirks: turn, type 22/23). */
static void kqf_dyn(aj *w, const char *k, const char *fmt, double v)
{
    char b[64];
    snprintf(b, sizeof b, fmt, v);
    ks_dyn(w, k, b);
}

static void kdate_dyn(aj *w, const char *k, const char *fmt, unsigned a, unsigned b2, unsigned c, unsigned d)
{
    char b[64];
    snprintf(b, sizeof b, fmt, a, b2, c, d);
    ks_dyn(w, k, b);
}

static void hexdata_dyn(aj *w, const char *k, const ais_blob *blob)
{
    static const char hex[] = "0123456789abcdef";
    char b[16 + 2 * AIS_BINARY_MAX_BYTES + 2];
    char num[24], *p = fmt_u64(num + sizeof num - 1, blob->bitcount);
    size_t len = strlen(p);
    memcpy(b, p, len);
    b[len++] = ':';
    size_t nbytes = ((size_t)blob->bitcount + 7) / 8;
    for (size_t i = 0; i < nbytes; i++) {
        b[len++] = hex[blob->data[i] >> 4];
        b[len++] = hex[blob->data[i] & 15];
    }
    aj_key(w, k);
    aj_str_n(w, b, len);
}

/* ---- JSON ------------------------------------------------------------------ */

#define LL(k, v) do { if (sc) kx(w, k, (v), 600000, 7); else ki(w, k, (v)); } while (0)
#define LL3(k, v) do { if (sc) kx(w, k, (v), 60000, 6); else ki(w, k, (v)); } while (0)
#define TENTHS(k, v) do { if (sc) kx(w, k, (v), 10, 1); else ku(w, k, (v)); } while (0)

/* IMO 289 route information: the same fields in its addressed (type 6,
 * FID 28) and broadcast (type 8, FID 27) forms. */
static void json_route(aj *w, const ais_route *r, bool sc)
{
    ku(w, "linkage", r->linkage);
    ku(w, "sender", r->sender);
    ku(w, "rtype", r->rtype);
    ks(w, "rtype_text", route_type_text(r->rtype));
    kdate_dyn(w, "start", "%02u-%02uT%02u:%02uZ", r->month, r->day, r->hour, r->minute);
    ku(w, "duration", r->duration);
    aj_key(w, "waypoints");
    aj_open(w, '[');
    for (unsigned i = 0; i < r->waycount; i++) {
        aj_open(w, '{');
        LL("lon", r->waypoints[i].lon);
        LL("lat", r->waypoints[i].lat);
        aj_close(w, '}');
    }
    aj_close(w, ']');
}

static void json_type6_app(aj *w, const ais_msg *m, bool sc)
{
    const ais_app *a = &m->u.binary.app;
    unsigned dac = m->u.binary.dac, fid = m->u.binary.fid;
    if (dac == 200) {
        if (fid == 21 || fid == 22) {
            char eta[48];
            ks(w, "country", a->inland_eta.country);
            ks(w, "locode", a->inland_eta.locode);
            ks(w, "section", a->inland_eta.section);
            ks(w, "terminal", a->inland_eta.terminal);
            ks(w, "hectometre", a->inland_eta.hectometre);
            snprintf(eta, sizeof eta, "%u-%uT%u:%u", a->inland_eta.month, a->inland_eta.day,
                     a->inland_eta.hour, a->inland_eta.minute);
            ks(w, "eta", eta);
            if (fid == 21) {
                ku(w, "tugs", a->inland_eta.tugs);
                ku(w, "airdraught", a->inland_eta.airdraught);
            } else {
                ku(w, "status", a->inland_eta.status);
                ks(w, "status_text", rta_status[a->inland_eta.status & 3]);
            }
        } else if (fid == 55) {
            ku(w, "crew", a->inland_pob.crew);
            ku(w, "passengers", a->inland_pob.passengers);
            ku(w, "personnel", a->inland_pob.personnel);
        }
        return;
    }
    if (dac == 235 || dac == 250) {
        kb(w, "off_pos", a->gla_aton.off_pos);
        kb(w, "alarm", a->gla_aton.alarm);
        ku(w, "stat_ext", a->gla_aton.stat_ext);
        const char *names[3] = { "ana_int", "ana_ext1", "ana_ext2" };
        uint16_t vals[3] = { a->gla_aton.ana_int, a->gla_aton.ana_ext1, a->gla_aton.ana_ext2 };
        for (int i = 0; i < 3; i++) {
            if (sc && vals[i]) kx_dyn(w, names[i], (int64_t)vals[i] * 5, 100, 2);
            else ku_dyn(w, names[i], vals[i]);
        }
        ku(w, "racon", a->gla_aton.racon);
        ks(w, "racon_text", racon_status[a->gla_aton.racon & 3]);
        ku(w, "light", a->gla_aton.light);
        ks(w, "light_text", light_status[a->gla_aton.light & 3]);
        return;
    }
    switch (fid) {
    case 12: {
        const __typeof__(a->dangerous_cargo) *t = &a->dangerous_cargo;
        ks(w, "lastport", t->lastport);
        kdate_dyn(w, "departure", "%02u-%02uT%02u:%02uZ", t->lmonth, t->lday, t->lhour, t->lminute);
        ks(w, "nextport", t->nextport);
        kdate_dyn(w, "eta", "%02u-%02uT%02u:%02uZ", t->nmonth, t->nday, t->nhour, t->nminute);
        ks(w, "dangerous", t->dangerous);
        ks(w, "imdcat", t->imdcat);
        ku(w, "unid", t->unid);
        ku(w, "amount", t->amount);
        ku(w, "unit", t->unit);
        break;
    }
    case 15: ku(w, "airdraught", a->ext_static.airdraught); break;
    case 16: ku(w, "persons", a->pob.persons); break;
    case 18: {
        const __typeof__(a->clearance) *t = &a->clearance;
        ku(w, "linkage", t->linkage);
        kdate_dyn(w, "arrival", "%02u-%02uT%02u:%02uZ", t->month, t->day, t->hour, t->minute);
        ks(w, "portname", t->portname);
        ks(w, "destination", t->destination);
        LL3("lon", t->lon);
        LL3("lat", t->lat);
        break;
    }
    case 20: {
        const __typeof__(a->berthing) *t = &a->berthing;
        ku(w, "linkage", t->linkage);
        ku(w, "berth_length", t->berth_length);
        ku(w, "position", t->position);
        ks(w, "position_text", position_types[t->position & 7]);
        kdate_dyn(w, "arrival", "%u-%uT%u:%u", t->month, t->day, t->hour, t->minute);
        ku(w, "availability", t->availability);
        static const char *const svc[] = { "agent", "fuel", "chandler", "stevedore", "electrical",
            "water", "customs", "cartage", "crane", "lift", "medical", "navrepair", "provisions",
            "shiprepair", "surveyor", "steam", "tugs", "solidwaste", "liquidwaste",
            "hazardouswaste", "ballast", "additional", "regional1", "regional2", "future1", "future2" };
        const uint8_t *v = &t->agent;
        for (unsigned i = 0; i < sizeof svc / sizeof svc[0]; i++) ku_dyn(w, svc[i], v[i]);
        ks(w, "berth_name", t->berth_name);
        LL3("berth_lon", t->berth_lon);
        LL3("berth_lat", t->berth_lat);
        TENTHS("berth_depth", t->berth_depth);
        break;
    }
    case 25: {
        ku(w, "unit", a->cargo_indication.unit);
        ku(w, "amount", a->cargo_indication.amount);
        aj_key(w, "cargos");
        aj_open(w, '[');
        for (unsigned i = 0; i < a->cargo_indication.ncargos; i++) {
            aj_open(w, '{');
            ku(w, "code", a->cargo_indication.cargos[i].code);
            ku(w, "subtype", a->cargo_indication.cargos[i].subtype);
            aj_close(w, '}');
        }
        aj_close(w, ']');
        break;
    }
    case 28: json_route(w, &a->route, sc); break;
    case 30:
        ku(w, "linkage", a->text.linkage);
        ks(w, "text", a->text.text);
        break;
    case 14: case 32:
        ku(w, "month", a->tidal_window.month);
        ku(w, "day", a->tidal_window.day);
        aj_key(w, "tidals");
        aj_open(w, '[');
        for (unsigned i = 0; i < a->tidal_window.ntidals; i++) {
            const ais_tidal *t = &a->tidal_window.tidals[i];
            aj_open(w, '{');
            LL3("lon", t->lon);
            LL3("lat", t->lat);
            ku(w, "from_hour", t->from_hour);
            ku(w, "from_min", t->from_min);
            ku(w, "to_hour", t->to_hour);
            ku(w, "to_min", t->to_min);
            ku(w, "cdir", t->cdir);
            TENTHS("cspeed", t->cspeed);
            aj_close(w, '}');
        }
        aj_close(w, ']');
        break;
    }
}

static void json_methydro(aj *w, const ais_methydro *h, bool sc, bool fid31)
{
    LL3("lat", h->lat);
    LL3("lon", h->lon);
    if (fid31) kb(w, "accuracy", h->accuracy);
    char ts[32];
    snprintf(ts, sizeof ts, "%02uT%02u:%02uZ", h->day, h->hour, h->minute);
    ks(w, "timestamp", ts);
    ku(w, "wspeed", h->wspeed);
    ku(w, "wgust", h->wgust);
    ku(w, "wdir", h->wdir);
    ku(w, "wgustdir", h->wgustdir);
    ku(w, "humidity", h->humidity);
    if (sc) {
        if (fid31) {
            kx(w, "airtemp", (int64_t)(h->airtemp), 10, 1);
            kx(w, "dewpoint", (int64_t)(h->dewpoint), 10, 1);
            ku(w, "pressure", (uint64_t)(h->pressure + 799));
        } else {
            kx(w, "airtemp", (int64_t)((h->airtemp - 600)), 10, 1);
            kx(w, "dewpoint", (int64_t)((h->dewpoint - 200)), 10, 1);
            /* gpsd prints pressure - (-800) with %u */
            ku(w, "pressure", (uint32_t)(h->pressure + 800));
        }
        ks(w, "pressuretend", trends[h->pressuretend & 3]);
        if (fid31) kb(w, "visgreater", h->visgreater);
        kx(w, "visibility", (int64_t)(h->visibility), 10, 1);
        if (fid31) kf_dyn(w, "waterlevel", ((double)(unsigned)h->waterlevel - 1000) / 100.0, 1);
        else kx(w, "waterlevel", (int64_t)((h->waterlevel - 100)), 10, 1);
        ks(w, "leveltrend", trends[h->leveltrend & 3]);
        kx(w, "cspeed", (int64_t)(h->cspeed), 10, 1);
        ku(w, "cdir", h->cdir);
        kx(w, "cspeed2", (int64_t)(h->cspeed2), 10, 1);
        ku(w, "cdir2", h->cdir2);
        ku(w, "cdepth2", h->cdepth2);
        kx(w, "cspeed3", (int64_t)(h->cspeed3), 10, 1);
        ku(w, "cdir3", h->cdir3);
        ku(w, "cdepth3", h->cdepth3);
        kx(w, "waveheight", (int64_t)(h->waveheight), 10, 1);
        ku(w, "waveperiod", h->waveperiod);
        ku(w, "wavedir", h->wavedir);
        kx(w, "swellheight", (int64_t)(h->swellheight), 10, 1);
        ku(w, "swellperiod", h->swellperiod);
        ku(w, "swelldir", h->swelldir);
        ku(w, "seastate", h->seastate);
        if (fid31) kx(w, "watertemp", (int64_t)(h->watertemp), 10, 1);
        else kx(w, "watertemp", (int64_t)((h->watertemp - 100)), 10, 1);
        if (fid31) {
            ks(w, "preciptype", precip_types[h->preciptype & 7]);
            kx(w, "salinity", (int64_t)(h->salinity), 10, 1);
            ks(w, "ice", ice_text[h->ice & 3]);
        } else {
            ku(w, "preciptype", h->preciptype);
            ks(w, "preciptype_text", precip_types[h->preciptype & 7]);
            kx(w, "salinity", (int64_t)(h->salinity), 10, 1);
            ku(w, "ice", h->ice);
            ks(w, "ice_text", ice_text[h->ice & 3]);
        }
    } else {
        ki(w, "airtemp", h->airtemp);
        ki(w, "dewpoint", h->dewpoint);
        ku(w, "pressure", h->pressure);
        ku(w, "pressuretend", h->pressuretend);
        if (fid31) kb(w, "visgreater", h->visgreater);
        ku(w, "visibility", h->visibility);
        ki(w, "waterlevel", h->waterlevel);
        ku(w, "leveltrend", h->leveltrend);
        ku(w, "cspeed", h->cspeed);
        ku(w, "cdir", h->cdir);
        ku(w, "cspeed2", h->cspeed2);
        ku(w, "cdir2", h->cdir2);
        ku(w, "cdepth2", h->cdepth2);
        ku(w, "cspeed3", h->cspeed3);
        ku(w, "cdir3", h->cdir3);
        ku(w, "cdepth3", h->cdepth3);
        ku(w, "waveheight", h->waveheight);
        ku(w, "waveperiod", h->waveperiod);
        ku(w, "wavedir", h->wavedir);
        ku(w, "swellheight", h->swellheight);
        ku(w, "swellperiod", h->swellperiod);
        ku(w, "swelldir", h->swelldir);
        ku(w, "seastate", h->seastate);
        ki(w, "watertemp", h->watertemp);
        ku(w, "preciptype", h->preciptype);
        if (!fid31) ks(w, "preciptype_text", precip_types[h->preciptype & 7]);
        ku(w, "salinity", h->salinity);
        ku(w, "ice", h->ice);
        if (!fid31) ks(w, "ice_text", ice_text[h->ice & 3]);
    }
}

static void json_type8_app(aj *w, const ais_msg *m, bool sc)
{
    const ais_app *a = &m->u.binary.app;
    unsigned dac = m->u.binary.dac, fid = m->u.binary.fid;
    if (dac == 1) {
        switch (fid) {
        case 11: json_methydro(w, &a->methydro, sc, false); break;
        case 31: json_methydro(w, &a->methydro, sc, true); break;
        case 13: {
            const __typeof__(a->fairway_closed) *t = &a->fairway_closed;
            ks(w, "reason", t->reason);
            ks(w, "closefrom", t->closefrom);
            ks(w, "closeto", t->closeto);
            ku(w, "radius", t->radius);
            ku(w, "extunit", t->extunit);
            kdate_dyn(w, "from", "%02u-%02uT%02u:%02u", t->fmonth, t->fday, t->fhour, t->fminute);
            kdate_dyn(w, "to", "%02u-%02uT%02u:%02u", t->tmonth, t->tday, t->thour, t->tminute);
            break;
        }
        case 15: ku(w, "airdraught", a->ext_static.airdraught); break;
        case 16: ku(w, "persons", a->pob.persons); break;
        case 17:
            aj_key(w, "targets");
            aj_open(w, '[');
            for (unsigned i = 0; i < a->vts_targets.ntargets; i++) {
                const __typeof__(a->vts_targets.targets[0]) *t = &a->vts_targets.targets[i];
                aj_open(w, '{');
                ku(w, "idtype", t->idtype);
                ks(w, "idtype_text", id_types[t->idtype & 3]);
                if (t->idtype <= 1) {
                    char b[24];
                    ks_dyn(w, id_types[t->idtype], fmt_u64(b + sizeof b - 1, (uint32_t)t->id));
                } else {
                    ks_dyn(w, id_types[t->idtype & 3], t->idtext);
                }
                LL3("lat", t->lat);
                LL3("lon", t->lon);
                ku(w, "course", t->course);
                ku(w, "second", t->second);
                ku(w, "speed", t->speed);
                aj_close(w, '}');
            }
            aj_close(w, ']');
            break;
        case 19: {
            const __typeof__(a->traffic_signal) *t = &a->traffic_signal;
            ku(w, "linkage", t->linkage);
            ks(w, "station", t->station);
            kx(w, "lon", t->lon, 60000, 6);
            kx(w, "lat", t->lat, 60000, 6);
            ku(w, "status", t->status);
            ku(w, "signal", t->signal);
            ks(w, "signal_text", PICK(signal_names, t->signal, "INVALID SIGNAL TYPE"));
            ku(w, "hour", t->hour);
            ku(w, "minute", t->minute);
            ku(w, "nextsignal", t->nextsignal);
            ks(w, "nextsignal_text", PICK(signal_names, t->nextsignal, "INVALID SIGNAL TYPE"));
            break;
        }
        case 27: json_route(w, &a->route, sc); break;
        case 29:
            ku(w, "linkage", a->text.linkage);
            ks(w, "text", a->text.text);
            break;
        }
        return;
    }
    if (dac != 200) return;
    switch (fid) {
    case 10: {
        static const char *const hazard[6] = { "0 blue cones/lights", "1 blue cone/light",
            "2 blue cones/lights", "3 blue cones/lights", "4 B-Flag", "Unknown" };
        static const char *const loaded[3] = { "N/A (default)", "Unloaded", "Loaded" };
        const __typeof__(a->inland_static) *t = &a->inland_static;
        ks(w, "vin", t->vin);
        ku(w, "length", t->length);
        ku(w, "beam", t->beam);
        ku(w, "shiptype", t->shiptype);
        ks(w, "shiptype_text", inland_type_text(t->shiptype));
        ku(w, "hazard", t->hazard);
        ks(w, "hazard_text", PICK(hazard, t->hazard, "INVALID HAZARD TYPE"));
        ku(w, "draught", t->draught);
        ku(w, "loaded", t->loaded);
        ks(w, "loaded_text", PICK(loaded, t->loaded, "INVALID LOAD STATUS"));
        kb(w, "speed_q", t->speed_q);
        kb(w, "course_q", t->course_q);
        kb(w, "heading_q", t->heading_q);
        break;
    }
    case 23: {
        static const char *const types[10] = { "Not Available", "Wind", "Rain", "Snow and ice",
            "Thunderstorm", "Fog", "Low temperature", "High temperature", "Flood", "Forest Fire" };
        static const char *const classes[3] = { "Slight", "Medium", "Strong" };
        static const char *const winds[9] = { "N/A", "North", "North East", "East", "South East",
            "South", "South West", "West", "North West" };
        const __typeof__(a->emma) *t = &a->emma;
        char b[64];
        /* gpsd prints the start as year-month-hourTminute:day (sic). */
        snprintf(b, sizeof b, "%4u-%02u-%02uT%02u:%02u", t->start_year + 2000u, t->start_month,
                 t->start_hour, t->start_minute, t->start_day);
        ks(w, "start", b);
        snprintf(b, sizeof b, "%4u-%02u-%02uT%02u:%02u", t->end_year + 2000u, t->end_month,
                 t->end_day, t->end_hour, t->end_minute);
        ks(w, "end", b);
        LL("start_lon", t->start_lon);
        LL("start_lat", t->start_lat);
        LL("end_lon", t->end_lon);
        LL("end_lat", t->end_lat);
        ku(w, "type", t->type);
        ks(w, "type_text", PICK(types, t->type, "INVALID EMMA TYPE"));
        ki(w, "min", t->min);
        ki(w, "max", t->max);
        ku(w, "class", t->intensity);
        ks(w, "class_text", PICK(classes, t->intensity, "INVALID EMMA TYPE"));
        ku(w, "wind", t->wind);
        ks(w, "wind_text", PICK(winds, t->wind, "INVALID EMMA WIND DIRECTION"));
        break;
    }
    case 24:
        ks(w, "country", a->water_level.country);
        aj_key(w, "gauges");
        aj_open(w, '[');
        for (unsigned i = 0; i < a->water_level.ngauges; i++) {
            aj_open(w, '{');
            ku(w, "id", a->water_level.gauges[i].id);
            ki(w, "level", a->water_level.gauges[i].level);
            aj_close(w, '}');
        }
        aj_close(w, ']');
        break;
    case 40: {
        static const char *const dirs[5] = { "Unknown", "Upstream", "Downstream", "To left bank",
                                             "To right bank" };
        static const char *const stat[8] = { "Unknown", "No light", "White", "Yellow", "Green",
                                             "Red", "White flashing", "Yellow flashing." };
        const __typeof__(a->signal_status) *t = &a->signal_status;
        LL("lon", t->lon);
        LL("lat", t->lat);
        ku(w, "form", t->form);
        ku(w, "facing", t->facing);
        ku(w, "direction", t->direction);
        ks(w, "direction_text", PICK(dirs, t->direction, "INVALID DIRECTION"));
        ku(w, "status", t->status);
        ks(w, "status_text", PICK(stat, t->status, "INVALID STATUS"));
        break;
    }
    }
}

void ais_json_write(strbuf *out, const ais_msg *m, const ais_json_opts *o)
{
    aj ajw, *w = &ajw;
    bool sc = o->scaled;
    w->p = w->buf;
    w->end = w->buf + sizeof w->buf;
    w->depth = 0;
    w->comma[0] = false;
    w->after_key = w->full = false;
    ks(w, "class", "AIS");
    if (o->device) ks(w, "device", o->device);
    ku(w, "type", m->type);
    ku(w, "repeat", m->repeat);
    ku(w, "mmsi", m->mmsi);
    kb(w, "scaled", sc);
    switch (m->type) {
    case 1: case 2: case 3: {
        const __typeof__(m->u.pos) *p = &m->u.pos;
        ku(w, "status", p->status);
        ks_safe(w, "status_text", nav_status[p->status & 15]);
        if (sc) {
            if (abs(p->turn) >= 128) ks(w, "turn", "n/a");
            else if (p->turn == -127) ks(w, "turn", "fastleft");
            else if (p->turn == 127) ks(w, "turn", "fastright");
            else if (p->turn == 0) ks(w, "turn", "0.00");
            else {
                /* gpsd: sign * (turn / 4.733)^2 as "%.2f". Rounded here in
                 * integers unless the value sits on a rounding tie, where
                 * printf's exact binary rounding decides. */
                double rot = p->turn / 4.733;
                rot *= rot;
                double y = rot * 100.0, fl = floor(y), frac = y - fl;
                if (fabs(frac - 0.5) < 1e-6) {
                    kqf_dyn(w, "turn", "%.2f", p->turn < 0 ? -rot : rot);
                } else {
                    uint64_t cents = (uint64_t)fl + (frac > 0.5);
                    char t[32], *e = t;
                    if (p->turn < 0) *e++ = '-';
                    e = put_u64(e, cents / 100);
                    *e++ = '.';
                    e = put2(e, (unsigned)(cents % 100));
                    *e = '\0';
                    ks(w, "turn", t);
                }
            }
            if (p->speed == 1023) ks(w, "speed", "n/a");
            else if (p->speed == 1022) ks(w, "speed", "fast");
            else kx(w, "speed", p->speed, 10, 1);
        } else {
            ki(w, "turn", p->turn);
            ku(w, "speed", p->speed);
        }
        kb(w, "accuracy", p->accuracy);
        LL("lon", p->lon);
        LL("lat", p->lat);
        TENTHS("course", p->course);
        ku(w, "heading", p->heading);
        ku(w, "second", p->second);
        ku(w, "maneuver", p->maneuver);
        kb(w, "raim", p->raim);
        ku(w, "radio", p->radio);
        break;
    }
    case 4: case 11: {
        const __typeof__(m->u.base) *p = &m->u.base;
        char ts[64], *e = ts;
        unsigned y = p->year;   /* %04u; out-of-band years print in full */
        if (y >= 10000) e = put_u64(e, y);
        else {
            e[0] = (char)('0' + y / 1000); e[1] = (char)('0' + y / 100 % 10);
            e[2] = (char)('0' + y / 10 % 10); e[3] = (char)('0' + y % 10);
            e += 4;
        }
        *e++ = '-'; e = put2(e, p->month); *e++ = '-'; e = put2(e, p->day); *e++ = 'T';
        e = put2(e, p->hour); *e++ = ':'; e = put2(e, p->minute); *e++ = ':'; e = put2(e, p->second);
        *e++ = 'Z';
        *e = '\0';
        ks(w, "timestamp", ts);
        kb(w, "accuracy", p->accuracy);
        LL("lon", p->lon);
        LL("lat", p->lat);
        ku(w, "epfd", p->epfd);
        ks_safe(w, "epfd_text", ais_epfd_text(p->epfd));
        kb(w, "raim", p->raim);
        ku(w, "radio", p->radio);
        break;
    }
    case 5: {
        const __typeof__(m->u.voyage) *p = &m->u.voyage;
        ku(w, "imo", p->imo);
        ku(w, "ais_version", p->ais_version);
        ks(w, "callsign", p->callsign);
        ks(w, "shipname", p->shipname);
        ku(w, "shiptype", p->shiptype);
        ks_safe(w, "shiptype_text", ais_ship_type_text(p->shiptype));
        ku(w, "to_bow", p->to_bow);
        ku(w, "to_stern", p->to_stern);
        ku(w, "to_port", p->to_port);
        ku(w, "to_starboard", p->to_starboard);
        ku(w, "epfd", p->epfd);
        ks_safe(w, "epfd_text", ais_epfd_text(p->epfd));
        {
            char eta[32], *e = eta;
            e = put2(e, p->month); *e++ = '-'; e = put2(e, p->day); *e++ = 'T';
            e = put2(e, p->hour); *e++ = ':'; e = put2(e, p->minute); *e++ = 'Z'; *e = '\0';
            ks(w, "eta", eta);
        }
        TENTHS("draught", p->draught);
        ks(w, "destination", p->destination);
        ku(w, "dte", p->dte);
        break;
    }
    case 6: case 8: {
        const __typeof__(m->u.binary) *p = &m->u.binary;
        if (m->type == 6) {
            ku(w, "seqno", p->seqno);
            ku(w, "dest_mmsi", p->dest_mmsi);
            kb(w, "retransmit", p->retransmit);
        }
        ku(w, "dac", p->dac);
        ku(w, "fid", p->fid);
        if (!p->structured) hexdata_dyn(w, "data", &p->blob);
        else if (m->type == 6) json_type6_app(w, m, sc);
        else json_type8_app(w, m, sc);
        break;
    }
    case 7: case 13:
        ku(w, "mmsi1", m->u.ack.mmsi[0]);
        ku(w, "mmsi2", m->u.ack.mmsi[1]);
        ku(w, "mmsi3", m->u.ack.mmsi[2]);
        ku(w, "mmsi4", m->u.ack.mmsi[3]);
        break;
    case 9: {
        const __typeof__(m->u.sar) *p = &m->u.sar;
        if (sc) {
            if (p->alt == 4095) ks(w, "alt", "nan");
            else if (p->alt == 4094) ks(w, "alt", "high");
            else ku(w, "alt", p->alt);
            if (p->speed == 1023) ks(w, "speed", "nan");
            else if (p->speed == 1022) ks(w, "speed", "fast");
            else ku(w, "speed", p->speed);
        } else {
            ku(w, "alt", p->alt);
            ku(w, "speed", p->speed);
        }
        kb(w, "accuracy", p->accuracy);
        LL("lon", p->lon);
        LL("lat", p->lat);
        TENTHS("course", p->course);
        ku(w, "second", p->second);
        ku(w, "regional", p->regional);
        ku(w, "dte", p->dte);
        kb(w, "raim", p->raim);
        ku(w, "radio", p->radio);
        break;
    }
    case 10:
        ku(w, "dest_mmsi", m->u.inquiry.dest_mmsi);
        break;
    case 12:
        ku(w, "seqno", m->u.safety.seqno);
        ku(w, "dest_mmsi", m->u.safety.dest_mmsi);
        kb(w, "retransmit", m->u.safety.retransmit);
        ks(w, "text", m->u.safety.text);
        break;
    case 14:
        ks(w, "text", m->u.safety.text);
        break;
    case 15: {
        const __typeof__(m->u.interrogation) *p = &m->u.interrogation;
        ku(w, "mmsi1", p->mmsi1);
        ku(w, "type1_1", p->type1_1);
        ku(w, "offset1_1", p->offset1_1);
        ku(w, "type1_2", p->type1_2);
        ku(w, "offset1_2", p->offset1_2);
        ku(w, "mmsi2", p->mmsi2);
        ku(w, "type2_1", p->type2_1);
        ku(w, "offset2_1", p->offset2_1);
        break;
    }
    case 16: {
        const __typeof__(m->u.assigned) *p = &m->u.assigned;
        ku(w, "mmsi1", p->mmsi1);
        ku(w, "offset1", p->offset1);
        ku(w, "increment1", p->increment1);
        ku(w, "mmsi2", p->mmsi2);
        ku(w, "offset2", p->offset2);
        ku(w, "increment2", p->increment2);
        break;
    }
    case 17:
        if (sc) {
            kf_dyn(w, "lon", m->u.dgnss.lon / 600.0, 1);
            kf_dyn(w, "lat", m->u.dgnss.lat / 600.0, 1);
        } else {
            ki(w, "lon", m->u.dgnss.lon);
            ki(w, "lat", m->u.dgnss.lat);
        }
        hexdata_dyn(w, "data", &m->u.dgnss.blob);
        break;
    case 18: case 19: {
        const __typeof__(m->u.classb) *p = &m->u.classb;
        ku(w, "reserved", p->reserved);
        TENTHS("speed", p->speed);
        kb(w, "accuracy", p->accuracy);
        LL("lon", p->lon);
        LL("lat", p->lat);
        TENTHS("course", p->course);
        ku(w, "heading", p->heading);
        ku(w, "second", p->second);
        ku(w, "regional", p->regional);
        if (m->type == 18) {
            kb(w, "cs", p->cs);
            kb(w, "display", p->display);
            kb(w, "dsc", p->dsc);
            kb(w, "band", p->band);
            kb(w, "msg22", p->msg22);
            kb(w, "raim", p->raim);
            ku(w, "radio", p->radio);
        } else {
            ks(w, "shipname", p->shipname);
            ku(w, "shiptype", p->shiptype);
            ks_safe(w, "shiptype_text", ais_ship_type_text(p->shiptype));
            ku(w, "to_bow", p->to_bow);
            ku(w, "to_stern", p->to_stern);
            ku(w, "to_port", p->to_port);
            ku(w, "to_starboard", p->to_starboard);
            ku(w, "epfd", p->epfd);
            ks_safe(w, "epfd_text", ais_epfd_text(p->epfd));
            kb(w, "raim", p->raim);
            ku(w, "dte", p->dte);
            kb(w, "assigned", p->assigned);
        }
        break;
    }
    case 20: {
        static const char *const k[4][4] = {
            { "offset1", "number1", "timeout1", "increment1" },
            { "offset2", "number2", "timeout2", "increment2" },
            { "offset3", "number3", "timeout3", "increment3" },
            { "offset4", "number4", "timeout4", "increment4" } };
        for (int i = 0; i < 4; i++) {
            ku_dyn(w, k[i][0], m->u.datalink.offset[i]);
            ku_dyn(w, k[i][1], m->u.datalink.number[i]);
            ku_dyn(w, k[i][2], m->u.datalink.timeout[i]);
            ku_dyn(w, k[i][3], m->u.datalink.increment[i]);
        }
        break;
    }
    case 21: {
        const __typeof__(m->u.aton) *p = &m->u.aton;
        ku(w, "aid_type", p->aid_type);
        ks_safe(w, "aid_type_text", navaid_types[p->aid_type & 31]);
        ks(w, "name", p->name);
        if (sc) {
            LL("lon", p->lon);
            LL("lat", p->lat);
            kb(w, "accuracy", p->accuracy);
        } else {
            kb(w, "accuracy", p->accuracy);
            LL("lon", p->lon);
            LL("lat", p->lat);
        }
        ku(w, "to_bow", p->to_bow);
        ku(w, "to_stern", p->to_stern);
        ku(w, "to_port", p->to_port);
        ku(w, "to_starboard", p->to_starboard);
        ku(w, "epfd", p->epfd);
        ks_safe(w, "epfd_text", ais_epfd_text(p->epfd));
        ku(w, "second", p->second);
        ku(w, "regional", p->regional);
        kb(w, "off_position", p->off_position);
        kb(w, "raim", p->raim);
        kb(w, "virtual_aid", p->virtual_aid);
        break;
    }
    case 22: {
        const __typeof__(m->u.chanmgmt) *p = &m->u.chanmgmt;
        ku(w, "channel_a", p->channel_a);
        ku(w, "channel_b", p->channel_b);
        ku(w, "txrx", p->txrx);
        kb(w, "power", p->power);
        if (p->addressed) {
            ku(w, "dest1", p->dest1);
            ku(w, "dest2", p->dest2);
        } else if (sc) {
            kqf_dyn(w, "ne_lon", "%f", p->ne_lon / 600.0);
            kqf_dyn(w, "ne_lat", "%f", p->ne_lat / 600.0);
            kqf_dyn(w, "sw_lon", "%f", p->sw_lon / 600.0);
            kqf_dyn(w, "sw_lat", "%f", p->sw_lat / 600.0);
        } else {
            ki(w, "ne_lon", p->ne_lon);
            ki(w, "ne_lat", p->ne_lat);
            ki(w, "sw_lon", p->sw_lon);
            ki(w, "sw_lat", p->sw_lat);
        }
        kb(w, "addressed", p->addressed);
        kb(w, "band_a", p->band_a);
        kb(w, "band_b", p->band_b);
        ku(w, "zonesize", p->zonesize);
        break;
    }
    case 23: {
        const __typeof__(m->u.group) *p = &m->u.group;
        if (sc) {
            kqf_dyn(w, "ne_lon", "%f", p->ne_lon / 600.0);
            kqf_dyn(w, "ne_lat", "%f", p->ne_lat / 600.0);
            kqf_dyn(w, "sw_lon", "%f", p->sw_lon / 600.0);
            kqf_dyn(w, "sw_lat", "%f", p->sw_lat / 600.0);
        } else {
            ki(w, "ne_lon", p->ne_lon);
            ki(w, "ne_lat", p->ne_lat);
            ki(w, "sw_lon", p->sw_lon);
            ki(w, "sw_lat", p->sw_lat);
        }
        ku(w, "stationtype", p->stationtype);
        ks(w, "stationtype_text", station_types[p->stationtype & 15]);
        ku(w, "shiptype", p->shiptype);
        ks_safe(w, "shiptype_text", ais_ship_type_text(p->shiptype));
        ku(w, "interval", p->interval);
        ku(w, "quiet", p->quiet);
        break;
    }
    case 24: {
        const __typeof__(m->u.static24) *p = &m->u.static24;
        if (p->part != AIS24_BOTH) ks(w, "part", p->part == AIS24_A ? "A" : "B");
        if (p->part != AIS24_B) ks(w, "shipname", p->shipname);
        if (p->part != AIS24_A) {
            ku(w, "shiptype", p->shiptype);
            ks_safe(w, "shiptype_text", ais_ship_type_text(p->shiptype));
            ks(w, "vendorid", p->vendorid);
            ku(w, "model", p->model);
            ku(w, "serial", p->serial);
            ks(w, "callsign", p->callsign);
            if (ais_mmsi_is_auxiliary(m->mmsi)) {
                ku(w, "mothership_mmsi", p->mothership_mmsi);
            } else {
                ku(w, "to_bow", p->to_bow);
                ku(w, "to_stern", p->to_stern);
                ku(w, "to_port", p->to_port);
                ku(w, "to_starboard", p->to_starboard);
            }
        }
        break;
    }
    case 25: case 26: {
        const __typeof__(m->u.slotbin) *p = &m->u.slotbin;
        kb(w, "addressed", p->addressed);
        kb(w, "structured", p->structured);
        ku(w, "dest_mmsi", p->dest_mmsi);
        ku(w, "app_id", p->app_id);
        hexdata_dyn(w, "data", &p->blob);
        if (m->type == 26) ku(w, "radio", p->radio);
        break;
    }
    case 27: {
        const __typeof__(m->u.longrange) *p = &m->u.longrange;
        ku(w, "status", p->status);
        if (sc) ks_safe(w, "status_text", nav_status[p->status & 15]);
        kb(w, "accuracy", p->accuracy);
        if (sc) {
            kx(w, "lon", p->lon, 600, 4);
            kx(w, "lat", p->lat, 600, 4);
        } else {
            ki(w, "lon", p->lon);
            ki(w, "lat", p->lat);
        }
        ku(w, "speed", p->speed);
        ku(w, "course", p->course);
        kb(w, "raim", p->raim);
        kb(w, "gnss", p->gnss);
        break;
    }
    }
    if (w->full) return;
    *w->p = '\0';
    json_writer jw;
    jw_init(&jw, out);
    jw_object_begin(&jw);
    jw_raw(&jw, w->buf);
    jw_object_end(&jw);
    strbuf_putc(out, '\n');
}

/* ---- CSV (gpsdecode -c) ---------------------------------------------------- */

static void csv_hex(strbuf *out, const ais_blob *blob, bool structured)
{
    static const char hex[] = "0123456789abcdef";
    size_t nbytes = ((size_t)blob->bitcount + 7) / 8;
    strbuf_printf(out, "%u:", blob->bitcount);
    for (size_t i = 0; i < nbytes; i++) {
        /* gpsdecode prints x's for payloads it decoded as structured. */
        char b[2] = { structured ? 'x' : hex[blob->data[i] >> 4], structured ? 'x' : hex[blob->data[i] & 15] };
        strbuf_append(out, b, 2);
    }
}

void ais_csv_write(strbuf *out, const ais_msg *m)
{
    strbuf_printf(out, "%u|%u|%09u|", m->type, m->repeat, m->mmsi);
    switch (m->type) {
    case 1: case 2: case 3: {
        const __typeof__(m->u.pos) *p = &m->u.pos;
        strbuf_printf(out, "%u|%d|%u|%u|%d|%d|%u|%u|%u|0x%x|%u|0x%x", p->status, p->turn, p->speed,
                      p->accuracy, p->lon, p->lat, p->course, p->heading, p->second, p->maneuver,
                      p->raim, p->radio);
        break;
    }
    case 4: case 11: {
        const __typeof__(m->u.base) *p = &m->u.base;
        strbuf_printf(out, "%04u-%02u-%02uT%02u:%02u:%02uZ|%u|%d|%d|%u|%u|0x%x", p->year, p->month,
                      p->day, p->hour, p->minute, p->second, p->accuracy, p->lon, p->lat, p->epfd,
                      p->raim, p->radio);
        break;
    }
    case 5: {
        const __typeof__(m->u.voyage) *p = &m->u.voyage;
        strbuf_printf(out, "%u|%u|%s|%s|%u|%u|%u|%u|%u|%u|%02u-%02uT%02u:%02uZ|%u|%s|%u", p->imo,
                      p->ais_version, p->callsign, p->shipname, p->shiptype, p->to_bow, p->to_stern,
                      p->to_port, p->to_starboard, p->epfd, p->month, p->day, p->hour, p->minute,
                      p->draught, p->destination, p->dte);
        break;
    }
    case 6: {
        const __typeof__(m->u.binary) *p = &m->u.binary;
        strbuf_printf(out, "%u|%u|%u|%u|%u", p->seqno, p->dest_mmsi, p->retransmit, p->dac, p->fid);
        if ((p->dac == 235 || p->dac == 250) && p->fid == 10) {
            /* gpsdecode prints these columns whenever DAC/FID match. */
            static const __typeof__(p->app.gla_aton) zero;
            const __typeof__(p->app.gla_aton) *g = &zero;
            if (p->structured) g = &p->app.gla_aton;
            strbuf_printf(out, "|%u|%u|%u|%u|%u|%u|%u|%u", g->ana_int, g->ana_ext1, g->ana_ext2,
                          g->racon, g->light, g->alarm, g->stat_ext, g->off_pos);
        } else {
            strbuf_putc(out, '|');
            csv_hex(out, &p->blob, p->structured);
        }
        break;
    }
    case 7: case 13:
        strbuf_printf(out, "%u|%u|%u|%u", m->u.ack.mmsi[0], m->u.ack.mmsi[1], m->u.ack.mmsi[2],
                      m->u.ack.mmsi[3]);
        break;
    case 8: {
        const __typeof__(m->u.binary) *p = &m->u.binary;
        strbuf_printf(out, "%u|%u", p->dac, p->fid);
        if (p->dac == 1 && p->structured && (p->fid == 11 || p->fid == 31)) {
            const ais_methydro *h = &p->app.methydro;
            strbuf_printf(out, "|%d|%d|%02uT%02u:%02uZ|%u|%u|%u|%u|%d|%u|%d|%u|%u|%u|%d|%u|%u|%u|%u|%u"
                          "|%u|%u|%u|%u|%u|%u|%u|%u|%u|%u|%u|%d|%u|%u|%u",
                          h->lon, h->lat, h->day, h->hour, h->minute, h->wspeed, h->wgust, h->wdir,
                          h->wgustdir, h->airtemp, h->humidity, h->dewpoint, h->pressure,
                          h->pressuretend, h->visibility, h->waterlevel, h->leveltrend, h->cspeed,
                          h->cdir, h->cspeed2, h->cdir2, h->cdepth2, h->cspeed3, h->cdir3, h->cdepth3,
                          h->waveheight, h->waveperiod, h->wavedir, h->swellheight, h->swellperiod,
                          h->swelldir, h->seastate, h->watertemp, h->preciptype, h->salinity, h->ice);
        } else {
            strbuf_putc(out, '|');
            csv_hex(out, &p->blob, p->structured);
        }
        break;
    }
    case 9: {
        const __typeof__(m->u.sar) *p = &m->u.sar;
        strbuf_printf(out, "%u|%u|%u|%d|%d|%u|%u|0x%x|%u|%u|0x%x", p->alt, p->speed, p->accuracy,
                      p->lon, p->lat, p->course, p->second, p->regional, p->dte, p->raim, p->radio);
        break;
    }
    case 10: strbuf_printf(out, "%u", m->u.inquiry.dest_mmsi); break;
    case 12:
        strbuf_printf(out, "%u|%u|%u|%s", m->u.safety.seqno, m->u.safety.dest_mmsi,
                      m->u.safety.retransmit, m->u.safety.text);
        break;
    case 14: strbuf_printf(out, "%s", m->u.safety.text); break;
    case 15: {
        const __typeof__(m->u.interrogation) *p = &m->u.interrogation;
        strbuf_printf(out, "%u|%u|%u|%u|%u|%u|%u|%u", p->mmsi1, p->type1_1, p->offset1_1, p->type1_2,
                      p->offset1_2, p->mmsi2, p->type2_1, p->offset2_1);
        break;
    }
    case 16: {
        const __typeof__(m->u.assigned) *p = &m->u.assigned;
        strbuf_printf(out, "%u|%u|%u|%u|%u|%u", p->mmsi1, p->offset1, p->increment1, p->mmsi2,
                      p->offset2, p->increment2);
        break;
    }
    case 17:
        strbuf_printf(out, "%d|%d|", m->u.dgnss.lon, m->u.dgnss.lat);
        csv_hex(out, &m->u.dgnss.blob, false);
        break;
    case 18: {
        const __typeof__(m->u.classb) *p = &m->u.classb;
        strbuf_printf(out, "%u|%u|%u|%d|%d|%u|%u|%u|0x%x|%u|%u|%u|%u|%u|%u|0x%x", p->reserved,
                      p->speed, p->accuracy, p->lon, p->lat, p->course, p->heading, p->second,
                      p->regional, p->cs, p->display, p->dsc, p->band, p->msg22, p->raim, p->radio);
        break;
    }
    case 19: {
        const __typeof__(m->u.classb) *p = &m->u.classb;
        strbuf_printf(out, "%u|%u|%u|%d|%d|%u|%u|%u|0x%x|%s|%u|%u|%u|%u|%u|%u|%u|%u|%u", p->reserved,
                      p->speed, p->accuracy, p->lon, p->lat, p->course, p->heading, p->second,
                      p->regional, p->shipname, p->shiptype, p->to_bow, p->to_stern, p->to_port,
                      p->to_starboard, p->epfd, p->raim, p->dte, p->assigned);
        break;
    }
    case 20:
        for (int i = 0; i < 4; i++)
            strbuf_printf(out, "%s%u|%u|%u|%u", i ? "|" : "", m->u.datalink.offset[i],
                          m->u.datalink.number[i], m->u.datalink.timeout[i], m->u.datalink.increment[i]);
        break;
    case 21: {
        const __typeof__(m->u.aton) *p = &m->u.aton;
        strbuf_printf(out, "%u|%s|%u|%d|%d|%u|%u|%u|%u|%u|%u|%u|0x%x|%u|%u", p->aid_type, p->name,
                      p->accuracy, p->lon, p->lat, p->to_bow, p->to_stern, p->to_port, p->to_starboard,
                      p->epfd, p->second, p->regional, p->off_position, p->raim, p->virtual_aid);
        break;
    }
    case 22: {
        const __typeof__(m->u.chanmgmt) *p = &m->u.chanmgmt;
        if (p->addressed)
            strbuf_printf(out, "%u|%u|%u|%u|%u|%u|%u|%u|%u|%u", p->channel_a, p->channel_b, p->txrx,
                          p->power, p->dest1, p->dest2, p->addressed, p->band_a, p->band_b, p->zonesize);
        else
            strbuf_printf(out, "%u|%u|%u|%u|%d|%d|%d|%d|%u|%u|%u|%u", p->channel_a, p->channel_b,
                          p->txrx, p->power, p->ne_lon, p->ne_lat, p->sw_lon, p->sw_lat, p->addressed,
                          p->band_a, p->band_b, p->zonesize);
        break;
    }
    case 23: {
        const __typeof__(m->u.group) *p = &m->u.group;
        strbuf_printf(out, "%d|%d|%d|%d|%u|%u|%u|%u|%u", p->ne_lon, p->ne_lat, p->sw_lon, p->sw_lat,
                      p->stationtype, p->shiptype, p->txrx, p->interval, p->quiet);
        break;
    }
    case 24: {
        const __typeof__(m->u.static24) *p = &m->u.static24;
        strbuf_printf(out, "%s|%u|%s|%u|%u|%s|", p->shipname, p->shiptype, p->vendorid, p->model,
                      p->serial, p->callsign);
        if (ais_mmsi_is_auxiliary(m->mmsi)) strbuf_printf(out, "%u", p->mothership_mmsi);
        else strbuf_printf(out, "%u|%u|%u|%u", p->to_bow, p->to_stern, p->to_port, p->to_starboard);
        break;
    }
    case 25: case 26: {
        const __typeof__(m->u.slotbin) *p = &m->u.slotbin;
        strbuf_printf(out, "%u|%u|%u|%u|", p->addressed, p->structured, p->dest_mmsi, p->app_id);
        csv_hex(out, &p->blob, false);
        if (m->type == 26) strbuf_printf(out, ":%u", p->radio);
        break;
    }
    case 27: {
        const __typeof__(m->u.longrange) *p = &m->u.longrange;
        strbuf_printf(out, "%u|%u|%d|%d|%u|%u|%u|%u", p->status, p->accuracy, p->lon, p->lat,
                      p->speed, p->course, p->raim, p->gnss);
        break;
    }
    default:
        strbuf_puts(out, "unknown AIVDM message content.");
    }
    strbuf_putc(out, '\n');
}
