/* dnp3.c - DNP3 (IEEE 1815-2012) over TCP and UDP: link frames with their
 * CRCs, transport reassembly of application fragments (a bounded prefix is
 * kept), function codes, IIN, object headers and device attributes. */
#include "net/proto/dnp3.h"
#include <string.h>
#include "core/cursor.h"
#include "net/proto/proto.h"

#define DNP3_PENDING_MAX 8       /* outstanding requests remembered per flow */
#define DNP3_FRAGMENT_MAX 65536  /* beyond this a fragment that never ends is given up */

typedef struct dnp3_half {
    uint8_t link[DNP3_LINK_MAX]; /* a link frame split across deliveries */
    uint16_t fill;
    bool synced;                 /* the last frame was good: a bad one is news */
    bool in_fragment;            /* transport: FIR seen, FIN not yet */
    uint8_t next_seq;
    uint16_t frag_src, frag_dst;
    uint32_t frag_len;           /* the whole fragment's length so far */
    uint8_t app[DNP3_APP_KEEP];  /* its first DNP3_APP_KEEP bytes */
} dnp3_half;

typedef struct dnp3_request {
    bool used, has_range, is_write, is_control;
    uint8_t fc, seq;
    uint16_t outstation;
    uint32_t address, quantity;
} dnp3_request;

typedef struct dnp3_state {
    dnp3_half half[NET_DIR_COUNT];
    dnp3_request pending[DNP3_PENDING_MAX];
    uint8_t next_pending;
} dnp3_state;

/* Device attributes (group 0) a response may carry, as text. */
enum { ATTR_VENDOR, ATTR_PRODUCT, ATTR_FIRMWARE, ATTR_SERIAL, ATTR_NAME, ATTR_HARDWARE, ATTR__COUNT };
typedef struct dnp3_attrs {
    bool any;
    bool have[ATTR__COUNT];
    char text[ATTR__COUNT][256];
} dnp3_attrs;

static const uint16_t crc_table[256] = {
    0x0000, 0x365e, 0x6cbc, 0x5ae2, 0xd978, 0xef26, 0xb5c4, 0x839a,
    0xff89, 0xc9d7, 0x9335, 0xa56b, 0x26f1, 0x10af, 0x4a4d, 0x7c13,
    0xb26b, 0x8435, 0xded7, 0xe889, 0x6b13, 0x5d4d, 0x07af, 0x31f1,
    0x4de2, 0x7bbc, 0x215e, 0x1700, 0x949a, 0xa2c4, 0xf826, 0xce78,
    0x29af, 0x1ff1, 0x4513, 0x734d, 0xf0d7, 0xc689, 0x9c6b, 0xaa35,
    0xd626, 0xe078, 0xba9a, 0x8cc4, 0x0f5e, 0x3900, 0x63e2, 0x55bc,
    0x9bc4, 0xad9a, 0xf778, 0xc126, 0x42bc, 0x74e2, 0x2e00, 0x185e,
    0x644d, 0x5213, 0x08f1, 0x3eaf, 0xbd35, 0x8b6b, 0xd189, 0xe7d7,
    0x535e, 0x6500, 0x3fe2, 0x09bc, 0x8a26, 0xbc78, 0xe69a, 0xd0c4,
    0xacd7, 0x9a89, 0xc06b, 0xf635, 0x75af, 0x43f1, 0x1913, 0x2f4d,
    0xe135, 0xd76b, 0x8d89, 0xbbd7, 0x384d, 0x0e13, 0x54f1, 0x62af,
    0x1ebc, 0x28e2, 0x7200, 0x445e, 0xc7c4, 0xf19a, 0xab78, 0x9d26,
    0x7af1, 0x4caf, 0x164d, 0x2013, 0xa389, 0x95d7, 0xcf35, 0xf96b,
    0x8578, 0xb326, 0xe9c4, 0xdf9a, 0x5c00, 0x6a5e, 0x30bc, 0x06e2,
    0xc89a, 0xfec4, 0xa426, 0x9278, 0x11e2, 0x27bc, 0x7d5e, 0x4b00,
    0x3713, 0x014d, 0x5baf, 0x6df1, 0xee6b, 0xd835, 0x82d7, 0xb489,
    0xa6bc, 0x90e2, 0xca00, 0xfc5e, 0x7fc4, 0x499a, 0x1378, 0x2526,
    0x5935, 0x6f6b, 0x3589, 0x03d7, 0x804d, 0xb613, 0xecf1, 0xdaaf,
    0x14d7, 0x2289, 0x786b, 0x4e35, 0xcdaf, 0xfbf1, 0xa113, 0x974d,
    0xeb5e, 0xdd00, 0x87e2, 0xb1bc, 0x3226, 0x0478, 0x5e9a, 0x68c4,
    0x8f13, 0xb94d, 0xe3af, 0xd5f1, 0x566b, 0x6035, 0x3ad7, 0x0c89,
    0x709a, 0x46c4, 0x1c26, 0x2a78, 0xa9e2, 0x9fbc, 0xc55e, 0xf300,
    0x3d78, 0x0b26, 0x51c4, 0x679a, 0xe400, 0xd25e, 0x88bc, 0xbee2,
    0xc2f1, 0xf4af, 0xae4d, 0x9813, 0x1b89, 0x2dd7, 0x7735, 0x416b,
    0xf5e2, 0xc3bc, 0x995e, 0xaf00, 0x2c9a, 0x1ac4, 0x4026, 0x7678,
    0x0a6b, 0x3c35, 0x66d7, 0x5089, 0xd313, 0xe54d, 0xbfaf, 0x89f1,
    0x4789, 0x71d7, 0x2b35, 0x1d6b, 0x9ef1, 0xa8af, 0xf24d, 0xc413,
    0xb800, 0x8e5e, 0xd4bc, 0xe2e2, 0x6178, 0x5726, 0x0dc4, 0x3b9a,
    0xdc4d, 0xea13, 0xb0f1, 0x86af, 0x0535, 0x336b, 0x6989, 0x5fd7,
    0x23c4, 0x159a, 0x4f78, 0x7926, 0xfabc, 0xcce2, 0x9600, 0xa05e,
    0x6e26, 0x5878, 0x029a, 0x34c4, 0xb75e, 0x8100, 0xdbe2, 0xedbc,
    0x91af, 0xa7f1, 0xfd13, 0xcb4d, 0x48d7, 0x7e89, 0x246b, 0x1235,
};

