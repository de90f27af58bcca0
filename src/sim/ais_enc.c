/* ais_enc.c - AIS message packing, six-bit armouring and !AIVDM sentences
 * with NMEA 4.10 tag blocks (see ais_enc.h). Field layouts: ITU-R M.1371-5
 * Annex 8, the same tables the decoder (src/ais/decode.c) reads. */
#include <math.h>
#include <stdio.h>
#include <time.h>
#include <string.h>
#include "core/timeutil.h"
#include "sim/ais_enc.h"

void ais_enc_reset(ais_enc *e)
{
    memset(e, 0, sizeof *e);
}

void ais_enc_u(ais_enc *e, unsigned width, uint32_t v)
{
    for (unsigned i = width; i-- > 0;) {
        if (e->n >= AIS_ENC_MAX_BITS) { e->overflow = true; return; }
        if ((v >> i) & 1u) e->bits[e->n / 8] |= (uint8_t)(0x80u >> (e->n % 8));
        e->n++;
    }
}

void ais_enc_s(ais_enc *e, unsigned width, int32_t v)
{
    ais_enc_u(e, width, (uint32_t)v & (width >= 32 ? 0xffffffffu : ((1u << width) - 1)));
}

static unsigned sixbit_of(char c)
{
    unsigned char u = (unsigned char)c;
    if (u >= 'a' && u <= 'z') u = (unsigned char)(u - 32);
    if (u >= 64 && u <= 95) return u - 64;
    if (u >= 32 && u <= 63) return u;
    return '?';
}

void ais_enc_text(ais_enc *e, unsigned chars, const char *text)
{
    size_t len = text ? strlen(text) : 0;
    for (unsigned i = 0; i < chars; i++) ais_enc_u(e, 6, i < len ? sixbit_of(text[i]) : 0);
}

unsigned ais_enc_armour(const ais_enc *e, char *out, size_t *len)
{
    unsigned chars = (e->n + 5) / 6;
    *len = chars;
    for (unsigned c = 0; c < chars; c++) {
        unsigned v = 0;
        for (unsigned b = 0; b < 6; b++) {
            unsigned bit = c * 6 + b;
            v = v << 1 | (bit < e->n ? (e->bits[bit / 8] >> (7 - bit % 8)) & 1u : 0u);
        }
        out[c] = (char)(v < 40 ? v + 48 : v + 56);
    }
    out[chars] = '\0';
    return chars * 6 - e->n;
}

/* 1/10000 minute units; the "not available" values for out-of-range input. */
static int32_t lon_units(double lon) { return fabs(lon) <= 180 ? (int32_t)lround(lon * 600000.0) : 181 * 600000; }
static int32_t lat_units(double lat) { return fabs(lat) <= 90 ? (int32_t)lround(lat * 600000.0) : 91 * 600000; }

static uint32_t sog_units(double kn)
{
    if (kn < 0) return 1023;
    long v = lround(kn * 10);
    return v > 1022 ? 1022 : (uint32_t)v;
}

static uint32_t cog_units(double deg)
{
    if (deg < 0) return 3600;
    long v = lround(fmod(deg, 360.0) * 10);
    return v >= 3600 ? 0 : (uint32_t)v;
}

void ais_enc_position(ais_enc *e, const ais_pos_report *r)
{
    ais_enc_reset(e);
    ais_enc_u(e, 6, r->type);
    ais_enc_u(e, 2, 0);
    ais_enc_u(e, 30, r->mmsi);
    if (r->type == 18) {
        ais_enc_u(e, 8, 0);                         /* regional reserved */
        ais_enc_u(e, 10, sog_units(r->sog_kn));
        ais_enc_u(e, 1, r->accuracy);
        ais_enc_s(e, 28, lon_units(r->lon));
        ais_enc_s(e, 27, lat_units(r->lat));
        ais_enc_u(e, 12, cog_units(r->cog_deg));
        ais_enc_u(e, 9, r->heading);
        ais_enc_u(e, 6, r->second);
        ais_enc_u(e, 2, 0);                         /* regional reserved */
        ais_enc_u(e, 1, 1);                         /* CS unit (SOTDMA would be 0) */
        ais_enc_u(e, 1, 0);                         /* no display */
        ais_enc_u(e, 1, 0);                         /* no DSC */
        ais_enc_u(e, 1, 1);                         /* whole marine band */
        ais_enc_u(e, 1, 1);                         /* accepts message 22 */
        ais_enc_u(e, 1, 0);                         /* autonomous mode */
        ais_enc_u(e, 1, 0);                         /* RAIM */
        ais_enc_u(e, 20, r->radio);
        return;
    }
    ais_enc_u(e, 4, r->status);
    ais_enc_s(e, 8, r->rot);
    ais_enc_u(e, 10, sog_units(r->sog_kn));
    ais_enc_u(e, 1, r->accuracy);
    ais_enc_s(e, 28, lon_units(r->lon));
    ais_enc_s(e, 27, lat_units(r->lat));
    ais_enc_u(e, 12, cog_units(r->cog_deg));
    ais_enc_u(e, 9, r->heading);
    ais_enc_u(e, 6, r->second);
    ais_enc_u(e, 2, 0);                             /* no special manoeuvre */
    ais_enc_u(e, 3, 0);
    ais_enc_u(e, 1, 0);
    ais_enc_u(e, 19, r->radio);
}

