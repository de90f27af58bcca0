/* bacnet.c - BACnet/IP (ASHRAE 135 Annex J, clauses 6, 20, 21): BVLC, NPDU
 * with routing and network layer messages, APDU types and services, request
 * pairing by invoke id, I-Am and device-object properties as identities. */
#include "net/proto/bacnet.h"
#include <stdio.h>
#include <string.h>
#include "core/cursor.h"
#include "net/proto/proto.h"

#define BACNET_PENDING_MAX 16        /* confirmed requests awaiting an answer */
#define BACNET_WILDCARD_INSTANCE 4194303u
#define BACNET_OBJECT_DEVICE 8
#define BACNET_TEXT_MAX 64

enum {
    PROP_APPLICATION_SOFTWARE_VERSION = 12, PROP_FIRMWARE_REVISION = 44, PROP_MODEL_NAME = 70,
    PROP_OBJECT_IDENTIFIER = 75, PROP_OBJECT_NAME = 77, PROP_VENDOR_IDENTIFIER = 120, PROP_VENDOR_NAME = 121,
};

typedef struct bacnet_request {
    bool used, has_object, has_property;
    uint8_t invoke, service, dir;
    uint16_t object_type;
    uint32_t instance, property;
} bacnet_request;

/* What a device's object says of itself through ReadProperty answers,
 * gathered over the flow and emitted once when it ends. */
typedef struct bacnet_device_text {
    bool any, has_instance, has_vendor_id;
    uint32_t instance, vendor_id;
    char vendor[BACNET_TEXT_MAX], model[BACNET_TEXT_MAX], firmware[BACNET_TEXT_MAX];
    char software[BACNET_TEXT_MAX], name[BACNET_TEXT_MAX];
    uint8_t dir;                     /* the direction the answers travelled */
} bacnet_device_text;

typedef struct bacnet_state {
    bacnet_request pending[BACNET_PENDING_MAX];
    uint8_t next_pending;
    bacnet_device_text device;
} bacnet_state;

/* ---- names ---------------------------------------------------------- */

const char *bacnet_confirmed_name(uint8_t s)
{
    static const char *const names[] = {
        "acknowledge_alarm", "confirmed_cov_notification", "confirmed_event_notification",
        "get_alarm_summary", "get_enrollment_summary", "subscribe_cov", "atomic_read_file",
        "atomic_write_file", "add_list_element", "remove_list_element", "create_object",
        "delete_object", "read_property", "read_property_conditional", "read_property_multiple",
        "write_property", "write_property_multiple", "device_communication_control",
        "confirmed_private_transfer", "confirmed_text_message", "reinitialize_device", "vt_open",
        "vt_close", "vt_data", "authenticate", "request_key", "read_range", "life_safety_operation",
        "subscribe_cov_property", "get_event_information", "subscribe_cov_property_multiple",
        "confirmed_cov_notification_multiple", "confirmed_audit_notification", "audit_log_query",
    };
    return s < sizeof names / sizeof names[0] ? names[s] : "unknown";
}

const char *bacnet_unconfirmed_name(uint8_t s)
{
    static const char *const names[] = {
        "i_am", "i_have", "unconfirmed_cov_notification", "unconfirmed_event_notification",
        "unconfirmed_private_transfer", "unconfirmed_text_message", "time_synchronization", "who_has",
        "who_is", "utc_time_synchronization", "write_group", "unconfirmed_cov_notification_multiple",
        "unconfirmed_audit_notification", "who_am_i", "you_are",
    };
    return s < sizeof names / sizeof names[0] ? names[s] : "unknown";
}

const char *bacnet_network_message_name(uint8_t t)
{
    static const char *const names[] = {
        "who_is_router_to_network", "i_am_router_to_network", "i_could_be_router_to_network",
        "reject_message_to_network", "router_busy_to_network", "router_available_to_network",
        "initialize_routing_table", "initialize_routing_table_ack", "establish_connection_to_network",
        "disconnect_connection_to_network", "challenge_request", "security_payload", "security_response",
        "request_key_update", "update_key_set", "update_distribution_key", "request_master_key",
        "set_master_key", "what_is_network_number", "network_number_is",
    };
    if (t >= 0x80) return "proprietary_network_message";
    return t < sizeof names / sizeof names[0] ? names[t] : "unknown";
}

const char *bacnet_bvlc_name(uint8_t f)
{
    static const char *const names[] = {
        "bvlc_result", "write_broadcast_distribution_table", "read_broadcast_distribution_table",
        "read_broadcast_distribution_table_ack", "forwarded_npdu", "register_foreign_device",
        "read_foreign_device_table", "read_foreign_device_table_ack", "delete_foreign_device_table_entry",
        "distribute_broadcast_to_network", "original_unicast_npdu", "original_broadcast_npdu", "secure_bvll",
    };
    return f < sizeof names / sizeof names[0] ? names[f] : "unknown";
}

