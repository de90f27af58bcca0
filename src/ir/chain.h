/* chain.h - the incident timeline's hash chain: each entry's hash is
 * SHA-256 over the previous entry's hash (hex) and the entry's canonical
 * JSON, so editing, reordering or removing any entry breaks every hash after it. */
#ifndef SW_IR_CHAIN_H
#define SW_IR_CHAIN_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/sha256.h"
#include "core/strbuf.h"
#include "core/timeutil.h"

/* The hash before the first entry: 64 zeros. */
extern const char ir_chain_genesis[SHA256_HEX_LEN];

typedef struct ir_entry {
    int64_t incident, seq;          /* seq counts from 1 with no gaps */
    sw_time_us ts;
    const char *kind, *actor;       /* actor: a person id, or "seawall" */
    const char *body;               /* a JSON object */
} ir_entry;

/* {"actor":..,"body":..,"incident":..,"kind":..,"seq":..,"ts":..}: keys
 * sorted, no spaces, the body re-serialised with sorted keys. False when the
 * body is not a JSON object. */
bool ir_entry_canonical(const ir_entry *e, strbuf *out);
/* SHA-256(prev_hex || canonical(e)) in hex; false when the body is not a JSON object. */
bool ir_entry_hash(const char *prev_hex, const ir_entry *e, char out[SHA256_HEX_LEN]);

/* Walks a stored timeline in seq order. */
typedef struct ir_chain_walk {
    int64_t incident, next_seq;
    char prev[SHA256_HEX_LEN];
    bool broken;
    int64_t broken_seq;
    char why[160];
} ir_chain_walk;

void ir_chain_walk_init(ir_chain_walk *w, int64_t incident);
/* Checks one stored row (the entry, the prev hash and hash stored with it).
 * False, with broken_seq and why set, on the first row that does not fit. */
bool ir_chain_walk_step(ir_chain_walk *w, const ir_entry *e, const char *stored_prev, const char *stored_hash);
/* After the last row: the chain must end at the head the incident records
 * (its entry count and last hash), which catches a removed tail. */
bool ir_chain_walk_finish(ir_chain_walk *w, int64_t head_count, const char *head_hash);

#endif