uint16_t dnp3_crc(const uint8_t *data, size_t len)
{
    uint16_t c = 0;
    for (size_t i = 0; i < len; i++) c = (uint16_t)((c >> 8) ^ crc_table[(c ^ data[i]) & 0xff]);
    return (uint16_t)~c;
}

typedef struct dnp3_function {
    const char *name;
    bool write, control;
    bool no_response;            /* the _NR forms: nothing to pair */
} dnp3_function;

/* Application function codes (IEEE 1815-2012 table 4-1) and what they do to
 * the outstation: writes change process data or configuration, controls
 * actuate outputs or change the run state. */
static const dnp3_function functions[] = {
    [DNP3_FC_CONFIRM] = { "confirm", false, false, true },
    [DNP3_FC_READ] = { "read", false, false, false },
    [DNP3_FC_WRITE] = { "write", true, false, false },
    [DNP3_FC_SELECT] = { "select", true, true, false },
    [DNP3_FC_OPERATE] = { "operate", true, true, false },
    [DNP3_FC_DIRECT_OPERATE] = { "direct_operate", true, true, false },
    [DNP3_FC_DIRECT_OPERATE_NR] = { "direct_operate_nr", true, true, true },
    [DNP3_FC_IMMED_FREEZE] = { "immed_freeze", true, false, false },
    [DNP3_FC_IMMED_FREEZE_NR] = { "immed_freeze_nr", true, false, true },
    [DNP3_FC_FREEZE_CLEAR] = { "freeze_clear", true, false, false },
    [DNP3_FC_FREEZE_CLEAR_NR] = { "freeze_clear_nr", true, false, true },
    [DNP3_FC_FREEZE_AT_TIME] = { "freeze_at_time", true, false, false },
    [DNP3_FC_FREEZE_AT_TIME_NR] = { "freeze_at_time_nr", true, false, true },
    [DNP3_FC_COLD_RESTART] = { "cold_restart", false, true, false },
    [DNP3_FC_WARM_RESTART] = { "warm_restart", false, true, false },
    [DNP3_FC_INITIALIZE_DATA] = { "initialize_data", true, true, false },
    [DNP3_FC_INITIALIZE_APPL] = { "initialize_appl", false, true, false },
    [DNP3_FC_START_APPL] = { "start_appl", false, true, false },
    [DNP3_FC_STOP_APPL] = { "stop_appl", false, true, false },
    [DNP3_FC_SAVE_CONFIG] = { "save_config", true, false, false },
    [DNP3_FC_ENABLE_UNSOLICITED] = { "enable_unsolicited", true, false, false },
    [DNP3_FC_DISABLE_UNSOLICITED] = { "disable_unsolicited", true, false, false },
    [DNP3_FC_ASSIGN_CLASS] = { "assign_class", true, false, false },
    [DNP3_FC_DELAY_MEASURE] = { "delay_measure", false, false, false },
    [DNP3_FC_RECORD_CURRENT_TIME] = { "record_current_time", false, false, false },
    [DNP3_FC_OPEN_FILE] = { "open_file", false, false, false },       /* write when the mode says so */
    [DNP3_FC_CLOSE_FILE] = { "close_file", false, false, false },
    [DNP3_FC_DELETE_FILE] = { "delete_file", true, false, false },
    [DNP3_FC_GET_FILE_INFO] = { "get_file_info", false, false, false },
    [DNP3_FC_AUTHENTICATE_FILE] = { "authenticate_file", false, false, false },
    [DNP3_FC_ABORT_FILE] = { "abort_file", false, false, false },
    [DNP3_FC_ACTIVATE_CONFIG] = { "activate_config", true, true, false },
    [DNP3_FC_AUTHENTICATE_REQ] = { "authenticate_req", false, false, false },
    [DNP3_FC_AUTH_REQ_NO_ACK] = { "auth_req_no_ack", false, false, true },
};
#define N_FUNCTIONS (sizeof functions / sizeof functions[0])

