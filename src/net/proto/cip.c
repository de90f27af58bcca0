/* cip.c - CIP messages (CIP Networks Library Vol. 1: services, EPATHs,
 * Connection Manager; Logix tag services): one OBS_ICS_OP per service,
 * embedded ones included, with write/control class and request pairing. */
#include "net/proto/cip.h"
#include <stdio.h>
#include <string.h>

static void tag_append(char *tag, const char *sep, const uint8_t *s, size_t n)
{
    size_t len = strlen(tag), cap = CIP_TAG_MAX;
    if (len && sep) for (; *sep && len + 1 < cap; sep++) tag[len++] = *sep;
    for (size_t i = 0; i < n && len + 1 < cap; i++)
        tag[len++] = (s[i] >= 0x20 && s[i] < 0x7f) ? (char)s[i] : '?';
    tag[len] = '\0';
}

static void tag_member(char *tag, uint32_t member)
{
    char idx[16];
    int n = snprintf(idx, sizeof idx, "[%u]", member);
    if (n > 0 && tag[0]) tag_append(tag, NULL, (const uint8_t *)idx, (size_t)n);
}

/* A logical segment's value: 8, 16 or 32 bits, the wider ones after a pad
 * byte (the padded EPATH EtherNet/IP uses). */
static bool logical_value(cursor *c, uint8_t format, uint32_t *v)
{
    switch (format) {
    case 0: *v = cursor_u8(c); break;
    case 1: cursor_skip(c, 1); *v = cursor_le16(c); break;
    case 2: cursor_skip(c, 1); *v = cursor_le32(c); break;
    default: return false;
    }
    return cursor_ok(c);
}

static bool logical_segment(cursor *c, uint8_t seg, cip_path *p, bool after_symbol)
{
    uint8_t type = (seg >> 2) & 7, format = seg & 3;
    uint32_t v = 0;
    if (type == 5) {                     /* special: electronic key */
        uint8_t key_format = cursor_u8(c);
        cursor_skip(c, 8);
        return cursor_ok(c) && format == 0 && key_format == 4;
    }
    if (type == 6) {                     /* service id, 8-bit only */
        cursor_skip(c, 1);
        return cursor_ok(c) && format == 0;
    }
    if (type == 7 || !logical_value(c, format, &v)) return false;
    switch (type) {
    case 0: if (!p->has_class) { p->has_class = true; p->class_id = v; } break;
    case 1: if (!p->has_instance) { p->has_instance = true; p->instance = v; } break;
    case 2: if (after_symbol) tag_member(p->tag, v); break;
    case 3: if (!p->has_connection_point) { p->has_connection_point = true; p->connection_point = v; } break;
    case 4: if (!p->has_attribute) { p->has_attribute = true; p->attribute = v; } break;
    default: break;
    }
    return true;
}

bool cip_parse_epath(cursor c, cip_path *p)
{
    memset(p, 0, sizeof *p);
    bool after_symbol = false;
    while (cursor_left(&c) > 0) {
        size_t start = c.pos;
        uint8_t seg = cursor_u8(&c);
        switch (seg >> 5) {
        case 0: {                        /* port segment */
            size_t link_len = (seg & 0x10) ? cursor_u8(&c) : 1;
            uint16_t port = seg & 0x0f;
            if (port == 0x0f) port = cursor_le16(&c);
            cursor link = cursor_sub(&c, link_len);
            if (!cursor_ok(&c) || link_len == 0) return false;
            if (!p->has_port) { p->has_port = true; p->port = port; p->link = cursor_u8(&link); }
            if ((c.pos - start) & 1) cursor_skip(&c, 1);
            after_symbol = false;
            break;
        }
        case 1:
            if (!logical_segment(&c, seg, p, after_symbol)) return false;
            break;
        case 2:                          /* network segment */
            if (seg == 0x5f) cursor_skip(&c, (size_t)cursor_le16(&c) * 2);
            else if (seg & 0x10) cursor_skip(&c, (size_t)cursor_u8(&c) * 2);
            else cursor_skip(&c, 1);
            after_symbol = false;
            break;
        case 3: {                        /* symbolic segment */
            size_t n = seg & 0x1f;
            if (n == 0) return false;    /* extended formats: not kept */
            cursor s = cursor_sub(&c, n);
            if (!cursor_ok(&c)) return false;
            tag_append(p->tag, ".", cursor_ptr(&s), n);
            if ((c.pos - start) & 1) cursor_skip(&c, 1);
            after_symbol = true;
            break;
        }
        case 4:                          /* data segment */
            if (seg == 0x80) {
                cursor_skip(&c, (size_t)cursor_u8(&c) * 2);
            } else if (seg == 0x91) {    /* ANSI extended symbol: a tag name */
                size_t n = cursor_u8(&c);
                cursor s = cursor_sub(&c, n);
                if (!cursor_ok(&c)) return false;
                tag_append(p->tag, ".", cursor_ptr(&s), n);
                if (n & 1) cursor_skip(&c, 1);
                after_symbol = true;
                break;
            } else {
                return false;
            }
            after_symbol = false;
            break;
        default:
            return false;                /* data type segments: not in request paths */
        }
        if (!cursor_ok(&c)) return false;
    }
    return true;
}

