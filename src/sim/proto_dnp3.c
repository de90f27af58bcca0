/* proto_dnp3.c - DNP3 (IEEE 1815-2012) over TCP/20000 from the power SCADA
 * master to its outstations: startup (restart IIN, time sync), integrity and
 * event polls, unsolicited binary events, and SELECT/OPERATE of a breaker. */
#include <string.h>
#include "sim/plan.h"
#include "sim/proto.h"

/* ---- framing ---------------------------------------------------------------- */

/* CRC-16/DNP: polynomial 0x3D65 bit-reversed (0xA6BC), initial 0, result
 * complemented, sent low byte first. Written bitwise, apart from the
 * parser's table, so the unit test can hold one against the other. */
uint16_t dnp3_sim_crc(const uint8_t *p, size_t n)
{
    uint16_t crc = 0;
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++) crc = (crc & 1) ? (uint16_t)((crc >> 1) ^ 0xa6bc) : (uint16_t)(crc >> 1);
    }
    return (uint16_t)~crc;
}

/* One link frame: header (start 0x0564, length, control, destination,
 * source) and its CRC, then the user data in 16-byte blocks, each followed
 * by its CRC. The length counts control, addresses and user data. */
static void link_frame(sim_buf *b, uint8_t ctrl, uint16_t dst, uint16_t src, const uint8_t *user, size_t n)
{
    uint8_t h[8] = { 0x05, 0x64, (uint8_t)(5 + n), ctrl, (uint8_t)dst, (uint8_t)(dst >> 8), (uint8_t)src, (uint8_t)(src >> 8) };
    sim_buf_put(b, h, sizeof h);
    sim_buf_le16(b, dnp3_sim_crc(h, sizeof h));
    for (size_t off = 0; off < n; off += 16) {
        size_t k = n - off < 16 ? n - off : 16;
        sim_buf_put(b, user + off, k);
        sim_buf_le16(b, dnp3_sim_crc(user + off, k));
    }
}

void dnp3_frame_fragment(sim_buf *b, bool from_master, uint16_t dst, uint16_t src, uint8_t *transport_seq,
                         const uint8_t *app, size_t n)
{
    /* Unconfirmed user data (function 4) from the primary station; DIR set
     * when the master sends. A fragment longer than 249 bytes takes several
     * transport segments, FIR on the first and FIN on the last. */
    uint8_t ctrl = (uint8_t)((from_master ? 0x80 : 0x00) | 0x40 | 0x04);
    uint8_t seg[DNP3_SIM_SEGMENT + 1];
    size_t off = 0;
    do {
        size_t k = n - off < DNP3_SIM_SEGMENT ? n - off : DNP3_SIM_SEGMENT;
        seg[0] = (uint8_t)((off == 0 ? 0x40 : 0) | (off + k == n ? 0x80 : 0) | (*transport_seq & 0x3f));
        *transport_seq = (uint8_t)((*transport_seq + 1) & 0x3f);
        memcpy(seg + 1, app + off, k);
        link_frame(b, ctrl, dst, src, seg, k + 1);
        off += k;
    } while (off < n);
}

/* ---- application layer -------------------------------------------------------- */

enum { FC_CONFIRM = 0, FC_READ = 1, FC_WRITE = 2, FC_SELECT = 3, FC_OPERATE = 4, FC_ENABLE_UNSOLICITED = 20,
       FC_DISABLE_UNSOLICITED = 21, FC_RECORD_CURRENT_TIME = 24, FC_RESPONSE = 0x81, FC_UNSOLICITED = 0x82 };
/* Application control: FIR, FIN, CON (confirm wanted), UNS (unsolicited). */
enum { AC_FIR = 0x80, AC_FIN = 0x40, AC_CON = 0x20, AC_UNS = 0x10 };
/* IIN1 bits the outstations here raise. */
enum { IIN1_CLASS1 = 0x02, IIN1_CLASS2 = 0x04, IIN1_CLASS3 = 0x08, IIN1_NEED_TIME = 0x10, IIN1_RESTART = 0x80 };
/* CROB control codes: trip or close, pulse on. */
enum { CROB_CLOSE_PULSE = 0x41, CROB_TRIP_PULSE = 0x81 };