const char *dnp3_function_name(uint16_t fc)
{
    if (fc < N_FUNCTIONS) return functions[fc].name;
    switch (fc) {
    case DNP3_FC_RESPONSE: return "response";
    case DNP3_FC_UNSOLICITED_RESPONSE: return "unsolicited_response";
    case DNP3_FC_AUTHENTICATE_RESP: return "authenticate_resp";
    case DNP3_FC_CRC_ERROR: return "crc_error";
    default: return "unknown";
    }
}

void dnp3_classify(uint8_t fc, obs_ics_op *op)
{
    if (fc >= N_FUNCTIONS) return;
    op->is_write = functions[fc].write;
    op->is_control = functions[fc].control;
}

/* ---- application layer --------------------------------------------------- */

/* Size in bytes of one object of a fixed-size group/variation; negative: a
 * packed array of that many bits an object; 0: unknown or variable. From
 * the object library (IEEE 1815-2012 annex A). */
static int object_size(uint8_t g, uint8_t v)
{
    static const uint8_t flags_time[] = { 0, 1, 7, 3 };                    /* g2, g4, g11, g13 style */
    static const uint8_t counter[] = { 0, 5, 3, 5, 3, 4, 2, 4, 2 };         /* g20, g22, g23 (v1-v8) */
    static const uint8_t counter_ev[] = { 0, 5, 3, 5, 3, 11, 9, 11, 9 };
    static const uint8_t frozen[] = { 0, 5, 3, 5, 3, 11, 9, 11, 9, 4, 2, 4, 2 };
    static const uint8_t analog[] = { 0, 5, 3, 4, 2, 5, 9 };
    static const uint8_t frozen_analog[] = { 0, 5, 3, 11, 9, 4, 2, 5, 9 };
    static const uint8_t analog_ev[] = { 0, 5, 3, 11, 9, 5, 9, 11, 15 };
    static const uint8_t aout[] = { 0, 5, 3, 5, 9 };
    switch (g) {
    case 1: case 10: case 80: return v == 1 ? -1 : v == 2 && g != 80 ? 1 : 0;
    case 3: return v == 1 ? -2 : v == 2 ? 1 : 0;
    case 2: case 4: return v < sizeof flags_time ? flags_time[v] : 0;
    case 11: case 13: return v < 3 ? flags_time[v] : 0;
    case 12: return v == 1 || v == 2 ? 11 : v == 3 ? -1 : 0;
    case 20: return v < sizeof counter ? counter[v] : 0;
    case 21: return v < sizeof frozen ? frozen[v] : 0;
    case 22: case 23: return v < sizeof counter_ev ? counter_ev[v] : 0;
    case 30: return v < sizeof analog ? analog[v] : 0;
    case 31: return v < sizeof frozen_analog ? frozen_analog[v] : 0;
    case 32: case 33: case 42: case 43: return v < sizeof analog_ev ? analog_ev[v] : 0;
    case 34: return v == 1 ? 2 : v == 2 || v == 3 ? 4 : 0;
    case 40: case 41: return v < sizeof aout ? aout[v] : 0;
    case 50: return v == 1 || v == 3 ? 6 : v == 2 ? 10 : v == 4 ? 11 : 0;
    case 51: return v == 1 || v == 2 ? 6 : 0;
    case 52: return v == 1 || v == 2 ? 2 : 0;
    case 81: return v == 1 ? 3 : 0;
    case 101: return v == 1 ? 2 : v == 2 ? 4 : v == 3 ? 8 : 0;
    case 102: return v == 1 ? 1 : 0;
    case 110: case 111: case 112: case 113: return v;   /* octet strings: the variation is the length */
    default: return 0;
    }
}

