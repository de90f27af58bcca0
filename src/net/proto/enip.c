/* enip.c - EtherNet/IP encapsulation on TCP and UDP 44818: stream framing,
 * common packet format items, ListIdentity identities, request pairing by
 * sender context or connected sequence; CIP I/O on UDP 2222 is recognised. */
#include "net/proto/enip.h"
#include <string.h>
#include "core/cursor.h"
#include "net/proto/cip.h"
#include "net/proto/proto.h"

typedef struct enip_half {
    uint8_t buf[ENIP_BUF];       /* a PDU split across deliveries (its head, if larger) */
    uint16_t fill;
    uint32_t total;              /* the gathered PDU's length, header included */
    uint32_t skip;               /* bytes of an oversized PDU still to pass over */
    bool lost;                   /* desynchronised: skip to the next delivery */
} enip_half;

typedef struct enip_pending {
    bool used, connected;
    uint16_t command;
    uint64_t key;                /* sender context, or the connected sequence count */
    cip_request_memo memo;
} enip_pending;

/* Outstanding requests: all a UDP flow keeps. */
typedef struct enip_pairing {
    enip_pending pending[ENIP_PENDING_MAX];
    uint8_t next_pending;
} enip_pairing;

typedef struct enip_state {
    enip_pairing pairing;
    enip_half half[NET_DIR_COUNT];
} enip_state;

const char *enip_command_name(uint16_t command)
{
    switch (command) {
    case ENIP_CMD_NOP: return "nop";
    case ENIP_CMD_LIST_SERVICES: return "list_services";
    case ENIP_CMD_LIST_IDENTITY: return "list_identity";
    case ENIP_CMD_LIST_INTERFACES: return "list_interfaces";
    case ENIP_CMD_REGISTER_SESSION: return "register_session";
    case ENIP_CMD_UNREGISTER_SESSION: return "unregister_session";
    case ENIP_CMD_SEND_RR_DATA: return "send_rr_data";
    case ENIP_CMD_SEND_UNIT_DATA: return "send_unit_data";
    case ENIP_CMD_INDICATE_STATUS: return "indicate_status";
    case ENIP_CMD_CANCEL: return "cancel";
    default: return "unknown";
    }
}

bool enip_command_known(uint16_t command) { return strcmp(enip_command_name(command), "unknown") != 0; }

