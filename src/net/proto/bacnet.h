/* bacnet.h - BACnet/IP parts that tests reuse: the function numbering of
 * the operations the parser emits, service names and the vendor table. */
#ifndef SW_NET_PROTO_BACNET_H
#define SW_NET_PROTO_BACNET_H
#include <stdbool.h>
#include <stdint.h>

#define BACNET_PORT 47808        /* 0xBAC0 */
#define BACNET_BVLC_TYPE 0x81    /* BACnet/IP (Annex J) */

/* One number space for everything an operation can be: the confirmed
 * service choice itself, then ranges for the rest. */
enum {
    BACNET_FN_UNCONFIRMED = 0x100,   /* + unconfirmed service choice */
    BACNET_FN_NETWORK = 0x200,       /* + network layer message type */
    BACNET_FN_BVLC = 0x300,          /* + BVLC function without an NPDU */
    BACNET_FN_APDU = 0x400,          /* + APDU type that names no service: 4, 6, 7 */
};

enum {
    BACNET_PDU_CONFIRMED = 0, BACNET_PDU_UNCONFIRMED = 1, BACNET_PDU_SIMPLE_ACK = 2,
    BACNET_PDU_COMPLEX_ACK = 3, BACNET_PDU_SEGMENT_ACK = 4, BACNET_PDU_ERROR = 5,
    BACNET_PDU_REJECT = 6, BACNET_PDU_ABORT = 7,
};

enum {
    BACNET_SVC_READ_PROPERTY = 12, BACNET_SVC_READ_PROPERTY_MULTIPLE = 14,
    BACNET_SVC_WRITE_PROPERTY = 15, BACNET_SVC_WRITE_PROPERTY_MULTIPLE = 16,
    BACNET_SVC_DEVICE_COMMUNICATION_CONTROL = 17, BACNET_SVC_REINITIALIZE_DEVICE = 20,
};
enum { BACNET_USVC_I_AM = 0, BACNET_USVC_I_HAVE = 1, BACNET_USVC_WHO_HAS = 7, BACNET_USVC_WHO_IS = 8 };

const char *bacnet_confirmed_name(uint8_t service);
const char *bacnet_unconfirmed_name(uint8_t service);
const char *bacnet_network_message_name(uint8_t type);
const char *bacnet_bvlc_name(uint8_t function);
/* The ASHRAE vendor identifier's name, or NULL when not in the table. */
const char *bacnet_vendor_name(uint32_t vendor_id);

#endif
