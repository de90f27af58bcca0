/* modbus.h - Modbus/TCP parts that tests and other parsers reuse: the PDU
 * decoder for one direction and the function code names. */
#ifndef SW_NET_PROTO_MODBUS_H
#define SW_NET_PROTO_MODBUS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/cursor.h"
#include "net/observe.h"

#define MODBUS_PORT 502
#define MODBUS_MBAP_LEN 7        /* transaction, protocol, length, unit */
#define MODBUS_ADU_MAX 260       /* MBAP + 253-byte PDU (spec section 4.1) */

enum {
    MODBUS_FC_READ_COILS = 1, MODBUS_FC_READ_DISCRETE_INPUTS = 2,
    MODBUS_FC_READ_HOLDING_REGISTERS = 3, MODBUS_FC_READ_INPUT_REGISTERS = 4,
    MODBUS_FC_WRITE_SINGLE_COIL = 5, MODBUS_FC_WRITE_SINGLE_REGISTER = 6,
    MODBUS_FC_READ_EXCEPTION_STATUS = 7, MODBUS_FC_DIAGNOSTICS = 8,
    MODBUS_FC_GET_COMM_EVENT_COUNTER = 11, MODBUS_FC_GET_COMM_EVENT_LOG = 12,
    MODBUS_FC_WRITE_MULTIPLE_COILS = 15, MODBUS_FC_WRITE_MULTIPLE_REGISTERS = 16,
    MODBUS_FC_REPORT_SERVER_ID = 17, MODBUS_FC_READ_FILE_RECORD = 20,
    MODBUS_FC_WRITE_FILE_RECORD = 21, MODBUS_FC_MASK_WRITE_REGISTER = 22,
    MODBUS_FC_READ_WRITE_MULTIPLE_REGISTERS = 23, MODBUS_FC_READ_FIFO_QUEUE = 24,
    MODBUS_FC_ENCAPSULATED_INTERFACE = 43, MODBUS_FC_UMAS = 90,
};
enum { MODBUS_MEI_CANOPEN = 13, MODBUS_MEI_READ_DEVICE_ID = 14 };

const char *modbus_function_name(uint8_t fc);
/* True for public and user-defined function codes (not for an exception). */
bool modbus_function_plausible(uint8_t fc);
/* Decodes the PDU after the function code of a request (to_server) or a
 * normal response into op: ranges, sub-functions, write/control class.
 * Returns false when the bytes do not fit the function's layout. */
bool modbus_parse_pdu(uint8_t fc, bool to_server, cursor *pdu, obs_ics_op *op);

#endif
