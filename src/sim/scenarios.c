/* scenarios.c - the scenario table, built from scenarios.def, and the
 * model queries scenarios share to find their actors on any port. */
#include <ctype.h>
#include <string.h>
#include "sim/scenario.h"

#define SIM_SCENARIO(ident) extern const sim_scenario ident;
#include "sim/scenarios.def"
#undef SIM_SCENARIO

static const sim_scenario *const scenarios[] = {
#define SIM_SCENARIO(ident) &ident,
#include "sim/scenarios.def"
#undef SIM_SCENARIO
    NULL,
};

size_t sim_scenario_count(void) { return sizeof scenarios / sizeof scenarios[0] - 1; }
const sim_scenario *sim_scenario_at(size_t i) { return i < sim_scenario_count() ? scenarios[i] : NULL; }
const char *sim_scenario_id(const sim_scenario *s) { return s->id; }
const char *sim_scenario_name(const sim_scenario *s) { return s->name; }
/* Converged scenarios re-stage single-domain stories across the feeds and
 * would crowd a default run's schedule: they run when named. So does
 * default-creds: one more slot would move every default run's scenarios. */
bool sim_scenario_by_default(const sim_scenario *s)
{
    return strncmp(s->id, "converged-", 10) != 0 && strcmp(s->id, "default-creds") != 0;
}

static bool mentions(const char *s, const char *word)
{
    if (!s) return false;
    size_t n = strlen(word);
    for (; *s; s++) {
        size_t i = 0;
        while (i < n && s[i] && tolower((unsigned char)s[i]) == tolower((unsigned char)word[i])) i++;
        if (i == n) return true;
    }
    return false;
}

static size_t controllers_in(const sim_ctx *c, int zone)
{
    size_t n = 0;
    for (size_t i = 0; i < c->n_hosts; i++) n += c->hosts[i].zone == zone && sim_is_plc(c, &c->hosts[i]);
    return n;
}

int scn_zone_like(const sim_ctx *c, const char *word)
{
    int best = -1;
    size_t best_n = 0;
    for (size_t z = 0; z < c->m->n_zones; z++) {
        const model_zone *zn = &c->m->zones[z];
        if (!mentions(zn->id, word) && !mentions(zn->name, word)) continue;
        size_t n = controllers_in(c, (int)z);
        if (best < 0 || n > best_n) { best = (int)z; best_n = n; }
    }
    return best;
}

int scn_busiest_control_zone(const sim_ctx *c)
{
    int best = -1;
    size_t best_n = 0;
    for (size_t z = 0; z < c->m->n_zones; z++) {
        size_t n = controllers_in(c, (int)z);
        if (n > best_n) { best = (int)z; best_n = n; }
    }
    return best;
}

size_t scn_entry_zones(const sim_ctx *c, const char *kind, int *out, size_t max)
{
    size_t n = 0;
    for (size_t e = 0; e < c->m->n_entry_points; e++) {
        const model_entry_point *ep = &c->m->entry_points[e];
        if (!ep->kind || strcmp(ep->kind, kind) != 0) continue;
        for (size_t r = 0; r < ep->reaches.len && n < max; r++) {
            int z = sim_zone_index(c, ep->reaches.items[r]);
            if (z < 0) {
                int h = sim_host_by_asset(c, ep->reaches.items[r]);
                if (h >= 0) z = c->hosts[h].zone;
            }
            bool dup = false;
            for (size_t k = 0; k < n; k++) dup |= out[k] == z;
            if (z >= 0 && !dup) out[n++] = z;
        }
    }
    return n;
}

int scn_host_in_zone(const sim_ctx *c, int zone, sim_host_pred pred)
{
    for (size_t i = 0; i < c->n_hosts; i++)
        if (c->hosts[i].zone == zone && !c->hosts[i].external && (!pred || pred(c, &c->hosts[i]))) return (int)i;
    return -1;
}

void scn_expect(sim_scenario_run *run, const char *step, const char *rule, const char *techniques)
{
    if (run->n_expect >= SIM_RUN_EXPECT) return;
    for (size_t i = 0; i < run->n_expect; i++)
        if (!strcmp(run->expect[i].rule, rule)) return;
    run->expect[run->n_expect++] = (struct sim_expect){ step, rule, techniques };
}

