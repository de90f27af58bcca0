/* tcp_reasm.c - the reassembly policy. Bytes already delivered are never
 * rewritten and buffered bytes win over later copies (first wins), so a
 * retransmission cannot change what a parser saw; overlaps are counted. */
#include "net/tcp_reasm.h"
#include <stdlib.h>
#include <string.h>

typedef struct tcp_chunk {
    uint32_t seq;
    uint32_t next;
    uint16_t len;
    uint8_t data[TCP_CHUNK_DATA];
} tcp_chunk;

struct tcp_reasm {
    tcp_reasm_config cfg;
    tcp_chunk *chunks;
    uint32_t nchunks, free_head;
    uint32_t next_fresh;         /* chunks below this index have been used */
    tcp_reasm_stats stats;
};

/* Sequence numbers compare modulo 2^32 (RFC 793 section 3.3). */
static inline int32_t seq_diff(uint32_t a, uint32_t b) { return (int32_t)(a - b); }

void tcp_reasm_config_default(tcp_reasm_config *cfg)
{
    cfg->memcap = TCP_REASM_DEFAULT_MEMCAP;
    cfg->stream_cap = TCP_REASM_DEFAULT_STREAM_CAP;
    cfg->max_ahead = TCP_REASM_DEFAULT_MAX_AHEAD;
}

tcp_reasm *tcp_reasm_create(const tcp_reasm_config *cfg)
{
    tcp_reasm *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->cfg = *cfg;
    if (r->cfg.max_ahead == 0 || r->cfg.max_ahead > 0x40000000u) r->cfg.max_ahead = 0x40000000u;
    size_t n = cfg->memcap / sizeof(tcp_chunk);
    if (n > UINT32_MAX - 1) n = UINT32_MAX - 1;
    r->nchunks = (uint32_t)n;
    if (n) {
        r->chunks = calloc(n, sizeof *r->chunks);   /* pages are committed only when used */
        if (!r->chunks) { free(r); return NULL; }
    }
    r->free_head = TCP_CHUNK_NONE;
    return r;
}

void tcp_reasm_destroy(tcp_reasm *r)
{
    if (!r) return;
    free(r->chunks);
    free(r);
}

void tcp_stream_init(tcp_stream *s)
{
    memset(s, 0, sizeof *s);
    s->ooo_head = TCP_CHUNK_NONE;
}

static void chunk_free(tcp_reasm *r, tcp_stream *s, uint32_t i)
{
    r->chunks[i].next = r->free_head;
    r->free_head = i;
    r->stats.chunks_in_use--;
    s->ooo_bytes -= TCP_CHUNK_DATA;
}

static void deliver(tcp_reasm *r, tcp_stream *s, const uint8_t *data, uint32_t len, const tcp_delivery *d)
{
    s->next_seq += len;
    r->stats.bytes_delivered += len;
    if (d && d->data) d->data(d->user, data, len);
}

static void deliver_gap(tcp_reasm *r, tcp_stream *s, uint32_t len, const tcp_delivery *d)
{
    s->next_seq += len;
    r->stats.gaps++;
    r->stats.gap_bytes += len;
    if (d && d->gap) d->gap(d->user, len);
}

/* Delivers buffered chunks that have become contiguous with next_seq. */
static void drain(tcp_reasm *r, tcp_stream *s, const tcp_delivery *d)
{
    while (s->ooo_head != TCP_CHUNK_NONE) {
        uint32_t i = s->ooo_head;
        tcp_chunk *c = &r->chunks[i];
        int32_t rel = seq_diff(c->seq, s->next_seq);
        if (rel > 0) break;
        s->ooo_head = c->next;
        int32_t fresh = (int32_t)c->len + rel;   /* bytes of this chunk beyond next_seq */
        if (fresh > 0) deliver(r, s, c->data + (c->len - fresh), (uint32_t)fresh, d);
        chunk_free(r, s, i);
    }
}

/* Skips every hole: delivers all that is buffered, gaps first. */
static void skip_holes(tcp_reasm *r, tcp_stream *s, const tcp_delivery *d)
{
    while (s->ooo_head != TCP_CHUNK_NONE) {
        int32_t rel = seq_diff(r->chunks[s->ooo_head].seq, s->next_seq);
        if (rel > 0) deliver_gap(r, s, (uint32_t)rel, d);
        drain(r, s, d);
    }
}

/* Buffers [seq, seq+len) into the sorted chunk list, keeping bytes that are
 * already buffered (first wins). Returns false when a cap stops it; what
 * was inserted before that stays. */