typedef struct dnp3_app {
    uint8_t p[DNP3_SIM_FRAGMENT_MAX];
    size_t n;
} dnp3_app;

static void app_u8(dnp3_app *a, uint8_t v)
{
    if (a->n < sizeof a->p) a->p[a->n++] = v;
}
static void app_le16(dnp3_app *a, uint16_t v) { app_u8(a, (uint8_t)v); app_u8(a, (uint8_t)(v >> 8)); }
static void app_le32(dnp3_app *a, uint32_t v) { app_le16(a, (uint16_t)v); app_le16(a, (uint16_t)(v >> 16)); }
static void app_time48(dnp3_app *a, sw_time_us t)   /* DNP3 time: ms since 1970, 48 bits */
{
    uint64_t ms = t > 0 ? (uint64_t)(t / 1000) : 0;
    app_le32(a, (uint32_t)ms);
    app_le16(a, (uint16_t)(ms >> 32));
}
static void app_float(dnp3_app *a, float f)
{
    uint32_t v;
    memcpy(&v, &f, sizeof v);
    app_le32(a, v);
}
/* Object header: group, variation, qualifier. */
static void obj(dnp3_app *a, uint8_t g, uint8_t v, uint8_t q) { app_u8(a, g); app_u8(a, v); app_u8(a, q); }
static void obj_range16(dnp3_app *a, uint8_t g, uint8_t v, uint16_t start, uint16_t stop)
{
    obj(a, g, v, 0x01);
    app_le16(a, start);
    app_le16(a, stop);
}
/* Qualifier 0x28: a 16-bit count, each object preceded by its 16-bit index. */
static void obj_indexed(dnp3_app *a, uint8_t g, uint8_t v, uint16_t count)
{
    obj(a, g, v, 0x28);
    app_le16(a, count);
}

static void request_header(dnp3_app *a, uint8_t seq, uint8_t fc)
{
    app_u8(a, (uint8_t)(AC_FIR | AC_FIN | (seq & 0x0f)));
    app_u8(a, fc);
}

static void class_read(dnp3_app *a, uint8_t seq, bool with_class0)
{
    request_header(a, seq, FC_READ);
    for (uint8_t v = 2; v <= 4; v++) obj(a, 60, v, 0x06);   /* class 1, 2, 3 events: all */
    if (with_class0) obj(a, 60, 1, 0x06);                   /* class 0: all static data */
}

/* ---- outstations -------------------------------------------------------------- */

/* What an outstation reports: a SEL-751 feeder relay (breaker status at
 * binary input 0, scaled integer analogs) or an RTAC station controller
 * (more points, floating-point analogs). */
typedef struct point_map {
    uint16_t binaries, counters, analogs;
    bool float_analogs;
} point_map;

static const point_map relay_points = { 16, 4, 12, false };
static const point_map rtac_points = { 24, 4, 32, true };

typedef enum { OWE_NOTHING, OWE_RESPONSE } owed;

typedef struct dnp3_state {
    sw_time_us next_integrity, next_poll, next_unsol, next_breaker, sync_due, recorded;
    uint16_t master, outstation;
    uint8_t tseq[2];                  /* transport sequence, per direction */
    uint8_t seq;                      /* master's next request sequence */
    uint8_t unsol_seq;
    uint8_t step;                     /* startup request next to send */
    uint8_t owe;                      /* the outstation owes a response */
    uint8_t req_fc, req_seq;          /* the request it answers */
    uint8_t req_group;                /* WRITE: 80 clears IIN bits, 50 sets the time */
    bool req_class0;
    uint8_t crob_code;                /* SELECT answered: OPERATE with this next */
    bool crob_select_ok;
    bool confirm_due, confirm_uns;
    uint8_t confirm_seq;
    bool restart, need_time, unsol_enabled;
    bool relay, breaker_closed, breaker_event;
    bool is_writer;
} dnp3_state;

enum { STARTUP_DISABLE_UNSOL, STARTUP_CLEAR_RESTART, STARTUP_INTEGRITY, STARTUP_ENABLE_UNSOL, STARTUP_DONE };

