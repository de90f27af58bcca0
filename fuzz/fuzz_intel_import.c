/* fuzz_intel_import.c - any bytes given to the indicator importer (STIX
 * JSON or a plain list) must give indicators in normal form or problems,
 * never a crash, hang or unbounded memory; every indicator it gives must
 * go into the match table and match itself. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "detect/intel_import.h"

typedef struct ctx {
    detect_intel *t;
} ctx;

static void on_indicator(void *user, const detect_indicator *ind)
{
    ctx *c = user;
    char again[DETECT_IOC_MAX];
    detect_ioc_type type = ind->type;
    const char *why;
    /* The normal form is a fixed point. */
    if (!detect_ioc_normalise(&type, ind->value, strlen(ind->value), again, &why) || strcmp(again, ind->value) ||
        type != ind->type)
        abort();
    if (ind->valid_until && ind->valid_until <= ind->valid_from) abort();
    detect_indicator copy = *ind;
    copy.source = "fuzz";
    if (!detect_intel_add(c->t, &copy, &why)) {
        if (strstr(why, "full")) return;
        abort();
    }
    sw_time_us ts = ind->valid_from ? ind->valid_from : 1;
    if (ind->type == IOC_DOMAIN && !detect_intel_match_domain(c->t, ind->value, ts)) abort();
    if (ind->type == IOC_IPV4 || ind->type == IOC_IPV6) {
        ip_net n;
        if (!ip_net_parse(ind->value, &n, false) || !detect_intel_match_addr(c->t, &n.addr, ts)) abort();
    }
}

static void on_problem(void *user, const char *where, bool error, const char *msg)
{
    (void)user;
    if (!where || !msg || !*msg) abort();
    (void)error;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ctx c = { detect_intel_create(256) };
    if (!c.t) return 0;
    intel_import_sink sink = { on_indicator, on_problem, &c };
    intel_import_stats st;
    sw_error err = { 0 };
    sw_code rc = intel_import_parse((const char *)data, size, &sink, &st, &err);
    if (rc != SW_OK && rc != SW_ERR_PARSE) abort();
    if (st.indicators > 0 && rc != SW_OK) abort();
    /* The same bytes as names and addresses seen on the wire. */
    char text[300];
    size_t n = size < sizeof text - 1 ? size : sizeof text - 1;
    memcpy(text, data, n);
    text[n] = '\0';
    (void)detect_intel_match_domain(c.t, text, 1);
    (void)detect_intel_match_url(c.t, text, text, 1);
    ip_addr a;
    if (ip_parse(text, &a)) (void)detect_intel_match_addr(c.t, &a, 1);
    detect_intel_destroy(c.t);
    return 0;
}
