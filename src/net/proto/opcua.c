/* opcua.c - OPC UA binary (Part 6: UA TCP and UA Secure Conversation):
 * message framing, the channel's security policy (None flagged) and mode,
 * service type ids of unencrypted bodies, pairing, faults, server identity. */
#include "net/proto/opcua.h"
#include <stdio.h>
#include <string.h>
#include "core/cursor.h"
#include "net/proto/proto.h"

#define OPCUA_PENDING_MAX 16
#define OPCUA_POLICY_MAX 96
#define OPCUA_NONE_SUFFIX "#None"

typedef struct opcua_half {
    uint8_t buf[OPCUA_PREFIX_MAX];   /* the first bytes of the current message */
    uint32_t fill;                   /* bytes of it in buf */
    uint32_t size;                   /* the message's size, once its header is in */
    uint32_t skip;                   /* bytes of it still to pass over */
    bool lost;                       /* desynchronised: the next delivery must start a message */
    bool in_chunks;                  /* inside a message sent as several chunks */
    uint32_t chunk_request_id;
} opcua_half;

typedef struct opcua_request { bool used; uint8_t dir; uint32_t request_id, service; } opcua_request;

typedef struct opcua_state {
    opcua_half half[NET_DIR_COUNT];
    opcua_request pending[OPCUA_PENDING_MAX];
    uint8_t next_pending;
    /* the secure channel as OpenSecureChannel showed it */
    bool hello_seen;
    uint8_t policy_known;            /* 0 unseen, 1 None, 2 another policy */
    uint8_t security_mode;
    char policy[OPCUA_POLICY_MAX];
} opcua_state;

/* ---- names -------------------------------------------------------------- */

typedef struct service_info { uint16_t request, response; const char *name; } service_info;

/* Binary encoding ids (Part 4 services, Part 6 encodings): a response's id
 * is its request's plus 3, except for the later discovery services. */
static const service_info services[] = {
    { 422, 425, "FindServers" }, { 428, 431, "GetEndpoints" }, { 437, 440, "RegisterServer" },
    { 446, 449, "OpenSecureChannel" }, { 452, 455, "CloseSecureChannel" }, { 461, 464, "CreateSession" },
    { 467, 470, "ActivateSession" }, { 473, 476, "CloseSession" }, { 479, 482, "Cancel" }, { 488, 491, "AddNodes" },
    { 494, 497, "AddReferences" }, { 500, 503, "DeleteNodes" }, { 506, 509, "DeleteReferences" }, { 527, 530, "Browse" },
    { 533, 536, "BrowseNext" }, { 554, 557, "TranslateBrowsePathsToNodeIds" }, { 560, 563, "RegisterNodes" },
    { 566, 569, "UnregisterNodes" }, { 615, 618, "QueryFirst" }, { 621, 624, "QueryNext" }, { 631, 634, "Read" },
    { 664, 667, "HistoryRead" }, { 673, 676, "Write" }, { 700, 703, "HistoryUpdate" }, { 712, 715, "Call" },
    { 751, 754, "CreateMonitoredItems" }, { 763, 766, "ModifyMonitoredItems" }, { 769, 772, "SetMonitoringMode" },
    { 775, 778, "SetTriggering" }, { 781, 784, "DeleteMonitoredItems" }, { 787, 790, "CreateSubscription" },
    { 793, 796, "ModifySubscription" }, { 799, 802, "SetPublishingMode" }, { 826, 829, "Publish" }, { 832, 835, "Republish" },
    { 841, 844, "TransferSubscriptions" }, { 847, 850, "DeleteSubscriptions" }, { 12208, 12209, "FindServersOnNetwork" },
    { 12211, 12212, "RegisterServer2" },
};

