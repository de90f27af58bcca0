/* test_ais_decode.c - AIS decoder units: six-bit armouring, the bit reader's
 * bounds, NMEA checksum, tag blocks and timestamp prefixes, fragment
 * assembly (any order, timeouts, eviction), message fields and text
 * trimming, and the gpsd-compatible JSON formatting. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ais/ais.h"
#include "ais/ais_json.h"
#include "ais/nmea.h"
#include "ais/stream.h"

static ais_stream *new_stream(void)
{
    ais_stream *s = malloc(sizeof *s);
    assert_non_null(s);
    ais_stream_init(s);
    return s;
}

/* Feeds a line, returns whether it completed a message. */
static bool feed(ais_stream *s, const char *line, ais_msg *m)
{
    ais_meta meta;
    return ais_stream_line(s, line, strlen(line), m, &meta);
}

static void test_sixbit_armour_alphabet(void **state)
{
    assert_int_equal(ais_armour_value('0'), 0);
    assert_int_equal(ais_armour_value('W'), 39);
    assert_int_equal(ais_armour_value('`'), 40);
    assert_int_equal(ais_armour_value('w'), 63);
    assert_int_equal(ais_armour_value('X'), -1);   /* gap between W and ` */
    assert_int_equal(ais_armour_value('_'), -1);
    assert_int_equal(ais_armour_value('x'), -1);
    assert_int_equal(ais_armour_value('/'), -1);
    assert_int_equal(ais_sixbit_char(0), '@');
    assert_int_equal(ais_sixbit_char(1), 'A');
    assert_int_equal(ais_sixbit_char(32), ' ');
    assert_int_equal(ais_sixbit_char(48), '0');
    assert_int_equal(ais_sixbit_char(63), '?');
}

static void test_armour_into_bits(void **state)
{
    ais_bits b;
    memset(&b, 0, sizeof b);
    ais_bits_reset(&b);
    /* "1w" = 000001 111111, fill 2 -> 10 valid bits */
    assert_true(ais_bits_append(&b, "1w", 2, 2));
    assert_int_equal(b.nbits, 10);
    assert_int_equal(b.abits, 12);
    assert_int_equal(ais_bits_u(&b, 0, 6), 1);
    assert_int_equal(ais_bits_u(&b, 6, 4), 15);
    assert_false(b.overrun);
    /* The fill bits are still readable (gpsd reads them too) but flag. */
    assert_int_equal(ais_bits_u(&b, 6, 6), 63);
    assert_true(b.overrun);
    /* A second fragment continues after the valid bits. */
    b.overrun = false;
    assert_true(ais_bits_append(&b, "0", 1, 0));
    assert_int_equal(b.nbits, 16);
    assert_int_equal(ais_bits_u(&b, 10, 6), 0);
    /* Invalid characters and fill are refused without changing b. */
    assert_false(ais_bits_append(&b, "1X", 2, 0));
    assert_false(ais_bits_append(&b, "1", 1, 6));
    assert_int_equal(b.nbits, 16);
}

static void test_bit_reader_bounds(void **state)
{
    const uint8_t bytes[] = { 0xF0, 0x0F, 0x80 };
    ais_bits b;
    ais_bits_load(&b, bytes, 17);
    assert_int_equal(ais_bits_u(&b, 0, 4), 0xF);
    assert_int_equal(ais_bits_u(&b, 4, 8), 0x00);
    assert_int_equal(ais_bits_u(&b, 12, 5), 0x1F);
    assert_int_equal(ais_bits_s(&b, 0, 4), -1);
    assert_int_equal(ais_bits_s(&b, 12, 5), -1);
    assert_int_equal(ais_bits_s(&b, 4, 8), 0);
    assert_false(b.overrun);
    assert_int_equal(ais_bits_u(&b, 17, 8), 0);     /* past the end */
    assert_true(b.overrun);
    assert_int_equal(ais_bits_u(&b, 5000, 30), 0);  /* far past the buffer */
    assert_int_equal(ais_bits_u(&b, 0, 0), 0);
    assert_int_equal(ais_bits_u(&b, 0, 57), 0);     /* wider than supported */

    ais_bitcur c = ais_bitcur_make(&b, 0);
    assert_int_equal(ais_bitcur_u(&c, 4), 0xF);
    assert_int_equal(ais_bitcur_s(&c, 8), 0);
    assert_int_equal(ais_bitcur_u(&c, 5), 0x1F);
    assert_false(c.bad);
    assert_int_equal(ais_bitcur_u(&c, 1), 0);
    assert_true(c.bad);
    assert_int_equal(ais_bitcur_u(&c, 1), 0);       /* sticky */
}

