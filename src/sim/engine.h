/* engine.h - what profiles and scenarios see of the simulator: the host
 * table, the conduit check, sessions driven by a message generator, and
 * actors that emit hand-made frames. Internal to src/sim/. */
#ifndef SW_SIM_ENGINE_H
#define SW_SIM_ENGINE_H
#include "core/arena.h"
#include "core/prng.h"
#include "sim/buf.h"
#include "sim/evq.h"
#include "sim/pkt.h"
#include "sim/sim.h"

typedef struct sim_ctx sim_ctx;
typedef struct sim_session sim_session;
typedef struct sim_profile sim_profile;

/* A simulated host: an asset with an IPv4 address, or a synthetic peer
 * (internet server, rogue device) that exists only in this run. */
typedef struct sim_host {
    const char *id;
    const model_asset *asset;      /* NULL for synthetic hosts */
    uint32_t ip;                   /* host byte order */
    uint8_t mac[6];
    uint8_t ttl;                   /* as seen on the wire */
    bool windows;
    bool external;                 /* beyond the port: frames are seen at the receiver's segment */
    int zone;                      /* model zone index, -1 when none */
    uint16_t ip_id;                /* increments per datagram sent */
    uint16_t next_port;            /* next ephemeral source port */
    const char *dns_name;          /* synthetic internet servers: the name clients look up */
    sw_time_us born;               /* before this it is not on the network (0: always was) */
} sim_host;

typedef enum { SIM_C2S = 0, SIM_S2C = 1 } sim_dir;

/* The next application message of a conversation. */
typedef struct sim_msg {
    sim_dir dir;                   /* who sends it (or, at the end, who closes) */
    sw_time_us delay;              /* think or processing time before it is sent */
} sim_msg;

/* Writes the next message into `out` (already empty) and fills m; returns
 * false when the conversation is over. A UDP message must fit one datagram. */
typedef bool (*sim_next_fn)(sim_session *s, sim_msg *m, sim_buf *out);
typedef void (*sim_plan_fn)(sim_ctx *c, const sim_profile *p);

struct sim_profile {
    const char *name;              /* "modbus" */
    const char *summary;           /* one line for docs and --help */
    uint8_t ip_proto;              /* 6 or 17 */
    uint16_t port;                 /* server port */
    sim_plan_fn plan;              /* picks normal-traffic flows from the model; NULL: scenarios only */
    sim_next_fn next;
    uint16_t client_port;          /* fixed client port (BACnet, NTP); 0: ephemeral */
};

#define SIM_PSTATE_MAX 192

struct sim_session {
    sim_ctx *ctx;
    const sim_profile *prof;
    int client, server;            /* host indices */
    uint16_t cport, sport;
    uintptr_t arg;                 /* chosen by whoever started the session */
    prng rng;
    uint64_t n_msgs;               /* messages generated so far */
    sw_time_us now;                /* simulated time when next() is asked for a message */
    /* Protocol state, owned by the profile (zeroed when the session starts). */
    _Alignas(16) unsigned char pstate[SIM_PSTATE_MAX];

    /* Engine private. */
    int state;
    uint32_t seq[2];               /* next sequence number each side sends */
    sw_time_us owd;                /* one-way delay */
    sw_time_us t_next;
    sim_buf msg;
    size_t msg_off;
    sim_msg cur;
    uint8_t more;                  /* cur is a message (1) or the close (0) */
    uint8_t ack_dir;               /* side that sends the pending pure ACK */
    sim_scenario_run *run;
    sim_session *next_free;
};

/* The profile's view of its state: SIM_PSTATE(s, struct modbus_state). */
#define SIM_PSTATE(s, type) \
    (SIM_FITS_(sizeof(type) <= SIM_PSTATE_MAX), (type *)(void *)(s)->pstate)
#define SIM_FITS_(cond) ((void)sizeof(char[(cond) ? 1 : -1]))

/* Actors emit frames that no session models (scans, ARP, DHCP). The step
 * runs at `now`, emits, and returns the time of its next step, or < 0. */
typedef sw_time_us (*sim_actor_fn)(sim_ctx *c, void *state, sw_time_us now);

typedef struct sim_gateway {
    uint8_t mac[6];
    uint32_t ip;                   /* 0 when the zone has no IPv4 network */
} sim_gateway;

struct sim_ctx {
    const port_model *m;
    sim_options opt;
    sw_time_us end;
    prng setup;                    /* draws made while planning */
    arena mem;
    sim_host *hosts;
    size_t n_hosts, cap_hosts;
    sim_gateway *gw;               /* one per model zone */
    sim_evq q;
    sim_sink_fn sink;
    void *sink_user;
    sim_result *res;
    uint64_t *arp_known;           /* bitset: host x neighbour already resolved */
    size_t arp_stride;             /* bits per host row */
    sim_session *free_sessions;
    struct session_block *blocks;  /* session pool, freed at the end of the run */
    sim_scenario_run *emitting;    /* scenario whose frame is being written, or NULL */
    uint8_t frame[PKT_MAX_FRAME + 64];
};

