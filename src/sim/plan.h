/* plan.h - helpers profiles use to pick who talks to whom from the model:
 * role predicates by kind/vendor/name, and masters or servers that the
 * zones and conduits allow. */
#ifndef SW_SIM_PLAN_H
#define SW_SIM_PLAN_H
#include "sim/engine.h"

typedef bool (*sim_host_pred)(const sim_ctx *c, const sim_host *h);

/* A login a scenario makes a profile perform, handed over as the session's
 * arg (http, rtsp, telnet, snmp); arg 0 keeps the profile's own credentials,
 * which are never a vendor default. */
typedef struct sim_login {
    const char *user;          /* NULL for SNMP */
    const char *password;      /* the SNMP community for snmp */
    const char *typed;         /* Telnet: the password's keystrokes with corrections (0x7f erases); NULL: as is */
    bool write;                /* SNMP: a SetRequest after the GetRequest */
    bool refused;              /* the device answers 401 / Login incorrect */
} sim_login;
#define SIM_LOGIN(s) ((const sim_login *)(s)->arg)

/* A field controller (plc, safety-plc, rtu, relay, substation or gate controller,
 * or a crane controller that is not a Windows PC): what answers ICS polls. */
bool sim_is_plc(const sim_ctx *c, const sim_host *h);
bool sim_is_siemens_plc(const sim_ctx *c, const sim_host *h);    /* serves s7comm */
bool sim_is_rockwell_plc(const sim_ctx *c, const sim_host *h);   /* serves enip */
bool sim_is_rtu(const sim_ctx *c, const sim_host *h);
/* hmi, scada, eng workstation, OT servers and PC-based crane controllers: ICS clients */
bool sim_is_master(const sim_ctx *c, const sim_host *h);
bool sim_is_dc(const sim_ctx *c, const sim_host *h);              /* domain controller / DNS */
bool sim_is_it_client(const sim_ctx *c, const sim_host *h);       /* workstation or laptop */
bool sim_is_windows_member(const sim_ctx *c, const sim_host *h);  /* joined to the domain: IT Windows hosts */
bool sim_is_camera(const sim_ctx *c, const sim_host *h);
bool sim_is_vms(const sim_ctx *c, const sim_host *h);             /* VMS management server */
bool sim_is_nvr(const sim_ctx *c, const sim_host *h);             /* recording server */
bool sim_is_siem(const sim_ctx *c, const sim_host *h);
bool sim_is_ntp_server(const sim_ctx *c, const sim_host *h);
bool sim_is_bms(const sim_ctx *c, const sim_host *h);
bool sim_is_bacnet_device(const sim_ctx *c, const sim_host *h);
bool sim_is_file_server(const sim_ctx *c, const sim_host *h);
bool sim_is_internet(const sim_ctx *c, const sim_host *h);

/* Does h answer ICS protocol `proto` ("s7comm", "enip", "modbus", "iec104",
 * "bacnet", "dnp3") as a server? Only field devices do, each in what its kind,
 * vendor and product say it speaks: s7comm on Siemens SIMATIC CPUs, enip on
 * Rockwell/Allen-Bradley, modbus on Schneider Modicon and on controllers
 * with no native protocol whose zone a conduit opens to modbus, dnp3 on
 * Schweitzer (SEL) devices and those tagged dnp3, iec104 on other RTUs,
 * bacnet on BMS controllers; plus any protocol its tags name. */
bool sim_serves(const sim_ctx *c, const sim_host *h, const char *proto);

/* Up to max hosts that poll `server` over p: its may_write masters first,
 * then other masters that may reach it. Returns how many. */
size_t sim_masters_for(sim_ctx *c, int server, const sim_profile *p, int *out, size_t max);
/* The server matching pred that `client` may reach over p, preferring its
 * own zone; chosen deterministically among equals with c->setup. -1 if none. */
int sim_server_for(sim_ctx *c, int client, const sim_profile *p, sim_host_pred pred);
/* The user name h's owner logs in with: the first of the owning person's
 * `accounts`, else the owner as written, else NULL (no owner). */
const char *sim_owner_account(const sim_ctx *c, const sim_host *h);
/* A random host matching pred (drawn from c->setup), or -1. */
int sim_pick(sim_ctx *c, sim_host_pred pred);

#endif
