/* model_load.c - port.yaml to a port_model. The YAML tree is walked with one
 * table of field specs per object kind, so adding a field is one table line;
 * values are type-checked here and cross-references in model_validate.c. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "core/strbuf.h"
#include "model/cpe.h"
#include "model/model.h"
#include "model/model_id.h"
#include "model/model_internal.h"
#include "model/model_service.h"
#include "model/model_yaml.h"

#define MODEL_MAX_FILE_BYTES ((size_t)16 << 20)
#define MODEL_MAX_ARENA_BYTES ((size_t)1 << 30)
/* Aliases and merge keys let a small file name the same subtree many
 * times ("billion laughs"); the walk stops after this many values, or four
 * per YAML node for large files. An honest file visits each node about once. */
#define MODEL_MIN_VISIT_BUDGET ((size_t)250 * 1000)
#define MODEL_VISITS_PER_NODE 4
#define MODEL_MAX_MERGE_DEPTH 16
#define NO_OFFSET SIZE_MAX

typedef struct loader {
    port_model *m;
    diag_list *d;
    size_t visits, max_visits;
    bool over_budget;
    unsigned merge_depth;
    unsigned quiet;         /* > 0 while re-walking a mapping already diagnosed */
    const char *kind;       /* of the object whose fields are being read: "asset" */
} loader;

typedef struct field_spec field_spec;
typedef struct kind_spec kind_spec;
/* Parses v into the field; returns false when the value was rejected (and reported). */
typedef bool (*field_parse_fn)(loader *L, const ynode *v, void *obj, const field_spec *f);

struct field_spec {
    const char *name;
    field_parse_fn parse;
    size_t offset;          /* of the value in the object */
    size_t pos_offset;      /* of a model_pos for the value, or NO_OFFSET */
    size_t flag_offset;     /* of a bool set when a value was accepted, or NO_OFFSET */
    size_t count_offset;    /* lists of objects: of the size_t count, or NO_OFFSET */
    const kind_spec *sub;   /* nested mapping or list of objects */
    bool required;
};

struct kind_spec {
    const char *name;       /* for messages: "asset" */
    const field_spec *fields;
    size_t n_fields;
    size_t size;            /* of one object */
    size_t pos_offset;      /* of the object's model_pos, or NO_OFFSET */
    void (*init)(void *obj);
};

/* ---- diagnostics -------------------------------------------------------- */

#define MODEL_MAX_MESSAGE 400

void model_vdiag(diag_list *d, diag_severity sev, model_pos at, const char *fmt, va_list ap)
{
    if (!model_diag_room(d)) {
        diag_add(d, sev, at.line, at.col, "%s", "");   /* only counted: no need to format it */
        return;
    }
    /* The last tenth of the list is kept for errors, so a file with
     * thousands of warnings still shows why it fails. */
    size_t max = d->max ? d->max : 1000;
    if (sev != DIAG_ERROR && d->len + max / 10 >= max) {
        if (sev == DIAG_WARNING) d->warnings++;
        d->truncated = true;
        return;
    }
    char msg[MODEL_MAX_MESSAGE + 4];
    int n = vsnprintf(msg, MODEL_MAX_MESSAGE + 1, fmt, ap);
    if (n > MODEL_MAX_MESSAGE) memcpy(msg + MODEL_MAX_MESSAGE - 3, "...", 4);
    for (char *c = msg; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f) *c = '?';
    diag_add(d, sev, at.line, at.col, "%s", msg);
}

void model_diag(diag_list *d, diag_severity sev, model_pos at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    model_vdiag(d, sev, at, fmt, ap);
    va_end(ap);
}

static void report(loader *L, diag_severity sev, model_pos at, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void report(loader *L, diag_severity sev, model_pos at, const char *fmt, ...)
{
    if (L->quiet) return;
    va_list ap;
    va_start(ap, fmt);
    model_vdiag(L->d, sev, at, fmt, ap);
    va_end(ap);
}

static void wrong_type(loader *L, const ynode *v, const char *field, const char *want)
{
    report(L, DIAG_ERROR, v->pos, "'%s' must be %s, not %s", field, want, ynode_kind_name(v));
}

static void oom(loader *L, const ynode *v)
{
    report(L, DIAG_ERROR, v->pos, "out of memory loading the model");
    L->over_budget = true;   /* stop walking: nothing more can be stored */
}

/* Counts one visited value; false once the budget is spent. */
static bool spend(loader *L, const ynode *at)
{
    if (L->over_budget) return false;
    if (++L->visits <= L->max_visits) return true;
    /* Not through report(): this must be said even inside a quiet re-walk. */
    model_diag(L->d, DIAG_ERROR, at->pos,
               "the file expands to more than %zu values (aliases repeating large parts?); checking stopped here",
               L->max_visits);
    L->over_budget = true;
    return false;
}

static void *field_at(void *obj, size_t offset) { return (char *)obj + offset; }

static void *alloc_array(loader *L, const ynode *v, size_t n, size_t size)
{
    if (n == 0) return NULL;
    void *p = n > SIZE_MAX / size ? NULL : arena_alloc(&L->m->mem, n * size);
    if (!p) oom(L, v);
    return p;
}

/* ---- scalar values ------------------------------------------------------ */

static bool scalar_or_complain(loader *L, const ynode *v, const field_spec *f, const char *want)
{
    if (v->kind == YNODE_SCALAR) return true;
    wrong_type(L, v, f->name, want);
    return false;
}

static bool parse_string(loader *L, const ynode *v, void *obj, const field_spec *f)
{
    if (!scalar_or_complain(L, v, f, "a single value")) return false;
    *(const char **)field_at(obj, f->offset) = v->text;
    return true;
}

/* Every declared id is checked against the API's rule (model_id.h): an
 * object whose id the API cannot address would be visible in the model
 * and nowhere else. The id is kept, so references to it still resolve. */
static bool parse_id(loader *L, const ynode *v, void *obj, const field_spec *f)
{
    if (!parse_string(L, v, obj, f)) return false;
    size_t bad_at;
    if (model_id_valid(v->text, &bad_at)) return true;
    strbuf why;
    strbuf_init(&why);
    model_id_explain(&why, v->text, bad_at);
    report(L, DIAG_ERROR, v->pos, "%s id %s: ids are 1 to %d " MODEL_ID_CHARS_TEXT " (the API addresses objects by id)",
           L->kind, strbuf_cstr(&why), MODEL_ID_MAX);
    strbuf_free(&why);
    return false;
}

/* A plain (unquoted) whole number; "3" in quotes is a string, as YAML says. */
static bool scalar_to_long(const ynode *v, long *out)
{
    if (v->kind != YNODE_SCALAR || !v->plain || !v->text[0]) return false;
    char *end;
    errno = 0;
    long n = strtol(v->text, &end, 10);
    if (errno || *end) return false;
    *out = n;
    return true;
}

static bool scalar_to_double(const ynode *v, double *out)
{
    if (v->kind != YNODE_SCALAR || !v->plain || !v->text[0]) return false;
    const char *t = v->text;
    /* strtod would accept "nan", "inf" and hex floats; people mean none of these. */
    for (const char *c = t; *c; c++)
        if (!strchr("0123456789+-.eE", *c)) return false;
    char *end;
    errno = 0;
    double d = strtod(t, &end);
    if (errno || *end || !isfinite(d)) return false;
    *out = d;
    return true;
}

static bool parse_security_level(loader *L, const ynode *v, void *obj, const field_spec *f)
{
    long n;
    if (!scalar_to_long(v, &n)) {
        if (v->kind == YNODE_SCALAR)
            report(L, DIAG_ERROR, v->pos, "'%s' must be a whole number from 0 to 4, not '%s'", f->name, v->text);
        else wrong_type(L, v, f->name, "a whole number from 0 to 4");
        return false;
    }
    if (n < 0 || n > 4) {
        report(L, DIAG_ERROR, v->pos, "'%s' %ld is out of range: IEC 62443 security levels are 0 to 4", f->name, n);
        return false;
    }
    *(int *)field_at(obj, f->offset) = (int)n;
    return true;
}

/* A non-negative number: hours, containers, money. */
static bool parse_amount(loader *L, const ynode *v, void *obj, const field_spec *f)
{
    double d;
    if (!scalar_to_double(v, &d)) {
        if (v->kind == YNODE_SCALAR) report(L, DIAG_ERROR, v->pos, "'%s' must be a number, not '%s'", f->name, v->text);
        else wrong_type(L, v, f->name, "a number");
        return false;
    }
    if (d < 0) {
        report(L, DIAG_ERROR, v->pos, "'%s' must not be negative", f->name);
        return false;
    }
    *(double *)field_at(obj, f->offset) = d;
    return true;
}

static bool parse_bool(loader *L, const ynode *v, void *obj, const field_spec *f)
{
    static const char *const yes[] = { "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON" };
    static const char *const no[] = { "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF" };
    if (v->kind == YNODE_SCALAR && v->plain) {
        for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
            if (strcmp(v->text, yes[i]) == 0) { *(bool *)field_at(obj, f->offset) = true; return true; }
            if (strcmp(v->text, no[i]) == 0) { *(bool *)field_at(obj, f->offset) = false; return true; }
        }
    }
    if (v->kind == YNODE_SCALAR) report(L, DIAG_ERROR, v->pos, "'%s' must be true or false, not '%s'", f->name, v->text);
    else wrong_type(L, v, f->name, "true or false");
    return false;
}

