/* modbus.c - Modbus/TCP (Application Protocol v1.1b3, Messaging on TCP/IP
 * v1.0b): MBAP framing of the stream, request/response pairing, exceptions,
 * device identification (FC 43/14) and server id (FC 17) as identities. */
#include "net/proto/modbus.h"
#include <stdio.h>
#include <string.h>
#include "net/proto/proto.h"

#define MODBUS_PENDING_MAX 16    /* outstanding requests remembered per flow */

typedef struct modbus_half {
    uint8_t buf[MODBUS_ADU_MAX]; /* an ADU split across deliveries */
    uint16_t fill;
    bool lost;                   /* desynchronised: skip to the next delivery */
} modbus_half;

typedef struct modbus_request {
    bool used, has_range;
    uint8_t unit, fc;
    uint16_t tid;
    uint32_t address, quantity;
} modbus_request;

typedef struct modbus_state {
    modbus_half half[NET_DIR_COUNT];
    modbus_request pending[MODBUS_PENDING_MAX];
    uint8_t next_pending;
} modbus_state;

const char *modbus_function_name(uint8_t fc)
{
    switch (fc & 0x7f) {
    case 1: return "read_coils";
    case 2: return "read_discrete_inputs";
    case 3: return "read_holding_registers";
    case 4: return "read_input_registers";
    case 5: return "write_single_coil";
    case 6: return "write_single_register";
    case 7: return "read_exception_status";
    case 8: return "diagnostics";
    case 11: return "get_comm_event_counter";
    case 12: return "get_comm_event_log";
    case 15: return "write_multiple_coils";
    case 16: return "write_multiple_registers";
    case 17: return "report_server_id";
    case 20: return "read_file_record";
    case 21: return "write_file_record";
    case 22: return "mask_write_register";
    case 23: return "read_write_multiple_registers";
    case 24: return "read_fifo_queue";
    case 43: return "encapsulated_interface_transport";
    case 90: return "umas";
    default:
        if ((fc >= 65 && fc <= 72) || (fc >= 100 && fc <= 110)) return "user_defined";
        return "unknown";
    }
}

bool modbus_function_plausible(uint8_t fc)
{
    if (fc == 0 || fc & 0x80) return false;
    return strcmp(modbus_function_name(fc), "unknown") != 0;
}

static void set_range(obs_ics_op *op, uint32_t address, uint32_t quantity)
{
    op->has_range = true;
    op->address = address;
    op->quantity = quantity;
}

/* Diagnostics sub-functions that change what the server does (spec 6.8):
 * restart communications and force listen-only mode take it off the bus. */
static void classify_diagnostic(obs_ics_op *op)
{
    switch (op->subfunction) {
    case 0x01: case 0x04: op->is_control = true; break;
    case 0x0a: case 0x14: op->is_write = true; break;   /* clear counters, clear overrun */
    default: break;
    }
}

/* UMAS (Schneider, on FC 90): PLC start/stop and program transfer are
 * the codes an attacker on a Modicon uses. */
static void classify_umas(obs_ics_op *op)
{
    uint8_t code = (uint8_t)op->subfunction;
    if (code == 0x40 || code == 0x41) op->is_control = true;           /* start, stop */
    else if (code >= 0x30 && code <= 0x32) op->is_write = true;         /* download */
}