/* The Logix controller-internal classes that carry program structure
 * (seen creating and filling programs and routines in a download). */
static bool program_class(uint32_t class_id)
{
    return class_id == 0x64 || class_id == 0x68 || class_id == 0x6a || class_id == 0x6d || class_id == 0x6e;
}

const char *cip_service_name(uint8_t service, bool has_class, uint32_t class_id)
{
    service &= 0x7f;
    switch (service) {
    case 0x01: return "get_attributes_all";
    case 0x02: return "set_attributes_all";
    case 0x03: return "get_attribute_list";
    case 0x04: return "set_attribute_list";
    case 0x05: return "reset";
    case 0x06: return "start";
    case 0x07: return "stop";
    case 0x08: return "create";
    case 0x09: return "delete";
    case 0x0a: return "multiple_service_packet";
    case 0x0d: return "apply_attributes";
    case 0x0e: return "get_attribute_single";
    case 0x10: return "set_attribute_single";
    case 0x11: return "find_next_object_instance";
    case 0x14: return "error_response";
    case 0x15: return "restore";
    case 0x16: return "save";
    case 0x17: return "no_operation";
    case 0x18: return "get_member";
    case 0x19: return "set_member";
    case 0x1a: return "insert_member";
    case 0x1b: return "remove_member";
    case 0x1c: return "group_sync";
    default: break;
    }
    if (service < 0x4b || service > 0x63) return service < 0x32 ? "reserved" : "unknown";
    uint32_t k = has_class ? class_id : 0;
    if (k == CIP_CLASS_CONNECTION_MANAGER) {
        switch (service) {
        case 0x4e: return "forward_close";
        case 0x52: return "unconnected_send";
        case 0x54: return "forward_open";
        case 0x56: return "get_connection_data";
        case 0x57: return "search_connection_data";
        case 0x5a: return "get_connection_owner";
        case 0x5b: return "large_forward_open";
        default: return "connection_manager_specific";
        }
    }
    if (k == CIP_CLASS_FILE) {
        switch (service) {
        case 0x4b: return "file_initiate_upload";
        case 0x4c: return "file_initiate_download";
        case 0x4d: return "file_initiate_partial_read";
        case 0x4e: return "file_initiate_partial_write";
        case 0x4f: return "file_upload_transfer";
        case 0x50: return "file_download_transfer";
        case 0x51: return "file_clear";
        default: return "file_specific";
        }
    }
    if (k == CIP_CLASS_PCCC && service == 0x4b) return "execute_pccc";
    switch (service) {                   /* Logix tag services on symbolic or other paths */
    case 0x4c: return k == 0x6c ? "read_template" : "read_tag";
    case 0x4d: return "write_tag";
    case 0x4e: return "read_modify_write_tag";
    case 0x52: return "read_tag_fragmented";
    case 0x53: return "write_tag_fragmented";
    case 0x55: return "get_instance_attribute_list";
    default: return "object_specific";
    }
}

