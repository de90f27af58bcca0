/* phys_syslog.c - syslog from VMS and access-control servers: RFC 5424
 * (header, structured data, message) and the older BSD form of RFC 3164
 * ("<PRI>Mmm dd hh:mm:ss host tag: message"). A profile field names a
 * header part (@timestamp @host @app @procid @msgid @msg), a structured-data
 * parameter, or a key=value / key="value" pair in the message. */
#include <stdio.h>
#include <string.h>
#include "core/cursor.h"
#include "phys/phys.h"

#define SD_MAX_PARAMS 32

typedef struct sd_param { phys_slice name, value; } sd_param;

typedef struct syslog_parts {
    phys_slice timestamp, host, app, procid, msgid, msg;
    bool rfc5424;
    sd_param params[SD_MAX_PARAMS];
    size_t n_params;
} syslog_parts;

static phys_slice take_until_space(cursor *c)
{
    phys_slice s = { (const char *)cursor_ptr(c), 0, true };
    while (cursor_left(c) && cursor_peek_u8(c, 0) != ' ') { cursor_u8(c); s.n++; }
    return s;
}

static bool is_nil(const phys_slice *s) { return s->n == 1 && s->p[0] == '-'; }

/* SD-ELEMENT: "[" SD-ID *(SP PARAM-NAME "=" '"' PARAM-VALUE '"') "]" */
static const char *structured_data(phys_decoder *d, cursor *c, syslog_parts *sp)
{
    if (cursor_peek_u8(c, 0) == '-') { cursor_u8(c); return NULL; }
    if (cursor_peek_u8(c, 0) != '[') return "structured data must be '-' or [id ...]";
    while (cursor_peek_u8(c, 0) == '[') {
        cursor_u8(c);
        size_t idn = 0;
        while (cursor_left(c) && cursor_peek_u8(c, 0) != ' ' && cursor_peek_u8(c, 0) != ']') {
            uint8_t b = cursor_u8(c);
            if (b == '=' || b == '"' || b < 33 || b > 126) return "bad SD-ID";
            idn++;
        }
        if (!idn || idn > 32) return "SD-ID must be 1 to 32 characters";
        for (;;) {
            uint8_t b = cursor_u8(c);
            if (b == ']') break;
            if (b != ' ') return "unterminated structured data";
            sd_param p = { { (const char *)cursor_ptr(c), 0, true }, { 0 } };
            while (cursor_left(c) && cursor_peek_u8(c, 0) != '=') {
                uint8_t n = cursor_u8(c);
                if (n == ' ' || n == ']' || n == '"' || n < 33 || n > 126) return "bad SD parameter name";
                p.name.n++;
            }
            if (!p.name.n || p.name.n > 32) return "SD parameter name must be 1 to 32 characters";
            if (cursor_u8(c) != '=' || cursor_u8(c) != '"') return "SD parameter needs =\"value\"";
            size_t cap = cursor_left(c);
            char *dst = phys_scratch_reserve(d, cap);
            if (!dst) return "line too long to unescape";
            size_t n = 0;
            for (;;) {
                if (!cursor_left(c)) return "unterminated SD parameter value";
                uint8_t v = cursor_u8(c);
                if (v == '"') break;
                if (v == ']') return "unescaped ']' in an SD parameter value";
                if (v == '\\' && (cursor_peek_u8(c, 0) == '"' || cursor_peek_u8(c, 0) == '\\' || cursor_peek_u8(c, 0) == ']'))
                    v = cursor_u8(c);
                dst[n++] = (char)v;
            }
            d->scratch_used -= cap - n;
            p.value = (phys_slice){ dst, n, true };
            if (sp->n_params < SD_MAX_PARAMS) sp->params[sp->n_params++] = p;
        }
    }
    return NULL;
}

static const char *parse_5424(phys_decoder *d, cursor *c, syslog_parts *sp)
{
    sp->rfc5424 = true;
    cursor_u8(c);   /* version 1 */
    if (cursor_u8(c) != ' ') return "RFC 5424 version must be followed by a space";
    phys_slice *parts[] = { &sp->timestamp, &sp->host, &sp->app, &sp->procid, &sp->msgid };
    for (size_t i = 0; i < 5; i++) {
        *parts[i] = take_until_space(c);
        if (!parts[i]->n || cursor_u8(c) != ' ') return "truncated RFC 5424 header";
        if (is_nil(parts[i])) parts[i]->set = false;
    }
    const char *err = structured_data(d, c, sp);
    if (err) return err;
    if (cursor_left(c)) {
        if (cursor_u8(c) != ' ') return "text right after the structured data";
        if (cursor_peek_u8(c, 0) == 0xEF && cursor_peek_u8(c, 1) == 0xBB && cursor_peek_u8(c, 2) == 0xBF) cursor_skip(c, 3);
    }
    sp->msg = (phys_slice){ (const char *)cursor_ptr(c), cursor_left(c), true };
    return NULL;
}

