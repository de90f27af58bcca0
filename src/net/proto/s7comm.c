/* s7comm.c - S7comm (Siemens S7-300/400/1200, protocol id 0x32) on ISO-on-TCP:
 * ROSCTR, job functions, userdata groups, request/response pairing, program
 * transfer and PLC control, SZL 0x0011/0x001C identity; 0x72 PDUs go to S7comm-Plus. */
#include "net/proto/s7comm.h"
#include <stdio.h>
#include <string.h>
#include "core/cursor.h"
#include "net/proto/cotp.h"
#include "net/proto/proto.h"

#define S7_PENDING_MAX 16        /* outstanding requests remembered per flow */
#define S7_SZL_RECORD_MAX 34     /* the longest identity record (SZL 0x001C) */
#define S7_FC_ACK_UNPAIRED 0xff  /* an Ack without parameters whose job was not seen */

typedef struct s7_request {
    bool used, plus, followup, has_range, is_write, is_control, has_szl, has_block, download, upload;
    uint8_t dir, function, area;
    uint16_t ref, db, szl_id, szl_index, plus_function;
    uint32_t address, quantity, block_number;
    char block_type[4];
    const char *service;         /* static strings only */
} s7_request;

/* An SZL list read record by record, across userdata fragments. */
typedef struct s7_szl_stream {
    bool active;
    uint8_t ref;                 /* data unit reference of the fragments */
    uint16_t id, rec_len, rec_left;
    uint8_t fill;
    uint8_t carry[S7_SZL_RECORD_MAX];
} s7_szl_stream;

typedef struct s7_identity {
    char order[24], firmware[16], name[34], module[34], type_name[34], plant[34], serial[34];
    bool dirty;                  /* changed since last emitted */
    bool module_seen, component_seen;   /* lists 0x11 and 0x1C read to the end */
} s7_identity;

typedef struct s7_state {
    cotp_half half[NET_DIR_COUNT];
    s7_request pending[S7_PENDING_MAX];
    uint8_t next_pending;
    bool plus_fragment[NET_DIR_COUNT];   /* inside a fragmented S7comm-Plus message */
    s7_szl_stream szl;
    s7_identity id;
    const proto_ctx *ctx;        /* of the current delivery */
    net_dir dir;
} s7_state;

const char *s7comm_function_name(uint8_t function)
{
    switch (function) {
    case S7_FC_CPU_SERVICES: return "cpu_services";
    case S7_FC_READ_VAR: return "read_var";
    case S7_FC_WRITE_VAR: return "write_var";
    case S7_FC_REQUEST_DOWNLOAD: return "request_download";
    case S7_FC_DOWNLOAD_BLOCK: return "download_block";
    case S7_FC_DOWNLOAD_ENDED: return "download_ended";
    case S7_FC_START_UPLOAD: return "start_upload";
    case S7_FC_UPLOAD: return "upload";
    case S7_FC_END_UPLOAD: return "end_upload";
    case S7_FC_PI_SERVICE: return "pi_service";
    case S7_FC_PLC_STOP: return "plc_stop";
    case S7_FC_SETUP_COMMUNICATION: return "setup_communication";
    case S7_FC_ACK_UNPAIRED: return "ack";
    default:
        if ((function & 0xf0) == S7_FC_USERDATA_BASE) return s7comm_userdata_group_name(function & 0x0f);
        return "unknown";
    }
}

const char *s7comm_userdata_group_name(uint8_t group)
{
    switch (group) {
    case S7_GRP_MODE_TRANSITION: return "mode_transition";
    case S7_GRP_PROGRAMMER: return "programmer_commands";
    case S7_GRP_CYCLIC: return "cyclic_data";
    case S7_GRP_BLOCK: return "block_functions";
    case S7_GRP_CPU: return "cpu_functions";
    case S7_GRP_SECURITY: return "security";
    case S7_GRP_PBC: return "pbc_bsend_brecv";
    case S7_GRP_TIME: return "time_functions";
    case S7_GRP_NC: return "nc_programming";
    default: return "userdata_unknown";
    }
}

