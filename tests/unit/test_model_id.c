/* test_model_id.c - the id rule the port-model loader and the REST API share
 * (model/model_id.h): its edges byte by byte, the words that explain a
 * refused id, and the loader reporting it on every kind of object. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/model.h"
#include "model/model_id.h"

/* The rule as docs/port-model.md states it, written independently. */
static bool oracle_char(int c)
{
    return c > 0 && c < 0x80 && strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:-", c);
}

static void expect_bad(const char *s, size_t want_at)
{
    size_t at = 9999;
    if (model_id_valid(s, &at)) fail_msg("accepted \"%s\"", s);
    if (at != want_at) fail_msg("\"%s\": bad_at %zu, want %zu", s, at, want_at);
    assert_false(model_id_valid(s, NULL));
}

static void test_every_byte(void **state)
{
    for (int c = 1; c < 256; c++) {
        char s[4] = { 'a', (char)c, 'b', 0 };
        bool want = oracle_char(c);
        if (model_id_char((unsigned char)c) != want) fail_msg("byte 0x%02x: model_id_char says %d", c, !want);
        size_t at = 9999;
        bool ok = model_id_valid(s, &at);
        if (ok != want) fail_msg("\"a\\x%02xb\": valid %d, want %d", c, ok, want);
        if (!ok && at != 1) fail_msg("\"a\\x%02xb\": bad_at %zu, want 1", c, at);
        s[0] = (char)c;   /* the first byte too */
        s[1] = 0;
        if (model_id_valid(s, NULL) != want) fail_msg("\"\\x%02x\" alone", c);
    }
}

static void test_edges(void **state)
{
    size_t at = 9999;
    expect_bad("", 0);
    assert_true(model_id_valid("a", &at));
    assert_int_equal(at, 9999);   /* untouched when valid */
    assert_true(model_id_valid("7", NULL));
    /* each allowed punctuation, alone, leading, inside and trailing */
    for (const char *p = "._:-"; *p; p++) {
        char s[8];
        snprintf(s, sizeof s, "%c", *p);
        assert_true(model_id_valid(s, NULL));
        snprintf(s, sizeof s, "%cx%cy%c", *p, *p, *p);
        assert_true(model_id_valid(s, NULL));
    }
    assert_true(model_id_valid("sts01-plc", NULL));
    assert_true(model_id_valid("T1.STS_01:plc-A", NULL));
    /* the bytes next to each allowed range */
    expect_bad("a/b", 1);
    expect_bad("a@", 1);
    expect_bad("[", 0);
    expect_bad("a`", 1);
    expect_bad("a{", 1);
    expect_bad("ab;", 2);
    expect_bad("crane 1", 5);
    expect_bad(" lead", 0);
    expect_bad("trail ", 5);
    expect_bad("a,b", 1);
    expect_bad("tab\there", 3);
    expect_bad("a\x7f", 1);
    expect_bad("gr\xc3\xba""a", 2);   /* U+00FA, UTF-8 */
    expect_bad("\xff", 0);
    expect_bad("plc/01", 3);
}

static void test_length_limit(void **state)
{
    char s[MODEL_ID_MAX + 8];
    memset(s, 'x', sizeof s);
    s[MODEL_ID_MAX] = 0;
    assert_true(model_id_valid(s, NULL));
    s[MODEL_ID_MAX] = 'x';
    s[MODEL_ID_MAX + 1] = 0;
    expect_bad(s, MODEL_ID_MAX);
    /* a bad byte inside the limit wins over the length */
    s[3] = ' ';
    expect_bad(s, 3);
    /* a bad byte past the limit: the length is what is wrong */
    s[3] = 'x';
    s[MODEL_ID_MAX] = '/';
    expect_bad(s, MODEL_ID_MAX);
    /* at most MODEL_ID_MAX + 1 bytes are read: no terminator needed past them (ASan checks) */
    char *raw = malloc(MODEL_ID_MAX + 1);
    assert_non_null(raw);
    memset(raw, 'y', MODEL_ID_MAX + 1);
    size_t at = 0;
    assert_false(model_id_valid(raw, &at));
    assert_int_equal(at, MODEL_ID_MAX);
    free(raw);
}

static void expect_explained(const char *s, const char *want)
{
    size_t at = 0;
    assert_false(model_id_valid(s, &at));
    strbuf sb;
    strbuf_init(&sb);
    model_id_explain(&sb, s, at);
    assert_string_equal(strbuf_cstr(&sb), want);
    strbuf_free(&sb);
}

