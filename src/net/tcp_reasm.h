/* tcp_reasm.h - per-direction TCP reassembly for parsers: in-order bytes
 * handed over without copying, out-of-order ones held in a capped fixed pool,
 * and a hole that will not fill skipped with an explicit gap notice. */
#ifndef SW_NET_TCP_REASM_H
#define SW_NET_TCP_REASM_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Buffered segments live in chunks of this many bytes; a segment is charged
 * whole chunks against the caps, so tiny segments cannot exceed them. */
#define TCP_CHUNK_DATA 1460

typedef struct tcp_reasm_config {
    size_t memcap;               /* bytes of chunk pool for every stream together */
    uint32_t stream_cap;         /* bytes one direction may hold out of order */
    uint32_t max_ahead;          /* a segment further ahead than this is ignored */
} tcp_reasm_config;

#define TCP_REASM_DEFAULT_MEMCAP (64u << 20)
#define TCP_REASM_DEFAULT_STREAM_CAP (1u << 20)
#define TCP_REASM_DEFAULT_MAX_AHEAD (16u << 20)

typedef struct tcp_stream {
    uint32_t next_seq;           /* the next byte the parser expects */
    uint32_t ooo_head;           /* first buffered chunk, or TCP_CHUNK_NONE */
    uint32_t ooo_bytes;          /* charged against stream_cap */
    bool started;                /* next_seq is known (SYN or first data) */
    bool fin;
} tcp_stream;

#define TCP_CHUNK_NONE UINT32_MAX

/* Where reassembled bytes go. A gap of `len` unknown bytes comes before the
 * next data, so the parser can drop partial state and resynchronise. */
typedef struct tcp_delivery {
    void (*data)(void *user, const uint8_t *data, size_t len);
    void (*gap)(void *user, uint32_t len);
    void *user;
} tcp_delivery;

typedef struct tcp_reasm_stats {
    uint64_t segments, in_order, out_of_order, retransmissions, overlaps;
    uint64_t gaps, gap_bytes, stream_cap_hits, memcap_hits, out_of_window;
    uint64_t bytes_delivered;
    uint32_t chunks_in_use, chunks_peak;
} tcp_reasm_stats;

typedef struct tcp_reasm tcp_reasm;

tcp_reasm *tcp_reasm_create(const tcp_reasm_config *cfg);
void tcp_reasm_destroy(tcp_reasm *r);
void tcp_reasm_config_default(tcp_reasm_config *cfg);
void tcp_stream_init(tcp_stream *s);
/* One segment of this direction: flags are the TCP flags (SYN sets the
 * initial sequence number; data on a SYN starts one byte later). */
void tcp_reasm_segment(tcp_reasm *r, tcp_stream *s, uint32_t seq, uint8_t flags,
                       const uint8_t *data, uint32_t len, const tcp_delivery *d);
/* The peer acknowledged `ack`: a buffered hole below it was on the wire but
 * is missing from the capture, so it is skipped now rather than at the cap. */
void tcp_reasm_peer_ack(tcp_reasm *r, tcp_stream *s, uint32_t ack, const tcp_delivery *d);
/* End of stream: everything buffered is delivered, holes as gaps. */
void tcp_reasm_flush(tcp_reasm *r, tcp_stream *s, const tcp_delivery *d);
/* Drops whatever is buffered without delivering it. */
void tcp_reasm_release(tcp_reasm *r, tcp_stream *s);
const tcp_reasm_stats *tcp_reasm_get_stats(const tcp_reasm *r);

#endif