static bool parse_domain(loader *L, const ynode *v, void *obj, const field_spec *f)
{
    static const char *const names[] = { "it", "ot", "phys" };
    if (!scalar_or_complain(L, v, f, "it, ot or phys")) return false;
    if (model_domain_parse(v->text, field_at(obj, f->offset))) return true;
    const char *near = str_suggest(v->text, names, 3);
    report(L, DIAG_ERROR, v->pos, "unknown domain '%s'; %s%s%s", v->text, near ? "did you mean '" : "use it, ot or phys",
           near ? near : "", near ? "'?" : "");
    return false;
}

static bool parse_criticality(loader *L, const ynode *v, void *obj, const field_spec *f)
{
    static const char *const names[] = { "low", "medium", "high", "crown-jewel" };
    if (!scalar_or_complain(L, v, f, "crown-jewel, high, medium or low")) return false;
    if (model_criticality_parse(v->text, field_at(obj, f->offset))) return true;
    const char *near = str_suggest(v->text, names, 4);
    report(L, DIAG_ERROR, v->pos, "unknown criticality '%s'; %s%s%s", v->text,
           near ? "did you mean '" : "use crown-jewel, high, medium or low", near ? near : "", near ? "'?" : "");
    return false;
}

static bool parse_mac(loader *L, const ynode *v, void *obj, const field_spec *f)
{
    if (!scalar_or_complain(L, v, f, "a MAC address")) return false;
    if (mac_parse(v->text, field_at(obj, f->offset))) return true;
    report(L, DIAG_ERROR, v->pos, "'%s' is not a MAC address (six hex pairs, such as \"00:1b:1b:12:34:56\")", v->text);
    return false;
}

static bool parse_cpe(loader *L, const ynode *v, void *obj, const field_spec *f)
{
    if (!scalar_or_complain(L, v, f, "a CPE 2.3 name")) return false;
    char why[160];
    if (!cpe23_valid(v->text, why, sizeof why)) {
        report(L, DIAG_ERROR, v->pos, "invalid CPE 2.3 name: %s", why);
        return false;
    }
    *(const char **)field_at(obj, f->offset) = v->text;
    return true;
}

/* ---- lists -------------------------------------------------------------- */

static bool sequence_or_complain(loader *L, const ynode *v, const field_spec *f, const char *want)
{
    if (v->kind == YNODE_SEQUENCE) return true;
    if (v->kind == YNODE_SCALAR)
        report(L, DIAG_ERROR, v->pos, "'%s' must be %s, not a single value; write [%s]", f->name, want, v->text);
    else wrong_type(L, v, f->name, want);
    return false;
}

static bool parse_strlist(loader *L, const ynode *v, void *obj, const field_spec *f)
{
    if (!sequence_or_complain(L, v, f, "a list")) return false;
    model_strlist *out = field_at(obj, f->offset);
    out->items = alloc_array(L, v, v->n, sizeof *out->items);
    out->pos = alloc_array(L, v, v->n, sizeof *out->pos);
    out->len = 0;
    if (v->n && (!out->items || !out->pos)) return false;
    for (size_t i = 0; i < v->n; i++) {
        const ynode *it = v->item[i];
        if (!spend(L, it)) return false;
        if (it->kind != YNODE_SCALAR || ynode_is_null(it)) {
            report(L, DIAG_ERROR, it->pos, "each entry of '%s' must be a single value, not %s", f->name, ynode_kind_name(it));
            continue;
        }
        out->items[out->len] = it->text;
        out->pos[out->len++] = it->pos;
    }
    return true;
}

/* A list of CPE 2.3 names, each checked like `cpe`. */
static bool parse_cpelist(loader *L, const ynode *v, void *obj, const field_spec *f)
{
    if (!parse_strlist(L, v, obj, f)) return false;
    model_strlist *out = field_at(obj, f->offset);
    bool ok = true;
    for (size_t i = 0; i < out->len; i++) {
        char why[160];
        if (!cpe23_valid(out->items[i], why, sizeof why)) {
            report(L, DIAG_ERROR, out->pos[i], "invalid CPE 2.3 name: %s", why);
            ok = false;
        }
    }
    return ok;
}

