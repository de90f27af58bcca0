/* iec104.c - IEC 60870-5-104 (with the ASDU of IEC 60870-5-101): APCI
 * framing of the stream (I, S, U formats), ASDU header and information
 * objects, command classes, activation/confirmation pairing, negative causes. */
#include "net/proto/iec104.h"
#include <string.h>
#include "core/cursor.h"
#include "net/proto/proto.h"

#define IEC104_PENDING_MAX 16        /* activations awaiting confirmation */
#define IEC104_ASDU_HEADER 6         /* type, VSQ, COT (2), common address (2) */
#define IEC104_IOA_LEN 3

typedef struct iec104_half {
    uint8_t buf[IEC104_APDU_MAX];    /* an APDU split across deliveries */
    uint16_t fill;
    bool hunting;                    /* lost sync: skip to the next start octet */
    bool u_pending[6];               /* U acts sent this way, awaiting their con */
} iec104_half;

typedef struct iec104_request {
    bool used;
    uint8_t type, dir;
    uint16_t ca;
    uint32_t ioa;
} iec104_request;

typedef struct iec104_state {
    iec104_half half[NET_DIR_COUNT];
    iec104_request pending[IEC104_PENDING_MAX];
    uint8_t next_pending;
} iec104_state;

/* ---- tables ------------------------------------------------------------ */

typedef struct type_info { const char *name; int8_t size; } type_info;

/* Element sizes: IEC 60870-5-101 clause 7.3 (7-octet CP56Time2a, 3-octet
 * CP24Time2a); -1 where elements vary (file segments, security messages). */
static const type_info types[128] = {
    [1] = { "M_SP_NA_1", 1 }, [2] = { "M_SP_TA_1", 4 }, [3] = { "M_DP_NA_1", 1 }, [4] = { "M_DP_TA_1", 4 },
    [5] = { "M_ST_NA_1", 2 }, [6] = { "M_ST_TA_1", 5 }, [7] = { "M_BO_NA_1", 5 }, [8] = { "M_BO_TA_1", 8 },
    [9] = { "M_ME_NA_1", 3 }, [10] = { "M_ME_TA_1", 6 }, [11] = { "M_ME_NB_1", 3 }, [12] = { "M_ME_TB_1", 6 },
    [13] = { "M_ME_NC_1", 5 }, [14] = { "M_ME_TC_1", 8 }, [15] = { "M_IT_NA_1", 5 }, [16] = { "M_IT_TA_1", 8 },
    [17] = { "M_EP_TA_1", 6 }, [18] = { "M_EP_TB_1", 7 }, [19] = { "M_EP_TC_1", 7 }, [20] = { "M_PS_NA_1", 5 },
    [21] = { "M_ME_ND_1", 2 },
    [30] = { "M_SP_TB_1", 8 }, [31] = { "M_DP_TB_1", 8 }, [32] = { "M_ST_TB_1", 9 }, [33] = { "M_BO_TB_1", 12 },
    [34] = { "M_ME_TD_1", 10 }, [35] = { "M_ME_TE_1", 10 }, [36] = { "M_ME_TF_1", 12 }, [37] = { "M_IT_TB_1", 12 },
    [38] = { "M_EP_TD_1", 10 }, [39] = { "M_EP_TE_1", 11 }, [40] = { "M_EP_TF_1", 11 }, [41] = { "S_IT_TC_1", -1 },
    [45] = { "C_SC_NA_1", 1 }, [46] = { "C_DC_NA_1", 1 }, [47] = { "C_RC_NA_1", 1 }, [48] = { "C_SE_NA_1", 3 },
    [49] = { "C_SE_NB_1", 3 }, [50] = { "C_SE_NC_1", 5 }, [51] = { "C_BO_NA_1", 4 },
    [58] = { "C_SC_TA_1", 8 }, [59] = { "C_DC_TA_1", 8 }, [60] = { "C_RC_TA_1", 8 }, [61] = { "C_SE_TA_1", 10 },
    [62] = { "C_SE_TB_1", 10 }, [63] = { "C_SE_TC_1", 12 }, [64] = { "C_BO_TA_1", 11 },
    [70] = { "M_EI_NA_1", 1 },
    [81] = { "S_CH_NA_1", -1 }, [82] = { "S_RP_NA_1", -1 }, [83] = { "S_AR_NA_1", -1 }, [84] = { "S_KR_NA_1", -1 },
    [85] = { "S_KS_NA_1", -1 }, [86] = { "S_KC_NA_1", -1 }, [87] = { "S_ER_NA_1", -1 }, [90] = { "S_US_NA_1", -1 },
    [91] = { "S_UQ_NA_1", -1 }, [92] = { "S_UR_NA_1", -1 }, [93] = { "S_UK_NA_1", -1 }, [94] = { "S_UA_NA_1", -1 },
    [95] = { "S_UC_NA_1", -1 },
    [100] = { "C_IC_NA_1", 1 }, [101] = { "C_CI_NA_1", 1 }, [102] = { "C_RD_NA_1", 0 }, [103] = { "C_CS_NA_1", 7 },
    [104] = { "C_TS_NA_1", 2 }, [105] = { "C_RP_NA_1", 1 }, [106] = { "C_CD_NA_1", 2 }, [107] = { "C_TS_TA_1", 9 },
    [110] = { "P_ME_NA_1", 3 }, [111] = { "P_ME_NB_1", 3 }, [112] = { "P_ME_NC_1", 5 }, [113] = { "P_AC_NA_1", 1 },
    [120] = { "F_FR_NA_1", 6 }, [121] = { "F_SR_NA_1", 7 }, [122] = { "F_SC_NA_1", 4 }, [123] = { "F_LS_NA_1", 5 },
    [124] = { "F_AF_NA_1", 4 }, [125] = { "F_SG_NA_1", -1 }, [126] = { "F_DR_TA_1", 13 }, [127] = { "F_SC_NB_1", 16 },
};