/* ASHRAE's vendor identifier registry: the ids seen in the test corpora and
 * the vendors most common in building and port systems. */
const char *bacnet_vendor_name(uint32_t id)
{
    static const struct { uint16_t id; const char *name; } vendors[] = {
        { 0, "ASHRAE" }, { 1, "NIST" }, { 2, "The Trane Company" }, { 3, "Daikin Applied Americas" },
        { 4, "PolarSoft" }, { 5, "Johnson Controls Inc." }, { 6, "ABB (Formerly American Auto-Matrix)" },
        { 7, "Siemens Schweiz AG (Formerly: Landis & Staefa Division Europe)" }, { 8, "Delta Controls" },
        { 9, "Siemens Schweiz AG" }, { 10, "Schneider Electric" }, { 11, "TAC" },
        { 12, "Orion Analysis Corporation" }, { 13, "Teletrol Systems Inc." }, { 14, "Cimetrics Technology" },
        { 15, "Cornell University" }, { 16, "United Technologies Carrier" }, { 17, "Honeywell Inc." },
        { 18, "Alerton / Honeywell" }, { 19, "TAC AB" }, { 20, "Hewlett-Packard Company" },
        { 22, "Siemens Schweiz AG (Formerly: Cerberus AG)" }, { 23, "York Controls Group" },
        { 24, "Automated Logic Corporation" }, { 25, "CSI Control Systems International" },
        { 26, "Phoenix Controls Corporation" }, { 27, "Innovex Technologies Inc." }, { 28, "KMC Controls Inc." },
        { 32, "Simplex" }, { 34, "Notifier" }, { 35, "Reliable Controls Corporation" }, { 36, "Tridium Inc." },
        { 39, "Kieback & Peter GmbH & Co KG" }, { 46, "ESS Engineering" }, { 51, "SAMSON AG" },
        { 53, "DAIKIN Industries Ltd." }, { 65, "Reliance Electric" }, { 85, "Yamatake Building Systems Co. Ltd." },
        { 86, "The Watt Stopper Inc." }, { 100, "Custom Mechanical Equipment LLC" }, { 103, "D-Tek Controls" },
        { 107, "JCI Systems Integration Services" }, { 116, "M&M Systems Inc." }, { 123, "Scada Engine" },
        { 130, "Shenzhen Junzhi Hi-Tech Co. Ltd." }, { 133, "Veris Industries" }, { 134, "Centaurus Prime" },
        { 138, "PowerCold Comfort Air Solutions Inc." }, { 139, "I Controls" },
        { 142, "DEOS control systems GmbH" }, { 162, "ASI Controls" }, { 165, "Smart Temp Australia Pty. Ltd." },
        { 167, "Duksan Mecasys Co. Ltd." }, { 173, "Mitsubishi Electric Building Techno-Service Co. Ltd." },
        { 181, "Micro Control Systems Inc." }, { 206, "Onicon Incorporated" },
        { 212, "TSC21 Association of Japan" }, { 215, "Lighting Control & Design Inc." },
        { 221, "OpenGeneral Pty. Ltd." }, { 230, "Integrated Control Technology Limited" },
        { 240, "Aricent Ltd." }, { 245, "Contemporary Control Systems Inc." }, { 251, "WILO SE" },
        { 260, "BACnet Stack at SourceForge" }, { 343, "BACnet Interoperability Testing Services Inc." },
        { 364, "Distech Controls Inc." }, { 389, "Chipkin Automation Systems" },
    };
    for (size_t i = 0; i < sizeof vendors / sizeof vendors[0]; i++)
        if (vendors[i].id == id) return vendors[i].name;
    return NULL;
}

/* ---- tags (clause 20.2.1) ------------------------------------------- */

typedef struct bacnet_tag {
    uint8_t number;
    bool context, opening, closing;
    uint32_t len;                    /* content length; an application boolean's value */
} bacnet_tag;

static bool read_tag(cursor *c, bacnet_tag *t)
{
    uint8_t b = cursor_u8(c);
    t->number = b >> 4;
    if (t->number == 0x0f) t->number = cursor_u8(c);
    t->context = (b & 0x08) != 0;
    uint8_t lvt = b & 0x07;
    t->opening = t->context && lvt == 6;
    t->closing = t->context && lvt == 7;
    t->len = 0;
    if (t->opening || t->closing) return cursor_ok(c);
    if (!t->context && t->number == 1) { t->len = 0; return cursor_ok(c); }   /* boolean: value in LVT */
    if (lvt < 5) t->len = lvt;
    else {
        uint8_t ext = cursor_u8(c);
        if (ext < 254) t->len = ext;
        else if (ext == 254) t->len = cursor_be16(c);
        else t->len = cursor_be32(c);
    }
    return cursor_ok(c) && cursor_has(c, t->len);
}