const char *opcua_service_name(uint32_t id)
{
    static const char *const requests[] = {
        "FindServersRequest", "GetEndpointsRequest", "RegisterServerRequest", "OpenSecureChannelRequest",
        "CloseSecureChannelRequest", "CreateSessionRequest", "ActivateSessionRequest", "CloseSessionRequest",
        "CancelRequest", "AddNodesRequest", "AddReferencesRequest", "DeleteNodesRequest",
        "DeleteReferencesRequest", "BrowseRequest", "BrowseNextRequest", "TranslateBrowsePathsToNodeIdsRequest",
        "RegisterNodesRequest", "UnregisterNodesRequest", "QueryFirstRequest", "QueryNextRequest", "ReadRequest",
        "HistoryReadRequest", "WriteRequest", "HistoryUpdateRequest", "CallRequest", "CreateMonitoredItemsRequest",
        "ModifyMonitoredItemsRequest", "SetMonitoringModeRequest", "SetTriggeringRequest",
        "DeleteMonitoredItemsRequest", "CreateSubscriptionRequest", "ModifySubscriptionRequest",
        "SetPublishingModeRequest", "PublishRequest", "RepublishRequest", "TransferSubscriptionsRequest",
        "DeleteSubscriptionsRequest", "FindServersOnNetworkRequest", "RegisterServer2Request",
    };
    static const char *const responses[] = {
        "FindServersResponse", "GetEndpointsResponse", "RegisterServerResponse", "OpenSecureChannelResponse",
        "CloseSecureChannelResponse", "CreateSessionResponse", "ActivateSessionResponse", "CloseSessionResponse",
        "CancelResponse", "AddNodesResponse", "AddReferencesResponse", "DeleteNodesResponse",
        "DeleteReferencesResponse", "BrowseResponse", "BrowseNextResponse", "TranslateBrowsePathsToNodeIdsResponse",
        "RegisterNodesResponse", "UnregisterNodesResponse", "QueryFirstResponse", "QueryNextResponse", "ReadResponse",
        "HistoryReadResponse", "WriteResponse", "HistoryUpdateResponse", "CallResponse", "CreateMonitoredItemsResponse",
        "ModifyMonitoredItemsResponse", "SetMonitoringModeResponse", "SetTriggeringResponse",
        "DeleteMonitoredItemsResponse", "CreateSubscriptionResponse", "ModifySubscriptionResponse",
        "SetPublishingModeResponse", "PublishResponse", "RepublishResponse", "TransferSubscriptionsResponse",
        "DeleteSubscriptionsResponse", "FindServersOnNetworkResponse", "RegisterServer2Response",
    };
    _Static_assert(sizeof requests / sizeof requests[0] == sizeof services / sizeof services[0], "requests");
    _Static_assert(sizeof responses / sizeof responses[0] == sizeof services / sizeof services[0], "responses");
    if (id == OPCUA_SERVICE_FAULT) return "ServiceFault";
    for (size_t i = 0; i < sizeof services / sizeof services[0]; i++) {
        if (services[i].request == id) return requests[i];
        if (services[i].response == id) return responses[i];
    }
    return NULL;
}

uint32_t opcua_response_of(uint32_t request)
{
    for (size_t i = 0; i < sizeof services / sizeof services[0]; i++)
        if (services[i].request == request) return services[i].response;
    return 0;
}

bool opcua_service_is_response(uint32_t id)
{
    if (id == OPCUA_SERVICE_FAULT) return true;
    for (size_t i = 0; i < sizeof services / sizeof services[0]; i++)
        if (services[i].response == id) return true;
    return false;
}

/* ---- built-in types (Part 6 5.2.2) ---------------------------------------- */

/* String / ByteString: Int32 length, -1 for null. */
static bool ua_bytes(cursor *c, const uint8_t **p, uint32_t *n)
{
    int32_t len = (int32_t)cursor_le32(c);
    *p = NULL;
    *n = 0;
    if (!cursor_ok(c)) return false;
    if (len < 0) return true;
    if (!cursor_has(c, (size_t)len)) { c->bad = true; return false; }
    *p = cursor_ptr(c);
    *n = (uint32_t)len;
    cursor_skip(c, (size_t)len);
    return true;
}

typedef struct ua_nodeid { bool numeric; uint16_t ns; uint32_t id; } ua_nodeid;

