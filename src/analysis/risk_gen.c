/* risk_gen.c - scenarios from the attack graph (risk_gen.h): every entry
 * point and crown jewel with a path between them becomes a risk, unless the
 * register already has a scenario for that pair. */
#include "analysis/risk_gen.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Built-in priors: threat events a year by a capable actor through one entry
 * point of the kind, for a mid-sized port. Like the step probabilities of
 * docs/exposure.md they order scenarios sensibly; a port replaces them with
 * its own figures in `generated.frequency`. */
static const struct { const char *kind; risk_range r; } prior[] = {
    { "internet", { 2, 6, 24, RD_PERT } },          /* internet-facing services are scanned and tried all year */
    { "email", { 2, 6, 24, RD_PERT } },             /* targeted phishing campaigns */
    { "remote-access", { 0.5, 2, 6, RD_PERT } },    /* credential stuffing and VPN exploits against a known portal */
    { "wifi", { 0.2, 1, 4, RD_PERT } },             /* someone within radio range who tries */
    { "physical", { 0.1, 0.5, 2, RD_PERT } },       /* on site, past the fence or in a cabinet */
    { "removable-media", { 0.2, 1, 3, RD_PERT } },  /* an infected stick reaches an engineering host */
    { "supply-chain", { 0.02, 0.1, 0.5, RD_PERT } },/* a tampered vendor update */
};
static const risk_range prior_other = { 0.1, 0.5, 2, RD_PERT };

risk_range risk_gen_frequency(const risk_generated *g, const char *kind)
{
    const risk_range *dflt = NULL;
    for (size_t i = 0; g && i < g->n_freq; i++) {
        if (kind && !strcmp(g->freq[i].kind, kind)) return g->freq[i].range;
        if (!strcmp(g->freq[i].kind, "default")) dflt = &g->freq[i].range;
    }
    if (dflt) return *dflt;
    for (size_t i = 0; kind && i < sizeof prior / sizeof prior[0]; i++)
        if (!strcmp(prior[i].kind, kind)) return prior[i].r;
    return prior_other;
}

risk_range risk_gen_outage(const risk_generated *g, const model_asset *a)
{
    if (g && g->has_outage) return g->outage_hours;
    /* Recovering from an attack takes at least the planned RTO and often
     * much longer: the controller or server must be rebuilt and verified. */
    double rto = a->rto_hours > 0 ? a->rto_hours : 24;
    return (risk_range){ rto, 2 * rto, 6 * rto, RD_PERT };
}

bool risk_gen_covered(const port_model *m, const risk_register_file *reg, size_t entry, size_t asset)
{
    const model_asset *a = &m->assets[asset];
    const char *zone = a->zone_index >= 0 ? m->zones[a->zone_index].id : NULL;
    for (size_t i = 0; i < reg->n_risks; i++) {
        const risk_def *r = &reg->risks[i];
        if (r->generated || r->has_susceptibility || !r->target) continue;
        if (strcmp(r->target, a->id) && !(zone && !strcmp(r->target, zone))) continue;
        if (!r->n_entries) return true;
        for (size_t k = 0; k < r->n_entries; k++)
            if (!strcmp(r->entries[k], m->entry_points[entry].id)) return true;
    }
    return false;
}

