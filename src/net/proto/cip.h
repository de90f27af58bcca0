/* cip.h - Common Industrial Protocol messages as EtherNet/IP carries them:
 * EPATH request paths, service names and their write/control class, and the
 * request/reply decoder that turns one CIP message into OBS_ICS_OPs. */
#ifndef SW_NET_PROTO_CIP_H
#define SW_NET_PROTO_CIP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/cursor.h"
#include "net/proto/proto.h"

#define CIP_TAG_MAX 64           /* a symbolic path kept for an observation */
#define CIP_DEPTH_MAX 4          /* Unconnected Send / Multiple Service nesting */

enum {
    CIP_SC_GET_ATTRIBUTES_ALL = 0x01, CIP_SC_SET_ATTRIBUTES_ALL = 0x02,
    CIP_SC_GET_ATTRIBUTE_LIST = 0x03, CIP_SC_SET_ATTRIBUTE_LIST = 0x04,
    CIP_SC_RESET = 0x05, CIP_SC_START = 0x06, CIP_SC_STOP = 0x07,
    CIP_SC_CREATE = 0x08, CIP_SC_DELETE = 0x09, CIP_SC_MULTIPLE_SERVICE = 0x0a,
    CIP_SC_GET_ATTRIBUTE_SINGLE = 0x0e, CIP_SC_SET_ATTRIBUTE_SINGLE = 0x10,
    /* object-specific: Connection Manager (class 0x06) */
    CIP_SC_FORWARD_CLOSE = 0x4e, CIP_SC_UNCONNECTED_SEND = 0x52,
    CIP_SC_FORWARD_OPEN = 0x54, CIP_SC_LARGE_FORWARD_OPEN = 0x5b,
    /* object-specific: Logix tag services (symbolic paths, other classes) */
    CIP_SC_READ_TAG = 0x4c, CIP_SC_WRITE_TAG = 0x4d, CIP_SC_READ_MODIFY_WRITE_TAG = 0x4e,
    CIP_SC_READ_TAG_FRAGMENTED = 0x52, CIP_SC_WRITE_TAG_FRAGMENTED = 0x53,
};
enum {
    CIP_CLASS_IDENTITY = 0x01, CIP_CLASS_MESSAGE_ROUTER = 0x02,
    CIP_CLASS_CONNECTION_MANAGER = 0x06, CIP_CLASS_FILE = 0x37, CIP_CLASS_PCCC = 0x67,
};
#define CIP_REPLY_BIT 0x80
#define CIP_STATUS_PARTIAL 0x06  /* more data follows: not an error */

/* What a request path names. */
typedef struct cip_path {
    bool has_class, has_instance, has_attribute, has_connection_point, has_port;
    uint32_t class_id, instance, attribute, connection_point;
    uint16_t port;
    uint32_t link;               /* a port segment's link address (a slot), first byte */
    char tag[CIP_TAG_MAX];       /* symbolic segments joined by '.', members as [n] */
} cip_path;

/* The object of a request, kept to pair and name its reply. */
typedef struct cip_object {
    bool has_class, has_instance, has_attribute;
    uint8_t service;
    uint32_t class_id, instance, attribute;
} cip_object;

/* What the encapsulation layer remembers of a request: the request itself
 * and, for an Unconnected Send, the message it carries (whose reply comes
 * back in its place). */
typedef struct cip_request_memo {
    cip_object top, inner;
} cip_request_memo;

/* Where the ops of one message go and what they carry from the transport. */
typedef struct cip_emit {
    const proto_ctx *ctx;
    net_dir dir;
    uint32_t transaction;        /* sender context (low half) or sequence count */
    uint32_t unit_id;
} cip_emit;

/* Parses an EPATH of exactly the cursor's bytes. False on a reserved or
 * truncated segment; what was read before stays in `out`. */
bool cip_parse_epath(cursor c, cip_path *out);

const char *cip_service_name(uint8_t service, bool has_class, uint32_t class_id);
/* Sets is_write / is_control of a request (or a reply, from its request). */
void cip_classify(uint8_t service, bool has_class, uint32_t class_id, obs_ics_op *op);
const char *cip_vendor_name(uint16_t vendor_id);       /* NULL when not in the table */
const char *cip_device_type_name(uint16_t device_type); /* NULL when not in the table */

/* The Identity object's attributes 1..7 as Get_Attributes_All and a
 * ListIdentity item carry them (vendor, device type, product code,
 * revision, status, serial, product name) as an OBS_IDENTITY from the
 * server. False when they do not fit. */
bool cip_emit_identity(const cip_emit *em, const char *protocol, cursor attrs);

/* One CIP message (request when the service's reply bit is clear): an op
 * for it and for every message it embeds (Multiple Service Packet, Unconnected
 * Send). A request fills `memo` (may be NULL); a reply uses the paired
 * request's memo, or NULL when unpaired. */
void cip_parse_message(const cip_emit *em, cursor msg, cip_request_memo *memo, const cip_request_memo *request);

#endif