void cip_classify(uint8_t service, bool has_class, uint32_t class_id, obs_ics_op *op)
{
    service &= 0x7f;
    uint32_t k = has_class ? class_id : 0;
    switch (service) {
    case 0x02: case 0x04: case 0x0d: case 0x10: case 0x15: case 0x16: case 0x19: case 0x1a: case 0x1b:
        op->is_write = true;
        if (program_class(k)) op->is_control = true;
        return;
    case 0x08: case 0x09:                /* create / delete an object instance */
        op->is_write = true;
        if (program_class(k) || k == 0x6b || k == 0x6c) op->is_control = true;
        return;
    case 0x05:                           /* reset: of the device when on Identity */
        if (k == CIP_CLASS_IDENTITY) op->is_control = true;
        else op->is_write = true;
        return;
    case 0x06: case 0x07:                /* start / stop */
        op->is_control = true;
        return;
    default: break;
    }
    if (service < 0x4b || service > 0x63) return;
    if (k == CIP_CLASS_CONNECTION_MANAGER || k == CIP_CLASS_PCCC) return;
    if (k == CIP_CLASS_FILE) {           /* program / firmware / configuration file transfer */
        op->is_control = true;
        if (service == 0x4c || service == 0x4e || service == 0x50 || service == 0x51) op->is_write = true;
        return;
    }
    if (program_class(k)) {              /* vendor services on program structure: a download */
        op->is_write = true;
        op->is_control = true;
        return;
    }
    if (service == 0x4d || service == 0x4e || service == 0x53) op->is_write = true;
}

const char *cip_vendor_name(uint16_t v)
{
    switch (v) {
    case 1: return "Rockwell Automation/Allen-Bradley";
    case 2: return "Namco Controls Corp.";
    case 3: return "Honeywell Inc.";
    case 5: return "Rockwell Automation/Reliance Elec.";
    case 7: return "SMC Corporation";
    case 8: return "Molex Incorporated";
    case 12: return "Banner Engineering Corp.";
    case 13: return "Belden Wire & Cable Company";
    case 26: return "Festo Corporation";
    case 40: return "Wago Corporation";
    case 43: return "BALLUFF, Inc.";
    case 44: return "Yaskawa Electric America, Inc.";
    case 46: return "ABB Industrial Systems";
    case 47: return "Omron Corporation";
    case 48: return "TURCk, Inc.";
    case 57: return "Pepperl + Fuchs";
    case 58: return "Spectrum Controls, Inc.";
    case 68: return "Eaton Electrical";
    case 90: return "HMS Industrial Networks AB";
    case 97: return "Danfoss";
    case 108: return "Beckhoff Automation GmbH";
    case 145: return "Siemens Energy & Automation/Drives";
    case 161: return "Mitsubishi Electric Corporation";
    case 176: return "Red Lion Controls";
    case 243: return "Schneider Automation, Inc.";
    case 283: return "Hilscher GmbH";
    case 309: return "Prosoft Technology";
    case 322: return "ifm efector, inc.";
    case 326: return "GE Fanuc Automation North America, Inc.";
    case 367: return "Keyence Corporation";
    case 562: return "Phoenix Contact";
    case 591: return "FANUC Ltd.";
    case 634: return "Hirschmann, Inc.";
    case 640: return "Murrelektronik GmbH";
    case 674: return "Automated Solutions";
    case 808: return "SICK AG";
    case 939: return "Cisco Systems";
    case 991: return "Moxa Networking Co., Ltd.";
    default: return NULL;
    }
}