static uint32_t read_unsigned(cursor *c, uint32_t len)
{
    if (len == 0 || len > 4) { cursor_skip(c, len); c->bad = c->bad || len == 0 || len > 4; return 0; }
    uint32_t v = 0;
    for (uint32_t i = 0; i < len; i++) v = v << 8 | cursor_u8(c);
    return v;
}

/* The next tag must be `number` of the given class with a primitive value:
 * its unsigned content is returned. */
static bool expect_unsigned(cursor *c, uint8_t number, bool context, uint32_t *v)
{
    bacnet_tag t;
    if (!read_tag(c, &t) || t.number != number || t.context != context || t.opening || t.closing) {
        c->bad = true;
        return false;
    }
    *v = read_unsigned(c, t.len);
    return cursor_ok(c);
}

static bool expect_closing(cursor *c, uint8_t number)
{
    bacnet_tag t;
    if (!read_tag(c, &t) || !t.closing || t.number != number) { c->bad = true; return false; }
    return true;
}

/* True when the next tag is a context tag with this number (not consumed). */
static bool peek_context(const cursor *c, uint8_t number)
{
    cursor p = *c;
    bacnet_tag t;
    return cursor_left(c) > 0 && read_tag(&p, &t) && t.context && !t.opening && !t.closing && t.number == number;
}

/* Skips one tagged value, constructed ones whole (bounded nesting). */
static bool skip_value(cursor *c)
{
    int depth = 0;
    do {
        bacnet_tag t;
        if (!read_tag(c, &t)) return false;
        if (t.opening) { if (++depth > 32) { c->bad = true; return false; } continue; }
        if (t.closing) { if (--depth < 0) { c->bad = true; return false; } continue; }
        cursor_skip(c, t.len);
    } while (depth > 0 && cursor_ok(c));
    return cursor_ok(c);
}

static void set_object(obs_ics_op *op, uint32_t oid)
{
    op->bacnet.has_object = true;
    op->bacnet.object_type = (uint16_t)(oid >> 22);
    op->bacnet.instance = oid & 0x3fffff;
    /* the object is the "address": the raw identifier, type in the top bits */
    op->has_range = true;
    op->address = oid;
    op->quantity = 1;
}

static void set_property(obs_ics_op *op, uint32_t property)
{
    op->bacnet.has_property = true;
    op->bacnet.property = property;
}

/* [0] object [1] property [2] array index: ReadProperty, WriteProperty,
 * ReadRange and the ReadProperty acknowledgement. */
static bool object_property(cursor *c, obs_ics_op *op)
{
    uint32_t oid, prop, idx;
    if (!expect_unsigned(c, 0, true, &oid)) return false;
    set_object(op, oid);
    if (!expect_unsigned(c, 1, true, &prop)) return false;
    set_property(op, prop);
    if (peek_context(c, 2) && expect_unsigned(c, 2, true, &idx)) {
        op->bacnet.has_array_index = true;
        op->bacnet.array_index = idx;
    }
    return cursor_ok(c);
}

/* ReadPropertyMultiple / WritePropertyMultiple: the first object and its
 * first property reference; the rest is walked for shape only. */
static bool first_object_property(cursor *c, obs_ics_op *op)
{
    uint32_t oid, prop;
    if (!expect_unsigned(c, 0, true, &oid)) return false;
    set_object(op, oid);
    cursor list = *c;                /* the list is walked whole by the caller */
    bacnet_tag t;
    if (!read_tag(&list, &t) || !t.opening || t.number != 1) { c->bad = true; return false; }
    if (expect_unsigned(&list, 0, true, &prop)) set_property(op, prop);
    return cursor_ok(&list);
}

static bool skip_to_end(cursor *c)
{
    while (cursor_left(c) > 0)
        if (!skip_value(c)) return false;
    return true;
}

/* ---- confirmed services --------------------------------------------- */

static void classify_confirmed(uint8_t service, obs_ics_op *op)
{
    switch (service) {
    case 0: case 8: case 9: case 10: case 11: case 15: case 16: case 27:
        op->is_write = true;
        break;
    case 7:                          /* AtomicWriteFile: program and configuration download */
        op->is_write = true;
        op->is_control = true;
        break;
    case 17: case 20:                /* DeviceCommunicationControl, ReinitializeDevice */
        op->is_control = true;
        break;
    default: break;
    }
}

