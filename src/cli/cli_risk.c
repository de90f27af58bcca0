/* cli_risk.c - binding risks.yaml and controls.yaml to the port model and
 * its attack graph (cli_risk.h): targets and entry points to graph nodes,
 * outage hours to money through impact.c and the valuation, hardened ids
 * and patched CVEs to the steps they change. */
#include "cli/cli_risk.h"
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "analysis/impact.h"
#include "analysis/risk_gen.h"
#include "cli/cli_model.h"
#include "cli/cli_store.h"
#include "core/diag.h"
#include "store/store_query.h"

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n + 4096 > cap) {
            if (cap > (size_t)64 << 20) { free(buf); fclose(f); return NULL; }
            cap = cap ? cap * 2 : 65536;
            char *nb = realloc(buf, cap + 1);
            if (!nb) { free(buf); fclose(f); return NULL; }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (!got) break;
    }
    bool bad = ferror(f);
    fclose(f);
    if (bad) { free(buf); return NULL; }
    buf[n] = 0;
    *len = n;
    return buf;
}

/* A file next to the model when not given: examples/aurora/risks.yaml. */
static char *beside_model(const port_model *m, const char *name)
{
    if (!m->path) return NULL;
    char *copy = strdup(m->path);
    if (!copy) return NULL;
    const char *dir = dirname(copy);
    size_t n = strlen(dir) + strlen(name) + 2;
    char *out = malloc(n);
    if (out) snprintf(out, n, "%s/%s", dir, name);
    free(copy);
    return out;
}

static long entry_index(const port_model *m, const char *id)
{
    for (size_t i = 0; i < m->n_entry_points; i++)
        if (!strcmp(m->entry_points[i].id, id)) return (long)i;
    return -1;
}

static long zone_index(const port_model *m, const char *id)
{
    for (size_t i = 0; i < m->n_zones; i++)
        if (!strcmp(m->zones[i].id, id)) return (long)i;
    return -1;
}

/* The p of edge u -> v in g, or 0. Edges of u are sorted by target. */
static float edge_p(const xg_graph *g, uint32_t u, uint32_t v)
{
    uint32_t lo = g->off[u], hi = g->off[u + 1];
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (g->to[mid] < v) lo = mid + 1;
        else hi = mid;
    }
    return lo < g->off[u + 1] && g->to[lo] == v ? g->p[lo] : 0;
}

/* p_novuln from the graph built without vulnerabilities, and each asset
 * node's candidate vulnerabilities. */
static bool build_net(cli_risk_ctx *r, sw_error *err)
{
    const xg_graph *g = &r->x->g;
    r->net = (risk_net){ .n = g->n, .m = g->m, .off = g->off, .to = g->to, .p = g->p };
    size_t nv = r->ai.in.n_vulns;
    if (!nv) return true;
    exposure_input bare = r->ai.in;
    bare.vulns = NULL;
    bare.n_vulns = 0;
    exposure *x0 = exposure_build(&bare, err);
    if (!x0) return false;
    r->p_novuln = malloc((g->m + 1) * sizeof *r->p_novuln);
    r->node_vuln_off = calloc(g->n + 2, sizeof *r->node_vuln_off);
    r->node_vulns = malloc((nv + 1) * sizeof *r->node_vulns);
    r->vuln_p = malloc((nv + 1) * sizeof *r->vuln_p);
    if (!r->p_novuln || !r->node_vuln_off || !r->node_vulns || !r->vuln_p) { exposure_free(x0); return false; }
    for (uint32_t u = 0; u < g->n; u++)
        for (uint32_t e = g->off[u]; e < g->off[u + 1]; e++) r->p_novuln[e] = edge_p(&x0->g, u, g->to[e]);
    exposure_free(x0);
    for (size_t v = 0; v < nv; v++) {
        const exposure_vuln *ev = &r->ai.in.vulns[v];
        r->vuln_p[v] = ev->p > 0 ? ev->p : exposure_means_table[XM_KNOWN_VULN].p;
        r->node_vuln_off[exposure_asset_node(r->x, (size_t)ev->asset) + 1]++;
    }
    for (uint32_t i = 0; i < g->n; i++) r->node_vuln_off[i + 1] += r->node_vuln_off[i];
    uint32_t *fill = calloc(g->n + 1, sizeof *fill);
    if (!fill) return false;
    for (size_t v = 0; v < nv; v++) {
        uint32_t node = exposure_asset_node(r->x, (size_t)r->ai.in.vulns[v].asset);
        r->node_vulns[r->node_vuln_off[node] + fill[node]++] = (uint32_t)v;
    }
    free(fill);
    r->net.p_novuln = r->p_novuln;
    r->net.node_vuln_off = r->node_vuln_off;
    r->net.node_vulns = r->node_vulns;
    r->net.vuln_p = r->vuln_p;
    r->net.n_vulns = nv;
    return true;
}

