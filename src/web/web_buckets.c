/* web_buckets.c - the overview's alert buckets (web_buckets.h). */
#include "web/web_buckets.h"
#include <string.h>

static const char *const domain_names[WEB_DOMAIN__COUNT] = { "network", "ais", "physical" };

const char *web_alert_domain_name(web_alert_domain d)
{
    return (unsigned)d < WEB_DOMAIN__COUNT ? domain_names[d] : "network";
}

web_alert_domain web_alert_domain_of(const char *dataset, const char *rule_id)
{
    if (dataset && !strcmp(dataset, "seawall.ais")) return WEB_DOMAIN_AIS;
    if (dataset && !strcmp(dataset, "seawall.phys")) return WEB_DOMAIN_PHYSICAL;
    if (dataset && !strcmp(dataset, "seawall.net")) return WEB_DOMAIN_NETWORK;
    if (rule_id && !strncmp(rule_id, "SW-AIS-", 7)) return WEB_DOMAIN_AIS;
    if (rule_id && !strncmp(rule_id, "SW-PHYS-", 8)) return WEB_DOMAIN_PHYSICAL;
    return WEB_DOMAIN_NETWORK;
}

/* Floor division that rounds toward minus infinity (times before 1970 stay aligned). */
static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

bool web_buckets_init(web_buckets *b, int64_t newest, int64_t span, size_t n)
{
    memset(b, 0, sizeof *b);
    if (n == 0 || n > WEB_BUCKETS_MAX || span <= 0 || span % (int64_t)n) return false;
    int64_t width = span / (int64_t)n;
    /* Keep start + n*width far from overflow. */
    if (newest > INT64_MAX / 2 || newest < INT64_MIN / 2 || span > INT64_MAX / 4) return false;
    int64_t last = floor_div(newest, width) * width;
    b->width = width;
    b->n = n;
    b->start = last - (int64_t)(n - 1) * width;
    return true;
}

int64_t web_buckets_end(const web_buckets *b) { return b->start + (int64_t)b->n * b->width; }

long web_buckets_index(const web_buckets *b, int64_t ts)
{
    if (!b->n || ts < b->start || ts >= web_buckets_end(b)) return -1;
    return (long)((ts - b->start) / b->width);
}
