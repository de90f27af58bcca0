/* proto.h - application message builders, one group per proto_*.c file.
 * Profiles, scenarios and the unit tests share them, so the framing a
 * test pins is the framing the capture carries. */
#ifndef SW_SIM_PROTO_H
#define SW_SIM_PROTO_H
#include <stddef.h>
#include <stdint.h>
#include "sim/buf.h"

/* Modbus/TCP (Modbus Messaging on TCP/IP Implementation Guide v1.0b). */
enum { MODBUS_READ_COILS = 1, MODBUS_READ_HOLDING = 3, MODBUS_WRITE_SINGLE = 6, MODBUS_WRITE_MULTIPLE = 16 };
void modbus_read_request(sim_buf *b, uint16_t tid, uint8_t unit, uint8_t fc, uint16_t addr, uint16_t qty);
void modbus_read_response(sim_buf *b, uint16_t tid, uint8_t unit, uint8_t fc, uint16_t qty, const uint16_t *values);
void modbus_write_multiple_request(sim_buf *b, uint16_t tid, uint8_t unit, uint16_t addr, uint16_t qty, const uint16_t *values);
void modbus_write_multiple_response(sim_buf *b, uint16_t tid, uint8_t unit, uint16_t addr, uint16_t qty);

/* DNS (RFC 1035): one A question; answer 0 gives NOERROR with no data. */
void dns_query(sim_buf *b, uint16_t id, const char *name, uint16_t qtype);
void dns_response(sim_buf *b, uint16_t id, const char *name, uint16_t qtype, uint32_t answer_v4, uint32_t ttl);

#endif
