/* compliance_checks.c - the live evidence checks of compliance_checks.def,
 * evaluated from what the sensors stored: each gives a status, a one-line
 * reason with its numbers, and the alerts, flows or assets behind it. */
#include "analysis/compliance_checks.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "core/timeutil.h"
#include "store/store_compliance.h"
#include "store/store_inventory.h"
#include "store/store_observe.h"
#include "store/store_query.h"

static const comp_check checks[] = {
#define COMP_CHECK(e, name, what, counts) { COMP_CHECK_##e, name, what, counts },
#include "analysis/compliance_checks.def"
#undef COMP_CHECK
};

const comp_check *comp_check_find(const char *name)
{
    for (size_t i = 0; i < COMP_CHECK__COUNT; i++)
        if (!strcmp(checks[i].name, name)) return &checks[i];
    return NULL;
}

const char *comp_check_names(void)
{
    static char names[512];
    if (!names[0]) {
        size_t at = 0;
        for (size_t i = 0; i < COMP_CHECK__COUNT && at < sizeof names; i++)
            at += (size_t)snprintf(names + at, sizeof names - at, "%s%s", i ? ", " : "", checks[i].name);
    }
    return names;
}

bool comp_check_count_name(const comp_check *c, size_t i, char *buf, size_t size)
{
    if (!c || i >= COMP_RESULT_COUNTS || !size) return false;
    const char *p = c->counts;
    for (; i && *p; i--) {
        p += strcspn(p, ",");
        if (*p) p++;
    }
    if (!*p) return false;
    size_t n = strcspn(p, ",");
    snprintf(buf, size, "%.*s", (int)(n < size - 1 ? n : size - 1), p);
    return true;
}

static const char *const status_names[COMP_STATUS__COUNT] = { "met", "partial", "not-met", "not-applicable", "unassessed" };

const char *comp_status_name(comp_status s) { return s < COMP_STATUS__COUNT ? status_names[s] : "?"; }

bool comp_status_parse(const char *s, comp_status *out)
{
    for (int i = 0; i < COMP_UNASSESSED; i++)
        if (!strcmp(s, status_names[i])) { *out = (comp_status)i; return true; }
    return false;
}

void comp_result_add_item(comp_result *r, const char *fmt, ...)
{
    r->n_total++;
    if (r->n_items == COMP_EVIDENCE_MAX) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->items[r->n_items++], sizeof r->items[0], fmt, ap);
    va_end(ap);
}

static int64_t window_start(const comp_check_ctx *c) { return c->now_us - (int64_t)c->window_days * 86400 * 1000000; }

/* The sensors must have stored traffic in the window, or "no violation" means
 * nothing; for one zone (a 62443 zone assessment), traffic to or from that
 * zone: other zones' traffic says nothing of it. Fills the reason and returns
 * false when there is none. */
static bool coverage(const comp_check_ctx *c, comp_result *r, int64_t *flows, sw_error *err, sw_code *rc)
{
    int64_t newest;
    *rc = store_comp_observed(c->s, window_start(c), c->zone, flows, &newest, err);
    if (*rc) return false;
    if (*flows > 0) return true;
    char a[SW_TIME_STR_MAX], b[SW_TIME_STR_MAX];
    r->status = COMP_UNASSESSED;
    if (c->zone && newest)
        snprintf(r->reason, sizeof r->reason,
                 "no traffic to or from zone %s stored in the %d days up to %s: no sensor sees it, or nothing talked to it",
                 c->zone, c->window_days, time_fmt_rfc3339(c->now_us, 0, a));
    else if (newest)
        snprintf(r->reason, sizeof r->reason,
                 "no traffic stored in the %d days up to %s (newest observation %s; assess --at latest to judge that data)",
                 c->window_days, time_fmt_rfc3339(c->now_us, 0, a), time_fmt_rfc3339(newest, 0, b));
    else
        snprintf(r->reason, sizeof r->reason, "no traffic stored yet: run seawall sense --store");
    return false;
}

typedef struct alert_scan {
    const comp_check_ctx *c;
    const char *prefix;          /* rule ids starting with this */
    comp_result *r;
    int64_t alerts;
    /* distinct (rule, src, dst, port) flows, by a small open table of hashes */
    uint64_t seen[1024];
    int64_t flows;
} alert_scan;

static bool zone_touches(const char *zone, const store_alert_row *a)
{
    return !zone || (a->src_zone && !strcmp(a->src_zone, zone)) || (a->dst_zone && !strcmp(a->dst_zone, zone));
}