const char *iec104_type_name(uint8_t type)
{
    return type < 128 && types[type].name ? types[type].name : "unknown";
}

int iec104_element_size(uint8_t type)
{
    return type < 128 && types[type].name ? types[type].size : -1;
}

const char *iec104_u_name(uint8_t bits)
{
    switch (bits) {
    case 0x01: return "STARTDT_act";
    case 0x02: return "STARTDT_con";
    case 0x04: return "STOPDT_act";
    case 0x08: return "STOPDT_con";
    case 0x10: return "TESTFR_act";
    case 0x20: return "TESTFR_con";
    default: return "U_invalid";
    }
}

static bool is_monitor_type(uint8_t t) { return (t >= 1 && t <= 44) || t == 70; }
static bool is_file_type(uint8_t t) { return t >= 120 && t <= 127; }

/* ---- classification ---------------------------------------------------- */

/* What a command does to the process (IEC 60870-5-101 7.3.2-7.3.5). */
static void classify(uint8_t type, uint8_t element0, bool to_server, obs_ics_op *op)
{
    switch (type) {
    case 45: case 46: case 47: case 58: case 59: case 60:   /* single, double, step commands */
        op->is_control = true;
        break;
    case 48: case 49: case 50: case 51: case 61: case 62: case 63: case 64:   /* set points, bitstrings */
    case 103:                                                /* clock synchronisation */
    case 110: case 111: case 112: case 113:                  /* parameters */
        op->is_write = true;
        break;
    case 101:                                                /* counter interrogation: FRZ 2, 3 reset */
        if (((element0 >> 6) & 3) >= 2) op->is_write = true;
        break;
    case 105:                                                /* reset process */
        op->is_control = true;
        break;
    default:
        /* files moved by the controlling station: program and configuration
         * transfer (either way); data toward the station is a write */
        if (is_file_type(type) && to_server) {
            op->is_control = true;
            if (type == 120 || type == 121 || type == 123 || type == 125) op->is_write = true;
        }
        break;
    }
}

/* ---- pairing ----------------------------------------------------------- */

static void remember(iec104_state *st, net_dir dir, uint8_t type, uint16_t ca, uint32_t ioa)
{
    iec104_request *r = &st->pending[st->next_pending];
    st->next_pending = (uint8_t)((st->next_pending + 1) % IEC104_PENDING_MAX);
    *r = (iec104_request){ true, type, (uint8_t)dir, ca, ioa };
}

