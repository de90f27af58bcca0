/* test_intel_import.c - STIX 2.1 bundles and plain lists into indicators:
 * patterns with OR, IN, ISSUBSET and network-traffic references, cyber
 * observables, validity, revoked and unsupported objects, and malformed
 * bundles, patterns and lines reported with their position, never fatal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "detect/intel_import.h"

typedef struct got {
    char values[32][128];
    detect_ioc_type types[32];
    char names[32][64];
    sw_time_us from[32], until[32];
    size_t n;
    char problems[32][256];
    bool errors[32];
    size_t n_problems;
} got;

static void on_ind(void *user, const detect_indicator *ind)
{
    got *g = user;
    if (g->n == 32) return;
    snprintf(g->values[g->n], sizeof g->values[0], "%s", ind->value);
    snprintf(g->names[g->n], sizeof g->names[0], "%s", ind->name ? ind->name : "");
    g->types[g->n] = ind->type;
    g->from[g->n] = ind->valid_from;
    g->until[g->n] = ind->valid_until;
    g->n++;
}

static void on_problem(void *user, const char *where, bool error, const char *msg)
{
    got *g = user;
    if (g->n_problems == 32) return;
    snprintf(g->problems[g->n_problems], sizeof g->problems[0], "%s: %s", where, msg);
    g->errors[g->n_problems++] = error;
}

static sw_code parse(const char *text, got *g, intel_import_stats *st, sw_error *err)
{
    memset(g, 0, sizeof *g);
    intel_import_sink sink = { on_ind, on_problem, g };
    return intel_import_parse(text, strlen(text), &sink, st, err);
}

static bool has_value(const got *g, detect_ioc_type t, const char *v)
{
    for (size_t i = 0; i < g->n; i++)
        if (g->types[i] == t && !strcmp(g->values[i], v)) return true;
    return false;
}

static bool has_problem(const got *g, const char *where, const char *what)
{
    for (size_t i = 0; i < g->n_problems; i++)
        if (strstr(g->problems[i], where) && strstr(g->problems[i], what)) return true;
    return false;
}

static const char bundle[] =
    "{\"type\": \"bundle\", \"id\": \"bundle--1\", \"objects\": [\n"
    " {\"type\": \"identity\", \"id\": \"identity--1\", \"name\": \"Port CERT\"},\n"
    " {\"type\": \"indicator\", \"spec_version\": \"2.1\", \"id\": \"indicator--1\", \"name\": \"C2 set\",\n"
    "  \"pattern\": \"[domain-name:value = 'C2.Evil.example' OR ipv4-addr:value = '203.0.113.7'] OR [ipv6-addr:value = '2001:db8::/32']\",\n"
    "  \"pattern_type\": \"stix\", \"valid_from\": \"2025-01-01T00:00:00Z\", \"valid_until\": \"2027-01-01T00:00:00.5Z\"},\n"
    " {\"type\": \"indicator\", \"id\": \"indicator--2\", \"pattern\": \"([ipv4-addr:value ISSUBSET '198.51.100.0/24'])\",\n"
    "  \"pattern_type\": \"stix\", \"valid_from\": \"2025-01-01T00:00:00Z\"},\n"
    " {\"type\": \"indicator\", \"id\": \"indicator--3\", \"pattern\": \"[url:value IN ('http://a.example/x', 'http://b.example/y')]\",\n"
    "  \"pattern_type\": \"stix\", \"valid_from\": \"2025-01-01T00:00:00Z\"},\n"
    " {\"type\": \"indicator\", \"id\": \"indicator--4\", \"pattern\": \"[network-traffic:dst_ref.value = '192.0.2.66' OR file:hashes.'SHA-256' = 'ab']\",\n"
    "  \"pattern_type\": \"stix\", \"valid_from\": \"2025-01-01T00:00:00Z\"},\n"
    " {\"type\": \"domain-name\", \"id\": \"domain-name--5\", \"value\": \"sco.example\"},\n"
    " {\"type\": \"ipv4-addr\", \"id\": \"ipv4-addr--6\", \"value\": \"192.0.2.77\"},\n"
    " {\"type\": \"indicator\", \"id\": \"indicator--7\", \"pattern\": \"[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']\",\n"
    "  \"pattern_type\": \"stix\", \"valid_from\": \"2025-01-01T00:00:00Z\"},\n"
    " {\"type\": \"indicator\", \"id\": \"indicator--8\", \"pattern\": \"alert tcp any any -> any any\", \"pattern_type\": \"snort\",\n"
    "  \"valid_from\": \"2025-01-01T00:00:00Z\"},\n"
    " {\"type\": \"indicator\", \"id\": \"indicator--9\", \"pattern\": \"[domain-name:value = 'gone.example']\", \"revoked\": true,\n"
    "  \"pattern_type\": \"stix\", \"valid_from\": \"2025-01-01T00:00:00Z\"},\n"
    " {\"type\": \"indicator\", \"id\": \"indicator--10\", \"pattern\": \"[domain-name:value = 'x.example' AND domain-name:value = 'y.example']\",\n"
    "  \"pattern_type\": \"stix\", \"valid_from\": \"2025-01-01T00:00:00Z\"},\n"
    " {\"type\": \"indicator\", \"id\": \"indicator--11\", \"pattern\": \"[domain-name:value = 'unterminated.example]\",\n"
    "  \"pattern_type\": \"stix\", \"valid_from\": \"2025-01-01T00:00:00Z\"},\n"
    " {\"type\": \"indicator\", \"id\": \"indicator--12\", \"pattern\": \"[ipv4-addr:value = '10.0.0.1/8']\",\n"
    "  \"pattern_type\": \"stix\", \"valid_from\": \"2025-01-01T00:00:00Z\"},\n"
    " {\"type\": \"indicator\", \"id\": \"indicator--13\", \"pattern\": \"[domain-name:value = 'late.example']\",\n"
    "  \"pattern_type\": \"stix\", \"valid_from\": \"2026-01-01T00:00:00Z\", \"valid_until\": \"2025-01-01T00:00:00Z\"},\n"
    " {\"type\": \"indicator\", \"id\": \"indicator--14\", \"pattern\": \"[domain-name:value = 'w.example'] WITHIN 60 SECONDS\",\n"
    "  \"pattern_type\": \"stix\", \"valid_from\": \"2025-01-01T00:00:00Z\"},\n"
    " {\"type\": \"indicator\", \"id\": \"indicator--15\", \"pattern_type\": \"stix\"},\n"
    " {\"type\": \"indicator\", \"id\": \"indicator--16\", \"pattern\": \"[domain-name:value = 'esc\\\\'aped.example']\",\n"
    "  \"pattern_type\": \"stix\", \"valid_from\": \"yesterday\"},\n"
    " 42,\n"
    " {\"type\": \"indicator\", \"id\": \"indicator--18\", \"pattern\": \"[domain-name:value = 'after.example']\",\n"
    "  \"pattern_type\": \"stix\", \"valid_from\": \"2025-01-01T00:00:00Z\"}\n"
    "]}\n";

static void test_bundle(void **state)
{
    (void)state;
    got g;
    intel_import_stats st;
    sw_error err = { 0 };
    assert_int_equal(parse(bundle, &g, &st, &err), SW_OK);
    assert_string_equal(st.format, "stix");
    assert_int_equal(st.items, 19);
    /* OR inside and across observation expressions, normalised */
    assert_true(has_value(&g, IOC_DOMAIN, "c2.evil.example"));
    assert_true(has_value(&g, IOC_IPV4, "203.0.113.7"));
    assert_true(has_value(&g, IOC_IPV6, "2001:db8::/32"));
    assert_string_equal(g.names[0], "C2 set");
    assert_true(g.from[0] > 0 && g.until[0] == g.from[0] + (sw_time_us)(2 * 365 * 86400) * 1000000 + 500000);
    assert_true(has_value(&g, IOC_IPV4, "198.51.100.0/24"));
    assert_true(has_value(&g, IOC_URL, "http://a.example/x") && has_value(&g, IOC_URL, "http://b.example/y"));
    /* OR with an unmatchable comparison keeps the matchable one */
    assert_true(has_value(&g, IOC_IPV4, "192.0.2.66"));
    assert_true(has_value(&g, IOC_DOMAIN, "sco.example") && has_value(&g, IOC_IPV4, "192.0.2.77"));
    /* an error never stops the rest */
    assert_true(has_value(&g, IOC_DOMAIN, "after.example"));
    assert_int_equal(st.indicators, g.n);
    assert_int_equal(g.n, 10);
    assert_false(has_value(&g, IOC_DOMAIN, "gone.example"));
    assert_false(has_value(&g, IOC_DOMAIN, "x.example"));
    assert_false(has_value(&g, IOC_DOMAIN, "w.example"));
    assert_int_equal(st.revoked, 1);
    assert_int_equal(st.unsupported, 4);    /* MD5, snort, AND, WITHIN */
    assert_true(has_problem(&g, "objects[7] (indicator--7)", "no comparison"));
    assert_true(has_problem(&g, "objects[8]", "snort"));
    assert_true(has_problem(&g, "objects[10]", "AND"));
    assert_true(has_problem(&g, "objects[14]", "qualifiers"));
    /* errors: unterminated string, host bits, valid_until before valid_from,
     * no pattern, a bad timestamp, a non-object */
    assert_int_equal(st.errors, 6);
    assert_true(has_problem(&g, "objects[11] (indicator--11)", "syntax"));
    assert_true(has_problem(&g, "objects[12]", "host bits"));
    assert_true(has_problem(&g, "objects[13]", "valid_until"));
    assert_true(has_problem(&g, "objects[15]", "without a pattern"));
    assert_true(has_problem(&g, "objects[16]", "valid_from"));
    assert_true(has_problem(&g, "objects[17]", "not a STIX object"));
}

