/* exposure.h - attack paths and choke points for a port: the attack graph
 * built from the port model, the flows the sensors observed and (for the
 * vulnerability work) known exploitable vulnerabilities; then, per entry
 * point and crown jewel, the most likely paths and the minimum cuts.
 * Pure: the caller loads the model and flows; nothing here does I/O. */
#ifndef SW_EXPOSURE_H
#define SW_EXPOSURE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "analysis/exposure_graph.h"
#include "core/error.h"
#include "model/model.h"

/* How a step is taken. Each has a probability in exposure_means_table; the
 * table is the documented model (docs/exposure.md). */
typedef enum {
    XM_ENTRY,               /* the entry point's reach (p by entry kind) */
    XM_FOOTHOLD,            /* a compromised asset gives a position in its zone */
    XM_ENTER_CONDUIT,       /* a position in a zone may use its outbound conduits */
    XM_ADJACENT,            /* same zone, no better means known */
    XM_CONDUIT,             /* an allowed conduit service that is no admin or ICS service */
    XM_REMOTE_SERVICE,      /* an encrypted remote-admin service: RDP, SSH, SMB, WinRM, HTTPS admin */
    XM_CLEARTEXT_REMOTE,    /* a cleartext one: Telnet, VNC, HTTP admin, FTP, TFTP */
    XM_ICS_UNAUTHORISED,    /* an ICS protocol to a controller from a host not in its may_write */
    XM_ICS_AUTHORISED,      /* from an engineering host in may_write: project, tooling and trust */
    XM_OBSERVED_FLOW,       /* seen on the wire and allowed */
    XM_OBSERVED_VIOLATION,  /* seen on the wire where no conduit allows it */
    XM_KNOWN_VULN,          /* a known, remotely exploitable vulnerability on the target asset */
    XM_ICS_OPERATOR,        /* from another host in may_write (HMI, operator station, supervisor):
                             * trusted, but without the project or the programming software */
    XM__COUNT
} exposure_means;

typedef struct exposure_means_info {
    const char *name;       /* for JSON: "remote-service" */
    const char *label;      /* for people: "remote service" */
    double p;               /* probability the step succeeds */
} exposure_means_info;
extern const exposure_means_info exposure_means_table[XM__COUNT];

/* Probability that an entry point of a kind gives the attacker its reach. */
double exposure_entry_p(const char *kind);

/* An observed flow, as the store sums them (one per pair and service).
 * Assets and zones are ids (NULL when unknown); ips resolve what ids do not. */
typedef struct exposure_flow {
    const char *src_ip, *dst_ip;
    const char *src_asset, *dst_asset, *src_zone, *dst_zone;
    const char *service;            /* named protocol or NULL */
    uint8_t ip_proto;
    uint16_t dst_port;
    int64_t flows, first_seen, last_seen;   /* last/first in unix microseconds or seconds, as stored */
    bool violation;                 /* a segmentation rule fired on it */
} exposure_flow;

/* The hook for known vulnerabilities: an asset (index into the model's
 * assets) with a remotely exploitable vulnerability `id`. p <= 0 takes the
 * table's XM_KNOWN_VULN probability; the vulnerability import sets it from
 * CVSS/EPSS/KEV. */
typedef struct exposure_vuln {
    int asset;
    const char *id;
    double p;
} exposure_vuln;

typedef struct exposure_input {
    const port_model *m;
    const exposure_flow *flows; size_t n_flows;
    const exposure_vuln *vulns; size_t n_vulns;
} exposure_input;

typedef enum { XN_ENTRY, XN_ZONE, XN_CONDUIT, XN_ASSET } exposure_node_kind;

/* What backs one edge: the entry, conduit, flow or vulnerability. */
typedef struct exposure_evidence {
    int entry, conduit, flow, vuln;     /* indexes, -1 when not involved */
    const char *service;                /* the service that makes the step, or NULL */
    uint16_t port;                      /* its port when known, else 0 */
    uint8_t ip_proto;
} exposure_evidence;

typedef struct exposure {
    const port_model *m;
    const exposure_input *in;
    xg_graph g;
    uint32_t n_entry, n_zone, n_conduit_nodes, n_asset;
    uint32_t zone0, conduit0, asset0;   /* first node of each kind; entries start at 0 */
    int *conduit_of_node;               /* conduit index per conduit node */
    bool *conduit_reverse;              /* the bidirectional conduit's to -> from node */
    exposure_evidence *ev;
    size_t n_ev, cap_ev;
} exposure;

/* Builds the graph. NULL with err set when out of memory. `in` must outlive
 * the result (its strings are referenced). */
exposure *exposure_build(const exposure_input *in, sw_error *err);
void exposure_free(exposure *x);

exposure_node_kind exposure_node_kind_of(const exposure *x, uint32_t node);
/* The id of what the node stands for (entry, zone, conduit or asset id). */
const char *exposure_node_id(const exposure *x, uint32_t node);
static inline uint32_t exposure_entry_node(const exposure *x, size_t i) { (void)x; return (uint32_t)i; }
static inline uint32_t exposure_zone_node(const exposure *x, size_t i) { return x->zone0 + (uint32_t)i; }
static inline uint32_t exposure_asset_node(const exposure *x, size_t i) { return x->asset0 + (uint32_t)i; }

/* --- the analysis ----------------------------------------------------------- */

/* A cut unit: a node (asset or conduit) or an edge, and how many of the
 * reported paths to its target it cuts. */
typedef struct exposure_choke {
    bool is_edge;
    uint32_t id;                        /* node or edge index */
    uint32_t paths_cut;
} exposure_choke;

typedef struct exposure_target_result {
    size_t asset;                       /* model asset index */
    xg_path *paths;                     /* ranked most likely first */
    uint32_t *path_entry;               /* the entry point of each path */
    uint32_t *path_variants;            /* per path: the same route through sibling hosts, not listed */
    size_t n_paths;
    bool connected;                     /* some entry point reaches it */
    bool vertex_finite, edge_finite;    /* false: no cut of assets (or edges) exists */
    exposure_choke *vertex_cut, *edge_cut;
    size_t n_vertex_cut, n_edge_cut;
} exposure_target_result;

typedef struct exposure_report {
    exposure_target_result *targets;
    size_t n_targets;
} exposure_report;

/* For each target asset (indexes into the model's assets), the k most likely
 * paths from each of the entry points (indexes into entry_points), merged
 * and ranked, and the minimum vertex and edge cuts from all those entry
 * points together. False only when out of memory. */
bool exposure_analyse(exposure *x, const size_t *entries, size_t n_entries, const size_t *targets,
                      size_t n_targets, int k, exposure_report *out);
void exposure_report_free(exposure_report *r);

#endif