static bool record_alert(sim_ctx *c, sim_scenario_run *run, const char *step, const char *rule, int client, int server,
                         uint16_t port, const char *protocol, const char *note, bool absent)
{
    uint32_t src = c->hosts[client].ip, dst = c->hosts[server].ip;
    for (size_t i = 0; i < run->n_alerts; i++) {
        const struct sim_expect_alert *x = &run->alerts[i];
        if (!strcmp(x->rule, rule) && x->src == src && x->dst == dst && x->port == port && x->absent == absent &&
            !strcmp(x->note, note))
            return true;
    }
    if (run->n_alerts >= SIM_RUN_ALERTS) return false;
    run->alerts[run->n_alerts++] = (struct sim_expect_alert){ step, rule, src, dst, port, protocol, note, absent };
    return true;
}

void scn_expect_alert(sim_ctx *c, sim_scenario_run *run, const char *step, const char *rule, const char *techniques,
                      int client, int server, uint16_t port, const char *protocol, const char *note)
{
    if (record_alert(c, run, step, rule, client, server, port, protocol, note, false)) scn_expect(run, step, rule, techniques);
}

void scn_expect_no_alert(sim_ctx *c, sim_scenario_run *run, const char *step, const char *rule, int client, int server,
                         uint16_t port, const char *protocol, const char *why)
{
    record_alert(c, run, step, rule, client, server, port, protocol, why, true);
}

/* Mirrors detect/segmentation.c and detect/remote.c: a cross-zone flow no
 * conduit allows is a remote service (into OT, on a remote-access port), a
 * direction, service or no-conduit finding; Telnet, FTP, VNC or rlogin
 * into OT from another zone is cleartext remote access even when allowed. */
void scn_expect_policy(sim_ctx *c, sim_scenario_run *run, const char *step, int client, int server, uint8_t ip_proto,
                       uint16_t port, const char *service)
{
    int cz = c->hosts[client].zone, sz = c->hosts[server].zone;
    if (cz < 0 || sz < 0 || cz == sz) return;
    bool ot = c->m->zones[sz].domain == DOMAIN_OT && !c->m->zones[sz].catch_all;
    bool tcp = ip_proto == 6;
    bool remote = tcp && (port == 22 || port == 23 || port == 3389 || port == 513 || port == 5985 || port == 5986 ||
                          (port >= 5900 && port <= 5910));
    bool clear = tcp && (port == 21 || port == 23 || (port >= 512 && port <= 514) || (port >= 5900 && port <= 5910));
    int v = sim_seg_verdict(c, client, server, ip_proto, port, service);
    const model_zone *czn = &c->m->zones[cz], *szn = &c->m->zones[sz];
    if (v != SIM_SEG_ALLOWED) {
        if (czn->catch_all && ot) scn_expect(run, step, "SW-SEG-INTERNET-OT", "T0883");
        else if (szn->catch_all && czn->domain == DOMAIN_OT) scn_expect(run, step, "SW-SEG-OT-INTERNET", "T0885");
        else if (ot && remote) scn_expect(run, step, "SW-SEG-REMOTE-SERVICE", "T0886");
        else scn_expect(run, step, v == SIM_SEG_NO_CONDUIT ? "SW-SEG-NO-CONDUIT" : v == SIM_SEG_SERVICE ? "SW-SEG-SERVICE" : "SW-SEG-DIRECTION", "");
    }
    if (ot && clear) scn_expect(run, step, "SW-REMOTE-CLEAR", "T0886");
}

void scn_phys(sim_scenario_run *run, sw_time_us t, int kind, const char *badge, const char *reader, const char *camera)
{
    if (run->n_phys < SIM_RUN_PHYS) run->phys[run->n_phys++] = (struct sim_phys_req){ t, kind, badge, reader, camera };
}

void scn_local(const sim_ctx *c, sw_time_us t, tz_local *lt) { tz_local_time(c->m->port.tz, t, lt); }

sw_time_us scn_find_local(const sim_ctx *c, sw_time_us from, sw_time_us until,
                          bool (*pred)(const tz_local *lt, const void *arg), const void *arg)
{
    for (sw_time_us t = from; t <= until; t = (t / SIM_S(60) + 1) * SIM_S(60)) {
        tz_local lt;
        scn_local(c, t, &lt);
        if (pred(&lt, arg)) return t;
    }
    return -1;
}

sw_time_us scn_latest_start(const sim_ctx *c, sw_time_us span)
{
    sw_time_us margin = c->opt.duration / 50, t = c->end - span - margin;
    return t > c->opt.start ? t : c->opt.start;
}
