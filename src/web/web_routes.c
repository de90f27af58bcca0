/* web_routes.c - the route table: every method and path the server answers,
 * its handler, the roles allowed and whether it changes state. Dispatch
 * enforces it on every request and /api/openapi.json is generated from it,
 * so the policy, the code and the documentation cannot drift apart. */
#include <string.h>
#include "web/web_app.h"

#define CSO WEB_R(WEB_ROLE_CSO)
#define ANALYST WEB_R(WEB_ROLE_ANALYST)
#define OT WEB_R(WEB_ROLE_OT_ENGINEER)
#define PFSO WEB_R(WEB_ROLE_PFSO)
#define AUDITOR WEB_R(WEB_ROLE_AUDITOR)
/* Board members read reports and the overview only. */
#define BOARD WEB_R(WEB_ROLE_BOARD)
#define EVERYONE WEB_ALL_ROLES
#define READERS (CSO | ANALYST | OT | PFSO | AUDITOR)
#define NETWORK_READERS (CSO | ANALYST | OT | AUDITOR)
#define MARITIME_READERS (CSO | ANALYST | PFSO | AUDITOR)
/* The overview is the one page the board reads besides its reports. */
#define OVERVIEW_READERS (READERS | BOARD)
/* Risk and impact are the CSO's and the auditor's; analysts and OT engineers use them to prioritise. */
#define RISK_READERS (CSO | ANALYST | OT | AUDITOR)
/* Everyone but the board follows incidents; the auditor only reads them. */
#define INCIDENT_READERS (CSO | ANALYST | OT | PFSO | AUDITOR)
#define INCIDENT_RESPONDERS (CSO | ANALYST | OT | PFSO)
/* Compliance and its evidence: the CSO, the PFSO and the auditor. */
#define COMPLIANCE_READERS (CSO | PFSO | AUDITOR)
/* Training and policies are the PFSO's (ISPS drills and training) and the CSO's. */
#define PEOPLE_READERS (CSO | PFSO | AUDITOR)
/* Third parties: their remote access matters to the OT engineers and analysts too. */
#define THIRDPARTY_READERS (CSO | ANALYST | OT | PFSO | AUDITOR)
/* Drills and exercises: the response team reads its scores, the auditor the record. */
#define DRILL_READERS (CSO | PFSO | ANALYST | OT | AUDITOR)

#define PAGE "limit:integer=1..1000:page size (default 100)|cursor:cursor:next_cursor of the previous page"