/* Write and control class by function, for requests and responses alike.
 * Program download and upload both count as control: the upload is a read,
 * but it is how a program is stolen (T0845) and detectors see it without
 * knowing S7; op->s7.upload tells the two apart. */
static void classify(obs_ics_op *op)
{
    switch (op->function) {
    case S7_FC_WRITE_VAR: op->is_write = true; break;
    case S7_FC_REQUEST_DOWNLOAD: case S7_FC_DOWNLOAD_BLOCK: case S7_FC_DOWNLOAD_ENDED:
        op->is_write = op->is_control = true;
        op->s7.download = true;
        break;
    case S7_FC_START_UPLOAD: case S7_FC_UPLOAD: case S7_FC_END_UPLOAD:
        op->is_control = true;
        op->s7.upload = true;
        break;
    case S7_FC_PLC_STOP: op->is_control = true; break;
    case S7_FC_PI_SERVICE:
        op->is_control = true;
        /* activate (insert), delete, and copy RAM to ROM change the program */
        if (op->s7.service && (!strcmp(op->s7.service, "_INSE") || !strcmp(op->s7.service, "_DELE") ||
                               !strcmp(op->s7.service, "_MODU")))
            op->is_write = true;
        break;
    case S7_FC_USERDATA_BASE | S7_GRP_TIME:
        if (op->subfunction == 2 || op->subfunction == 4) op->is_write = true;   /* set clock */
        break;
    default: break;
    }
}

/* PI service names seen on S7 CPUs, returned as static strings so a
 * pending request can keep them. */
static const char *pi_service_name(const uint8_t *s, size_t n)
{
    static const char *const known[] = { "_INSE", "_DELE", "P_PROGRAM", "_GARB", "_MODU", "_EXEC", "_N_" };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        size_t k = strlen(known[i]);
        if (n >= k && memcmp(s, known[i], k) == 0 && (n == k || k == 3)) return known[i];
    }
    return "other";
}

/* Block type as the file names of program transfer spell it ("_0A00001P"). */
static const char *block_type_name(char a, char b)
{
    if (a != '0') return NULL;
    switch (b) {
    case '8': return "OB";
    case 'A': return "DB";
    case 'B': return "SDB";
    case 'C': return "FC";
    case 'D': return "SFC";
    case 'E': return "FB";
    case 'F': return "SFB";
    default: return NULL;
    }
}

/* "TTNNNNNF": block type, five-digit number, file system. */
static void parse_block_name(const uint8_t *s, size_t n, obs_ics_op *op)
{
    if (n < 7) return;
    const char *type = block_type_name((char)s[0], (char)s[1]);
    uint32_t number = 0;
    for (int i = 2; i < 7; i++) {
        if (s[i] < '0' || s[i] > '9') return;
        number = number * 10 + (uint32_t)(s[i] - '0');
    }
    if (!type) return;
    op->s7.has_block = true;
    snprintf(op->s7.block_type, sizeof op->s7.block_type, "%s", type);
    op->s7.block_number = number;
}

/* Read/write var items: 0x12, length, then for the S7ANY syntax (0x10)
 * transport size, count, DB, area and a bit address. The first item gives
 * the range (byte address, count). */
static bool parse_var_items(cursor *p, obs_ics_op *op)
{
    uint8_t count = cursor_u8(p);
    for (unsigned i = 0; i < count && cursor_ok(p); i++) {
        uint8_t spec = cursor_u8(p), len = cursor_u8(p);
        cursor item = cursor_sub(p, len);
        if (spec != 0x12) return false;
        if (i > 0 || len < 10 || cursor_u8(&item) != 0x10) continue;
        cursor_skip(&item, 1);                    /* transport size */
        uint16_t n = cursor_be16(&item), db = cursor_be16(&item);
        uint8_t area = cursor_u8(&item);
        uint32_t bit = (uint32_t)cursor_u8(&item) << 16;
        bit |= cursor_be16(&item);
        if (!cursor_ok(&item)) return false;
        op->has_range = true;
        op->address = bit >> 3;
        op->quantity = n;
        op->s7.area = area;
        op->s7.db = area == 0x84 ? db : 0;
    }
    return cursor_ok(p) && count > 0 && cursor_left(p) == 0;
}