/* An answer pairs with the newest activation sent the other way with the
 * same type, common address and first object (interrogated data: with the
 * interrogation of that common address, which ends at its termination). */
static void pair(iec104_state *st, net_dir dir, obs_ics_op *op)
{
    uint8_t cause = op->iec104.cause, want = (uint8_t)op->function;
    bool by_ca_only = false, consume = true;
    if (cause >= 20 && cause <= 36 && is_monitor_type(want)) { want = 100; by_ca_only = true; consume = false; }
    else if (cause >= 37 && cause <= 41 && is_monitor_type(want)) { want = 101; by_ca_only = true; consume = false; }
    else if (cause == IEC104_COT_REQUEST && is_monitor_type(want)) { want = 102; by_ca_only = true; }
    else if (cause == IEC104_COT_ACTCON && (want == 100 || want == 101 || (want >= 45 && want <= 64)))
        consume = op->iec104.negative;                  /* a positive con: the termination follows */
    else if (!(cause == IEC104_COT_ACTCON || cause == IEC104_COT_DEACTCON || cause == IEC104_COT_ACTTERM ||
               (cause >= IEC104_COT_UNKNOWN_TYPE && cause <= IEC104_COT_UNKNOWN_IOA) ||
               (cause == IEC104_COT_FILE && is_file_type(want))))
        return;
    for (int k = 1; k <= IEC104_PENDING_MAX; k++) {
        iec104_request *r = &st->pending[(st->next_pending + IEC104_PENDING_MAX - k) % IEC104_PENDING_MAX];
        if (!r->used || r->dir == (uint8_t)dir || r->type != want || r->ca != op->unit_id) continue;
        if (!by_ca_only && op->has_range && r->ioa != op->address && !is_file_type(want)) continue;
        op->paired = true;
        if (consume) r->used = false;
        return;
    }
}

/* ---- ASDU -------------------------------------------------------------- */

static void parse_asdu(iec104_state *st, net_dir dir, cursor c, obs_ics_op *op)
{
    uint8_t type = cursor_u8(&c);
    op->function = type;
    op->function_name = iec104_type_name(type);
    uint8_t vsq = cursor_u8(&c), cot = cursor_u8(&c);
    op->iec104.originator = cursor_u8(&c);
    op->unit_id = cursor_le16(&c);
    op->iec104.sq = (vsq & 0x80) != 0;
    op->iec104.n_objects = vsq & 0x7f;
    op->iec104.cause = cot & 0x3f;
    op->iec104.negative = (cot & 0x40) != 0;
    op->iec104.test = (cot & 0x80) != 0;
    if (!cursor_ok(&c)) { op->malformed = true; return; }

    uint8_t cause = op->iec104.cause, n = op->iec104.n_objects;
    bool to_server = dir == NET_DIR_TO_SERVER;
    /* answers: monitored data and confirmations; file transfer by direction */
    if (is_file_type(type)) op->is_response = !to_server;
    else op->is_response = is_monitor_type(type) || cause == IEC104_COT_ACTCON || cause == IEC104_COT_DEACTCON ||
                           cause == IEC104_COT_ACTTERM || (cause >= 44 && cause <= 47);
    if (op->iec104.negative || (cause >= 44 && cause <= 47)) {
        op->exception = true;
        op->exception_code = cause;
    }

    /* information objects: the first address and the object count */
    int size = iec104_element_size(type);
    bool ok = types[type < 128 ? type : 0].name != NULL && n > 0 && cause != 0;
    if (cursor_left(&c) >= IEC104_IOA_LEN) {
        cursor p = c;
        uint32_t ioa = cursor_u8(&p) | (uint32_t)cursor_u8(&p) << 8 | (uint32_t)cursor_u8(&p) << 16;
        op->has_range = true;
        op->address = ioa;
        op->quantity = n;
    } else {
        ok = false;
    }
    uint8_t element0 = cursor_peek_u8(&c, IEC104_IOA_LEN);
    if (ok && size >= 0) {
        size_t want = op->iec104.sq ? IEC104_IOA_LEN + (size_t)n * (size_t)size
                                    : (size_t)n * (size_t)(IEC104_IOA_LEN + size);
        ok = cursor_left(&c) == want;
    }
    op->malformed = !ok;

    classify(type, element0, to_server, op);
    if (op->is_response) {
        pair(st, dir, op);
        /* a confirmation of a command is one too, for whoever counts them */
        if ((type >= 45 && type <= 64) || type == 105 || type == 103 || (type >= 110 && type <= 113)) {
            obs_ics_op cls = *op;
            cls.is_write = cls.is_control = false;
            classify(type, element0, true, &cls);
            op->is_write = cls.is_write;
            op->is_control = cls.is_control;
        }
    } else if (cause == IEC104_COT_ACT || cause == IEC104_COT_DEACT || cause == IEC104_COT_REQUEST ||
               (cause == IEC104_COT_FILE && is_file_type(type))) {
        remember(st, dir, type, (uint16_t)op->unit_id, op->address);
    }
}