static bool parse_request(uint8_t fc, cursor *c, obs_ics_op *op)
{
    switch (fc) {
    case 1: case 2: case 3: case 4: {
        uint16_t start = cursor_be16(c), qty = cursor_be16(c);
        set_range(op, start, qty);
        return cursor_ok(c) && cursor_left(c) == 0;
    }
    case 5: case 6: {
        uint16_t addr = cursor_be16(c);
        cursor_skip(c, 2);
        set_range(op, addr, 1);
        op->is_write = true;
        return cursor_ok(c) && cursor_left(c) == 0;
    }
    case 15: case 16: {
        uint16_t start = cursor_be16(c), qty = cursor_be16(c);
        uint8_t count = cursor_u8(c);
        set_range(op, start, qty);
        op->is_write = true;
        size_t want = fc == 15 ? ((size_t)qty + 7) / 8 : (size_t)qty * 2;
        return cursor_ok(c) && count == want && cursor_left(c) == count;
    }
    case 22: {
        uint16_t addr = cursor_be16(c);
        cursor_skip(c, 4);
        set_range(op, addr, 1);
        op->is_write = true;
        return cursor_ok(c) && cursor_left(c) == 0;
    }
    case 23: {
        uint16_t rstart = cursor_be16(c), rqty = cursor_be16(c);
        uint16_t wstart = cursor_be16(c), wqty = cursor_be16(c);
        uint8_t count = cursor_u8(c);
        set_range(op, wstart, wqty);
        op->has_read_range = true;
        op->read_address = rstart;
        op->read_quantity = rqty;
        op->is_write = true;
        return cursor_ok(c) && count == (size_t)wqty * 2 && cursor_left(c) == count;
    }
    case 24: {
        uint16_t ptr = cursor_be16(c);
        set_range(op, ptr, 1);
        return cursor_ok(c) && cursor_left(c) == 0;
    }
    case 8:
        op->has_subfunction = true;
        op->subfunction = cursor_be16(c);
        classify_diagnostic(op);
        return cursor_ok(c);
    case 20: case 21: {
        /* sub-requests: reference type 6, file, record, length (+ data for 21) */
        uint8_t count = cursor_u8(c);
        if (fc == 21) op->is_write = true;
        bool ok = cursor_ok(c) && count == cursor_left(c) && count >= 7;
        while (ok && cursor_left(c) > 0) {
            uint8_t ref = cursor_u8(c);
            uint16_t file = cursor_be16(c), record = cursor_be16(c), len = cursor_be16(c);
            if (!op->has_range) set_range(op, (uint32_t)file << 16 | record, len);
            if (fc == 21) cursor_skip(c, (size_t)len * 2);
            ok = cursor_ok(c) && ref == 6;
        }
        return ok;
    }
    case 43: {
        uint8_t mei = cursor_u8(c);
        op->has_subfunction = true;
        op->subfunction = mei;
        if (mei == MODBUS_MEI_READ_DEVICE_ID) {
            uint8_t code = cursor_u8(c);
            cursor_skip(c, 1);   /* first object id */
            return cursor_ok(c) && code >= 1 && code <= 4 && cursor_left(c) == 0;
        }
        return cursor_ok(c);
    }
    case 90:
        cursor_skip(c, 1);   /* session key */
        op->has_subfunction = true;
        op->subfunction = cursor_u8(c);
        classify_umas(op);
        return cursor_ok(c);
    case 7: case 11: case 12: case 17:
        return cursor_left(c) == 0;
    default:
        return true;         /* user-defined: nothing to check */
    }
}

static bool parse_response(uint8_t fc, cursor *c, obs_ics_op *op)
{
    switch (fc) {
    case 1: case 2: case 3: case 4: case 12: case 17: case 20: case 21: case 23: {
        uint8_t count = cursor_u8(c);
        if (fc == 21) { op->is_write = true; return cursor_ok(c); }   /* echo of the request */
        if (fc == 23) op->is_write = true;
        return cursor_ok(c) && cursor_left(c) == count;
    }
    case 5: case 6: case 15: case 16: {
        uint16_t addr = cursor_be16(c), v = cursor_be16(c);
        set_range(op, addr, fc == 15 || fc == 16 ? v : 1);
        op->is_write = true;
        return cursor_ok(c) && cursor_left(c) == 0;
    }
    case 22:
        set_range(op, cursor_be16(c), 1);
        cursor_skip(c, 4);
        op->is_write = true;
        return cursor_ok(c) && cursor_left(c) == 0;
    case 7:
        cursor_skip(c, 1);
        return cursor_ok(c) && cursor_left(c) == 0;
    case 11:
        cursor_skip(c, 4);
        return cursor_ok(c) && cursor_left(c) == 0;
    case 8:
        op->has_subfunction = true;
        op->subfunction = cursor_be16(c);
        classify_diagnostic(op);
        return cursor_ok(c);
    case 24: {
        uint16_t count = cursor_be16(c);
        return cursor_ok(c) && cursor_left(c) == count;
    }
    case 43:
        op->has_subfunction = true;
        op->subfunction = cursor_u8(c);
        return cursor_ok(c);
    case 90:
        op->has_subfunction = true;
        op->subfunction = cursor_u8(c);   /* 0xfe ok, 0xfd error */
        return cursor_ok(c);
    default:
        return true;
    }
}

bool modbus_parse_pdu(uint8_t fc, bool to_server, cursor *pdu, obs_ics_op *op)
{
    op->protocol = "modbus";
    op->function = fc & 0x7f;
    op->function_name = modbus_function_name(fc);
    op->is_response = !to_server;
    return to_server ? parse_request(fc, pdu, op) : parse_response(fc, pdu, op);
}

/* Copies an object value as a C string, stopping at an embedded NUL. */
static const char *object_text(cursor v, size_t len, char *buf, size_t cap)
{
    size_t n = len < cap - 1 ? len : cap - 1;
    if (!cursor_copy(&v, buf, n)) return NULL;
    buf[n] = '\0';
    return buf;
}

/* FC 43 / MEI 14 response: code, conformity, more-follows, next object,
 * count, then (id, length, value) objects (spec 6.21). */