static bool parse_confirmed_request(uint8_t service, cursor *c, obs_ics_op *op)
{
    uint32_t v;
    switch (service) {
    case 8: case 9: case 12: case 15: case 26:
        if (!object_property(c, op)) return false;
        return skip_to_end(c);
    case 14: case 16:
        return first_object_property(c, op) && skip_to_end(c);
    case 5: case 28:                 /* SubscribeCOV(Property): [1] the monitored object */
        if (!expect_unsigned(c, 0, true, &v) || !expect_unsigned(c, 1, true, &v)) return false;
        set_object(op, v);
        return skip_to_end(c);
    case 6: case 7: case 11:         /* file or object: an application object identifier first */
        if (!expect_unsigned(c, 12, false, &v)) return false;
        set_object(op, v);
        return skip_to_end(c);
    case 10: {                       /* CreateObject: [0] { [0] type | [1] identifier } */
        bacnet_tag t;
        if (!read_tag(c, &t) || !t.opening || t.number != 0 || !read_tag(c, &t) || !t.context) return false;
        v = read_unsigned(c, t.len);
        if (t.number == 1) set_object(op, v);
        else { op->bacnet.has_object = true; op->bacnet.object_type = (uint16_t)v; }
        return cursor_ok(c) && expect_closing(c, 0) && skip_to_end(c);
    }
    case 17:                         /* [0] duration, [1] enable/disable, [2] password */
        if (peek_context(c, 0) && !expect_unsigned(c, 0, true, &v)) return false;
        if (!expect_unsigned(c, 1, true, &v)) return false;
        op->has_subfunction = true;
        op->subfunction = (uint16_t)v;
        return skip_to_end(c);
    case 20:                         /* [0] reinitialized state, [1] password */
        if (!expect_unsigned(c, 0, true, &v)) return false;
        op->has_subfunction = true;
        op->subfunction = (uint16_t)v;
        return skip_to_end(c);
    case 1: case 2:                  /* COV / event notification: [2] monitored object, [1] device */
        if (!expect_unsigned(c, 0, true, &v) || !expect_unsigned(c, 1, true, &v)) return false;
        if (!expect_unsigned(c, 2, true, &v)) return false;
        set_object(op, v);
        return skip_to_end(c);
    default:
        return skip_to_end(c);
    }
}

/* ---- unconfirmed services ------------------------------------------- */

static void classify_unconfirmed(uint8_t service, obs_ics_op *op)
{
    /* time synchronisation (both), WriteGroup, You-Are change the device */
    if (service == 6 || service == 9 || service == 10 || service == 14) op->is_write = true;
}

/* Copies a CharacterString (encoding byte, then the text) as printable
 * ASCII; UCS-2 keeps the low byte of each character. */
static void char_string(cursor v, char *out, size_t cap)
{
    size_t n = 0;
    uint8_t enc = cursor_u8(&v);
    while (cursor_left(&v) > 0 && n + 1 < cap) {
        uint8_t ch;
        if (enc == 4) { if (cursor_u8(&v) != 0) { cursor_skip(&v, 1); ch = '?'; } else ch = cursor_u8(&v); }
        else ch = cursor_u8(&v);
        if (!cursor_ok(&v)) break;
        out[n++] = (char)(ch >= 0x20 && ch < 0x7f ? ch : '?');
    }
    out[n] = '\0';
}

static void emit_i_am(const proto_ctx *ctx, net_dir dir, uint32_t instance, uint32_t vendor_id)
{
    char unknown[40];
    const char *vendor = bacnet_vendor_name(vendor_id);
    if (!vendor) {
        snprintf(unknown, sizeof unknown, "BACnet vendor %u", (unsigned)vendor_id);
        vendor = unknown;
    }
    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_IDENTITY;
    o.u.identity.protocol = "bacnet";
    o.u.identity.unit_id = instance;
    o.u.identity.vendor = vendor;
    o.u.identity.device_type = "device";
    proto_emit(ctx, dir, &o);
}

static bool parse_unconfirmed(const proto_ctx *ctx, net_dir dir, uint8_t service, cursor *c, obs_ics_op *op)
{
    uint32_t oid, v, lo, hi;
    switch (service) {
    case 0: {                        /* I-Am: device, max APDU, segmentation, vendor */
        uint32_t max_apdu, seg, vendor;
        if (!expect_unsigned(c, 12, false, &oid) || !expect_unsigned(c, 2, false, &max_apdu) ||
            !expect_unsigned(c, 9, false, &seg) || !expect_unsigned(c, 2, false, &vendor))
            return false;
        set_object(op, oid);
        if (oid >> 22 == BACNET_OBJECT_DEVICE) emit_i_am(ctx, dir, oid & 0x3fffff, vendor);
        return cursor_left(c) == 0;
    }
    case 1:                          /* I-Have: device, object, name */
        if (!expect_unsigned(c, 12, false, &v) || !expect_unsigned(c, 12, false, &oid)) return false;
        set_object(op, oid);
        return skip_to_end(c);
    case 8: case 7:                  /* Who-Is / Who-Has: optional instance range */
        if (peek_context(c, 0)) {
            if (!expect_unsigned(c, 0, true, &lo) || !expect_unsigned(c, 1, true, &hi)) return false;
            op->has_range = true;
            op->address = lo;
            op->quantity = hi >= lo ? hi - lo + 1 : 0;
        }
        if (service == 7 && peek_context(c, 2) && expect_unsigned(c, 2, true, &oid)) {
            op->bacnet.has_object = true;
            op->bacnet.object_type = (uint16_t)(oid >> 22);
            op->bacnet.instance = oid & 0x3fffff;
        }
        return skip_to_end(c);
    case 2: case 3:                  /* notifications: [0] process, [1] device, [2] object */
        if (!expect_unsigned(c, 0, true, &v) || !expect_unsigned(c, 1, true, &v)) return false;
        if (expect_unsigned(c, 2, true, &oid)) set_object(op, oid);
        return skip_to_end(c);
    default:
        return skip_to_end(c);
    }
}

