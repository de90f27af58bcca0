/* dnp3.h - DNP3 (IEEE 1815) parts that tests and other code reuse: the
 * link-layer CRC, function code names and their write/control classes. */
#ifndef SW_NET_PROTO_DNP3_H
#define SW_NET_PROTO_DNP3_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "net/observe.h"

#define DNP3_PORT 20000
#define DNP3_LINK_HEADER 10      /* 0x0564, length, control, dst, src, CRC */
#define DNP3_LINK_USER_MAX 250   /* length 255 less control and addresses */
#define DNP3_LINK_MAX 292        /* header + 250 user bytes + 16 block CRCs */
#define DNP3_APP_KEEP 256        /* bytes of each application fragment kept for decoding */

enum {
    DNP3_FC_CONFIRM = 0x00, DNP3_FC_READ = 0x01, DNP3_FC_WRITE = 0x02,
    DNP3_FC_SELECT = 0x03, DNP3_FC_OPERATE = 0x04, DNP3_FC_DIRECT_OPERATE = 0x05,
    DNP3_FC_DIRECT_OPERATE_NR = 0x06, DNP3_FC_IMMED_FREEZE = 0x07, DNP3_FC_IMMED_FREEZE_NR = 0x08,
    DNP3_FC_FREEZE_CLEAR = 0x09, DNP3_FC_FREEZE_CLEAR_NR = 0x0a, DNP3_FC_FREEZE_AT_TIME = 0x0b,
    DNP3_FC_FREEZE_AT_TIME_NR = 0x0c, DNP3_FC_COLD_RESTART = 0x0d, DNP3_FC_WARM_RESTART = 0x0e,
    DNP3_FC_INITIALIZE_DATA = 0x0f, DNP3_FC_INITIALIZE_APPL = 0x10, DNP3_FC_START_APPL = 0x11,
    DNP3_FC_STOP_APPL = 0x12, DNP3_FC_SAVE_CONFIG = 0x13, DNP3_FC_ENABLE_UNSOLICITED = 0x14,
    DNP3_FC_DISABLE_UNSOLICITED = 0x15, DNP3_FC_ASSIGN_CLASS = 0x16, DNP3_FC_DELAY_MEASURE = 0x17,
    DNP3_FC_RECORD_CURRENT_TIME = 0x18, DNP3_FC_OPEN_FILE = 0x19, DNP3_FC_CLOSE_FILE = 0x1a,
    DNP3_FC_DELETE_FILE = 0x1b, DNP3_FC_GET_FILE_INFO = 0x1c, DNP3_FC_AUTHENTICATE_FILE = 0x1d,
    DNP3_FC_ABORT_FILE = 0x1e, DNP3_FC_ACTIVATE_CONFIG = 0x1f, DNP3_FC_AUTHENTICATE_REQ = 0x20,
    DNP3_FC_AUTH_REQ_NO_ACK = 0x21,
    DNP3_FC_RESPONSE = 0x81, DNP3_FC_UNSOLICITED_RESPONSE = 0x82, DNP3_FC_AUTHENTICATE_RESP = 0x83,
};
/* Not a function code (those are one byte): a frame whose header or data
 * CRC failed is reported as a malformed operation under this number. */
#define DNP3_FC_CRC_ERROR 0x100

/* DNP3 CRC-16 (polynomial 0x3D65, reflected, complemented): the value sent
 * low byte first after each header and each 16-byte data block. */
uint16_t dnp3_crc(const uint8_t *data, size_t len);
const char *dnp3_function_name(uint16_t fc);
/* Sets is_write / is_control for a request's function code. */
void dnp3_classify(uint8_t fc, obs_ics_op *op);

#endif