static bool ua_read_nodeid(cursor *c, ua_nodeid *n)
{
    uint8_t enc = cursor_u8(c);
    const uint8_t *p;
    uint32_t len;
    n->numeric = false;
    n->ns = 0;
    n->id = 0;
    switch (enc & 0x3f) {
    case 0x00: n->numeric = true; n->id = cursor_u8(c); break;
    case 0x01: n->numeric = true; n->ns = cursor_u8(c); n->id = cursor_le16(c); break;
    case 0x02: n->numeric = true; n->ns = cursor_le16(c); n->id = cursor_le32(c); break;
    case 0x03: case 0x05: n->ns = cursor_le16(c); ua_bytes(c, &p, &len); break;
    case 0x04: n->ns = cursor_le16(c); cursor_skip(c, 16); break;
    default: c->bad = true; return false;
    }
    /* expanded node id flags: namespace URI, server index */
    if (enc & 0x80) ua_bytes(c, &p, &len);
    if (enc & 0x40) cursor_skip(c, 4);
    return cursor_ok(c);
}

static bool ua_skip_extension_object(cursor *c)
{
    ua_nodeid type;
    if (!ua_read_nodeid(c, &type)) return false;
    uint8_t enc = cursor_u8(c);
    if (enc == 1 || enc == 2) {
        const uint8_t *p;
        uint32_t n;
        ua_bytes(c, &p, &n);
    } else if (enc != 0) {
        c->bad = true;
    }
    return cursor_ok(c);
}

static bool ua_skip_diagnostic_info(cursor *c, int depth)
{
    if (depth > 4) { c->bad = true; return false; }
    uint8_t mask = cursor_u8(c);
    const uint8_t *p;
    uint32_t n;
    if (mask & 0x01) cursor_skip(c, 4);
    if (mask & 0x02) cursor_skip(c, 4);
    if (mask & 0x04) cursor_skip(c, 4);
    if (mask & 0x08) cursor_skip(c, 4);
    if (mask & 0x10) ua_bytes(c, &p, &n);
    if (mask & 0x20) cursor_skip(c, 4);
    if (mask & 0x40) ua_skip_diagnostic_info(c, depth + 1);
    return cursor_ok(c);
}

static bool ua_skip_request_header(cursor *c)
{
    ua_nodeid token;
    const uint8_t *p;
    uint32_t n;
    ua_read_nodeid(c, &token);
    cursor_skip(c, 8 + 4 + 4);       /* timestamp, request handle, return diagnostics */
    ua_bytes(c, &p, &n);             /* audit entry id */
    cursor_skip(c, 4);               /* timeout hint */
    return ua_skip_extension_object(c);
}

/* ResponseHeader: the service result, and what follows skipped. */
static bool ua_response_header(cursor *c, uint32_t *result)
{
    cursor_skip(c, 8 + 4);           /* timestamp, request handle */
    *result = cursor_le32(c);
    ua_skip_diagnostic_info(c, 0);
    int32_t strings = (int32_t)cursor_le32(c);
    for (int32_t i = 0; i < strings && cursor_ok(c); i++) {
        const uint8_t *p;
        uint32_t n;
        ua_bytes(c, &p, &n);
    }
    return ua_skip_extension_object(c);
}

/* ---- classification ------------------------------------------------------- */

static void classify(uint32_t request, obs_ics_op *op)
{
    switch (request) {
    case 673: case 700:                               /* Write, HistoryUpdate */
    case 488: case 494: case 500: case 506:           /* AddNodes/References, DeleteNodes/References */
    case 437: case 12211:                             /* RegisterServer(2): discovery configuration */
        op->is_write = true;
        break;
    case OPCUA_CALL:                                  /* methods: how a server exposes commands */
        op->is_control = true;
        break;
    default: break;
    }
}

/* The first node a Read, Write or Call names, when numeric, and the count. */
static void request_target(uint32_t service, cursor c, obs_ics_op *op)
{
    if (service == OPCUA_READ) cursor_skip(&c, 8 + 4);   /* max age, timestamps to return */
    int32_t count = (int32_t)cursor_le32(&c);
    if (!cursor_ok(&c) || count <= 0) return;
    ua_nodeid node;
    if (service == OPCUA_CALL && !ua_read_nodeid(&c, &node)) return;   /* the object: the method follows */
    if (!ua_read_nodeid(&c, &node) || !node.numeric) return;
    op->has_range = true;
    op->address = node.id;
    op->quantity = (uint32_t)count;
    op->unit_id = node.ns;
}