/* ---- acknowledgements and errors ------------------------------------ */

/* A ReadProperty answer about a device object: identity text is kept. */
static void note_device_property(bacnet_state *st, net_dir dir, const obs_ics_op *op, cursor value)
{
    if (!op->bacnet.has_object || op->bacnet.object_type != BACNET_OBJECT_DEVICE || !op->bacnet.has_property)
        return;
    bacnet_device_text *d = &st->device;
    bacnet_tag t;
    cursor c = value;
    if (!read_tag(&c, &t) || t.context) return;
    cursor v = cursor_sub(&c, t.len);
    if (!cursor_ok(&c)) return;
    char *dst = NULL;
    switch (op->bacnet.property) {
    case PROP_VENDOR_NAME: dst = d->vendor; break;
    case PROP_MODEL_NAME: dst = d->model; break;
    case PROP_FIRMWARE_REVISION: dst = d->firmware; break;
    case PROP_APPLICATION_SOFTWARE_VERSION: dst = d->software; break;
    case PROP_OBJECT_NAME: dst = d->name; break;
    case PROP_VENDOR_IDENTIFIER:
        if (t.number != 2) return;
        d->vendor_id = read_unsigned(&v, t.len);
        d->has_vendor_id = cursor_ok(&v);
        break;
    case PROP_OBJECT_IDENTIFIER: {
        if (t.number != 12) return;
        uint32_t oid = read_unsigned(&v, t.len);
        if (!cursor_ok(&v) || oid >> 22 != BACNET_OBJECT_DEVICE) return;
        d->instance = oid & 0x3fffff;
        d->has_instance = true;
        break;
    }
    default: return;
    }
    if (dst) {
        if (t.number != 7) return;
        char_string(v, dst, BACNET_TEXT_MAX);
        if (!dst[0]) return;
    }
    if (op->bacnet.instance != BACNET_WILDCARD_INSTANCE && !d->has_instance) {
        d->instance = op->bacnet.instance;
        d->has_instance = true;
    }
    d->any = true;
    d->dir = (uint8_t)dir;
}

static bool parse_complex_ack(bacnet_state *st, net_dir dir, uint8_t service, cursor *c, obs_ics_op *op)
{
    switch (service) {
    case 12: {
        if (!object_property(c, op)) return false;
        cursor value = *c;
        bacnet_tag t;
        if (!read_tag(&value, &t) || !t.opening || t.number != 3) { c->bad = true; return false; }
        note_device_property(st, dir, op, value);
        return skip_to_end(c);
    }
    case 14:
        return expect_unsigned(c, 0, true, &(uint32_t){ 0 }) && skip_to_end(c);
    default:
        return skip_to_end(c);
    }
}

/* Error (clause 21): class and code as application enumerations, inside an
 * opening tag for the services whose errors are constructed. */
static bool parse_error(cursor *c, obs_ics_op *op)
{
    bool wrapped = false;
    cursor p = *c;
    bacnet_tag t;
    if (read_tag(&p, &t) && t.opening && t.number == 0) { *c = p; wrapped = true; }
    uint32_t cls, code;
    if (!expect_unsigned(c, 9, false, &cls) || !expect_unsigned(c, 9, false, &code)) return false;
    op->bacnet.has_error = true;
    op->bacnet.error_class = cls;
    op->bacnet.error_code = code;
    op->exception_code = (uint8_t)(code > 255 ? 255 : code);
    if (wrapped && (!expect_closing(c, 0) || !skip_to_end(c))) return false;
    return cursor_left(c) == 0;
}

/* ---- pairing -------------------------------------------------------- */

