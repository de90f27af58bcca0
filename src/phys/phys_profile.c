/* phys_profile.c - mapping profiles: a small INI file that says how one
 * vendor's export is laid out ([profile]), which column, key or syslog part
 * holds each event field ([fields]) and which vendor event texts are which
 * event kinds ([kinds], in order, '*' globs). docs/phys.md documents it. */
#include <stdio.h>
#include <string.h>
#include "core/cursor.h"
#include "phys/phys.h"

typedef struct ini_line {
    char key[PHYS_NAME_MAX], value[PHYS_NAME_MAX];
} ini_line;

static bool fail(unsigned line, unsigned *err_line, char *why, size_t why_len, const char *msg, const char *arg)
{
    *err_line = line;
    snprintf(why, why_len, msg, arg);
    return false;
}

/* One token, trimmed; "quoted" keeps '=' and '#'. Stops at `stop`. */
static bool token(cursor *c, char stop, char *out, size_t cap)
{
    while (cursor_peek_u8(c, 0) == ' ' || cursor_peek_u8(c, 0) == '\t') cursor_u8(c);
    size_t n = 0;
    if (cursor_peek_u8(c, 0) == '"') {
        cursor_u8(c);
        while (cursor_left(c) && cursor_peek_u8(c, 0) != '"') {
            if (n + 1 >= cap) return false;
            out[n++] = (char)cursor_u8(c);
        }
        if (cursor_u8(c) != '"') return false;
        out[n] = '\0';
        while (cursor_peek_u8(c, 0) == ' ' || cursor_peek_u8(c, 0) == '\t') cursor_u8(c);
        return !cursor_left(c) || cursor_peek_u8(c, 0) == (uint8_t)stop;
    }
    while (cursor_left(c) && cursor_peek_u8(c, 0) != (uint8_t)stop) {
        if (n + 1 >= cap) return false;
        out[n++] = (char)cursor_u8(c);
    }
    while (n && (out[n - 1] == ' ' || out[n - 1] == '\t')) n--;
    out[n] = '\0';
    return true;
}

static bool set_profile_key(phys_profile *p, const ini_line *l, const char **why)
{
    if (!strcmp(l->key, "name")) { snprintf(p->name, sizeof p->name, "%s", l->value); return true; }
    if (!strcmp(l->key, "format")) {
        if (!strcmp(l->value, "csv")) p->format = PHYS_FMT_CSV;
        else if (!strcmp(l->value, "jsonl")) p->format = PHYS_FMT_JSONL;
        else if (!strcmp(l->value, "syslog")) p->format = PHYS_FMT_SYSLOG;
        else { *why = "format must be csv, jsonl or syslog"; return false; }
        return true;
    }
    if (!strcmp(l->key, "delimiter")) {
        if (!strcmp(l->value, "tab") || !strcmp(l->value, "\\t")) p->delimiter = '\t';
        else if (strlen(l->value) == 1 && l->value[0] != '"' && l->value[0] != '\n') p->delimiter = l->value[0];
        else { *why = "delimiter must be one character (or tab)"; return false; }
        return true;
    }
    if (!strcmp(l->key, "header")) {
        if (!strcmp(l->value, "yes") || !strcmp(l->value, "true")) p->header = true;
        else if (!strcmp(l->value, "no") || !strcmp(l->value, "false")) p->header = false;
        else { *why = "header must be yes or no"; return false; }
        return true;
    }
    if (!strcmp(l->key, "time_format")) {
        if (!strcmp(l->value, "iso8601")) p->time_format = PHYS_TIME_ISO8601;
        else if (!strcmp(l->value, "epoch")) p->time_format = PHYS_TIME_EPOCH;
        else if (!strcmp(l->value, "epoch-ms")) p->time_format = PHYS_TIME_EPOCH_MS;
        else if (strchr(l->value, '%')) {
            p->time_format = PHYS_TIME_PATTERN;
            snprintf(p->time_pattern, sizeof p->time_pattern, "%s", l->value);
            for (const char *c = l->value; *c; c++)
                if (*c == '%' && (!c[1] || !strchr("YmdHIMSfbp%", c[1]))) { *why = "time_format pattern uses %Y %m %d %H %I %M %S %f %b %p %%"; return false; }
                else if (*c == '%') c++;
        } else { *why = "time_format must be iso8601, epoch, epoch-ms or a %-pattern"; return false; }
        return true;
    }
    if (!strcmp(l->key, "time_zone")) {
        if (!strcmp(l->value, "local")) p->local_time = true;
        else if (!strcmp(l->value, "utc") || !strcmp(l->value, "UTC")) p->local_time = false;
        else { *why = "time_zone must be local (the port's) or utc"; return false; }
        return true;
    }
    *why = "unknown key in [profile] (name, format, delimiter, header, time_format, time_zone)";
    return false;
}