void ais_enc_base_station(ais_enc *e, uint32_t mmsi, int64_t t, double lat, double lon)
{
    struct tm tm;
    time_t tt = (time_t)t;
    gmtime_r(&tt, &tm);
    ais_enc_reset(e);
    ais_enc_u(e, 6, 4);
    ais_enc_u(e, 2, 0);
    ais_enc_u(e, 30, mmsi);
    ais_enc_u(e, 14, (uint32_t)(tm.tm_year + 1900));
    ais_enc_u(e, 4, (uint32_t)(tm.tm_mon + 1));
    ais_enc_u(e, 5, (uint32_t)tm.tm_mday);
    ais_enc_u(e, 5, (uint32_t)tm.tm_hour);
    ais_enc_u(e, 6, (uint32_t)tm.tm_min);
    ais_enc_u(e, 6, (uint32_t)tm.tm_sec);
    ais_enc_u(e, 1, 1);                             /* surveyed, DGNSS-grade position */
    ais_enc_s(e, 28, lon_units(lon));
    ais_enc_s(e, 27, lat_units(lat));
    ais_enc_u(e, 4, 7);                             /* EPFD: surveyed */
    ais_enc_u(e, 10, 0);
    ais_enc_u(e, 1, 0);
    ais_enc_u(e, 19, 0);
}

static void dimensions(ais_enc *e, const ais_static *s)
{
    ais_enc_u(e, 9, s->to_bow);
    ais_enc_u(e, 9, s->to_stern);
    ais_enc_u(e, 6, s->to_port);
    ais_enc_u(e, 6, s->to_starboard);
}

void ais_enc_static_voyage(ais_enc *e, const ais_static *s)
{
    ais_enc_reset(e);
    ais_enc_u(e, 6, 5);
    ais_enc_u(e, 2, 0);
    ais_enc_u(e, 30, s->mmsi);
    ais_enc_u(e, 2, 0);                             /* ITU-R M.1371-1 */
    ais_enc_u(e, 30, s->imo);
    ais_enc_text(e, 7, s->callsign);
    ais_enc_text(e, 20, s->shipname);
    ais_enc_u(e, 8, s->shiptype);
    dimensions(e, s);
    ais_enc_u(e, 4, 1);                             /* EPFD: GPS */
    ais_enc_u(e, 4, s->eta_month);
    ais_enc_u(e, 5, s->eta_day);
    ais_enc_u(e, 5, s->eta_hour);
    ais_enc_u(e, 6, s->eta_minute);
    ais_enc_u(e, 8, (uint32_t)lround(s->draught_m * 10));
    ais_enc_text(e, 20, s->destination);
    ais_enc_u(e, 1, 0);                             /* DTE ready */
    ais_enc_u(e, 1, 0);
}

void ais_enc_static_b(ais_enc *e, const ais_static *s, unsigned part)
{
    ais_enc_reset(e);
    ais_enc_u(e, 6, 24);
    ais_enc_u(e, 2, 0);
    ais_enc_u(e, 30, s->mmsi);
    ais_enc_u(e, 2, part);
    if (part == 0) {
        ais_enc_text(e, 20, s->shipname);
        return;
    }
    ais_enc_u(e, 8, s->shiptype);
    ais_enc_text(e, 3, s->vendorid);
    ais_enc_u(e, 4, 1);                             /* unit model */
    ais_enc_u(e, 20, s->mmsi % 1000000u);           /* serial number */
    ais_enc_text(e, 7, s->callsign);
    dimensions(e, s);
    ais_enc_u(e, 6, 0);
}

