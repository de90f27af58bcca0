/* cotp.h - ISO-on-TCP framing (TPKT, RFC 1006) and COTP class 0 (ISO 8073):
 * a streaming framer for one direction that gathers DT TPDUs into whole
 * user PDUs in a bounded buffer, for S7comm and anything else on port 102. */
#ifndef SW_NET_PROTO_COTP_H
#define SW_NET_PROTO_COTP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define COTP_TPKT_PORT 102
#define COTP_PDU_MAX 1024        /* S7 PDUs are negotiated up to 960 bytes */
#define COTP_HDR_PEEK 7          /* TPKT (4) + LI + type + DT's EOT/number */

enum {
    COTP_ED = 0x10, COTP_EA = 0x20, COTP_RJ = 0x50, COTP_AK = 0x60, COTP_ER = 0x70,
    COTP_DR = 0x80, COTP_DC = 0xc0, COTP_CC = 0xd0, COTP_CR = 0xe0, COTP_DT = 0xf0,
};

/* What the framer hands over: a whole user PDU (DT TPDUs up to EOT), or a
 * non-DT TPDU's type. `truncated`: the PDU outgrew COTP_PDU_MAX and only
 * its first COTP_PDU_MAX bytes are given. */
typedef struct cotp_sink {
    void (*pdu)(void *user, const uint8_t *data, size_t len, bool truncated);
    void (*tpdu)(void *user, uint8_t type);   /* optional: CR, CC, DR, ... */
    void *user;
} cotp_sink;

typedef struct cotp_half {
    uint8_t hdr[COTP_HDR_PEEK];
    uint8_t hdr_fill;
    uint8_t type;                /* of the TPDU being read */
    bool eot;
    bool lost;                   /* desynchronised: skip to the next delivery */
    bool truncated;
    uint16_t skip_hdr;           /* COTP header bytes beyond the peeked ones */
    uint16_t payload_left;       /* user-data bytes of the TPDU still to come */
    uint16_t pdu_fill;
    uint8_t pdu[COTP_PDU_MAX];
} cotp_half;

/* TPKT version 3, a length that holds a COTP header, and a known TPDU type
 * whose length indicator fits. `h` holds at least COTP_HDR_PEEK bytes. */
bool cotp_header_valid(const uint8_t *h);
void cotp_feed(cotp_half *h, const cotp_sink *sink, const uint8_t *data, size_t len);
/* Bytes were lost: drop the partial TPDU and PDU; the next delivery must
 * start a TPKT. */
void cotp_reset(cotp_half *h);

#endif
