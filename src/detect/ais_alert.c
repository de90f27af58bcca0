/* ais_alert.c - one AIS integrity alert as an ECS JSON object (DESIGN.md
 * output contract, the same shape as the network alerts of alert.c):
 * dataset seawall.ais, the vessel under seawall.ais, the NMEA line numbers
 * under seawall.evidence. */
#include <string.h>
#include "ais/mid.h"
#include "core/json.h"
#include "core/timeutil.h"
#include "detect/ais_detect.h"

static void techniques(json_writer *w, const char *t)
{
    jw_array_begin(w);
    while (*t) {
        while (*t == ' ') t++;
        size_t n = strcspn(t, " ");
        if (n) jw_string_n(w, t, n);
        t += n;
    }
    jw_array_end(w);
}

static void vessel(json_writer *w, const ais_alert *a)
{
    const ais_vessel *v = a->vessel;
    unsigned mid = 0;
    ais_station_kind k = ais_mmsi_kind(a->mmsi, &mid);
    const ais_mid *md = mid ? ais_mid_lookup(mid) : NULL;
    jw_kv_uint(w, "mmsi", a->mmsi);
    jw_kv_string(w, "station", ais_station_kind_name(k));
    if (md) {
        jw_kv_uint(w, "mid", md->mid);
        jw_kv_string(w, "flag", md->iso);
    }
    if (!v) return;
    jw_kv_string(w, "class", ais_class_name(v->cls));
    if (v->name[0]) jw_kv_string(w, "shipname", v->name);
    if (v->callsign[0]) jw_kv_string(w, "callsign", v->callsign);
    if (v->imo) jw_kv_uint(w, "imo", v->imo);
    if (v->shiptype) jw_kv_uint(w, "shiptype", v->shiptype);
}

void ais_alert_render(const ais_alert *a, const char *input, strbuf *out)
{
    const ais_check_info *r = &ais_checks[a->check];
    json_writer w;
    jw_init(&w, out);
    char tbuf[SW_TIME_STR_MAX];
    jw_object_begin(&w);
    jw_kv_string(&w, "@timestamp", time_fmt_rfc3339((sw_time_us)a->t_ms * 1000, 3, tbuf));
    jw_key(&w, "event");
    jw_object_begin(&w);
    jw_kv_string(&w, "kind", "alert");
    jw_key(&w, "category");
    jw_array_begin(&w);
    jw_string(&w, "intrusion_detection");
    jw_array_end(&w);
    jw_key(&w, "type");
    jw_array_begin(&w);
    jw_string(&w, "indicator");
    jw_array_end(&w);
    jw_kv_string(&w, "dataset", "seawall.ais");
    jw_kv_string(&w, "module", "seawall");
    jw_kv_int(&w, "severity", (int64_t)a->severity + 1);
    jw_object_end(&w);

    jw_key(&w, "rule");
    jw_object_begin(&w);
    jw_kv_string(&w, "id", r->id);
    jw_kv_string(&w, "name", r->name);
    jw_kv_string(&w, "category", "ais");
    jw_kv_string(&w, "ruleset", "seawall");
    jw_object_end(&w);

    if (a->has_pos) {
        /* ECS geo_point, so a SIEM can map it */
        jw_key(&w, "source");
        jw_object_begin(&w);
        jw_key(&w, "geo");
        jw_object_begin(&w);
        jw_key(&w, "location");
        jw_object_begin(&w);
        jw_kv_double(&w, "lat", a->lat, 6);
        jw_kv_double(&w, "lon", a->lon, 6);
        jw_object_end(&w);
        jw_object_end(&w);
        jw_object_end(&w);
    }

    jw_key(&w, "network");
    jw_object_begin(&w);
    jw_kv_string(&w, "protocol", "ais");
    jw_object_end(&w);

    jw_key(&w, "threat");
    jw_object_begin(&w);
    jw_kv_string(&w, "framework", "MITRE ATT&CK for ICS");
    jw_key(&w, "technique");
    jw_object_begin(&w);
    jw_key(&w, "id");
    techniques(&w, r->techniques);
    jw_object_end(&w);
    jw_object_end(&w);

    jw_kv_string(&w, "message", a->message);

    jw_key(&w, "seawall");
    jw_object_begin(&w);
    jw_kv_string(&w, "severity", detect_severity_name(a->severity));
    jw_key(&w, "ais");
    jw_object_begin(&w);
    if (a->mmsi) vessel(&w, a);
    if (a->total_mmsis) {
        jw_key(&w, "mmsis");
        jw_array_begin(&w);
        for (size_t i = 0; i < a->n_mmsis; i++) jw_uint(&w, a->mmsis[i]);
        jw_array_end(&w);
        jw_kv_uint(&w, "vessels", a->total_mmsis);
    }
    jw_object_end(&w);
    jw_key(&w, "evidence");
    jw_object_begin(&w);
    if (input) jw_kv_string(&w, "file", input);
    jw_key(&w, "lines");
    jw_array_begin(&w);
    for (size_t i = 0; i < a->n_lines; i++) jw_uint(&w, a->lines[i]);
    jw_array_end(&w);
    jw_object_end(&w);
    jw_object_end(&w);
    jw_object_end(&w);
}