/* Data items of a read response or a write request: return code, transport
 * size, length (bits for sizes 3, 4, 5), data, padded to even length. The
 * first failing return code of a response is its exception. */
static bool parse_data_items(cursor *d, bool response, obs_ics_op *op)
{
    while (cursor_left(d) > 0) {
        uint8_t rc = cursor_u8(d), tsize = cursor_u8(d);
        uint16_t len = cursor_be16(d);
        size_t bytes = (tsize == 3 || tsize == 4 || tsize == 5) ? ((size_t)len + 7) / 8 : len;
        if (response && rc != 0xff && !op->exception) {
            op->exception = true;
            op->exception_code = rc;
            op->s7.error = rc;
        }
        if (response && rc != 0xff) bytes = 0;
        cursor_skip(d, bytes);
        if ((bytes & 1) && cursor_left(d) > 0) cursor_skip(d, 1);
        if (!cursor_ok(d)) return false;
    }
    return true;
}

static bool parse_job_param(cursor *p, cursor *data, bool response, obs_ics_op *op)
{
    uint8_t fc = (uint8_t)op->function;
    switch (fc) {
    case S7_FC_SETUP_COMMUNICATION:
        cursor_skip(p, 7);
        return cursor_ok(p);
    case S7_FC_READ_VAR:
        if (response) { cursor_skip(p, 1); return cursor_ok(p) && parse_data_items(data, true, op); }
        return parse_var_items(p, op);
    case S7_FC_WRITE_VAR:
        if (response) {
            cursor_skip(p, 1);
            while (cursor_ok(data) && cursor_left(data) > 0) {
                uint8_t rc = cursor_u8(data);
                if (rc != 0xff && !op->exception) { op->exception = true; op->exception_code = rc; op->s7.error = rc; }
            }
            return cursor_ok(p);
        }
        return parse_var_items(p, op) && parse_data_items(data, false, op);
    case S7_FC_REQUEST_DOWNLOAD: case S7_FC_DOWNLOAD_BLOCK: case S7_FC_DOWNLOAD_ENDED: case S7_FC_START_UPLOAD:
        if (response) return true;
        {
            cursor_skip(p, 7);                    /* status, 2 unknown, 4 unknown or upload id */
            uint8_t n = cursor_u8(p);
            cursor name = cursor_sub(p, n);
            if (!cursor_ok(p) || n < 2) return false;
            cursor_skip(&name, 1);                /* '_' */
            parse_block_name(cursor_ptr(&name), cursor_left(&name), op);
            return true;
        }
    case S7_FC_UPLOAD: case S7_FC_END_UPLOAD:
        if (response) return true;
        cursor_skip(p, 7);
        return cursor_ok(p);
    case S7_FC_PI_SERVICE: {
        if (response) return true;
        cursor_skip(p, 7);
        uint16_t plen = cursor_be16(p);
        cursor pb = cursor_sub(p, plen);
        uint8_t n = cursor_u8(p);
        cursor name = cursor_sub(p, n);
        if (!cursor_ok(p)) return false;
        op->s7.service = pi_service_name(cursor_ptr(&name), n);
        if (plen >= 10) {                         /* count, unused, then "TTNNNNNF" */
            cursor_skip(&pb, 2);
            parse_block_name(cursor_ptr(&pb), cursor_left(&pb), op);
        }
        return true;
    }
    case S7_FC_PLC_STOP: {
        if (response) return true;
        cursor_skip(p, 5);
        uint8_t n = cursor_u8(p);
        cursor name = cursor_sub(p, n);
        if (!cursor_ok(p)) return false;
        op->s7.service = pi_service_name(cursor_ptr(&name), n);
        return true;
    }
    default:
        return true;
    }
}

