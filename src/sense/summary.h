/* summary.h - the observation consumer behind `seawall sense`'s report:
 * ICS operations by protocol and function code, device identities and
 * flow endings, printed as a table or written as JSON. */
#ifndef SW_SENSE_SUMMARY_H
#define SW_SENSE_SUMMARY_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "core/strbuf.h"
#include "net/engine.h"
#include "net/observe.h"
#include "sense/meta_summary.h"

#define SUMMARY_MAX_ICS_PROTOCOLS 16
#define SUMMARY_MAX_IDENTITIES 1024
#define SUMMARY_IDENTITY_SLOTS 2048   /* hash index over ids: a power of two, twice the table */
#define SUMMARY_MAX_WIDE_FUNCTIONS 64

/* A function number above 255 (an OPC UA service node id, a BACnet
 * unconfirmed service), kept in ascending order. */
typedef struct summary_wide_function {
    uint16_t function;
    const char *name;
    uint64_t requests, responses, exceptions;
} summary_wide_function;

typedef struct summary_ics {
    const char *protocol;        /* static string from the parser */
    const char *names[256];      /* function names as the parser gave them */
    uint64_t requests[256], responses[256], exceptions[256];
    uint64_t writes, controls, malformed, unpaired_responses;
    summary_wide_function wide[SUMMARY_MAX_WIDE_FUNCTIONS];
    size_t n_wide;
    uint64_t wide_dropped;       /* operations of wide functions beyond the table */
} summary_ics;

typedef struct summary_identity {
    char protocol[16];
    char server[46];
    uint32_t unit_id;
    char vendor[64], product[64], model[64], firmware[32], serial[32];
    char device_type[48];        /* empty when the protocol has none */
    char name[64], plant[64];    /* the device's own name and plant/location; empty when none */
    bool has_product_code;
    uint32_t product_code;
    uint64_t frame;
} summary_identity;

typedef struct sense_summary {
    summary_ics ics[SUMMARY_MAX_ICS_PROTOCOLS];
    size_t n_ics;
    summary_identity ids[SUMMARY_MAX_IDENTITIES];
    size_t n_ids;
    uint16_t id_index[SUMMARY_IDENTITY_SLOTS];   /* 1 + position in ids, 0 empty */
    uint64_t ids_dropped;
    uint64_t flows_ended[4];
    summary_meta meta;           /* OBS_APP_META: names, fingerprints, users */
} sense_summary;

/* The capture facts the report prints beside the engine's counters. */
typedef struct sense_run_info {
    size_t files;
    const char *const *inputs;
    size_t n_inputs;
    const char *iface;           /* live interface, or NULL */
    uint64_t input_errors;
    sw_time_us first_ts, last_ts;
    double wall_seconds;
    bool interrupted;
} sense_run_info;

void sense_summary_init(sense_summary *s);
obs_sink sense_summary_sink(sense_summary *s);
void sense_summary_print(const sense_summary *s, const net_engine_stats *st, const sense_run_info *ri, FILE *out);
void sense_summary_json(const sense_summary *s, const net_engine_stats *st, const sense_run_info *ri, strbuf *out);

#endif
