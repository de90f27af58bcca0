/* meta_summary.c - counts app meta (DNS names, TLS fingerprints, HTTP
 * hosts, DHCP hostnames) for the sense report, in fixed tables: values
 * beyond the bounds are counted as dropped, never stored. */
#include "sense/meta_summary.h"
#include <inttypes.h>
#include <string.h>
#include "cli/cli.h"
#include "core/hashmap.h"

/* Protocol, event and key names are nearly always the parsers' own string
 * constants: the same pointer settles it without reading the bytes. */
static inline bool same_str(const char *a, const char *b) { return a == b || !strcmp(a, b); }

static summary_meta_key *key_for(summary_meta *m, const char *protocol, const char *key)
{
    for (size_t i = 0; i < m->n_keys; i++)
        if (same_str(m->keys[i].protocol, protocol) && same_str(m->keys[i].key, key)) return &m->keys[i];
    if (m->n_keys == SUMMARY_META_KEYS) return NULL;
    summary_meta_key *k = &m->keys[m->n_keys++];
    k->protocol = protocol;
    k->key = key;
    return k;
}

static void add_value(summary_meta *m, summary_meta_key *k, const char *value)
{
    size_t len = strnlen(value, SUMMARY_META_VALUE_MAX);
    uint64_t h = hash_bytes(value, len);
    k->count++;
    for (uint32_t i = 0; i < k->n_values; i++) {
        summary_meta_value *v = &k->values[i];
        const char *s = m->pool + v->off;
        if (v->hash == h && strlen(s) == len && !memcmp(s, value, len)) { v->count++; return; }
    }
    if (k->n_values == SUMMARY_META_VALUES || SUMMARY_META_POOL - m->pool_used < len + 1) { k->dropped++; return; }
    summary_meta_value *v = &k->values[k->n_values++];
    v->hash = h;
    v->count = 1;
    v->off = m->pool_used;
    memcpy(m->pool + m->pool_used, value, len);
    m->pool[m->pool_used + len] = '\0';
    m->pool_used += (uint32_t)len + 1;
}

void summary_meta_add(summary_meta *m, const net_observation *o)
{
    const obs_app_meta *a = &o->u.meta;
    if (!a->protocol || !a->event) { m->dropped++; return; }
    size_t e = 0;
    while (e < m->n_events && !(same_str(m->events[e].protocol, a->protocol) && same_str(m->events[e].event, a->event)))
        e++;
    if (e == m->n_events) {
        if (m->n_events == SUMMARY_META_EVENTS) { m->dropped++; return; }
        m->events[e].protocol = a->protocol;
        m->events[e].event = a->event;
        m->n_events++;
    }
    m->events[e].count++;
    if (a->cleartext_credentials) m->events[e].cleartext_credentials++;
    if (a->default_credential) m->events[e].default_credentials++;
    for (size_t i = 0; i < a->n && i < OBS_META_MAX; i++) {
        if (!a->kv[i].key || !a->kv[i].value) continue;
        summary_meta_key *k = key_for(m, a->protocol, a->kv[i].key);
        if (!k) { m->dropped++; continue; }
        add_value(m, k, a->kv[i].value);
    }
}

static bool seen_protocol_before(const summary_meta *m, size_t e)
{
    for (size_t i = 0; i < e; i++)
        if (!strcmp(m->events[i].protocol, m->events[e].protocol)) return true;
    return false;
}

void summary_meta_json(const summary_meta *m, json_writer *w)
{
    jw_key(w, "meta");
    jw_object_begin(w);
    for (size_t e = 0; e < m->n_events; e++) {
        if (seen_protocol_before(m, e)) continue;
        const char *p = m->events[e].protocol;
        uint64_t clear = 0, factory = 0;
        jw_key(w, p);
        jw_object_begin(w);
        jw_key(w, "events");
        jw_object_begin(w);
        for (size_t i = e; i < m->n_events; i++) {
            if (strcmp(m->events[i].protocol, p)) continue;
            jw_kv_uint(w, m->events[i].event, m->events[i].count);
            clear += m->events[i].cleartext_credentials;
            factory += m->events[i].default_credentials;
        }
        jw_object_end(w);
        jw_kv_uint(w, "cleartext_credentials", clear);
        jw_kv_uint(w, "default_credentials", factory);
        jw_key(w, "keys");
        jw_object_begin(w);
        for (size_t i = 0; i < m->n_keys; i++) {
            const summary_meta_key *k = &m->keys[i];
            if (strcmp(k->protocol, p)) continue;
            jw_key(w, k->key);
            jw_object_begin(w);
            jw_kv_uint(w, "count", k->count);
            jw_kv_uint(w, "distinct", k->n_values);
            jw_kv_uint(w, "dropped", k->dropped);
            jw_key(w, "values");
            jw_array_begin(w);
            for (uint32_t v = 0; v < k->n_values; v++) {
                jw_array_begin(w);
                jw_string(w, m->pool + k->values[v].off);
                jw_uint(w, k->values[v].count);
                jw_array_end(w);
            }
            jw_array_end(w);
            jw_object_end(w);
        }
        jw_object_end(w);
        jw_object_end(w);
    }
    jw_object_end(w);
}

void summary_meta_print(const summary_meta *m, FILE *out)
{
    if (!m->n_keys) return;
    static const char *const h[] = { "protocol", "meta key", "values", "distinct" };
    cli_table tab;
    cli_table_init(&tab, 4, h);
    for (size_t i = 0; i < m->n_keys; i++) {
        char c[24], d[24];
        snprintf(c, sizeof c, "%" PRIu64, m->keys[i].count);
        snprintf(d, sizeof d, "%" PRIu32 "%s", m->keys[i].n_values, m->keys[i].dropped ? "+" : "");
        const char *row[] = { m->keys[i].protocol, m->keys[i].key, c, d };
        cli_table_row(&tab, row);
    }
    fputc('\n', out);
    cli_table_print(&tab, out);
    cli_table_free(&tab);
}
