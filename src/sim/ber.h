/* ber.h - a BER writer (X.690 definite lengths) for the simulator's LDAP and
 * SNMP builders: open a TLV, fill it, close it; lengths made minimal on close. */
#ifndef SW_SIM_BER_H
#define SW_SIM_BER_H
#include <stddef.h>
#include <stdint.h>
#include "sim/buf.h"

size_t sim_ber_open(sim_buf *b, uint8_t tag);          /* returns where the contents start */
void sim_ber_close(sim_buf *b, size_t content_at);
void sim_ber_string(sim_buf *b, uint8_t tag, const char *s);
void sim_ber_small_int(sim_buf *b, uint8_t tag, uint8_t v);
void sim_ber_uint(sim_buf *b, uint8_t tag, uint32_t v);   /* INTEGER, TimeTicks, Counter32, ... */
void sim_ber_oid(sim_buf *b, const char *dotted);         /* "1.3.6.1.2.1.1.1.0" */

#endif