static bool bind_risks(cli_risk_ctx *r, diag_list *d)
{
    const port_model *m = r->m;
    size_t n = r->reg.n_risks;
    r->sc = calloc(n + 1, sizeof *r->sc);
    r->loss = calloc(n + 1, sizeof *r->loss);
    r->flag_safety = calloc(n + 1, sizeof *r->flag_safety);
    r->flag_env = calloc(n + 1, sizeof *r->flag_env);
    r->flag_reg = calloc(n + 1, sizeof *r->flag_reg);
    r->teu_per_hour = calloc(n + 1, sizeof *r->teu_per_hour);
    r->vessel_delay_per_hour = calloc(n + 1, sizeof *r->vessel_delay_per_hour);
    r->outage_hours = calloc(n + 1, sizeof *r->outage_hours);
    if (!r->sc || !r->loss || !r->flag_safety || !r->flag_env || !r->flag_reg || !r->teu_per_hour ||
        !r->vessel_delay_per_hour || !r->outage_hours)
        return false;
    impact_graph ig;
    if (!impact_graph_from_model(m, &ig)) return false;
    uint32_t *lost = malloc((m->n_assets + 1) * sizeof *lost);
    if (!lost) { free((void *)ig.nodes); return false; }
    const risk_valuation *val = &r->reg.valuation;
    size_t errors = d->errors;
    for (size_t i = 0; i < n; i++) {
        const risk_def *rd = &r->reg.risks[i];
        risk_scen_model *sc = &r->sc[i];
        size_t n_lost = 0;
        const model_asset *a = model_asset_by_id(m, rd->target);
        long z = a ? -1 : zone_index(m, rd->target);
        if (a) {
            sc->target = exposure_asset_node(r->x, (size_t)(a - m->assets));
            lost[n_lost++] = (uint32_t)(a - m->assets);
        } else if (z >= 0) {
            sc->target = exposure_zone_node(r->x, (size_t)z);
            for (size_t k = 0; k < m->n_assets; k++)
                if (m->assets[k].zone_index == z) lost[n_lost++] = (uint32_t)k;
        } else {
            diag_add(d, DIAG_ERROR, rd->target_pos.line, rd->target_pos.col, "risk %s: target \"%s\" is no asset or zone of %s",
                     rd->id, rd->target, m->path ? m->path : "the model");
            continue;
        }
        if (rd->owner && !model_person_by_id(m, rd->owner))
            diag_add(d, DIAG_ERROR, rd->owner_pos.line, rd->owner_pos.col, "risk %s: owner \"%s\" is no person of the model", rd->id, rd->owner);
        uint32_t *src = malloc((m->n_entry_points + 1) * sizeof *src);
        if (!src) break;
        size_t ns = 0;
        if (rd->n_entries) {
            for (size_t k = 0; k < rd->n_entries; k++) {
                long e = entry_index(m, rd->entries[k]);
                if (e < 0) diag_add(d, DIAG_ERROR, rd->entries_pos.line, rd->entries_pos.col, "risk %s: no entry point \"%s\"", rd->id, rd->entries[k]);
                else src[ns++] = exposure_entry_node(r->x, (size_t)e);
            }
        } else
            for (size_t k = 0; k < m->n_entry_points; k++) src[ns++] = exposure_entry_node(r->x, k);
        sc->sources = src;
        /* A stated susceptibility replaces the graph (threats the graph
         * does not model: insiders, physical theft). */
        sc->n_sources = rd->has_susceptibility ? 0 : ns;
        sc->susceptibility = rd->susceptibility;
        sc->in_place = 1;
        for (size_t k = 0; k < rd->n_in_place; k++) sc->in_place *= 1 - rd->in_place[k].reduction;
        sc->mean_freq = risk_range_mean(&rd->freq);
        if (rd->has_loss) r->loss[i] = rd->loss;
        else if (rd->has_outage) {
            impact_result res;
            sw_error err = { 0 };
            if (impact_outage(&ig, lost, n_lost, 1, &res, &err) != SW_OK) {
                diag_add(d, DIAG_ERROR, rd->pos.line, rd->pos.col, "risk %s: business impact: %s", rd->id, err.msg);
                continue;
            }
            double rate = res.cost_per_hour + res.teu_per_hour * val->per_teu + res.vessel_delay_per_hour * val->per_vessel_delay_hour;
            double lump = (res.safety ? val->safety_event : 0) + (res.environment ? val->environment_event : 0) +
                          (res.regulatory ? val->regulatory_event : 0);
            r->flag_safety[i] = res.safety;
            r->flag_env[i] = res.environment;
            r->flag_reg[i] = res.regulatory;
            r->teu_per_hour[i] = res.teu_per_hour;
            r->vessel_delay_per_hour[i] = res.vessel_delay_per_hour;
            r->outage_hours[i] = risk_range_mean(&rd->outage_hours);
            const risk_range *h = &rd->outage_hours;
            r->loss[i] = (risk_range){ lump + rate * h->min, lump + rate * h->likely, lump + rate * h->max, h->kind };
            /* A lognormal's percentiles scale with the rate but do not shift
             * with a constant: with a lump (or no rate) the range is PERT. */
            if (h->kind == RD_LOGNORMAL && (lump > 0 || rate <= 0)) r->loss[i].kind = RD_PERT;
            impact_result_free(&res);
        }
        sc->mean_loss = risk_range_mean(&r->loss[i]);
    }
    free(lost);
    free((void *)ig.nodes);
    return d->errors == errors;
}

