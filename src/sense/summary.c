/* summary.c - counts what the engine observed and renders the end-of-run
 * report, for people (tables) and for machines (--json). */
#include "sense/summary.h"
#include <inttypes.h>
#include <string.h>
#include "cli/cli.h"
#include "core/json.h"
#include "net/proto/proto.h"

void sense_summary_init(sense_summary *s) { memset(s, 0, sizeof *s); }

static summary_ics *ics_for(sense_summary *s, const char *protocol)
{
    /* Parsers pass the same static name each time: compare addresses first. */
    for (size_t i = 0; i < s->n_ics; i++)
        if (s->ics[i].protocol == protocol) return &s->ics[i];
    for (size_t i = 0; i < s->n_ics; i++)
        if (strcmp(s->ics[i].protocol, protocol) == 0) return &s->ics[i];
    if (s->n_ics == SUMMARY_MAX_ICS_PROTOCOLS) return NULL;
    summary_ics *x = &s->ics[s->n_ics++];
    x->protocol = protocol;
    return x;
}

static void copy_field(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src ? src : "");
}

static void add_identity(sense_summary *s, const net_observation *o)
{
    const obs_identity *id = &o->u.identity;
    summary_identity n;
    memset(&n, 0, sizeof n);
    copy_field(n.protocol, sizeof n.protocol, id->protocol);
    /* the device is the sender: the server for a reply, the client when the
     * device speaks first (a BACnet I-Am broadcast) */
    if (o->flow) ip_fmt(o->dir == NET_DIR_TO_SERVER ? &o->flow->client : &o->flow->server, n.server);
    n.unit_id = id->unit_id;
    copy_field(n.vendor, sizeof n.vendor, id->vendor);
    copy_field(n.product, sizeof n.product, id->product);
    copy_field(n.model, sizeof n.model, id->model);
    copy_field(n.firmware, sizeof n.firmware, id->firmware);
    copy_field(n.serial, sizeof n.serial, id->serial);
    copy_field(n.device_type, sizeof n.device_type, id->device_type);
    copy_field(n.name, sizeof n.name, id->name);
    copy_field(n.plant, sizeof n.plant, id->plant);
    n.has_product_code = id->has_product_code;
    n.product_code = id->product_code;
    n.frame = o->frame;
    /* Devices repeat themselves (every poll, every session): a hash index
     * over the identifying fields keeps the repeat check O(1). */
    uint64_t h = 1469598103934665603ull;
    const char *parts[] = { n.protocol, n.server, n.vendor, n.product, n.firmware };
    for (size_t p = 0; p < sizeof parts / sizeof *parts; p++) {
        for (const char *c = parts[p]; *c; c++) h = (h ^ (uint8_t)*c) * 1099511628211ull;
        h = (h ^ 0xff) * 1099511628211ull;
    }
    h = (h ^ n.unit_id) * 1099511628211ull;
    size_t slot = (size_t)(h ^ (h >> 29)) & (SUMMARY_IDENTITY_SLOTS - 1);
    for (; s->id_index[slot]; slot = (slot + 1) & (SUMMARY_IDENTITY_SLOTS - 1)) {
        const summary_identity *e = &s->ids[s->id_index[slot] - 1];
        if (!strcmp(e->protocol, n.protocol) && !strcmp(e->server, n.server) && e->unit_id == n.unit_id &&
            !strcmp(e->vendor, n.vendor) && !strcmp(e->product, n.product) && !strcmp(e->firmware, n.firmware))
            return;
    }
    if (s->n_ids == SUMMARY_MAX_IDENTITIES) { s->ids_dropped++; return; }
    s->ids[s->n_ids++] = n;
    s->id_index[slot] = (uint16_t)s->n_ids;
}

typedef struct fn_counters {
    const char **name;
    uint64_t *requests, *responses, *exceptions;
} fn_counters;

/* Functions 0..255 index the arrays; larger ones (OPC UA node ids, BACnet's
 * numbering) go to a small table kept sorted. False when it is full. */