const char *cip_device_type_name(uint16_t t)
{
    switch (t) {
    case 0: return "Generic Device (deprecated)";
    case 2: return "AC Drive";
    case 3: return "Motor Overload";
    case 4: return "Limit Switch";
    case 5: return "Inductive Proximity Switch";
    case 6: return "Photoelectric Sensor";
    case 7: return "General Purpose Discrete I/O";
    case 9: return "Resolver";
    case 12: return "Communications Adapter";
    case 14: return "Programmable Logic Controller";
    case 16: return "Position Controller";
    case 19: return "DC Drive";
    case 21: return "Contactor";
    case 22: return "Motor Starter";
    case 23: return "Soft Start";
    case 24: return "Human-Machine Interface";
    case 26: return "Mass Flow Controller";
    case 27: return "Pneumatic Valve";
    case 28: return "Vacuum Pressure Gauge";
    case 34: return "Encoder";
    case 35: return "Safety Discrete I/O Device";
    case 37: return "CIP Motion Drive";
    case 40: return "CIP Modbus Device";
    case 41: return "CIP Modbus Translator";
    case 42: return "Safety Analog I/O Device";
    case 43: return "Generic Device (keyable)";
    case 44: return "Managed Ethernet Switch";
    case 50: return "ControlNet Physical Layer Component";
    case 51: return "Circuit Breaker";
    case 52: return "HART Device";
    case 200: return "Embedded Component";
    default: return NULL;
    }
}

bool cip_emit_identity(const cip_emit *em, const char *protocol, cursor c)
{
    uint16_t vendor = cursor_le16(&c), type = cursor_le16(&c), code = cursor_le16(&c);
    uint8_t major = cursor_u8(&c), minor = cursor_u8(&c);
    cursor_skip(&c, 2);                  /* status */
    uint32_t serial = cursor_le32(&c);
    uint8_t n = cursor_u8(&c);
    cursor name = cursor_sub(&c, n);
    if (!cursor_ok(&c)) return false;
    char vbuf[24], tbuf[24], fw[12], sn[12], product[256];
    const char *vname = cip_vendor_name(vendor), *tname = cip_device_type_name(type);
    if (!vname) { snprintf(vbuf, sizeof vbuf, "vendor %u", (unsigned)vendor); vname = vbuf; }
    if (!tname) { snprintf(tbuf, sizeof tbuf, "device type %u", (unsigned)type); tname = tbuf; }
    snprintf(fw, sizeof fw, "%u.%u", (unsigned)major, (unsigned)minor);
    snprintf(sn, sizeof sn, "0x%08x", (unsigned)serial);
    product[0] = '\0';
    tag_append(product, NULL, cursor_ptr(&name), n);   /* printable, at most CIP_TAG_MAX - 1 */
    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_IDENTITY;
    obs_identity *id = &o.u.identity;
    id->protocol = protocol;
    id->unit_id = em->unit_id;
    id->vendor = vname;
    id->device_type = tname;
    id->has_product_code = true;
    id->product_code = code;
    id->firmware = fw;
    id->serial = sn;
    id->product = product[0] ? product : NULL;
    id->model = id->product;             /* the product name is the catalog number */
    proto_emit(em->ctx, NET_DIR_TO_CLIENT, &o);
    return true;
}

static void start_op(net_observation *o, const cip_emit *em, uint8_t service, bool response)
{
    memset(o, 0, sizeof *o);
    o->kind = OBS_ICS_OP;
    obs_ics_op *op = &o->u.ics;
    op->protocol = "cip";
    op->function = service & 0x7f;
    op->transaction = em->transaction;
    op->unit_id = em->unit_id;
    op->is_response = response;
}

static void set_object(obs_ics_op *op, const cip_object *ob)
{
    op->cip.has_class = ob->has_class;
    op->cip.class_id = ob->class_id;
    op->cip.has_instance = ob->has_instance;
    op->cip.instance = ob->instance;
    op->cip.has_attribute = ob->has_attribute;
    op->cip.attribute = ob->attribute;
}

static cip_object object_of(uint8_t service, const cip_path *p)
{
    cip_object ob;
    memset(&ob, 0, sizeof ob);
    ob.service = service & 0x7f;
    ob.has_class = p->has_class;
    ob.class_id = p->class_id;
    ob.has_instance = p->has_instance || p->has_connection_point;
    ob.instance = p->has_instance ? p->instance : p->connection_point;
    ob.has_attribute = p->has_attribute;
    ob.attribute = p->attribute;
    return ob;
}