#define TIME_SYNC_PERIOD SIM_S(30 * 60)   /* the outstation asks for time again after this */

static const point_map *points(const dnp3_state *st) { return st->relay ? &relay_points : &rtac_points; }

static uint8_t iin1(const dnp3_state *st, uint8_t class_bits)
{
    return (uint8_t)((st->restart ? IIN1_RESTART : 0) | (st->need_time ? IIN1_NEED_TIME : 0) | class_bits);
}

static void response_header(dnp3_app *a, uint8_t ac, uint8_t fc, uint8_t iin_1)
{
    app_u8(a, ac);
    app_u8(a, fc);
    app_u8(a, iin_1);
    app_u8(a, 0);                     /* IIN2: no errors */
}

/* Process values: currents and powers flow only while the breaker feeds a
 * ship; voltages and frequency are always there. */
static int32_t analog_value(sim_session *s, const dnp3_state *st, uint16_t i)
{
    static const int32_t relay_base[12] = { 310, 305, 315, 4, 11020, 11010, 11030, 5800, 900, 98, 5000, 0 };
    int32_t base = st->relay ? relay_base[i % 12] : (int32_t)(200 + 37 * i);
    bool load = i < 4 || (i >= 7 && i <= 9);
    if (st->relay && load && !st->breaker_closed) return (int32_t)prng_below(&s->rng, 2);
    return base + (int32_t)prng_below(&s->rng, (uint64_t)(base / 50 + 2));
}

static void put_analog(dnp3_app *a, sim_session *s, const dnp3_state *st, uint16_t i)
{
    app_u8(a, 0x01);                  /* flags: online */
    int32_t v = analog_value(s, st, i);
    if (points(st)->float_analogs) app_float(a, (float)v / 10.0f);
    else app_le32(a, (uint32_t)v);
}

/* Energy and operation counters rise with time, so every poll agrees with the last. */
static uint32_t counter_value(const sim_session *s, const dnp3_state *st, uint16_t i)
{
    uint64_t minutes = (uint64_t)(s->now / SIM_S(60));
    return (uint32_t)(1000u * (i + 1) + (st->outstation * 7u) + (i == 0 ? minutes : minutes / (60u * (i + 1))));
}

/* Class 2 and 3 events that arose since the last poll: analog deadband
 * crossings (g32) and energy counter events (g22). */
static uint8_t add_polled_events(dnp3_app *a, sim_session *s, dnp3_state *st)
{
    const point_map *pm = points(st);
    uint8_t bits = 0;
    uint16_t n = (uint16_t)prng_below(&s->rng, st->relay && !st->breaker_closed ? 2 : 5);
    if (n) {
        obj_indexed(a, 32, pm->float_analogs ? 5 : 1, n);
        for (uint16_t k = 0; k < n; k++) {
            uint16_t i = (uint16_t)prng_below(&s->rng, pm->analogs);
            app_le16(a, i);
            put_analog(a, s, st, i);
        }
        bits |= IIN1_CLASS2;
    }
    if (prng_below(&s->rng, 10) == 0) {
        obj_indexed(a, 22, 1, 1);
        app_le16(a, 0);
        app_u8(a, 0x01);
        app_le32(a, counter_value(s, st, 0));
        bits |= IIN1_CLASS3;
    }
    return bits;
}

static void static_data(dnp3_app *a, sim_session *s, dnp3_state *st)
{
    const point_map *pm = points(st);
    obj_range16(a, 1, 2, 0, (uint16_t)(pm->binaries - 1));           /* binary inputs with flags */
    for (uint16_t i = 0; i < pm->binaries; i++) {
        bool on = i == 0 ? st->breaker_closed : prng_below(&s->rng, 16) == 0;
        app_u8(a, (uint8_t)(0x01 | (on ? 0x80 : 0)));
    }
    obj_range16(a, 20, 1, 0, (uint16_t)(pm->counters - 1));           /* 32-bit counters with flag */
    for (uint16_t i = 0; i < pm->counters; i++) {
        app_u8(a, 0x01);
        app_le32(a, counter_value(s, st, i));
    }
    obj_range16(a, 30, pm->float_analogs ? 5 : 1, 0, (uint16_t)(pm->analogs - 1));
    for (uint16_t i = 0; i < pm->analogs; i++) put_analog(a, s, st, i);
}