static void copy_text(char *dst, size_t cap, const uint8_t *s, size_t n, bool *changed)
{
    char tmp[40];
    size_t k = 0;
    while (k < n && k + 1 < sizeof tmp && k + 1 < cap && s[k] >= 0x20 && s[k] < 0x7f) { tmp[k] = (char)s[k]; k++; }
    while (k > 0 && tmp[k - 1] == ' ') k--;
    tmp[k] = '\0';
    if (k == 0 || strcmp(dst, tmp) == 0) return;
    memcpy(dst, tmp, k + 1);
    *changed = true;
}

/* One record of module identification (0x11: index, MlfB[20], BGTyp,
 * Ausbg, Ausbe) or component identification (0x1C: index, text[32]). */
static void szl_record(s7_state *st, const uint8_t *r, size_t len)
{
    s7_identity *id = &st->id;
    cursor c = cursor_make(r, len);
    uint16_t index = cursor_be16(&c);
    if ((st->szl.id & 0xff) == S7_SZL_MODULE_ID) {
        cursor mlfb = cursor_sub(&c, 20);
        cursor_skip(&c, 2);
        uint16_t ausbg = cursor_be16(&c), ausbe = cursor_be16(&c);
        if (!cursor_ok(&c)) return;
        if (index == 0x0001) {
            copy_text(id->order, sizeof id->order, cursor_ptr(&mlfb), 20, &id->dirty);
        } else if (index == 0x0007 && ausbg >> 8 == 'V') {
            char fw[16];
            snprintf(fw, sizeof fw, "%u.%u.%u", (unsigned)(ausbg & 0xff), (unsigned)(ausbe >> 8), (unsigned)(ausbe & 0xff));
            copy_text(id->firmware, sizeof id->firmware, (const uint8_t *)fw, strlen(fw), &id->dirty);
        }
        return;
    }
    cursor text = cursor_sub(&c, 32);
    if (!cursor_ok(&c)) return;
    char *dst = NULL;
    size_t cap = 34;
    switch (index) {
    case 1: dst = id->name; break;
    case 2: dst = id->module; break;
    case 3: dst = id->plant; break;
    case 5: dst = id->serial; break;
    case 7: dst = id->type_name; break;
    default: return;
    }
    copy_text(dst, cap, cursor_ptr(&text), 32, &id->dirty);
}

/* Feeds SZL record bytes, whole records or a record split across fragments. */
static void szl_feed(s7_state *st, cursor *d)
{
    s7_szl_stream *z = &st->szl;
    while (z->active && z->rec_left > 0 && cursor_left(d) > 0) {
        size_t want = z->rec_len - z->fill, left = cursor_left(d);
        size_t take = want < left ? want : left;
        cursor_copy(d, z->carry + z->fill, take);
        z->fill = (uint8_t)(z->fill + take);
        if (z->fill == z->rec_len) {
            szl_record(st, z->carry, z->rec_len);
            z->fill = 0;
            z->rec_left--;
        }
    }
}

static void emit_identity(s7_state *st, const proto_ctx *ctx, net_dir dir)
{
    s7_identity *id = &st->id;
    if (!id->dirty) return;
    id->dirty = false;
    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_IDENTITY;
    obs_identity *x = &o.u.identity;
    x->protocol = "s7comm";
    x->vendor = "Siemens";
    x->product = id->type_name[0] ? id->type_name : id->module[0] ? id->module : NULL;
    x->model = id->order[0] ? id->order : NULL;
    x->firmware = id->firmware[0] ? id->firmware : NULL;
    x->serial = id->serial[0] ? id->serial : NULL;
    x->name = id->name[0] ? id->name : NULL;
    x->plant = id->plant[0] ? id->plant : NULL;
    proto_emit(ctx, dir, &o);
}

/* A Read SZL response: the first fragment starts with the list header (id,
 * index, record length, record count); later fragments carry records only. */
