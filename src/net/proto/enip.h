/* enip.h - EtherNet/IP encapsulation (CIP Networks Library Vol. 2, ch. 2-3):
 * commands, common packet format item types, and the parsers for TCP and
 * UDP 44818 and for CIP I/O on UDP 2222. */
#ifndef SW_NET_PROTO_ENIP_H
#define SW_NET_PROTO_ENIP_H
#include <stdbool.h>
#include <stdint.h>

#define ENIP_PORT 44818
#define CIP_IO_PORT 2222
#define ENIP_HEADER_LEN 24       /* command, length, session, status, context, options */
#define ENIP_BUF 600             /* a gathered PDU: the largest unconnected message and more */
#define ENIP_PENDING_MAX 16      /* outstanding requests remembered per flow */

enum {
    ENIP_CMD_NOP = 0x0000, ENIP_CMD_LIST_SERVICES = 0x0004, ENIP_CMD_LIST_IDENTITY = 0x0063,
    ENIP_CMD_LIST_INTERFACES = 0x0064, ENIP_CMD_REGISTER_SESSION = 0x0065,
    ENIP_CMD_UNREGISTER_SESSION = 0x0066, ENIP_CMD_SEND_RR_DATA = 0x006f,
    ENIP_CMD_SEND_UNIT_DATA = 0x0070, ENIP_CMD_INDICATE_STATUS = 0x0072, ENIP_CMD_CANCEL = 0x0073,
};
enum {
    CPF_NULL_ADDRESS = 0x0000, CPF_LIST_IDENTITY = 0x000c, CPF_CONNECTED_ADDRESS = 0x00a1,
    CPF_CONNECTED_DATA = 0x00b1, CPF_UNCONNECTED_DATA = 0x00b2, CPF_LIST_SERVICES = 0x0100,
    CPF_SOCKADDR_OT = 0x8000, CPF_SOCKADDR_TO = 0x8001, CPF_SEQUENCED_ADDRESS = 0x8002,
};

const char *enip_command_name(uint16_t command);   /* "unknown" when not a command */
bool enip_command_known(uint16_t command);

#endif