/* The CROB as sent, echoed by the outstation with status 0 (success). */
static void crob(dnp3_app *a, uint8_t code)
{
    obj_indexed(a, 12, 1, 1);
    app_le16(a, 0);                   /* point 0: the shore-power feeder breaker */
    app_u8(a, code);
    app_u8(a, 1);                     /* count */
    app_le32(a, 500);                 /* on-time ms */
    app_le32(a, 0);                   /* off-time */
    app_u8(a, 0);                     /* status */
}

/* The outstation's answer to the request it holds. */
static void answer(sim_session *s, dnp3_state *st, dnp3_app *a)
{
    if (s->now >= st->sync_due) st->need_time = true;
    size_t iin_at = 2;
    uint8_t class_bits = 0;
    response_header(a, (uint8_t)(AC_FIR | AC_FIN | st->req_seq), FC_RESPONSE, 0);
    switch (st->req_fc) {
    case FC_READ:
        class_bits = add_polled_events(a, s, st);
        if (st->req_class0) static_data(a, s, st);
        if (class_bits) {
            a->p[0] |= AC_CON;        /* events: the master must confirm before they are freed */
            st->confirm_due = true;
            st->confirm_uns = false;
            st->confirm_seq = st->req_seq;
        }
        break;
    case FC_SELECT:
    case FC_OPERATE:
        crob(a, st->crob_code);
        if (st->req_fc == FC_SELECT) st->crob_select_ok = true;
        else {
            st->breaker_closed = st->crob_code == CROB_CLOSE_PULSE;
            st->breaker_event = true;  /* the 52A contact follows: a class 1 event */
            st->next_unsol = s->now + sim_uniform(&s->rng, SIM_MS(60), SIM_MS(250));
        }
        break;
    case FC_WRITE:                    /* restart bit cleared, or the time set */
        if (st->req_group == 80) st->restart = false;
        else if (st->req_group == 50) {
            st->need_time = false;
            st->sync_due = s->now + TIME_SYNC_PERIOD;
        }
        break;
    case FC_ENABLE_UNSOLICITED: st->unsol_enabled = true; break;
    case FC_DISABLE_UNSOLICITED: st->unsol_enabled = false; break;
    default: break;                   /* RECORD_CURRENT_TIME: a null response */
    }
    a->p[iin_at] = iin1(st, class_bits);
}

/* Unsolicited class 1 events: the breaker's own contact after an
 * operation, otherwise an alarm or status input changing. */
static void unsolicited(sim_session *s, dnp3_state *st, dnp3_app *a)
{
    uint8_t seq = st->unsol_seq;
    st->unsol_seq = (uint8_t)((st->unsol_seq + 1) & 0x0f);
    response_header(a, (uint8_t)(AC_FIR | AC_FIN | AC_CON | AC_UNS | seq), FC_UNSOLICITED, iin1(st, IIN1_CLASS1));
    uint16_t n = st->breaker_event ? 1 : (uint16_t)(1 + prng_below(&s->rng, 2));
    obj_indexed(a, 2, 2, n);                        /* binary input events with absolute time */
    for (uint16_t k = 0; k < n; k++) {
        uint16_t i;
        bool on;
        if (st->breaker_event) { i = 0; on = st->breaker_closed; }
        else { i = (uint16_t)(1 + prng_below(&s->rng, points(st)->binaries - 1)); on = prng_below(&s->rng, 2); }
        app_le16(a, i);
        app_u8(a, (uint8_t)(0x01 | (on ? 0x80 : 0)));
        app_time48(a, s->now - (sw_time_us)prng_below(&s->rng, SIM_MS(40)));
    }
    st->breaker_event = false;
    st->confirm_due = true;
    st->confirm_uns = true;
    st->confirm_seq = seq;
}

/* ---- the conversation ---------------------------------------------------------- */

