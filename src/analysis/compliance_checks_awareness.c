/* compliance_checks_awareness.c - the phishing-awareness live check: for
 * each audience, its latest phishing simulation of the last 365 days
 * (phishing.csv) against the click-rate target (policies.yaml awareness:),
 * and the trend against the audience's previous simulation. */
#include <stdio.h>
#include <string.h>
#include "analysis/compliance_checks.h"
#include "analysis/people.h"

static bool is_sim(const ppl_campaign *c) { return !strcmp(c->kind, "phishing-sim"); }
static double click_pct(const ppl_campaign *c) { return 100.0 * (double)c->clicked / (double)c->sent; }

/* The audience's latest simulation held by day `before`; with `skip`, the
 * one held last before skip (same day: earlier in the file). */
static const ppl_campaign *latest_of(const ppl_data *p, const char *audience, int32_t before, const ppl_campaign *skip)
{
    const ppl_campaign *best = NULL;
    for (size_t i = 0; i < p->n_campaigns; i++) {
        const ppl_campaign *c = &p->campaigns[i];
        if (c == skip || !is_sim(c) || strcmp(c->audience, audience) || c->day > before) continue;
        if (skip && (c->day > skip->day || (c->day == skip->day && c->line > skip->line))) continue;
        if (!best || c->day > best->day || (c->day == best->day && c->line > best->line)) best = c;
    }
    return best;
}

sw_code comp_check_awareness(const comp_check_ctx *c, comp_result *r, sw_error *err)
{
    ppl_data p;
    ppl_init(&p);
    sw_code rc;
    if (!comp_check_load_people(c, r, &p, &rc, err)) { ppl_free(&p); return rc; }
    if (!p.have_phishing) {
        snprintf(r->reason, sizeof r->reason, "no phishing-simulation records (phishing.csv)");
        ppl_free(&p);
        return SW_OK;
    }
    int32_t today = ppl_day_of_us(c->now_us), since = today - 365;
    int target = p.click_rate_max >= 0 ? p.click_rate_max : PPL_CLICK_RATE_MAX_DEFAULT;
    int64_t sims = 0, audiences = 0, over = 0, stuck = 0;
    for (size_t i = 0; i < p.n_campaigns; i++) {
        const ppl_campaign *k = &p.campaigns[i];
        if (!is_sim(k) || k->day > today || k->day <= since) continue;
        sims++;
        /* Judge each audience once, on its latest simulation. */
        const ppl_campaign *last = latest_of(&p, k->audience, today, NULL);
        if (last != k) continue;
        audiences++;
        double rate = click_pct(k);
        const ppl_campaign *prev = latest_of(&p, k->audience, today, k);
        char trend[96] = "the audience's first simulation";
        if (prev)
            snprintf(trend, sizeof trend, "%+.1f pts against %s (%.1f%%)", rate - click_pct(prev), prev->id, click_pct(prev));
        if (rate <= (double)target) continue;
        over++;
        bool improving = prev && rate < click_pct(prev);
        if (!improving) stuck++;
        char day[11];
        ppl_fmt_day(k->day, day);
        comp_result_add_item(r, "%s %s (%s): %.1f%% clicked, target %d%%; %s; %.1f%% reported, %lld entered credentials", k->id, k->audience,
                 day, rate, target, trend, 100.0 * (double)k->reported / (double)k->sent, (long long)k->submitted);
    }
    r->counts[0] = sims;
    r->counts[1] = audiences;
    r->counts[2] = over;
    r->counts[3] = stuck;
    r->counts[4] = target;
    const char *origin = p.click_rate_max >= 0 ? "policies.yaml awareness.click_rate_max" : "the default; set awareness.click_rate_max in policies.yaml";
    if (!sims) {
        r->status = COMP_NOT_MET;
        snprintf(r->reason, sizeof r->reason, "no phishing simulation in the last 365 days (phishing.csv has %zu campaigns)", p.n_campaigns);
    } else {
        r->status = !over ? COMP_MET : stuck ? COMP_NOT_MET : COMP_PARTIAL;
        snprintf(r->reason, sizeof r->reason,
                 "%lld simulation%s in the last 365 days over %lld audience%s: %lld latest above the %d%% click-rate target "
                 "(%s), %lld of them not improving on the one before",
                 (long long)sims, sims == 1 ? "" : "s", (long long)audiences, audiences == 1 ? "" : "s", (long long)over, target,
                 origin, (long long)stuck);
    }
    ppl_free(&p);
    return SW_OK;
}