/* Requests whose object headers name points but carry no values. */
static bool request_carries_data(uint8_t fc, uint8_t group)
{
    switch (fc) {
    case DNP3_FC_READ: case DNP3_FC_IMMED_FREEZE: case DNP3_FC_IMMED_FREEZE_NR: case DNP3_FC_FREEZE_CLEAR:
    case DNP3_FC_FREEZE_CLEAR_NR: case DNP3_FC_ENABLE_UNSOLICITED: case DNP3_FC_DISABLE_UNSOLICITED:
    case DNP3_FC_ASSIGN_CLASS:
        return false;
    case DNP3_FC_FREEZE_AT_TIME: case DNP3_FC_FREEZE_AT_TIME_NR:
        return group == 50;      /* the time and interval; the counters follow bare */
    default:
        return true;
    }
}

static void keep_attribute(dnp3_attrs *a, uint8_t variation, uint8_t type, cursor value)
{
    int k;
    switch (variation) {
    case 252: k = ATTR_VENDOR; break;
    case 250: k = ATTR_PRODUCT; break;
    case 242: k = ATTR_FIRMWARE; break;
    case 248: k = ATTR_SERIAL; break;
    case 247: k = ATTR_NAME; break;
    case 243: k = ATTR_HARDWARE; break;
    default: return;
    }
    if (type != 1) return;       /* visible string */
    char text[sizeof a->text[0]];
    size_t n = cursor_left(&value);
    if (n > sizeof text - 1) n = sizeof text - 1;
    if (!cursor_copy(&value, text, n)) return;
    text[n] = '\0';
    if (!text[0]) return;        /* empty, or starting with NUL: keeps an earlier value */
    memcpy(a->text[k], text, sizeof text);
    a->have[k] = true;
    a->any = true;
}

typedef enum { OBJ_OK, OBJ_UNKNOWN_SIZE, OBJ_SHORT } obj_result;

typedef struct obj_walk {
    uint8_t fc;
    bool response;
    obs_ics_op *op;
    dnp3_attrs *attrs;
} obj_walk;

static uint32_t read_uint(cursor *c, unsigned bytes)
{
    switch (bytes) {
    case 1: return cursor_u8(c);
    case 2: return cursor_le16(c);
    case 4: return cursor_le32(c);
    default: return 0;
    }
}

/* g70v3 file command: the operating mode (1 read, 2 write, 3 append) sits
 * after name offset and size, creation time, permissions, key and size. */
static void file_command(obj_walk *w, cursor obj)
{
    cursor_skip(&obj, 2 + 2 + 6 + 2 + 4 + 4);
    uint16_t mode = cursor_le16(&obj);
    if (cursor_ok(&obj) && (mode == 2 || mode == 3)) w->op->is_write = true;
}

/* Steps over the `count` objects after a header: index or size prefixes,
 * then the values when this function carries any. */
static obj_result skip_objects(obj_walk *w, cursor *c, uint8_t g, uint8_t v, uint32_t count, unsigned prefix)
{
    static const unsigned prefix_len[8] = { 0, 1, 2, 4, 1, 2, 4, 0 };
    unsigned plen = prefix_len[prefix];
    if (count == 0) return OBJ_OK;
    if (prefix >= 4) {           /* each object says its own size */
        for (uint32_t i = 0; i < count; i++) {
            uint32_t size = read_uint(c, plen);
            cursor obj = cursor_sub(c, size);
            if (!cursor_ok(c)) return OBJ_SHORT;
            if (g == 70 && v == 3 && w->fc == DNP3_FC_OPEN_FILE && !w->response) file_command(w, obj);
        }
        return OBJ_OK;
    }
    if (!w->response && !request_carries_data(w->fc, g)) {
        uint64_t n = (uint64_t)count * plen;
        if (n > cursor_left(c)) return OBJ_SHORT;
        cursor_skip(c, (size_t)n);
        return OBJ_OK;
    }
    if (g == 0) {                /* device attributes: data type, length, value */
        for (uint32_t i = 0; i < count; i++) {
            cursor_skip(c, plen);
            uint8_t type = cursor_u8(c), len = cursor_u8(c);
            cursor value = cursor_sub(c, len);
            if (!cursor_ok(c)) return OBJ_SHORT;
            if (w->response && w->attrs) keep_attribute(w->attrs, v, type, value);
        }
        return OBJ_OK;
    }
    int size = object_size(g, v);
    if (size == 0) return OBJ_UNKNOWN_SIZE;
    uint64_t n;
    if (size < 0) {
        if (plen) return OBJ_UNKNOWN_SIZE;   /* packed bits come with ranges */
        n = ((uint64_t)count * (uint64_t)-size + 7) / 8;
    } else {
        n = (uint64_t)count * (plen + (unsigned)size);
    }
    if (n > cursor_left(c)) return OBJ_SHORT;
    cursor_skip(c, (size_t)n);
    return OBJ_OK;
}