static void test_single_object_and_array(void **state)
{
    (void)state;
    got g;
    intel_import_stats st;
    sw_error err = { 0 };
    assert_int_equal(parse("{\"type\":\"indicator\",\"pattern\":\"[domain-name:value='one.example']\","
                           "\"pattern_type\":\"stix\",\"valid_from\":\"2025-01-01T00:00:00Z\"}", &g, &st, &err), SW_OK);
    assert_int_equal(g.n, 1);
    assert_int_equal(parse("[{\"type\":\"url\",\"value\":\"http://z.example\"}]", &g, &st, &err), SW_OK);
    assert_true(has_value(&g, IOC_URL, "http://z.example/"));
}

static void test_malformed_json(void **state)
{
    (void)state;
    got g;
    intel_import_stats st;
    sw_error err = { 0 };
    assert_int_equal(parse("{\"type\": \"bundle\",\n \"objects\": [ {\"type\": }\n]}", &g, &st, &err), SW_ERR_PARSE);
    assert_non_null(strstr(err.msg, "line 2"));
    assert_int_equal(g.n, 0);
    assert_int_equal(parse("{\"hello\": 1}", &g, &st, &err), SW_ERR_PARSE);
    assert_int_equal(parse("{\"type\": \"bundle\", \"objects\": 3}", &g, &st, &err), SW_ERR_PARSE);
    /* a bundle without objects is empty, not an error */
    assert_int_equal(parse("{\"type\": \"bundle\"}", &g, &st, &err), SW_OK);
    assert_int_equal(st.items, 0);
    /* pattern syntax errors of every kind are reported, not fatal */
    static const char *const bad[] = {
        "", "[", "]", "[domain-name:value]", "[domain-name:value = ]", "[domain-name:value = 'a.b'",
        "[domain-name:value = 'a.b'))", "((([domain-name:value = 'a.b']", "[x = 'a.b']",
        "[domain-name:value IN ('a.b' 'c.d')]", "[domain-name:value = 'a.b'] junk", "[domain-name:value = 'a\\x']",
        "[domain-name:value ! 'a.b']",
    };
    char doc[512];
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        snprintf(doc, sizeof doc, "{\"type\":\"indicator\",\"id\":\"indicator--x\",\"pattern_type\":\"stix\",\"pattern\":\"");
        size_t n = strlen(doc);
        for (const char *p = bad[i]; *p && n + 4 < sizeof doc; p++) {
            if (*p == '\\' || *p == '"') doc[n++] = '\\';
            doc[n++] = *p;
        }
        snprintf(doc + n, sizeof doc - n, "\"}");
        assert_int_equal(parse(doc, &g, &st, &err), SW_OK);
        if (g.n != 0 || st.errors != 1) fail_msg("pattern %zu <%s>: %zu indicators, %zu errors", i, bad[i], g.n, st.errors);
    }
}