/* The offset table of a Multiple Service Packet (request or reply data):
 * count, then offsets from the count field. Each valid entry is parsed by
 * `each`; false when the table does not fit. */
typedef void (*msp_each)(const cip_emit *em, cursor item, int depth, bool paired);

static bool multiple_service(const cip_emit *em, cursor data, int depth, bool paired, msp_each each)
{
    cursor c = data;
    uint16_t count = cursor_le16(&c);
    if (!cursor_ok(&c) || count == 0 || cursor_left(&c) < (size_t)count * 2) return false;
    size_t total = data.len - data.pos;
    bool ok = true;
    for (uint16_t i = 0; i < count; i++) {
        cursor t = c;
        t.pos += (size_t)i * 2;
        uint16_t off = cursor_le16(&t);
        size_t end = total;
        if (i + 1 < count) end = cursor_le16(&t);
        if (off < 2 + (size_t)count * 2 || end > total || end <= off) { ok = false; continue; }
        cursor item = cursor_make(data.data + data.pos + off, (size_t)(end - off));
        if (depth < CIP_DEPTH_MAX) each(em, item, depth + 1, paired);
    }
    return ok;
}

/* Every offset of a Multiple Service Packet inside its data, increasing. */
static bool msp_offsets_ok(cursor c)
{
    size_t total = cursor_left(&c);
    uint16_t count = cursor_le16(&c);
    if (!cursor_ok(&c) || count == 0 || cursor_left(&c) < (size_t)count * 2) return false;
    size_t prev = 2 + (size_t)count * 2;
    for (uint16_t i = 0; i < count; i++) {
        size_t off = cursor_le16(&c);
        if (off < prev || off >= total) return false;
        prev = off + 1;
    }
    return true;
}

static void parse_request(const cip_emit *em, cursor c, int depth, cip_request_memo *memo);
static void parse_reply(const cip_emit *em, cursor c, int depth, const cip_object *req, bool paired);

static void msp_request_item(const cip_emit *em, cursor item, int depth, bool paired)
{
    (void)paired;
    if (cursor_peek_u8(&item, 0) & CIP_REPLY_BIT) return;
    parse_request(em, item, depth, NULL);
}

static void msp_reply_item(const cip_emit *em, cursor item, int depth, bool paired)
{
    if (!(cursor_peek_u8(&item, 0) & CIP_REPLY_BIT)) return;
    parse_reply(em, item, depth, NULL, paired);
}

/* Forward Open (and Large, with 32-bit network connection parameters):
 * the connection asked for and its path (CIP Vol. 1, 3-5.5.2). */
static bool forward_open_request(cursor c, bool large, obs_ics_op *op, cip_path *conn)
{
    cursor_skip(&c, 2);                  /* priority/time tick, timeout ticks */
    op->cip.ot_connection_id = cursor_le32(&c);
    op->cip.to_connection_id = cursor_le32(&c);
    op->cip.connection_serial = cursor_le16(&c);
    op->cip.originator_vendor = cursor_le16(&c);
    op->cip.originator_serial = cursor_le32(&c);
    cursor_skip(&c, 4);                  /* timeout multiplier, reserved */
    op->cip.ot_rpi_us = cursor_le32(&c);
    cursor_skip(&c, large ? 4 : 2);
    op->cip.to_rpi_us = cursor_le32(&c);
    cursor_skip(&c, large ? 4 : 2);
    cursor_skip(&c, 1);                  /* transport class and trigger */
    uint8_t words = cursor_u8(&c);
    cursor path = cursor_sub(&c, (size_t)words * 2);
    if (!cursor_ok(&c)) return false;
    op->cip.has_connection = true;
    return cip_parse_epath(path, conn) && cursor_left(&c) == 0;
}

static bool forward_close_request(cursor c, obs_ics_op *op, cip_path *conn)
{
    cursor_skip(&c, 2);
    op->cip.connection_serial = cursor_le16(&c);
    op->cip.originator_vendor = cursor_le16(&c);
    op->cip.originator_serial = cursor_le32(&c);
    uint8_t words = cursor_u8(&c);
    cursor_skip(&c, 1);
    cursor path = cursor_sub(&c, (size_t)words * 2);
    if (!cursor_ok(&c)) return false;
    op->cip.has_connection = true;
    return cip_parse_epath(path, conn) && cursor_left(&c) == 0;
}