/* ---- identity: the server's ApplicationDescription ------------------------ */

static void copy_text(char *dst, size_t cap, const uint8_t *p, uint32_t n)
{
    size_t k = 0;
    for (uint32_t i = 0; p && i < n && k + 1 < cap; i++) dst[k++] = (char)(p[i] >= 0x20 && p[i] < 0x7f ? p[i] : '?');
    dst[k] = '\0';
}

/* ApplicationUri, ProductUri, ApplicationName (LocalizedText). */
static void emit_application(const proto_ctx *ctx, net_dir dir, cursor *c)
{
    const uint8_t *app, *product, *locale, *text = NULL;
    uint32_t app_n, product_n, locale_n, text_n = 0;
    ua_bytes(c, &app, &app_n);
    ua_bytes(c, &product, &product_n);
    uint8_t mask = cursor_u8(c);
    if (mask & 0x01) ua_bytes(c, &locale, &locale_n);
    if (mask & 0x02) ua_bytes(c, &text, &text_n);
    if (!cursor_ok(c) || (!app && !product)) return;
    char url[256], prod[256], name[256];
    copy_text(url, sizeof url, app, app_n);
    copy_text(prod, sizeof prod, product, product_n);
    copy_text(name, sizeof name, text, text_n);
    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_IDENTITY;
    o.u.identity.protocol = "opcua";
    o.u.identity.product = prod[0] ? prod : NULL;
    o.u.identity.name = name[0] ? name : NULL;
    o.u.identity.url = url[0] ? url : NULL;
    o.u.identity.device_type = "server";
    proto_emit(ctx, dir, &o);
}

/* GetEndpointsResponse: the first endpoint's server description;
 * FindServersResponse: the first server's. */
static void response_identity(const proto_ctx *ctx, net_dir dir, uint32_t service, cursor c)
{
    int32_t count = (int32_t)cursor_le32(&c);
    if (!cursor_ok(&c) || count <= 0) return;
    if (service == OPCUA_GET_ENDPOINTS + 3) {
        const uint8_t *p;
        uint32_t n;
        ua_bytes(&c, &p, &n);        /* endpoint URL */
    }
    emit_application(ctx, dir, &c);
}

/* ---- messages --------------------------------------------------------------- */

static void remember(opcua_state *st, net_dir dir, uint32_t request_id, uint32_t service)
{
    opcua_request *r = &st->pending[st->next_pending];
    st->next_pending = (uint8_t)((st->next_pending + 1) % OPCUA_PENDING_MAX);
    *r = (opcua_request){ true, (uint8_t)dir, request_id, service };
}

static void pair(opcua_state *st, net_dir dir, obs_ics_op *op)
{
    for (int k = 1; k <= OPCUA_PENDING_MAX; k++) {
        opcua_request *r = &st->pending[(st->next_pending + OPCUA_PENDING_MAX - k) % OPCUA_PENDING_MAX];
        if (!r->used || r->dir == (uint8_t)dir || r->request_id != op->transaction) continue;
        if (op->function != OPCUA_SERVICE_FAULT && op->function != opcua_response_of(r->service)) continue;
        r->used = false;
        op->paired = true;
        classify(r->service, op);    /* the answer to a write or a call is one too */
        return;
    }
}

static void set_type_only(obs_ics_op *op, uint16_t fn, const char *name)
{
    op->function = fn;
    op->function_name = name;
}

/* The body after the sequence header: a type id, then the request or
 * response. `trusted` is false when the channel may be encrypted: then only
 * a known service id is believed. */