static bool counters_for(summary_ics *x, const obs_ics_op *op, fn_counters *k)
{
    if (op->function < 256) {
        *k = (fn_counters){ &x->names[op->function], &x->requests[op->function], &x->responses[op->function],
                            &x->exceptions[op->function] };
        return true;
    }
    size_t i = 0;
    while (i < x->n_wide && x->wide[i].function < op->function) i++;
    if (i == x->n_wide || x->wide[i].function != op->function) {
        if (x->n_wide == SUMMARY_MAX_WIDE_FUNCTIONS) return false;
        memmove(&x->wide[i + 1], &x->wide[i], (x->n_wide - i) * sizeof x->wide[0]);
        memset(&x->wide[i], 0, sizeof x->wide[0]);
        x->wide[i].function = op->function;
        x->n_wide++;
    }
    summary_wide_function *w = &x->wide[i];
    *k = (fn_counters){ &w->name, &w->requests, &w->responses, &w->exceptions };
    return true;
}

/* The function rows of one protocol in ascending order, narrow then wide. */
typedef struct fn_row {
    int function;
    const char *name;
    uint64_t requests, responses, exceptions;
} fn_row;

static bool fn_row_at(const summary_ics *x, size_t i, fn_row *r)
{
    if (i < 256) {
        *r = (fn_row){ (int)i, x->names[i], x->requests[i], x->responses[i], x->exceptions[i] };
        return true;
    }
    if (i - 256 >= x->n_wide) return false;
    const summary_wide_function *w = &x->wide[i - 256];
    *r = (fn_row){ w->function, w->name, w->requests, w->responses, w->exceptions };
    return true;
}

static void summary_emit(void *user, const net_observation *o)
{
    sense_summary *s = user;
    switch (o->kind) {
    case OBS_ICS_OP: {
        const obs_ics_op *op = &o->u.ics;
        summary_ics *x = ics_for(s, op->protocol);
        if (!x) return;
        fn_counters k;
        if (!counters_for(x, op, &k)) { x->wide_dropped++; return; }
        if (!*k.name) *k.name = op->function_name;
        if (op->is_response) {
            (*k.responses)++;
            if (!op->paired && !op->exception) x->unpaired_responses++;
        } else {
            (*k.requests)++;
            if (op->is_write) x->writes++;
            if (op->is_control) x->controls++;
        }
        if (op->exception) (*k.exceptions)++;
        if (op->malformed) x->malformed++;
        break;
    }
    case OBS_IDENTITY: add_identity(s, o); break;
    case OBS_FLOW_END: if ((unsigned)o->u.flow_end.reason < 4) s->flows_ended[o->u.flow_end.reason]++; break;
    case OBS_APP_META: summary_meta_add(&s->meta, o); break;
    default: break;
    }
}

obs_sink sense_summary_sink(sense_summary *s)
{
    obs_sink k = { summary_emit, s, OBS_MASK(OBS_ICS_OP) | OBS_MASK(OBS_IDENTITY) | OBS_MASK(OBS_FLOW_END)
                   | OBS_MASK(OBS_APP_META) };
    return k;
}

static const char *u64s(char *buf, uint64_t v) { snprintf(buf, 24, "%" PRIu64, v); return buf; }

static double duration_s(const sense_run_info *ri)
{
    return ri->last_ts > ri->first_ts ? (double)(ri->last_ts - ri->first_ts) / 1e6 : 0.0;
}