static bool bind_controls(cli_risk_ctx *r, diag_list *d)
{
    const port_model *m = r->m;
    size_t n = r->ctl.n, errors = d->errors;
    r->fx = calloc(n + 1, sizeof *r->fx);
    r->cost = calloc(n + 1, sizeof *r->cost);
    if (!r->fx || !r->cost) return false;
    for (size_t i = 0; i < n; i++) {
        const control_def *c = &r->ctl.controls[i];
        risk_effect *fx = &r->fx[i];
        r->cost[i] = c->capex + c->opex;
        uint32_t *nodes = arena_alloc(&r->mem, (c->n_harden * 2 + 1) * sizeof *nodes);
        uint32_t *vul = arena_alloc(&r->mem, (r->ai.in.n_vulns + 1) * sizeof *vul);
        uint32_t *scen = arena_alloc(&r->mem, (c->n_reduce + 1) * sizeof *scen);
        double *sf = arena_alloc(&r->mem, (c->n_reduce + 1) * sizeof *sf);
        if (!nodes || !vul || !scen || !sf) return false;
        size_t nn = 0;
        for (size_t k = 0; k < c->n_harden; k++) {
            const char *id = c->harden[k];
            const model_asset *a = model_asset_by_id(m, id);
            long z = zone_index(m, id);
            size_t before = nn;
            if (a) nodes[nn++] = exposure_asset_node(r->x, (size_t)(a - m->assets));
            else if (z >= 0) nodes[nn++] = exposure_zone_node(r->x, (size_t)z);
            else
                for (uint32_t v = r->x->conduit0; v < r->x->asset0 && nn < c->n_harden * 2; v++)
                    if (!strcmp(exposure_node_id(r->x, v), id)) nodes[nn++] = v;
            if (nn == before)
                diag_add(d, DIAG_ERROR, c->harden_pos.line, c->harden_pos.col,
                         "control %s: \"%s\" is no asset, zone or conduit (with flows between zones) of the model", c->id, id);
        }
        fx->nodes = nodes;
        fx->n_nodes = nn;
        fx->node_factor = c->factor;
        size_t nv = 0;
        /* A CVE not among the findings is no error: it may not be imported
         * yet, or not be a remote step here; the control then buys nothing
         * through it. */
        for (size_t v = 0; v < r->ai.in.n_vulns; v++)
            for (size_t k = 0; k < c->n_patches; k++)
                if (!strcmp(r->ai.in.vulns[v].id, c->patches[k])) { vul[nv++] = (uint32_t)v; break; }
        fx->vulns = vul;
        fx->n_vulns = nv;
        size_t ns = 0;
        for (size_t k = 0; k < c->n_reduce; k++) {
            size_t j = 0;
            while (j < r->reg.n_risks && strcmp(r->reg.risks[j].id, c->reduce_ids[k])) j++;
            if (j == r->reg.n_risks)
                diag_add(d, DIAG_ERROR, c->reduce_pos.line, c->reduce_pos.col, "control %s: no risk \"%s\" in the register", c->id, c->reduce_ids[k]);
            else { scen[ns] = (uint32_t)j; sf[ns++] = c->reduce_factor[k]; }
        }
        fx->scen = scen;
        fx->scen_factor = sf;
        fx->n_scen = ns;
    }
    return d->errors == errors;
}

