/* cli_inventory.c - inventory rows as text and JSON (cli_inventory.h). */
#include "cli/cli_inventory.h"
#include <stdio.h>
#include "core/timeutil.h"

void cli_inv_mismatch_text(const store_inv_asset *a, strbuf *sb)
{
    strbuf_reset(sb);
    size_t n = a->n_mismatches < STORE_INV_MISMATCH_MAX ? a->n_mismatches : STORE_INV_MISMATCH_MAX;
    for (size_t i = 0; i < n; i++) {
        const store_inv_mismatch *m = &a->mismatches[i];
        strbuf_printf(sb, "%s%s %s -> %s (%s)", i ? "; " : "", m->field, *m->declared ? m->declared : "-",
                      m->observed ? m->observed : "-", m->source ? m->source : "?");
    }
    if (a->n_mismatches > n) strbuf_printf(sb, "; %zu more", a->n_mismatches - n);
}

static void kv_time(json_writer *w, const char *k, int64_t t)
{
    char buf[SW_TIME_STR_MAX];
    jw_kv_string(w, k, t ? time_fmt_rfc3339(t, 6, buf) : NULL);
}

/* "mismatches": [{field, declared, observed, source}], "mismatch_count": N */
static void jw_mismatches(json_writer *w, const store_inv_asset *a)
{
    jw_key(w, "mismatches");
    jw_array_begin(w);
    size_t n = a->n_mismatches < STORE_INV_MISMATCH_MAX ? a->n_mismatches : STORE_INV_MISMATCH_MAX;
    for (size_t i = 0; i < n; i++) {
        const store_inv_mismatch *m = &a->mismatches[i];
        jw_object_begin(w);
        jw_kv_string(w, "field", m->field);
        jw_kv_string(w, "declared", m->declared);
        jw_kv_string(w, "observed", m->observed);
        jw_kv_string(w, "source", m->source);
        jw_object_end(w);
    }
    jw_array_end(w);
    jw_kv_uint(w, "mismatch_count", a->n_mismatches);
}

void cli_inv_jw_judgement(json_writer *w, const store_inv_asset *a)
{
    jw_kv_string(w, "state", store_inv_state_name(a->state));
    kv_time(w, "first_seen", a->first_seen);
    kv_time(w, "last_seen", a->last_seen);
    cli_jw_csv_array(w, "seen_ips", a->seen_ips ? a->seen_ips : "");
    jw_kv_string(w, "seen_mac", a->seen_mac);
    jw_kv_string(w, "mac_vendor", a->mac_vendor);
    jw_mismatches(w, a);
}

static const char *proto_name(int p, char buf[16])
{
    if (p == 6) return "tcp";
    if (p == 17) return "udp";
    snprintf(buf, 16, "ip%d", p);
    return buf;
}

void cli_inv_names_text(const store_inv_host_row *h, strbuf *sb)
{
    strbuf_reset(sb);
    for (size_t i = 0; i < h->n_names; i++)
        strbuf_printf(sb, "%s%s (%s)", i ? ", " : "", h->names[i].name, h->names[i].source);
}

void cli_inv_services_text(const store_inv_service *s, size_t n, strbuf *sb)
{
    strbuf_reset(sb);
    for (size_t i = 0; i < n; i++) {
        char pb[16];
        strbuf_printf(sb, "%s%s/%d%s%s", i ? ", " : "", proto_name(s[i].ip_proto, pb), s[i].port,
                      s[i].app ? " " : "", s[i].app ? s[i].app : "");
    }
}

static void jw_services(json_writer *w, const char *key, const store_inv_service *s, size_t n)
{
    jw_key(w, key);
    jw_array_begin(w);
    for (size_t i = 0; i < n; i++) {
        char pb[16];
        jw_object_begin(w);
        jw_kv_string(w, "transport", proto_name(s[i].ip_proto, pb));
        jw_kv_int(w, "port", s[i].port);
        jw_kv_string(w, "app", s[i].app);
        jw_kv_int(w, "flows", s[i].flows);
        jw_object_end(w);
    }
    jw_array_end(w);
}

void cli_inv_jw_asset(json_writer *w, const store_asset_row *a, const store_inv_asset *j)
{
    jw_object_begin(w);
    jw_kv_string(w, "id", a->id);
    jw_kv_string(w, "name", a->name);
    jw_kv_string(w, "kind", a->kind);
    jw_kv_string(w, "zone", a->zone);
    jw_kv_string(w, "domain", a->domain);
    jw_kv_string(w, "criticality", a->criticality);
    cli_jw_csv_array(w, "ips", a->ips);
    jw_kv_string(w, "mac", a->mac);
    jw_kv_string(w, "vendor", a->vendor);
    jw_kv_string(w, "product", a->product);
    jw_kv_string(w, "version", a->version);
    jw_kv_string(w, "owner", a->owner);
    cli_inv_jw_judgement(w, j);
    jw_object_end(w);
}

void cli_inv_jw_host(json_writer *w, const store_inv_host_row *h)
{
    jw_object_begin(w);
    jw_kv_string(w, "ip", h->ip);
    jw_kv_string(w, "mac", h->mac);
    jw_kv_string(w, "mac_source", h->mac_source);
    jw_kv_string(w, "mac_vendor", h->mac_vendor);
    kv_time(w, "first_seen", h->first_seen);
    kv_time(w, "last_seen", h->last_seen);
    jw_kv_int(w, "packets", h->packets);
    jw_kv_int(w, "bytes", h->bytes);
    jw_kv_string(w, "state", store_inv_state_name(h->state));
    jw_kv_string(w, "asset", h->asset);
    jw_kv_bool(w, "declared", h->asset != NULL);
    jw_kv_string(w, "zone", h->zone);
    jw_key(w, "names");
    jw_array_begin(w);
    for (size_t i = 0; i < h->n_names; i++) {
        jw_object_begin(w);
        jw_kv_string(w, "name", h->names[i].name);
        jw_kv_string(w, "source", h->names[i].source);
        jw_kv_int(w, "count", h->names[i].count);
        jw_object_end(w);
    }
    jw_array_end(w);
    jw_services(w, "offers", h->offered, h->n_offered);
    jw_services(w, "uses", h->used, h->n_used);
    jw_kv_string(w, "identity_protocol", h->id_protocol);
    jw_kv_string(w, "vendor", h->id_vendor);
    jw_kv_string(w, "product", h->id_product);
    jw_kv_string(w, "firmware", h->id_firmware);
    jw_kv_string(w, "serial", h->id_serial);
    if (h->judged) jw_mismatches(w, h->judged);
    jw_object_end(w);
}

int cli_inv_parse_state(const char *s)
{
    store_inv_state st;
    return store_inv_state_parse(s, &st) ? (int)st : -1;
}