static void test_text_trimming(void **state)
{
    /* "AB@C" stops at '@'; "AB  " trims trailing spaces. */
    ais_bits b;
    char out[8];
    memset(&b, 0, sizeof b);
    ais_bits_reset(&b);
    /* A=1 '1', B=2 '2', @=0 '0', C=3 '3', space=32 'P' */
    assert_true(ais_bits_append(&b, "1203", 4, 0));
    assert_int_equal(ais_bits_text(&b, 0, 4, out, sizeof out), 2);
    assert_string_equal(out, "AB");
    ais_bits_reset(&b);
    assert_true(ais_bits_append(&b, "12PP", 4, 0));
    assert_int_equal(ais_bits_text(&b, 0, 4, out, sizeof out), 2);
    assert_string_equal(out, "AB");
    ais_bits_reset(&b);
    assert_true(ais_bits_append(&b, "1P2P", 4, 0));
    ais_bits_text(&b, 0, 4, out, sizeof out);
    assert_string_equal(out, "A B");
    /* count larger than the output is capped; start past the end is "". */
    ais_bits_text(&b, 0, 100, out, 3);
    assert_string_equal(out, "A");
    ais_bits_text(&b, 24, 4, out, sizeof out);
    assert_string_equal(out, "");
}

static void test_checksum_and_line_kinds(void **state)
{
    const char *body = "AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0";
    assert_int_equal(ais_nmea_checksum(body, strlen(body)), 0x5C);
    ais_sentence s;
    const char *good = "!AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0*5C\r\n";
    assert_int_equal(ais_parse_line(good, strlen(good), &s), AIS_LINE_SENTENCE);
    assert_int_equal(s.total, 1);
    assert_int_equal(s.num, 1);
    assert_int_equal(s.seqid, -1);
    assert_int_equal(s.channel, 'B');
    assert_int_equal(s.fill, 0);
    assert_int_equal(s.payload_len, 28);
    assert_string_equal(s.talker, "AI");
    assert_false(s.own);
    const char *lc = "!AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0*5c";   /* lower-case hex is fine */
    assert_int_equal(ais_parse_line(lc, strlen(lc), &s), AIS_LINE_SENTENCE);
    const char *bad = "!AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0*5D";
    assert_int_equal(ais_parse_line(bad, strlen(bad), &s), AIS_LINE_BAD_CHECKSUM);
    const char *none = "!AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0";
    assert_int_equal(ais_parse_line(none, strlen(none), &s), AIS_LINE_NO_CHECKSUM);
    const char *vdo = "!AIVDO,1,1,,,B3aC3LP00063aj7RNpl03wSUwP06,0*43";
    assert_int_equal(ais_parse_line(vdo, strlen(vdo), &s), AIS_LINE_SENTENCE);
    assert_true(s.own);
    assert_int_equal(s.channel, 0);
    const char *other = "$GPGSA,A,3,11,32,14,28,22,03,10,08,17,,,,2.02,1.03,1.74*00";
    assert_int_equal(ais_parse_line(other, strlen(other), &s), AIS_LINE_OTHER_NMEA);
    assert_int_equal(ais_parse_line("# comment", 9, &s), AIS_LINE_BLANK);
    assert_int_equal(ais_parse_line("  \r\n", 4, &s), AIS_LINE_BLANK);
    assert_int_equal(ais_parse_line("hello", 5, &s), AIS_LINE_GARBAGE);
    /* Fragment number above the total: malformed (checksum recomputed). */
    char buf[128];
    const char *b2 = "AIVDM,1,2,,B,15M67FC000G?ufbE`FepT@3n00Sa,0";
    snprintf(buf, sizeof buf, "!%s*%02X", b2, ais_nmea_checksum(b2, strlen(b2)));
    assert_int_equal(ais_parse_line(buf, strlen(buf), &s), AIS_LINE_MALFORMED);
    const char *b3 = "AIVDM,1,1,,C,15M67FC000G?ufbE`FepT@3n00Sa,0";
    snprintf(buf, sizeof buf, "!%s*%02X", b3, ais_nmea_checksum(b3, strlen(b3)));
    assert_int_equal(ais_parse_line(buf, strlen(buf), &s), AIS_LINE_MALFORMED);
}

