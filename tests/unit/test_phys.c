/* test_phys.c - the physical-security decoders: profiles, times, and the
 * CSV, JSON lines and syslog back ends on good lines, malformed and
 * truncated ones, CRLF, a BOM, quoting and huge lines; every shipped
 * profile in data/phys-profiles parses; the line cutter over reads and
 * datagrams. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "phys/phys.h"
#include "phys/phys_lines.h"

static const char csv_profile[] =
    "# a comment\n[profile]\nname = t\nformat = csv\ntime_format = iso8601\ntime_zone = utc\n"
    "[fields]\ntime = Time\nkind = Event\nbadge = Badge\ndoor = Door\nreader = Reader\n"
    "[kinds]\n\"Access Granted*\" = granted\n\"Door Forced*\" = forced\n\"Door Closed\" = ignore\n";

static phys_profile prof;
static phys_decoder dec;

static void load(const char *text)
{
    unsigned line = 0;
    char why[200];
    bool ok = phys_profile_parse(text, strlen(text), &prof, &line, why, sizeof why);
    if (!ok) fprintf(stderr, "profile line %u: %s\n", line, why);
    assert_true(ok);
    phys_decoder_init(&dec, &prof, NULL);
}

static phys_line_result line(const char *s, phys_event *ev, char *why)
{
    return phys_decode_line(&dec, s, strlen(s), ev, why, 200);
}

static void test_csv_good_quoted_crlf_bom(void **state)
{
    (void)state;
    load(csv_profile);
    phys_event ev;
    char why[200];
    assert_int_equal(line("\xef\xbb\xbfTime,Event,Badge,Door,Reader\r", &ev, why), PHYS_LINE_SKIP);
    assert_int_equal(line("2026-11-30T09:00:00Z,Access Granted,40122,\"Gate, \"\"north\"\"\",rdr-1\r", &ev, why), PHYS_LINE_EVENT);
    assert_int_equal(ev.kind, PHYS_GRANTED);
    assert_string_equal(ev.value[PF_BADGE], "40122");
    assert_string_equal(ev.value[PF_DOOR], "Gate, \"north\"");
    assert_string_equal(ev.value[PF_READER], "rdr-1");
    assert_int_equal(ev.line, 2);
    assert_true(ev.ts == INT64_C(1796029200) * 1000000);
    assert_int_equal(line("2026-11-30T09:00:00Z,Door Closed,,,", &ev, why), PHYS_LINE_UNMAPPED);
    assert_string_equal(why, "Door Closed");
    assert_int_equal(line("", &ev, why), PHYS_LINE_SKIP);
    assert_int_equal(dec.stats.events, 1);
    assert_int_equal(dec.stats.unmapped, 1);
    assert_int_equal(dec.stats.skipped, 2);
}

static void test_csv_malformed_then_good(void **state)
{
    (void)state;
    load(csv_profile);
    phys_event ev;
    char why[200];
    assert_int_equal(line("Time,Event,Badge,Door,Reader", &ev, why), PHYS_LINE_SKIP);
    assert_int_equal(line("2026-11-30T09:00:00Z,Access Granted,\"unterminated", &ev, why), PHYS_LINE_MALFORMED);
    assert_non_null(strstr(why, "unterminated"));
    assert_int_equal(line("2026-11-30T09:00:00Z,Access Granted,4\"0,d,r", &ev, why), PHYS_LINE_MALFORMED);
    assert_int_equal(line("not a time,Access Granted,1,d,r", &ev, why), PHYS_LINE_MALFORMED);
    assert_non_null(strstr(why, "time"));
    assert_int_equal(line("2026-02-30T09:00:00Z,Access Granted,1,d,r", &ev, why), PHYS_LINE_MALFORMED);
    assert_int_equal(line("2026-11-30T09:00:00Z", &ev, why), PHYS_LINE_MALFORMED);   /* truncated: no kind */
    assert_int_equal(line("2026-11-30T09:00:01Z,Access Granted,2,d,r", &ev, why), PHYS_LINE_EVENT);
    assert_int_equal(ev.line, 7);
    assert_int_equal(dec.stats.malformed, 5);
    assert_int_equal(dec.stats.lines, 7);
}

static void test_csv_header_missing_column(void **state)
{
    (void)state;
    load(csv_profile);
    phys_event ev;
    char why[200];
    assert_int_equal(line("When,Event,Badge", &ev, why), PHYS_LINE_MALFORMED);
    assert_non_null(strstr(why, "'Time'"));
    assert_int_equal(line("time,EVENT", &ev, why), PHYS_LINE_SKIP);   /* names match without case */
    assert_int_equal(line("2026-11-30T09:00:00Z,Access Granted", &ev, why), PHYS_LINE_EVENT);
}