static void set_range(obs_ics_op *op, uint32_t address, uint32_t quantity)
{
    op->has_range = true;
    op->address = address;
    op->quantity = quantity;
}

/* Walks the object headers: group, variation, qualifier (prefix code in
 * bits 4-6, range code in bits 0-3) and range. The first header with points
 * gives the operation its range. A fragment longer than what was kept ends
 * where the kept bytes end, which is not an error. Returns false when the
 * headers do not fit. */
static bool parse_objects(obj_walk *w, cursor *c, bool cut)
{
    obs_ics_op *op = w->op;
    unsigned n = 0;
    while (cursor_left(c) > 0) {
        uint8_t g = cursor_u8(c), v = cursor_u8(c), q = cursor_u8(c);
        if (!cursor_ok(c)) return cut;
        if (n < OBS_DNP3_MAX_OBJECTS) {
            op->dnp3.objects[n].group = g;
            op->dnp3.objects[n].variation = v;
            op->dnp3.objects[n].qualifier = q;
        }
        n++;
        op->dnp3.n_objects = (uint8_t)(n < 255 ? n : 255);
        if (!w->response && g == 120 && (v == 10 || v == 13)) op->is_write = true;  /* user status, update key change */
        unsigned prefix = (q >> 4) & 7, range = q & 0x0f;
        if (q & 0x80 || prefix == 7) return false;
        uint32_t start = 0, count = 0;
        bool has_start = false;
        switch (range) {
        case 0: case 1: case 2: {
            unsigned b = range == 0 ? 1 : range == 1 ? 2 : 4;
            start = read_uint(c, b);
            uint32_t stop = read_uint(c, b);
            if (!cursor_ok(c)) return cut;
            if (stop < start) return false;
            if (stop - start == UINT32_MAX) return false;
            count = stop - start + 1;
            has_start = true;
            break;
        }
        case 3: case 4: case 5:  /* one object at an absolute address */
            start = read_uint(c, range == 3 ? 1 : range == 4 ? 2 : 4);
            count = 1;
            has_start = true;
            break;
        case 6: break;            /* all points: no range field */
        case 7: case 8: case 9:
            count = read_uint(c, range == 7 ? 1 : range == 8 ? 2 : 4);
            break;
        case 0x0b:                /* variable-format objects: a size prefix is due */
            count = cursor_u8(c);
            if (prefix < 4) return false;
            break;
        default:
            return false;
        }
        if (!cursor_ok(c)) return cut;
        if (!op->has_range && count > 0) {
            if (has_start) set_range(op, start, count);
            else if (prefix >= 1 && prefix <= 3) {
                cursor peek = *c;
                uint32_t first = read_uint(&peek, prefix == 3 ? 4 : prefix);
                if (cursor_ok(&peek)) set_range(op, first, count);
            }
        }
        switch (skip_objects(w, c, g, v, count, prefix)) {
        case OBJ_OK: break;
        case OBJ_UNKNOWN_SIZE: return true;   /* cannot step further: what is listed stands */
        case OBJ_SHORT: return cut;
        }
    }
    return true;
}

static void remember_request(dnp3_state *st, const obs_ics_op *op, uint8_t fc)
{
    if (fc >= N_FUNCTIONS || functions[fc].no_response) return;
    dnp3_request *r = &st->pending[st->next_pending];
    st->next_pending = (uint8_t)((st->next_pending + 1) % DNP3_PENDING_MAX);
    *r = (dnp3_request){ true, op->has_range, op->is_write, op->is_control, fc, (uint8_t)(op->transaction & 0x0f),
                         (uint16_t)op->unit_id, op->address, op->quantity };
}

/* A solicited response answers the newest request to the same outstation
 * with the same sequence number. A response in several fragments (FIN
 * clear) keeps the request for the next fragment, whose sequence is one
 * more. Unsolicited responses answer nothing. */
static void pair_response(dnp3_state *st, obs_ics_op *op, uint8_t ac)
{
    if (op->function == DNP3_FC_UNSOLICITED_RESPONSE) return;
    for (int k = 1; k <= DNP3_PENDING_MAX; k++) {
        dnp3_request *r = &st->pending[(st->next_pending + DNP3_PENDING_MAX - k) % DNP3_PENDING_MAX];
        if (!r->used || r->seq != (op->transaction & 0x0f) || r->outstation != op->unit_id) continue;
        op->paired = true;
        if (r->has_range && !op->has_range) set_range(op, r->address, r->quantity);
        op->is_write = r->is_write;
        op->is_control = r->is_control;
        if (ac & 0x40) r->used = false;
        else r->seq = (uint8_t)((r->seq + 1) & 0x0f);
        return;
    }
}