static void remember_request(bacnet_state *st, net_dir dir, uint8_t invoke, uint8_t service, const obs_ics_op *op)
{
    bacnet_request *r = &st->pending[st->next_pending];
    st->next_pending = (uint8_t)((st->next_pending + 1) % BACNET_PENDING_MAX);
    memset(r, 0, sizeof *r);
    r->used = true;
    r->invoke = invoke;
    r->service = service;
    r->dir = (uint8_t)dir;
    r->has_object = op->bacnet.has_object;
    r->has_property = op->bacnet.has_property;
    r->object_type = op->bacnet.object_type;
    r->instance = op->bacnet.instance;
    r->property = op->bacnet.property;
}

/* The newest request with this invoke id sent the other way (and, when the
 * answer names one, the same service). */
static bacnet_request *find_request(bacnet_state *st, net_dir dir, uint8_t invoke, int service)
{
    for (int k = 1; k <= BACNET_PENDING_MAX; k++) {
        bacnet_request *r = &st->pending[(st->next_pending + BACNET_PENDING_MAX - k) % BACNET_PENDING_MAX];
        if (!r->used || r->invoke != invoke || r->dir == (uint8_t)dir) continue;
        if (service >= 0 && r->service != service) continue;
        return r;
    }
    return NULL;
}

static void pair_answer(bacnet_state *st, net_dir dir, uint8_t invoke, int service, bool final, obs_ics_op *op)
{
    bacnet_request *r = find_request(st, dir, invoke, service);
    if (!r) return;
    op->paired = true;
    if (!op->bacnet.has_object && r->has_object) {
        op->bacnet.has_object = true;
        op->bacnet.object_type = r->object_type;
        op->bacnet.instance = r->instance;
        op->has_range = true;
        op->address = (uint32_t)r->object_type << 22 | r->instance;
        op->quantity = 1;
    }
    if (!op->bacnet.has_property && r->has_property) set_property(op, r->property);
    /* an answer to a write or control request is one too */
    if (service >= 0) classify_confirmed(r->service, op);
    if (final) r->used = false;
}

/* ---- APDU (clause 20.1) --------------------------------------------- */

static void apdu_set(obs_ics_op *op, uint16_t function, const char *name, uint8_t type, bool response)
{
    op->function = function;
    op->function_name = name;
    op->bacnet.pdu_type = type;
    op->is_response = response;
}

static void parse_apdu(bacnet_state *st, const proto_ctx *ctx, net_dir dir, cursor c, obs_ics_op *op)
{
    uint8_t b0 = cursor_u8(&c), type = b0 >> 4;
    bool segmented = (b0 & 0x08) != 0;
    switch (type) {
    case BACNET_PDU_CONFIRMED: {
        cursor_skip(&c, 1);          /* max segments, max APDU accepted */
        uint8_t invoke = cursor_u8(&c);
        uint8_t seq = 0;
        if (segmented) { seq = cursor_u8(&c); cursor_skip(&c, 1); }
        uint8_t service = cursor_u8(&c);
        if (!cursor_ok(&c)) { apdu_set(op, BACNET_FN_APDU + type, "confirmed_request", type, false); op->malformed = true; return; }
        apdu_set(op, service, bacnet_confirmed_name(service), type, false);
        op->transaction = invoke;
        classify_confirmed(service, op);
        if (!segmented || seq == 0) {
            op->malformed = !parse_confirmed_request(service, &c, op) && !segmented;
            remember_request(st, dir, invoke, service, op);   /* once, at the first segment */
        }
        return;
    }
    case BACNET_PDU_UNCONFIRMED: {
        uint8_t service = cursor_u8(&c);
        if (!cursor_ok(&c)) { apdu_set(op, BACNET_FN_APDU + type, "unconfirmed_request", type, false); op->malformed = true; return; }
        apdu_set(op, (uint16_t)(BACNET_FN_UNCONFIRMED + service), bacnet_unconfirmed_name(service), type, false);
        classify_unconfirmed(service, op);
        op->malformed = !parse_unconfirmed(ctx, dir, service, &c, op);
        return;
    }
    case BACNET_PDU_SIMPLE_ACK: case BACNET_PDU_COMPLEX_ACK: case BACNET_PDU_ERROR: {
        uint8_t invoke = cursor_u8(&c), seq = 0;
        bool more = type == BACNET_PDU_COMPLEX_ACK && (b0 & 0x04);
        if (type == BACNET_PDU_COMPLEX_ACK && segmented) { seq = cursor_u8(&c); cursor_skip(&c, 1); }
        uint8_t service = cursor_u8(&c);
        if (!cursor_ok(&c)) {
            static const char *const n[] = { [2] = "simple_ack", [3] = "complex_ack", [5] = "error" };
            apdu_set(op, BACNET_FN_APDU + type, n[type], type, true);
            op->malformed = true;
            return;
        }
        apdu_set(op, service, bacnet_confirmed_name(service), type, true);
        op->transaction = invoke;
        pair_answer(st, dir, invoke, service, !more, op);
        if (type == BACNET_PDU_SIMPLE_ACK) op->malformed = cursor_left(&c) != 0;
        else if (type == BACNET_PDU_ERROR) { op->exception = true; op->malformed = !parse_error(&c, op); }
        else if (!segmented || seq == 0) op->malformed = !parse_complex_ack(st, dir, service, &c, op) && !segmented;
        return;
    }
    case BACNET_PDU_SEGMENT_ACK:
        apdu_set(op, BACNET_FN_APDU + type, "segment_ack", type, true);
        op->transaction = cursor_u8(&c);
        cursor_skip(&c, 2);          /* sequence number, actual window */
        op->malformed = !cursor_ok(&c) || cursor_left(&c) != 0;
        return;
    case BACNET_PDU_REJECT: case BACNET_PDU_ABORT: {
        apdu_set(op, BACNET_FN_APDU + type, type == BACNET_PDU_REJECT ? "reject" : "abort", type, true);
        uint8_t invoke = cursor_u8(&c);
        op->transaction = invoke;
        op->exception = true;
        op->exception_code = cursor_u8(&c);   /* reject or abort reason */
        op->malformed = !cursor_ok(&c) || cursor_left(&c) != 0;
        if (cursor_ok(&c)) pair_answer(st, dir, invoke, -1, true, op);
        return;
    }
    default:
        apdu_set(op, BACNET_FN_APDU + type, "unknown_apdu", type, false);
        op->malformed = true;
        return;
    }
}