/* ---- APCI -------------------------------------------------------------- */

static void iec104_parse_apdu(iec104_state *st, const proto_ctx *ctx, net_dir dir, const uint8_t *apdu, size_t n)
{
    cursor c = cursor_make(apdu, n);
    cursor_skip(&c, 2);              /* start, length: checked by framing */
    uint8_t c1 = cursor_u8(&c), c2 = cursor_u8(&c), c3 = cursor_u8(&c), c4 = cursor_u8(&c);
    if (!cursor_ok(&c)) return;

    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_ICS_OP;
    obs_ics_op *op = &o.u.ics;
    op->protocol = "iec104";
    op->iec104.recv_seq = (uint16_t)((c3 | c4 << 8) >> 1);
    iec104_half *h = &st->half[dir], *other = &st->half[!dir];
    if ((c1 & 0x01) == 0) {                          /* I-format */
        op->iec104.format = 'I';
        op->iec104.send_seq = (uint16_t)((c1 | c2 << 8) >> 1);
        op->transaction = op->iec104.send_seq;
        if (cursor_left(&c) == 0) {
            op->function = IEC104_FN_NO_ASDU;
            op->function_name = "I_without_asdu";
            op->malformed = true;
        } else {
            parse_asdu(st, dir, c, op);
        }
        op->malformed |= (c3 & 0x01) != 0;
    } else if ((c1 & 0x03) == 0x01) {                /* S-format */
        op->iec104.format = 'S';
        op->function = IEC104_FN_S;
        op->function_name = "S";
        op->malformed = c1 != 0x01 || c2 != 0 || (c3 & 0x01) || cursor_left(&c) != 0;
    } else {                                         /* U-format */
        op->iec104.format = 'U';
        uint8_t bits = c1 >> 2;
        op->function = (uint16_t)(IEC104_FN_U + bits);
        op->function_name = iec104_u_name(bits);
        int k = bits == 0 ? -1 : __builtin_ctz(bits);
        bool one = bits != 0 && (bits & (bits - 1)) == 0;
        op->malformed = !one || c2 || c3 || c4 || cursor_left(&c) != 0;
        if (one && k % 2 == 1) {                     /* a con answers the act sent the other way */
            op->is_response = true;
            if (other->u_pending[k - 1]) { op->paired = true; other->u_pending[k - 1] = false; }
        } else if (one) {
            h->u_pending[k] = true;
        }
    }
    proto_emit(ctx, dir, &o);
}

/* Frames the byte stream into APDUs. Whole APDUs in the delivery are parsed
 * in place; a split one is gathered in the direction's buffer. Out of sync
 * (a lost start octet, an impossible length, a gap), the parser hunts for
 * the next start octet with a valid length, as the start octet is there for. */