static void test_huge_line_and_value(void **state)
{
    (void)state;
    load(csv_profile);
    phys_event ev;
    char why[200];
    line("Time,Event,Badge,Door,Reader", &ev, why);
    char *big = malloc(PHYS_LINE_MAX + 100);
    memset(big, 'a', PHYS_LINE_MAX + 99);
    big[PHYS_LINE_MAX + 99] = '\0';
    assert_int_equal(line(big, &ev, why), PHYS_LINE_MALFORMED);
    snprintf(big, 300, "2026-11-30T09:00:00Z,Access Granted,%0150d,d,r", 7);
    assert_int_equal(line(big, &ev, why), PHYS_LINE_MALFORMED);
    assert_non_null(strstr(why, "badge value longer"));
    free(big);
    assert_int_equal(line("2026-11-30T09:00:00Z,Access Granted,1,d\x01x,r", &ev, why), PHYS_LINE_EVENT);
    assert_string_equal(ev.value[PF_DOOR], "d?x");   /* control characters cannot forge report lines */
}

/* The line cutter: what it hands on, joined as "len:text|" ("!" for an overlong line). */
typedef struct cut_log { char text[256]; size_t n; } cut_log;

static void log_line(void *user, const char *l, size_t len, bool overlong)
{
    cut_log *c = user;
    if (overlong) c->n += (size_t)snprintf(c->text + c->n, sizeof c->text - c->n, "!|");
    else c->n += (size_t)snprintf(c->text + c->n, sizeof c->text - c->n, "%zu:%.*s|", len, (int)(len < 20 ? len : 20), l);
}

static void test_line_cutter(void **state)
{
    (void)state;
    static phys_line_cutter lc;
    cut_log c = { "", 0 };
    /* A file read in pieces that split lines anywhere: the same lines. */
    phys_lines_init(&lc);
    phys_lines_feed(&lc, "ab\ncd", 5, false, log_line, &c);
    phys_lines_feed(&lc, "e\n\nf", 4, false, log_line, &c);
    phys_lines_feed(&lc, NULL, 0, true, log_line, &c);
    assert_string_equal(c.text, "2:ab|3:cde|0:|1:f|");
    /* Datagrams: each ends its last line, newline or not; a CR stays for the decoder to drop. */
    c.n = 0;
    c.text[0] = '\0';
    phys_lines_feed(&lc, "x1\r\nx2", 6, true, log_line, &c);
    phys_lines_feed(&lc, "y1\n", 3, true, log_line, &c);
    assert_string_equal(c.text, "3:x1\r|2:x2|2:y1|");
    /* An overlong line is one report, the rest of it dropped up to its newline; the next line is intact. */
    c.n = 0;
    c.text[0] = '\0';
    char *big = malloc(3 * PHYS_LINE_MAX);
    memset(big, 'z', 3 * PHYS_LINE_MAX);
    phys_lines_feed(&lc, big, PHYS_LINE_MAX, false, log_line, &c);
    phys_lines_feed(&lc, big, 2 * PHYS_LINE_MAX, false, log_line, &c);
    phys_lines_feed(&lc, "zz\nok\n", 6, false, log_line, &c);
    assert_string_equal(c.text, "!|2:ok|");
    /* ... and in a datagram, the overlong line ends with the datagram. */
    c.n = 0;
    c.text[0] = '\0';
    phys_lines_feed(&lc, big, PHYS_LINE_MAX + 2, true, log_line, &c);
    phys_lines_feed(&lc, "next", 4, true, log_line, &c);
    assert_string_equal(c.text, "!|4:next|");
    /* Exactly PHYS_LINE_MAX + 1 bytes fits: the decoder, not the cutter, calls it too long. */
    c.n = 0;
    c.text[0] = '\0';
    phys_lines_feed(&lc, big, PHYS_LINE_MAX + 1, true, log_line, &c);
    assert_int_equal(strncmp(c.text, "8193:", 5), 0);
    free(big);
}

static void test_csv_no_header_numbered(void **state)
{
    (void)state;
    load("[profile]\nformat = csv\nheader = no\ndelimiter = ;\ntime_format = epoch\n[fields]\ntime = #1\nkind = #2\nbadge = #3\n"
         "[kinds]\nIN = granted\n");
    phys_event ev;
    char why[200];
    assert_int_equal(line("1796029200;IN;77", &ev, why), PHYS_LINE_EVENT);
    assert_string_equal(ev.value[PF_BADGE], "77");
    assert_true(ev.ts == INT64_C(1796029200) * 1000000);
}