bool phys_profile_parse(const char *text, size_t len, phys_profile *p, unsigned *err_line, char *why, size_t why_len)
{
    memset(p, 0, sizeof *p);
    p->delimiter = ',';
    p->header = true;
    enum { S_NONE, S_PROFILE, S_FIELDS, S_KINDS } section = S_NONE;
    cursor all = cursor_make(text, len);
    unsigned line = 0;
    bool saw_format = false;
    while (cursor_left(&all)) {
        size_t n = 0;
        while (n < cursor_left(&all) && cursor_peek_u8(&all, n) != '\n') n++;
        cursor c = cursor_sub(&all, n);
        if (cursor_left(&all)) cursor_u8(&all);
        line++;
        if (n && cursor_peek_u8(&c, n - 1) == '\r') c.len--;
        if (line == 1 && cursor_peek_u8(&c, 0) == 0xEF && cursor_peek_u8(&c, 1) == 0xBB && cursor_peek_u8(&c, 2) == 0xBF)
            cursor_skip(&c, 3);
        while (cursor_peek_u8(&c, 0) == ' ' || cursor_peek_u8(&c, 0) == '\t') cursor_u8(&c);
        uint8_t first = cursor_peek_u8(&c, 0);
        if (!cursor_left(&c) || first == '#' || first == ';') continue;
        if (first == '[') {
            char name[32];
            cursor_u8(&c);
            if (!token(&c, ']', name, sizeof name) || cursor_u8(&c) != ']')
                return fail(line, err_line, why, why_len, "%s", "a section header is [profile], [fields] or [kinds]");
            if (!strcmp(name, "profile")) section = S_PROFILE;
            else if (!strcmp(name, "fields")) section = S_FIELDS;
            else if (!strcmp(name, "kinds")) section = S_KINDS;
            else return fail(line, err_line, why, why_len, "unknown section [%s]; use [profile], [fields] or [kinds]", name);
            continue;
        }
        ini_line l;
        if (!token(&c, '=', l.key, sizeof l.key) || cursor_u8(&c) != '=' || !l.key[0])
            return fail(line, err_line, why, why_len, "%s", "expected key = value (quote a key holding '=')");
        if (!token(&c, '\0', l.value, sizeof l.value) || cursor_left(&c))
            return fail(line, err_line, why, why_len, "%s", "value too long or badly quoted (95 characters at most)");
        const char *w = NULL;
        switch (section) {
        case S_NONE: return fail(line, err_line, why, why_len, "%s", "key before any [section]");
        case S_PROFILE:
            if (!set_profile_key(p, &l, &w)) return fail(line, err_line, why, why_len, "%s", w);
            if (!strcmp(l.key, "format")) saw_format = true;
            break;
        case S_FIELDS: {
            int f;
            for (f = 0; f < PF__COUNT; f++)
                if (!strcmp(l.key, phys_field_name((phys_field)f))) break;
            if (f == PF__COUNT)
                return fail(line, err_line, why, why_len, "unknown event field '%s' (time, kind, badge, person, door, reader, camera, device)", l.key);
            snprintf(p->field[f], sizeof p->field[f], "%s", l.value);
            break;
        }
        case S_KINDS: {
            phys_kind k;
            if (!phys_kind_parse(l.value, &k))
                return fail(line, err_line, why, why_len, "unknown event kind '%s' (granted, denied, forced, held-open, tamper, anti-passback, camera-online, camera-offline, video-loss, camera-tamper, motion, ignore)", l.value);
            if (p->n_kinds == PHYS_MAX_KIND_RULES) return fail(line, err_line, why, why_len, "%s", "more than 64 kind rules");
            snprintf(p->kinds[p->n_kinds].pattern, PHYS_NAME_MAX, "%s", l.key);
            p->kinds[p->n_kinds++].kind = k;
            break;
        }
        }
    }
    if (!saw_format) return fail(line ? line : 1, err_line, why, why_len, "%s", "[profile] needs format = csv, jsonl or syslog");
    if (p->format == PHYS_FMT_SYSLOG && !p->field[PF_TIME][0]) snprintf(p->field[PF_TIME], PHYS_NAME_MAX, "@timestamp");
    if (!p->field[PF_KIND][0]) return fail(line, err_line, why, why_len, "%s", "[fields] needs kind = (the column or key naming the event)");
    if (!p->field[PF_TIME][0]) return fail(line, err_line, why, why_len, "%s", "[fields] needs time = (the column or key holding the time)");
    if (!p->n_kinds) return fail(line, err_line, why, why_len, "%s", "[kinds] is empty: map at least one vendor event to a kind");
    return true;
}
