/* proto_harness.h - what the protocol-parser unit tests share: a recorder of
 * the observations a parser emits (strings copied, since the parser's own
 * buffers move on), a fixture holding one parser with its state and flow,
 * and hex-to-bytes plus delivery helpers. */
#ifndef SEAWALL_TESTS_PROTO_HARNESS_H
#define SEAWALL_TESTS_PROTO_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "net/proto/proto.h"

#define HARNESS_MAX_OPS 256
#define HARNESS_MAX_METAS 32
#define HARNESS_TEXT 128      /* an identity string or an op's text, kept */
#define HARNESS_VALUE 512     /* an app meta value, kept */

/* Everything seen, in order. Counters count every observation; the arrays
 * keep the first HARNESS_MAX_* of them (n_ops stops at the bound). */
typedef struct harness_seen {
    int n_ops;
    obs_ics_op ops[HARNESS_MAX_OPS];
    net_dir dirs[HARNESS_MAX_OPS];
    char op_text[HARNESS_MAX_OPS][HARNESS_TEXT];  /* from the fixture's op_text_of */

    int n_ids;                   /* the last identity: */
    obs_identity id;             /* its string pointers aim at the copies below */
    net_dir id_dir;
    char vendor[HARNESS_TEXT], product[HARNESS_TEXT], firmware[HARNESS_TEXT], serial[HARNESS_TEXT],
        model[HARNESS_TEXT], name[HARNESS_TEXT], url[HARNESS_TEXT], device_type[HARNESS_TEXT],
        plant[HARNESS_TEXT];

    int n_metas;
    char protocol[HARNESS_MAX_METAS][16], event[HARNESS_MAX_METAS][24];
    bool clear[HARNESS_MAX_METAS];
    const char *default_id[HARNESS_MAX_METAS];   /* the vendor default matched (defcred.def id), or NULL */
    bool accepted[HARNESS_MAX_METAS];            /* default_accepted */
    size_t nkv[HARNESS_MAX_METAS];
    char key[HARNESS_MAX_METAS][OBS_META_MAX][24], val[HARNESS_MAX_METAS][OBS_META_MAX][HARNESS_VALUE];

    int n_flows_ended, n_detected;
} harness_seen;

/* Per-op text a test wants kept (an S7 service, a CIP tag, ...), or NULL. */
typedef const char *harness_op_text_fn(const obs_ics_op *op);

void harness_record(harness_seen *s, const net_observation *o, harness_op_text_fn *op_text_of);
/* A sink recording into s (for the engine-level tests). */
obs_sink harness_sink(harness_seen *s);
/* The nth value of key in app meta i, or NULL. */
const char *harness_meta_get(const harness_seen *s, int i, const char *key, int nth);

typedef struct harness_fixture {
    const proto_parser *pp;
    void *state;
    harness_seen seen;
    net_flow flow;
    obs_sink sink;
    proto_ctx ctx;
    harness_op_text_fn *op_text_of;
} harness_fixture;

/* cmocka setup/teardown: *state becomes a fixture for the named parser. */
int harness_setup(void **state, const char *parser_name);
int harness_teardown(void **state);

/* Bytes from hex such as "01 02ab"; spaces are skipped; fails the test past cap. */
size_t harness_hex(uint8_t *out, size_t cap, const char *hex);

void harness_to_server(harness_fixture *f, const uint8_t *d, size_t n);
void harness_to_client(harness_fixture *f, const uint8_t *d, size_t n);
void harness_feed(harness_fixture *f, net_dir dir, const uint8_t *d, size_t n);
void harness_gap(harness_fixture *f, net_dir dir, uint32_t len);
void harness_end(harness_fixture *f);   /* the flow ended (the parser's end, if it has one) */

#endif