static bool parse_networks(loader *L, const ynode *v, void *obj, const field_spec *f)
{
    if (!sequence_or_complain(L, v, f, "a list of networks")) return false;
    model_zone *z = obj;
    z->networks = alloc_array(L, v, v->n, sizeof *z->networks);
    z->network_pos = alloc_array(L, v, v->n, sizeof *z->network_pos);
    z->n_networks = 0;
    if (v->n && (!z->networks || !z->network_pos)) return false;
    for (size_t i = 0; i < v->n; i++) {
        const ynode *it = v->item[i];
        if (!spend(L, it)) return false;
        ip_net net;
        if (it->kind != YNODE_SCALAR) {
            report(L, DIAG_ERROR, it->pos, "each network must be a single value such as 10.40.1.0/24, not %s",
                   ynode_kind_name(it));
            continue;
        }
        if (!ip_net_parse(it->text, &net, false)) {
            char buf[IP_STR_MAX + 4];
            if (strchr(it->text, '/') && ip_net_parse(it->text, &net, true))
                report(L, DIAG_ERROR, it->pos, "network '%s' has host bits set; did you mean %s?", it->text,
                       ip_net_fmt(&net, buf));
            else
                report(L, DIAG_ERROR, it->pos, "'%s' is not a network; write it as CIDR, such as 10.40.1.0/24", it->text);
            continue;
        }
        if (net.prefix == 0) z->catch_all = true;
        z->networks[z->n_networks] = net;
        z->network_pos[z->n_networks++] = it->pos;
    }
    return true;
}

/* Makes room for `extra` more addresses; `ip` and `ips` may both be given,
 * so earlier ones are kept. */
static bool reserve_asset_ips(loader *L, model_asset *a, size_t extra, const ynode *at)
{
    ip_addr *ips = alloc_array(L, at, a->n_ips + extra, sizeof *ips);
    model_pos *pos = alloc_array(L, at, a->n_ips + extra, sizeof *pos);
    if (!ips || !pos) return false;
    if (a->n_ips) {
        memcpy(ips, a->ips, a->n_ips * sizeof *ips);
        memcpy(pos, a->ip_pos, a->n_ips * sizeof *pos);
    }
    a->ips = ips;
    a->ip_pos = pos;
    return true;
}

/* Appends one address into room made by reserve_asset_ips. */
static void add_asset_ip(loader *L, model_asset *a, const ynode *it)
{
    ip_addr ip;
    if (it->kind != YNODE_SCALAR) {
        report(L, DIAG_ERROR, it->pos, "an address must be a single value such as 10.40.1.11, not %s", ynode_kind_name(it));
        return;
    }
    if (!ip_parse(it->text, &ip)) {
        if (strchr(it->text, '/'))
            report(L, DIAG_ERROR, it->pos, "'%s' is a network; an asset address is one address such as 10.40.1.11",
                   it->text);
        else report(L, DIAG_ERROR, it->pos, "'%s' is not an IP address", it->text);
        return;
    }
    a->ips[a->n_ips] = ip;
    a->ip_pos[a->n_ips++] = it->pos;
}

static bool parse_asset_ip(loader *L, const ynode *v, void *obj, const field_spec *f)
{
    if (v->kind != YNODE_SCALAR) {
        wrong_type(L, v, f->name, "one address (use 'ips' for a list)");
        return false;
    }
    if (!reserve_asset_ips(L, obj, 1, v)) return false;
    add_asset_ip(L, obj, v);
    return true;
}

static bool parse_asset_ips(loader *L, const ynode *v, void *obj, const field_spec *f)
{
    if (!sequence_or_complain(L, v, f, "a list of addresses")) return false;
    model_asset *a = obj;
    if (v->n && !reserve_asset_ips(L, a, v->n, v)) return false;
    for (size_t i = 0; i < v->n; i++) {
        if (!spend(L, v->item[i])) return false;
        add_asset_ip(L, a, v->item[i]);
    }
    return true;
}

static bool parse_services(loader *L, const ynode *v, void *obj, const field_spec *f)
{
    if (!sequence_or_complain(L, v, f, "a list of services")) return false;
    model_conduit *c = obj;
    c->services = alloc_array(L, v, v->n, sizeof *c->services);
    c->n_services = 0;
    if (v->n && !c->services) return false;
    for (size_t i = 0; i < v->n; i++) {
        const ynode *it = v->item[i];
        if (!spend(L, it)) return false;
        if (it->kind != YNODE_SCALAR) {
            report(L, DIAG_ERROR, it->pos, "each service must be a single value such as modbus or tcp/502, not %s",
                   ynode_kind_name(it));
            continue;
        }
        model_service s;
        const char *why, *near;
        if (!model_service_parse(it->text, &s, &why, &near)) {
            if (near)
                report(L, DIAG_ERROR, it->pos, "unknown service '%s'; did you mean '%s'?", it->text, near);
            else
                report(L, DIAG_ERROR, it->pos, "bad service '%s': %s (use a protocol name such as modbus, or tcp/502)",
                       it->text, why);
            continue;
        }
        s.text = it->text;
        s.pos = it->pos;
        c->services[c->n_services++] = s;
    }
    return true;
}


/* ---- geography ----------------------------------------------------------- */

#define MODEL_POLYGON_CHECK_POINTS 4000   /* self-intersection is O(n^2): larger rings are trusted */

/* One [lat, lon] pair; reports and returns false when it is not one. */
static bool parse_latlon(loader *L, const ynode *it, const char *field, geo_point *out)
{
    double lat, lon;
    if (it->kind != YNODE_SEQUENCE || it->n != 2) {
        report(L, DIAG_ERROR, it->pos, "each point of '%s' must be a pair [lat, lon] in degrees, such as [39.8, -8.99]",
               field);
        return false;
    }
    if (!scalar_to_double(it->item[0], &lat) || !scalar_to_double(it->item[1], &lon)) {
        report(L, DIAG_ERROR, it->pos, "each point of '%s' must be two numbers [lat, lon]", field);
        return false;
    }
    if (!geo_lat_valid(lat)) {
        report(L, DIAG_ERROR, it->item[0]->pos, "latitude %g is out of range (-90 to 90); points are [lat, lon]", lat);
        return false;
    }
    if (!geo_lon_valid(lon)) {
        report(L, DIAG_ERROR, it->item[1]->pos, "longitude %g is out of range (-180 to 180)", lon);
        return false;
    }
    out->lat = lat;
    out->lon = lon;
    return true;
}

/* A list of [lat, lon] points into freshly allocated memory; false after reporting. */
static bool parse_points(loader *L, const ynode *v, const field_spec *f, size_t min, geo_point **pts, size_t *n)
{
    if (!sequence_or_complain(L, v, f, "a list of [lat, lon] points")) return false;
    geo_point *p = alloc_array(L, v, v->n, sizeof *p);
    if (v->n && !p) return false;
    size_t k = 0;
    bool ok = true;
    for (size_t i = 0; i < v->n; i++) {
        if (!spend(L, v->item[i])) return false;
        if (parse_latlon(L, v->item[i], f->name, &p[k])) k++;
        else ok = false;
    }
    if (!ok) return false;
    /* A ring written closed (last point = first) counts its points once. */
    size_t distinct = k;
    if (k > 1 && p[0].lat == p[k - 1].lat && p[0].lon == p[k - 1].lon && min >= 3) distinct--;
    if (distinct < min) {
        report(L, DIAG_ERROR, v->pos, "'%s' has %zu point%s; it needs at least %zu", f->name, distinct,
               distinct == 1 ? "" : "s", min);
        return false;
    }
    *pts = p;
    *n = k;
    return true;
}