static void emit_identity(const proto_ctx *ctx, net_dir dir, uint16_t outstation, const dnp3_attrs *a)
{
    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_IDENTITY;
    obs_identity *id = &o.u.identity;
    id->protocol = "dnp3";
    id->unit_id = outstation;
    id->vendor = a->have[ATTR_VENDOR] ? a->text[ATTR_VENDOR] : NULL;
    id->product = a->have[ATTR_PRODUCT] ? a->text[ATTR_PRODUCT] : NULL;
    id->model = id->product;
    id->firmware = a->have[ATTR_FIRMWARE] ? a->text[ATTR_FIRMWARE] : NULL;
    id->serial = a->have[ATTR_SERIAL] ? a->text[ATTR_SERIAL] : NULL;
    id->name = a->have[ATTR_NAME] ? a->text[ATTR_NAME] : NULL;
    proto_emit(ctx, dir, &o);
}

/* One whole application fragment: `kept` of its `total` bytes are here. */
static void dnp3_parse_fragment(dnp3_state *st, const proto_ctx *ctx, net_dir dir, uint16_t src, uint16_t dst,
                                const uint8_t *app, size_t kept, uint32_t total)
{
    cursor c = cursor_make(app, kept);
    uint8_t ac = cursor_u8(&c), fc = cursor_u8(&c);
    if (!cursor_ok(&c)) return;  /* no function code: nothing to report */

    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_ICS_OP;
    obs_ics_op *op = &o.u.ics;
    op->protocol = "dnp3";
    op->function = fc;
    op->function_name = dnp3_function_name(fc);
    op->is_response = (fc & 0x80) != 0;
    op->transaction = ac & 0x0f;
    op->unit_id = op->is_response ? src : dst;   /* the outstation's address */
    op->dnp3.source = src;
    op->dnp3.destination = dst;
    op->dnp3.app_control = ac;
    dnp3_attrs attrs;
    attrs.any = false;
    memset(attrs.have, 0, sizeof attrs.have);
    obj_walk w = { fc, op->is_response, op, &attrs };
    if (op->is_response) {
        uint8_t iin1 = cursor_u8(&c), iin2 = cursor_u8(&c);
        if (!cursor_ok(&c)) {
            op->malformed = true;
        } else {
            op->dnp3.has_iin = true;
            op->dnp3.iin = (uint16_t)(iin1 << 8 | iin2);
            /* function unknown, object unknown, parameter error, already executing */
            if (iin2 & 0x17) { op->exception = true; op->exception_code = iin2; }
            op->malformed = !parse_objects(&w, &c, total > kept);
        }
        pair_response(st, op, ac);
    } else {
        dnp3_classify(fc, op);
        op->malformed = !parse_objects(&w, &c, total > kept);
        if (!(ac & 0x80) || !(ac & 0x40)) op->malformed = true;   /* requests are one fragment */
        remember_request(st, op, fc);
    }
    proto_emit(ctx, dir, &o);
    if (attrs.any) emit_identity(ctx, dir, src, &attrs);
}

/* ---- transport and link -------------------------------------------------- */

static void emit_crc_error(const proto_ctx *ctx, net_dir dir, bool trusted, uint8_t ctrl, uint16_t src, uint16_t dst)
{
    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_ICS_OP;
    obs_ics_op *op = &o.u.ics;
    op->protocol = "dnp3";
    op->function = DNP3_FC_CRC_ERROR;
    op->function_name = dnp3_function_name(DNP3_FC_CRC_ERROR);
    op->malformed = true;
    /* With a good header the direction bit says who sent it; otherwise the
     * flow direction is all there is. */
    op->is_response = trusted ? !(ctrl & 0x80) : dir == NET_DIR_TO_CLIENT;
    if (trusted) {
        op->unit_id = ctrl & 0x80 ? dst : src;
        op->dnp3.source = src;
        op->dnp3.destination = dst;
    }
    proto_emit(ctx, dir, &o);
}

/* Transport header: FIN 0x80, FIR 0x40, sequence in 6 bits. A fragment
 * is the segments from FIR to FIN with consecutive sequence numbers between
 * the same addresses; anything else drops the partial fragment. */
