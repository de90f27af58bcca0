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

/* S7comm over ISO-on-TCP: TPKT (RFC 1006) + COTP (ISO 8073) + S7 header.
 * rosctr: 1 Job, 3 Ack_Data. Filenames are the 9-byte "_0800001P" form. */
enum { S7_JOB = 1, S7_ACK_DATA = 3 };
void s7_cotp_connect_request(sim_buf *b, uint16_t src_ref, uint16_t dst_tsap);
void s7_cotp_connect_confirm(sim_buf *b, uint16_t dst_ref, uint16_t src_ref, uint16_t dst_tsap);
void s7_setup_comm(sim_buf *b, uint8_t rosctr, uint16_t pduref, uint16_t pdu_len);
void s7_read_var_request(sim_buf *b, uint16_t pduref, uint16_t db, uint32_t start, uint16_t nbytes);
void s7_read_var_response(sim_buf *b, uint16_t pduref, const uint8_t *data, uint16_t nbytes);
void s7_write_var_request(sim_buf *b, uint16_t pduref, uint16_t db, uint32_t start, const uint8_t *data, uint16_t nbytes);
void s7_write_var_response(sim_buf *b, uint16_t pduref);
void s7_plc_stop(sim_buf *b, uint8_t rosctr, uint16_t pduref);
void s7_request_download(sim_buf *b, uint16_t pduref, const char filename[9], uint32_t load_len, uint32_t mc7_len);
void s7_download_block(sim_buf *b, uint16_t pduref, const char filename[9]);          /* PLC -> PG job */
void s7_download_block_data(sim_buf *b, uint16_t pduref, const uint8_t *data, uint16_t n);
void s7_download_ended(sim_buf *b, uint16_t pduref, const char filename[9]);          /* PLC -> PG job */
void s7_ack_function(sim_buf *b, uint16_t pduref, uint8_t function);                   /* Ack_Data with the bare function code */

/* IEC 60870-5-104: APCI frames and one ASDU type. */
enum { IEC104_STARTDT_ACT = 0x07, IEC104_STARTDT_CON = 0x0b, IEC104_TESTFR_ACT = 0x43, IEC104_TESTFR_CON = 0x83 };
void iec104_u_frame(sim_buf *b, uint8_t function);
void iec104_s_frame(sim_buf *b, uint16_t nr);
/* I-frame with M_ME_NC_1 (type 13, short floats): n objects from ioa. */
void iec104_measurements(sim_buf *b, uint16_t ns, uint16_t nr, uint8_t cot, uint16_t common_addr,
                         uint32_t ioa, const float *values, uint8_t n);
/* I-frame with C_IC_NA_1 (type 100) general interrogation; cot 6 act, 7 actcon, 10 actterm. */
void iec104_interrogation(sim_buf *b, uint16_t ns, uint16_t nr, uint8_t cot, uint16_t common_addr);

/* TLS 1.3 as seen on the wire (RFC 8446): the clear handshake and opaque records. */
void tls_client_hello(sim_buf *b, prng *r, const char *sni);
void tls_server_hello(sim_buf *b, prng *r, const uint8_t session_id[32]);
void tls_change_cipher_spec(sim_buf *b);
void tls_app_data(sim_buf *b, prng *r, size_t n);     /* n bytes of records of at most 16 KiB */

/* NTP v4 (RFC 5905) client (mode 3) and server (mode 4) packets; times in us since 1970. */
void ntp_client(sim_buf *b, int64_t xmt_us);
void ntp_server(sim_buf *b, int64_t org_us, int64_t rec_us, int64_t xmt_us);

/* BACnet/IP (ASHRAE 135 Annex J): BVLC + NPDU + ReadProperty of present-value. */
void bacnet_read_property(sim_buf *b, uint8_t invoke_id, uint16_t object_type, uint32_t instance);
void bacnet_read_property_ack(sim_buf *b, uint8_t invoke_id, uint16_t object_type, uint32_t instance, float value);

/* EtherNet/IP encapsulation (ODVA vol. 2) with CIP Get_Attribute_Single. */
void enip_list_identity(sim_buf *b);
void enip_list_identity_reply(sim_buf *b, uint32_t ip, const char *product, uint32_t serial);
void enip_register_session(sim_buf *b, uint32_t handle);
void enip_get_attribute(sim_buf *b, uint32_t handle, uint64_t context, uint8_t class_id, uint8_t instance, uint8_t attribute);
void enip_get_attribute_reply(sim_buf *b, uint32_t handle, uint64_t context, const uint8_t *data, uint8_t n);

/* DHCP (RFC 2131/2132) DISCOVER as a fresh client broadcasts it. */
void dhcp_discover(sim_buf *b, uint32_t xid, uint16_t secs, const uint8_t mac[6], const char *hostname);

/* RDP connection start (MS-RDPBCGR 2.2.1.1/2.2.1.2): X.224 CR/CC with negotiation. */
void rdp_connection_request(sim_buf *b, const char *cookie_user, uint32_t protocols);
void rdp_connection_confirm(sim_buf *b, uint32_t selected);

/* Oracle Net (TNS): Connect with a connect descriptor, Accept, Data packets of n payload bytes. */
void tns_connect(sim_buf *b, const char *descriptor);
void tns_accept(sim_buf *b);
void tns_data(sim_buf *b, prng *r, size_t n);

/* DNP3 over TCP (IEEE 1815-2012): an application fragment as transport
 * segments of at most DNP3_SIM_SEGMENT bytes, each in a link frame with a
 * CRC after the header and after every 16 bytes of user data. */
#define DNP3_SIM_SEGMENT 249        /* link user data 250 less the transport header */
#define DNP3_SIM_FRAGMENT_MAX 2048
uint16_t dnp3_sim_crc(const uint8_t *p, size_t n);
void dnp3_frame_fragment(sim_buf *b, bool from_master, uint16_t dst, uint16_t src, uint8_t *transport_seq,
                         const uint8_t *app, size_t n);

#endif