static const char jsonl_profile[] =
    "[profile]\nformat = jsonl\ntime_format = iso8601\n[fields]\ntime = ts\nkind = type\nbadge = cred.card\n"
    "camera = cam.name\n[kinds]\nGranted = granted\nCameraOffline = camera-offline\n";

static void test_jsonl(void **state)
{
    (void)state;
    load(jsonl_profile);
    phys_event ev;
    char why[200];
    assert_int_equal(line("{\"ts\":\"2026-11-30T10:00:00+01:00\",\"type\":\"Granted\",\"cred\":{\"card\":40122,\"x\":[1,{\"card\":\"no\"}]}}", &ev, why),
                     PHYS_LINE_EVENT);
    assert_string_equal(ev.value[PF_BADGE], "40122");
    assert_true(ev.ts == INT64_C(1796029200) * 1000000);
    assert_int_equal(line("{\"ts\":\"2026-11-30T09:00:00Z\",\"type\":\"CameraOffline\",\"cam\":{\"name\":\"caf\\u00e9 \\ud83d\\ude00\"}}", &ev, why),
                     PHYS_LINE_EVENT);
    assert_string_equal(ev.value[PF_CAMERA], "caf\xc3\xa9 \xf0\x9f\x98\x80");
    assert_int_equal(line("{\"ts\":\"2026-11-30T09:00:00Z\",\"type\":\"Granted\"", &ev, why), PHYS_LINE_MALFORMED);   /* truncated */
    assert_int_equal(line("{\"ts\":\"x\",\"type\":\"Granted\"}", &ev, why), PHYS_LINE_MALFORMED);
    assert_int_equal(line("{\"type\":\"Granted\",\"ts\":\"2026-11-30T09:00:00Z\",\"a\":\"\\ud800\"}", &ev, why), PHYS_LINE_MALFORMED);
    assert_int_equal(line("[1,2]", &ev, why), PHYS_LINE_MALFORMED);
    assert_int_equal(line("{\"ts\":\"2026-11-30T09:00:00Z\",\"type\":\"Granted\"} x", &ev, why), PHYS_LINE_MALFORMED);
    char deep[200] = "{\"a\":";
    for (int i = 0; i < 40; i++) strcat(deep, "[");
    assert_int_equal(line(deep, &ev, why), PHYS_LINE_MALFORMED);
    assert_int_equal(line("{\"ts\":\"2026-11-30T09:00:00Z\",\"type\":null}", &ev, why), PHYS_LINE_MALFORMED);   /* null = absent */
    assert_int_equal(line("{\"ts\":\"2026-11-30T09:00:01Z\",\"type\":\"Granted\"}\r", &ev, why), PHYS_LINE_EVENT);
}

static const char syslog_profile[] =
    "[profile]\nformat = syslog\n[fields]\nkind = Event\ncamera = Camera\ndevice = @host\n"
    "[kinds]\n\"Communication Stopped\" = camera-offline\n\"*Signal Lost*\" = video-loss\n";

static void test_syslog(void **state)
{
    (void)state;
    load(syslog_profile);
    phys_event ev;
    char why[200];
    assert_int_equal(line("<14>1 2026-11-30T10:00:00.25Z vms-01 XProtect - ID1 [m@1 Event=\"Communication Stopped\" Camera=\"cam \\\"a\\\"\"] rest", &ev, why),
                     PHYS_LINE_EVENT);
    assert_int_equal(ev.kind, PHYS_CAMERA_OFFLINE);
    assert_string_equal(ev.value[PF_CAMERA], "cam \"a\"");
    assert_string_equal(ev.value[PF_DEVICE], "vms-01");
    assert_true(ev.ts == INT64_C(1796032800) * 1000000 + 250000);
    dec.year_hint = 2026;
    assert_int_equal(line("<14>Nov 30 10:05:00 vms-01 XProtect[7]: Event=\"Video Signal Lost\" Camera=cam-2", &ev, why), PHYS_LINE_EVENT);
    assert_string_equal(ev.value[PF_CAMERA], "cam-2");
    assert_true(ev.ts == INT64_C(1796033100) * 1000000);
    assert_int_equal(line("<14>Nov  3 10:05:00 vms-01 XProtect: Event=\"Video Signal Lost\"", &ev, why), PHYS_LINE_EVENT);
    assert_int_equal(line("<999>1 2026-11-30T10:00:00Z h a - - -", &ev, why), PHYS_LINE_MALFORMED);
    assert_int_equal(line("<14>1 2026-11-30T10:00:00Z h a - -", &ev, why), PHYS_LINE_MALFORMED);   /* truncated header */
    assert_int_equal(line("<14>1 2026-11-30T10:00:00Z h a - - [m@1 Event=\"x]", &ev, why), PHYS_LINE_MALFORMED);
    assert_int_equal(line("hello", &ev, why), PHYS_LINE_MALFORMED);
    assert_int_equal(line("<14>Nov 30 10:05", &ev, why), PHYS_LINE_MALFORMED);
}