static void szl_response(s7_state *st, cursor data, bool continuation, uint8_t ref, bool last, obs_ics_op *op)
{
    s7_szl_stream *z = &st->szl;
    uint8_t rc = cursor_u8(&data);
    cursor_skip(&data, 1);
    uint16_t len = cursor_be16(&data);
    cursor body = cursor_sub(&data, len < cursor_left(&data) ? len : cursor_left(&data));
    if (!cursor_ok(&data) || rc != 0xff) { z->active = false; return; }
    if (!continuation) {
        uint16_t szl = cursor_be16(&body), index = cursor_be16(&body);
        uint16_t rec_len = cursor_be16(&body), count = cursor_be16(&body);
        if (!cursor_ok(&body)) { z->active = false; return; }
        op->s7.has_szl = true;
        op->s7.szl_id = szl;
        op->s7.szl_index = index;
        uint8_t list = szl & 0xff;
        bool ident = (list == S7_SZL_MODULE_ID && rec_len == 28) || (list == S7_SZL_COMPONENT_ID && rec_len == 34);
        memset(z, 0, sizeof *z);
        z->active = ident && (szl & 0x0f00) != 0x0f00;   /* 0x0Fxx: header only */
        z->ref = ref;
        z->id = szl;
        z->rec_len = rec_len;
        z->rec_left = count;
    } else if (!z->active || z->ref != ref) {
        return;
    } else {
        op->s7.has_szl = true;
        op->s7.szl_id = z->id;
    }
    szl_feed(st, &body);
    if (last || z->rec_left == 0) {
        /* one identity per device: when both lists are in, or at flow end */
        if (z->active && (z->id & 0xff) == S7_SZL_MODULE_ID) st->id.module_seen = true;
        if (z->active && (z->id & 0xff) == S7_SZL_COMPONENT_ID) st->id.component_seen = true;
        if (z->active && st->id.module_seen && st->id.component_seen) emit_identity(st, st->ctx, st->dir);
        z->active = false;
    }
}

static void remember(s7_state *st, const obs_ics_op *op, bool plus, bool followup)
{
    s7_request *r = &st->pending[st->next_pending];
    st->next_pending = (uint8_t)((st->next_pending + 1) % S7_PENDING_MAX);
    memset(r, 0, sizeof *r);
    r->used = true;
    r->plus = plus;
    r->followup = followup;
    r->dir = (uint8_t)st->dir;
    r->function = (uint8_t)op->function;
    r->ref = (uint16_t)op->transaction;
    r->plus_function = op->function;              /* S7comm-Plus functions are 16-bit */
    r->has_range = op->has_range;
    if (op->has_range && !plus) { r->address = op->address; r->quantity = op->quantity; }
    r->area = op->s7.area;
    r->db = op->s7.db;
    r->is_write = op->is_write;
    r->is_control = op->is_control;
    r->has_szl = op->s7.has_szl;
    r->szl_id = op->s7.szl_id;
    r->szl_index = op->s7.szl_index;
    r->has_block = op->s7.has_block;
    memcpy(r->block_type, op->s7.block_type, sizeof r->block_type);
    r->block_number = op->s7.block_number;
    r->service = op->s7.service;
    r->download = op->s7.download;
    r->upload = op->s7.upload;
}

/* The newest request of the other direction with this reference (and this
 * function when the response names one) pairs with the response; what the
 * response does not repeat (range, block, service, class) comes from it. */
