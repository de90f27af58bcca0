/* stream.c - line -> sentence -> assembled bits -> ais_msg (see stream.h). */
#include "ais/stream.h"
#include <string.h>

void ais_stream_init(ais_stream *s)
{
    memset(s, 0, sizeof *s);
}

static void meta_from(ais_meta *meta, const ais_sentence *se, uint64_t first, uint64_t last, uint8_t n)
{
    meta->line_first = first;
    meta->line_last = last;
    meta->has_time = se->has_time;
    meta->time_ms = se->time_ms;
    meta->channel = se->channel;
    memcpy(meta->talker, se->talker, sizeof meta->talker);
    meta->own = se->own;
    meta->sentences = n;
    memcpy(meta->source, se->source, sizeof meta->source);
}

static void slot_free(ais_stream *s, ais_frag_slot *sl)
{
    sl->used = false;
    s->nslots_used--;
}

/* Drops partial messages that are too old to be completed. */
static void expire_slots(ais_stream *s, const ais_sentence *se)
{
    for (unsigned i = 0; i < AIS_FRAG_SLOTS && s->nslots_used; i++) {
        ais_frag_slot *sl = &s->slots[i];
        if (!sl->used) continue;
        bool old = s->line_no - sl->last_line > AIS_FRAG_MAX_LINES;
        if (!old && sl->has_time && se->has_time) {
            int64_t d = se->time_ms - sl->time_ms;
            old = d > AIS_FRAG_MAX_SECONDS * 1000 || d < -AIS_FRAG_MAX_SECONDS * 1000;
        }
        if (old) {
            s->stats.frag_timed_out++;
            slot_free(s, sl);
        }
    }
}

static ais_frag_slot *find_slot(ais_stream *s, const ais_sentence *se)
{
    for (unsigned i = 0; i < AIS_FRAG_SLOTS; i++) {
        ais_frag_slot *sl = &s->slots[i];
        if (!sl->used) continue;
        if (se->has_group) {
            if (sl->by_group && sl->group_id == se->group_id && sl->total == se->total) return sl;
        } else if (!sl->by_group && sl->channel == se->channel && sl->seqid == se->seqid &&
                   sl->total == se->total && strcmp(sl->head.source, se->source) == 0) {
            /* Merged feeds: the tag block station (s:) separates receivers. */
            return sl;
        }
    }
    /* Some receivers tag only the first sentence of a group: match the
     * rest by channel and sequence id. */
    if (!se->has_group && se->seqid >= 0) {
        for (unsigned i = 0; i < AIS_FRAG_SLOTS; i++) {
            ais_frag_slot *sl = &s->slots[i];
            if (sl->used && sl->by_group && sl->channel == se->channel && sl->seqid == se->seqid &&
                sl->total == se->total)
                return sl;
        }
    }
    return NULL;
}

static ais_frag_slot *new_slot(ais_stream *s)
{
    ais_frag_slot *oldest = NULL;
    for (unsigned i = 0; i < AIS_FRAG_SLOTS; i++) {
        ais_frag_slot *sl = &s->slots[i];
        if (!sl->used) { s->nslots_used++; return sl; }
        if (!oldest || sl->last_line < oldest->last_line) oldest = sl;
    }
    s->stats.frag_evicted++;
    return oldest;       /* reused in place: nslots_used unchanged */
}

static bool decode_bits(ais_stream *s, ais_msg *out, char channel)
{
    ais24_queue *q = &s->q24[channel == 'B' || channel == '2'];
    ais_status st = ais_decode(&s->bits, out, q);
    if (st != AIS_OK) {
        s->stats.decode_error[st < 4 ? st : 0]++;
        return false;
    }
    s->stats.messages++;
    if (out->type < 28) s->stats.by_type[out->type]++;
    return true;
}