static void test_profile_errors(void **state)
{
    (void)state;
    phys_profile p;
    unsigned l;
    char why[200];
    assert_false(phys_profile_parse("[profile]\nformat = xml\n", 22, &p, &l, why, sizeof why));
    assert_int_equal(l, 2);
    const char *t = "[profile]\nformat = csv\n[fields]\ntime = a\nkind = b\n[kinds]\nX = teleport\n";
    assert_false(phys_profile_parse(t, strlen(t), &p, &l, why, sizeof why));
    assert_int_equal(l, 7);
    assert_non_null(strstr(why, "teleport"));
    t = "[profile]\nformat = csv\n[fields]\ntime = a\n[kinds]\nX = granted\n";
    assert_false(phys_profile_parse(t, strlen(t), &p, &l, why, sizeof why));
    assert_non_null(strstr(why, "kind"));
    t = "[profile]\nformat = csv\ntime_format = %Q\n";
    assert_false(phys_profile_parse(t, strlen(t), &p, &l, why, sizeof why));
    assert_int_equal(l, 3);
}

static void test_glob_and_times(void **state)
{
    (void)state;
    assert_true(phys_glob_match("*forced*", "Door FORCED open", 16));
    assert_true(phys_glob_match("a*b*c", "axxbyyc", 7));
    assert_false(phys_glob_match("a*b*c", "axxbyy", 6));
    assert_true(phys_glob_match("*", "", 0));
    phys_profile p;
    memset(&p, 0, sizeof p);
    p.time_format = PHYS_TIME_PATTERN;
    snprintf(p.time_pattern, sizeof p.time_pattern, "%%m/%%d/%%Y %%I:%%M:%%S %%p");
    sw_time_us t;
    assert_true(phys_time_parse(&p, NULL, 0, "11/30/2026 12:00:00 AM", 22, &t));
    assert_true(t == INT64_C(1795996800) * 1000000);
    assert_false(phys_time_parse(&p, NULL, 0, "11/30/2026 13:00:00 PM", 22, &t));
    p.time_format = PHYS_TIME_EPOCH_MS;
    assert_true(phys_time_parse(&p, NULL, 0, "1796029200123", 13, &t));
    assert_true(t == INT64_C(1796029200123) * 1000);
    p.time_format = PHYS_TIME_ISO8601;
    assert_true(phys_time_parse(&p, NULL, 0, "2026-11-30 09:00:00,5 -0130", 27, &t));
    assert_true(t == (INT64_C(1796029200) + 5400) * 1000000 + 500000);
}

/* Every shipped profile parses (an example that does not load is a bug). */
static void test_shipped_profiles(void **state)
{
    (void)state;
    const char *names[] = { "generic-csv", "lenel-csv", "genetec-jsonl", "milestone-syslog" };
    const char *src = getenv("SEAWALL_SRC");
    for (size_t i = 0; i < 4; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/data/phys-profiles/%s.ini", src ? src : ".", names[i]);
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        char buf[8192];
        size_t n = fread(buf, 1, sizeof buf, f);
        fclose(f);
        phys_profile p;
        unsigned l;
        char why[200];
        bool ok = phys_profile_parse(buf, n, &p, &l, why, sizeof why);
        if (!ok) fprintf(stderr, "%s:%u: %s\n", path, l, why);
        assert_true(ok);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_good_quoted_crlf_bom),
        cmocka_unit_test(test_csv_malformed_then_good),
        cmocka_unit_test(test_csv_header_missing_column),
        cmocka_unit_test(test_huge_line_and_value),
        cmocka_unit_test(test_csv_no_header_numbered),
        cmocka_unit_test(test_line_cutter),
        cmocka_unit_test(test_jsonl),
        cmocka_unit_test(test_syslog),
        cmocka_unit_test(test_profile_errors),
        cmocka_unit_test(test_glob_and_times),
        cmocka_unit_test(test_shipped_profiles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