static void send(dnp3_state *st, sim_buf *out, const dnp3_app *a, bool from_master)
{
    if (from_master) dnp3_frame_fragment(out, true, st->outstation, st->master, &st->tseq[SIM_C2S], a->p, a->n);
    else dnp3_frame_fragment(out, false, st->master, st->outstation, &st->tseq[SIM_S2C], a->p, a->n);
}

static void master_request(dnp3_state *st, dnp3_app *a, uint8_t fc)
{
    st->req_fc = fc;
    st->req_seq = st->seq;
    st->req_class0 = false;
    st->owe = OWE_RESPONSE;
    st->seq = (uint8_t)((st->seq + 1) & 0x0f);
    if (fc != FC_READ) request_header(a, st->req_seq, fc);
}

static sw_time_us until(const sim_session *s, sw_time_us due) { return due > s->now ? due - s->now : 0; }

static void start(sim_session *s, dnp3_state *st)
{
    const sim_host *sv = &s->ctx->hosts[s->server];
    st->master = 1;
    st->outstation = (uint16_t)(sv->ip & 0xff ? sv->ip & 0xff : 10);
    st->relay = sim_host_kind(sv, "relay");
    st->is_writer = s->arg & 1;
    st->restart = true;               /* the link came up: the outstation reports its restart */
    st->need_time = true;
    st->sync_due = s->now;
    st->breaker_closed = prng_below(&s->rng, 2);
    st->next_integrity = s->now + sim_uniform(&s->rng, SIM_S(10 * 60), SIM_S(15 * 60));
    st->next_poll = s->now + sim_uniform(&s->rng, SIM_S(2), SIM_S(5));
    st->next_unsol = s->now + sim_uniform(&s->rng, SIM_S(5), SIM_S(120));
    /* The cross-river ferry lies alongside 10-15 min and is away 5-10 min:
     * the operator closes the breaker once the cable is in, trips it before
     * she sails. Only the relay holds the breaker. */
    st->next_breaker = s->now + sim_uniform(&s->rng, SIM_S(20), st->breaker_closed ? SIM_S(15 * 60) : SIM_S(10 * 60));
}