static bool parse_body(opcua_state *st, const proto_ctx *ctx, net_dir dir, cursor c, bool trusted, obs_ics_op *op)
{
    ua_nodeid type;
    if (!ua_read_nodeid(&c, &type)) return false;
    const char *name = type.numeric && type.ns == 0 ? opcua_service_name(type.id) : NULL;
    if (!trusted && !name) return false;
    if (type.numeric && type.ns == 0 && type.id <= 0xffff) {
        op->function = (uint16_t)type.id;
        op->function_name = name ? name : "unknown_service";
    } else {
        op->function = OPCUA_FN_OTHER_SERVICE;
        op->function_name = "other_service";
    }
    op->is_response = name ? opcua_service_is_response(type.id) : dir == NET_DIR_TO_CLIENT;
    if (op->is_response) {
        uint32_t result = 0;
        bool ok = ua_response_header(&c, &result);
        op->opcua.status = result;
        if (op->function == OPCUA_SERVICE_FAULT || (result & 0x80000000u)) {
            op->exception = true;
            op->exception_code = (uint8_t)(result >> 24);
        }
        pair(st, dir, op);
        if (ok && (type.id == OPCUA_GET_ENDPOINTS + 3 || type.id == OPCUA_FIND_SERVERS + 3))
            response_identity(ctx, dir, type.id, c);
        op->malformed = !ok;
        return true;
    }
    classify(type.id, op);
    bool ok = ua_skip_request_header(&c);
    if (ok && type.id == OPCUA_OPEN_SECURE_CHANNEL) {
        cursor_skip(&c, 4 + 4);      /* client protocol version, request type */
        uint32_t mode = cursor_le32(&c);
        if (cursor_ok(&c) && mode >= 1 && mode <= 3) {
            op->opcua.security_mode = (uint8_t)mode;
            st->security_mode = (uint8_t)mode;
        }
    } else if (ok && (type.id == OPCUA_READ || type.id == OPCUA_WRITE || type.id == OPCUA_CALL)) {
        request_target(type.id, c, op);
    }
    remember(st, dir, op->transaction, type.id);
    op->malformed = !ok;
    return true;
}