static s7_request *pair(s7_state *st, obs_ics_op *op, bool plus, bool any_function)
{
    for (int k = 1; k <= S7_PENDING_MAX; k++) {
        s7_request *r = &st->pending[(st->next_pending + S7_PENDING_MAX - k) % S7_PENDING_MAX];
        if (!r->used || r->plus != plus || r->dir == (uint8_t)st->dir || r->ref != (uint16_t)op->transaction) continue;
        if (plus ? r->plus_function != op->function : (!any_function && r->function != (uint8_t)op->function)) continue;
        r->used = false;
        op->paired = true;
        if (any_function) {
            op->function = r->function;
            op->function_name = s7comm_function_name(r->function);
        }
        if (plus) return r;
        if (!op->has_range && r->has_range) {
            op->has_range = true;
            op->address = r->address;
            op->quantity = r->quantity;
            op->s7.area = r->area;
            op->s7.db = r->db;
        }
        if (!op->s7.has_szl && r->has_szl) {
            op->s7.has_szl = true;
            op->s7.szl_id = r->szl_id;
            op->s7.szl_index = r->szl_index;
        }
        if (!op->s7.has_block && r->has_block) {
            op->s7.has_block = true;
            memcpy(op->s7.block_type, r->block_type, sizeof op->s7.block_type);
            op->s7.block_number = r->block_number;
        }
        if (!op->s7.service) op->s7.service = r->service;
        op->is_write |= r->is_write;
        op->is_control |= r->is_control;
        op->s7.download |= r->download;
        op->s7.upload |= r->upload;
        return r;
    }
    return NULL;
}

static void parse_userdata(s7_state *st, cursor *param, cursor *data, obs_ics_op *op)
{
    cursor_skip(param, 3);                        /* 00 01 12 */
    uint8_t plen = cursor_u8(param);
    cursor_skip(param, 1);                        /* method: 0x11 request, 0x12 response */
    uint8_t tg = cursor_u8(param), sub = cursor_u8(param);
    cursor_skip(param, 1);                        /* sequence number */
    uint8_t ref = 0, last = 0;
    uint16_t err = 0;
    if (plen >= 8) {
        ref = cursor_u8(param);
        last = cursor_u8(param);
        err = cursor_be16(param);
    }
    if (!cursor_ok(param)) { op->malformed = true; op->function_name = "unknown"; return; }
    uint8_t type = tg >> 4, group = tg & 0x0f;
    op->function = S7_FC_USERDATA_BASE | group;
    op->function_name = s7comm_userdata_group_name(group);
    op->has_subfunction = true;
    op->subfunction = sub;
    op->is_response = type == 8;
    op->malformed = !(type == 0 || type == 4 || type == 8) || !(plen == 4 || plen == 8);
    if (op->is_response && err) {
        op->exception = true;
        op->exception_code = (uint8_t)(err >> 8);
        op->s7.error = err;
    }
    classify(op);
    bool read_szl = group == S7_GRP_CPU && sub == 1;
    if (!op->is_response) {
        if (read_szl && plen == 4) {
            cursor d = *data;
            uint8_t rc = cursor_u8(&d);
            cursor_skip(&d, 3);
            uint16_t szl = cursor_be16(&d), index = cursor_be16(&d);
            if (cursor_ok(&d) && rc == 0xff) {
                op->s7.has_szl = true;
                op->s7.szl_id = szl;
                op->s7.szl_index = index;
            }
        }
        remember(st, op, false, plen == 8);
        return;
    }
    s7_request *r = pair(st, op, false, false);
    if (read_szl && !op->exception) {
        bool continuation = r ? r->followup : (st->szl.active && st->szl.ref == ref && ref != 0);
        szl_response(st, *data, continuation, ref, plen >= 8 && last == 0, op);
    }
}