static bool dnp3_next(sim_session *s, sim_msg *m, sim_buf *out)
{
    dnp3_state *st = SIM_PSTATE(s, dnp3_state);
    dnp3_app a;
    a.n = 0;
    if (s->n_msgs == 0) start(s, st);

    if (st->owe == OWE_RESPONSE) {            /* the outstation answers within a scan */
        st->owe = OWE_NOTHING;
        m->dir = SIM_S2C;
        m->delay = st->req_class0 ? sim_uniform(&s->rng, SIM_MS(20), SIM_MS(80)) : sim_uniform(&s->rng, SIM_MS(4), SIM_MS(25));
        answer(s, st, &a);
        send(st, out, &a, false);
        return true;
    }
    m->dir = SIM_C2S;
    if (st->confirm_due) {                    /* events received: free them in the outstation */
        st->confirm_due = false;
        m->delay = sim_uniform(&s->rng, SIM_MS(2), SIM_MS(10));
        app_u8(&a, (uint8_t)(AC_FIR | AC_FIN | (st->confirm_uns ? AC_UNS : 0) | st->confirm_seq));
        app_u8(&a, FC_CONFIRM);
        send(st, out, &a, true);
        return true;
    }
    m->delay = sim_uniform(&s->rng, SIM_MS(5), SIM_MS(30));
    switch (st->step) {                       /* after a link comes up, as IEEE 1815 5.1 describes */
    case STARTUP_DISABLE_UNSOL:
        master_request(st, &a, FC_DISABLE_UNSOLICITED);
        for (uint8_t v = 2; v <= 4; v++) obj(&a, 60, v, 0x06);
        st->step++;
        send(st, out, &a, true);
        return true;
    case STARTUP_CLEAR_RESTART:
        master_request(st, &a, FC_WRITE);
        st->req_group = 80;
        obj(&a, 80, 1, 0x00);                 /* IIN1.7 DEVICE_RESTART, index 7: cleared */
        app_u8(&a, 7); app_u8(&a, 7); app_u8(&a, 0x00);
        st->step++;
        send(st, out, &a, true);
        return true;
    default: break;
    }
    if (st->need_time) {                      /* LAN procedure: record current time, then write it */
        if (st->req_fc != FC_RECORD_CURRENT_TIME) {
            master_request(st, &a, FC_RECORD_CURRENT_TIME);
            st->recorded = s->now + m->delay;
        } else {
            master_request(st, &a, FC_WRITE);
            st->req_group = 50;
            obj(&a, 50, 3, 0x07);             /* last recorded time, count 1 */
            app_u8(&a, 1);
            app_time48(&a, st->recorded);
        }
        send(st, out, &a, true);
        return true;
    }
    if (st->step == STARTUP_INTEGRITY || st->step == STARTUP_ENABLE_UNSOL) {
        if (st->step++ == STARTUP_INTEGRITY) {
            master_request(st, &a, FC_READ);
            st->req_class0 = true;
            class_read(&a, st->req_seq, true);
        } else {
            master_request(st, &a, FC_ENABLE_UNSOLICITED);
            obj(&a, 60, 2, 0x06);             /* class 1 (binary) events are reported unsolicited */
        }
        send(st, out, &a, true);
        return true;
    }
    if (st->crob_select_ok) {                 /* SELECT echoed: OPERATE the same object */
        st->crob_select_ok = false;
        m->delay = sim_uniform(&s->rng, SIM_MS(80), SIM_MS(400));
        master_request(st, &a, FC_OPERATE);
        crob(&a, st->crob_code);
        send(st, out, &a, true);
        return true;
    }

    /* Steady state: whichever is due first. */
    sw_time_us due = st->next_poll;
    int what = 0;
    if (st->next_integrity < due) { due = st->next_integrity; what = 1; }
    if (st->unsol_enabled && st->next_unsol < due) { due = st->next_unsol; what = 2; }
    if (st->relay && st->is_writer && st->next_breaker < due) { due = st->next_breaker; what = 3; }
    m->delay = until(s, due);
    switch (what) {
    case 1:
        st->next_integrity = due + sim_uniform(&s->rng, SIM_S(10 * 60), SIM_S(15 * 60));
        st->next_poll = due + sim_uniform(&s->rng, SIM_S(2), SIM_S(5));
        master_request(st, &a, FC_READ);
        st->req_class0 = true;
        class_read(&a, st->req_seq, true);
        break;
    case 2:
        m->dir = SIM_S2C;
        st->next_unsol = due + sim_uniform(&s->rng, SIM_S(30), SIM_S(300));
        unsolicited(s, st, &a);
        send(st, out, &a, false);
        return true;
    case 3:
        st->crob_code = st->breaker_closed ? CROB_TRIP_PULSE : CROB_CLOSE_PULSE;
        st->next_breaker = due + (st->breaker_closed ? sim_uniform(&s->rng, SIM_S(5 * 60), SIM_S(10 * 60))
                                                     : sim_uniform(&s->rng, SIM_S(10 * 60), SIM_S(15 * 60)));
        master_request(st, &a, FC_SELECT);
        crob(&a, st->crob_code);
        break;
    default:
        st->next_poll = due + sim_uniform(&s->rng, SIM_S(2), SIM_S(5));
        master_request(st, &a, FC_READ);
        class_read(&a, st->req_seq, false);
        break;
    }
    send(st, out, &a, true);
    return true;
}

static void dnp3_plan(sim_ctx *c, const sim_profile *p)
{
    for (size_t i = 0; i < c->n_hosts; i++) {
        if (!sim_serves(c, &c->hosts[i], "dnp3")) continue;
        int masters[1];
        if (sim_masters_for(c, (int)i, p, masters, 1))
            sim_add_flow(c, p, masters[0], (int)i, 0, sim_may_write(c, masters[0], (int)i) ? 1 : 0);
    }
}

const sim_profile sim_profile_dnp3 = {
    "dnp3", "power SCADA to DNP3 outstations: restart/time-sync startup, integrity (10-15 min) and class 1-3 event polls "
            "(2-5 s), unsolicited g2 events with confirms; may_write masters SELECT/OPERATE the feeder breaker (g12v1)",
    6, 20000, dnp3_plan, dnp3_next, 0,
};