void ais_enc_aton(ais_enc *e, uint32_t mmsi, unsigned aid_type, const char *name, double lat, double lon,
                  unsigned second, bool virtual_aton, bool off_position)
{
    ais_enc_reset(e);
    ais_enc_u(e, 6, 21);
    ais_enc_u(e, 2, 0);
    ais_enc_u(e, 30, mmsi);
    ais_enc_u(e, 5, aid_type);
    ais_enc_text(e, 20, name);
    ais_enc_u(e, 1, 1);
    ais_enc_s(e, 28, lon_units(lon));
    ais_enc_s(e, 27, lat_units(lat));
    ais_enc_u(e, 9, 0);                             /* dimensions: a buoy or a light is a point */
    ais_enc_u(e, 9, 0);
    ais_enc_u(e, 6, 0);
    ais_enc_u(e, 6, 0);
    ais_enc_u(e, 4, 7);                             /* surveyed */
    ais_enc_u(e, 6, second);
    ais_enc_u(e, 1, off_position);
    ais_enc_u(e, 8, 0);
    ais_enc_u(e, 1, 0);
    ais_enc_u(e, 1, virtual_aton);
    ais_enc_u(e, 1, 0);
    ais_enc_u(e, 1, 0);
}

static void put_hex2(strbuf *out, unsigned v)
{
    static const char hex[] = "0123456789ABCDEF";
    strbuf_putc(out, hex[(v >> 4) & 15]);
    strbuf_putc(out, hex[v & 15]);
}

static unsigned xor_of(const char *p, size_t n)
{
    unsigned x = 0;
    for (size_t i = 0; i < n; i++) x ^= (unsigned char)p[i];
    return x;
}

/* "\tag*hh\" then "!AIVDM,...*hh\r\n"; each checksum covers what lies between its delimiters. */
static void write_line(strbuf *out, const char *tag, size_t tag_len, const char *body, size_t body_len)
{
    strbuf_putc(out, '\\');
    strbuf_append(out, tag, tag_len);
    strbuf_putc(out, '*');
    put_hex2(out, xor_of(tag, tag_len));
    strbuf_putc(out, '\\');
    strbuf_putc(out, '!');
    strbuf_append(out, body, body_len);
    strbuf_putc(out, '*');
    put_hex2(out, xor_of(body, body_len));
    strbuf_puts(out, "\r\n");
}

void ais_nmea_write(ais_nmea_writer *w, const ais_enc *e, int64_t time_s, char channel, size_t max_chars, strbuf *out)
{
    char payload[AIS_ENC_MAX_CHARS + 1], tag[96], body[128];
    size_t len;
    unsigned fill = ais_enc_armour(e, payload, &len);
    if (max_chars == 0 || max_chars > 60) max_chars = 60;
    size_t total = (len + max_chars - 1) / max_chars;
    if (total == 0) total = 1;
    unsigned seq = w->seq, group = w->group;
    if (total > 1) {
        w->seq = (w->seq + 1) % 10;
        w->group = w->group % 9999 + 1;
    }
    for (size_t k = 0; k < total; k++) {
        size_t off = k * max_chars, n = len - off < max_chars ? len - off : max_chars;
        int t = 0, b;
        if (total > 1) t = snprintf(tag, sizeof tag, "g:%zu-%zu-%u%s", k + 1, total, group, k == 0 ? "," : "");
        if (k == 0)
            t += snprintf(tag + t, sizeof tag - (size_t)t, "s:%.24s,c:%lld", w->source ? w->source : "SEAWALL-SIM",
                          (long long)time_s);
        if (total > 1)
            b = snprintf(body, sizeof body, "AIVDM,%zu,%zu,%u,%c,%.*s,%u", total, k + 1, seq, channel, (int)n,
                         payload + off, k + 1 == total ? fill : 0u);
        else
            b = snprintf(body, sizeof body, "AIVDM,1,1,,%c,%.*s,%u", channel, (int)n, payload + off, fill);
        write_line(out, tag, (size_t)t, body, (size_t)b);
        w->sentences++;
    }
}