static void iec104_feed(iec104_state *st, const proto_ctx *ctx, net_dir dir, const uint8_t *data, size_t len)
{
    iec104_half *h = &st->half[dir];
    cursor in = cursor_make(data, len);
    while (cursor_left(&in) > 0) {
        if (h->fill == 0) {
            const uint8_t *p = cursor_ptr(&in);
            size_t left = cursor_left(&in);
            if (p[0] != IEC104_START || (left >= 2 && (p[1] < 4 || p[1] > 253))) {
                h->hunting = true;   /* skip one octet and look again */
                cursor_skip(&in, 1);
                continue;
            }
            if (left >= 2 && left >= (size_t)p[1] + 2) {
                size_t n = (size_t)p[1] + 2;
                h->hunting = false;
                iec104_parse_apdu(st, ctx, dir, p, n);
                cursor_skip(&in, n);
                continue;
            }
        }
        size_t want = h->fill < 2 ? (size_t)(2 - h->fill) : (size_t)h->buf[1] + 2 - h->fill;
        size_t take = want < cursor_left(&in) ? want : cursor_left(&in);
        cursor_copy(&in, h->buf + h->fill, take);
        h->fill = (uint16_t)(h->fill + take);
        if (h->fill == 2 && (h->buf[1] < 4 || h->buf[1] > 253)) {
            /* the start octet was data: look again from its length octet */
            h->fill = 0;
            h->hunting = true;
            if (h->buf[1] == IEC104_START) { h->buf[0] = IEC104_START; h->fill = 1; }
            continue;
        }
        if (h->fill >= 2 && h->fill == (size_t)h->buf[1] + 2) {
            h->hunting = false;
            iec104_parse_apdu(st, ctx, dir, h->buf, h->fill);
            h->fill = 0;
        }
    }
}

static void iec104_parse_to_server(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    iec104_feed(state, ctx, NET_DIR_TO_SERVER, data, len);
}

static void iec104_parse_to_client(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    iec104_feed(state, ctx, NET_DIR_TO_CLIENT, data, len);
}

static void iec104_gap(void *state, const proto_ctx *ctx, net_dir dir, uint32_t len)
{
    (void)ctx; (void)len;
    iec104_state *st = state;
    st->half[dir].fill = 0;
    st->half[dir].hunting = true;
}

/* Content probe: a start octet, a length of 4..253 and a control field one
 * of the three formats allows; an I-format's type id must be defined; what
 * follows the first APDU must start another. */
static proto_probe_result iec104_probe(const uint8_t *data, size_t len, net_dir dir)
{
    (void)dir;
    if (len == 0) return PROTO_PROBE_NEED_MORE;
    if (data[0] != IEC104_START) return PROTO_PROBE_NO;
    if (len < 2) return PROTO_PROBE_NEED_MORE;
    uint8_t l = data[1];
    if (l < 4 || l > 253) return PROTO_PROBE_NO;
    if (len < 6) return PROTO_PROBE_NEED_MORE;
    uint8_t c1 = data[2];
    if ((c1 & 0x01) == 0) {
        if (l < 4 + IEC104_ASDU_HEADER || (data[4] & 0x01)) return PROTO_PROBE_NO;
        if (len < 7) return PROTO_PROBE_NEED_MORE;
        if (iec104_element_size(data[6]) == -1 && strcmp(iec104_type_name(data[6]), "unknown") == 0)
            return PROTO_PROBE_NO;
    } else if ((c1 & 0x03) == 0x01) {
        if (l != 4 || c1 != 0x01 || data[3] != 0 || (data[4] & 0x01)) return PROTO_PROBE_NO;
    } else {
        uint8_t bits = c1 >> 2;
        if (l != 4 || bits == 0 || (bits & (bits - 1)) || data[3] || data[4] || data[5]) return PROTO_PROBE_NO;
    }
    size_t end = (size_t)l + 2;
    if (len > end && data[end] != IEC104_START) return PROTO_PROBE_NO;
    return PROTO_PROBE_YES;
}

const proto_parser proto_iec104 = {
    .name = "iec104",
    .transport = 6,
    .ports = { IEC104_PORT },
    .state_size = sizeof(iec104_state),
    .probe = iec104_probe,
    .parse_to_server = iec104_parse_to_server,
    .parse_to_client = iec104_parse_to_client,
    .gap = iec104_gap,
};