static void dnp3_transport(dnp3_state *st, const proto_ctx *ctx, net_dir dir, uint16_t src, uint16_t dst,
                           const uint8_t *tpdu, size_t n)
{
    dnp3_half *h = &st->half[dir];
    cursor c = cursor_make(tpdu, n);
    uint8_t th = cursor_u8(&c);
    if (!cursor_ok(&c)) return;
    bool fin = th & 0x80, fir = th & 0x40;
    uint8_t seq = th & 0x3f;
    if (fir) {
        h->in_fragment = true;
        h->frag_len = 0;
        h->frag_src = src;
        h->frag_dst = dst;
    } else if (!h->in_fragment || seq != h->next_seq || src != h->frag_src || dst != h->frag_dst) {
        h->in_fragment = false;
        return;
    }
    size_t len = cursor_left(&c);
    if (h->frag_len < DNP3_APP_KEEP) {
        size_t take = DNP3_APP_KEEP - h->frag_len;
        if (take > len) take = len;
        cursor_copy(&c, h->app + h->frag_len, take);
    }
    h->frag_len += (uint32_t)len;
    h->next_seq = (uint8_t)((seq + 1) & 0x3f);
    if (h->frag_len > DNP3_FRAGMENT_MAX) { h->in_fragment = false; return; }
    if (!fin) return;
    h->in_fragment = false;
    size_t kept = h->frag_len < DNP3_APP_KEEP ? h->frag_len : DNP3_APP_KEEP;
    dnp3_parse_fragment(st, ctx, dir, src, dst, h->app, kept, h->frag_len);
}

static size_t frame_len(uint8_t length)
{
    size_t user = (size_t)length - 5;
    return DNP3_LINK_HEADER + user + 2 * ((user + 15) / 16);
}

/* Start bytes, a length covering control and addresses, and the CRC. */
static bool header_valid(const uint8_t *h)
{
    return h[0] == 0x05 && h[1] == 0x64 && h[2] >= 5 && dnp3_crc(h, 8) == (uint16_t)(h[8] | h[9] << 8);
}

/* One link frame whose header checked. User data comes in 16-byte blocks,
 * each with its CRC; a bad block discards the frame, as the link layer
 * would, and drops the fragment it belonged to. */
static void dnp3_link_frame(dnp3_state *st, const proto_ctx *ctx, net_dir dir, const uint8_t *frame, size_t n)
{
    cursor c = cursor_make(frame, n);
    cursor_skip(&c, 2);
    uint8_t length = cursor_u8(&c), ctrl = cursor_u8(&c);
    uint16_t dst = cursor_le16(&c), src = cursor_le16(&c);
    cursor_skip(&c, 2);
    if (!cursor_ok(&c) || length < 5) return;
    size_t user = (size_t)length - 5, got = 0;
    if (user == 0) return;       /* link service only: no transport data */
    uint8_t data[DNP3_LINK_USER_MAX];
    bool crc_ok = true;
    while (got < user) {
        size_t block = user - got < 16 ? user - got : 16;
        if (!cursor_has(&c, block + 2)) return;
        uint16_t want = dnp3_crc(cursor_ptr(&c), block);
        cursor_copy(&c, data + got, block);
        if (cursor_le16(&c) != want) crc_ok = false;
        got += block;
    }
    if (!crc_ok) {
        st->half[dir].in_fragment = false;
        emit_crc_error(ctx, dir, true, ctrl, src, dst);
        return;
    }
    /* Only primary frames with (un)confirmed user data carry transport. */
    uint8_t fcode = ctrl & 0x0f;
    if (!(ctrl & 0x40) || (fcode != 3 && fcode != 4)) return;
    dnp3_transport(st, ctx, dir, src, dst, data, user);
}

static void dnp3_feed(dnp3_state *st, const proto_ctx *ctx, net_dir dir, const uint8_t *data, size_t len);

/* A header that failed its check: reported once per loss of sync, then its
 * bytes after the first are searched again for a frame start. */
static void bad_header(dnp3_state *st, const proto_ctx *ctx, net_dir dir, const uint8_t *hdr)
{
    dnp3_half *h = &st->half[dir];
    if (h->synced) emit_crc_error(ctx, dir, false, 0, 0, 0);
    h->synced = false;
    h->fill = 0;
    uint8_t rest[DNP3_LINK_HEADER - 1];
    memcpy(rest, hdr + 1, sizeof rest);
    dnp3_feed(st, ctx, dir, rest, sizeof rest);   /* 9 bytes: cannot complete a header, so no deeper */
}

/* Frames the byte stream into link frames. A frame wholly inside the
 * delivery is decoded in place; a split one is gathered in the direction's
 * buffer. Bytes that cannot start a frame are skipped up to the next 0x05
 * 0x64 whose header checks, which is also how a gap or junk is survived. */
