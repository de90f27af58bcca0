/* truth.c - ground-truth.json: what was injected, when, between which
 * hosts, and which ATT&CK techniques a detector should report, so
 * detection can be scored against the capture. */
#include <string.h>
#include "core/json.h"
#include "sim/ais_sim.h"
#include "sim/scenario.h"

static void kv_time(json_writer *w, const char *k, sw_time_us t)
{
    char buf[SW_TIME_STR_MAX];
    jw_kv_string(w, k, t < 0 ? NULL : time_fmt_rfc3339(t, 6, buf));
}

/* One exchange of a keyed alert: who, to which service, and what makes it one (or why not). */
static void alert_object(json_writer *w, const struct sim_expect_alert *x)
{
    char ip[IP_STR_MAX];
    ip_addr a;
    jw_object_begin(w);
    jw_kv_string(w, "step", x->step);
    if (x->absent) jw_kv_string(w, "rule", x->rule);
    ip_from_v4(&a, x->src);
    jw_kv_string(w, "source.ip", ip_fmt(&a, ip));
    ip_from_v4(&a, x->dst);
    jw_kv_string(w, "destination.ip", ip_fmt(&a, ip));
    jw_kv_uint(w, "destination.port", x->port);
    jw_kv_string(w, "network.protocol", x->protocol);
    jw_kv_string(w, x->absent ? "why" : "note", x->note);
    jw_object_end(w);
}

static void string_array(json_writer *w, const char *k, const char *const *items)
{
    jw_key(w, k);
    jw_array_begin(w);
    for (size_t i = 0; items && items[i]; i++) jw_string(w, items[i]);
    jw_array_end(w);
}