const web_route web_routes[] = {
    /* method, pattern, handler, roles, changes_state, flags, tag, summary, query params, body members, success */
    { "GET", "/", web_h_index, WEB_PUBLIC, false, WEB_F_HTML, "ui", "the web interface's start page", NULL, NULL, 200 },
    { "GET", "/static/{file}", web_h_static, WEB_PUBLIC, false, WEB_F_HTML, "ui",
      "an embedded interface file (stylesheet, script, image)", NULL, NULL, 200 },
    { "GET", "/static/pages/{file}", web_h_static_page, WEB_PUBLIC, false, WEB_F_HTML, "ui",
      "one page module of the web interface", NULL, NULL, 200 },
    { "GET", "/api/openapi.json", web_h_openapi, WEB_PUBLIC, false, 0, "meta",
      "this document, generated from the server's route table", NULL, NULL, 200 },

    { "POST", "/api/v1/login", web_h_login, WEB_PUBLIC, true, 0, "session",
      "log in: sets the session cookie and returns the CSRF token", NULL,
      "username:string:account name|password:string:password", 200 },
    { "POST", "/api/v1/logout", web_h_logout, EVERYONE, true, WEB_F_PW_CHANGE_OK | WEB_F_SESSION_ONLY, "session",
      "end this session", NULL, NULL, 204 },
    { "GET", "/api/v1/me", web_h_me, EVERYONE, false, WEB_F_PW_CHANGE_OK, "session",
      "who is calling: user, role, CSRF token and whether the password must change", NULL, NULL, 200 },
    { "POST", "/api/v1/me/password", web_h_me_password, EVERYONE, true, WEB_F_PW_CHANGE_OK | WEB_F_SESSION_ONLY,
      "session", "change your own password; ends your other sessions", NULL,
      "current_password:string:the password now|new_password:string:at least 12 characters", 200 },

    { "GET", "/api/v1/users", web_h_users_list, CSO, false, 0, "users", "list user accounts", NULL, NULL, 200 },
    { "POST", "/api/v1/users", web_h_users_create, CSO, true, 0, "users",
      "create an account; returns its one-time password once", NULL,
      "username:string:letters, digits, '.', '_' or '-'|role:string:cso, analyst, ot-engineer, pfso, auditor or board", 201 },
    { "POST", "/api/v1/users/{username}/role", web_h_user_role, CSO, true, 0, "users", "change a user's role", NULL,
      "role:string:the new role", 200 },
    { "POST", "/api/v1/users/{username}/person", web_h_user_person, CSO, true, 0, "users",
      "map the account to the person of the port model it acts as in incidents (null clears it)", NULL,
      "person:string:a person id of the port model, active, or null", 200 },
    { "POST", "/api/v1/users/{username}/disable", web_h_user_disable, CSO, true, 0, "users",
      "disable an account, ending its sessions and stopping its tokens", NULL, NULL, 200 },
    { "POST", "/api/v1/users/{username}/enable", web_h_user_enable, CSO, true, 0, "users",
      "enable a disabled account", NULL, NULL, 200 },
    { "POST", "/api/v1/users/{username}/password-reset", web_h_user_reset, CSO, true, 0, "users",
      "set a new one-time password (returned once) and end the user's sessions", NULL, NULL, 200 },

    { "GET", "/api/v1/tokens", web_h_tokens_list, CSO, false, 0, "tokens", "list API tokens (never their secrets)",
      NULL, NULL, 200 },
    { "POST", "/api/v1/tokens", web_h_tokens_create, CSO, true, 0, "tokens",
      "create a role-bound API token for a machine; the secret is returned once", NULL,
      "name:string:what uses it|role:string:the role it acts with|expires_days:integer:0 or absent for never", 201 },
    { "DELETE", "/api/v1/tokens/{id}", web_h_token_revoke, CSO, true, 0, "tokens", "revoke an API token", NULL,
      NULL, 204 },
    { "GET", "/api/v1/audit", web_h_audit, CSO | AUDITOR, false, 0, "audit",
      "the audit log of every change, newest first", PAGE, NULL, 200 },

    { "GET", "/api/v1/summary", web_h_summary, READERS, false, 0, "port",
      "the port model and observation counts (seawall summary)", NULL, NULL, 200 },
    { "GET", "/api/v1/zones", web_h_zones, READERS, false, 0, "port", "IEC 62443 zones (seawall zones)", NULL, NULL, 200 },
    { "GET", "/api/v1/conduits", web_h_conduits, READERS, false, 0, "port", "conduits (seawall conduits)", NULL,
      NULL, 200 },
    { "GET", "/api/v1/assets", web_h_assets, READERS, false, 0, "inventory",
      "declared assets with their inventory state (seawall assets)",
      "zone:id:zone id|kind:id:asset kind|domain:enum=it,ot,phys:the zone's domain|"
      "criticality:enum=low,medium,high,crown-jewel:criticality|" PAGE, NULL, 200 },
    { "GET", "/api/v1/hosts", web_h_hosts, NETWORK_READERS, false, 0, "inventory",
      "every address seen sending, judged against the model (seawall hosts)",
      "zone:id:zone id|state:enum=matched,mismatch,never-seen,shadow,external:inventory state|" PAGE, NULL, 200 },
    { "GET", "/api/v1/flows", web_h_flows, NETWORK_READERS, false, 0, "network",
      "observed flows by pair and service, largest first (seawall flows)",
      "zone:id:source or destination zone|violations:boolean:only segmentation violations|" PAGE, NULL, 200 },
    { "GET", "/api/v1/alerts", web_h_alerts, READERS, false, 0, "alerts", "stored alerts, newest first (seawall alerts)",
      "rule:id:rule id|severity:enum=low,medium,high,critical:this severity or worse|"
      "since:time:RFC 3339 time or a duration back from now (2h)|zone:id:source or destination zone|"
      "asset:id:source or destination asset|" PAGE, NULL, 200 },
    { "GET", "/api/v1/events/alerts", web_h_alert_events, READERS, false, WEB_F_SSE, "alerts",
      "new alerts as server-sent events (event: alert, id: the alert's cursor)", NULL, NULL, 200 },
    { "GET", "/api/v1/baseline", web_h_baseline, NETWORK_READERS, false, 0, "network",
      "the learned OT baseline: talkers and ICS functions per asset (seawall baseline)",
      "asset:id:asset id|" PAGE, NULL, 200 },
    { "GET", "/api/v1/intel", web_h_intel, CSO | ANALYST | AUDITOR, false, 0, "intel",
      "threat-intelligence indicators (seawall intel list)", "source:text:import source (seawall intel import --source)|" PAGE, NULL, 200 },
    { "GET", "/api/v1/report/board", web_h_report_board, CSO | PFSO | AUDITOR | BOARD, false, WEB_F_HTML, "reports",
      "the board report as self-contained HTML (seawall report board)",
      "period:text:whole days back from at, such as 90d (default)|at:date:the report's day YYYY-MM-DD (default today)", NULL, 200 },

    /* Capabilities (h-webapi). Roles per route: the auditor reads everything; ot-engineer sees the network,
     * exposure and incidents; pfso the physical and maritime side, compliance, incidents and training. */
    { "GET", "/api/v1/overview", web_h_overview, OVERVIEW_READERS, false, 0, "overview",
      "the dashboard's first page: risk posture and trend, open incidents with their regulatory clocks, alerts by "
      "domain over the last day of data, compliance scores and next deadlines", NULL, NULL, 200 },
    { "GET", "/api/v1/assets/{asset}", web_h_asset, READERS, false, 0, "inventory",
      "one asset: declared fields, inventory judgement, observed hosts and their services, alerts by severity, "
      "vulnerabilities", NULL, NULL, 200 },
    { "GET", "/api/v1/vessels", web_h_vessels, MARITIME_READERS, false, 0, "vessels",
      "vessels tracked from AIS with last position and integrity status (seawall vessels)",
      "status:enum=ok,suspect,alert:integrity status|check:id:an SW-AIS-* check that fired", NULL, 200 },
    { "GET", "/api/v1/vessels/{mmsi}/track", web_h_vessel_track, MARITIME_READERS, false, 0, "vessels",
      "a vessel's stored track, oldest first: one dated position at most every 30 s (seawall vessels --track)",
      "since:datetime:RFC 3339 time of the first point|limit:integer=1..10000:the newest points kept (default 1000)",
      NULL, 200 },
    { "GET", "/api/v1/exposure", web_h_exposure, NETWORK_READERS, false, 0, "exposure",
      "attack paths from the entry points to the crown jewels and their choke points (seawall exposure)",
      "from:ids:entry point ids, comma-separated (default all)|to:ids:target asset ids, comma-separated "
      "(default the crown jewels)|k:integer=1..100:paths per entry point and target (default 3)", NULL, 200 },
    { "GET", "/api/v1/impact", web_h_impact, RISK_READERS, false, 0, "exposure",
      "business impact: every asset's roll-up for an hour, or what losing assets for some hours stops (seawall impact)",
      "lose:ids:asset ids, comma-separated|hours:number=0..87600:outage length with lose, above 0 (default 1)", NULL, 200 },
    { "GET", "/api/v1/risks", web_h_risks, RISK_READERS, false, 0, "risk",
      "the risk register: likelihood, 5x5 placement, inherent and residual expected annual loss (seawall risk)",
      "seed:integer=0..9007199254740991:simulation seed (default the register's)|trials:integer=100..100000:simulated years", NULL, 200 },
    { "GET", "/api/v1/plan", web_h_plan, RISK_READERS, false, 0, "risk",
      "the investment plan: controls that cut expected annual loss most within a budget (seawall plan)",
      "budget:number=0..10000000000000:money to spend (required)|exact_max:integer=0..30:largest candidate count solved exactly",
      NULL, 200 },
    { "GET", "/api/v1/incidents", web_h_incidents, INCIDENT_READERS, false, 0, "incidents",
      "incidents, newest first (seawall incident list)", NULL, NULL, 200 },
    /* before /incidents/{incident}, which would otherwise take "candidates" as an id */
    { "GET", "/api/v1/incidents/candidates", web_h_incident_candidates, INCIDENT_READERS, false, 0, "incidents",
      "incident candidates from the correlation engine, best first (seawall incidents --candidates)", NULL, NULL, 200 },
    { "GET", "/api/v1/incidents/{incident}", web_h_incident, INCIDENT_READERS, false, 0, "incidents",
      "one incident: impact, continuity, playbook, tasks, decisions, comms, evidence, clocks and timeline "
      "(seawall incident show)", NULL, NULL, 200 },
    { "POST", "/api/v1/incidents", web_h_incident_open, INCIDENT_RESPONDERS, true, 0, "incidents",
      "open an incident from a candidate or by hand (seawall incident open); every incident change is made by the "
      "person your account is mapped to (409 no_person when it is not)", NULL,
      "candidate:string:a candidate id (or title, severity and assets)|title:string:what happened|"
      "severity:string:low, medium, high or critical|assets:array:affected asset ids|playbook:string:playbook id "
      "(default: the best match for a candidate)|"
      "detected:string:RFC 3339 time the port became aware (default now)", 201 },
    { "POST", "/api/v1/incidents/{incident}/tasks", web_h_incident_task, INCIDENT_RESPONDERS, true, 0, "incidents",
      "mark a task done (seawall incident task ID done N)", NULL,
      "task:integer:the task's number", 200 },
    { "POST", "/api/v1/incidents/{incident}/decisions", web_h_incident_decision, INCIDENT_RESPONDERS, true, 0, "incidents",
      "record a playbook decision; refused (409) without the role the playbook requires (seawall incident decide)",
      NULL, "action:string:the playbook's decision id|why:string:the reason", 200 },
    { "POST", "/api/v1/incidents/{incident}/notes", web_h_incident_note, INCIDENT_RESPONDERS, true, 0, "incidents",
      "add a note, or a communication (kind comms, to, duty) that can meet a reporting duty (seawall incident "
      "note, comms)", NULL,
      "text:string:the note|kind:string:note (default) or comms|to:string:recipient of a comms|"
      "duty:string:reporting duty the comms meets", 200 },
    { "POST", "/api/v1/incidents/{incident}/state", web_h_incident_state, INCIDENT_RESPONDERS, true, 0, "incidents",
      "move the incident along its lifecycle; other moves are refused (409) (seawall incident state)", NULL,
      "state:string:analysing, containing, eradicating, recovering or closed", 200 },
    { "GET", "/api/v1/events/incidents", web_h_incident_events, INCIDENT_READERS, false, WEB_F_SSE, "incidents",
      "incident timeline entries as server-sent events (event: incident, id: the entry's cursor)", NULL, NULL, 200 },
    { "GET", "/api/v1/compliance", web_h_compliance, COMPLIANCE_READERS, false, 0, "compliance",
      "every framework's met, partial, not met, not applicable, score and next open deadline (seawall compliance assess)",
      "at:datetime=now,latest:RFC 3339 time, now, or latest (default: the newest stored observation)|"
      "window_days:integer=1..3650:live evidence window in days (default 30)", NULL, 200 },
    { "GET", "/api/v1/compliance/{framework}", web_h_compliance_framework, COMPLIANCE_READERS, false, 0, "compliance",
      "one framework: each requirement's status, basis, owner, due date and live evidence, per zone for zoned "
      "frameworks, and the plan of gaps (seawall compliance assess, plan)",
      "zone:id:one zone of a zoned framework|at:datetime=now,latest:RFC 3339 time, now, or latest (default)|"
      "window_days:integer=1..3650:live evidence window in days (default 30)", NULL, 200 },
    { "GET", "/api/v1/thirdparties", web_h_thirdparties, THIRDPARTY_READERS, false, 0, "people",
      "vendors and partners: access, window, clauses, questionnaire, what they touch and the exposure they bring "
      "(seawall thirdparty)", "id:id:one vendor or partner", NULL, 200 },
    { "GET", "/api/v1/training", web_h_training, PEOPLE_READERS, false, 0, "people",
      "every active person against the courses their roles require, with due dates (seawall training)",
      "overdue:boolean:only the overdue|at:date:the day judged, YYYY-MM-DD (default today)", NULL, 200 },
    { "GET", "/api/v1/policies", web_h_policies, PEOPLE_READERS, false, 0, "people",
      "the policies register: owner, review cycle, acknowledgements (seawall policies)",
      "at:date:the day judged, YYYY-MM-DD (default today)", NULL, 200 },
    { "GET", "/api/v1/playbooks", web_h_playbooks, INCIDENT_READERS, false, 0, "incidents",
      "incident-response playbooks, with the roles nobody active holds (seawall playbooks --model)", NULL, NULL, 200 },
    { "GET", "/api/v1/drills", web_h_drills, DRILL_READERS, false, 0, "incidents",
      "stored drills and exercises with their scores, newest first (seawall drill list)", NULL, NULL, 200 },
    { "GET", "/api/v1/drills/{drill}", web_h_drill, DRILL_READERS, false, 0, "incidents",
      "one drill or exercise with its full scoring, injects and answers (seawall drill show)", NULL, NULL, 200 },
};
const size_t web_n_routes = sizeof web_routes / sizeof web_routes[0];