static void s7comm_parse_pdu(s7_state *st, const uint8_t *p, size_t len, bool truncated)
{
    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_ICS_OP;
    obs_ics_op *op = &o.u.ics;
    cursor c = cursor_make(p, len);
    uint8_t pid = cursor_peek_u8(&c, 0);

    if (pid == S7PLUS_PROTOCOL_ID) {
        if (len >= 2 && p[1] == 0xff) return;     /* keep-alive */
        bool trailer = s7plus_has_trailer(p, len) || truncated;
        if (st->plus_fragment[st->dir]) {          /* a later fragment: nothing new */
            if (trailer) st->plus_fragment[st->dir] = false;
            return;
        }
        if (!trailer) st->plus_fragment[st->dir] = true;
        op->malformed = !s7plus_parse_pdu(p, len, op);
        if (!op->malformed) {
            if (op->s7.rosctr == S7PLUS_OP_REQUEST) remember(st, op, true, false);
            else if (op->is_response) pair(st, op, true, false);
        }
        proto_emit(st->ctx, st->dir, &o);
        return;
    }
    if (pid != S7COMM_PROTOCOL_ID) return;        /* not S7: nothing to count */

    op->protocol = "s7comm";
    cursor_skip(&c, 1);
    uint8_t rosctr = cursor_u8(&c);
    cursor_skip(&c, 2);                           /* redundancy id */
    uint16_t ref = cursor_be16(&c), parlen = cursor_be16(&c), datlen = cursor_be16(&c);
    uint8_t errcls = 0, errcod = 0;
    if (rosctr == S7_ROSCTR_ACK || rosctr == S7_ROSCTR_ACK_DATA) { errcls = cursor_u8(&c); errcod = cursor_u8(&c); }
    if (!cursor_ok(&c)) return;                   /* too short for a header */
    if (rosctr != S7_ROSCTR_JOB && rosctr != S7_ROSCTR_ACK && rosctr != S7_ROSCTR_ACK_DATA &&
        rosctr != S7_ROSCTR_USERDATA)
        return;
    op->transaction = ref;
    op->s7.rosctr = rosctr;
    bool fits = cursor_left(&c) == (size_t)parlen + datlen || (truncated && cursor_left(&c) < (size_t)parlen + datlen);
    cursor param = cursor_sub(&c, parlen < cursor_left(&c) ? parlen : cursor_left(&c));
    cursor data = cursor_sub(&c, datlen < cursor_left(&c) ? datlen : cursor_left(&c));

    if (rosctr == S7_ROSCTR_USERDATA) {
        parse_userdata(st, &param, &data, op);
        if (!fits) op->malformed = true;
        proto_emit(st->ctx, st->dir, &o);
        return;
    }
    bool response = rosctr != S7_ROSCTR_JOB;
    op->is_response = response;
    if (response && (errcls || errcod)) {
        op->exception = true;
        op->exception_code = errcls;
        op->s7.error = (uint16_t)(errcls << 8 | errcod);
    }
    if (parlen == 0 && response) {
        /* an Ack names no function: the job it answers does */
        op->function = S7_FC_ACK_UNPAIRED;
        op->function_name = s7comm_function_name(S7_FC_ACK_UNPAIRED);
        pair(st, op, false, true);
        op->malformed = !fits || rosctr != S7_ROSCTR_ACK;
        proto_emit(st->ctx, st->dir, &o);
        return;
    }
    op->function = cursor_peek_u8(&param, 0);
    op->function_name = s7comm_function_name((uint8_t)op->function);
    cursor_skip(&param, 1);
    bool ok = cursor_ok(&param) && parse_job_param(&param, &data, response, op);
    if (truncated) ok = true;                     /* the tail is not here to check */
    /* a job function must be one: the userdata numbers are not */
    op->malformed = !ok || !fits || !strcmp(op->function_name, "unknown") ||
                    (op->function & 0xf0) == S7_FC_USERDATA_BASE;
    classify(op);
    if (response) pair(st, op, false, false);
    else remember(st, op, false, false);
    proto_emit(st->ctx, st->dir, &o);
}

static void on_pdu(void *user, const uint8_t *data, size_t len, bool truncated)
{
    s7comm_parse_pdu(user, data, len, truncated);
}

static void s7_feed(s7_state *st, const proto_ctx *ctx, net_dir dir, const uint8_t *data, size_t len)
{
    st->ctx = ctx;
    st->dir = dir;
    cotp_sink sink = { on_pdu, NULL, st };
    cotp_feed(&st->half[dir], &sink, data, len);
    st->ctx = NULL;
}

static void s7_parse_to_server(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    s7_feed(state, ctx, NET_DIR_TO_SERVER, data, len);
}