static void test_tag_block_and_prefixes(void **state)
{
    ais_sentence s;
    const char *tb = "\\g:1-2-1604,s:rORBCOMM008,c:1418169601,T:2014-12-10 00.00.01*37\\"
                     "!AIVDM,2,1,6,A,53@o0E000001Q0CG37U8u<Tp4q@D00000000000018330400000000000000,0*63";
    assert_int_equal(ais_parse_line(tb, strlen(tb), &s), AIS_LINE_SENTENCE);
    assert_true(s.has_time);
    assert_int_equal(s.time_ms, 1418169601000LL);
    assert_true(s.has_group);
    assert_int_equal(s.group_num, 1);
    assert_int_equal(s.group_total, 2);
    assert_int_equal(s.group_id, 1604);
    assert_string_equal(s.source, "rORBCOMM008");
    assert_int_equal(s.seqid, 6);

    const char *badtb = "\\g:1-2-1604,s:rORBCOMM008,c:1418169601,T:2014-12-10 00.00.01*38\\"
                        "!AIVDM,2,1,6,A,53@o0E000001Q0CG37U8u<Tp4q@D00000000000018330400000000000000,0*63";
    assert_int_equal(ais_parse_line(badtb, strlen(badtb), &s), AIS_LINE_BAD_TAG);

    const char *iso = "2012-05-13T12:34:56.789Z !AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";
    assert_int_equal(ais_parse_line(iso, strlen(iso), &s), AIS_LINE_SENTENCE);
    assert_true(s.has_time);
    assert_int_equal(s.time_ms, 1336912496789LL);
    const char *epoch = "1336912496.5;!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";
    assert_int_equal(ais_parse_line(epoch, strlen(epoch), &s), AIS_LINE_SENTENCE);
    assert_int_equal(s.time_ms, 1336912496500LL);
    const char *uscg = "!AIVDM,1,1,,A,15N1u<PP1FJuvSRHOE6QIwwh0HQ6,0*30,d-080,S2118,t050056.00,T56.4837741,r003669946,1325394060,1325394001";
    assert_int_equal(ais_parse_line(uscg, strlen(uscg), &s), AIS_LINE_SENTENCE);
    assert_int_equal(s.time_ms, 1325394001000LL);
    const char *pghp = "$PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5B";
    assert_int_equal(ais_parse_line(pghp, strlen(pghp), &s), AIS_LINE_TIME);
    assert_int_equal(s.time_ms, 1276256771390LL);
}

/* The classic type 1 (values cross-checked with gpsdecode 3.22). */
static void test_type1_fields(void **state)
{
    ais_stream *s = new_stream();
    ais_msg m;
    assert_true(feed(s, "!AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0*5C", &m));
    assert_int_equal(m.type, 1);
    assert_int_equal(m.repeat, 0);
    assert_int_equal(m.mmsi, 366053209);
    assert_int_equal(m.u.pos.status, 3);
    assert_int_equal(m.u.pos.turn, 0);
    assert_int_equal(m.u.pos.speed, 0);
    assert_false(m.u.pos.accuracy);
    assert_int_equal(m.u.pos.lon, -73404971);   /* -122.341618 degrees */
    assert_int_equal(m.u.pos.lat, 22681271);    /* 37.802118 degrees */
    assert_int_equal(m.u.pos.course, 2193);
    assert_int_equal(m.u.pos.heading, 1);
    assert_int_equal(m.u.pos.second, 59);
    assert_int_equal(m.u.pos.radio, 2281);
    assert_int_equal(s->stats.by_type[1], 1);
    free(s);
}