/* Pattern segment by segment against the target; a "{name}" segment matches
 * any one segment. */
static bool path_matches(const char *pattern, const web_target *t, const char **var)
{
    size_t i = 0;
    const char *p = pattern;
    if (!strcmp(pattern, "/")) return t->nseg == 0;
    while (*p == '/') {
        p++;
        const char *end = strchr(p, '/');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (i >= t->nseg) return false;
        if (n >= 2 && p[0] == '{' && p[n - 1] == '}') *var = t->seg[i];
        else if (strlen(t->seg[i]) != n || memcmp(t->seg[i], p, n) != 0) return false;
        i++;
        p += n;
    }
    return i == t->nseg;
}

web_match web_route_find(const char *method, const web_target *t, const web_route **out, const char **var)
{
    const web_route *path_only = NULL;
    for (size_t i = 0; i < web_n_routes; i++) {
        const char *v = NULL;
        if (!path_matches(web_routes[i].pattern, t, &v)) continue;
        /* HEAD is GET without a body; MHD drops the body for us. */
        if (!strcmp(web_routes[i].method, method) || (!strcmp(method, "HEAD") && !strcmp(web_routes[i].method, "GET"))) {
            *out = &web_routes[i];
            *var = v;
            return WEB_MATCH_OK;
        }
        if (!path_only) path_only = &web_routes[i];
    }
    *out = path_only;
    return path_only ? WEB_MATCH_NO_METHOD : WEB_MATCH_NO_PATH;
}
