/* cotp.c - TPKT (RFC 1006) and COTP class 0 (ISO 8073) framing of one
 * direction of a stream: any segmentation, DT TPDUs joined up to EOT in a
 * bounded buffer, whole TPKTs handed over in place when nothing is pending. */
#include "net/proto/cotp.h"
#include <string.h>
#include "core/cursor.h"

static size_t tpkt_len(const uint8_t *h) { return (size_t)(h[2] << 8 | h[3]); }

bool cotp_header_valid(const uint8_t *h)
{
    if (h[0] != 3 || h[1] != 0) return false;
    size_t len = tpkt_len(h);
    uint8_t li = h[4], type = h[5] & 0xf0;
    if (len < COTP_HDR_PEEK || li < 2 || (size_t)li + 5 > len) return false;
    switch (type) {
    case COTP_DT: return li == 2;                     /* class 0/1 data: no references */
    case COTP_CR: case COTP_CC: case COTP_DR: return li >= 6;
    case COTP_DC: case COTP_AK: case COTP_RJ: case COTP_ER: case COTP_ED: case COTP_EA: return true;
    default: return false;
    }
}

void cotp_reset(cotp_half *h)
{
    h->hdr_fill = 0;
    h->lost = false;
    h->truncated = false;
    h->skip_hdr = 0;
    h->payload_left = 0;
    h->pdu_fill = 0;
}

static void cotp_lose(cotp_half *h)
{
    cotp_reset(h);
    h->lost = true;
}

static void start_tpdu(cotp_half *h, const cotp_sink *sink)
{
    h->type = h->hdr[5] & 0xf0;
    h->eot = (h->hdr[6] & 0x80) != 0;
    h->skip_hdr = (uint16_t)(h->hdr[4] - 2);
    h->payload_left = (uint16_t)(tpkt_len(h->hdr) - 5 - h->hdr[4]);
    if (h->type != COTP_DT && sink->tpdu) sink->tpdu(sink->user, h->type);
}

static void end_tpdu(cotp_half *h, const cotp_sink *sink)
{
    h->hdr_fill = 0;
    if (h->type != COTP_DT || !h->eot) return;
    sink->pdu(sink->user, h->pdu, h->pdu_fill, h->truncated);
    h->pdu_fill = 0;
    h->truncated = false;
}

void cotp_feed(cotp_half *h, const cotp_sink *sink, const uint8_t *data, size_t len)
{
    if (h->lost) cotp_reset(h);
    cursor in = cursor_make(data, len);
    while (cursor_left(&in) > 0) {
        size_t left = cursor_left(&in);
        if (h->hdr_fill < COTP_HDR_PEEK) {
            if (h->hdr_fill == 0 && h->pdu_fill == 0 && !h->truncated && left >= COTP_HDR_PEEK) {
                const uint8_t *p = cursor_ptr(&in);
                if (!cotp_header_valid(p)) { cotp_lose(h); return; }
                size_t tl = tpkt_len(p);
                if ((p[5] & 0xf0) == COTP_DT && (p[6] & 0x80) && left >= tl) {
                    cursor whole = cursor_sub(&in, tl);
                    cursor_skip(&whole, COTP_HDR_PEEK);
                    sink->pdu(sink->user, cursor_ptr(&whole), cursor_left(&whole), false);
                    continue;
                }
            }
            size_t take = COTP_HDR_PEEK - h->hdr_fill;
            if (take > left) take = left;
            cursor_copy(&in, h->hdr + h->hdr_fill, take);
            h->hdr_fill = (uint8_t)(h->hdr_fill + take);
            if (h->hdr_fill < COTP_HDR_PEEK) return;
            if (!cotp_header_valid(h->hdr)) { cotp_lose(h); return; }
            start_tpdu(h, sink);
            if (h->skip_hdr == 0 && h->payload_left == 0) end_tpdu(h, sink);
            continue;
        }
        if (h->skip_hdr) {
            size_t take = h->skip_hdr < left ? h->skip_hdr : left;
            cursor_skip(&in, take);
            h->skip_hdr = (uint16_t)(h->skip_hdr - take);
        } else {
            size_t take = h->payload_left < left ? h->payload_left : left;
            if (h->type == COTP_DT) {
                size_t room = COTP_PDU_MAX - h->pdu_fill, keep = take < room ? take : room;
                cursor part = cursor_sub(&in, take);
                cursor_copy(&part, h->pdu + h->pdu_fill, keep);
                h->pdu_fill = (uint16_t)(h->pdu_fill + keep);
                if (keep < take) h->truncated = true;
            } else {
                cursor_skip(&in, take);
            }
            h->payload_left = (uint16_t)(h->payload_left - take);
        }
        if (h->skip_hdr == 0 && h->payload_left == 0) end_tpdu(h, sink);
    }
}