/* gpsd sample.aivdm: its first type 1, JSON scaled and unscaled. */
static void test_json_formatting(void **state)
{
    ais_stream *s = new_stream();
    ais_msg m;
    strbuf out;
    strbuf_init(&out);
    assert_true(feed(s, "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A", &m));
    ais_json_opts scaled = { true, "stdin" }, raw = { false, "stdin" };
    ais_json_write(&out, &m, &scaled);
    assert_string_equal(out.data,
        "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":1,\"repeat\":0,\"mmsi\":371798000,"
        "\"scaled\":true,\"status\":0,\"status_text\":\"Under way using engine\",\"turn\":\"fastleft\","
        "\"speed\":12.3,\"accuracy\":true,\"lon\":-123.3953833,\"lat\":48.3816333,\"course\":224.0,"
        "\"heading\":215,\"second\":33,\"maneuver\":0,\"raim\":false,\"radio\":34017}\n");
    strbuf_reset(&out);
    ais_json_write(&out, &m, &raw);
    assert_non_null(strstr(out.data, "\"turn\":-127,\"speed\":123,\"accuracy\":true,\"lon\":-74037230,\"lat\":29028980,\"course\":2240,"));
    strbuf_reset(&out);
    ais_csv_write(&out, &m);
    assert_string_equal(out.data, "1|0|371798000|0|-127|123|1|-74037230|29028980|2240|215|33|0x0|0|0x84e1\n");
    strbuf_free(&out);
    free(s);
}

static const char *T5A = "!AIVDM,2,1,7,A,53aGulD0000000c7?0918Tq<E>0<Q8U=@Tp400155P:22uG`002ShTj0,0*05";
static const char *T5B = "!AIVDM,2,2,7,A,EQC`4Sm51A0C@08,2*50";

static void check_type5(const ais_msg *m)
{
    assert_int_equal(m->type, 5);
    assert_int_equal(m->mmsi, 244710865);
    assert_string_equal(m->u.voyage.shipname, "PRINSES CHRISTINA");
    assert_string_equal(m->u.voyage.callsign, "");
    assert_string_equal(m->u.voyage.destination, "JOBSHAVEN ROTTEDAM");
    assert_int_equal(m->u.voyage.to_bow, 44);
    assert_int_equal(m->u.voyage.epfd, 15);
    assert_int_equal(m->u.voyage.dte, 1);
}

static void test_fragments_any_order(void **state)
{
    ais_stream *s = new_stream();
    ais_msg m;
    assert_false(feed(s, T5A, &m));
    assert_true(feed(s, T5B, &m));
    check_type5(&m);
    /* Reversed. */
    assert_false(feed(s, T5B, &m));
    assert_true(feed(s, T5A, &m));
    check_type5(&m);
    /* Interleaved with another message and single sentences in between. */
    assert_false(feed(s, T5A, &m));
    assert_false(feed(s, "!AIVDM,2,1,9,B,55R3Vn82=ILTQ3KKS>1<D60Dq@E918U<F222221J1`?164vc03S1CCAD,0*2A", &m));
    assert_true(feed(s, "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A", &m));
    assert_int_equal(m.type, 1);
    assert_true(feed(s, "!AIVDM,2,2,9,B,`88888888888880,2*76", &m));
    assert_int_equal(m.mmsi, 371255000);
    assert_true(feed(s, T5B, &m));
    check_type5(&m);
    assert_int_equal(s->nslots_used, 0);
    free(s);
}

static void test_fragments_tag_block_first_only(void **state)
{
    ais_stream *s = new_stream();
    ais_msg m;
    /* libais tagblock.nmea group 1604, the second sentence without its tag. */
    assert_false(feed(s, "\\g:1-2-1604,s:rORBCOMM008,c:1418169601,T:2014-12-10 00.00.01*37\\"
                         "!AIVDM,2,1,6,A,53@o0E000001Q0CG37U8u<Tp4q@D00000000000018330400000000000000,0*63", &m));
    assert_true(feed(s, "!AIVDM,2,2,6,A,00000000008,2*2A", &m));
    assert_int_equal(m.type, 5);
    assert_int_equal(m.mmsi, 219005012);
    assert_string_equal(m.u.voyage.shipname, "ROSINANTE");
    free(s);
}

