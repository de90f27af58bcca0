/* plan.h - helpers profiles use to pick who talks to whom from the model:
 * role predicates by kind/vendor/name, and masters or servers that the
 * zones and conduits allow. */
#ifndef SW_SIM_PLAN_H
#define SW_SIM_PLAN_H
#include "sim/engine.h"

typedef bool (*sim_host_pred)(const sim_ctx *c, const sim_host *h);

bool sim_is_plc(const sim_ctx *c, const sim_host *h);             /* plc or rtu */
bool sim_is_siemens_plc(const sim_ctx *c, const sim_host *h);
bool sim_is_rockwell_plc(const sim_ctx *c, const sim_host *h);
bool sim_is_rtu(const sim_ctx *c, const sim_host *h);
bool sim_is_master(const sim_ctx *c, const sim_host *h);          /* hmi, scada, control server, eng workstation */
bool sim_is_dc(const sim_ctx *c, const sim_host *h);              /* domain controller / DNS */
bool sim_is_it_client(const sim_ctx *c, const sim_host *h);       /* workstation or laptop */
bool sim_is_windows_member(const sim_ctx *c, const sim_host *h);  /* joined to the domain: IT Windows hosts */
bool sim_is_camera(const sim_ctx *c, const sim_host *h);
bool sim_is_vms(const sim_ctx *c, const sim_host *h);
bool sim_is_siem(const sim_ctx *c, const sim_host *h);
bool sim_is_ntp_server(const sim_ctx *c, const sim_host *h);
bool sim_is_bms(const sim_ctx *c, const sim_host *h);
bool sim_is_bacnet_device(const sim_ctx *c, const sim_host *h);
bool sim_is_file_server(const sim_ctx *c, const sim_host *h);
bool sim_is_internet(const sim_ctx *c, const sim_host *h);

/* Up to max hosts that poll `server` over p: its may_write masters first,
 * then other masters that may reach it. Returns how many. */
size_t sim_masters_for(sim_ctx *c, int server, const sim_profile *p, int *out, size_t max);
/* The server matching pred that `client` may reach over p, preferring its
 * own zone; chosen deterministically among equals with c->setup. -1 if none. */
int sim_server_for(sim_ctx *c, int client, const sim_profile *p, sim_host_pred pred);
/* A random host matching pred (drawn from c->setup), or -1. */
int sim_pick(sim_ctx *c, sim_host_pred pred);

#endif
