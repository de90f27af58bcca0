/* test_core_text.c - strbuf, edit distance, JSON writer and diagnostics. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <string.h>
#include "core/diag.h"
#include "core/json.h"
#include "core/strbuf.h"

static void test_strbuf_grows_and_formats(void **state)
{
    strbuf sb;
    strbuf_init(&sb);
    assert_string_equal(strbuf_cstr(&sb), "");
    for (int i = 0; i < 1000; i++) strbuf_printf(&sb, "%d,", i);
    assert_int_equal(sb.len, strlen(sb.data));
    assert_true(str_has_prefix(sb.data, "0,1,2,3,"));
    assert_non_null(strstr(sb.data, ",999,"));
    strbuf_reset(&sb);
    assert_int_equal(sb.len, 0);
    assert_string_equal(sb.data, "");
    strbuf_free(&sb);
}

static void test_edit_distance_and_suggest(void **state)
{
    assert_int_equal(str_edit_distance("criticality", "crticality", 5), 1);
    assert_int_equal(str_edit_distance("kitten", "sitting", 5), 3);
    assert_int_equal(str_edit_distance("", "abc", 5), 3);
    assert_int_equal(str_edit_distance("abcdef", "uvwxyz", 2), 3);   /* capped at max+1 */
    const char *const fields[] = { "id", "name", "zone", "criticality", "may_write" };
    assert_string_equal(str_suggest("crticality", fields, 5), "criticality");
    assert_string_equal(str_suggest("may-write", fields, 5), "may_write");
    assert_null(str_suggest("vendorname", fields, 5));
}

/* Parses out with jansson, the independent oracle for validity. */
static json_t *parse_or_fail(const char *text)
{
    json_error_t e;
    json_t *j = json_loads(text, JSON_DECODE_ANY, &e);
    if (!j) fail_msg("invalid JSON (%s): %s", e.text, text);
    return j;
}

static void test_json_writer_structure(void **state)
{
    strbuf sb;
    strbuf_init(&sb);
    json_writer w;
    jw_init(&w, &sb);
    jw_object_begin(&w);
    jw_kv_string(&w, "@timestamp", "2026-11-28T07:00:00Z");
    jw_key(&w, "threat.technique.id");
    jw_array_begin(&w);
    jw_string(&w, "T0855");
    jw_string(&w, "T0886");
    jw_array_end(&w);
    jw_kv_int(&w, "neg", -42);
    jw_kv_uint(&w, "big", UINT64_C(1) << 62);   /* jansson holds only int64 */
    jw_kv_double(&w, "lat", 38.7, 4);
    jw_kv_double(&w, "nan", 0.0 / 0.0, 2);
    jw_kv_bool(&w, "ok", true);
    jw_kv_string(&w, "none", NULL);
    jw_key(&w, "empty");
    jw_object_begin(&w);
    jw_object_end(&w);
    jw_object_end(&w);
    json_t *j = parse_or_fail(sb.data);
    assert_string_equal(json_string_value(json_object_get(j, "@timestamp")), "2026-11-28T07:00:00Z");
    assert_int_equal(json_array_size(json_object_get(j, "threat.technique.id")), 2);
    assert_int_equal(json_integer_value(json_object_get(j, "neg")), -42);
    assert_true(json_is_null(json_object_get(j, "nan")));
    assert_true(json_is_null(json_object_get(j, "none")));
    assert_true(json_is_true(json_object_get(j, "ok")));
    assert_true(json_integer_value(json_object_get(j, "big")) == (json_int_t)1 << 62);
    json_decref(j);
    strbuf_free(&sb);
}

static void test_json_escapes_controls_and_bad_utf8(void **state)
{
    strbuf sb;
    strbuf_init(&sb);
    json_writer w;
    jw_init(&w, &sb);
    const char raw[] = "q\"b\\s\n\t\x01\x1f caf\xc3\xa9 \xff\xfe \xe2\x82 \xed\xa0\x80 end";
    jw_string_n(&w, raw, sizeof raw - 1);
    json_t *j = parse_or_fail(sb.data);
    const char *s = json_string_value(j);
    assert_non_null(s);
    assert_true(str_has_prefix(s, "q\"b\\s\n\t\x01\x1f caf\xc3\xa9 "));
    /* Invalid bytes, a truncated sequence and a surrogate become U+FFFD. */
    assert_non_null(strstr(s, "\xef\xbf\xbd\xef\xbf\xbd \xef\xbf\xbd"));
    assert_non_null(strstr(s, " end"));
    json_decref(j);
    strbuf_free(&sb);
}

static void test_diag_sorted_and_formatted(void **state)
{
    diag_list d;
    diag_init(&d, "port.yaml");
    diag_add(&d, DIAG_ERROR, 12, 5, "unknown zone '%s'", "crane");
    diag_add(&d, DIAG_WARNING, 3, 1, "unknown field");
    diag_add(&d, DIAG_ERROR, 12, 2, "first on line 12");
    diag_sort(&d);
    assert_int_equal(d.errors, 2);
    assert_int_equal(d.warnings, 1);
    assert_int_equal(d.items[0].line, 3);
    assert_int_equal(d.items[1].col, 2);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    diag_print(&d, f);
    fclose(f);
    assert_non_null(strstr(buf, "port.yaml:12:5: error: unknown zone 'crane'\n"));
    assert_non_null(strstr(buf, "port.yaml:3:1: warning: unknown field\n"));
    free(buf);
    diag_free(&d);
}

static void test_diag_caps_its_list(void **state)
{
    diag_list d;
    diag_init(&d, "x");
    d.max = 5;
    for (int i = 0; i < 50; i++) diag_add(&d, DIAG_ERROR, (unsigned)i, 1, "e%d", i);
    assert_int_equal(d.len, 5);
    assert_int_equal(d.errors, 50);
    assert_true(d.truncated);
    diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strbuf_grows_and_formats),
        cmocka_unit_test(test_edit_distance_and_suggest),
        cmocka_unit_test(test_json_writer_structure),
        cmocka_unit_test(test_json_escapes_controls_and_bad_utf8),
        cmocka_unit_test(test_diag_sorted_and_formatted),
        cmocka_unit_test(test_diag_caps_its_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