static void opcua_message(opcua_state *st, const proto_ctx *ctx, net_dir dir, const uint8_t *msg, size_t n, uint32_t size)
{
    cursor c = cursor_make(msg, n);
    char type[4] = { 0 };
    cursor_copy(&c, type, 3);
    uint8_t chunk = cursor_u8(&c);
    cursor_skip(&c, 4);
    bool whole = n == size;          /* else only a prefix was kept */

    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_ICS_OP;
    obs_ics_op *op = &o.u.ics;
    op->protocol = "opcua";
    memcpy(op->opcua.message_type, type, 4);
    opcua_half *h = &st->half[dir];

    if (!strcmp(type, "HEL") || !strcmp(type, "ACK") || !strcmp(type, "ERR") || !strcmp(type, "RHE")) {
        const uint8_t *p;
        uint32_t len;
        if (type[0] == 'H') {
            set_type_only(op, OPCUA_FN_HEL, "HEL");
            cursor_skip(&c, 20);
            ua_bytes(&c, &p, &len);  /* endpoint URL */
        } else if (type[0] == 'A') {
            set_type_only(op, OPCUA_FN_ACK, "ACK");
            op->is_response = true;
            cursor_skip(&c, 20);
        } else if (type[0] == 'E') {
            set_type_only(op, OPCUA_FN_ERR, "ERR");
            op->is_response = true;
            op->exception = true;
            op->opcua.status = cursor_le32(&c);
            op->exception_code = (uint8_t)(op->opcua.status >> 24);
            ua_bytes(&c, &p, &len);  /* reason */
        } else {
            set_type_only(op, OPCUA_FN_RHE, "RHE");
            ua_bytes(&c, &p, &len);  /* server URI */
            ua_bytes(&c, &p, &len);  /* endpoint URL */
        }
        op->malformed = chunk != 'F' || !cursor_ok(&c) || (whole && cursor_left(&c) != 0);
        if (type[0] == 'H') st->hello_seen = true;
        if (type[0] == 'A' && st->hello_seen) { op->paired = true; st->hello_seen = false; }
        proto_emit(ctx, dir, &o);
        return;
    }

    uint16_t fn_type = type[0] == 'O' ? OPCUA_FN_OPN : type[0] == 'M' ? OPCUA_FN_MSG : OPCUA_FN_CLO;
    set_type_only(op, fn_type, type[0] == 'O' ? "OPN" : type[0] == 'M' ? "MSG" : "CLO");
    op->is_response = dir == NET_DIR_TO_CLIENT;
    cursor_skip(&c, 4);              /* secure channel id */
    bool trusted = st->policy_known == 1, policy_seen = false;
    if (fn_type == OPCUA_FN_OPN) {
        const uint8_t *uri, *p;
        uint32_t uri_n, n2;
        ua_bytes(&c, &uri, &uri_n);
        ua_bytes(&c, &p, &n2);       /* sender certificate */
        ua_bytes(&c, &p, &n2);       /* receiver thumbprint */
        if (uri) {
            policy_seen = true;
            copy_text(st->policy, sizeof st->policy, uri, uri_n);
            size_t sl = strlen(OPCUA_NONE_SUFFIX);
            bool none = uri_n >= sl && memcmp(uri + uri_n - sl, OPCUA_NONE_SUFFIX, sl) == 0;
            st->policy_known = none ? 1 : 2;
            if (none) st->security_mode = 1;
            trusted = none;
        }
    } else {
        cursor_skip(&c, 4);          /* token id */
    }
    if (!cursor_ok(&c)) {
        op->malformed = true;
    } else if (chunk == 'A') {
        /* an aborted message: sequence header, then error and reason */
        cursor_skip(&c, 8);
        op->exception = true;
        op->opcua.status = cursor_le32(&c);
        op->exception_code = (uint8_t)(op->opcua.status >> 24);
        h->in_chunks = false;
    } else {
        cursor_skip(&c, 4);          /* sequence number */
        uint32_t request_id = cursor_le32(&c);
        bool continuation = h->in_chunks && request_id == h->chunk_request_id;
        if (chunk == 'C') { h->in_chunks = true; h->chunk_request_id = request_id; }
        else h->in_chunks = false;
        if (continuation && cursor_ok(&c)) return;    /* the message was counted at its first chunk */
        op->transaction = request_id;
        if (!cursor_ok(&c) || !parse_body(st, ctx, dir, c, trusted, op)) {
            op->opcua.encrypted = true;
            op->transaction = 0;
        }
    }
    if (chunk != 'F' && chunk != 'C' && chunk != 'A') op->malformed = true;
    if (st->policy_known) {
        op->opcua.security_policy = st->policy;
        op->opcua.policy_none = st->policy_known == 1;
    }
    if (!op->opcua.security_mode) op->opcua.security_mode = st->security_mode;
    proto_emit(ctx, dir, &o);
    if (fn_type == OPCUA_FN_OPN && policy_seen && st->policy_known == 1) {
        /* no signing, no encryption: said once per OpenSecureChannel message
         * as its own operation, so that counts and detectors see it */
        op->function = OPCUA_FN_POLICY_NONE;
        op->function_name = "security_policy_none";
        op->is_response = op->paired = op->exception = op->malformed = false;
        proto_emit(ctx, dir, &o);
    }
}

/* ---- framing ---------------------------------------------------------------- */

static bool header_valid(const uint8_t *h, uint32_t *size)
{
    static const char *const types[] = { "HEL", "ACK", "ERR", "RHE", "OPN", "MSG", "CLO" };
    bool known = false;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) known |= memcmp(h, types[i], 3) == 0;
    *size = (uint32_t)h[4] | (uint32_t)h[5] << 8 | (uint32_t)h[6] << 16 | (uint32_t)h[7] << 24;
    if (!known || (h[3] != 'F' && h[3] != 'C' && h[3] != 'A')) return false;
    return *size >= OPCUA_HEADER_LEN + (h[0] == 'M' || h[0] == 'O' || h[0] == 'C' ? 4u : 0u) && *size <= OPCUA_MESSAGE_MAX;
}

/* Frames the stream into messages, keeping at most OPCUA_PREFIX_MAX bytes
 * of each (what decoding needs) and passing over the rest. A bad header
 * loses sync: the rest of the delivery is skipped, and the next delivery
 * must start a message. */