static int load_yaml(const char *what, const char *path, cli_risk_ctx *r, bool controls)
{
    size_t len = 0;
    char *data = read_file(path, &len);
    if (!data) { fprintf(stderr, "seawall: cannot read %s file %s\n", what, path); return EXIT_INPUT; }
    diag_list d;
    diag_init(&d, path);
    bool ok = controls ? risk_controls_parse(&r->mem, data, len, &d, &r->ctl) : risk_register_parse(&r->mem, data, len, &d, &r->reg);
    free(data);
    if (!ok || d.errors) {
        diag_print(&d, stderr);
        diag_free(&d);
        return EXIT_FINDINGS;
    }
    diag_free(&d);
    return EXIT_OK;
}

int cli_risk_ctx_load(const cli_command *cmd, cli_ctx *ctx, bool db_given, const char *model_path, const char *risks_path,
                      const char *controls_path, bool need_controls, cli_risk_ctx *r)
{
    memset(r, 0, sizeof *r);
    arena_init(&r->mem, 64 * 1024);
    const char *env_db = getenv("SEAWALL_DB");
    db_given |= env_db && *env_db;
    int rc;
    if ((db_given || access(ctx->db_path, F_OK) == 0) && !(r->s = cli_open_model_store(cmd, ctx, &rc))) return rc;
    if (!(r->m = cli_load_port_model(cmd, r->s, model_path, &rc))) return rc;
    sw_error err = { 0 };
    if (cli_attack_input_load(r->s, r->m, &r->ai, &err) != SW_OK) {
        fprintf(stderr, "seawall %s: %s\n", cmd->name, err.msg);
        return EXIT_INPUT;
    }
    if (!(r->x = exposure_build(&r->ai.in, &err)) || !build_net(r, &err)) {
        fprintf(stderr, "seawall %s: %s\n", cmd->name, err.msg[0] ? err.msg : "out of memory");
        return EXIT_INPUT;
    }
    char *rp = risks_path ? strdup(risks_path) : beside_model(r->m, "risks.yaml");
    if (!rp) return cli_usage_error(cmd, "give the risk register with --risks FILE");
    rc = load_yaml("risk register", rp, r, false);
    if (rc == EXIT_OK) {
        diag_list d;
        diag_init(&d, rp);
        /* Scenarios from the attack graph join the declared ones (risk_gen.h). */
        long gen = risk_generate(&r->mem, r->m, r->x, &r->net, &r->reg, &d);
        if (gen < 0 || d.errors) { diag_print(&d, stderr); rc = d.errors ? EXIT_FINDINGS : EXIT_INPUT; }
        else if (!bind_risks(r, &d)) { diag_print(&d, stderr); rc = d.errors ? EXIT_FINDINGS : EXIT_INPUT; }
        diag_free(&d);
    }
    free(rp);
    if (rc != EXIT_OK || !need_controls) return rc;
    return cli_risk_ctx_load_controls(r, controls_path);
}

int cli_risk_ctx_load_controls(cli_risk_ctx *r, const char *controls_path)
{
    char *cp = controls_path ? strdup(controls_path) : beside_model(r->m, "controls.yaml");
    if (!cp) { fprintf(stderr, "seawall: give the candidate controls with --controls FILE\n"); return EXIT_USAGE; }
    int rc = load_yaml("controls", cp, r, true);
    if (rc == EXIT_OK) {
        diag_list d;
        diag_init(&d, cp);
        if (!bind_controls(r, &d)) { diag_print(&d, stderr); rc = d.errors ? EXIT_FINDINGS : EXIT_INPUT; }
        diag_free(&d);
        r->have_controls = rc == EXIT_OK;
    }
    free(cp);
    return rc;
}

void cli_risk_ctx_free(cli_risk_ctx *r)
{
    if (r->sc)
        for (size_t i = 0; i < r->reg.n_risks; i++) free((void *)r->sc[i].sources);
    free(r->sc);
    free(r->loss);
    free(r->flag_safety);
    free(r->flag_env);
    free(r->flag_reg);
    free(r->teu_per_hour);
    free(r->vessel_delay_per_hour);
    free(r->outage_hours);
    free(r->fx);
    free(r->cost);
    free(r->p_novuln);
    free(r->node_vuln_off);
    free(r->node_vulns);
    free(r->vuln_p);
    exposure_free(r->x);
    cli_attack_input_free(&r->ai);
    model_free(r->m);
    if (r->s) store_close(r->s);
    arena_free(&r->mem);
    memset(r, 0, sizeof *r);
}