bool ais_stream_line(ais_stream *s, const char *line, size_t len, ais_msg *out, ais_meta *meta)
{
    ais_sentence se;
    s->line_no++;
    s->stats.lines++;
    ais_line_kind k = ais_parse_line(line, len, &se);
    s->stats.line_kind[k]++;
    if (k == AIS_LINE_TIME) {
        s->pending_time = true;
        s->pending_time_ms = se.time_ms;
        return false;
    }
    if (k != AIS_LINE_SENTENCE) return false;
    if (!se.has_time && s->pending_time) {
        se.has_time = true;
        se.time_ms = s->pending_time_ms;
    }
    s->pending_time = false;
    /* A tag block group overrides the sentence's own numbering. */
    if (se.has_group && se.total == 1 && se.group_total > 1) {
        se.total = se.group_total;
        se.num = se.group_num;
    }

    if (se.total == 1) {
        ais_bits_reset(&s->bits);
        if (!ais_bits_append(&s->bits, se.payload, se.payload_len, se.fill)) {
            s->stats.bad_payload++;
            return false;
        }
        meta_from(meta, &se, s->line_no, s->line_no, 1);
        return decode_bits(s, out, se.channel);
    }

    s->stats.fragments++;
    if (se.payload_len > AIS_FRAG_CHARS) {
        s->stats.bad_payload++;
        return false;
    }
    if (s->nslots_used) expire_slots(s, &se);
    ais_frag_slot *sl = find_slot(s, &se);
    unsigned bit = 1u << (se.num - 1);
    if (sl && !(sl->mask & bit) && sl->used_chars + se.payload_len > AIS_FRAG_CHARS) {
        /* Longer than any message can be: drop it whole (its remaining
         * fragments start a partial that times out). */
        s->stats.bad_payload++;
        slot_free(s, sl);
        return false;
    }
    if (sl && (sl->mask & bit)) {
        /* A repeated fragment number: the earlier message lost its other
         * parts and this is a new one with a recycled sequence id. */
        s->stats.frag_restarted++;
        slot_free(s, sl);
        sl = NULL;
    }
    if (!sl) {
        sl = new_slot(s);
        memset(sl, 0, offsetof(ais_frag_slot, chars));
        sl->used = true;
        sl->channel = se.channel;
        sl->seqid = se.seqid;
        sl->total = se.total;
        sl->by_group = se.has_group;
        sl->group_id = se.group_id;
        sl->first_line = s->line_no;
        sl->head = se;
        sl->head.payload = NULL;
        sl->head.payload_len = 0;
    }
    if (se.num == 1) {
        /* The first sentence carries the tag block time and source. */
        sl->head = se;
        sl->head.payload = NULL;
        sl->head.payload_len = 0;
    }
    if (!sl->has_time && se.has_time) { sl->has_time = true; sl->time_ms = se.time_ms; }
    sl->last_line = s->line_no;
    unsigned idx = se.num - 1u;
    sl->off[idx] = sl->used_chars;
    sl->len[idx] = (uint16_t)se.payload_len;
    sl->fill[idx] = se.fill;
    memcpy(sl->chars + sl->used_chars, se.payload, se.payload_len);
    sl->used_chars = (uint16_t)(sl->used_chars + se.payload_len);
    sl->mask |= (uint16_t)bit;
    sl->have++;
    if (sl->have < sl->total) return false;

    ais_bits_reset(&s->bits);
    bool ok = true;
    for (unsigned i = 0; i < sl->total && ok; i++)
        ok = ais_bits_append(&s->bits, sl->chars + sl->off[i], sl->len[i], sl->fill[i]);
    ais_sentence head = sl->head;
    if (!head.has_time && sl->has_time) { head.has_time = true; head.time_ms = sl->time_ms; }
    if (!head.talker[0]) memcpy(head.talker, se.talker, sizeof head.talker);
    uint64_t first = sl->first_line;
    uint8_t total = sl->total;
    slot_free(s, sl);
    if (!ok) {
        s->stats.bad_payload++;
        return false;
    }
    meta_from(meta, &head, first, s->line_no, total);
    return decode_bits(s, out, head.channel ? head.channel : se.channel);
}

void ais_stream_finish(ais_stream *s)
{
    for (unsigned i = 0; i < AIS_FRAG_SLOTS; i++) {
        if (s->slots[i].used) {
            s->stats.frag_incomplete++;
            slot_free(s, &s->slots[i]);
        }
    }
}