static void emit_device_identification(const proto_ctx *ctx, uint8_t unit, cursor c)
{
    static const size_t cap = 256;
    char text[7][256];
    const char *val[7] = { 0 };
    cursor_skip(&c, 4);
    uint8_t n = cursor_u8(&c);
    for (unsigned i = 0; i < n && cursor_ok(&c); i++) {
        uint8_t id = cursor_u8(&c), len = cursor_u8(&c);
        cursor v = cursor_sub(&c, len);
        if (!cursor_ok(&c)) break;
        if (id < 7) val[id] = object_text(v, len, text[id], cap);
    }
    if (!val[0] && !val[1] && !val[2] && !val[4] && !val[5]) return;
    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_IDENTITY;
    obs_identity *id = &o.u.identity;
    id->protocol = "modbus";
    id->unit_id = unit;
    id->vendor = val[0];
    id->product = val[4] ? val[4] : val[1];
    id->model = val[5] ? val[5] : val[1];
    id->firmware = val[2];
    id->url = val[3];
    id->name = val[6];
    proto_emit(ctx, NET_DIR_TO_CLIENT, &o);
}

/* FC 17: byte count, server id, run indicator, then device-specific data
 * (spec 6.17). Many devices put their name there as text: the longest
 * printable run names the device. */
static void emit_server_id(const proto_ctx *ctx, uint8_t unit, cursor c)
{
    uint8_t count = cursor_u8(&c);
    if (!cursor_ok(&c) || cursor_left(&c) < count) return;
    const uint8_t *p = cursor_ptr(&c);
    size_t best = 0, best_len = 0;
    for (size_t i = 0; i < count;) {
        size_t j = i;
        while (j < count && p[j] >= 0x20 && p[j] < 0x7f) j++;
        if (j - i > best_len) { best = i; best_len = j - i; }
        i = j + 1;
    }
    if (best_len < 3) return;        /* a binary id: nothing readable */
    char text[256];
    memcpy(text, p + best, best_len);
    text[best_len] = '\0';
    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_IDENTITY;
    o.u.identity.protocol = "modbus";
    o.u.identity.unit_id = unit;
    o.u.identity.product = text;
    proto_emit(ctx, NET_DIR_TO_CLIENT, &o);
}

static void remember_request(modbus_state *st, const obs_ics_op *op, uint8_t unit, uint8_t fc)
{
    modbus_request *r = &st->pending[st->next_pending];
    st->next_pending = (uint8_t)((st->next_pending + 1) % MODBUS_PENDING_MAX);
    r->used = true;
    r->tid = (uint16_t)op->transaction;
    r->unit = unit;
    r->fc = fc;
    r->has_range = op->has_range;
    r->address = op->address;
    r->quantity = op->quantity;
}

/* Pairs a response with the newest request of the same transaction, unit
 * and function; reads take their range from the request. */
static void pair_response(modbus_state *st, obs_ics_op *op, uint8_t unit)
{
    for (int k = 1; k <= MODBUS_PENDING_MAX; k++) {
        modbus_request *r = &st->pending[(st->next_pending + MODBUS_PENDING_MAX - k) % MODBUS_PENDING_MAX];
        if (!r->used || r->tid != op->transaction || r->unit != unit || r->fc != op->function) continue;
        r->used = false;
        op->paired = true;
        if (!op->has_range && r->has_range) set_range(op, r->address, r->quantity);
        return;
    }
}

static void modbus_parse_adu(modbus_state *st, const proto_ctx *ctx, net_dir dir, const uint8_t *adu, size_t n)
{
    cursor c = cursor_make(adu, n);
    uint16_t tid = cursor_be16(&c);
    cursor_skip(&c, 4);               /* protocol id and length: checked by framing */
    uint8_t unit = cursor_u8(&c), fc = cursor_u8(&c);
    if (!cursor_ok(&c)) return;

    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_ICS_OP;
    obs_ics_op *op = &o.u.ics;
    op->transaction = tid;
    op->unit_id = unit;
    bool to_server = dir == NET_DIR_TO_SERVER;
    if (fc & 0x80) {
        op->protocol = "modbus";
        op->function = fc & 0x7f;
        op->function_name = modbus_function_name(fc);
        op->is_response = !to_server;
        op->exception = true;
        op->exception_code = cursor_u8(&c);
        op->malformed = to_server || !cursor_ok(&c) || cursor_left(&c) != 0;
    } else {
        cursor pdu = c;
        op->malformed = !modbus_parse_pdu(fc, to_server, &pdu, op);
    }
    if (to_server) {
        if (!op->exception) remember_request(st, op, unit, fc);
    } else {
        pair_response(st, op, unit);
    }
    proto_emit(ctx, dir, &o);

    if (!to_server && fc == MODBUS_FC_ENCAPSULATED_INTERFACE && op->subfunction == MODBUS_MEI_READ_DEVICE_ID) {
        cursor rest = c;
        cursor_skip(&rest, 1);
        emit_device_identification(ctx, unit, rest);
    } else if (!to_server && fc == MODBUS_FC_REPORT_SERVER_ID) {
        emit_server_id(ctx, unit, c);
    }
}