void sense_summary_print(const sense_summary *s, const net_engine_stats *st, const sense_run_info *ri, FILE *out)
{
    const net_decode_stats *d = st->decode;
    const flow_stats *fs = st->flows;
    double wall = ri->wall_seconds > 0 ? ri->wall_seconds : 1e-9;
    fprintf(out, "Capture: %zu file(s)%s%s, %" PRIu64 " packets, %" PRIu64 " bytes, %.3f s of traffic%s\n",
            ri->n_inputs, ri->iface ? " + interface " : "", ri->iface ? ri->iface : "", d->packets, d->bytes, duration_s(ri), ri->interrupted ? " (interrupted)" : "");
    fprintf(out, "Processed in %.3f s: %.0f packets/s, %.1f Mbit/s\n", ri->wall_seconds,
            (double)d->packets / wall, (double)d->bytes * 8 / wall / 1e6);
    if (ri->input_errors) fprintf(out, "Input errors: %" PRIu64 " (see messages above)\n", ri->input_errors);
    fprintf(out, "Network: ipv4 %" PRIu64 ", ipv6 %" PRIu64 ", arp %" PRIu64 ", other %" PRIu64
            "; tcp %" PRIu64 ", udp %" PRIu64 ", icmp %" PRIu64 ", icmpv6 %" PRIu64 ", other %" PRIu64
            "; fragments %" PRIu64 ", reassembled %" PRIu64 "\n",
            d->ipv4, d->ipv6, d->arp, d->other_l3, d->tcp, d->udp, d->icmp, d->icmp6, d->other_l4,
            d->fragments, d->reassembled);
    fprintf(out, "Flows: %" PRIu64 " (tcp %" PRIu64 ", udp %" PRIu64 ", icmp %" PRIu64 ", other %" PRIu64
            "), peak %" PRIu32 " active; ended: timeout %" PRIu64 ", closed %" PRIu64 ", evicted %" PRIu64
            ", shutdown %" PRIu64 "\n",
            fs->created, fs->by_proto_tcp, fs->by_proto_udp, fs->by_proto_icmp, fs->by_proto_other, fs->peak,
            fs->ended[0], fs->ended[1], fs->ended[2], fs->ended[3]);
    const tcp_reasm_stats *t = st->tcp;
    fprintf(out, "TCP streams: %" PRIu64 " segments, %" PRIu64 " out of order, %" PRIu64 " retransmitted, %"
            PRIu64 " overlaps, %" PRIu64 " gaps (%" PRIu64 " bytes)\n",
            t->segments, t->out_of_order, t->retransmissions, t->overlaps, t->gaps, t->gap_bytes);

    if (st->app_slots_exhausted)
        fprintf(out, "Parser state pool exhausted: %" PRIu64 " recognised flows went unparsed (raise --app-memcap)\n",
                st->app_slots_exhausted);

    char a[24], b[24], c[24];
    cli_table tab;
    static const char *const app_h[] = { "application", "flows" };
    cli_table_init(&tab, 2, app_h);
    for (size_t i = 0; i < proto_n_parsers; i++) {
        const char *row[] = { proto_parsers[i]->name, u64s(a, st->app_flows[i]) };
        cli_table_row(&tab, row);
    }
    const char *unk[] = { "(unrecognised)", u64s(a, st->app_unrecognised) };
    cli_table_row(&tab, unk);
    fputc('\n', out);
    cli_table_print(&tab, out);
    cli_table_free(&tab);

    bool any = false;
    for (size_t i = 0; i < NET_ANOM__COUNT; i++) any |= d->anomalies[i] != 0;
    if (any) {
        static const char *const an_h[] = { "decode anomaly", "count" };
        cli_table_init(&tab, 2, an_h);
        for (size_t i = 0; i < NET_ANOM__COUNT; i++) {
            if (!d->anomalies[i]) continue;
            const char *row[] = { net_anomaly_name((net_anomaly)i), u64s(a, d->anomalies[i]) };
            cli_table_row(&tab, row);
        }
        fputc('\n', out);
        cli_table_print(&tab, out);
        cli_table_free(&tab);
    }

    for (size_t k = 0; k < s->n_ics; k++) {
        const summary_ics *x = &s->ics[k];
        static const char *const h[] = { "protocol", "fc", "function", "requests", "responses", "exceptions" };
        cli_table_init(&tab, 6, h);
        fn_row r;
        for (size_t i = 0; fn_row_at(x, i, &r); i++) {
            if (!r.requests && !r.responses) continue;
            char fcs[12];
            snprintf(fcs, sizeof fcs, "%d", r.function);
            const char *row[] = { x->protocol, fcs, r.name, u64s(a, r.requests), u64s(b, r.responses),
                                  u64s(c, r.exceptions) };
            cli_table_row(&tab, row);
        }
        fputc('\n', out);
        cli_table_print(&tab, out);
        cli_table_free(&tab);
        fprintf(out, "%s: %" PRIu64 " write and %" PRIu64 " control requests, %" PRIu64 " malformed, %" PRIu64
                " unpaired responses\n", x->protocol, x->writes, x->controls, x->malformed, x->unpaired_responses);
    }
    if (s->n_ids) {
        static const char *const h[] = { "protocol", "device", "unit", "vendor", "product", "model", "firmware", "frame" };
        cli_table_init(&tab, 8, h);
        for (size_t i = 0; i < s->n_ids; i++) {
            const summary_identity *id = &s->ids[i];
            char unit[12], fr[24];
            snprintf(unit, sizeof unit, "%" PRIu32, id->unit_id);
            const char *row[] = { id->protocol, id->server, unit, id->vendor, id->product, id->model, id->firmware,
                                  u64s(fr, id->frame) };
            cli_table_row(&tab, row);
        }
        fputc('\n', out);
        cli_table_print(&tab, out);
        cli_table_free(&tab);
        if (s->ids_dropped)
            fprintf(out, "%" PRIu64 " more identities not listed: the table holds %d\n", s->ids_dropped,
                    SUMMARY_MAX_IDENTITIES);
    }
    summary_meta_print(&s->meta, out);
}

