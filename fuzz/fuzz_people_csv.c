/* fuzz_people_csv.c - any bytes given to the people and culture readers
 * (training.csv, phishing.csv, drills.csv and policies.yaml; the first byte
 * chooses) must give rows or errors, never a crash, hang or leak. A file
 * with any error adds nothing; a file read whole holds only sound rows. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/people.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    ppl_data p;
    ppl_init(&p);
    diag_list d;
    diag_init(&d, "fuzz");
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    bool ok;
    switch (data[0] & 3) {
    case 0:
        ok = ppl_parse_training(&p, text, len, &d);
        if (!ok && p.n_events) abort();
        for (size_t i = 0; ok && i < p.n_events; i++) {
            const ppl_event *e = &p.events[i];
            if (!e->person || (e->kind == PPL_EV_COMPLETED) != (e->course != NULL)) abort();
        }
        break;
    case 1:
        ok = ppl_parse_phishing(&p, text, len, &d);
        if (!ok && p.n_campaigns) abort();
        for (size_t i = 0; ok && i < p.n_campaigns; i++) {
            const ppl_campaign *c = &p.campaigns[i];
            if (!c->id || !c->kind || c->sent < 0) abort();
            if (c->clicked > c->sent || c->reported > c->sent || c->submitted > c->clicked) abort();
        }
        break;
    case 2:
        ok = ppl_parse_drills(&p, text, len, &d);
        if (!ok && p.n_drills) abort();
        for (size_t i = 0; ok && i < p.n_drills; i++)
            if (!p.drills[i].kind || (strcmp(p.drills[i].kind, "drill") && strcmp(p.drills[i].kind, "exercise"))) abort();
        break;
    default:
        ok = ppl_parse_policies(&p, text, len, &d);
        if (!ok && (p.n_courses || p.n_policies)) abort();
        if (ok && (p.click_rate_max < -1 || p.click_rate_max > 100)) abort();
        for (size_t i = 0; ok && i < p.n_courses; i++)
            if (!p.courses[i].id || p.courses[i].access_days < 0 || p.courses[i].every_days < 0) abort();
        break;
    }
    if (ok && d.errors) abort();
    if (!ok && !d.errors) abort();
    diag_free(&d);
    ppl_free(&p);
    return 0;
}
