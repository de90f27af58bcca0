/* risk.h - the risk register's arithmetic: a configurable 5x5 matrix and
 * appetite, each scenario's likelihood from the attack graph (best path from
 * its entry points to its target), controls that harden steps, patch known
 * vulnerabilities or lower a scenario's likelihood, and the expected annual
 * loss of a set of controls. Pure: the caller builds the graph and loads
 * the files (analysis/risk_load.c), the simulation is in risk_mc.h. */
#ifndef SW_RISK_H
#define SW_RISK_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "analysis/risk_dist.h"

/* --- the matrix ---------------------------------------------------------- */

enum { RISK_LOW, RISK_MEDIUM, RISK_HIGH, RISK_CRITICAL, RISK__LEVELS };
const char *risk_level_name(int level);
int risk_level_by_name(const char *name);     /* -1 when unknown */

typedef struct risk_matrix {
    double likelihood_bounds[4];  /* loss events a year: band k+2 from bounds[k] up */
    double impact_bounds[4];      /* money a loss event: likewise */
    uint8_t level[5][5];          /* [likelihood band - 1][impact band - 1] */
    int appetite_level;           /* the highest level the port accepts */
    double appetite_eal;          /* and the highest expected annual loss; <= 0: no limit */
} risk_matrix;

/* Bands 0.05 / 0.2 / 1 / 5 a year, 100k / 1M / 5M / 20M a loss, level by
 * likelihood x impact (<= 4 low, <= 9 medium, <= 15 high, else critical),
 * appetite medium. */
void risk_matrix_default(risk_matrix *mx);
/* 1..5: the number of bounds x reaches, plus one. */
int risk_band(const double bounds[4], double x);
int risk_matrix_level(const risk_matrix *mx, int likelihood_band, int impact_band);

/* --- the likelihood network --------------------------------------------- */

/* The attack graph (CSR, edges sorted by target) reduced to what controls
 * change. p is each step's probability with known vulnerabilities; where a
 * vulnerability raised a step into an asset, p_novuln is what the step is
 * worth without any (else equal to p), and the asset's candidate
 * vulnerabilities are node_vulns[node_vuln_off[v] .. node_vuln_off[v+1]). */
typedef struct risk_net {
    uint32_t n, m;
    const uint32_t *off, *to;
    const float *p, *p_novuln;
    const uint32_t *node_vuln_off;   /* n + 1, or NULL: no vulnerabilities */
    const uint32_t *node_vulns;      /* vulnerability indexes */
    const double *vuln_p;            /* per vulnerability */
    size_t n_vulns;
} risk_net;

/* What a candidate or in-place control does. */
typedef struct risk_effect {
    const uint32_t *nodes; size_t n_nodes;   /* steps into these nodes ... */
    double node_factor;                       /* ... have their probability times this (0 removes them) */
    const uint32_t *vulns; size_t n_vulns;   /* vulnerabilities it removes (patch, disable the service) */
    const uint32_t *scen; const double *scen_factor; size_t n_scen;   /* scenario likelihood x factor */
} risk_effect;

/* A scenario's figures for the analytic EAL. */
typedef struct risk_scen_model {
    const uint32_t *sources; size_t n_sources;   /* entry nodes; none: not path-based */
    uint32_t target;
    double susceptibility;        /* not path-based: P(a threat event becomes a loss event) */
    double in_place;              /* product of (1 - reduction) of controls in place (residual) */
    double mean_freq, mean_loss;  /* threat events a year, loss an event */
} risk_scen_model;

typedef struct risk_work risk_work;
risk_work *risk_work_new(const risk_net *net, size_t n_scen);
void risk_work_free(risk_work *w);

/* Per scenario, P(a threat event becomes a loss event) with the controls
 * chosen[i] of effects applied (chosen NULL: none), before the in-place controls (inherent
 * for an empty set). p_out has n_scen entries. */
void risk_success(risk_work *w, const risk_scen_model *sc, size_t n_scen, const risk_effect *effects, size_t n_effects,
                  const bool *chosen, double *p_out);
/* The edges of the scenario's most likely path under the controls of the
 * last risk_success call (0 when none, not path-based, or longer than cap);
 * by_vuln[i]: step i is taken through a known vulnerability. */
size_t risk_best_path(risk_work *w, const risk_scen_model *sc, uint32_t *edges, size_t cap, bool *by_vuln);
/* Residual expected annual loss: sum of mean_freq x p x in_place x mean_loss. */
double risk_eal(risk_work *w, const risk_scen_model *sc, size_t n_scen, const risk_effect *effects, size_t n_effects,
                const bool *chosen, double *per_scen);

#endif
