/* alert.c - one alert as an ECS JSON object (DESIGN.md output contract),
 * written through core's streaming writer: this is a hot path. */
#include <string.h>
#include "core/json.h"
#include "detect/detect.h"
#include "model/model_service.h"

static void techniques(json_writer *w, const detect_alert *a)
{
    const char *t = detect_rules[a->rule].techniques;
    jw_array_begin(w);
    while (*t) {
        while (*t == ' ') t++;
        size_t n = strcspn(t, " ");
        if (n) jw_string_n(w, t, n);
        t += n;
    }
    for (size_t i = 0; i < a->n_extra; i++) jw_string(w, a->extra_techniques[i]);
    jw_array_end(w);
}

static void endpoint(json_writer *w, const char *key, bool has, const ip_addr *ip, uint16_t port, uint8_t ip_proto,
                     const uint8_t *mac, const model_asset *asset)
{
    if (!has) return;
    char buf[IP_STR_MAX], mbuf[18];
    jw_key(w, key);
    jw_object_begin(w);
    jw_kv_string(w, "ip", ip_fmt(ip, buf));
    if (port || ip_proto == 6 || ip_proto == 17) jw_kv_uint(w, "port", port);
    if (mac) jw_kv_string(w, "mac", mac_fmt(mac, mbuf));
    if (asset && asset->hostname) jw_kv_string(w, "domain", asset->hostname);
    jw_object_end(w);
}

/* ECS user.* for the person. */
static void phys_fields(json_writer *w, const detect_alert *a)
{
    if (a->person || a->user_name[0]) {
        jw_key(w, "user");
        jw_object_begin(w);
        if (a->person) jw_kv_string(w, "id", a->person->id);
        if (a->user_name[0]) jw_kv_string(w, "name", a->user_name);
        if (a->person && a->person->name) jw_kv_string(w, "full_name", a->person->name);
        if (a->person && a->person->roles.len) {
            jw_key(w, "roles");
            jw_array_begin(w);
            for (size_t i = 0; i < a->person->roles.len; i++) jw_string(w, a->person->roles.items[i]);
            jw_array_end(w);
        }
        jw_object_end(w);
    }
}

/* seawall.phys: the badge, door, reader, camera and area, inside "seawall". */
static void phys_block(json_writer *w, const detect_alert *a)
{
    jw_key(w, "phys");
    jw_object_begin(w);
    if (a->badge[0]) jw_kv_string(w, "badge", a->badge);
    if (a->door[0]) jw_kv_string(w, "door", a->door);
    if (a->reader) jw_kv_string(w, "reader", a->reader->id);
    if (a->camera) jw_kv_string(w, "camera", a->camera->id);
    if (a->area) {
        jw_kv_string(w, "area", a->area->id);
        jw_kv_string(w, "area_kind", a->area->kind);
    }
    if (a->person && a->person->status) jw_kv_string(w, "person_status", a->person->status);
    jw_object_end(w);
}

void detect_alert_render(const detect_alert *a, const char *pcap, const uint64_t *frames, size_t n_frames,
                         strbuf *out)
{
    const detect_rule *r = &detect_rules[a->rule];
    json_writer w;
    jw_init(&w, out);
    char tbuf[SW_TIME_STR_MAX];
    jw_object_begin(&w);
    jw_kv_string(&w, "@timestamp", time_fmt_rfc3339(a->ts, 6, tbuf));
    jw_key(&w, "event");
    jw_object_begin(&w);
    jw_kv_string(&w, "kind", "alert");
    jw_key(&w, "category");
    jw_array_begin(&w);
    if (!a->phys) jw_string(&w, "network");
    jw_string(&w, "intrusion_detection");
    jw_array_end(&w);
    jw_key(&w, "type");
    jw_array_begin(&w);
    jw_string(&w, !strcmp(r->family, "segmentation") ? "denied" : "info");
    jw_array_end(&w);
    jw_kv_string(&w, "dataset", a->phys ? "seawall.phys" : "seawall.net");
    jw_kv_string(&w, "module", "seawall");
    jw_kv_int(&w, "severity", (int64_t)a->severity + 1);
    jw_object_end(&w);

    jw_key(&w, "rule");
    jw_object_begin(&w);
    jw_kv_string(&w, "id", r->id);
    jw_kv_string(&w, "name", r->name);
    jw_kv_string(&w, "category", r->family);
    jw_kv_string(&w, "ruleset", "seawall");
    jw_object_end(&w);

    endpoint(&w, "source", a->has_src, &a->src, a->src_port, a->ip_proto, a->has_src_mac ? a->src_mac : NULL,
             a->asset_src);
    endpoint(&w, "destination", a->has_dst, &a->dst, a->dst_port, a->ip_proto, NULL, a->asset_dst);

    jw_key(&w, "network");
    jw_object_begin(&w);
    if (a->ip_proto) jw_kv_string(&w, "transport", model_ip_proto_name(a->ip_proto));
    if (a->protocol) jw_kv_string(&w, "protocol", a->protocol);
    jw_object_end(&w);

    jw_key(&w, "threat");
    jw_object_begin(&w);
    jw_kv_string(&w, "framework", detect_framework_name(a->framework));
    jw_key(&w, "technique");
    jw_object_begin(&w);
    jw_key(&w, "id");
    techniques(&w, a);
    jw_object_end(&w);
    jw_object_end(&w);

    jw_kv_string(&w, "message", a->message);
    phys_fields(&w, a);   /* any alert naming a person or account (wire logins too) */

    jw_key(&w, "seawall");
    jw_object_begin(&w);
    jw_kv_string(&w, "severity", detect_severity_name(a->severity));
    jw_key(&w, "zone");
    jw_object_begin(&w);
    jw_kv_string(&w, "src", a->zone_src ? a->zone_src->id : NULL);
    jw_kv_string(&w, "dst", a->zone_dst ? a->zone_dst->id : NULL);
    jw_object_end(&w);
    jw_key(&w, "asset");
    jw_object_begin(&w);
    jw_kv_string(&w, "src", a->asset_src ? a->asset_src->id : NULL);
    jw_kv_string(&w, "dst", a->asset_dst ? a->asset_dst->id : NULL);
    jw_object_end(&w);
    if (a->phys) phys_block(&w, a);
    jw_key(&w, "evidence");
    jw_object_begin(&w);
    if (pcap) jw_kv_string(&w, "pcap", pcap);
    if (a->phys) {
        if (a->feed) jw_kv_string(&w, "feed", a->feed);
        jw_key(&w, "lines");
        jw_array_begin(&w);
        for (size_t i = 0; i < a->n_lines; i++) jw_uint(&w, a->lines[i]);
        jw_array_end(&w);
    }
    jw_key(&w, "frames");
    jw_array_begin(&w);
    for (size_t i = 0; i < n_frames; i++) jw_uint(&w, frames[i]);
    jw_array_end(&w);
    jw_object_end(&w);
    jw_object_end(&w);
    jw_object_end(&w);
}