static void test_explain(void **state)
{
    expect_explained("", "is empty");
    expect_explained("crane 1", "\"crane 1\" has ' ' at 6");
    expect_explained("plc/01", "\"plc/01\" has '/' at 4");
    expect_explained("o'neil", "\"o'neil\" has '\\'' at 2");
    expect_explained("a\"b", "\"a\\\"b\" has '\"' at 2");
    expect_explained("back\\slash", "\"back\\\\slash\" has '\\\\' at 5");
    expect_explained("tab\there", "\"tab\\there\" has '\\t' at 4");
    expect_explained("nl\n", "\"nl\\n\" has '\\n' at 3");
    expect_explained("bell\x07", "\"bell\\x07\" has byte 0x07 at 5");
    expect_explained("gr\xc3\xba""a", "\"gr\xc3\xba""a\" has '\xc3\xba' (U+00FA) at 3");
    expect_explained("ship\xe2\x9a\x93", "\"ship\xe2\x9a\x93\" has '\xe2\x9a\x93' (U+2693) at 5");
    expect_explained("x\xf0\x9f\x9a\xa2", "\"x\xf0\x9f\x9a\xa2\" has '\xf0\x9f\x9a\xa2' (U+1F6A2) at 2");
    /* not UTF-8: a lone continuation byte, an overlong form, a surrogate, a cut sequence */
    expect_explained("a\x80", "\"a\\x80\" has byte 0x80 at 2");
    expect_explained("\xc0\xaf", "\"\\xc0\\xaf\" has byte 0xc0 at 1");
    expect_explained("\xed\xa0\x80", "\"\\xed\\xa0\\x80\" has byte 0xed at 1");
    expect_explained("ab\xe2\x9a", "\"ab\\xe2\\x9a\" has byte 0xe2 at 3");
    /* too long: the id is cut after MODEL_ID_MAX bytes, its length given */
    char s[MODEL_ID_MAX + 30], want[MODEL_ID_MAX + 80];
    memset(s, 'z', MODEL_ID_MAX + 23);
    s[MODEL_ID_MAX + 23] = 0;
    snprintf(want, sizeof want, "\"%.*s...\" is %d bytes long", MODEL_ID_MAX, s, MODEL_ID_MAX + 23);
    expect_explained(s, want);
}

/* ---- the loader ------------------------------------------------------------ */

static port_model *load(const char *yaml, diag_list *d)
{
    diag_init(d, "t.yaml");
    port_model *m = model_load_buffer(yaml, strlen(yaml), "t.yaml", d);
    assert_non_null(m);
    return m;
}

static void expect_at(const diag_list *d, unsigned line, unsigned col, const char *text)
{
    for (size_t i = 0; i < d->len; i++)
        if (d->items[i].line == line && d->items[i].col == col && d->items[i].severity == DIAG_ERROR &&
            strstr(d->items[i].message, text))
            return;
    diag_print(d, stderr);
    fail_msg("no error at %u:%u containing \"%s\"", line, col, text);
}

#define RULE ": ids are 1 to 47 letters, digits, '.', '_', ':' or '-' (the API addresses objects by id)"

/* One bad id on every kind of object that declares one (docs/port-model.md). */
static const char bad_everywhere[] =
    "sites:\n"                                                                   /* 1 */
    "  - {id: 't 1'}\n"                                                          /* 2 */
    "zones:\n"                                                                   /* 3 */
    "  - {id: crane/ctl, domain: ot, networks: [10.40.1.0/24], site: t 1}\n"     /* 4 */
    "conduits:\n"                                                                /* 5 */
    "  - {id: 'c 1', from: crane/ctl, to: crane/ctl, services: [ssh], bidirectional: true}\n" /* 6 */
    "assets:\n"                                                                  /* 7 */
    "  - {id: crane 1, kind: plc, zone: crane/ctl, ip: 10.40.1.5}\n"             /* 8 */
    "  - {id: ais base, kind: ais-base, zone: crane/ctl, depends_on: [crane 1]}\n" /* 9 */
    "entry_points:\n"                                                            /* 10 */
    "  - {id: 'vpn,1', kind: remote-access, reaches: [crane/ctl]}\n"             /* 11 */
    "people:\n"                                                                  /* 12 */
    "  - {id: \"ana\\tcosta\", vendor: 'oem!'}\n"                                /* 13 */
    "vendors:\n"                                                                 /* 14 */
    "  - {id: 'oem!', remote_access: 'vpn,1', assets: [crane 1]}\n"              /* 15 */
    "areas:\n"                                                                   /* 16 */
    "  - {id: ot room, kind: ot-room, zone: crane/ctl}\n"                        /* 17 */
    "geography:\n"                                                               /* 18 */
    "  water: [{id: the sea, polygon: [[39.6, -9.4], [40.0, -9.4], [40.0, -9.0]]}]\n" /* 19 */
    "  land: [{id: 'sh@re', polygon: [[39.6, -9.0], [40.0, -9.0], [40.0, -8.8]]}]\n" /* 20 */
    "  fairways: [{id: 'main#', centerline: [[39.7, -9.2], [39.8, -9.0]]}]\n"    /* 21 */
    "  berths: [{id: 'b=1', lat: 39.795, lon: -8.99, radius_m: 50}]\n"           /* 22 */
    "  anchorages: [{id: 'alpha*', polygon: [[39.8, -9.3], [39.85, -9.3], [39.85, -9.2]]}]\n" /* 23 */
    "  ais_base_stations: [{id: ais base, mmsi: \"002631001\", lat: 39.807, lon: -8.98}]\n" /* 24 */
    "  aids_to_navigation: [{id: 'land~fall', mmsi: 992631001, lat: 39.77, lon: -9.1}]\n"; /* 25 */

