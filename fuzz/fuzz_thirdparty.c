/* fuzz_thirdparty.c - any bytes given as third-parties.yaml must give a
 * register or errors, never a crash, hang or leak. A register that loads
 * holds every vendor of the (small, fixed) port model once, partners only
 * with known assets and entry points, scores in 0..100; each party's reach
 * and its attack paths to the crown jewel are computed as the CLI does. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/thirdparty.h"

static const char model_yaml[] =
    "port: {name: Fuzzport, timezone: UTC}\n"
    "zones:\n"
    "  - {id: corp, domain: it, security_level: 2, networks: [10.10.0.0/16]}\n"
    "  - {id: vendor-dmz, domain: it, security_level: 2, networks: [10.90.0.0/24]}\n"
    "  - {id: crane, domain: ot, security_level: 3, networks: [10.31.0.0/24]}\n"
    "  - {id: internet, domain: it, security_level: 0, networks: [0.0.0.0/0]}\n"
    "conduits:\n"
    "  - {from: vendor-dmz, to: crane, services: [s7comm], justification: vendor maintenance}\n"
    "  - {from: corp, to: vendor-dmz, services: [rdp], justification: jump host}\n"
    "entry_points:\n"
    "  - {id: internet, name: Internet, kind: internet, reaches: [corp]}\n"
    "  - {id: vendor-vpn, name: Vendor VPN, kind: remote-access, reaches: [vendor-dmz]}\n"
    "assets:\n"
    "  - {id: jump-01, kind: server, zone: vendor-dmz, ip: 10.90.0.5}\n"
    "  - {id: plc-01, kind: plc, zone: crane, ip: 10.31.0.21, criticality: crown-jewel, impact: {teu_per_hour: 30}}\n"
    "  - {id: web-01, kind: server, zone: corp, ip: 10.10.0.8}\n"
    "vendors:\n"
    "  - {id: cranemaker, name: Crane Maker, remote_access: vendor-vpn, access_window: \"Mon-Fri 07:00-19:00\",\n"
    "     access_from: [vendor-dmz], assets: [plc-01, jump-01]}\n"
    "  - {id: local, name: Local Integrator, assets: [web-01]}\n";

static port_model *model;
static exposure *graph;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!model) {
        diag_list d;
        diag_init(&d, "fuzz.yaml");
        model = model_load_buffer(model_yaml, sizeof model_yaml - 1, "fuzz.yaml", &d);
        if (!model || d.errors) abort();
        diag_free(&d);
        exposure_input in = { .m = model };
        sw_error err = { 0 };
        if (!(graph = exposure_build(&in, &err))) abort();
    }
    tp_register r;
    diag_list d;
    diag_init(&d, "third-parties.yaml");
    bool ok = tp_load(&r, model, (const char *)data, size, &d);
    if (ok != (d.errors == 0)) abort();
    if (ok) {
        size_t vendors = 0;
        for (size_t i = 0; i < r.n; i++) {
            const tp_party *p = &r.items[i];
            if (!p->id || tp_find(&r, p->id) != p) abort();
            if (p->score < -1 || p->score > 100) abort();
            if (p->vendor >= 0) vendors++;
            tp_reach reach;
            if (!tp_reach_of(p, model, &reach)) abort();
            for (size_t k = 0; k < reach.n_assets; k++) if (reach.assets[k] >= model->n_assets) abort();
            tp_path *paths = NULL;
            size_t n = 0;
            if (!tp_exposure(graph, p, &reach, &paths, &n)) abort();
            for (size_t k = 0; k < n; k++)
                if (!paths[k].text || !(paths[k].p > 0 && paths[k].p <= 1) || (k && paths[k].p > paths[k - 1].p)) abort();
            tp_paths_free(paths, n);
            tp_reach_free(&reach);
        }
        if (vendors != model->n_vendors) abort();
    }
    tp_free(&r);
    diag_free(&d);
    return 0;
}