/* ---- NPDU (clause 6.2) ---------------------------------------------- */

static void classify_network_message(uint8_t type, cursor *c, obs_ics_op *op)
{
    switch (type) {
    case 0x01: case 0x07: case 0x13: op->is_response = true; break;
    case 0x03:                       /* reject: reason, then the network */
        op->is_response = true;
        op->exception = true;
        op->exception_code = cursor_peek_u8(c, 0);
        break;
    case 0x06:                       /* with ports it rewrites the routing table; none is a query */
        if (cursor_peek_u8(c, 0) > 0) op->is_write = true;
        break;
    case 0x08: case 0x09: case 0x0e: case 0x0f: case 0x11:
        op->is_write = true;
        break;
    default: break;
    }
}

static void parse_npdu(bacnet_state *st, const proto_ctx *ctx, net_dir dir, cursor c, obs_ics_op *op)
{
    uint8_t version = cursor_u8(&c), control = cursor_u8(&c);
    if (control & 0x20) {            /* DNET, DLEN, DADR */
        op->unit_id = cursor_be16(&c);
        cursor_skip(&c, cursor_u8(&c));
    }
    if (control & 0x08) {            /* SNET, SLEN, SADR */
        cursor_skip(&c, 2);
        uint8_t slen = cursor_u8(&c);
        if (slen == 0) c.bad = true; /* a source address is never empty */
        cursor_skip(&c, slen);
    }
    if (control & 0x20) cursor_skip(&c, 1);   /* hop count */
    bool bad_header = !cursor_ok(&c) || version != 0x01;
    if (control & 0x80) {
        uint8_t type = cursor_u8(&c);
        if (type >= 0x80) cursor_skip(&c, 2);  /* vendor id */
        op->function = (uint16_t)(BACNET_FN_NETWORK + type);
        op->function_name = bacnet_network_message_name(type);
        op->malformed = bad_header || !cursor_ok(&c);
        if (!op->malformed) classify_network_message(type, &c, op);
        return;
    }
    if (bad_header) {
        op->function = BACNET_FN_APDU + 0xff;
        op->function_name = "bad_npdu";
        op->malformed = true;
        return;
    }
    parse_apdu(st, ctx, dir, c, op);
}

/* ---- BVLC (Annex J.2) ----------------------------------------------- */

static void classify_bvlc(uint8_t function, obs_ics_op *op)
{
    switch (function) {
    case 0x00: case 0x03: case 0x07: op->is_response = true; break;
    case 0x01: case 0x05: case 0x08: op->is_write = true; break;   /* BDT and FDT changes */
    default: break;
    }
}