static bool buffer_segment(tcp_reasm *r, tcp_stream *s, uint32_t seq, const uint8_t *data, uint32_t len)
{
    uint32_t prev = TCP_CHUNK_NONE, cur = s->ooo_head;
    bool overlapped = false;
    while (len > 0) {
        while (cur != TCP_CHUNK_NONE && seq_diff(r->chunks[cur].seq + r->chunks[cur].len, seq) <= 0) {
            prev = cur;
            cur = r->chunks[cur].next;
        }
        if (cur != TCP_CHUNK_NONE && seq_diff(r->chunks[cur].seq, seq) <= 0) {
            uint32_t covered = r->chunks[cur].seq + r->chunks[cur].len - seq;
            if (covered > len) covered = len;
            overlapped = true;
            seq += covered; data += covered; len -= covered;
            continue;
        }
        uint32_t n = len < TCP_CHUNK_DATA ? len : TCP_CHUNK_DATA;
        if (cur != TCP_CHUNK_NONE && (uint32_t)seq_diff(r->chunks[cur].seq, seq) < n)
            n = (uint32_t)seq_diff(r->chunks[cur].seq, seq);
        if (s->ooo_bytes + TCP_CHUNK_DATA > r->cfg.stream_cap) { r->stats.stream_cap_hits++; return false; }
        uint32_t i;
        if (r->free_head != TCP_CHUNK_NONE) { i = r->free_head; r->free_head = r->chunks[i].next; }
        else if (r->next_fresh < r->nchunks) i = r->next_fresh++;
        else { r->stats.memcap_hits++; return false; }
        tcp_chunk *c = &r->chunks[i];
        if (++r->stats.chunks_in_use > r->stats.chunks_peak) r->stats.chunks_peak = r->stats.chunks_in_use;
        s->ooo_bytes += TCP_CHUNK_DATA;
        c->seq = seq;
        c->len = (uint16_t)n;
        memcpy(c->data, data, n);
        c->next = cur;
        if (prev == TCP_CHUNK_NONE) s->ooo_head = i; else r->chunks[prev].next = i;
        prev = i;
        seq += n; data += n; len -= n;
    }
    if (overlapped) r->stats.overlaps++;
    return true;
}

/* Delivers a segment at its place: trims what was already delivered, and
 * when it starts beyond next_seq, declares the bytes before it a gap. */
static void deliver_at(tcp_reasm *r, tcp_stream *s, uint32_t seq, const uint8_t *data, uint32_t len,
                       const tcp_delivery *d)
{
    int32_t rel = seq_diff(seq, s->next_seq);
    if (rel < 0) {
        uint32_t old = (0u - (uint32_t)rel);
        if (old >= len) return;
        data += old; len -= old;
        rel = 0;
    }
    if (rel > 0) deliver_gap(r, s, (uint32_t)rel, d);
    deliver(r, s, data, len, d);
    drain(r, s, d);
}

void tcp_reasm_segment(tcp_reasm *r, tcp_stream *s, uint32_t seq, uint8_t flags,
                       const uint8_t *data, uint32_t len, const tcp_delivery *d)
{
    const uint8_t SYN = 0x02, FIN = 0x01, RST = 0x04;
    r->stats.segments++;
    if (flags & SYN) {
        seq += 1;                          /* the SYN occupies one sequence number */
        if (!s->started) { s->next_seq = seq; s->started = true; }
    }
    if (flags & FIN) s->fin = true;
    if (len == 0 || (flags & RST)) return;   /* RST payloads are diagnostics, not stream data */
    if (!s->started) { s->next_seq = seq; s->started = true; }   /* picked up mid-stream */

    int32_t rel = seq_diff(seq, s->next_seq);
    if (rel < 0) {
        if ((0u - (uint32_t)rel) >= len) { r->stats.retransmissions++; return; }
        r->stats.overlaps++;
    }
    if (rel <= 0) {
        r->stats.in_order++;
        deliver_at(r, s, seq, data, len, d);
        return;
    }
    if ((uint32_t)rel > r->cfg.max_ahead) { r->stats.out_of_window++; return; }
    r->stats.out_of_order++;
    if (buffer_segment(r, s, seq, data, len)) return;
    /* A cap was hit: stop waiting for the hole, hand over what is buffered,
     * then this segment (its buffered part is trimmed as already delivered). */
    skip_holes(r, s, d);
    deliver_at(r, s, seq, data, len, d);
}

void tcp_reasm_peer_ack(tcp_reasm *r, tcp_stream *s, uint32_t ack, const tcp_delivery *d)
{
    while (s->ooo_head != TCP_CHUNK_NONE) {
        uint32_t first = r->chunks[s->ooo_head].seq;
        int32_t hole = seq_diff(first, s->next_seq);
        if (hole <= 0 || seq_diff(ack, first) < 0) return;
        deliver_gap(r, s, (uint32_t)hole, d);
        drain(r, s, d);
    }
}

void tcp_reasm_flush(tcp_reasm *r, tcp_stream *s, const tcp_delivery *d)
{
    skip_holes(r, s, d);
}

void tcp_reasm_release(tcp_reasm *r, tcp_stream *s)
{
    while (s->ooo_head != TCP_CHUNK_NONE) {
        uint32_t i = s->ooo_head;
        s->ooo_head = r->chunks[i].next;
        chunk_free(r, s, i);
    }
}

const tcp_reasm_stats *tcp_reasm_get_stats(const tcp_reasm *r) { return &r->stats; }