static uint16_t le16_at(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t le32_at(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }

static void remember(enip_pairing *st, uint16_t command, bool connected, uint64_t key, const cip_request_memo *memo)
{
    enip_pending *r = &st->pending[st->next_pending];
    st->next_pending = (uint8_t)((st->next_pending + 1) % ENIP_PENDING_MAX);
    memset(r, 0, sizeof *r);
    r->used = true;
    r->command = command;
    r->connected = connected;
    r->key = key;
    if (memo) r->memo = *memo;
}

/* The newest outstanding request of this command and key; taken out. */
static enip_pending *take(enip_pairing *st, uint16_t command, bool connected, uint64_t key)
{
    for (int k = 1; k <= ENIP_PENDING_MAX; k++) {
        enip_pending *r = &st->pending[(st->next_pending + ENIP_PENDING_MAX - k) % ENIP_PENDING_MAX];
        if (!r->used || r->command != command || r->connected != connected || r->key != key) continue;
        r->used = false;
        return r;
    }
    return NULL;
}

/* The address and data items of SendRRData / SendUnitData. */
typedef struct cpf_msg {
    bool ok, connected, has_data;
    uint32_t connection_id;
    uint16_t sequence;
    cursor data;                 /* the CIP message */
} cpf_msg;

/* `truncated`: the PDU's tail was not kept; an item running past the end
 * is taken as far as it goes. */
static cpf_msg parse_cpf(cursor c, bool truncated)
{
    cpf_msg m;
    memset(&m, 0, sizeof m);
    uint16_t count = cursor_le16(&c);
    bool ok = cursor_ok(&c);
    for (uint16_t i = 0; i < count && ok; i++) {
        uint16_t type = cursor_le16(&c), len = cursor_le16(&c);
        if (truncated && cursor_ok(&c) && len > cursor_left(&c)) len = (uint16_t)cursor_left(&c);
        cursor item = cursor_sub(&c, len);
        if (!cursor_ok(&c)) { ok = false; break; }
        switch (type) {
        case CPF_CONNECTED_ADDRESS:
            m.connection_id = cursor_le32(&item);
            ok = cursor_ok(&item);
            break;
        case CPF_SEQUENCED_ADDRESS:
            m.connection_id = cursor_le32(&item);
            break;
        case CPF_CONNECTED_DATA:
            if (m.has_data) break;
            m.sequence = cursor_le16(&item);
            ok = cursor_ok(&item);
            m.has_data = true;
            m.connected = true;
            m.data = cursor_sub(&item, cursor_left(&item));
            break;
        case CPF_UNCONNECTED_DATA:
            if (m.has_data) break;
            m.has_data = true;
            m.data = item;
            break;
        default: break;              /* null address, sockaddr info: nothing to keep */
        }
    }
    m.ok = ok && count >= 1;
    return m;
}

/* ListIdentity reply: CIP identity items (0x0c): protocol version, socket
 * address, then the Identity object's attributes and the state. */
static void list_identity_reply(const proto_ctx *ctx, cursor c)
{
    uint16_t count = cursor_le16(&c);
    bool ok = cursor_ok(&c);
    for (uint16_t i = 0; i < count && ok; i++) {
        uint16_t type = cursor_le16(&c), len = cursor_le16(&c);
        cursor item = cursor_sub(&c, len);
        if (!cursor_ok(&c)) return;
        if (type != CPF_LIST_IDENTITY) continue;
        cursor_skip(&item, 2 + 16);
        cip_emit em = { ctx, NET_DIR_TO_CLIENT, 0, 0 };
        ok = cursor_ok(&item) && cip_emit_identity(&em, "enip", item);
    }
}

static void enip_parse_pdu(enip_pairing *st, const proto_ctx *ctx, net_dir dir, const uint8_t *pdu, size_t avail, size_t total)
{
    cursor c = cursor_make(pdu, avail);
    uint16_t command = cursor_le16(&c);
    uint16_t length = cursor_le16(&c);
    cursor_skip(&c, 4);                  /* session handle */
    uint32_t status = cursor_le32(&c);
    uint64_t context = cursor_le64(&c);
    cursor_skip(&c, 4);                  /* options */
    if (!cursor_ok(&c)) return;
    cursor data = cursor_sub(&c, cursor_left(&c));
    bool truncated = avail < total;
    bool to_server = dir == NET_DIR_TO_SERVER;

    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_ICS_OP;
    obs_ics_op *op = &o.u.ics;
    op->protocol = "enip";
    op->function = command;
    op->function_name = enip_command_name(command);
    op->transaction = (uint32_t)context;
    op->is_response = !to_server;
    if (status) {
        op->exception = true;
        op->exception_code = status > 0xff ? 0xff : (uint8_t)status;
        op->malformed = to_server;
    }

    cpf_msg m;
    memset(&m, 0, sizeof m);
    bool rr = command == ENIP_CMD_SEND_RR_DATA || command == ENIP_CMD_SEND_UNIT_DATA;
    if (rr) {
        cursor d = data;
        cursor_skip(&d, 6);              /* interface handle, timeout */
        m = cursor_ok(&d) ? parse_cpf(d, truncated) : m;
        if (!m.ok && !truncated && !status) op->malformed = true;
    } else {
        switch (command) {
        case ENIP_CMD_REGISTER_SESSION:
            if (length != 4 && !status) op->malformed = true;
            break;
        case ENIP_CMD_LIST_IDENTITY: case ENIP_CMD_LIST_SERVICES: case ENIP_CMD_LIST_INTERFACES:
            if (to_server && length != 0) op->malformed = true;
            break;
        default: break;
        }
    }
    /* pairing: by sender context, or for connected data by sequence count */
    bool connected = rr && m.connected;
    uint64_t key = connected ? m.sequence : context;
    enip_pending *req = NULL;
    bool expects_reply = command != ENIP_CMD_NOP && command != ENIP_CMD_UNREGISTER_SESSION &&
                         command != ENIP_CMD_CANCEL && command != ENIP_CMD_INDICATE_STATUS;
    if (!to_server && expects_reply) {
        req = take(st, command, connected, key);
        op->paired = req != NULL;
    }
    cip_request_memo reqmemo;
    memset(&reqmemo, 0, sizeof reqmemo);
    if (req) reqmemo = req->memo;
    proto_emit(ctx, dir, &o);

    if (rr && m.has_data) {
        cip_emit em = { ctx, dir, connected ? m.sequence : (uint32_t)context, 0 };
        cip_request_memo memo;
        memset(&memo, 0, sizeof memo);
        cip_parse_message(&em, m.data, &memo, req ? &reqmemo : NULL);
        if (to_server) remember(st, command, connected, key, &memo);
    } else if (to_server && expects_reply) {
        remember(st, command, false, context, NULL);
    }
    if (!to_server && command == ENIP_CMD_LIST_IDENTITY && status == 0) list_identity_reply(ctx, data);
}

/* Frames the byte stream. Whole PDUs in the delivery are parsed in place;
 * a split one is gathered, its first ENIP_BUF bytes when it is larger (the
 * rest is passed over, so framing holds). A header with an unknown command
 * loses sync until the next delivery. */
static void enip_feed(enip_state *st, const proto_ctx *ctx, net_dir dir, const uint8_t *data, size_t len)
{
    enip_half *h = &st->half[dir];
    if (h->lost) { h->lost = false; h->fill = 0; h->skip = 0; }
    cursor in = cursor_make(data, len);
    while (cursor_left(&in) > 0) {
        if (h->skip) {
            size_t n = h->skip < cursor_left(&in) ? h->skip : cursor_left(&in);
            cursor_skip(&in, n);
            h->skip -= (uint32_t)n;
            continue;
        }
        if (h->fill == 0 && cursor_left(&in) >= ENIP_HEADER_LEN) {
            const uint8_t *p = cursor_ptr(&in);
            if (!enip_command_known(le16_at(p))) { h->lost = true; return; }
            size_t total = ENIP_HEADER_LEN + (size_t)le16_at(p + 2);
            if (cursor_left(&in) >= total) {
                enip_parse_pdu(&st->pairing, ctx, dir, p, total, total);
                cursor_skip(&in, total);
                continue;
            }
        }
        if (h->fill < ENIP_HEADER_LEN) {
            size_t want = ENIP_HEADER_LEN - h->fill;
            size_t take_n = want < cursor_left(&in) ? want : cursor_left(&in);
            cursor_copy(&in, h->buf + h->fill, take_n);
            h->fill = (uint16_t)(h->fill + take_n);
            if (h->fill < ENIP_HEADER_LEN) return;
            if (!enip_command_known(le16_at(h->buf))) { h->fill = 0; h->lost = true; return; }
            h->total = ENIP_HEADER_LEN + (uint32_t)le16_at(h->buf + 2);
        }
        size_t keep = h->total < ENIP_BUF ? h->total : ENIP_BUF;
        if (h->fill < keep) {
            size_t want = keep - h->fill;
            size_t take_n = want < cursor_left(&in) ? want : cursor_left(&in);
            cursor_copy(&in, h->buf + h->fill, take_n);
            h->fill = (uint16_t)(h->fill + take_n);
        }
        if (h->fill == keep) {
            enip_parse_pdu(&st->pairing, ctx, dir, h->buf, h->fill, h->total);
            h->skip = h->total - h->fill;
            h->fill = 0;
        }
    }
}

static void enip_parse_to_server(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    enip_feed(state, ctx, NET_DIR_TO_SERVER, data, len);
}

static void enip_parse_to_client(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    enip_feed(state, ctx, NET_DIR_TO_CLIENT, data, len);
}

static void enip_gap(void *state, const proto_ctx *ctx, net_dir dir, uint32_t len)
{
    (void)ctx;
    enip_state *st = state;
    enip_half *h = &st->half[dir];
    /* inside an oversized PDU's tail the framing survives the loss */
    if (h->fill == 0 && h->skip > len) { h->skip -= len; return; }
    h->fill = 0;
    h->skip = 0;
    h->lost = false;
}

/* One datagram: encapsulation PDUs back to back, the last one possibly cut. */
static void enip_udp_datagram(enip_pairing *st, const proto_ctx *ctx, net_dir dir, const uint8_t *data, size_t len)
{
    cursor in = cursor_make(data, len);
    while (cursor_left(&in) >= ENIP_HEADER_LEN) {
        const uint8_t *p = cursor_ptr(&in);
        if (!enip_command_known(le16_at(p))) return;
        size_t total = ENIP_HEADER_LEN + (size_t)le16_at(p + 2);
        size_t avail = total < cursor_left(&in) ? total : cursor_left(&in);
        enip_parse_pdu(st, ctx, dir, p, avail, total);
        cursor_skip(&in, avail);
    }
}

static void enip_udp_to_server(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    enip_udp_datagram(state, ctx, NET_DIR_TO_SERVER, data, len);
}

static void enip_udp_to_client(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    enip_udp_datagram(state, ctx, NET_DIR_TO_CLIENT, data, len);
}

/* Content probe: a known command, options zero (Vol. 2 2-3.6), a request
 * with status zero, and per-command length sanity for requests. */
static proto_probe_result enip_probe_header(const uint8_t *data, size_t len, net_dir dir)
{
    if (len < 2) return PROTO_PROBE_NEED_MORE;
    uint16_t command = le16_at(data);
    if (!enip_command_known(command)) return PROTO_PROBE_NO;
    if (len < ENIP_HEADER_LEN) return PROTO_PROBE_NEED_MORE;
    uint16_t length = le16_at(data + 2);
    uint32_t status = le32_at(data + 8), options = le32_at(data + 20);
    if (options != 0) return PROTO_PROBE_NO;
    if (dir == NET_DIR_TO_SERVER) {
        if (status != 0) return PROTO_PROBE_NO;
        switch (command) {
        case ENIP_CMD_LIST_IDENTITY: case ENIP_CMD_LIST_SERVICES: case ENIP_CMD_LIST_INTERFACES:
            if (length != 0) return PROTO_PROBE_NO;
            break;
        case ENIP_CMD_REGISTER_SESSION:
            if (length != 4) return PROTO_PROBE_NO;
            break;
        case ENIP_CMD_SEND_RR_DATA: case ENIP_CMD_SEND_UNIT_DATA:
            if (length < 8) return PROTO_PROBE_NO;
            break;
        default: break;
        }
    } else if (status > 0xffff) {
        return PROTO_PROBE_NO;
    }
    /* A NOP is too weak alone: its length is free and its data ignored. */
    if (command == ENIP_CMD_NOP && length > 0 && len > ENIP_HEADER_LEN + (size_t)length) return PROTO_PROBE_NO;
    return PROTO_PROBE_YES;
}

static proto_probe_result enip_probe(const uint8_t *data, size_t len, net_dir dir)
{
    return enip_probe_header(data, len, dir);
}

/* A datagram is whole: the header's length must fit it. */
static proto_probe_result enip_udp_probe(const uint8_t *data, size_t len, net_dir dir)
{
    if (len < ENIP_HEADER_LEN) return PROTO_PROBE_NO;
    if (ENIP_HEADER_LEN + (size_t)le16_at(data + 2) > len) return PROTO_PROBE_NO;
    return enip_probe_header(data, len, dir);
}

/* CIP I/O (class 0/1 implicit messaging): a common packet format with a
 * sequenced address item and a connected data item filling the datagram. */
static proto_probe_result cip_io_probe(const uint8_t *data, size_t len, net_dir dir)
{
    (void)dir;
    cursor c = cursor_make(data, len);
    uint16_t count = cursor_le16(&c);
    uint16_t t1 = cursor_le16(&c), l1 = cursor_le16(&c);
    cursor_skip(&c, l1);
    uint16_t t2 = cursor_le16(&c), l2 = cursor_le16(&c);
    if (!cursor_ok(&c)) return PROTO_PROBE_NO;
    if (count < 2 || count > 4 || t1 != CPF_SEQUENCED_ADDRESS || l1 != 8 || t2 != CPF_CONNECTED_DATA) return PROTO_PROBE_NO;
    if (count == 2 && cursor_left(&c) != l2) return PROTO_PROBE_NO;
    if (cursor_left(&c) < l2) return PROTO_PROBE_NO;
    return PROTO_PROBE_YES;
}

const proto_parser proto_enip = {
    .name = "enip",
    .transport = 6,
    .ports = { ENIP_PORT },
    .state_size = sizeof(enip_state),
    .probe = enip_probe,
    .parse_to_server = enip_parse_to_server,
    .parse_to_client = enip_parse_to_client,
    .gap = enip_gap,
};

const proto_parser proto_enip_udp = {
    .name = "enip-udp",
    .transport = 17,
    .ports = { ENIP_PORT },
    .state_size = sizeof(enip_pairing),
    .probe = enip_udp_probe,
    .parse_to_server = enip_udp_to_server,
    .parse_to_client = enip_udp_to_client,
};

const proto_parser proto_cip_io = {
    .name = "cip-io",
    .transport = 17,
    .ports = { CIP_IO_PORT },
    .state_size = 0,
    .probe = cip_io_probe,
};
