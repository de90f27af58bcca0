/* web_app.h - the server-wide state handlers share (inside src/web/ only):
 * configuration, the two login rate limiters and the gate that bounds how
 * many argon2id hashes run at once. */
#ifndef SW_WEB_APP_H
#define SW_WEB_APP_H
#include <pthread.h>
#include "web/web.h"
#include "web/web_auth.h"

/* A JSON value kept for WEB_CACHE_TTL_US (web_cache.c). */
#define WEB_CACHE_TTL_US (10 * 1000000LL)
typedef struct web_cached {
    pthread_mutex_t mu;
    char *json;                  /* NULL until first made */
    int64_t at;                  /* when it was made, c->now */
    bool refreshing;
} web_cached;

struct web_app {
    web_config cfg;
    web_ratelimit by_account, by_source;
    pthread_mutex_t hash_mu;
    pthread_cond_t hash_cv;
    int hashing;
    web_cached overview_risk, overview_compliance; /* the overview's analysis values */
};

void web_cached_init(web_cached *e);
void web_cached_free(web_cached *e);
/* Writes the value make() writes, as raw JSON into out, from the entry
 * while it is younger than WEB_CACHE_TTL_US (or another request is
 * refreshing it), else made anew; *at is when it was made. false when
 * make() failed and there is nothing to serve. */
typedef bool (*web_cache_make)(web_call *c, json_writer *w);
bool web_cached_json(web_call *c, web_cached *e, web_cache_make make, json_writer *out, int64_t *at);

/* Brackets a password hash or verification: at most WEB_PWHASH_CONCURRENCY
 * run at once, 64 MiB each. */
void web_hash_enter(web_app *app);
void web_hash_leave(web_app *app);

/* Handlers, by file; the route table in web_routes.c names them. */
void web_h_login(web_call *c);
void web_h_logout(web_call *c);
void web_h_me(web_call *c);
void web_h_me_password(web_call *c);

void web_h_users_list(web_call *c);
void web_h_users_create(web_call *c);
void web_h_user_role(web_call *c);
void web_h_user_person(web_call *c);
void web_h_user_disable(web_call *c);
void web_h_user_enable(web_call *c);
void web_h_user_reset(web_call *c);
void web_h_tokens_list(web_call *c);
void web_h_tokens_create(web_call *c);
void web_h_token_revoke(web_call *c);
void web_h_audit(web_call *c);

void web_h_summary(web_call *c);
void web_h_zones(web_call *c);
void web_h_conduits(web_call *c);
void web_h_assets(web_call *c);
void web_h_hosts(web_call *c);
void web_h_flows(web_call *c);
void web_h_alerts(web_call *c);
void web_h_alert_events(web_call *c);
void web_h_baseline(web_call *c);
void web_h_intel(web_call *c);

void web_h_report_board(web_call *c);
/* web_api_*.c: the capabilities beyond the inventory. */
void web_h_overview(web_call *c);
void web_h_asset(web_call *c);
void web_h_vessels(web_call *c);
void web_h_vessel_track(web_call *c);
void web_h_exposure(web_call *c);
void web_h_impact(web_call *c);
void web_h_risks(web_call *c);
void web_h_plan(web_call *c);
void web_h_incidents(web_call *c);
void web_h_incident_candidates(web_call *c);
void web_h_incident(web_call *c);
void web_h_incident_open(web_call *c);
void web_h_incident_task(web_call *c);
void web_h_incident_decision(web_call *c);
void web_h_incident_note(web_call *c);
void web_h_incident_state(web_call *c);
void web_h_incident_events(web_call *c);
void web_h_compliance(web_call *c);
void web_h_compliance_framework(web_call *c);
void web_h_thirdparties(web_call *c);
void web_h_training(web_call *c);
void web_h_policies(web_call *c);
void web_h_playbooks(web_call *c);
void web_h_drills(web_call *c);
void web_h_drill(web_call *c);

void web_h_index(web_call *c);
void web_h_static(web_call *c);
void web_h_static_page(web_call *c);
void web_h_openapi(web_call *c);

/* Shared by the list handlers: ?limit= within 1..max (default def) and an
 * opaque numeric ?cursor=; false after answering 400. */
bool web_page_params(web_call *c, int64_t def, int64_t max, int64_t *limit, int64_t *cursor);

#endif
