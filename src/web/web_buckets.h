/* web_buckets.h - alerts over time by domain for the overview: which
 * domain an alert belongs to (network, AIS, physical) and fixed, bounded
 * time buckets aligned to their width. Pure, so it is unit-tested. */
#ifndef SW_WEB_BUCKETS_H
#define SW_WEB_BUCKETS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { WEB_DOMAIN_NETWORK, WEB_DOMAIN_AIS, WEB_DOMAIN_PHYSICAL, WEB_DOMAIN__COUNT } web_alert_domain;

const char *web_alert_domain_name(web_alert_domain d);   /* "network", "ais", "physical" */
/* By event.dataset (seawall.ais, seawall.phys); alerts of other datasets
 * (seawall.correlate) by their rule family (SW-AIS-*, SW-PHYS-*); the rest
 * are network. */
web_alert_domain web_alert_domain_of(const char *dataset, const char *rule_id);

#define WEB_BUCKETS_MAX 288

typedef struct web_buckets {
    int64_t start, width;        /* microseconds; bucket i is [start + i*width, start + (i+1)*width) */
    size_t n;
    int64_t counts[WEB_BUCKETS_MAX][WEB_DOMAIN__COUNT];
} web_buckets;

/* n buckets of span/n each (span a multiple of n, n <= WEB_BUCKETS_MAX),
 * the last one holding `newest`, all aligned to a multiple of the width
 * since the epoch so charts read whole half-hours. False on bad arguments. */
bool web_buckets_init(web_buckets *b, int64_t newest, int64_t span, size_t n);
/* The bucket of ts, or -1 outside the window. */
long web_buckets_index(const web_buckets *b, int64_t ts);
/* The window's end (exclusive). */
int64_t web_buckets_end(const web_buckets *b);

#endif
