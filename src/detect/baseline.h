/* baseline.h - the learned baseline of OT assets: who talks to each asset
 * (peer, role, service) and which ICS functions it receives. A bounded set
 * of fingerprints the CLI fills from the store; --learn reports new items. */
#ifndef SW_DETECT_BASELINE_H
#define SW_DETECT_BASELINE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "detect/detect.h"

/* One peer of an OT asset. The asset is the server when the peer opened
 * the flow. service: the parser's name ("modbus"), else "tcp/8080",
 * "udp/161" or the transport's name ("icmp"). */
typedef struct detect_talker {
    const char *asset_id;
    ip_addr peer;
    bool asset_is_server;
    const char *service;
} detect_talker;

/* One ICS request function an OT asset received. function and subfunction
 * are -1 when absent (a protocol with no function code, no sub-function). */
typedef struct detect_function {
    const char *asset_id;
    const char *protocol;
    int32_t function, subfunction;
} detect_function;

typedef struct detect_baseline detect_baseline;

/* Room for `capacity` items (a talker takes two: the peer and the asset's
 * service). NULL when out of memory. */
detect_baseline *detect_baseline_create(uint32_t capacity);
void detect_baseline_destroy(detect_baseline *b);
/* False when the set is full (the item is not added). Adding an item the
 * set holds is true and changes nothing. */
bool detect_baseline_add_talker(detect_baseline *b, const detect_talker *t);
bool detect_baseline_add_function(detect_baseline *b, const detect_function *f);
bool detect_baseline_has_talker(const detect_baseline *b, const detect_talker *t);
/* Has the asset used (or offered) this service with any peer? */
bool detect_baseline_has_service(const detect_baseline *b, const char *asset_id, bool asset_is_server,
                                 const char *service);
bool detect_baseline_has_function(const detect_baseline *b, const detect_function *f);
size_t detect_baseline_size(const detect_baseline *b);      /* items held */
size_t detect_baseline_capacity(const detect_baseline *b);
size_t detect_baseline_memory(const detect_baseline *b);    /* bytes, fixed at creation */

/* What --learn reports, once per item new to the baseline. Strings live
 * only during the call. */
typedef struct detect_learned {
    bool is_function;
    detect_talker talker;
    detect_function function;
    const char *function_name;   /* the parser's name for the function, or NULL */
    sw_time_us ts;
} detect_learned;
typedef void (*detect_learn_fn)(void *user, const detect_learned *l);

/* Hands the engine a baseline (it must outlive the engine). With `learn`
 * NULL the SW-BASE-* rules fire on what the baseline lacks; with `learn`
 * set, what it lacks is added to it and reported, and no SW-BASE alert
 * fires. Without a baseline the family does nothing. */
void detect_set_baseline(detect_engine *e, detect_baseline *b, detect_learn_fn learn, void *user);

/* Is this asset one the baseline covers (its zone is OT; physical security
 * too with detect_config.baseline_phys)? */
bool detect_baseline_covers(const detect_engine *e, const model_asset *a);

#endif
