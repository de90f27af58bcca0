/* iec104.h - IEC 60870-5-104 parts that tests reuse: APCI constants, the
 * function numbers of S- and U-frames, and the ASDU type names. */
#ifndef SW_NET_PROTO_IEC104_H
#define SW_NET_PROTO_IEC104_H
#include <stdbool.h>
#include <stdint.h>

#define IEC104_PORT 2404
#define IEC104_START 0x68
#define IEC104_APDU_MAX 255      /* start, length, up to 253 octets */

/* I-frames carry their ASDU's type id (1..255) as the function; the other
 * formats are numbered above it. */
enum {
    IEC104_FN_U = 0x100,         /* + U function bits >> 2: 1 STARTDT act, 2 con, 4 STOPDT act, 8 con, 16 TESTFR act, 32 con */
    IEC104_FN_S = 0x140,         /* S-format: receive sequence acknowledgement */
    IEC104_FN_NO_ASDU = 0x141,   /* an I-format APDU too short for a type id */
};

/* Causes of transmission (IEC 60870-5-101 7.2.3). */
enum {
    IEC104_COT_PERIODIC = 1, IEC104_COT_SPONTANEOUS = 3, IEC104_COT_INIT = 4, IEC104_COT_REQUEST = 5,
    IEC104_COT_ACT = 6, IEC104_COT_ACTCON = 7, IEC104_COT_DEACT = 8, IEC104_COT_DEACTCON = 9,
    IEC104_COT_ACTTERM = 10, IEC104_COT_FILE = 13, IEC104_COT_INROGEN = 20, IEC104_COT_REQCOGEN = 37,
    IEC104_COT_UNKNOWN_TYPE = 44, IEC104_COT_UNKNOWN_IOA = 47,
};

/* "M_SP_NA_1" ... for the defined type ids, "unknown" otherwise. */
const char *iec104_type_name(uint8_t type);
/* Octets of one information element (without its address) for a type id;
 * -1 when the type is undefined or its elements vary in length. */
int iec104_element_size(uint8_t type);
const char *iec104_u_name(uint8_t bits);

#endif