static void dnp3_feed(dnp3_state *st, const proto_ctx *ctx, net_dir dir, const uint8_t *data, size_t len)
{
    dnp3_half *h = &st->half[dir];
    cursor in = cursor_make(data, len);
    while (cursor_left(&in) > 0) {
        if (h->fill == 0) {
            const uint8_t *p = cursor_ptr(&in);
            const uint8_t *start = memchr(p, 0x05, cursor_left(&in));
            if (!start) return;
            cursor_skip(&in, (size_t)(start - p));
            if (cursor_has(&in, DNP3_LINK_HEADER)) {
                p = cursor_ptr(&in);
                if (p[1] != 0x64) { cursor_skip(&in, 1); continue; }
                if (!header_valid(p)) {
                    if (h->synced) emit_crc_error(ctx, dir, false, 0, 0, 0);
                    h->synced = false;
                    cursor_skip(&in, 1);
                    continue;
                }
                size_t n = frame_len(p[2]);
                if (cursor_has(&in, n)) {
                    h->synced = true;
                    dnp3_link_frame(st, ctx, dir, p, n);
                    cursor_skip(&in, n);
                    continue;
                }
            }
            h->link[0] = cursor_u8(&in);   /* 0x05: gather from here */
            h->fill = 1;
            continue;
        }
        if (h->fill == 1) {
            uint8_t b = cursor_u8(&in);
            if (b == 0x64) h->link[h->fill++] = b;
            else if (b != 0x05) h->fill = 0;
            continue;
        }
        size_t want = h->fill < DNP3_LINK_HEADER ? DNP3_LINK_HEADER - (size_t)h->fill : frame_len(h->link[2]) - h->fill;
        size_t take = want < cursor_left(&in) ? want : cursor_left(&in);
        size_t before = h->fill;
        cursor_copy(&in, h->link + h->fill, take);
        h->fill = (uint16_t)(h->fill + take);
        if (before < DNP3_LINK_HEADER && h->fill == DNP3_LINK_HEADER && !header_valid(h->link)) {
            bad_header(st, ctx, dir, h->link);
            continue;
        }
        if (h->fill >= DNP3_LINK_HEADER && h->fill == frame_len(h->link[2])) {
            h->synced = true;
            h->fill = 0;
            dnp3_link_frame(st, ctx, dir, h->link, frame_len(h->link[2]));
        }
    }
}

static void dnp3_parse_to_server(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    dnp3_feed(state, ctx, NET_DIR_TO_SERVER, data, len);
}

static void dnp3_parse_to_client(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    dnp3_feed(state, ctx, NET_DIR_TO_CLIENT, data, len);
}

/* UDP: each datagram holds whole link frames; a frame cut at its end is
 * dropped rather than joined with the next datagram. */
static void dnp3_udp_to_server(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    dnp3_state *st = state;
    dnp3_feed(st, ctx, NET_DIR_TO_SERVER, data, len);
    st->half[NET_DIR_TO_SERVER].fill = 0;
}

static void dnp3_udp_to_client(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    dnp3_state *st = state;
    dnp3_feed(st, ctx, NET_DIR_TO_CLIENT, data, len);
    st->half[NET_DIR_TO_CLIENT].fill = 0;
}

static void dnp3_gap(void *state, const proto_ctx *ctx, net_dir dir, uint32_t len)
{
    (void)ctx;
    (void)len;
    dnp3_state *st = state;
    st->half[dir].fill = 0;
    st->half[dir].in_fragment = false;
    st->half[dir].synced = false;
}

/* Content probe: the start bytes, then a whole header whose CRC checks. */
static proto_probe_result dnp3_probe(const uint8_t *data, size_t len, net_dir dir)
{
    (void)dir;
    if (len >= 1 && data[0] != 0x05) return PROTO_PROBE_NO;
    if (len >= 2 && data[1] != 0x64) return PROTO_PROBE_NO;
    if (len < DNP3_LINK_HEADER) return PROTO_PROBE_NEED_MORE;
    return header_valid(data) ? PROTO_PROBE_YES : PROTO_PROBE_NO;
}

const proto_parser proto_dnp3 = {
    .name = "dnp3",
    .transport = 6,
    .ports = { DNP3_PORT },
    .state_size = sizeof(dnp3_state),
    .probe = dnp3_probe,
    .parse_to_server = dnp3_parse_to_server,
    .parse_to_client = dnp3_parse_to_client,
    .gap = dnp3_gap,
};

const proto_parser proto_dnp3_udp = {
    .name = "dnp3-udp",
    .transport = 17,
    .ports = { DNP3_PORT },
    .state_size = sizeof(dnp3_state),
    .probe = dnp3_probe,
    .parse_to_server = dnp3_udp_to_server,
    .parse_to_client = dnp3_udp_to_client,
    .gap = dnp3_gap,
};