static void bacnet_datagram(bacnet_state *st, const proto_ctx *ctx, net_dir dir, const uint8_t *data, size_t len)
{
    cursor c = cursor_make(data, len);
    uint8_t type = cursor_u8(&c), function = cursor_u8(&c);
    uint16_t blen = cursor_be16(&c);
    if (!cursor_ok(&c) || type != BACNET_BVLC_TYPE) return;   /* not BACnet/IP: nothing to say */

    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_ICS_OP;
    obs_ics_op *op = &o.u.ics;
    op->protocol = "bacnet";
    /* A length that disagrees with the datagram is flagged, and the datagram
     * decides: some stacks (and test generators) leave a stale length. */
    cursor body = cursor_make(data + 4, len - 4);

    switch (function) {
    case 0x04:                       /* Forwarded-NPDU: the originator's B/IP address first */
        cursor_skip(&body, 6);
        /* fall through */
    case 0x09: case 0x0a: case 0x0b:
        if (!cursor_ok(&body)) {
            op->function = (uint16_t)(BACNET_FN_BVLC + function);
            op->function_name = bacnet_bvlc_name(function);
            op->malformed = true;
            break;
        }
        parse_npdu(st, ctx, dir, body, op);
        break;
    case 0x00:
        op->function = BACNET_FN_BVLC + function;
        op->function_name = bacnet_bvlc_name(function);
        op->exception_code = (uint8_t)cursor_be16(&body);   /* result code: 0 success, else a NAK */
        op->exception = op->exception_code != 0;
        op->malformed = !cursor_ok(&body) || cursor_left(&body) != 0;
        break;
    default:
        op->function = (uint16_t)(BACNET_FN_BVLC + function);
        op->function_name = bacnet_bvlc_name(function);
        op->malformed = function > 0x0c;
        break;
    }
    classify_bvlc(function, op);
    if (blen != len) op->malformed = true;
    proto_emit(ctx, dir, &o);
}

static void bacnet_parse_to_server(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    bacnet_datagram(state, ctx, NET_DIR_TO_SERVER, data, len);
}

static void bacnet_parse_to_client(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    bacnet_datagram(state, ctx, NET_DIR_TO_CLIENT, data, len);
}

/* Datagrams carry no stream state: a gap loses nothing to resync. */
static void bacnet_gap(void *state, const proto_ctx *ctx, net_dir dir, uint32_t len)
{
    (void)state; (void)ctx; (void)dir; (void)len;
}

/* The device object's own account (vendor-name, model-name, firmware...)
 * read over the flow becomes one identity. */
static void bacnet_end(void *state, const proto_ctx *ctx)
{
    bacnet_state *st = state;
    bacnet_device_text *d = &st->device;
    if (!d->any || !(d->vendor[0] || d->model[0] || d->firmware[0] || d->software[0])) return;
    char unknown[40];
    const char *vendor = d->vendor[0] ? d->vendor : NULL;
    if (!vendor && d->has_vendor_id) {
        vendor = bacnet_vendor_name(d->vendor_id);
        if (!vendor) { snprintf(unknown, sizeof unknown, "BACnet vendor %u", (unsigned)d->vendor_id); vendor = unknown; }
    }
    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_IDENTITY;
    obs_identity *id = &o.u.identity;
    id->protocol = "bacnet";
    id->unit_id = d->has_instance ? d->instance : BACNET_WILDCARD_INSTANCE;
    id->vendor = vendor;
    id->model = d->model[0] ? d->model : NULL;
    id->product = id->model;
    id->firmware = d->firmware[0] ? d->firmware : (d->software[0] ? d->software : NULL);
    id->name = d->name[0] ? d->name : NULL;
    id->device_type = "device";
    proto_emit(ctx, (net_dir)d->dir, &o);
    d->any = false;
}

/* Content probe: BVLC type 0x81, a defined function, the length equal to
 * the datagram, and for NPDU carriers NPDU version 1. */
static proto_probe_result bacnet_probe(const uint8_t *data, size_t len, net_dir dir)
{
    (void)dir;
    if (len < 4) return len == 0 || data[0] == BACNET_BVLC_TYPE ? PROTO_PROBE_NEED_MORE : PROTO_PROBE_NO;
    if (data[0] != BACNET_BVLC_TYPE || data[1] > 0x0c) return PROTO_PROBE_NO;
    size_t blen = (size_t)(data[2] << 8 | data[3]);
    size_t npdu = data[1] == 0x04 ? 10 : (data[1] >= 0x09 && data[1] <= 0x0b) ? 4 : 0;
    if (!npdu) return blen == len ? PROTO_PROBE_YES : PROTO_PROBE_NO;
    /* NPDU carriers: version 1 and a control octet without its reserved
     * bits; then a stale BVLC length is tolerated, as the parser does */
    if (len < npdu + 2 || data[npdu] != 0x01 || (data[npdu + 1] & 0x50)) return PROTO_PROBE_NO;
    return blen == len || blen >= npdu + 2 ? PROTO_PROBE_YES : PROTO_PROBE_NO;
}

const proto_parser proto_bacnet = {
    .name = "bacnet",
    .transport = 17,
    .ports = { BACNET_PORT },
    .state_size = sizeof(bacnet_state),
    .probe = bacnet_probe,
    .parse_to_server = bacnet_parse_to_server,
    .parse_to_client = bacnet_parse_to_client,
    .gap = bacnet_gap,
    .end = bacnet_end,
};