static void parse_request(const cip_emit *em, cursor c, int depth, cip_request_memo *memo)
{
    uint8_t service = cursor_u8(&c);
    uint8_t words = cursor_u8(&c);
    cursor pathc = cursor_sub(&c, (size_t)words * 2);
    net_observation o;
    start_op(&o, em, service, false);
    obs_ics_op *op = &o.u.ics;
    cip_path path;
    memset(&path, 0, sizeof path);
    bool ok = cursor_ok(&c) && cip_parse_epath(pathc, &path);
    cip_object ob = object_of(service, &path);
    set_object(op, &ob);
    if (path.tag[0]) op->cip.tag = path.tag;
    op->function_name = cip_service_name(service, ob.has_class, ob.class_id);
    cip_classify(service, ob.has_class, ob.class_id, op);
    if (memo) { memset(memo, 0, sizeof *memo); memo->top = ob; }
    if (!cursor_ok(&c)) {                /* not even a whole path */
        op->malformed = true;
        proto_emit(em->ctx, em->dir, &o);
        return;
    }
    uint8_t sc = service & 0x7f;
    bool cm = ob.has_class && ob.class_id == CIP_CLASS_CONNECTION_MANAGER;
    if (sc == CIP_SC_MULTIPLE_SERVICE) {
        bool table_ok = msp_offsets_ok(c);
        op->malformed = !ok || !table_ok;
        proto_emit(em->ctx, em->dir, &o);
        multiple_service(em, c, depth, false, msp_request_item);   /* each item checked alone */
        return;
    }
    if (sc == CIP_SC_UNCONNECTED_SEND && cm) {
        cursor_skip(&c, 2);              /* priority/time tick, timeout ticks */
        uint16_t size = cursor_le16(&c);
        cursor inner = cursor_sub(&c, size);
        if (size & 1) cursor_skip(&c, 1);
        uint8_t route_words = cursor_u8(&c);
        cursor_skip(&c, 1);
        cursor route = cursor_sub(&c, (size_t)route_words * 2);
        cip_path rp;
        bool route_ok = cursor_ok(&c) && cip_parse_epath(route, &rp);
        op->malformed = !ok || !route_ok || size < 2;
        proto_emit(em->ctx, em->dir, &o);
        if (cursor_ok(&c) && size >= 2 && depth < CIP_DEPTH_MAX && !(cursor_peek_u8(&inner, 0) & CIP_REPLY_BIT)) {
            cip_emit sub = *em;
            if (route_ok && rp.has_port) sub.unit_id = rp.link;
            cip_request_memo im;
            parse_request(&sub, inner, depth + 1, &im);
            if (memo) memo->inner = im.top;
        }
        return;
    }
    if (cm && (sc == CIP_SC_FORWARD_OPEN || sc == CIP_SC_LARGE_FORWARD_OPEN || sc == CIP_SC_FORWARD_CLOSE)) {
        cip_path conn;
        memset(&conn, 0, sizeof conn);
        bool fields_ok = sc == CIP_SC_FORWARD_CLOSE ? forward_close_request(c, op, &conn)
                                                    : forward_open_request(c, sc == CIP_SC_LARGE_FORWARD_OPEN, op, &conn);
        if (conn.has_class) {            /* the object is the connection's target, not the manager */
            cip_object target = object_of(service, &conn);
            set_object(op, &target);
        }
        op->malformed = !ok || !fields_ok;
        proto_emit(em->ctx, em->dir, &o);
        return;
    }
    op->malformed = !ok;
    proto_emit(em->ctx, em->dir, &o);
}