static void test_loader_checks_every_kind(void **state)
{
    diag_list d;
    port_model *m = load(bad_everywhere, &d);
    expect_at(&d, 2, 10, "site id \"t 1\" has ' ' at 2" RULE);
    expect_at(&d, 4, 10, "zone id \"crane/ctl\" has '/' at 6" RULE);
    expect_at(&d, 6, 10, "conduit id \"c 1\" has ' ' at 2" RULE);
    expect_at(&d, 8, 10, "asset id \"crane 1\" has ' ' at 6" RULE);
    expect_at(&d, 9, 10, "asset id \"ais base\" has ' ' at 4");
    expect_at(&d, 11, 10, "entry point id \"vpn,1\" has ',' at 4");
    /* the tab is escaped in the id and named; model_diag would show a raw one as '?' */
    expect_at(&d, 13, 10, "person id \"ana\\tcosta\" has '\\t' at 4");
    expect_at(&d, 15, 10, "vendor id \"oem!\" has '!' at 4");
    expect_at(&d, 17, 10, "area id \"ot room\" has ' ' at 3");
    expect_at(&d, 19, 16, "area id \"the sea\" has ' ' at 4");
    expect_at(&d, 20, 15, "area id \"sh@re\" has '@' at 3");
    expect_at(&d, 21, 19, "fairway id \"main#\" has '#' at 5");
    expect_at(&d, 22, 17, "berth id \"b=1\" has '=' at 2");
    expect_at(&d, 23, 21, "anchorage id \"alpha*\" has '*' at 6");
    expect_at(&d, 24, 28, "AIS base station id \"ais base\" has ' ' at 4");
    expect_at(&d, 25, 29, "aid to navigation id \"land~fall\" has '~' at 5");
    /* One error per bad declaration and nothing else: references to a bad
     * id still resolve (zone site, conduit from/to, asset zone and
     * depends_on, reaches, person vendor, vendor remote_access and assets,
     * area zone), so a bad id is not also reported as unknown everywhere. */
    if (d.errors != 16) {
        diag_print(&d, stderr);
        fail_msg("%zu errors, want 16", (size_t)d.errors);
    }
    assert_int_equal(m->assets[1].depends_on.len, 1);
    assert_string_equal(m->assets[0].id, "crane 1");
    assert_int_equal(m->assets[0].zone_index, 0);
    model_free(m);
    diag_free(&d);
}

static void test_loader_edges(void **state)
{
    char yaml[512];
    diag_list d;
    /* the longest id loads clean, one byte more is refused at the id */
    char id[MODEL_ID_MAX + 2];
    memset(id, 'p', MODEL_ID_MAX);
    id[MODEL_ID_MAX] = 0;
    snprintf(yaml, sizeof yaml, "zones:\n  - {id: z, domain: ot, networks: [10.0.0.0/8]}\nassets:\n  - {id: %s, kind: plc, zone: z}\n", id);
    port_model *m = load(yaml, &d);
    if (d.len) { diag_print(&d, stderr); fail_msg("an id of %d bytes was refused", MODEL_ID_MAX); }
    model_free(m);
    diag_free(&d);
    strcat(id, "q");
    snprintf(yaml, sizeof yaml, "zones:\n  - {id: z, domain: ot, networks: [10.0.0.0/8]}\nassets:\n  - {id: %s, kind: plc, zone: z}\n", id);
    m = load(yaml, &d);
    char want[MODEL_ID_MAX + 200];
    snprintf(want, sizeof want, "asset id \"%.*s...\" is %d bytes long" RULE, MODEL_ID_MAX, id, MODEL_ID_MAX + 1);
    expect_at(&d, 4, 10, want);
    assert_int_equal(d.errors, 1);
    model_free(m);
    diag_free(&d);
    /* empty, in quotes: one error (the validator does not repeat it) */
    m = load("zones:\n  - {id: '', domain: ot, networks: [10.0.0.0/8]}\n", &d);
    expect_at(&d, 2, 10, "zone id is empty" RULE);
    assert_int_equal(d.errors, 1);
    model_free(m);
    diag_free(&d);
    /* numbers and words are ids as written */
    m = load("zones:\n  - {id: 2024, domain: ot, networks: [10.0.0.0/16]}\n  - {id: 'true', domain: it, networks: [10.1.0.0/16]}\n", &d);
    if (d.errors) { diag_print(&d, stderr); fail_msg("numeric and word ids refused"); }
    model_free(m);
    diag_free(&d);
    /* a merge key carrying a bad id reports it once, at the anchored value */
    m = load("x-base: &b {id: 'a b', kind: plc, zone: z}\n"
             "zones:\n  - {id: z, domain: ot, networks: [10.0.0.0/8]}\n"
             "assets:\n  - {<<: *b}\n", &d);
    expect_at(&d, 1, 17, "asset id \"a b\" has ' ' at 2");
    model_free(m);
    diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_byte),
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_length_limit),
        cmocka_unit_test(test_explain),
        cmocka_unit_test(test_loader_checks_every_kind),
        cmocka_unit_test(test_loader_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
