/* test_correlate.c - the correlation engine on a hand-built port: each
 * linking rule (shared entity, pivot, attack graph, cross-domain zone,
 * person by account and badge), what must stay apart, determinism under
 * reordered batches, expiry, bounds under floods, the ECS reader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/prng.h"
#include "correlate/correlate.h"

static const char model_yaml[] =
    "port: {name: Testport, timezone: UTC}\n"
    "zones:\n"
    "  - {id: corp, domain: it, security_level: 2, networks: [10.10.0.0/16]}\n"
    "  - {id: eng, domain: ot, security_level: 3, networks: [10.22.0.0/24]}\n"
    "  - {id: crane, domain: ot, security_level: 3, networks: [10.31.0.0/24]}\n"
    "  - {id: cctv, domain: phys, security_level: 2, networks: [10.50.0.0/24]}\n"
    "  - {id: vts, domain: ot, security_level: 3, networks: [10.40.0.0/24]}\n"
    "  - {id: internet, domain: it, security_level: 0, networks: [0.0.0.0/0]}\n"
    "conduits:\n"
    "  - {from: corp, to: eng, services: [rdp], justification: remote engineering}\n"
    "  - {from: eng, to: crane, services: [s7comm, modbus], justification: programming}\n"
    "  - {from: cctv, to: corp, services: [syslog], justification: logs}\n"
    "assets:\n"
    "  - {id: ews-01, kind: eng-workstation, zone: eng, ip: 10.22.0.11}\n"
    "  - {id: ews-02, kind: eng-workstation, zone: eng, ip: 10.22.0.12}\n"
    "  - {id: plc-01, kind: plc, zone: crane, ip: 10.31.0.21, criticality: crown-jewel,\n"
    "     impact: {teu_per_hour: 30, safety: true}, rto_hours: 4}\n"
    "  - {id: cam-01, kind: camera, zone: cctv, ip: 10.50.0.61}\n"
    "  - {id: ws-01, kind: workstation, zone: corp, ip: 10.10.2.5}\n"
    "  - {id: vts-srv-01, kind: vts-server, zone: vts, ip: 10.40.0.10, criticality: high}\n"
    "  - {id: ais-bs-01, kind: ais-base, zone: vts, ip: 10.40.0.31}\n"
    "areas:\n"
    "  - {id: eroom, name: Crane electrical room, kind: electrical-room, zone: crane, assets: [plc-01]}\n"
    "people:\n"
    "  - {id: jdoe, name: J Doe, roles: [operator], badge: \"40121\", status: left, accounts: [jdoe]}\n";

#define MAX_GOT 64

typedef struct fixture {
    port_model *m;
    corr_engine *e;
    corr_config cfg;
    char *final[MAX_GOT];
    size_t n_final, n_update, n_merged;
} fixture;

static void collect(void *user, const corr_engine *e, const corr_candidate *c, corr_emit kind)
{
    fixture *f = user;
    if (kind == CORR_EMIT_UPDATE) { f->n_update++; return; }
    if (kind == CORR_EMIT_MERGED) { f->n_merged++; return; }
    strbuf sb;
    strbuf_init(&sb);
    corr_candidate_json(e, c, &sb);
    if (f->n_final < MAX_GOT) f->final[f->n_final++] = strdup(strbuf_cstr(&sb));
    strbuf_free(&sb);
}

static void reset(fixture *f)
{
    for (size_t i = 0; i < f->n_final; i++) free(f->final[i]);
    f->n_final = f->n_update = f->n_merged = 0;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    diag_list d;
    diag_init(&d, "t.yaml");
    f->m = model_load_buffer(model_yaml, sizeof model_yaml - 1, "t.yaml", &d);
    if (!f->m || d.errors) { diag_print(&d, stderr); return -1; }
    diag_free(&d);
    corr_config_default(&f->cfg);
    f->e = corr_create(f->m, &f->cfg, collect, f, NULL);
    *state = f;
    return f->e ? 0 : -1;
}

static int teardown(void **state)
{
    fixture *f = *state;
    reset(f);
    corr_destroy(f->e);
    model_free(f->m);
    free(f);
    return 0;
}

static void make(fixture *f, corr_alert *a, const char *fmt, va_list ap)
{
    char line[2048];
    vsnprintf(line, sizeof line, fmt, ap);
    sw_error err = { 0 };
    assert_int_equal(corr_alert_from_ecs(line, strlen(line), a, &err), SW_OK);
    corr_alert_finish(a, f->m);
}

/* One ECS line, printf-style, into the engine. */
static void add(fixture *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(fixture *f, const char *fmt, ...)
{
    corr_alert a;
    va_list ap;
    va_start(ap, fmt);
    make(f, &a, fmt, ap);
    va_end(ap);
    corr_add(f->e, &a);
}

#define NET(ts, rule, tech, src, dst) \
    "{\"@timestamp\":\"2026-01-01T" ts "Z\",\"event\":{\"dataset\":\"seawall.net\"},\"rule\":{\"id\":\"" rule \
    "\"},\"threat\":{\"technique\":{\"id\":[\"" tech "\"]}},\"source\":{\"ip\":\"" src \
    "\"},\"destination\":{\"ip\":\"" dst "\"},\"seawall\":{\"severity\":\"high\"}}"

static void test_pivot_chain(void **state)
{
    fixture *f = *state;
    add(f, NET("02:01:00", "SW-SCAN-HORIZONTAL", "T0846", "10.50.0.61", "10.22.0.11"));
    add(f, NET("02:05:00", "SW-SEG-VIOLATION", "T0886", "10.50.0.61", "10.22.0.11"));
    add(f, NET("02:09:00", "SW-ICS-WRITE-UNAUTH", "T0855", "10.22.0.11", "10.31.0.21"));
    corr_flush(f->e);
    assert_int_equal(f->n_final, 1);
    const char *j = f->final[0];
    assert_non_null(strstr(j, "\"alerts\":3"));
    assert_non_null(strstr(j, "linked because 10.22.0.11 (ews-01) was the target of SW-SEG-VIOLATION at 02:05:00 "
                              "and the source of SW-ICS-WRITE-UNAUTH at 02:09:00 (a pivot"));
    assert_non_null(strstr(j, "\"tactics\":[\"Initial Access\",\"Discovery\",\"Lateral Movement\",\"Impair Process Control\"]"));
    assert_non_null(strstr(j, "\"id\":\"plc-01\""));
    assert_non_null(strstr(j, "\"teu_per_hour\":30.0"));
    assert_non_null(strstr(j, "\"crown_jewel_at_stake\":true"));
    assert_non_null(strstr(j, "\"pivot\":true"));
    /* the id is the first alert's key, whatever joined later */
    corr_alert first;
    va_list none;
    (void)none;
    char line[1024];
    snprintf(line, sizeof line, NET("02:01:00", "SW-SCAN-HORIZONTAL", "T0846", "10.50.0.61", "10.22.0.11"));
    assert_int_equal(corr_alert_from_ecs(line, strlen(line), &first, NULL), SW_OK);
    corr_alert_finish(&first, f->m);
    char id[32];
    snprintf(id, sizeof id, "\"id\":\"C-%016llx\"", (unsigned long long)first.key);
    assert_non_null(strstr(j, id));
}

static void test_apart_and_window(void **state)
{
    fixture *f = *state;
    /* one rule alone is not a story */
    add(f, NET("01:00:00", "SW-SCAN-HORIZONTAL", "T0846", "10.10.2.5", "10.22.0.11"));
    /* unrelated hosts, zones not on a conduit path: apart */
    add(f, NET("01:00:10", "SW-ICS-WRITE-UNAUTH", "T0855", "10.40.0.10", "10.40.0.31"));
    corr_flush(f->e);
    assert_int_equal(f->n_final, 0);
    reset(f);
    /* the same address twice, but further apart than the window: two candidates */
    add(f, NET("03:00:00", "SW-A", "T0846", "10.10.9.9", "10.10.9.10"));
    add(f, NET("03:00:05", "SW-B", "T0846", "10.10.9.9", "10.10.9.10"));
    add(f, NET("04:00:00", "SW-A", "T0846", "10.10.9.9", "10.10.9.10"));
    add(f, NET("04:00:05", "SW-B", "T0846", "10.10.9.9", "10.10.9.10"));
    add(f, NET("04:03:00", "SW-C", "T0846", "10.10.7.7", "10.10.7.8"));
    /* the first closed when the window passed, before any flush (the
     * reorder buffer released 04:00 once 04:03 arrived) */
    assert_int_equal(f->n_final, 1);
    corr_flush(f->e);
    assert_int_equal(f->n_final, 2);
    assert_string_not_equal(f->final[0], f->final[1]);
}

/* A late alert (past the reorder delay, as when a sensor writes one feed
 * before another) links only within the window on both sides: the door
 * forced 45 min after the write it arrives behind must stay apart. */
static void test_late_alert_window(void **state)
{
    fixture *f = *state;
    add(f, "{\"@timestamp\":\"2026-01-01T03:45:00Z\",\"event\":{\"dataset\":\"seawall.phys\"},"
           "\"rule\":{\"id\":\"SW-PHYS-DOOR-FORCED\"},\"seawall\":{\"area\":\"eroom\",\"severity\":\"high\"}}");
    add(f, NET("03:50:00", "SW-C", "T0846", "10.10.7.7", "10.10.7.8"));   /* releases the door */
    add(f, NET("03:00:00", "SW-SCAN-VERTICAL", "T0846", "10.50.0.61", "10.31.0.21"));
    add(f, NET("03:00:30", "SW-ICS-WRITE-UNAUTH", "T0855", "10.50.0.61", "10.31.0.21"));
    corr_flush(f->e);
    assert_true(corr_get_stats(f->e)->late >= 1);
    assert_int_equal(f->n_final, 1);
    assert_non_null(strstr(f->final[0], "\"alerts\":2"));
    assert_null(strstr(f->final[0], "SW-PHYS-DOOR-FORCED"));
}

static void test_attack_graph(void **state)
{
    fixture *f = *state;
    /* corp -> eng lands in eng; then a different eng host -> crane (crown jewel):
     * no shared entity, one conduit step closer */
    add(f, NET("05:00:00", "SW-RDP-NEW", "T0886", "10.10.2.5", "10.22.0.11"));
    add(f, NET("05:03:00", "SW-ICS-WRITE-UNAUTH", "T0855", "10.22.0.12", "10.31.0.21"));
    corr_flush(f->e);
    assert_int_equal(f->n_final, 1);
    assert_non_null(strstr(f->final[0], "SW-ICS-WRITE-UNAUTH at 05:03:00 went from zone eng, where SW-RDP-NEW at "
                                        "05:00:00 landed, into zone crane: one conduit step closer to a crown jewel"));
    assert_non_null(strstr(f->final[0], "\"attack_graph\":true"));
    reset(f);
    /* a step without a conduit (cctv -> vts) or not towards the jewel does not link */
    add(f, NET("07:00:00", "SW-X", "T0846", "10.10.3.3", "10.50.0.61"));
    add(f, NET("07:01:00", "SW-Y", "T0846", "10.50.0.62", "10.40.0.50"));
    add(f, NET("07:02:00", "SW-Z", "T0846", "10.22.0.50", "10.10.4.4"));
    corr_flush(f->e);
    assert_int_equal(f->n_final, 0);
}

static void test_cross_domain(void **state)
{
    fixture *f = *state;
    /* a door forced at the crane e-room, then a new device on the crane network */
    add(f, "{\"@timestamp\":\"2026-01-01T03:00:00Z\",\"event\":{\"dataset\":\"seawall.phys\"},"
           "\"rule\":{\"id\":\"SW-PHYS-DOOR-FORCED\"},\"seawall\":{\"area\":\"eroom\",\"severity\":\"high\"}}");
    add(f, NET("03:04:00", "SW-ASSET-ROGUE", "T0848", "10.31.0.99", "10.31.0.21"));
    /* a dismissed employee's badge, then their account on the VPN */
    add(f, "{\"@timestamp\":\"2026-01-01T03:30:00Z\",\"event\":{\"dataset\":\"seawall.phys\"},"
           "\"rule\":{\"id\":\"SW-PHYS-BADGE-LEFT\"},\"seawall\":{\"badge\":\"40121\"}}");
    add(f, "{\"@timestamp\":\"2026-01-01T03:35:00Z\",\"event\":{\"dataset\":\"seawall.net\"},"
           "\"rule\":{\"id\":\"SW-REMOTE-LOGIN\"},\"user\":{\"name\":\"AURORA\\\\JDOE\"},"
           "\"source\":{\"ip\":\"203.0.113.7\"},\"destination\":{\"ip\":\"10.10.0.10\"}}");
    /* AIS spoofing while the VTS is under attack */
    add(f, NET("05:00:00", "SW-SCAN-HORIZONTAL", "T0846", "10.10.2.5", "10.40.0.10"));
    add(f, "{\"@timestamp\":\"2026-01-01T05:02:00.5Z\",\"event\":{\"dataset\":\"seawall.ais\"},"
           "\"rule\":{\"id\":\"SW-AIS-TELEPORT\"},\"threat\":{\"technique\":{\"id\":[\"T0856\"]}},"
           "\"seawall\":{\"ais\":{\"mmsi\":235009802}}}");
    corr_flush(f->e);
    assert_int_equal(f->n_final, 3);
    /* the room holds plc-01, which the rogue device then polls */
    assert_non_null(strstr(f->final[0], "linked because asset plc-01 was the target of SW-PHYS-DOOR-FORCED at 03:00:00 "
                                        "and the target of SW-ASSET-ROGUE at 03:04:00"));
    assert_non_null(strstr(f->final[0], "\"domains\":[\"net\",\"phys\"]"));
    assert_non_null(strstr(f->final[1], "linked because person jdoe was named in SW-PHYS-BADGE-LEFT at 03:30:00 and "
                                        "named in SW-REMOTE-LOGIN at 03:35:00"));
    assert_non_null(strstr(f->final[2], "both concern zone vts"));
    assert_non_null(strstr(f->final[2], "\"id\":\"ais-bs-01\""));
}

/* --- determinism ----------------------------------------------------------- */

static size_t random_alerts(corr_alert *out, size_t n, const port_model *m)
{
    static const char *const rules[] = { "SW-SCAN-HORIZONTAL", "SW-ICS-WRITE-UNAUTH", "SW-SEG-VIOLATION",
                                         "SW-ASSET-ROGUE", "SW-PHYS-DOOR-FORCED", "SW-AIS-TELEPORT" };
    static const char *const techs[] = { "T0846", "T0855", "T0886", "T0848", "T0822", "T0856" };
    static const char *const sets[] = { "seawall.net", "seawall.net", "seawall.net", "seawall.net",
                                        "seawall.phys", "seawall.ais" };
    prng r;
    prng_seed(&r, 42);
    sw_time_us t = 1767225600LL * SW_US_PER_SEC;
    for (size_t i = 0; i < n; i++) {
        char line[1024];
        unsigned k = (unsigned)prng_below(&r, 6);
        t += (sw_time_us)prng_below(&r, 20 * SW_US_PER_SEC);
        char ts[SW_TIME_STR_MAX];
        time_fmt_rfc3339(t, 6, ts);
        snprintf(line, sizeof line,
                 "{\"@timestamp\":\"%s\",\"event\":{\"dataset\":\"%s\"},\"rule\":{\"id\":\"%s\"},"
                 "\"threat\":{\"technique\":{\"id\":[\"%s\"]}},\"source\":{\"ip\":\"10.%u.0.%u\"},"
                 "\"destination\":{\"ip\":\"10.%u.0.%u\"},\"seawall\":{\"area\":\"%s\",\"ais\":{\"mmsi\":%u}}}",
                 ts, sets[k], rules[k], techs[k], prng_below(&r, 2) ? 22u : 31u, 1 + (unsigned)prng_below(&r, 250),
                 prng_below(&r, 2) ? 40u : 31u, 1 + (unsigned)prng_below(&r, 250), prng_below(&r, 40) ? "" : "eroom",
                 235000000u + (unsigned)prng_below(&r, 50));
        assert_int_equal(corr_alert_from_ecs(line, strlen(line), &out[i], NULL), SW_OK);
        corr_alert_finish(&out[i], m);
    }
    return n;
}

static char *run_all(fixture *f, const corr_alert *v, size_t n, size_t batch, uint64_t shuffle_seed)
{
    reset(f);
    corr_destroy(f->e);
    f->e = corr_create(f->m, &f->cfg, collect, f, NULL);
    assert_non_null(f->e);
    corr_alert *b = malloc(batch * sizeof *b);
    prng r;
    prng_seed(&r, shuffle_seed);
    for (size_t i = 0; i < n; i += batch) {
        size_t k = n - i < batch ? n - i : batch;
        memcpy(b, v + i, k * sizeof *b);
        for (size_t j = k; shuffle_seed && j > 1; j--) {      /* arrival order scrambled in the batch */
            size_t x = (size_t)prng_below(&r, j);
            corr_alert t = b[j - 1];
            b[j - 1] = b[x];
            b[x] = t;
        }
        for (size_t j = 0; j < k; j++) corr_add(f->e, &b[j]);
    }
    free(b);
    corr_flush(f->e);
    /* the set of final candidates, in id order */
    for (size_t i = 1; i < f->n_final; i++)
        for (size_t j = i; j > 0 && strcmp(f->final[j], f->final[j - 1]) < 0; j--) {
            char *t = f->final[j];
            f->final[j] = f->final[j - 1];
            f->final[j - 1] = t;
        }
    strbuf sb;
    strbuf_init(&sb);
    for (size_t i = 0; i < f->n_final; i++) {
        strbuf_puts(&sb, f->final[i]);
        strbuf_putc(&sb, '\n');
    }
    char *s = strdup(strbuf_cstr(&sb));
    strbuf_free(&sb);
    return s;
}

static void test_determinism(void **state)
{
    fixture *f = *state;
    enum { N = 3000 };
    corr_alert *v = malloc(N * sizeof *v);
    random_alerts(v, N, f->m);
    f->cfg.window = 10 * 60 * SW_US_PER_SEC;
    f->cfg.reorder = 10 * 60 * SW_US_PER_SEC;  /* 16 alerts span ~160 s on average, well inside */
    char *one = run_all(f, v, N, 1, 0);
    assert_true(f->n_merged > 0);                /* merges happen and must not change the outcome */
    assert_true(f->n_final > 3);                 /* the data makes stories, or the test proves nothing */
    char *whole = run_all(f, v, N, N, 0);
    char *shuffled = run_all(f, v, N, 16, 7);
    char *shuffled2 = run_all(f, v, N, 9, 99);
    assert_string_equal(one, whole);
    assert_string_equal(one, shuffled);
    assert_string_equal(one, shuffled2);
    const corr_stats *st = corr_get_stats(f->e);
    assert_int_equal(st->reorder_forced, 0);
    assert_int_equal(st->alerts, N);
    free(one);
    free(whole);
    free(shuffled);
    free(shuffled2);
    free(v);
}

static void count_snapshot(void *user, const corr_engine *e, const corr_candidate *c, corr_emit kind)
{
    size_t *n = user;
    corr_summary sum;
    corr_candidate_summary(e, c, &sum);
    assert_int_equal(kind, CORR_EMIT_UPDATE);
    assert_true(sum.alerts >= 2);
    (*n)++;
}

/* A live sensor: alerts one at a time with its clock advanced to each, a
 * short reorder delay and a snapshot every 50 alerts. No alert is late, so
 * the candidates are the batch ones, and snapshots name only what changed. */
static void test_live_advance(void **state)
{
    fixture *f = *state;
    enum { N = 3000 };
    corr_alert *v = malloc(N * sizeof *v);
    random_alerts(v, N, f->m);
    f->cfg.window = 10 * 60 * SW_US_PER_SEC;
    f->cfg.reorder = 10 * 60 * SW_US_PER_SEC;
    char *batch = run_all(f, v, N, N, 0);
    reset(f);
    corr_destroy(f->e);
    f->cfg.reorder = 10 * SW_US_PER_SEC;
    f->cfg.clocked = true;
    f->e = corr_create(f->m, &f->cfg, collect, f, NULL);
    size_t snapped = 0, finals_before = 0;
    for (size_t i = 0; i < N; i++) {
        corr_add(f->e, &v[i]);
        corr_advance(f->e, v[i].ts);
        if (i % 50 == 49) {
            corr_snapshot(f->e, count_snapshot, &snapped);
            size_t again = snapped;
            corr_snapshot(f->e, count_snapshot, &snapped);   /* nothing changed since: nothing again */
            assert_int_equal(snapped, again);
        }
    }
    finals_before = f->n_final;
    assert_true(snapped > 0);
    assert_true(finals_before > 0);                /* candidates closed while the input ran */
    corr_advance(f->e, v[N - 1].ts - 3600 * SW_US_PER_SEC);   /* the clock never goes back */
    corr_flush(f->e);
    assert_int_equal(corr_get_stats(f->e)->late, 0);
    /* the same set, sorted as run_all sorts it */
    for (size_t i = 1; i < f->n_final; i++)
        for (size_t j = i; j > 0 && strcmp(f->final[j], f->final[j - 1]) < 0; j--) {
            char *t = f->final[j];
            f->final[j] = f->final[j - 1];
            f->final[j - 1] = t;
        }
    strbuf sb;
    strbuf_init(&sb);
    for (size_t i = 0; i < f->n_final; i++) {
        strbuf_puts(&sb, f->final[i]);
        strbuf_putc(&sb, '\n');
    }
    assert_string_equal(strbuf_cstr(&sb), batch);
    strbuf_free(&sb);
    free(batch);
    free(v);
}

/* Clocked: an alert hours ahead of the clock (a file feed read before the
 * capture) waits for the clock instead of releasing everything before it,
 * so the capture's alerts are not late and link as in a batch run. */
static uint64_t clocked_run(fixture *f, bool clocked)
{
    reset(f);
    corr_destroy(f->e);
    f->cfg.reorder = 10 * SW_US_PER_SEC;
    f->cfg.clocked = clocked;
    f->e = corr_create(f->m, &f->cfg, collect, f, NULL);
    /* the access feed, read first: doors at 04:30 and 05:00 */
    add(f, "{\"@timestamp\":\"2026-01-01T04:30:00Z\",\"event\":{\"dataset\":\"seawall.phys\"},"
           "\"rule\":{\"id\":\"SW-PHYS-DOOR-FORCED\"},\"seawall\":{\"area\":\"eroom\"}}");
    add(f, "{\"@timestamp\":\"2026-01-01T05:00:00Z\",\"event\":{\"dataset\":\"seawall.phys\"},"
           "\"rule\":{\"id\":\"SW-PHYS-DOOR-HELD\"},\"seawall\":{\"area\":\"eroom\"}}");
    /* then the capture, from 04:00 */
    corr_advance(f->e, 1767240000LL * SW_US_PER_SEC);           /* 04:00:00 */
    add(f, NET("04:20:00", "SW-SCAN-HORIZONTAL", "T0846", "10.50.0.61", "10.31.0.21"));
    corr_advance(f->e, 1767241860LL * SW_US_PER_SEC);           /* 04:31:00 */
    add(f, NET("04:31:00", "SW-ICS-WRITE-UNAUTH", "T0855", "10.50.0.61", "10.31.0.21"));
    corr_advance(f->e, 1767243900LL * SW_US_PER_SEC);           /* 05:05:00 */
    corr_flush(f->e);
    return corr_get_stats(f->e)->late;
}

/* Clocked: alerts hours ahead of the clock (a file feed read before the
 * capture) wait for the clock instead of releasing everything before the
 * newest, so the capture's alerts are not late. Unclocked, they are. */
static void test_clocked_future(void **state)
{
    fixture *f = *state;
    assert_int_equal(clocked_run(f, false), 1);
    assert_int_equal(clocked_run(f, true), 0);
    assert_true(f->n_final >= 1);
}

/* An alert that arrives after the clock released a later one is late. */
static void test_advance_late(void **state)
{
    fixture *f = *state;
    add(f, NET("02:01:00", "SW-SCAN-HORIZONTAL", "T0846", "10.50.0.61", "10.22.0.11"));
    corr_advance(f->e, 1767232800LL * SW_US_PER_SEC);          /* 02:00:00: nothing released yet */
    assert_int_equal(corr_get_stats(f->e)->late, 0);
    corr_advance(f->e, 1767233000LL * SW_US_PER_SEC);          /* 02:03:20: 02:01:00 is released */
    add(f, NET("02:00:30", "SW-SEG-VIOLATION", "T0886", "10.50.0.61", "10.22.0.11"));
    assert_int_equal(corr_get_stats(f->e)->late, 1);
    corr_flush(f->e);
    assert_int_equal(f->n_final, 1);                            /* a late alert still links */
}

/* Exact copies keep the one whose origin sorts first, whatever the order. */
static void test_duplicate_ref(void **state)
{
    fixture *f = *state;
    corr_alert a, b, c;
    const char *line = NET("02:01:00", "SW-SCAN-HORIZONTAL", "T0846", "10.50.0.61", "10.22.0.11");
    const char *other = NET("02:01:30", "SW-SEG-VIOLATION", "T0886", "10.50.0.61", "10.22.0.11");
    for (int order = 0; order < 2; order++) {
        reset(f);
        corr_destroy(f->e);
        f->e = corr_create(f->m, &f->cfg, collect, f, NULL);
        assert_int_equal(corr_alert_from_ecs(line, strlen(line), &a, NULL), SW_OK);
        assert_int_equal(corr_alert_from_ecs(line, strlen(line), &b, NULL), SW_OK);
        assert_int_equal(corr_alert_from_ecs(other, strlen(other), &c, NULL), SW_OK);
        snprintf(a.ref, sizeof a.ref, "alerts.id 1");
        snprintf(b.ref, sizeof b.ref, "eve.json:7");
        corr_alert_finish(&a, f->m);
        corr_alert_finish(&b, f->m);
        corr_alert_finish(&c, f->m);
        corr_add(f->e, order ? &b : &a);
        corr_add(f->e, order ? &a : &b);
        corr_add(f->e, &c);
        corr_flush(f->e);
        assert_int_equal(f->n_final, 1);
        assert_non_null(strstr(f->final[0], "alerts.id 1"));
        assert_null(strstr(f->final[0], "eve.json:7"));
    }
}

static void test_duplicates(void **state)
{
    fixture *f = *state;
    for (int i = 0; i < 3; i++) add(f, NET("02:01:00", "SW-SCAN-HORIZONTAL", "T0846", "10.50.0.61", "10.22.0.11"));
    add(f, NET("02:02:00", "SW-SEG-VIOLATION", "T0886", "10.50.0.61", "10.22.0.11"));
    corr_flush(f->e);
    assert_int_equal(corr_get_stats(f->e)->duplicates, 2);
    assert_int_equal(f->n_final, 1);
    assert_non_null(strstr(f->final[0], "\"alerts\":2"));
}

static void test_bounds(void **state)
{
    fixture *f = *state;
    corr_destroy(f->e);
    f->cfg.groups = 16;
    f->cfg.entities = 64;
    f->cfg.evidence = 32;
    f->cfg.reorder_capacity = 8;
    f->cfg.max_evidence = 4;
    f->e = corr_create(f->m, &f->cfg, collect, f, NULL);
    size_t mem = corr_get_stats(f->e)->memory;
    corr_alert a;
    char line[512];
    /* a flood of distinct hosts: the tables evict instead of growing */
    for (unsigned i = 0; i < 20000; i++) {
        char ts[SW_TIME_STR_MAX];
        time_fmt_rfc3339(1767225600LL * SW_US_PER_SEC + (sw_time_us)i * 1000, 6, ts);
        snprintf(line, sizeof line,
                 "{\"@timestamp\":\"%s\",\"rule\":{\"id\":\"SW-R%u\"},\"source\":{\"ip\":\"10.%u.%u.%u\"},"
                 "\"destination\":{\"ip\":\"10.22.0.11\"}}",
                 ts, i % 3, 100 + i / 65536, (i / 256) % 256, i % 256);
        assert_int_equal(corr_alert_from_ecs(line, strlen(line), &a, NULL), SW_OK);
        corr_alert_finish(&a, f->m);
        corr_add(f->e, &a);
    }
    corr_flush(f->e);
    const corr_stats *st = corr_get_stats(f->e);
    assert_int_equal(st->memory, mem);
    assert_true(st->evidence_dropped > 0);       /* one giant group: ews-01 is in every alert */
    assert_int_equal(f->n_final, 1);
    assert_non_null(strstr(f->final[0], "\"alerts\":20000"));
    assert_non_null(strstr(f->final[0], "\"evidence_not_kept\":19996"));
    reset(f);
    /* distinct everything: groups and entities evict */
    for (unsigned i = 0; i < 5000; i++) {
        char ts[SW_TIME_STR_MAX];
        time_fmt_rfc3339(1767312000LL * SW_US_PER_SEC + (sw_time_us)i * 1000, 6, ts);
        snprintf(line, sizeof line,
                 "{\"@timestamp\":\"%s\",\"rule\":{\"id\":\"SW-R\"},\"source\":{\"ip\":\"10.%u.%u.1\"},"
                 "\"destination\":{\"ip\":\"10.%u.%u.2\"}}", ts, 100 + i / 256, i % 256, 100 + i / 256, i % 256);
        assert_int_equal(corr_alert_from_ecs(line, strlen(line), &a, NULL), SW_OK);
        corr_alert_finish(&a, f->m);
        corr_add(f->e, &a);
    }
    corr_flush(f->e);
    assert_true(st->group_evictions > 0);
    assert_true(st->entity_evictions > 0);
    assert_int_equal(st->memory, mem);
}

static void test_ecs_reader(void **state)
{
    (void)state;
    corr_alert a;
    sw_error err = { 0 };
    assert_int_equal(corr_alert_from_ecs("not json", 8, &a, &err), SW_ERR_PARSE);
    assert_non_null(strstr(err.msg, "not JSON"));
    assert_int_equal(corr_alert_from_ecs("[1]", 3, &a, &err), SW_ERR_PARSE);
    static const char no_ts[] = "{\"rule\":{\"id\":\"X\"}}";
    assert_int_equal(corr_alert_from_ecs(no_ts, sizeof no_ts - 1, &a, &err), SW_ERR_PARSE);
    assert_non_null(strstr(err.msg, "@timestamp"));
    static const char no_rule[] = "{\"@timestamp\":\"2026-01-01T00:00:00Z\"}";
    assert_int_equal(corr_alert_from_ecs(no_rule, sizeof no_rule - 1, &a, &err), SW_ERR_PARSE);
    assert_non_null(strstr(err.msg, "rule.id"));
    /* flattened keys, dashed MACs, technique as a string, numeric severity */
    static const char flat[] = "{\"@timestamp\":\"2026-01-01T00:00:00Z\",\"rule.id\":\"R\",\"event.severity\":4,"
                               "\"source\":{\"mac\":\"00-1B-1B-12-34-56\"},\"threat\":{\"technique\":{\"id\":\"T0846\"}},"
                               "\"seawall\":{\"ais\":{\"mmsis\":[1,2,-3]}}}";
    assert_int_equal(corr_alert_from_ecs(flat, sizeof flat - 1, &a, &err), SW_OK);
    assert_string_equal(a.rule, "R");
    assert_int_equal(a.severity, 3);
    assert_int_equal(a.n_tech, 1);
    assert_int_equal(a.n_ent, 3);
    assert_string_equal(a.ent[0].value, "00:1b:1b:12:34:56");
    assert_string_equal(a.ent[1].value, "000000001");
    assert_int_equal(a.domain, CORR_OTHER);
}

static void test_tactics(void **state)
{
    (void)state;
    assert_int_equal(corr_technique_tactics("T0846"), 1u << TACTIC_DISCOVERY);
    assert_int_equal(corr_technique_tactics("T0855"), 1u << TACTIC_IMPAIR_PROCESS);
    assert_int_equal(corr_technique_tactics("T0886"), (1u << TACTIC_INITIAL_ACCESS) | (1u << TACTIC_LATERAL_MOVEMENT));
    assert_int_equal(corr_technique_tactics("T1021.001"), 1u << TACTIC_LATERAL_MOVEMENT);
    assert_int_equal(corr_technique_tactics("T0800"), 1u << TACTIC_INHIBIT_RESPONSE);
    assert_int_equal(corr_technique_tactics("T1572"), 1u << TACTIC_COMMAND_CONTROL);
    assert_int_equal(corr_technique_tactics("T9999"), 0);
    assert_int_equal(corr_technique_tactics(""), 0);
    assert_string_equal(corr_tactic_name(TACTIC_IMPACT), "Impact");
    strbuf sb;
    strbuf_init(&sb);
    corr_tactics_text((1u << TACTIC_IMPACT) | (1u << TACTIC_DISCOVERY), &sb);
    assert_string_equal(strbuf_cstr(&sb), "Discovery > Impact");
    strbuf_free(&sb);
}

static void test_bad_config(void **state)
{
    (void)state;
    corr_config c;
    corr_config_default(&c);
    c.window = 0;
    sw_error err = { 0 };
    assert_null(corr_create(NULL, &c, NULL, NULL, &err));
    assert_int_equal(err.code, SW_ERR_USAGE);
    corr_config_default(&c);
    corr_engine *e = corr_create(NULL, &c, NULL, NULL, &err);   /* no model: still links by entity */
    assert_non_null(e);
    corr_destroy(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_pivot_chain, setup, teardown),
        cmocka_unit_test_setup_teardown(test_apart_and_window, setup, teardown),
        cmocka_unit_test_setup_teardown(test_late_alert_window, setup, teardown),
        cmocka_unit_test_setup_teardown(test_attack_graph, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cross_domain, setup, teardown),
        cmocka_unit_test_setup_teardown(test_determinism, setup, teardown),
        cmocka_unit_test_setup_teardown(test_duplicates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_live_advance, setup, teardown),
        cmocka_unit_test_setup_teardown(test_advance_late, setup, teardown),
        cmocka_unit_test_setup_teardown(test_clocked_future, setup, teardown),
        cmocka_unit_test_setup_teardown(test_duplicate_ref, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bounds, setup, teardown),
        cmocka_unit_test(test_ecs_reader),
        cmocka_unit_test(test_tactics),
        cmocka_unit_test(test_bad_config),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