static void opcua_feed(opcua_state *st, const proto_ctx *ctx, net_dir dir, const uint8_t *data, size_t len)
{
    opcua_half *h = &st->half[dir];
    if (h->lost) { h->lost = false; h->fill = 0; h->skip = 0; }
    cursor in = cursor_make(data, len);
    while (cursor_left(&in) > 0) {
        if (h->skip) {
            size_t k = h->skip < cursor_left(&in) ? h->skip : cursor_left(&in);
            cursor_skip(&in, k);
            h->skip -= (uint32_t)k;
            continue;
        }
        if (h->fill == 0 && cursor_left(&in) >= OPCUA_HEADER_LEN) {
            const uint8_t *p = cursor_ptr(&in);
            uint32_t size;
            if (!header_valid(p, &size)) { h->lost = true; return; }
            size_t keep = size < OPCUA_PREFIX_MAX ? size : OPCUA_PREFIX_MAX;
            if (cursor_left(&in) >= keep) {          /* decodable in place */
                opcua_message(st, ctx, dir, p, keep, size);
                cursor_skip(&in, keep);
                h->skip = size - (uint32_t)keep;
                continue;
            }
        }
        size_t want;
        if (h->fill < OPCUA_HEADER_LEN) want = OPCUA_HEADER_LEN - h->fill;
        else want = (h->size < OPCUA_PREFIX_MAX ? h->size : OPCUA_PREFIX_MAX) - h->fill;
        size_t take = want < cursor_left(&in) ? want : cursor_left(&in);
        cursor_copy(&in, h->buf + h->fill, take);
        h->fill += (uint32_t)take;
        if (h->fill == OPCUA_HEADER_LEN && take > 0 && h->fill - take < OPCUA_HEADER_LEN) {
            if (!header_valid(h->buf, &h->size)) { h->fill = 0; h->lost = true; return; }
        }
        if (h->fill >= OPCUA_HEADER_LEN && h->fill == (h->size < OPCUA_PREFIX_MAX ? h->size : OPCUA_PREFIX_MAX)) {
            opcua_message(st, ctx, dir, h->buf, h->fill, h->size);
            h->skip = h->size - h->fill;
            h->fill = 0;
        }
    }
}

static void opcua_parse_to_server(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    opcua_feed(state, ctx, NET_DIR_TO_SERVER, data, len);
}

static void opcua_parse_to_client(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    opcua_feed(state, ctx, NET_DIR_TO_CLIENT, data, len);
}

/* Bytes lost inside a message's skipped tail keep sync; otherwise the
 * partial message is dropped and the next delivery must start one. */
static void opcua_gap(void *state, const proto_ctx *ctx, net_dir dir, uint32_t len)
{
    (void)ctx;
    opcua_half *h = &((opcua_state *)state)->half[dir];
    if (h->fill == 0 && h->skip >= len) { h->skip -= len; return; }
    h->fill = 0;
    h->skip = 0;
    h->in_chunks = false;
    h->lost = false;
}

/* Content probe: a known message type, a chunk type, a sane size; the
 * handshake messages only as final chunks. */
static proto_probe_result opcua_probe(const uint8_t *data, size_t len, net_dir dir)
{
    (void)dir;
    static const char *const types[] = { "HEL", "ACK", "ERR", "RHE", "OPN", "MSG", "CLO" };
    size_t cmp = len < 3 ? len : 3;
    bool prefix = false;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) prefix |= memcmp(data, types[i], cmp) == 0;
    if (!prefix) return PROTO_PROBE_NO;
    if (len < OPCUA_HEADER_LEN) return PROTO_PROBE_NEED_MORE;
    uint32_t size;
    if (!header_valid(data, &size)) return PROTO_PROBE_NO;
    bool handshake = data[0] == 'H' || data[0] == 'A' || data[0] == 'E' || data[0] == 'R';
    if (handshake && (data[3] != 'F' || size > 65536 || (data[0] == 'H' && size < 32))) return PROTO_PROBE_NO;
    return PROTO_PROBE_YES;
}

const proto_parser proto_opcua = {
    .name = "opcua",
    .transport = 6,
    .ports = { OPCUA_PORT },
    .state_size = sizeof(opcua_state),
    .probe = opcua_probe,
    .parse_to_server = opcua_parse_to_server,
    .parse_to_client = opcua_parse_to_client,
    .gap = opcua_gap,
};