void sim_truth_write(const port_model *m, const sim_options *o, const sim_result *res, strbuf *out)
{
    json_writer w;
    jw_init(&w, out);
    jw_object_begin(&w);
    jw_kv_string(&w, "generator", "seawall sim");
    jw_kv_int(&w, "format", 1);
    jw_kv_string(&w, "model", m->port.name);
    jw_kv_uint(&w, "seed", o->seed);
    kv_time(&w, "start", o->start);
    kv_time(&w, "end", o->start + o->duration);
    jw_kv_double(&w, "duration_s", (double)o->duration / SW_US_PER_SEC, 3);
    jw_kv_uint(&w, "scale", o->scale);
    jw_kv_uint(&w, "packets", res->packets);
    jw_kv_uint(&w, "bytes", res->bytes);
    jw_kv_uint(&w, "sessions", res->sessions);
    jw_kv_uint(&w, "flows", res->flows);
    jw_kv_uint(&w, "hosts", res->hosts);
    kv_time(&w, "first_packet", res->packets ? res->first : -1);
    kv_time(&w, "last_packet", res->packets ? res->last : -1);

    jw_key(&w, "scenarios");
    jw_array_begin(&w);
    for (size_t i = 0; i < res->n_runs; i++) {
        const sim_scenario_run *r = &res->runs[i];
        if (r->skipped) continue;
        jw_object_begin(&w);
        jw_kv_string(&w, "id", r->def->id);
        jw_kv_string(&w, "name", r->def->name);
        jw_kv_string(&w, "description", r->def->description);
        kv_time(&w, "start", r->first);
        kv_time(&w, "end", r->last);
        jw_kv_uint(&w, "packets", r->packets);
        jw_key(&w, "hosts");
        jw_array_begin(&w);
        for (size_t h = 0; h < r->n_hosts; h++) {
            char ip[IP_STR_MAX];
            ip_addr a;
            ip_from_v4(&a, r->hosts[h].ip);
            jw_object_begin(&w);
            jw_kv_string(&w, "asset", r->hosts[h].in_model ? r->hosts[h].id : NULL);
            if (!r->hosts[h].in_model) jw_kv_string(&w, "name", r->hosts[h].id);
            jw_kv_string(&w, "ip", ip_fmt(&a, ip));
            jw_kv_string(&w, "role", r->hosts[h].role);
            jw_object_end(&w);
        }
        jw_array_end(&w);
        /* The union of what the expected alerts carry, in order of first mention. */
        const char *tech[48];
        size_t nt = 0;
        for (size_t e = 0; e < r->n_expect; e++)
            for (const char *t = r->expect[e].techniques; *t;) {
                while (*t == ' ') t++;
                size_t n = strcspn(t, " ");
                bool dup = n == 0;
                for (size_t k = 0; k < nt && !dup; k++) dup = strcspn(tech[k], " ") == n && !strncmp(tech[k], t, n);
                if (!dup && nt < sizeof tech / sizeof *tech) tech[nt++] = t;
                t += n;
            }
        jw_key(&w, "techniques");
        jw_array_begin(&w);
        for (size_t k = 0; k < nt; k++) jw_string_n(&w, tech[k], strcspn(tech[k], " "));
        jw_array_end(&w);
        jw_key(&w, "expected");
        jw_array_begin(&w);
        for (size_t e = 0; e < r->n_expect; e++) {
            const struct sim_expect *x = &r->expect[e];
            jw_object_begin(&w);
            jw_kv_string(&w, "step", x->step);
            jw_kv_string(&w, "rule", x->rule);
            jw_key(&w, "techniques");
            jw_array_begin(&w);
            for (const char *t = x->techniques; *t;) {
                while (*t == ' ') t++;
                size_t n = strcspn(t, " ");
                if (n) jw_string_n(&w, t, n);
                t += n;
            }
            jw_array_end(&w);
            size_t keyed = 0;
            for (size_t k = 0; k < r->n_alerts; k++) keyed += !r->alerts[k].absent && !strcmp(r->alerts[k].rule, x->rule);
            if (keyed) {
                /* Exactly these alerts of the rule, no more. */
                jw_key(&w, "alerts");
                jw_array_begin(&w);
                for (size_t k = 0; k < r->n_alerts; k++)
                    if (!r->alerts[k].absent && !strcmp(r->alerts[k].rule, x->rule)) alert_object(&w, &r->alerts[k]);
                jw_array_end(&w);
            }
            jw_object_end(&w);
        }
        jw_array_end(&w);
        size_t absent = 0;
        for (size_t k = 0; k < r->n_alerts; k++) absent += r->alerts[k].absent;
        if (absent) {
            jw_key(&w, "not_expected");
            jw_array_begin(&w);
            for (size_t k = 0; k < r->n_alerts; k++)
                if (r->alerts[k].absent) alert_object(&w, &r->alerts[k]);
            jw_array_end(&w);
        }
        string_array(&w, "rule_hints", r->def->rule_hints);
        if (r->n_phys || r->ais_scenario) {
            /* A converged scenario: the one incident candidate correlation must
             * build from its alerts in every feed. */
            jw_key(&w, "expected_candidate");
            jw_object_begin(&w);
            jw_key(&w, "rules");
            jw_array_begin(&w);
            for (size_t e = 0; e < r->n_expect; e++) jw_string(&w, r->expect[e].rule);
            jw_array_end(&w);
            jw_key(&w, "feeds");
            jw_array_begin(&w);
            if (r->packets) jw_string(&w, "pcap");
            if (r->n_phys) jw_string(&w, "phys");
            if (r->ais_scenario) jw_string(&w, "ais");
            jw_array_end(&w);
            jw_object_end(&w);
        }
        jw_object_end(&w);
    }
    jw_array_end(&w);

    jw_key(&w, "skipped");
    jw_array_begin(&w);
    for (size_t i = 0; i < res->n_runs; i++) {
        const sim_scenario_run *r = &res->runs[i];
        if (!r->skipped) continue;
        jw_object_begin(&w);
        jw_kv_string(&w, "id", r->def->id);
        jw_kv_string(&w, "reason", r->reason);
        jw_object_end(&w);
    }
    jw_array_end(&w);
    if (res->ais) sim_ais_truth_write(&w, o, res->ais, res->ais_file);
    jw_object_end(&w);
    strbuf_putc(out, '\n');
}