/* ---- hosts.c: the host table and what the model allows ---- */
sw_code sim_hosts_build(sim_ctx *c, sw_error *err);
/* Appends a synthetic host; returns its index or -1. */
int sim_host_add(sim_ctx *c, const char *id, uint32_t ip, const uint8_t mac[6], int zone, bool windows);
int sim_host_by_asset(const sim_ctx *c, const char *asset_id);
bool sim_host_kind(const sim_host *h, const char *kind);             /* asset kind equals */
bool sim_host_is(const sim_host *h, const char *word);               /* kind, id, name, product, tags or vendor mention word */
bool sim_host_vendor(const sim_host *h, const char *vendor);         /* vendor contains (case-insensitive) */
const model_zone *sim_host_zone(const sim_ctx *c, const sim_host *h);
/* May `client` open ip_proto/port to `server`: same zone, or a conduit allows it. */
bool sim_allowed(const sim_ctx *c, int client, int server, uint8_t ip_proto, uint16_t port, const char *service);
/* How the zones and conduits judge client -> server (as the segmentation
 * detector does): allowed, no conduit joins the zones, no service of theirs
 * allows it, or only the other direction does. */
enum { SIM_SEG_ALLOWED, SIM_SEG_NO_CONDUIT, SIM_SEG_SERVICE, SIM_SEG_DIRECTION };
int sim_seg_verdict(const sim_ctx *c, int client, int server, uint8_t ip_proto, uint16_t port, const char *service);
/* Does `client` hold write permission on `server` (server's may_write)? */
bool sim_may_write(const sim_ctx *c, int client, int server);
/* One-way delay between two hosts, before per-session jitter. */
sw_time_us sim_base_owd(const sim_ctx *c, int a, int b);
/* A free address in the zone's first IPv4 network, or 0. */
uint32_t sim_zone_free_ip(const sim_ctx *c, int zone, prng *r);
int sim_zone_index(const sim_ctx *c, const char *zone_id);
/* Fills L2/L3 endpoints for a datagram from src to dst (MACs via gateways). */
void sim_ends(sim_ctx *c, int src, int dst, pkt_ends *e);

/* ---- engine.c: the timeline ---- */
/* Adds a recurring relationship (times --scale replicas). mean_gap 0: one
 * session that lasts the whole run; otherwise sessions start at
 * exponentially distributed gaps of that mean. */
void sim_add_flow(sim_ctx *c, const sim_profile *p, int client, int server, sw_time_us mean_gap, uintptr_t arg);
/* Starts one session at time t; run tags its frames for the ground truth. */
sim_session *sim_session_start(sim_ctx *c, const sim_profile *p, int client, int server, sw_time_us t,
                               uintptr_t arg, sim_scenario_run *run);
/* Starts a session that belongs to `parent` (an FTP data connection) at time
 * t, to server port `port`: its randomness forks from the parent's, so other
 * traffic is unchanged, and it counts for the parent's scenario if any. */
sim_session *sim_session_spawn(sim_session *parent, const sim_profile *p, int client, int server, uint16_t port,
                               sw_time_us t, uintptr_t arg);
void sim_actor_start(sim_ctx *c, sim_actor_fn fn, void *state, sw_time_us t, sim_scenario_run *run);
/* Frame writers for actors, stamped `now`; they count and tag as sessions do. */
void sim_emit_tcp(sim_ctx *c, sw_time_us now, int src, int dst, const pkt_tcp *t, const uint8_t *payload, size_t len);
void sim_emit_udp(sim_ctx *c, sw_time_us now, int src, int dst, uint16_t sport, uint16_t dport,
                  const uint8_t *payload, size_t len);
/* Sends from src's own segment to an explicit MAC/IP (broadcasts, DHCP). */
void sim_emit_udp_raw(sim_ctx *c, sw_time_us now, int src, const uint8_t dmac[6], uint32_t sip, uint32_t dip,
                      uint16_t sport, uint16_t dport, const uint8_t *payload, size_t len);
void sim_emit_arp(sim_ctx *c, sw_time_us now, const uint8_t eth_dst[6], uint16_t op, const uint8_t sha[6],
                  uint32_t spa, const uint8_t tha[6], uint32_t tpa);
/* Lets an actor's frames count for its scenario. */
void sim_actor_tag(sim_ctx *c, sim_scenario_run *run);
/* The profile table (profiles.c): by name, or the i-th. */
const sim_profile *sim_profile_find(const char *name);
const sim_profile *sim_profile_at(size_t i);
/* Records a host in a scenario's ground truth. */
void sim_run_add_host(sim_ctx *c, sim_scenario_run *run, int host, const char *role);
/* Runs the timeline to the end of the duration; frees the session pool. */
sw_code sim_engine_loop(sim_ctx *c, sw_error *err);
void sim_engine_free(sim_ctx *c);

/* Uniform integer in [lo, hi] microseconds. */
static inline sw_time_us sim_uniform(prng *r, sw_time_us lo, sw_time_us hi)
{
    return hi <= lo ? lo : lo + (sw_time_us)prng_below(r, (uint64_t)(hi - lo + 1));
}
#define SIM_MS(x) ((sw_time_us)(x) * 1000)
#define SIM_S(x) ((sw_time_us)(x) * SW_US_PER_SEC)

#endif
