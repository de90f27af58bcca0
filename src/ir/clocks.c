/* clocks.c - the reporting duties as a table and their deadlines.
 * Sources: 33 CFR 101.305 and the 2025 USCG cyber rule (33 CFR part 101
 * subpart F, reportable cyber incidents to the National Response Center
 * without delay); Directive (EU) 2022/2555 (NIS2) Art. 23(4); ISPS Code
 * part A 16.3 / SOLAS XI-2 reporting of security incidents to the
 * Designated Authority. */
#include <string.h>
#include "core/tz.h"
#include "ir/clocks.h"

const ir_duty ir_duties[] = {
    { "uscg-nrc", "us-cg", "nrc",
      "Report the reportable cyber incident to the National Response Center (1-800-424-8802)",
      "33 CFR 101.305; 33 CFR part 101 subpart F", IR_CLOCK_WITHOUT_DELAY, 0, NULL },
    { "uscg-cotp", "us-cg", "uscg-cotp",
      "Tell the Captain of the Port when the incident affects port facility security or operations",
      "33 CFR 101.305(a)", IR_CLOCK_WITHOUT_DELAY, 0, NULL },
    { "nis2-early-warning", "eu-nis2", "national-csirt",
      "Early warning: significant incident, suspected unlawful or malicious act, possible cross-border impact",
      "Directive (EU) 2022/2555 Art. 23(4)(a)", IR_CLOCK_HOURS, 24, NULL },
    { "nis2-notification", "eu-nis2", "national-csirt",
      "Incident notification: initial assessment, severity and impact, indicators of compromise",
      "Directive (EU) 2022/2555 Art. 23(4)(b)", IR_CLOCK_HOURS, 72, NULL },
    { "nis2-final-report", "eu-nis2", "national-csirt",
      "Final report: detailed description, root cause, mitigation applied and ongoing, cross-border impact",
      "Directive (EU) 2022/2555 Art. 23(4)(d)", IR_CLOCK_MONTHS_AFTER, 1, "nis2-notification" },
    { "isps-designated-authority", "isps", "designated-authority",
      "Report the security incident to the Designated Authority under the port facility security plan",
      "ISPS Code part A 16.3.7 (as 16.3.x in the PFSP); SOLAS XI-2", IR_CLOCK_WITHOUT_DELAY, 0, NULL },
};
const size_t ir_n_duties = sizeof ir_duties / sizeof ir_duties[0];

const ir_duty *ir_duty_by_id(const char *id)
{
    for (size_t i = 0; i < ir_n_duties; i++)
        if (id && !strcmp(ir_duties[i].id, id)) return &ir_duties[i];
    return NULL;
}

const char *ir_duty_status_name(ir_duty_status s)
{
    static const char *const names[] = { "met", "due", "due-now", "overdue" };
    return (unsigned)s < 4 ? names[s] : "?";
}

sw_time_us ir_add_months_utc(sw_time_us t, int months)
{
    const int64_t day_us = 86400 * SW_US_PER_SEC;
    int64_t days = t / day_us, rem = t % day_us;
    if (rem < 0) { rem += day_us; days--; }
    int y, m, d;
    tz_civil_from_days(days, &y, &m, &d);
    int64_t mi = (int64_t)y * 12 + (m - 1) + months;
    int64_t ny = mi >= 0 ? mi / 12 : -((-mi + 11) / 12);
    int nm = (int)(mi - ny * 12) + 1;
    static const int len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int max = len[nm - 1];
    if (nm == 2 && ((ny % 4 == 0 && ny % 100 != 0) || ny % 400 == 0)) max = 29;
    if (d > max) d = max;
    return tz_days_from_civil(ny, nm, d) * day_us + rem;
}

static bool applies(const ir_duty *du, const char *const *j, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (j[i] && !strcmp(j[i], du->jurisdiction)) return true;
    return false;
}

size_t ir_clocks_compute(const char *const *jurisdictions, size_t n_jurisdictions, sw_time_us aware, sw_time_us now,
                         ir_met_fn met, void *met_ctx, ir_clock *out)
{
    size_t n = 0;
    for (size_t i = 0; i < ir_n_duties; i++) {
        const ir_duty *du = &ir_duties[i];
        if (!applies(du, jurisdictions, n_jurisdictions)) continue;
        ir_clock *c = &out[n++];
        c->duty = du;
        c->met_at = met ? met(met_ctx, du->id) : 0;
        switch (du->kind) {
        case IR_CLOCK_WITHOUT_DELAY: c->deadline = aware; break;
        case IR_CLOCK_HOURS: c->deadline = aware + (sw_time_us)du->amount * 3600 * SW_US_PER_SEC; break;
        case IR_CLOCK_MONTHS_AFTER: {
            /* Counts from when the earlier duty was met; until then from its deadline. */
            const ir_duty *base = ir_duty_by_id(du->after);
            sw_time_us from = aware;
            if (base) {
                sw_time_us bm = met ? met(met_ctx, base->id) : 0;
                from = bm ? bm : aware + (base->kind == IR_CLOCK_HOURS ? (sw_time_us)base->amount * 3600 * SW_US_PER_SEC : 0);
            }
            c->deadline = ir_add_months_utc(from, du->amount);
            break;
        }
        }
        c->remaining = c->deadline - now;
        if (c->met_at) c->status = IR_DUTY_MET;
        else if (du->kind == IR_CLOCK_WITHOUT_DELAY) c->status = IR_DUTY_DUE_NOW;
        else c->status = now > c->deadline ? IR_DUTY_OVERDUE : IR_DUTY_DUE;
    }
    return n;
}