static char *arena_printf(arena *mem, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static char *arena_printf(arena *mem, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = n >= 0 ? arena_alloc(mem, (size_t)n + 1) : NULL;
    if (s) {
        va_start(ap, fmt);
        vsnprintf(s, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    return s;
}

long risk_generate(arena *mem, const port_model *m, const exposure *x, const risk_net *net, risk_register_file *reg,
                   diag_list *d)
{
    const risk_generated *g = &reg->generated;
    if (!g->enabled) return 0;
    size_t ne = m->n_entry_points, nj = 0;
    bool *use_entry = calloc(ne + 1, sizeof *use_entry);
    size_t *jewels = malloc((m->n_assets + 1) * sizeof *jewels);
    if (!use_entry || !jewels) { free(use_entry); free(jewels); return -1; }
    for (size_t e = 0; e < ne; e++) use_entry[e] = g->n_entries == 0;
    for (size_t k = 0; k < g->n_entries; k++) {
        size_t e = 0;
        while (e < ne && strcmp(m->entry_points[e].id, g->entries[k])) e++;
        if (e == ne) diag_add(d, DIAG_ERROR, g->entries_pos.line, g->entries_pos.col, "generated: no entry point \"%s\"", g->entries[k]);
        else use_entry[e] = true;
    }
    for (size_t a = 0; a < m->n_assets; a++)
        if (m->assets[a].criticality == CRIT_CROWN_JEWEL) jewels[nj++] = a;

    /* One path-based scenario per candidate pair; their success
     * probabilities come from the same best-path search as declared ones. */
    size_t cap = ne * nj, n = 0;
    risk_scen_model *sc = calloc(cap + 1, sizeof *sc);
    uint32_t *src = malloc((ne + 1) * sizeof *src);
    size_t *pair_e = malloc((cap + 1) * sizeof *pair_e), *pair_a = malloc((cap + 1) * sizeof *pair_a);
    double *p = malloc((cap + 1) * sizeof *p);
    risk_work *w = NULL;
    size_t *reach = NULL;                    /* per entry point: crown jewels with a path */
    bool *gen = NULL;                        /* per pair: becomes a scenario */
    long added = -1;
    if (!sc || !src || !pair_e || !pair_a || !p) goto out;
    for (size_t e = 0; e < ne; e++) src[e] = exposure_entry_node(x, e);
    for (size_t e = 0; e < ne; e++) {
        if (!use_entry[e]) continue;
        for (size_t j = 0; j < nj; j++) {
            sc[n] = (risk_scen_model){ .sources = &src[e], .n_sources = 1, .target = exposure_asset_node(x, jewels[j]),
                                       .in_place = 1, .mean_freq = 1, .mean_loss = 1 };
            pair_e[n] = e;
            pair_a[n++] = jewels[j];
        }
    }
    if (!(w = risk_work_new(net, n)) || !(reach = calloc(ne + 1, sizeof *reach)) || !(gen = calloc(n + 1, sizeof *gen))) goto out;
    risk_success(w, sc, n, NULL, 0, NULL, p);
    /* An entry point's frequency is its attempts a year at the crown jewels
     * it reaches; each attempt aims at one, so each pair gets a share. */
    for (size_t i = 0; i < n; i++) reach[pair_e[i]] += p[i] > 0;
    size_t keep = 0;
    for (size_t i = 0; i < n; i++) {
        /* At the floor is kept: the steps' probabilities are floats, so a
         * path of exactly the floor may come out a hair either side. */
        gen[i] = p[i] > 0 && p[i] >= g->min_likelihood * (1 - 1e-6) && !risk_gen_covered(m, reg, pair_e[i], pair_a[i]);
        keep += gen[i];
    }
    risk_def *all = arena_alloc(mem, (reg->n_risks + keep + 1) * sizeof *all);
    if (!all) goto out;
    if (reg->n_risks) memcpy(all, reg->risks, reg->n_risks * sizeof *all);
    size_t k = reg->n_risks;
    for (size_t i = 0; i < n; i++) {
        if (!gen[i]) continue;
        const model_entry_point *ep = &m->entry_points[pair_e[i]];
        const model_asset *a = &m->assets[pair_a[i]];
        risk_def *r = &all[k++];
        r->generated = true;
        r->id = arena_printf(mem, "G-%s-%s", ep->id, a->id);
        r->title = arena_printf(mem, "%s (%s) to %s", ep->id, ep->kind ? ep->kind : "entry point", a->name ? a->name : a->id);
        r->threat = arena_printf(mem, "An attacker through entry point %s follows the most likely attack path to %s", ep->id, a->id);
        r->entries = arena_alloc(mem, sizeof *r->entries);
        if (!r->id || !r->title || !r->threat || !r->entries) goto out;
        for (size_t j = 0; j < reg->n_risks; j++)
            if (!strcmp(reg->risks[j].id, r->id))
                diag_add(d, DIAG_ERROR, reg->risks[j].pos.line, reg->risks[j].pos.col,
                         "risk id \"%s\" is the one generated for entry point %s and %s: choose another", r->id, ep->id, a->id);
        r->entries[0] = ep->id;
        r->n_entries = 1;
        r->target = a->id;
        r->owner = a->owner && model_person_by_id(m, a->owner) ? a->owner : g->owner;
        r->freq = risk_gen_frequency(g, ep->kind);
        double share = 1.0 / (double)reach[pair_e[i]];
        r->freq.min *= share;
        r->freq.likely *= share;
        r->freq.max *= share;
        r->has_outage = true;
        r->outage_hours = risk_gen_outage(g, a);
        r->in_place = g->in_place;
        r->n_in_place = g->n_in_place;
        r->pos = r->target_pos = r->entries_pos = g->pos;
        r->owner_pos = g->owner_pos;
    }
    reg->risks = all;
    reg->n_risks = k;
    added = (long)keep;
out:
    risk_work_free(w);
    free(reach);
    free(gen);
    free(sc);
    free(src);
    free(pair_e);
    free(pair_a);
    free(p);
    free(use_entry);
    free(jewels);
    return added;
}
