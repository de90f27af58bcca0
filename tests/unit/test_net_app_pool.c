/* test_net_app_pool.c - parser state from size classes: blocks sized by the
 * parser, zeroed, reused after free, refused (and counted) when the region
 * or the state cap is used up; through the engine, flows beyond the pool go
 * on unparsed and the rest are parsed as before. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "net/app_pool.h"
#include "net/engine.h"
#include "net/proto/proto.h"
#include "proto_harness.h"

static void test_class_sizes(void **state)
{
    (void)state;
    assert_int_equal(app_pool_class_size(0), 64);
    assert_int_equal(app_pool_class_size(1), 64);
    assert_int_equal(app_pool_class_size(64), 64);
    assert_int_equal(app_pool_class_size(65), 128);
    assert_int_equal(app_pool_class_size(788), 1024);
    assert_int_equal(app_pool_class_size(7528), 8192);
    assert_int_equal(app_pool_class_size((size_t)64 << 11), (size_t)64 << 11);
    assert_int_equal(app_pool_class_size(((size_t)64 << 11) + 1), 0);   /* beyond the largest class */
}

static void test_alloc_zeroed_reused_and_bounded(void **state)
{
    (void)state;
    /* two slabs of region: one for the 1 KiB class, one for the 64 B class */
    app_pool *p = app_pool_create(2 * APP_POOL_SLAB, 0);
    assert_non_null(p);
    void *blocks[64];
    for (int i = 0; i < 64; i++) {
        blocks[i] = app_pool_alloc(p, 1000);
        assert_non_null(blocks[i]);
        assert_int_equal((uintptr_t)blocks[i] % 16, 0);
        for (int k = 0; k < 1000; k++) assert_int_equal(((uint8_t *)blocks[i])[k], 0);
        memset(blocks[i], 0xab, 1000);
    }
    void *small = app_pool_alloc(p, 10);   /* its own class: the second slab */
    assert_non_null(small);
    assert_null(app_pool_alloc(p, 1000));   /* the 1 KiB slab is full and the region too */
    assert_null(app_pool_alloc(p, 3000));   /* a new class cannot get a slab either */
    const app_pool_stats *st = app_pool_get_stats(p);
    assert_int_equal(st->exhausted, 2);
    assert_int_equal(st->in_use, 65);
    assert_int_equal(st->carved, 2 * APP_POOL_SLAB);
    app_pool_free(p, blocks[7], 1000);
    void *again = app_pool_alloc(p, 900);    /* same class: the freed block, zeroed again */
    assert_ptr_equal(again, blocks[7]);
    for (int k = 0; k < 900; k++) assert_int_equal(((uint8_t *)again)[k], 0);
    assert_int_equal(st->in_use, 65);
    assert_int_equal(st->peak, 65);
    assert_int_equal(st->allocs, 66);
    app_pool_destroy(p);
}

static void test_state_cap(void **state)
{
    (void)state;
    app_pool *p = app_pool_create(APP_POOL_DEFAULT_MEMCAP, 3);
    void *a = app_pool_alloc(p, 100), *b = app_pool_alloc(p, 5000), *c = app_pool_alloc(p, 8);
    assert_non_null(a); assert_non_null(b); assert_non_null(c);
    assert_null(app_pool_alloc(p, 8));
    assert_int_equal(app_pool_get_stats(p)->exhausted, 1);
    app_pool_free(p, b, 5000);
    assert_non_null(app_pool_alloc(p, 8));
    app_pool_destroy(p);
}

/* --- through the engine ------------------------------------------------------- */

typedef struct fb { uint8_t b[256]; size_t n; } fb;
static void put(fb *f, const void *p, size_t n) { if (n) memcpy(f->b + f->n, p, n); f->n += n; }
static void put16(fb *f, unsigned v) { f->b[f->n++] = (uint8_t)(v >> 8); f->b[f->n++] = (uint8_t)v; }
static void put32(fb *f, uint32_t v) { put16(f, v >> 16); put16(f, v & 0xffff); }

/* A Modbus read request from client port `sport` (a flow of its own). */
static fb modbus_request(uint16_t sport)
{
    static const uint8_t adu[] = { 0, 1, 0, 0, 0, 6, 1, 3, 0, 0, 0, 10 };
    static const uint8_t mac[12] = { 2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2 };
    fb f = { .n = 0 };
    put(&f, mac, 12); put16(&f, 0x0800);
    put16(&f, 0x4500); put16(&f, (unsigned)(40 + sizeof adu)); put32(&f, 0); put16(&f, 0x4006); put16(&f, 0);
    put32(&f, 0x0a280301); put32(&f, 0x0a28010b);
    put16(&f, sport); put16(&f, 502);
    put32(&f, 1000); put32(&f, 0); put16(&f, 0x5018); put16(&f, 8192); put32(&f, 0);
    put(&f, adu, sizeof adu);
    return f;
}

static void test_engine_pool_exhaustion_leaves_flows_unparsed(void **state)
{
    (void)state;
    harness_seen s;
    memset(&s, 0, sizeof s);
    obs_sink sink = harness_sink(&s);
    net_engine_config cfg;
    net_engine_config_default(&cfg);
    cfg.flow.capacity = 1024;
    cfg.app_memcap = APP_POOL_SLAB;          /* one slab: 64 KiB / 1 KiB Modbus blocks = 64 flows */
    net_engine *e = net_engine_create(&cfg, &sink);
    assert_non_null(e);
    size_t block = app_pool_class_size(proto_find("modbus")->state_size);
    uint32_t fit = (uint32_t)(APP_POOL_SLAB / block), flows = fit + 20;
    for (uint32_t i = 0; i < flows; i++) {
        fb f = modbus_request((uint16_t)(20000 + i));
        net_engine_packet(e, NET_LINK_ETHERNET, (sw_time_us)(i + 1) * 1000, i + 1, f.b, (uint32_t)f.n, (uint32_t)f.n);
    }
    net_engine_stats st;
    net_engine_get_stats(e, &st);
    assert_int_equal(st.app_flows[proto_index("modbus")], fit);
    assert_int_equal(st.app_slots_exhausted, 20);
    assert_int_equal(st.app_state->in_use, fit);
    assert_int_equal(s.n_ops, (int)(fit < HARNESS_MAX_OPS ? fit : HARNESS_MAX_OPS));
    assert_int_equal(st.flows->created, flows);
    net_engine_flush(e);
    net_engine_get_stats(e, &st);
    assert_int_equal(st.app_state->in_use, 0);        /* every state given back at flow end */
    /* after the flush the pool serves new flows again */
    fb f = modbus_request(7);
    net_engine_packet(e, NET_LINK_ETHERNET, (sw_time_us)(flows + 1) * 1000, flows + 1, f.b, (uint32_t)f.n, (uint32_t)f.n);
    net_engine_get_stats(e, &st);
    assert_int_equal(st.app_flows[proto_index("modbus")], fit + 1);
    assert_int_equal(st.app_slots_exhausted, 20);
    net_engine_destroy(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_class_sizes),
        cmocka_unit_test(test_alloc_zeroed_reused_and_bounded),
        cmocka_unit_test(test_state_cap),
        cmocka_unit_test(test_engine_pool_exhaustion_leaves_flows_unparsed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