void sense_summary_json(const sense_summary *s, const net_engine_stats *st, const sense_run_info *ri, strbuf *out)
{
    const net_decode_stats *d = st->decode;
    const flow_stats *fs = st->flows;
    json_writer w;
    jw_init(&w, out);
    jw_object_begin(&w);
    jw_key(&w, "inputs");
    jw_array_begin(&w);
    for (size_t i = 0; i < ri->n_inputs; i++) jw_string(&w, ri->inputs[i]);
    jw_array_end(&w);
    jw_kv_string(&w, "interface", ri->iface);
    jw_kv_bool(&w, "interrupted", ri->interrupted);
    jw_kv_uint(&w, "input_errors", ri->input_errors);
    jw_kv_uint(&w, "packets", d->packets);
    jw_kv_uint(&w, "bytes", d->bytes);
    jw_kv_double(&w, "duration_s", duration_s(ri), 6);
    jw_kv_double(&w, "wall_s", ri->wall_seconds, 6);
    jw_key(&w, "network");
    jw_object_begin(&w);
    jw_kv_uint(&w, "ipv4", d->ipv4); jw_kv_uint(&w, "ipv6", d->ipv6);
    jw_kv_uint(&w, "arp", d->arp); jw_kv_uint(&w, "other_l3", d->other_l3);
    jw_kv_uint(&w, "tcp", d->tcp); jw_kv_uint(&w, "udp", d->udp);
    jw_kv_uint(&w, "icmp", d->icmp); jw_kv_uint(&w, "icmpv6", d->icmp6); jw_kv_uint(&w, "other_l4", d->other_l4);
    jw_kv_uint(&w, "fragments", d->fragments); jw_kv_uint(&w, "reassembled", d->reassembled);
    jw_object_end(&w);
    jw_key(&w, "anomalies");
    jw_object_begin(&w);
    for (size_t i = 0; i < NET_ANOM__COUNT; i++)
        if (d->anomalies[i]) jw_kv_uint(&w, net_anomaly_name((net_anomaly)i), d->anomalies[i]);
    jw_object_end(&w);
    jw_key(&w, "flows");
    jw_object_begin(&w);
    jw_kv_uint(&w, "total", fs->created);
    jw_kv_uint(&w, "tcp", fs->by_proto_tcp); jw_kv_uint(&w, "udp", fs->by_proto_udp);
    jw_kv_uint(&w, "icmp", fs->by_proto_icmp); jw_kv_uint(&w, "other", fs->by_proto_other);
    jw_kv_uint(&w, "peak_active", fs->peak);
    jw_key(&w, "ended");
    jw_object_begin(&w);
    for (int r = 0; r < 4; r++) jw_kv_uint(&w, flow_end_reason_name((flow_end_reason)r), fs->ended[r]);
    jw_object_end(&w);
    jw_key(&w, "by_app");
    jw_object_begin(&w);
    for (size_t i = 0; i < proto_n_parsers; i++) jw_kv_uint(&w, proto_parsers[i]->name, st->app_flows[i]);
    jw_kv_uint(&w, "unrecognised", st->app_unrecognised);
    jw_object_end(&w);
    jw_object_end(&w);
    const tcp_reasm_stats *t = st->tcp;
    jw_key(&w, "tcp_reassembly");
    jw_object_begin(&w);
    jw_kv_uint(&w, "segments", t->segments); jw_kv_uint(&w, "out_of_order", t->out_of_order);
    jw_kv_uint(&w, "retransmissions", t->retransmissions); jw_kv_uint(&w, "overlaps", t->overlaps);
    jw_kv_uint(&w, "gaps", t->gaps); jw_kv_uint(&w, "gap_bytes", t->gap_bytes);
    jw_kv_uint(&w, "stream_cap_hits", t->stream_cap_hits); jw_kv_uint(&w, "memcap_hits", t->memcap_hits);
    jw_kv_uint(&w, "out_of_window", t->out_of_window); jw_kv_uint(&w, "chunks_peak", t->chunks_peak);
    jw_object_end(&w);
    jw_key(&w, "ics");
    jw_object_begin(&w);
    for (size_t k = 0; k < s->n_ics; k++) {
        const summary_ics *x = &s->ics[k];
        jw_key(&w, x->protocol);
        jw_object_begin(&w);
        jw_kv_uint(&w, "writes", x->writes); jw_kv_uint(&w, "controls", x->controls);
        jw_kv_uint(&w, "malformed", x->malformed); jw_kv_uint(&w, "unpaired_responses", x->unpaired_responses);
        jw_key(&w, "functions");
        jw_object_begin(&w);
        fn_row r;
        for (size_t i = 0; fn_row_at(x, i, &r); i++) {
            if (!r.requests && !r.responses) continue;
            char key[12];
            snprintf(key, sizeof key, "%d", r.function);
            jw_key(&w, key);
            jw_object_begin(&w);
            jw_kv_string(&w, "name", r.name);
            jw_kv_uint(&w, "requests", r.requests);
            jw_kv_uint(&w, "responses", r.responses);
            jw_kv_uint(&w, "exceptions", r.exceptions);
            jw_object_end(&w);
        }
        jw_object_end(&w);
        jw_object_end(&w);
    }
    jw_object_end(&w);
    jw_key(&w, "identities");
    jw_array_begin(&w);
    for (size_t i = 0; i < s->n_ids; i++) {
        const summary_identity *id = &s->ids[i];
        jw_object_begin(&w);
        jw_kv_string(&w, "protocol", id->protocol);
        jw_kv_string(&w, "device", id->server);
        jw_kv_uint(&w, "unit_id", id->unit_id);
        jw_kv_string(&w, "vendor", id->vendor[0] ? id->vendor : NULL);
        jw_kv_string(&w, "product", id->product[0] ? id->product : NULL);
        jw_kv_string(&w, "model", id->model[0] ? id->model : NULL);
        jw_kv_string(&w, "firmware", id->firmware[0] ? id->firmware : NULL);
        jw_kv_string(&w, "serial", id->serial[0] ? id->serial : NULL);
        if (id->device_type[0]) jw_kv_string(&w, "device_type", id->device_type);
        if (id->name[0]) jw_kv_string(&w, "name", id->name);
        if (id->plant[0]) jw_kv_string(&w, "plant", id->plant);
        if (id->has_product_code) jw_kv_uint(&w, "product_code", id->product_code);
        jw_kv_uint(&w, "frame", id->frame);
        jw_object_end(&w);
    }
    jw_array_end(&w);
    /* Only when the table overflowed, so the usual output stays as it was. */
    if (s->ids_dropped) jw_kv_uint(&w, "identities_dropped", s->ids_dropped);
    summary_meta_json(&s->meta, &w);
    if (st->app_state) {
        const app_pool_stats *ap = st->app_state;
        jw_key(&w, "app_state");
        jw_object_begin(&w);
        jw_kv_uint(&w, "memcap_bytes", ap->memcap);
        jw_kv_uint(&w, "carved_bytes", ap->carved);
        jw_kv_uint(&w, "peak_states", ap->peak);
        jw_kv_uint(&w, "exhausted", st->app_slots_exhausted);
        jw_object_end(&w);
    }
    jw_kv_uint(&w, "engine_memory_bytes", st->memory);
    jw_object_end(&w);
    strbuf_putc(out, '\n');
}