static void test_fragment_timeout_and_restart(void **state)
{
    ais_stream *s = new_stream();
    ais_msg m;
    assert_false(feed(s, T5A, &m));
    for (int i = 0; i < AIS_FRAG_MAX_LINES + 1; i++) feed(s, "# filler", &m);
    /* The next fragment finds the first one expired. */
    assert_false(feed(s, T5B, &m));
    assert_int_equal(s->stats.frag_timed_out, 1);
    /* Fragment 2 is waiting; a repeated fragment 2 restarts the message. */
    assert_false(feed(s, T5B, &m));
    assert_int_equal(s->stats.frag_restarted, 1);
    assert_true(feed(s, T5A, &m));
    check_type5(&m);
    ais_stream_finish(s);
    assert_int_equal(s->stats.frag_incomplete, 0);
    free(s);
}

static void test_fragment_flood_is_bounded(void **state)
{
    ais_stream *s = new_stream();
    ais_msg m;
    char line[160];
    /* 3 * slots partial messages on distinct keys, never completed. */
    for (int i = 0; i < 3 * AIS_FRAG_SLOTS; i++) {
        char body[120];
        snprintf(body, sizeof body, "AIVDM,3,1,%d,%c,53aGulD0000000c7?0918Tq<E>0<Q8U=,0", i % 10, "AB12"[(i / 10) % 4]);
        /* The tag block group id makes every partial message distinct. */
        char tag[32];
        snprintf(tag, sizeof tag, "g:1-3-%d", i);
        snprintf(line, sizeof line, "\\%s*%02X\\!%s*%02X", tag, ais_nmea_checksum(tag, strlen(tag)), body,
                 ais_nmea_checksum(body, strlen(body)));
        assert_false(feed(s, line, &m));
        assert_true(s->nslots_used <= AIS_FRAG_SLOTS);
    }
    assert_int_equal(s->stats.frag_evicted, 2 * AIS_FRAG_SLOTS);
    ais_stream_finish(s);
    assert_int_equal(s->stats.frag_incomplete, AIS_FRAG_SLOTS);
    assert_int_equal(s->nslots_used, 0);
    free(s);
}