static uint64_t fnv(uint64_t h, const char *s)
{
    for (; s && *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return (h ^ 0xff) * 1099511628211ull;
}

static int alert_row(void *ctx, const store_alert_row *a)
{
    alert_scan *x = ctx;
    if (strncmp(a->rule_id, x->prefix, strlen(x->prefix)) || !zone_touches(x->c->zone, a)) return 0;
    if (a->ts > x->c->now_us) return 0;
    x->alerts++;
    char port[24];
    snprintf(port, sizeof port, "%lld", (long long)a->dst_port);
    uint64_t h = fnv(fnv(fnv(fnv(1469598103934665603ull, a->rule_id), a->src_ip), a->dst_ip), port);
    h |= 1;
    size_t at = h & 1023;
    for (size_t probe = 0; probe < 1024; probe++, at = (at + 1) & 1023) {
        if (x->seen[at] == h) return 0;          /* a flow already cited */
        if (!x->seen[at]) { x->seen[at] = h; break; }
    }
    x->flows++;
    char t[SW_TIME_STR_MAX];
    comp_result_add_item(x->r, "%s %s %s -> %s:%s%s%s (%s -> %s)", time_fmt_rfc3339(a->ts, 0, t), a->rule_id,
             a->src_ip ? a->src_ip : "?", a->dst_ip ? a->dst_ip : "?", a->dst_port >= 0 ? port : "-",
             a->protocol ? " " : "", a->protocol ? a->protocol : "", a->src_zone ? a->src_zone : "?",
             a->dst_zone ? a->dst_zone : "?");
    return 0;
}

static sw_code scan_alerts(const comp_check_ctx *c, const char *prefix, comp_result *r, alert_scan *x, sw_error *err)
{
    memset(x, 0, sizeof *x);
    x->c = c;
    x->prefix = prefix;
    x->r = r;
    store_alert_filter f = { .since = window_start(c) };
    return store_list_alerts(c->s, &f, alert_row, x, err);
}

/* A check judged from the stored alerts of one rule family. An alert is a
 * violation seen on the wire, so any alert makes the requirement not met;
 * what no alert proves depends on the rule. */
typedef struct alert_check {
    const char *prefix;          /* rule ids starting with this */
    const char *what;            /* the alerts as the reason names them: "conduit-violation (SW-SEG-*)" */
    /* NULL when every violation in the stored traffic would raise the rule,
     * so no alert over traffic is the requirement met. Otherwise the wire
     * cannot show every violation (a default password never typed in clear):
     * no alert leaves the check unassessed, so the manual status stands, and
     * the reason says what was covered ("no `unseen` seen on N ...") and
     * then why that proves nothing (`blind_spot`). */
    const char *unseen, *blind_spot;
} alert_check;

static sw_code check_alerts(const comp_check_ctx *c, const alert_check *a, comp_result *r, sw_error *err)
{
    int64_t flows = 0;
    sw_code rc;
    static alert_scan x;          /* 8 KiB of flow hashes: kept off the stack */
    if ((rc = scan_alerts(c, a->prefix, r, &x, err))) return rc;
    /* An alert proves the gap whatever else was stored; only silence needs
     * the coverage that makes it mean something. */
    bool covered = coverage(c, r, &flows, err, &rc);
    if (rc) return rc;
    r->counts[0] = x.alerts;
    r->counts[1] = x.flows;
    r->counts[2] = flows;
    char zone[160] = "";
    if (x.alerts) {
        r->status = COMP_NOT_MET;
        snprintf(r->reason, sizeof r->reason, "%lld %s alert%s on %lld distinct flow%s in the last %d days%s%s",
                 (long long)x.alerts, a->what, x.alerts == 1 ? "" : "s", (long long)x.flows, x.flows == 1 ? "" : "s",
                 c->window_days, c->zone ? " touching zone " : "", c->zone ? c->zone : "");
        return SW_OK;
    }
    if (!covered) return SW_OK;   /* coverage() gave the reason */
    if (c->zone) snprintf(zone, sizeof zone, " (zone %s)", c->zone);
    if (a->blind_spot) {
        r->status = COMP_UNASSESSED;
        snprintf(r->reason, sizeof r->reason, "no %s seen on %lld stored flow summar%s in the last %d days%s; %s", a->unseen,
                 (long long)flows, flows == 1 ? "y" : "ies", c->window_days, zone, a->blind_spot);
    } else {
        r->status = COMP_MET;
        snprintf(r->reason, sizeof r->reason, "no %s alert in the last %d days over %lld stored flow summaries%s", a->what,
                 c->window_days, (long long)flows, zone);
    }
    return SW_OK;
}

static const alert_check segmentation = { "SW-SEG-", "conduit-violation (SW-SEG-*)", NULL, NULL };
static const alert_check cleartext = { "SW-REMOTE-CLEAR", "cleartext remote access (SW-REMOTE-CLEAR)", NULL, NULL };
/* The parsers compare logins read in clear (FTP, Telnet, HTTP and RTSP Basic,
 * SNMP v1/v2c communities) with a table of vendor defaults: a default never
 * typed, typed over TLS or SSH, or missing from the table is not seen. */
static const alert_check default_credentials = {
    "SW-CRED-DEFAULT", "vendor default credential (SW-CRED-DEFAULT)", "default credential",
    "the wire cannot show defaults that are never used in clear, so the assessment by hand stands" };

/* --- inventory coverage ------------------------------------------------------ */

typedef struct inv_scan {
    store_inventory *inv;
    comp_result *r;
    int64_t by_state[STORE_INV__COUNT];
    sw_error err;
    sw_code rc;
} inv_scan;

static int inv_asset(void *ctx, const store_asset_row *a)
{
    inv_scan *x = ctx;
    store_inv_asset j;
    if ((x->rc = store_inventory_asset(x->inv, a->id, &j, &x->err))) return 1;
    x->by_state[j.state]++;
    if (j.state == STORE_INV_NEVER_SEEN) comp_result_add_item(x->r, "declared, never seen: %s (%s, %s)", a->id, a->kind, a->ips);
    else if (j.state == STORE_INV_MISMATCH && j.n_mismatches)
        comp_result_add_item(x->r, "mismatch: %s %s declared %s, seen %s (%s)", a->id, j.mismatches[0].field,
                 j.mismatches[0].declared ? j.mismatches[0].declared : "-",
                 j.mismatches[0].observed ? j.mismatches[0].observed : "-", j.mismatches[0].source);
    return 0;
}

static int inv_host(void *ctx, const store_inv_host_row *h)
{
    inv_scan *x = ctx;
    x->by_state[h->state]++;
    if (h->state == STORE_INV_SHADOW)
        comp_result_add_item(x->r, "undeclared (shadow): %s in %s, MAC %s%s%s", h->ip, h->zone ? h->zone : "?", h->mac ? h->mac : "?",
                 h->mac_vendor ? " " : "", h->mac_vendor ? h->mac_vendor : "");
    return 0;
}

static sw_code check_inventory(const comp_check_ctx *c, comp_result *r, sw_error *err)
{
    inv_scan x = { .r = r };
    x.inv = store_inventory_open(c->s, err);
    if (!x.inv) return err ? err->code : SW_ERR_DB;
    store_asset_filter af = { .zone = c->zone };
    sw_code rc = store_list_assets(c->s, &af, inv_asset, &x, err);
    if (rc == SW_OK && x.rc) { rc = x.rc; if (err) *err = x.err; }
    if (rc == SW_OK) {
        store_inv_host_filter hf = { c->zone, STORE_INV_SHADOW, true };
        rc = store_inventory_hosts(x.inv, &hf, inv_host, &x, err);
    }
    store_inventory_close(x.inv);
    if (rc) return rc;
    int64_t declared = x.by_state[STORE_INV_MATCHED] + x.by_state[STORE_INV_MISMATCH] + x.by_state[STORE_INV_NEVER_SEEN];
    int64_t seen = x.by_state[STORE_INV_MATCHED] + x.by_state[STORE_INV_MISMATCH];
    int64_t shadow = x.by_state[STORE_INV_SHADOW];
    r->counts[0] = declared;
    r->counts[1] = x.by_state[STORE_INV_MATCHED];
    r->counts[2] = x.by_state[STORE_INV_MISMATCH];
    r->counts[3] = x.by_state[STORE_INV_NEVER_SEEN];
    r->counts[4] = shadow;
    if (seen == 0 && shadow == 0) {
        r->status = COMP_UNASSESSED;
        snprintf(r->reason, sizeof r->reason, "%lld assets declared, none seen yet: run seawall sense --store", (long long)declared);
        return SW_OK;
    }
    r->status = shadow ? COMP_NOT_MET : (x.by_state[STORE_INV_MISMATCH] || x.by_state[STORE_INV_NEVER_SEEN]) ? COMP_PARTIAL : COMP_MET;
    snprintf(r->reason, sizeof r->reason,
             "%lld declared: %lld matched, %lld mismatch, %lld never seen; %lld undeclared (shadow) device%s seen%s%s "
             "(%lld%% of declared assets confirmed on the wire)",
             (long long)declared, (long long)x.by_state[STORE_INV_MATCHED], (long long)x.by_state[STORE_INV_MISMATCH],
             (long long)x.by_state[STORE_INV_NEVER_SEEN], (long long)shadow, shadow == 1 ? "" : "s",
             c->zone ? " in zone " : "", c->zone ? c->zone : "", declared ? (long long)(seen * 100 / declared) : 0LL);
    return SW_OK;
}

/* --- vendor remote-access windows --------------------------------------------- */

/* With a zone, only vendors that maintain an asset in it count. */
static bool vendor_in_zone(const port_model *m, const model_vendor *v, const char *zone)
{
    for (size_t k = 0; v->assets_index && k < v->assets.len; k++) {
        int a = v->assets_index[k];
        if (a >= 0 && (size_t)a < m->n_assets && m->assets[a].zone && !strcmp(m->assets[a].zone, zone)) return true;
    }
    return false;
}

static sw_code check_vendors(const comp_check_ctx *c, comp_result *r, sw_error *err)
{
    if (!c->m) {
        r->status = COMP_UNASSESSED;
        snprintf(r->reason, sizeof r->reason, "the port model file is not readable: pass --model");
        return SW_OK;
    }
    int64_t remote = 0, windowed = 0;
    for (size_t i = 0; i < c->m->n_vendors; i++) {
        const model_vendor *v = &c->m->vendors[i];
        if (!v->remote_access || (c->zone && !vendor_in_zone(c->m, v, c->zone))) continue;
        remote++;
        if (v->has_window) windowed++;
        else comp_result_add_item(r, "vendor %s: remote access through %s with no agreed access_window", v->id, v->remote_access);
    }
    if (!remote) {
        r->status = COMP_NA;
        snprintf(r->reason, sizeof r->reason, "no vendor has remote access in the port model%s%s",
                 c->zone ? " to an asset of zone " : "", c->zone ? c->zone : "");
        return SW_OK;
    }
    int64_t flows;
    sw_code rc;
    bool covered = coverage(c, r, &flows, err, &rc);
    if (rc) return rc;
    static alert_scan x;
    int64_t outside = 0;
    if (covered) {
        if ((rc = scan_alerts(c, "SW-REMOTE-VENDOR-WINDOW", r, &x, err))) return rc;
        outside = x.alerts;
    }
    r->counts[0] = remote;
    r->counts[1] = windowed;
    r->counts[2] = outside;
    r->status = outside ? COMP_NOT_MET : windowed < remote ? COMP_PARTIAL : covered ? COMP_MET : COMP_UNASSESSED;
    char tail[160] = "";
    if (covered)
        snprintf(tail, sizeof tail, "; %lld session alert%s outside the window in the last %d days", (long long)outside,
                 outside == 1 ? "" : "s", c->window_days);
    snprintf(r->reason, sizeof r->reason,
             "%lld vendor%s with remote access, %lld with an agreed access window%s (MFA: the remote-access-mfa check, from the "
             "third-party register)",
             (long long)remote, remote == 1 ? "" : "s", (long long)windowed, covered ? tail : "; no traffic stored to check sessions");
    return SW_OK;
}

sw_code comp_check_run(const comp_check *c, const comp_check_ctx *ctx, comp_result *out, sw_error *err)
{
    memset(out, 0, sizeof *out);
    switch (c->id) {
    case COMP_CHECK_SEGMENTATION: return check_alerts(ctx, &segmentation, out, err);
    case COMP_CHECK_INVENTORY: return check_inventory(ctx, out, err);
    case COMP_CHECK_CLEARTEXT: return check_alerts(ctx, &cleartext, out, err);
    case COMP_CHECK_VENDOR: return check_vendors(ctx, out, err);
    case COMP_CHECK_TRAINING: return comp_check_training(ctx, out, err);
    case COMP_CHECK_DRILLS: return comp_check_drills(ctx, out, err);
    case COMP_CHECK_INCIDENT_REPORTING: return comp_check_incident_reporting(ctx, out, err);
    case COMP_CHECK_KEV_AGE: return comp_check_kev_age(ctx, out, err);
    case COMP_CHECK_REMOTE_MFA: return comp_check_remote_mfa(ctx, out, err);
    case COMP_CHECK_AWARENESS: return comp_check_awareness(ctx, out, err);
    case COMP_CHECK_DEFAULT_CREDENTIALS: return check_alerts(ctx, &default_credentials, out, err);
    case COMP_CHECK__COUNT: break;
    }
    return sw_fail(err, SW_ERR_INVALID, "unknown check");
}
