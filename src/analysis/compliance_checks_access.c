/* compliance_checks_access.c - the remote-access-mfa live check: which
 * third parties' remote access reaches OT (their OT assets, or an attack
 * path from their entry point to an OT crown jewel in the exposure graph),
 * and whether the register records a second factor on that access. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/compliance_checks.h"
#include "analysis/exposure.h"
#include "analysis/thirdparty.h"

#define REGISTER_MAX_BYTES ((size_t)8 << 20)

/* The register file's bytes; NULL with *missing when there is none. */
static char *read_register(const char *path, size_t *len, bool *missing)
{
    *missing = false;
    FILE *f = fopen(path, "rb");
    if (!f) { *missing = errno == ENOENT; return NULL; }
    char *buf = malloc(REGISTER_MAX_BYTES + 1);
    size_t n = buf ? fread(buf, 1, REGISTER_MAX_BYTES + 1, f) : 0;
    bool bad = !buf || ferror(f) || n > REGISTER_MAX_BYTES;
    fclose(f);
    if (bad) { free(buf); return NULL; }
    buf[n] = 0;
    *len = n;
    return buf;
}

static bool zone_is_ot(const port_model *m, const char *zone)
{
    const model_zone *z = zone ? model_zone_by_id(m, zone) : NULL;
    return z && z->domain == DOMAIN_OT;
}

/* Whether a path's text ("a > b > c") names the zone as one of its steps. */
static bool path_passes(const char *text, const char *zone)
{
    size_t n = strlen(zone);
    for (const char *p = text; (p = strstr(p, zone)); p += n) {
        bool start = p == text || (p >= text + 3 && !strncmp(p - 3, " > ", 3));
        bool end = !p[n] || !strncmp(p + n, " > ", 3);
        if (start && end) return true;
    }
    return false;
}

typedef struct mfa_tally { int64_t remote, into_ot, with, without, unrecorded; } mfa_tally;

/* One party: does its access reach OT (in the zone, with --zone), and what does the register say of MFA? */
static bool judge_party(const comp_check_ctx *c, const exposure *x, const tp_party *p, comp_result *r, mfa_tally *t)
{
    const port_model *m = c->m;
    tp_reach reach;
    if (!tp_reach_of(p, m, &reach)) return false;
    if (reach.entry < 0 || strcmp(m->entry_points[reach.entry].kind ? m->entry_points[reach.entry].kind : "", "remote-access")) {
        tp_reach_free(&reach);
        return true;
    }
    t->remote++;
    tp_path *paths = NULL;
    size_t n_paths = 0;
    if (!tp_exposure(x, p, &reach, &paths, &n_paths)) { tp_reach_free(&reach); return false; }
    const char *ot_asset = NULL;
    for (size_t i = 0; i < reach.n_assets && !ot_asset; i++) {
        const model_asset *a = &m->assets[reach.assets[i]];
        if (zone_is_ot(m, a->zone) && (!c->zone || (a->zone && !strcmp(a->zone, c->zone)))) ot_asset = a->id;
    }
    const tp_path *ot_path = NULL;   /* the most likely path to an OT crown jewel: paths are sorted */
    for (size_t i = 0; i < n_paths && !ot_path; i++) {
        const model_asset *a = &m->assets[paths[i].target];
        if (zone_is_ot(m, a->zone) && (!c->zone || path_passes(paths[i].text, c->zone))) ot_path = &paths[i];
    }
    if (ot_asset || ot_path) {
        t->into_ot++;
        const char *how = !p->mfa ? "no MFA recorded" : !strcmp(p->mfa, "none") ? "no MFA" : NULL;
        if (!p->mfa) t->unrecorded++;
        else if (!strcmp(p->mfa, "none")) t->without++;
        else t->with++;
        if (how && ot_path)
            comp_result_add_item(r, "%s via %s: %s; path %s (p %.2f)%s%s", p->id, p->entry_point, how, ot_path->text, ot_path->p,
                     ot_asset ? ", maintains " : "", ot_asset ? ot_asset : "");
        else if (how)
            comp_result_add_item(r, "%s via %s: %s; maintains OT asset %s", p->id, p->entry_point, how, ot_asset);
    }
    tp_paths_free(paths, n_paths);
    tp_reach_free(&reach);
    return true;
}

sw_code comp_check_remote_mfa(const comp_check_ctx *c, comp_result *r, sw_error *err)
{
    r->status = COMP_UNASSESSED;
    if (!c->m) { snprintf(r->reason, sizeof r->reason, "the port model is not readable: pass --model"); return SW_OK; }
    char dirbuf[4096], path[4200];
    const char *dir = comp_check_data_dir(c, dirbuf, sizeof dirbuf);
    size_t len = 0;
    bool missing = true;
    char *data = NULL;
    if (dir) {
        snprintf(path, sizeof path, "%s/third-parties.yaml", dir);
        data = read_register(path, &len, &missing);
        if (!data && !missing) return sw_fail(err, SW_ERR_IO, "%s: cannot read (or larger than 8 MiB)", path);
    }
    tp_register reg;
    diag_list d;
    diag_init(&d, "third-parties.yaml");
    bool loaded = tp_load(&reg, c->m, data, len, &d);
    free(data);
    if (!loaded) {
        snprintf(r->reason, sizeof r->reason, "third-parties.yaml has %zu error%s: see seawall thirdparty", d.errors,
                 d.errors == 1 ? "" : "s");
        diag_free(&d);
        tp_free(&reg);
        return SW_OK;
    }
    diag_free(&d);
    exposure_input in = { .m = c->m };
    exposure *x = exposure_build(&in, err);
    if (!x) { tp_free(&reg); return err && err->code ? err->code : SW_ERR_NOMEM; }
    mfa_tally t = { 0 };
    bool ok = true;
    for (size_t i = 0; ok && i < reg.n; i++) ok = judge_party(c, x, &reg.items[i], r, &t);
    exposure_free(x);
    tp_free(&reg);
    if (!ok) return sw_fail(err, SW_ERR_NOMEM, "out of memory judging remote access");
    r->counts[0] = t.remote;
    r->counts[1] = t.into_ot;
    r->counts[2] = t.with;
    r->counts[3] = t.without;
    r->counts[4] = t.unrecorded;
    if (!t.into_ot) {
        r->status = COMP_NA;
        snprintf(r->reason, sizeof r->reason, "%lld third part%s with remote access, none reaching OT%s%s", (long long)t.remote,
                 t.remote == 1 ? "y" : "ies", c->zone ? " in zone " : "", c->zone ? c->zone : "");
        return SW_OK;
    }
    r->status = t.without ? COMP_NOT_MET : t.unrecorded ? COMP_PARTIAL : COMP_MET;
    snprintf(r->reason, sizeof r->reason,
             "%lld of %lld third parties with remote access reach OT%s%s (their OT assets or an attack path to an OT crown "
             "jewel): %lld with MFA, %lld without, %lld not recorded (%s%s; the register says, the wire cannot)",
             (long long)t.into_ot, (long long)t.remote, c->zone ? " in zone " : "", c->zone ? c->zone : "", (long long)t.with,
             (long long)t.without, (long long)t.unrecorded, missing ? "no third-parties.yaml" : "third-parties.yaml",
             missing ? ": MFA unknown" : " mfa:");
    return SW_OK;
}
