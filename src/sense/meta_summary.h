/* meta_summary.h - the bounded count of OBS_APP_META observations behind
 * `seawall sense`: events per protocol, and per key the number of values
 * and up to SUMMARY_META_VALUES distinct values with their counts. */
#ifndef SW_SENSE_META_SUMMARY_H
#define SW_SENSE_META_SUMMARY_H
#include <stdint.h>
#include <stdio.h>
#include "core/json.h"
#include "net/observe.h"

#define SUMMARY_META_KEYS 160        /* (protocol, key) pairs: ~75 in use with every IT parser */
#define SUMMARY_META_EVENTS 160      /* (protocol, event) pairs */
#define SUMMARY_META_VALUES 1000     /* distinct values kept per key */
#define SUMMARY_META_VALUE_MAX 255   /* longer values are cut */
#define SUMMARY_META_POOL (1u << 20) /* bytes of value text in all */

typedef struct summary_meta_value {
    uint64_t hash, count;
    uint32_t off;                    /* into the pool */
} summary_meta_value;

typedef struct summary_meta_key {
    const char *protocol, *key;      /* static strings from the parsers */
    uint64_t count, dropped;         /* values seen; values not kept */
    uint32_t n_values;
    summary_meta_value values[SUMMARY_META_VALUES];
} summary_meta_key;

typedef struct summary_meta {
    summary_meta_key keys[SUMMARY_META_KEYS];
    size_t n_keys;
    struct { const char *protocol, *event; uint64_t count, cleartext_credentials, default_credentials; } events[SUMMARY_META_EVENTS];
    size_t n_events;
    uint64_t dropped;                /* observations or keys beyond the tables */
    char pool[SUMMARY_META_POOL];
    uint32_t pool_used;
} summary_meta;

void summary_meta_add(summary_meta *m, const net_observation *o);
/* "meta": {protocol: {events: {..}, cleartext_credentials: N, default_credentials: N, keys: {key:
 * {count, distinct, dropped, values: [[value, count], ...]}}}} */
void summary_meta_json(const summary_meta *m, json_writer *w);
void summary_meta_print(const summary_meta *m, FILE *out);

#endif