static void s7_parse_to_client(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    s7_feed(state, ctx, NET_DIR_TO_CLIENT, data, len);
}

static void s7_gap(void *state, const proto_ctx *ctx, net_dir dir, uint32_t len)
{
    (void)ctx;
    (void)len;
    s7_state *st = state;
    cotp_reset(&st->half[dir]);
    st->plus_fragment[dir] = false;
    if (dir == NET_DIR_TO_CLIENT) st->szl.active = false;
}

/* An identity only partly read (one list of two) is told when the flow ends. */
static void s7_end(void *state, const proto_ctx *ctx)
{
    s7_state *st = state;
    emit_identity(st, ctx, NET_DIR_TO_CLIENT);
}

/* A connect request or confirm whose TSAPs are S7's: two bytes, the first
 * the connection type (1 PG, 2 OP, 3 S7 basic), or a "SIMATIC-..." name
 * (S7comm-Plus). MMS on port 102 and RDP use other TSAPs or none. */
static proto_probe_result probe_connect(cursor c)
{
    cursor_skip(&c, 5);                           /* dst ref, src ref, class */
    bool s7 = false;
    while (cursor_left(&c) >= 2) {
        uint8_t code = cursor_u8(&c), n = cursor_u8(&c);
        cursor v = cursor_sub(&c, n);
        if (!cursor_ok(&c)) return PROTO_PROBE_NO;
        if (code != 0xc1 && code != 0xc2) continue;
        uint8_t first = cursor_peek_u8(&v, 0);
        if (n == 2 && first >= 1 && first <= 3) s7 = true;
        else if (n >= 7 && memcmp(cursor_ptr(&v), "SIMATIC", 7) == 0) s7 = true;
    }
    return s7 ? PROTO_PROBE_YES : PROTO_PROBE_NO;
}

/* Content probe: TPKT and a COTP header, then either a connect with S7
 * TSAPs or a data TPDU carrying an S7comm (0x32, known ROSCTR) or
 * S7comm-Plus (0x72, known version) header. */
static proto_probe_result s7_probe(const uint8_t *data, size_t len, net_dir dir)
{
    (void)dir;
    if (len >= 1 && data[0] != 3) return PROTO_PROBE_NO;
    if (len >= 2 && data[1] != 0) return PROTO_PROBE_NO;
    if (len < COTP_HDR_PEEK) return PROTO_PROBE_NEED_MORE;
    if (!cotp_header_valid(data)) return PROTO_PROBE_NO;
    uint8_t li = data[4], type = data[5] & 0xf0;
    if (type == COTP_CR || type == COTP_CC) {
        if (len < (size_t)li + 5) return PROTO_PROBE_NEED_MORE;
        cursor c = cursor_make(data, len);
        cursor_skip(&c, 6);
        return probe_connect(cursor_sub(&c, (size_t)li - 1));
    }
    if (type != COTP_DT) return PROTO_PROBE_NEED_MORE;
    if (len < 9) return PROTO_PROBE_NEED_MORE;
    if (data[7] == S7COMM_PROTOCOL_ID) {
        uint8_t rosctr = data[8];
        return rosctr == 1 || rosctr == 2 || rosctr == 3 || rosctr == 7 ? PROTO_PROBE_YES : PROTO_PROBE_NO;
    }
    if (data[7] == S7PLUS_PROTOCOL_ID) {
        uint8_t v = data[8];
        return v == 1 || v == 2 || v == 3 || v == 0xff ? PROTO_PROBE_YES : PROTO_PROBE_NO;
    }
    return PROTO_PROBE_NO;
}

const proto_parser proto_s7comm = {
    .name = "s7comm",
    .transport = 6,
    .ports = { COTP_TPKT_PORT },
    .state_size = sizeof(s7_state),
    .probe = s7_probe,
    .parse_to_server = s7_parse_to_server,
    .parse_to_client = s7_parse_to_client,
    .gap = s7_gap,
    .end = s7_end,
};