static bool parse_polygon(loader *L, const ynode *v, void *obj, const field_spec *f)
{
    model_polygon *poly = field_at(obj, f->offset);
    geo_point *pts;
    size_t n;
    if (!parse_points(L, v, f, 3, &pts, &n)) return false;
    size_t i, j;
    if (geo_polygon_self_intersects(pts, n, MODEL_POLYGON_CHECK_POINTS, &i, &j)) {
        const ynode *at = v->item[j < v->n ? j : 0];
        report(L, DIAG_ERROR, at->pos, "'%s' crosses itself: the edge from point %zu crosses the edge from point %zu "
               "(points count from 1); list the points in order around the area", f->name, j + 1, i + 1);
        return false;
    }
    if (geo_ring_area(pts, n) == 0) {
        report(L, DIAG_ERROR, v->pos, "'%s' has no area: its points are on one line", f->name);
        return false;
    }
    if (geo_bbox_of(pts, n).max_lon - geo_bbox_of(pts, n).min_lon > 180)
        report(L, DIAG_WARNING, v->pos, "'%s' spans more than 180 degrees of longitude; polygons across the antimeridian "
               "are not supported, split it in two", f->name);
    poly->pts = pts;
    poly->n = n;
    poly->bbox = geo_bbox_of(pts, n);
    poly->pos = v->pos;
    return true;
}

static bool parse_centerline(loader *L, const ynode *v, void *obj, const field_spec *f)
{
    model_fairway *fw = obj;
    return parse_points(L, v, f, 2, &fw->centerline, &fw->n_centerline);
}

static bool parse_angle(loader *L, const ynode *v, void *obj, const field_spec *f, double limit, const char *what)
{
    double d;
    if (!scalar_to_double(v, &d)) {
        if (v->kind == YNODE_SCALAR) report(L, DIAG_ERROR, v->pos, "'%s' must be a number of degrees, not '%s'", f->name, v->text);
        else wrong_type(L, v, f->name, "a number of degrees");
        return false;
    }
    if (d < -limit || d > limit) {
        report(L, DIAG_ERROR, v->pos, "%s %g is out of range (-%g to %g)", what, d, limit, limit);
        return false;
    }
    *(double *)field_at(obj, f->offset) = d;
    return true;
}

static bool parse_latitude(loader *L, const ynode *v, void *obj, const field_spec *f)
{
    return parse_angle(L, v, obj, f, 90, "latitude");
}

static bool parse_longitude(loader *L, const ynode *v, void *obj, const field_spec *f)
{
    return parse_angle(L, v, obj, f, 180, "longitude");
}

/* A Maritime Mobile Service Identity: nine digits, written as a number or a
 * string (base stations start with 00, which YAML would drop from a number). */
static bool parse_mmsi(loader *L, const ynode *v, void *obj, const field_spec *f)
{
    if (!scalar_or_complain(L, v, f, "an MMSI (nine digits)")) return false;
    const char *t = v->text;
    size_t len = strlen(t);
    bool digits = len > 0 && len <= 9;
    for (size_t i = 0; digits && i < len; i++) digits = t[i] >= '0' && t[i] <= '9';
    if (!digits || (!v->plain && len != 9)) {
        report(L, DIAG_ERROR, v->pos, "'%s' is not an MMSI: nine digits, such as \"002631001\" for a base station", t);
        return false;
    }
    unsigned long n = strtoul(t, NULL, 10);
    if (n == 0) {
        report(L, DIAG_ERROR, v->pos, "MMSI 0 is not a station");
        return false;
    }
    *(uint32_t *)field_at(obj, f->offset) = (uint32_t)n;
    return true;
}

