/* ipfrag.h - IPv4 and IPv6 fragment reassembly in a bounded table.
 * Every buffer is allocated once from the configuration; a hostile stream
 * of fragments can only evict older sets, never grow memory. */
#ifndef SW_NET_IPFRAG_H
#define SW_NET_IPFRAG_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/ipaddr.h"
#include "core/timeutil.h"

typedef struct ipfrag_config {
    uint32_t max_sets;           /* datagrams under reassembly at once */
    uint32_t max_datagram;       /* bytes of fragmentable payload per datagram */
    sw_time_us timeout;          /* an incomplete set is dropped after this */
} ipfrag_config;

#define IPFRAG_DEFAULT_MAX_SETS 256
#define IPFRAG_DEFAULT_MAX_DATAGRAM 65535
#define IPFRAG_DEFAULT_TIMEOUT (30 * SW_US_PER_SEC)

typedef struct ipfrag_stats {
    uint64_t fragments, reassembled, overlaps, conflicts, too_big, evicted, timed_out, bad;
} ipfrag_stats;

/* What one fragment identifies: addresses, IP id and protocol (RFC 791,
 * RFC 8200 section 4.5). For IPv6, proto is the fragment header's next header. */
typedef struct ipfrag_key {
    ip_addr src, dst;
    uint32_t id;
    uint8_t proto;
    uint16_t vlan;
} ipfrag_key;

/* The outcome of adding one fragment. */
typedef enum ipfrag_result {
    IPFRAG_HELD,        /* stored; the datagram is not complete */
    IPFRAG_COMPLETE,    /* out and out_len hold the whole payload */
    IPFRAG_DROPPED,     /* invalid or over a cap: see the flags */
} ipfrag_result;

/* Bits reported for the fragment just added (and counted in stats). */
enum {
    IPFRAG_F_OVERLAP = 1, IPFRAG_F_CONFLICT = 2, IPFRAG_F_TOO_BIG = 4,
    IPFRAG_F_EVICTED = 8, IPFRAG_F_BAD = 16,
};

typedef struct ipfrag_table ipfrag_table;

ipfrag_table *ipfrag_create(const ipfrag_config *cfg);
void ipfrag_destroy(ipfrag_table *t);
/* Adds the payload of one fragment at byte offset `offset`; `more` is the MF
 * flag. On IPFRAG_COMPLETE, *out points into the table and stays valid until
 * the next call on this table. *flags receives IPFRAG_F_* bits. */
ipfrag_result ipfrag_add(ipfrag_table *t, const ipfrag_key *key, sw_time_us now,
                         uint32_t offset, bool more, const uint8_t *data, uint32_t len,
                         const uint8_t **out, uint32_t *out_len, unsigned *flags);
/* Drops sets older than the timeout; returns how many. */
uint32_t ipfrag_expire(ipfrag_table *t, sw_time_us now);
uint32_t ipfrag_active(const ipfrag_table *t);
const ipfrag_stats *ipfrag_get_stats(const ipfrag_table *t);
void ipfrag_config_default(ipfrag_config *cfg);

#endif