static void test_plain_list(void **state)
{
    (void)state;
    got g;
    intel_import_stats st;
    sw_error err = { 0 };
    const char list[] =
        "\xef\xbb\xbf# Port CERT blocklist\r\n"
        "evil.example\r\n"
        "  *.Wild.Example   # wildcard\n"
        "\n"
        "192.0.2.1\n"
        "10.0.0.0/8\n"
        "2001:db8::1\n"
        "http://drop.example/a.exe\n"
        "10.0.0.1/8\n"
        "two words\n"
        "999.1.1.1\n"
        "tld\n"
        "last.example";
    assert_int_equal(parse(list, &g, &st, &err), SW_OK);
    assert_string_equal(st.format, "list");
    assert_int_equal(st.items, 11);
    assert_int_equal(g.n, 7);
    assert_true(has_value(&g, IOC_DOMAIN, "evil.example"));
    assert_true(has_value(&g, IOC_DOMAIN, "wild.example"));
    assert_true(has_value(&g, IOC_IPV4, "192.0.2.1"));
    assert_true(has_value(&g, IOC_IPV4, "10.0.0.0/8"));
    assert_true(has_value(&g, IOC_IPV6, "2001:db8::1"));
    assert_true(has_value(&g, IOC_URL, "http://drop.example/a.exe"));
    assert_true(has_value(&g, IOC_DOMAIN, "last.example"));
    assert_int_equal(st.errors, 4);
    assert_true(has_problem(&g, "line 9", "host bits"));
    assert_true(has_problem(&g, "line 10", "one indicator a line"));
    assert_true(has_problem(&g, "line 11", "not an address"));
    assert_true(has_problem(&g, "line 12", "two labels"));
    for (size_t i = 0; i < g.n_problems; i++) assert_true(g.errors[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bundle),
        cmocka_unit_test(test_single_object_and_array),
        cmocka_unit_test(test_malformed_json),
        cmocka_unit_test(test_plain_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