/* MBAP sanity: protocol 0, length covering unit id and function code up to a
 * 253-byte PDU. */
static bool mbap_valid(const uint8_t *h)
{
    uint16_t proto = (uint16_t)(h[2] << 8 | h[3]), len = (uint16_t)(h[4] << 8 | h[5]);
    return proto == 0 && len >= 2 && len <= 254;
}

static size_t mbap_adu_len(const uint8_t *h) { return 6 + (size_t)(h[4] << 8 | h[5]); }

/* Frames the byte stream into ADUs. Whole ADUs in the delivery are parsed in
 * place; a split one is gathered in the direction's buffer. A bad header
 * loses sync: the rest of the delivery is skipped, and the next delivery
 * (normally a segment boundary) must start with a valid header. */
static void modbus_feed(modbus_state *st, const proto_ctx *ctx, net_dir dir, const uint8_t *data, size_t len)
{
    modbus_half *h = &st->half[dir];
    if (h->lost) { h->lost = false; h->fill = 0; }
    cursor in = cursor_make(data, len);
    while (cursor_left(&in) > 0) {
        if (h->fill == 0 && cursor_left(&in) >= MODBUS_MBAP_LEN) {
            const uint8_t *p = cursor_ptr(&in);
            if (!mbap_valid(p)) { h->lost = true; return; }
            size_t adu = mbap_adu_len(p);
            if (cursor_left(&in) >= adu) {
                modbus_parse_adu(st, ctx, dir, p, adu);
                cursor_skip(&in, adu);
                continue;
            }
        }
        size_t want = h->fill < MODBUS_MBAP_LEN ? (size_t)(MODBUS_MBAP_LEN - h->fill) : mbap_adu_len(h->buf) - h->fill;
        size_t take = want < cursor_left(&in) ? want : cursor_left(&in);
        cursor_copy(&in, h->buf + h->fill, take);
        h->fill = (uint16_t)(h->fill + take);
        if (h->fill == MODBUS_MBAP_LEN && !mbap_valid(h->buf)) { h->fill = 0; h->lost = true; return; }
        if (h->fill >= MODBUS_MBAP_LEN && h->fill == mbap_adu_len(h->buf)) {
            modbus_parse_adu(st, ctx, dir, h->buf, h->fill);
            h->fill = 0;
        }
    }
}

static void modbus_parse_to_server(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    modbus_feed(state, ctx, NET_DIR_TO_SERVER, data, len);
}

static void modbus_parse_to_client(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    modbus_feed(state, ctx, NET_DIR_TO_CLIENT, data, len);
}

static void modbus_gap(void *state, const proto_ctx *ctx, net_dir dir, uint32_t len)
{
    modbus_state *st = state;
    st->half[dir].fill = 0;
    st->half[dir].lost = false;
}

/* Content probe: a whole MBAP header with protocol 0, a sane length and a
 * known function code; an exception can only travel to the client. */
static proto_probe_result modbus_probe(const uint8_t *data, size_t len, net_dir dir)
{
    if (len >= 4 && (data[2] | data[3]) != 0) return PROTO_PROBE_NO;
    if (len >= 6 && !mbap_valid(data)) return PROTO_PROBE_NO;
    if (len < MODBUS_MBAP_LEN + 1) return PROTO_PROBE_NEED_MORE;
    uint8_t fc = data[7];
    if (fc & 0x80) {
        if (dir == NET_DIR_TO_SERVER) return PROTO_PROBE_NO;
        fc &= 0x7f;
    }
    if (!modbus_function_plausible(fc)) return PROTO_PROBE_NO;
    /* When the first ADU ends inside the data, what follows must be another
     * header start or nothing; a text protocol rarely passes this. */
    size_t adu = mbap_adu_len(data);
    if (len > adu && len - adu >= 4 && (data[adu + 2] | data[adu + 3]) != 0) return PROTO_PROBE_NO;
    return PROTO_PROBE_YES;
}

const proto_parser proto_modbus = {
    .name = "modbus",
    .transport = 6,
    .ports = { MODBUS_PORT },
    .state_size = sizeof(modbus_state),
    .probe = modbus_probe,
    .parse_to_server = modbus_parse_to_server,
    .parse_to_client = modbus_parse_to_client,
    .gap = modbus_gap,
};
