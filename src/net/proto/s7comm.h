/* s7comm.h - S7comm (protocol id 0x32) and S7comm-Plus (0x72) parts that
 * tests and the two decoders share: codes, names and the S7comm-Plus PDU
 * decoder the S7comm parser calls for 0x72 PDUs on the same connection. */
#ifndef SW_NET_PROTO_S7COMM_H
#define SW_NET_PROTO_S7COMM_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "net/observe.h"

#define S7COMM_PROTOCOL_ID 0x32
#define S7PLUS_PROTOCOL_ID 0x72

enum { S7_ROSCTR_JOB = 1, S7_ROSCTR_ACK = 2, S7_ROSCTR_ACK_DATA = 3, S7_ROSCTR_USERDATA = 7 };

enum {
    S7_FC_CPU_SERVICES = 0x00, S7_FC_READ_VAR = 0x04, S7_FC_WRITE_VAR = 0x05,
    S7_FC_REQUEST_DOWNLOAD = 0x1a, S7_FC_DOWNLOAD_BLOCK = 0x1b, S7_FC_DOWNLOAD_ENDED = 0x1c,
    S7_FC_START_UPLOAD = 0x1d, S7_FC_UPLOAD = 0x1e, S7_FC_END_UPLOAD = 0x1f,
    S7_FC_PI_SERVICE = 0x28, S7_FC_PLC_STOP = 0x29, S7_FC_SETUP_COMMUNICATION = 0xf0,
};

/* Userdata PDUs are counted under function 0x40 | function group, so they
 * share the one-byte function space with job functions without colliding. */
#define S7_FC_USERDATA_BASE 0x40
enum {
    S7_GRP_MODE_TRANSITION = 0, S7_GRP_PROGRAMMER = 1, S7_GRP_CYCLIC = 2, S7_GRP_BLOCK = 3,
    S7_GRP_CPU = 4, S7_GRP_SECURITY = 5, S7_GRP_PBC = 6, S7_GRP_TIME = 7, S7_GRP_NC = 0xf,
};
enum { S7_SZL_MODULE_ID = 0x11, S7_SZL_COMPONENT_ID = 0x1c };

enum {
    S7PLUS_OP_REQUEST = 0x31, S7PLUS_OP_RESPONSE = 0x32, S7PLUS_OP_NOTIFICATION = 0x33,
    S7PLUS_OP_RESPONSE2 = 0x02,
};
enum {
    S7PLUS_FC_ERROR = 0x04b1, S7PLUS_FC_EXPLORE = 0x04bb, S7PLUS_FC_CREATE_OBJECT = 0x04ca,
    S7PLUS_FC_DELETE_OBJECT = 0x04d4, S7PLUS_FC_SET_VARIABLE = 0x04f2, S7PLUS_FC_GET_VARIABLE = 0x04fc,
    S7PLUS_FC_ADD_LINK = 0x0506, S7PLUS_FC_REMOVE_LINK = 0x051a, S7PLUS_FC_GET_LINK = 0x0524,
    S7PLUS_FC_SET_MULTI_VARIABLES = 0x0542, S7PLUS_FC_GET_MULTI_VARIABLES = 0x054c,
    S7PLUS_FC_BEGIN_SEQUENCE = 0x0556, S7PLUS_FC_END_SEQUENCE = 0x0560, S7PLUS_FC_INVOKE = 0x056b,
    S7PLUS_FC_SET_VAR_SUBSTREAMED = 0x057c, S7PLUS_FC_GET_VAR_SUBSTREAMED = 0x0586,
    S7PLUS_FC_GET_VARIABLES_ADDRESS = 0x0590, S7PLUS_FC_ABORT = 0x059a,
};
/* Object ids (RIDs) and attribute ids the classification needs. */
enum {
    S7PLUS_RID_SERVER_SESSION_CONTAINER = 285,   /* CreateObject here opens a session */
    S7PLUS_RID_CPU_EXEC_UNIT = 52,
    S7PLUS_AID_OPERATING_STATE_REQ = 2167,       /* on the CPU exec unit: RUN/STOP */
};
#define S7PLUS_SESSION_ID_MIN 0x70000000u         /* session objects live above this */

const char *s7comm_function_name(uint8_t function);
const char *s7comm_userdata_group_name(uint8_t group);
const char *s7plus_function_name(uint16_t function);

/* Decodes the first (or only) fragment of an S7comm-Plus PDU into op:
 * version, opcode, function, sequence number, session, integrity part and
 * the write/control class. Returns false when the header does not fit. */
bool s7plus_parse_pdu(const uint8_t *data, size_t len, obs_ics_op *op);
/* True when the PDU ends with the 4-byte trailer (72 vv 00 00) that marks
 * the last (or only) fragment of a message. */
bool s7plus_has_trailer(const uint8_t *data, size_t len);

#endif