/* position: {lat, lon} in degrees or {x, y} in metres on a site grid. */
static bool parse_position(loader *L, const ynode *v, void *obj, const field_spec *f)
{
    static const char *const names[] = { "lat", "lon", "x", "y" };
    if (v->kind != YNODE_MAPPING) {
        wrong_type(L, v, f->name, "a mapping such as {lat: 38.70, lon: -9.17} or {x: 120, y: 45}");
        return false;
    }
    model_position *p = field_at(obj, f->offset);
    p->pos = v->pos;
    for (size_t i = 0; i < v->n; i++) {
        const ynode *key = v->item[2 * i], *val = v->item[2 * i + 1];
        if (!spend(L, key)) return false;
        if (key->kind != YNODE_SCALAR) {
            report(L, DIAG_ERROR, key->pos, "a field name must be a plain word, not %s", ynode_kind_name(key));
            continue;
        }
        double *slot = NULL;
        bool *has = NULL;
        if (!strcmp(key->text, "lat")) { slot = &p->lat; has = &p->has_lat; }
        else if (!strcmp(key->text, "lon")) { slot = &p->lon; has = &p->has_lon; }
        else if (!strcmp(key->text, "x")) { slot = &p->x; has = &p->has_x; }
        else if (!strcmp(key->text, "y")) { slot = &p->y; has = &p->has_y; }
        if (!slot) {
            const char *near = str_suggest(key->text, names, 4);
            report(L, DIAG_ERROR, key->pos, "unknown field '%s' in position%s%s%s (use lat and lon, or x and y)", key->text,
                   near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
            continue;
        }
        if (!scalar_to_double(val, slot)) {
            report(L, DIAG_ERROR, val->pos, "position '%s' must be a number", key->text);
            continue;
        }
        *has = true;
    }
    bool geo = p->has_lat || p->has_lon, grid = p->has_x || p->has_y;
    if (geo && grid) {
        report(L, DIAG_ERROR, v->pos, "a position is lat/lon or x/y, not both");
        return false;
    }
    if (geo && (!p->has_lat || !p->has_lon)) { report(L, DIAG_ERROR, v->pos, "a position needs both lat and lon"); return false; }
    if (grid && (!p->has_x || !p->has_y)) { report(L, DIAG_ERROR, v->pos, "a position needs both x and y"); return false; }
    if (p->has_lat && (p->lat < -90 || p->lat > 90)) { report(L, DIAG_ERROR, v->pos, "lat %g is outside -90..90", p->lat); return false; }
    if (p->has_lon && (p->lon < -180 || p->lon > 180)) { report(L, DIAG_ERROR, v->pos, "lon %g is outside -180..180", p->lon); return false; }
    return true;
}

/* ---- nested mappings and lists of objects -------------------------------- */

static void load_fields(loader *L, const ynode *map, void *obj, const kind_spec *k);

static bool parse_submap(loader *L, const ynode *v, void *obj, const field_spec *f)
{
    if (v->kind != YNODE_MAPPING) {
        wrong_type(L, v, f->name, "a mapping");
        return false;
    }
    load_fields(L, v, field_at(obj, f->offset), f->sub);
    return true;
}

static bool parse_object_list(loader *L, const ynode *v, void *obj, const field_spec *f)
{
    const kind_spec *k = f->sub;
    if (v->kind != YNODE_SEQUENCE) {
        report(L, DIAG_ERROR, v->pos, "'%s' must be a list of %s entries (each starting with '- '), not %s", f->name,
               k->name, ynode_kind_name(v));
        return false;
    }
    char *items = alloc_array(L, v, v->n, k->size);
    size_t n = 0;
    if (v->n && !items) return false;
    for (size_t i = 0; i < v->n; i++) {
        const ynode *it = v->item[i];
        if (!spend(L, it)) break;
        if (it->kind != YNODE_MAPPING) {
            report(L, DIAG_ERROR, it->pos, "each entry of '%s' must be a mapping of %s fields, not %s", f->name, k->name,
                   ynode_kind_name(it));
            continue;
        }
        void *o = items + n * k->size;
        if (k->init) k->init(o);
        load_fields(L, it, o, k);
        n++;
    }
    *(void **)field_at(obj, f->offset) = items;
    *(size_t *)field_at(obj, f->count_offset) = n;
    return true;
}

/* ---- the field tables ---------------------------------------------------- */

#define OFF(T, m) offsetof(T, m)
/* A field with no position, flag or sub-spec. */
#define PLAIN .pos_offset = NO_OFFSET, .flag_offset = NO_OFFSET, .count_offset = NO_OFFSET
#define WITH_POS(T, p) .pos_offset = OFF(T, p), .flag_offset = NO_OFFSET, .count_offset = NO_OFFSET

/* `regulatory: true`, or the list of jurisdictions where it is reportable. */
static bool parse_regulatory(loader *L, const ynode *v, void *obj, const field_spec *f)
{
    model_impact *imp = obj;
    if (v->kind == YNODE_SEQUENCE) {
        field_spec list = *f;
        list.offset = offsetof(model_impact, regulatory_in);
        if (!parse_strlist(L, v, obj, &list)) return false;
        imp->regulatory = imp->regulatory_in.len > 0;
        return true;
    }
    return parse_bool(L, v, obj, f);
}

static const field_spec impact_fields[] = {
    { "teu_per_hour", parse_amount, OFF(model_impact, teu_per_hour), NO_OFFSET, OFF(model_impact, has_teu), NO_OFFSET, NULL, false },
    { "vessel_delay_hours", parse_amount, OFF(model_impact, vessel_delay_hours), NO_OFFSET, OFF(model_impact, has_delay), NO_OFFSET, NULL, false },
    { "cost_per_hour", parse_amount, OFF(model_impact, cost_per_hour), NO_OFFSET, OFF(model_impact, has_cost), NO_OFFSET, NULL, false },
    { "safety", parse_bool, OFF(model_impact, safety), PLAIN },
    { "environment", parse_bool, OFF(model_impact, environment), PLAIN },
    { "regulatory", parse_regulatory, OFF(model_impact, regulatory), PLAIN },
};
static const kind_spec impact_kind = { "impact", impact_fields, sizeof impact_fields / sizeof impact_fields[0], sizeof(model_impact), NO_OFFSET, NULL };

static const field_spec port_fields[] = {
    { "name", parse_string, OFF(model_port, name), PLAIN },
    { "timezone", parse_string, OFF(model_port, timezone), WITH_POS(model_port, timezone_pos) },
    { "currency", parse_string, OFF(model_port, currency), PLAIN },
    { "jurisdictions", parse_strlist, OFF(model_port, jurisdictions), PLAIN },
    { "engineering_hours", parse_string, OFF(model_port, engineering_hours), WITH_POS(model_port, engineering_hours_pos) },
};
static const kind_spec port_kind = { "port", port_fields, sizeof port_fields / sizeof port_fields[0], sizeof(model_port), OFF(model_port, pos), NULL };

#define ID_FIELD(T) { "id", parse_id, OFF(T, id), OFF(T, id_pos), NO_OFFSET, NO_OFFSET, NULL, true }

static const field_spec site_fields[] = {
    ID_FIELD(model_site),
    { "name", parse_string, OFF(model_site, name), PLAIN },
    { "description", parse_string, OFF(model_site, description), PLAIN },
};

static const field_spec zone_fields[] = {
    ID_FIELD(model_zone),
    { "name", parse_string, OFF(model_zone, name), PLAIN },
    { "description", parse_string, OFF(model_zone, description), PLAIN },
    { "domain", parse_domain, OFF(model_zone, domain), PLAIN, .required = true },
    { "security_level", parse_security_level, OFF(model_zone, security_level), PLAIN },
    { "networks", parse_networks, 0, PLAIN, .required = true },
    { "site", parse_string, OFF(model_zone, site), WITH_POS(model_zone, site_pos) },
};

static const field_spec conduit_fields[] = {
    { "id", parse_id, OFF(model_conduit, id), WITH_POS(model_conduit, id_pos) },
    { "from", parse_string, OFF(model_conduit, from), WITH_POS(model_conduit, from_pos), .required = true },
    { "to", parse_string, OFF(model_conduit, to), WITH_POS(model_conduit, to_pos), .required = true },
    { "services", parse_services, 0, PLAIN, .required = true },
    { "justification", parse_string, OFF(model_conduit, justification), PLAIN },
    { "bidirectional", parse_bool, OFF(model_conduit, bidirectional), PLAIN },
};

static const field_spec asset_fields[] = {
    ID_FIELD(model_asset),
    { "name", parse_string, OFF(model_asset, name), PLAIN },
    { "kind", parse_string, OFF(model_asset, kind), WITH_POS(model_asset, kind_pos), .required = true },
    { "description", parse_string, OFF(model_asset, description), PLAIN },
    { "zone", parse_string, OFF(model_asset, zone), WITH_POS(model_asset, zone_pos), .required = true },
    { "ip", parse_asset_ip, 0, PLAIN },
    { "ips", parse_asset_ips, 0, PLAIN },
    { "mac", parse_mac, OFF(model_asset, mac), OFF(model_asset, mac_pos), OFF(model_asset, has_mac), NO_OFFSET, NULL, false },
    { "hostname", parse_string, OFF(model_asset, hostname), PLAIN },
    { "vendor", parse_string, OFF(model_asset, vendor), PLAIN },
    { "product", parse_string, OFF(model_asset, product), PLAIN },
    { "version", parse_string, OFF(model_asset, version), PLAIN },
    { "cpe", parse_cpe, OFF(model_asset, cpe), PLAIN },
    { "cpes", parse_cpelist, OFF(model_asset, cpes), PLAIN },
    { "criticality", parse_criticality, OFF(model_asset, criticality), PLAIN },
    { "impact", parse_submap, OFF(model_asset, impact), NO_OFFSET, NO_OFFSET, NO_OFFSET, &impact_kind, false },
    { "depends_on", parse_strlist, OFF(model_asset, depends_on), PLAIN },
    { "rto_hours", parse_amount, OFF(model_asset, rto_hours), PLAIN },
    { "owner", parse_string, OFF(model_asset, owner), WITH_POS(model_asset, owner_pos) },
    { "may_write", parse_strlist, OFF(model_asset, may_write), PLAIN },
    { "tags", parse_strlist, OFF(model_asset, tags), PLAIN },
    { "area", parse_string, OFF(model_asset, area), WITH_POS(model_asset, area_pos) },
    { "position", parse_position, OFF(model_asset, position), PLAIN },
    { "covers", parse_strlist, OFF(model_asset, covers), PLAIN },
};

static const field_spec entry_fields[] = {
    ID_FIELD(model_entry_point),
    { "name", parse_string, OFF(model_entry_point, name), PLAIN },
    { "kind", parse_string, OFF(model_entry_point, kind), WITH_POS(model_entry_point, kind_pos) },
    { "description", parse_string, OFF(model_entry_point, description), PLAIN },
    { "reaches", parse_strlist, OFF(model_entry_point, reaches), PLAIN },
};

static const field_spec person_fields[] = {
    ID_FIELD(model_person),
    { "name", parse_string, OFF(model_person, name), PLAIN },
    { "email", parse_string, OFF(model_person, email), PLAIN },
    { "roles", parse_strlist, OFF(model_person, roles), PLAIN },
    { "badge", parse_string, OFF(model_person, badge), PLAIN },
    { "status", parse_string, OFF(model_person, status), PLAIN },
    { "vendor", parse_string, OFF(model_person, vendor), WITH_POS(model_person, vendor_pos) },
    { "shift", parse_string, OFF(model_person, shift), OFF(model_person, shift_pos), OFF(model_person, has_shift), NO_OFFSET, NULL, false },
    { "areas", parse_strlist, OFF(model_person, areas), PLAIN },
    { "accounts", parse_strlist, OFF(model_person, accounts), PLAIN },
};

static const field_spec access_area_fields[] = {
    ID_FIELD(model_access_area),
    { "name", parse_string, OFF(model_access_area, name), PLAIN },
    { "description", parse_string, OFF(model_access_area, description), PLAIN },
    { "kind", parse_string, OFF(model_access_area, kind), WITH_POS(model_access_area, kind_pos), .required = true },
    { "zone", parse_string, OFF(model_access_area, zone), WITH_POS(model_access_area, zone_pos) },
    { "assets", parse_strlist, OFF(model_access_area, assets), PLAIN },
    { "hours", parse_string, OFF(model_access_area, hours), OFF(model_access_area, hours_pos), OFF(model_access_area, has_hours), NO_OFFSET, NULL, false },
};

static const field_spec vendor_fields[] = {
    ID_FIELD(model_vendor),
    { "name", parse_string, OFF(model_vendor, name), PLAIN },
    { "contact", parse_string, OFF(model_vendor, contact), PLAIN },
    { "remote_access", parse_string, OFF(model_vendor, remote_access), WITH_POS(model_vendor, remote_access_pos) },
    { "assets", parse_strlist, OFF(model_vendor, assets), PLAIN },
    { "access_window", parse_string, OFF(model_vendor, access_window), WITH_POS(model_vendor, access_window_pos) },
    { "access_from", parse_strlist, OFF(model_vendor, access_from), PLAIN },
};


static const field_spec area_fields[] = {
    ID_FIELD(model_area),
    { "name", parse_string, OFF(model_area, name), PLAIN },
    { "description", parse_string, OFF(model_area, description), PLAIN },
    { "polygon", parse_polygon, OFF(model_area, polygon), PLAIN, .required = true },
};

/* The VTS area has no id: there is one. */
static const field_spec vts_area_fields[] = {
    { "name", parse_string, OFF(model_area, name), PLAIN },
    { "description", parse_string, OFF(model_area, description), PLAIN },
    { "polygon", parse_polygon, OFF(model_area, polygon), PLAIN, .required = true },
};

static const field_spec fairway_fields[] = {
    ID_FIELD(model_fairway),
    { "name", parse_string, OFF(model_fairway, name), PLAIN },
    { "description", parse_string, OFF(model_fairway, description), PLAIN },
    { "centerline", parse_centerline, 0, WITH_POS(model_fairway, centerline_pos), .required = true },
    { "width_m", parse_amount, OFF(model_fairway, width_m), PLAIN },
};

static const field_spec berth_fields[] = {
    ID_FIELD(model_berth),
    { "name", parse_string, OFF(model_berth, name), PLAIN },
    { "description", parse_string, OFF(model_berth, description), PLAIN },
    { "site", parse_string, OFF(model_berth, site), WITH_POS(model_berth, site_pos) },
    { "kind", parse_string, OFF(model_berth, kind), PLAIN },
    { "polygon", parse_polygon, OFF(model_berth, polygon), PLAIN },
    { "lat", parse_latitude, OFF(model_berth, lat), OFF(model_berth, lat_pos), OFF(model_berth, has_lat), NO_OFFSET, NULL, false },
    { "lon", parse_longitude, OFF(model_berth, lon), NO_OFFSET, OFF(model_berth, has_lon), NO_OFFSET, NULL, false },
    { "radius_m", parse_amount, OFF(model_berth, radius_m), NO_OFFSET, OFF(model_berth, has_radius), NO_OFFSET, NULL, false },
};

static const field_spec ais_station_fields[] = {
    ID_FIELD(model_ais_station),
    { "name", parse_string, OFF(model_ais_station, name), PLAIN },
    { "description", parse_string, OFF(model_ais_station, description), PLAIN },
    { "mmsi", parse_mmsi, OFF(model_ais_station, mmsi), WITH_POS(model_ais_station, mmsi_pos), .required = true },
    { "lat", parse_latitude, OFF(model_ais_station, lat), OFF(model_ais_station, lat_pos), OFF(model_ais_station, has_lat), NO_OFFSET, NULL, true },
    { "lon", parse_longitude, OFF(model_ais_station, lon), NO_OFFSET, OFF(model_ais_station, has_lon), NO_OFFSET, NULL, true },
    { "virtual", parse_bool, OFF(model_ais_station, is_virtual), PLAIN },
};

static void init_zone(void *o)
{
    model_zone *z = o;
    z->site_index = -1;
    z->security_level = 1;
}

static void init_conduit(void *o)
{
    model_conduit *c = o;
    c->from_index = c->to_index = -1;
}

static void init_asset(void *o)
{
    model_asset *a = o;
    a->zone_index = a->owner_index = -1;
    a->rto_hours = -1;
    a->criticality = CRIT_MEDIUM;
    a->area_index = -1;
}

static void init_access_area(void *o)
{
    model_access_area *a = o;
    a->zone_index = -1;
}

static void init_person(void *o)
{
    model_person *p = o;
    p->status = "active";
}

#define KIND(name, fields, T, init) { name, fields, sizeof fields / sizeof fields[0], sizeof(T), OFF(T, pos), init }
static const kind_spec site_kind = KIND("site", site_fields, model_site, NULL);
static const kind_spec zone_kind = KIND("zone", zone_fields, model_zone, init_zone);
static const kind_spec conduit_kind = KIND("conduit", conduit_fields, model_conduit, init_conduit);
static const kind_spec asset_kind = KIND("asset", asset_fields, model_asset, init_asset);
static const kind_spec entry_kind = KIND("entry point", entry_fields, model_entry_point, NULL);
static const kind_spec person_kind = KIND("person", person_fields, model_person, init_person);
static const kind_spec vendor_kind = KIND("vendor", vendor_fields, model_vendor, NULL);
static const kind_spec access_area_kind = KIND("area", access_area_fields, model_access_area, init_access_area);


static void init_berth(void *o)
{
    model_berth *b = o;
    b->site_index = -1;
}

static void init_ais_station(void *o)
{
    model_ais_station *st = o;
    st->asset_index = -1;
}

static const kind_spec area_kind = KIND("area", area_fields, model_area, NULL);
static const kind_spec anchorage_kind = KIND("anchorage", area_fields, model_area, NULL);
static const kind_spec vts_area_kind = KIND("vts_area", vts_area_fields, model_area, NULL);
static const kind_spec fairway_kind = KIND("fairway", fairway_fields, model_fairway, NULL);
static const kind_spec berth_kind = KIND("berth", berth_fields, model_berth, init_berth);
static const kind_spec base_station_kind = KIND("AIS base station", ais_station_fields, model_ais_station, init_ais_station);
static const kind_spec aton_kind = KIND("aid to navigation", ais_station_fields, model_ais_station, init_ais_station);

#define LIST(key, T, arr, count, kind) { key, parse_object_list, OFF(T, arr), NO_OFFSET, NO_OFFSET, OFF(T, count), &kind, false }
static const field_spec geography_fields[] = {
    { "vts_area", parse_submap, OFF(model_geography, vts_area), NO_OFFSET, NO_OFFSET, NO_OFFSET, &vts_area_kind, false },
    LIST("water", model_geography, water, n_water, area_kind),
    LIST("land", model_geography, land, n_land, area_kind),
    LIST("fairways", model_geography, fairways, n_fairways, fairway_kind),
    LIST("berths", model_geography, berths, n_berths, berth_kind),
    LIST("anchorages", model_geography, anchorages, n_anchorages, anchorage_kind),
    LIST("ais_base_stations", model_geography, ais_base_stations, n_ais_base_stations, base_station_kind),
    LIST("aids_to_navigation", model_geography, aids_to_navigation, n_aids_to_navigation, aton_kind),
};
static const kind_spec geography_kind = { "geography", geography_fields, sizeof geography_fields / sizeof geography_fields[0],
                                          sizeof(model_geography), OFF(model_geography, pos), NULL };

static const field_spec model_fields[] = {
    { "port", parse_submap, OFF(port_model, port), NO_OFFSET, NO_OFFSET, NO_OFFSET, &port_kind, false },
    LIST("sites", port_model, sites, n_sites, site_kind),
    LIST("zones", port_model, zones, n_zones, zone_kind),
    LIST("conduits", port_model, conduits, n_conduits, conduit_kind),
    LIST("assets", port_model, assets, n_assets, asset_kind),
    LIST("entry_points", port_model, entry_points, n_entry_points, entry_kind),
    LIST("people", port_model, people, n_people, person_kind),
    LIST("vendors", port_model, vendors, n_vendors, vendor_kind),
    { "geography", parse_submap, OFF(port_model, geo), NO_OFFSET, NO_OFFSET, NO_OFFSET, &geography_kind, false },
    LIST("areas", port_model, access_areas, n_access_areas, access_area_kind),
};
static const kind_spec model_kind = { "port model", model_fields, sizeof model_fields / sizeof model_fields[0], sizeof(port_model), NO_OFFSET, NULL };

/* ---- the walker --------------------------------------------------------- */

static int find_field(const kind_spec *k, const char *name)
{
    for (size_t i = 0; i < k->n_fields; i++)
        if (strcmp(k->fields[i].name, name) == 0) return (int)i;
    return -1;
}

static void warn_unknown_field(loader *L, const ynode *key, const kind_spec *k)
{
    const char *names[64];
    size_t n = 0;
    for (size_t i = 0; i < k->n_fields && n < 64; i++) names[n++] = k->fields[i].name;
    const char *near = model_diag_room(L->d) ? str_suggest(key->text, names, n) : NULL;
    if (near)
        report(L, DIAG_WARNING, key->pos, "unknown field '%s' in %s; did you mean '%s'?", key->text, k->name, near);
    else
        report(L, DIAG_WARNING, key->pos, "unknown field '%s' in %s (ignored)", key->text, k->name);
}

typedef struct field_marks {
    uint64_t set;      /* key seen, so a merged mapping may not override it */
    uint64_t valued;   /* a non-null value was given */
} field_marks;

static void apply_pairs(loader *L, const ynode *map, void *obj, const kind_spec *k, field_marks *marks);

/* Applies one merged mapping. Its values are the same at every use, so its
 * problems are reported the first time only. */
static void apply_merged_mapping(loader *L, ynode *v, void *obj, const kind_spec *k, field_marks *marks)
{
    ynode *origin = v->origin ? v->origin : v;
    bool again = origin->merged_as == k;
    origin->merged_as = k;
    if (again) L->quiet++;
    apply_pairs(L, v, obj, k, marks);
    if (again) L->quiet--;
}

/* YAML merge keys ("<<: *defaults") are not done by libyaml, and port
 * files use them for shared asset defaults, so they are applied here:
 * explicit keys win, then merged mappings in the order given. */
static void apply_merge(loader *L, ynode *v, void *obj, const kind_spec *k, field_marks *marks)
{
    if (L->merge_depth >= MODEL_MAX_MERGE_DEPTH) {
        report(L, DIAG_ERROR, v->pos, "merge keys ('<<') nest deeper than %d levels", MODEL_MAX_MERGE_DEPTH);
        return;
    }
    L->merge_depth++;
    if (v->kind == YNODE_MAPPING) {
        apply_merged_mapping(L, v, obj, k, marks);
    } else if (v->kind == YNODE_SEQUENCE) {
        for (size_t i = 0; i < v->n; i++) {
            if (v->item[i]->kind == YNODE_MAPPING) apply_merged_mapping(L, v->item[i], obj, k, marks);
            else report(L, DIAG_ERROR, v->item[i]->pos, "'<<' merges mappings, not %s", ynode_kind_name(v->item[i]));
        }
    } else {
        report(L, DIAG_ERROR, v->pos, "'<<' merges a mapping or a list of mappings, not %s", ynode_kind_name(v));
    }
    L->merge_depth--;
}

static void apply_pairs(loader *L, const ynode *map, void *obj, const kind_spec *k, field_marks *marks)
{
    for (size_t i = 0; i < map->n; i++) {
        const ynode *key = map->item[2 * i], *val = map->item[2 * i + 1];
        if (!spend(L, key)) return;
        if (key->kind != YNODE_SCALAR) {
            report(L, DIAG_ERROR, key->pos, "a field name must be a plain word, not %s", ynode_kind_name(key));
            continue;
        }
        if (strcmp(key->text, "<<") == 0) continue;          /* after the explicit keys */
        if (str_has_prefix(key->text, "x-")) continue;       /* extension fields, e.g. to hold anchors */
        int fi = find_field(k, key->text);
        if (fi < 0) {
            warn_unknown_field(L, key, k);
            continue;
        }
        uint64_t bit = (uint64_t)1 << fi;
        if (marks->set & bit) continue;
        marks->set |= bit;
        if (ynode_is_null(val)) continue;                     /* "name:" with nothing is the same as leaving it out */
        const field_spec *f = &k->fields[fi];
        marks->valued |= bit;
        if (f->pos_offset != NO_OFFSET) *(model_pos *)field_at(obj, f->pos_offset) = val->pos;
        if (f->parse(L, val, obj, f) && f->flag_offset != NO_OFFSET) *(bool *)field_at(obj, f->flag_offset) = true;
    }
    for (size_t i = 0; i < map->n; i++) {
        const ynode *key = map->item[2 * i];
        if (key->kind == YNODE_SCALAR && strcmp(key->text, "<<") == 0) apply_merge(L, map->item[2 * i + 1], obj, k, marks);
    }
}

static void load_fields(loader *L, const ynode *map, void *obj, const kind_spec *k)
{
    field_marks marks = { 0, 0 };
    if (k->pos_offset != NO_OFFSET) *(model_pos *)field_at(obj, k->pos_offset) = map->pos;
    const char *outer = L->kind;
    L->kind = k->name;
    apply_pairs(L, map, obj, k, &marks);
    L->kind = outer;
    if (L->over_budget) return;
    /* Every kind's first field is its id (when it has one), which names the object in messages. */
    const char *id = NULL;
    if (k->n_fields && strcmp(k->fields[0].name, "id") == 0) id = *(const char **)field_at(obj, k->fields[0].offset);
    for (size_t i = 0; i < k->n_fields; i++) {
        if (!k->fields[i].required || (marks.valued & ((uint64_t)1 << i))) continue;
        if (id)
            report(L, DIAG_ERROR, map->pos, "%s '%s' is missing required field '%s'", k->name, id, k->fields[i].name);
        else
            report(L, DIAG_ERROR, map->pos, "%s is missing required field '%s'", k->name, k->fields[i].name);
    }
}

static void load_model(loader *L, const ynode *root)
{
    if (root->kind != YNODE_MAPPING) {
        report(L, DIAG_ERROR, root->pos,
               "the top level of a port model must be a mapping with sections such as port, zones, conduits and assets, not %s",
               ynode_kind_name(root));
        return;
    }
    load_fields(L, root, L->m, &model_kind);
}

/* ---- entry points -------------------------------------------------------- */

/* Sorted by position, with repeats removed: a merged or aliased mapping
 * with a problem would otherwise report it once per use. */
static void finish_diags(diag_list *d)
{
    diag_sort(d);
    size_t out = 0;
    for (size_t i = 0; i < d->len; i++) {
        diag *g = &d->items[i];
        if (out > 0) {
            const diag *prev = &d->items[out - 1];
            if (prev->line == g->line && prev->col == g->col && prev->severity == g->severity &&
                strcmp(prev->message, g->message) == 0) {
                if (g->severity == DIAG_ERROR) d->errors--;
                else if (g->severity == DIAG_WARNING) d->warnings--;
                free(g->message);
                continue;
            }
        }
        d->items[out++] = *g;
    }
    d->len = out;
}

static port_model *model_new(const char *name)
{
    port_model *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    arena_init(&m->mem, 0);
    m->mem.limit = MODEL_MAX_ARENA_BYTES;
    hashmap_init(&m->site_by_id);
    hashmap_init(&m->zone_by_id);
    hashmap_init(&m->asset_by_id);
    hashmap_init(&m->person_by_id);
    hashmap_init(&m->vendor_by_id);
    hashmap_init(&m->entry_by_id);
    hashmap_init(&m->asset_by_ip);
    m->path = arena_strdup(&m->mem, name ? name : "<input>");
    return m;
}

port_model *model_load_buffer(const char *data, size_t len, const char *name, diag_list *diags)
{
    port_model *m = model_new(name);
    if (!m) return NULL;
    if (len > MODEL_MAX_FILE_BYTES) {
        diag_add(diags, DIAG_ERROR, 1, 1, "the file is larger than 16 MiB; a port model is far smaller");
        return m;
    }
    size_t nodes = 0;
    const ynode *root = ytree_parse(&m->mem, data ? data : "", data ? len : 0, diags, &nodes);
    if (root) {
        loader L = { .m = m, .d = diags };
        L.max_visits = nodes > MODEL_MIN_VISIT_BUDGET / MODEL_VISITS_PER_NODE ? nodes * MODEL_VISITS_PER_NODE
                                                                               : MODEL_MIN_VISIT_BUDGET;
        load_model(&L, root);
        if (!L.over_budget) model_validate(m, diags);
    }
    finish_diags(diags);
    return m;
}

/* Reads the whole file, refusing anything that is not a regular file of sane size. */
static char *read_file(const char *path, size_t *len, diag_list *diags)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        diag_add(diags, DIAG_ERROR, 0, 0, "cannot open: %s", strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        diag_add(diags, DIAG_ERROR, 0, 0, "cannot read: not a regular file");
        close(fd);
        return NULL;
    }
    if ((uint64_t)st.st_size > MODEL_MAX_FILE_BYTES) {
        diag_add(diags, DIAG_ERROR, 0, 0, "cannot read: larger than 16 MiB, too big for a port model");
        close(fd);
        return NULL;
    }
    size_t cap = (size_t)st.st_size;
    char *buf = malloc(cap + 1);
    if (!buf) {
        diag_add(diags, DIAG_ERROR, 0, 0, "cannot read: out of memory");
        close(fd);
        return NULL;
    }
    size_t got = 0;
    while (got < cap) {
        ssize_t r = read(fd, buf + got, cap - got);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) {
            diag_add(diags, DIAG_ERROR, 0, 0, "cannot read: %s", strerror(errno));
            free(buf);
            close(fd);
            return NULL;
        }
        if (r == 0) break;   /* the file shrank while we read it */
        got += (size_t)r;
    }
    close(fd);
    buf[got] = '\0';
    *len = got;
    return buf;
}

port_model *model_load_file(const char *path, diag_list *diags)
{
    size_t len = 0;
    char *data = read_file(path, &len, diags);
    if (!data) return NULL;
    port_model *m = model_load_buffer(data, len, path, diags);
    free(data);
    return m;
}

void model_free(port_model *m)
{
    if (!m) return;
    hashmap_free(&m->site_by_id);
    hashmap_free(&m->zone_by_id);
    hashmap_free(&m->asset_by_id);
    hashmap_free(&m->person_by_id);
    hashmap_free(&m->vendor_by_id);
    hashmap_free(&m->entry_by_id);
    hashmap_free(&m->asset_by_ip);
    arena_free(&m->mem);
    free(m);
}