static const char *parse_3164(cursor *c, syslog_parts *sp)
{
    /* "Mmm dd hh:mm:ss" is 15 characters (day padded with a space). */
    if (!cursor_has(c, 16)) return "truncated RFC 3164 header";
    sp->timestamp = (phys_slice){ (const char *)cursor_ptr(c), 15, true };
    cursor_skip(c, 15);
    if (cursor_u8(c) != ' ') return "RFC 3164 timestamp must be followed by a space";
    sp->host = take_until_space(c);
    if (cursor_u8(c) != ' ') return "truncated RFC 3164 header (no tag)";
    sp->app = (phys_slice){ (const char *)cursor_ptr(c), 0, true };
    while (cursor_left(c) && cursor_peek_u8(c, 0) != ':' && cursor_peek_u8(c, 0) != '[' && cursor_peek_u8(c, 0) != ' ') {
        cursor_u8(c);
        sp->app.n++;
    }
    if (cursor_peek_u8(c, 0) == '[') {
        cursor_u8(c);
        sp->procid = (phys_slice){ (const char *)cursor_ptr(c), 0, true };
        while (cursor_left(c) && cursor_peek_u8(c, 0) != ']') { cursor_u8(c); sp->procid.n++; }
        if (cursor_u8(c) != ']') return "unterminated [pid] in the tag";
    }
    if (cursor_peek_u8(c, 0) == ':') cursor_u8(c);
    while (cursor_peek_u8(c, 0) == ' ') cursor_u8(c);
    sp->msg = (phys_slice){ (const char *)cursor_ptr(c), cursor_left(c), true };
    return NULL;
}

/* key=value or key="value" in the message; the key must start a token. */
static phys_slice message_value(phys_decoder *d, const phys_slice *msg, const char *key)
{
    phys_slice none = { 0 };
    size_t kl = strlen(key);
    cursor c = cursor_make(msg->p, msg->n);
    for (size_t i = 0; i + kl < msg->n; i++) {
        if (i && cursor_peek_u8(&c, i - 1) != ' ' && cursor_peek_u8(&c, i - 1) != ',' && cursor_peek_u8(&c, i - 1) != ';') continue;
        if (memcmp(msg->p + i, key, kl) || cursor_peek_u8(&c, i + kl) != '=') continue;
        cursor v = cursor_make(msg->p + i + kl + 1, msg->n - i - kl - 1);
        if (cursor_peek_u8(&v, 0) == '"') {
            cursor_u8(&v);
            size_t cap = cursor_left(&v);
            char *dst = phys_scratch_reserve(d, cap);
            if (!dst) return none;
            size_t n = 0;
            while (cursor_left(&v) && cursor_peek_u8(&v, 0) != '"') {
                uint8_t b = cursor_u8(&v);
                if (b == '\\' && cursor_left(&v)) b = cursor_u8(&v);
                dst[n++] = (char)b;
            }
            d->scratch_used -= cap - n;
            if (!cursor_left(&v)) return none;   /* unterminated: not a value */
            return (phys_slice){ dst, n, true };
        }
        size_t n = 0;
        while (n < cursor_left(&v) && cursor_peek_u8(&v, n) != ' ' && cursor_peek_u8(&v, n) != ',' && cursor_peek_u8(&v, n) != ';') n++;
        return (phys_slice){ (const char *)cursor_ptr(&v), n, true };
    }
    return none;
}

const char *phys_syslog_fields(phys_decoder *d, const char *line, size_t len, phys_slice out[PF__COUNT], sw_time_us *hdr_time,
                               bool *has_hdr_time)
{
    cursor c = cursor_make(line, len);
    if (cursor_u8(&c) != '<') return "not syslog: no <PRI>";
    int pri = 0, digits = 0;
    while (cursor_peek_u8(&c, 0) >= '0' && cursor_peek_u8(&c, 0) <= '9' && digits < 4) { pri = pri * 10 + (cursor_u8(&c) - '0'); digits++; }
    if (!digits || digits > 3 || pri > 191 || cursor_u8(&c) != '>') return "bad syslog <PRI>";
    syslog_parts sp;
    memset(&sp, 0, sizeof sp);
    const char *err = cursor_peek_u8(&c, 0) == '1' && cursor_peek_u8(&c, 1) == ' ' ? parse_5424(d, &c, &sp) : parse_3164(&c, &sp);
    if (err) return err;
    *has_hdr_time = false;
    if (sp.timestamp.set) {
        phys_profile hp = *d->prof;
        if (sp.rfc5424) hp.time_format = PHYS_TIME_ISO8601;
        else {
            hp.time_format = PHYS_TIME_PATTERN;
            snprintf(hp.time_pattern, sizeof hp.time_pattern, "%%b %%d %%H:%%M:%%S");
        }
        if (!phys_time_parse(&hp, d->tz, d->year_hint, sp.timestamp.p, sp.timestamp.n, hdr_time)) return "bad syslog timestamp";
        *has_hdr_time = true;
    }
    for (int f = 0; f < PF__COUNT; f++) {
        const char *name = d->prof->field[f];
        if (!name[0]) continue;
        if (name[0] == '@') {
            if (!strcmp(name, "@timestamp")) continue;   /* the header time, already parsed */
            if (!strcmp(name, "@host")) out[f] = sp.host;
            else if (!strcmp(name, "@app")) out[f] = sp.app;
            else if (!strcmp(name, "@procid")) out[f] = sp.procid;
            else if (!strcmp(name, "@msgid")) out[f] = sp.msgid;
            else if (!strcmp(name, "@msg")) out[f] = sp.msg;
            continue;
        }
        size_t nl = strlen(name);
        for (size_t i = 0; i < sp.n_params && !out[f].set; i++)
            if (sp.params[i].name.n == nl && !memcmp(sp.params[i].name.p, name, nl)) out[f] = sp.params[i].value;
        if (!out[f].set && sp.msg.set) out[f] = message_value(d, &sp.msg, name);
    }
    return NULL;
}