/* A line "!BODY*hh" with the right checksum, so only the payload is bad. */
static const char *sentence(char *buf, size_t size, const char *fmt, ...)
{
    char body[1200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(body, sizeof body, fmt, ap);
    va_end(ap);
    snprintf(buf, size, "!%s*%02X", body, ais_nmea_checksum(body, strlen(body)));
    return buf;
}

/* Bad payloads behind good checksums: truncated, oversized (one sentence
 * and nine fragments), bad armouring, empty. Each is counted, none yields a
 * message, and the next good sentence still decodes. */
static void test_bad_payloads_counted_not_fatal(void **state)
{
    ais_stream *s = new_stream();
    ais_msg m;
    char line[1400], big[400];
    memset(big, '0', 341);                  /* 2046 bits: over the 2040 of five slots */
    big[341] = '\0';
    assert_false(feed(s, sentence(line, sizeof line, "AIVDM,1,1,,A,1%s,0", big), &m));
    assert_int_equal(s->stats.bad_payload, 1);
    /* nine fragments of 60 characters: 3240 bits; dropped at the sixth,
     * the rest held as one partial message that never completes */
    memset(big, 'w', 60);
    big[60] = '\0';
    for (int i = 1; i <= 9; i++)
        assert_false(feed(s, sentence(line, sizeof line, "AIVDM,9,%d,3,B,%s,0", i, big), &m));
    assert_int_equal(s->stats.bad_payload, 2);
    assert_int_equal(s->stats.frag_restarted, 0);
    assert_int_equal(s->nslots_used, 1);
    /* 'x' is outside the armouring alphabet (0-W, `-w) */
    assert_false(feed(s, sentence(line, sizeof line, "AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sx,0"), &m));
    assert_int_equal(s->stats.bad_payload, 3);
    /* a type 1 cut to 96 bits: a length error, not a read past the end */
    assert_false(feed(s, sentence(line, sizeof line, "AIVDM,1,1,,B,15M67FC000G?ufbE,0"), &m));
    assert_int_equal(s->stats.decode_error[AIS_ERR_LENGTH], 1);
    /* no payload at all */
    assert_false(feed(s, sentence(line, sizeof line, "AIVDM,1,1,,B,,0"), &m));
    assert_int_equal(s->stats.messages, 0);
    assert_true(feed(s, "!AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0*5C", &m));
    assert_int_equal(m.type, 1);
    assert_int_equal(m.mmsi, 366053209);
    assert_int_equal(s->stats.messages, 1);
    ais_stream_finish(s);
    assert_int_equal(s->stats.frag_incomplete, 1);
    assert_int_equal(s->nslots_used, 0);
    free(s);
}

static void test_type5_short_tolerance(void **state)
{
    ais_bits b;
    ais_msg m;
    memset(&b, 0, sizeof b);
    ais_bits_reset(&b);
    const char *p1 = "53aGulD0000000c7?0918Tq<E>0<Q8U=@Tp400155P:22uG`002ShTj0";
    const char *p2 = "EQC`4Sm51A0C@08";
    assert_true(ais_bits_append(&b, p1, strlen(p1), 0));
    assert_true(ais_bits_append(&b, p2, strlen(p2), 2));
    assert_int_equal(b.nbits, 424);
    assert_int_equal(ais_decode(&b, &m, NULL), AIS_OK);
    /* 420 bits (no DTE bit): accepted like gpsd, dte reads as 0. */
    b.nbits = 420;
    assert_int_equal(ais_decode(&b, &m, NULL), AIS_OK);
    assert_int_equal(m.u.voyage.dte, 0);
    assert_string_equal(m.u.voyage.shipname, "PRINSES CHRISTINA");
    b.nbits = 419;
    assert_int_equal(ais_decode(&b, &m, NULL), AIS_ERR_LENGTH);
    /* Type 1 outside 163..204 bits is rejected. */
    ais_bits_reset(&b);
    assert_true(ais_bits_append(&b, "15RTgt0PAso;90TKcjM8h6g2", 24, 0));
    assert_int_equal(ais_decode(&b, &m, NULL), AIS_ERR_LENGTH);
}

static void test_type24_pairing(void **state)
{
    ais_stream *s = new_stream();
    ais_msg m;
    /* From gpsd sample.aivdm: part A then part B of 271041815. */
    assert_true(feed(s, "!AIVDM,1,1,,A,H42O55i18tMET00000000000000,2*6D", &m));
    assert_int_equal(m.type, 24);
    assert_int_equal(m.u.static24.part, AIS24_A);
    assert_string_equal(m.u.static24.shipname, "PROGUY");
    assert_true(feed(s, "!AIVDM,1,1,,A,H42O55lti4hhhilD3nink000?050,0*40", &m));
    assert_int_equal(m.u.static24.part, AIS24_BOTH);
    assert_string_equal(m.u.static24.shipname, "PROGUY");
    assert_string_equal(m.u.static24.vendorid, "1D00014");
    assert_string_equal(m.u.static24.callsign, "TC6163");
    assert_int_equal(m.u.static24.to_stern, 15);
    /* A repeated part B no longer pairs. */
    assert_true(feed(s, "!AIVDM,1,1,,A,H42O55lti4hhhilD3nink000?050,0*40", &m));
    assert_int_equal(m.u.static24.part, AIS24_B);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sixbit_armour_alphabet),
        cmocka_unit_test(test_armour_into_bits),
        cmocka_unit_test(test_bit_reader_bounds),
        cmocka_unit_test(test_text_trimming),
        cmocka_unit_test(test_checksum_and_line_kinds),
        cmocka_unit_test(test_tag_block_and_prefixes),
        cmocka_unit_test(test_type1_fields),
        cmocka_unit_test(test_json_formatting),
        cmocka_unit_test(test_fragments_any_order),
        cmocka_unit_test(test_fragments_tag_block_first_only),
        cmocka_unit_test(test_fragment_timeout_and_restart),
        cmocka_unit_test(test_fragment_flood_is_bounded),
        cmocka_unit_test(test_bad_payloads_counted_not_fatal),
        cmocka_unit_test(test_type5_short_tolerance),
        cmocka_unit_test(test_type24_pairing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