static void forward_open_reply(cursor c, uint8_t status, obs_ics_op *op)
{
    if (status != 0) {                   /* failure: serial, vendor, originator serial */
        op->cip.connection_serial = cursor_le16(&c);
        op->cip.originator_vendor = cursor_le16(&c);
        op->cip.originator_serial = cursor_le32(&c);
        if (cursor_ok(&c)) op->cip.has_connection = true;
        return;
    }
    op->cip.ot_connection_id = cursor_le32(&c);
    op->cip.to_connection_id = cursor_le32(&c);
    op->cip.connection_serial = cursor_le16(&c);
    op->cip.originator_vendor = cursor_le16(&c);
    op->cip.originator_serial = cursor_le32(&c);
    op->cip.ot_rpi_us = cursor_le32(&c); /* actual packet intervals */
    op->cip.to_rpi_us = cursor_le32(&c);
    if (cursor_ok(&c)) op->cip.has_connection = true;
    else op->malformed = true;
}

static void parse_reply(const cip_emit *em, cursor c, int depth, const cip_object *req, bool paired)
{
    uint8_t service = cursor_u8(&c);
    cursor_skip(&c, 1);                  /* reserved */
    uint8_t status = cursor_u8(&c);
    uint8_t words = cursor_u8(&c);
    cursor ext = cursor_sub(&c, (size_t)words * 2);
    net_observation o;
    start_op(&o, em, service, true);
    obs_ics_op *op = &o.u.ics;
    uint8_t sc = service & 0x7f;
    cip_object none;
    memset(&none, 0, sizeof none);
    if (req && req->service == sc) {
        op->paired = true;
        set_object(op, req);
    } else {
        req = &none;
        op->paired = paired;
    }
    op->function_name = cip_service_name(sc, req->has_class, req->class_id);
    cip_classify(sc, req->has_class, req->class_id, op);
    if (!cursor_ok(&c)) {
        op->malformed = true;
        proto_emit(em->ctx, em->dir, &o);
        return;
    }
    op->exception = status != 0 && status != CIP_STATUS_PARTIAL;
    op->exception_code = status;
    if (words) {
        op->cip.has_extended_status = true;
        op->cip.extended_status = cursor_le16(&ext);
    }
    bool cm = req->has_class && req->class_id == CIP_CLASS_CONNECTION_MANAGER;
    if (cm && (sc == CIP_SC_FORWARD_OPEN || sc == CIP_SC_LARGE_FORWARD_OPEN)) forward_open_reply(c, status, op);
    else if (cm && sc == CIP_SC_FORWARD_CLOSE) {
        op->cip.connection_serial = cursor_le16(&c);
        op->cip.originator_vendor = cursor_le16(&c);
        op->cip.originator_serial = cursor_le32(&c);
        if (cursor_ok(&c)) op->cip.has_connection = true;
    }
    proto_emit(em->ctx, em->dir, &o);
    if (sc == CIP_SC_GET_ATTRIBUTES_ALL && status == 0 && op->paired && req->has_class &&
        req->class_id == CIP_CLASS_IDENTITY)
        cip_emit_identity(em, "enip", c);
    /* an embedded-service error (0x1e) still carries every reply */
    if (sc == CIP_SC_MULTIPLE_SERVICE && (status == 0 || status == 0x1e) && cursor_left(&c) >= 2)
        multiple_service(em, c, depth, op->paired, msp_reply_item);
}

void cip_parse_message(const cip_emit *em, cursor msg, cip_request_memo *memo, const cip_request_memo *request)
{
    if (cursor_left(&msg) == 0) return;
    uint8_t first = cursor_peek_u8(&msg, 0);
    if (!(first & CIP_REPLY_BIT)) { parse_request(em, msg, 0, memo); return; }
    uint8_t sc = first & 0x7f;
    const cip_object *req = NULL;
    if (request) {
        const cip_object *top = &request->top;
        bool usend = top->service == CIP_SC_UNCONNECTED_SEND && top->has_class &&
                     top->class_id == CIP_CLASS_CONNECTION_MANAGER;
        /* an Unconnected Send is answered by its target's reply, or by a
         * routing error of the Unconnected Send itself */
        if (usend && request->inner.service && sc == request->inner.service) req = &request->inner;
        else if (sc == top->service) req = top;
    }
    parse_reply(em, msg, 0, req, false);
}
