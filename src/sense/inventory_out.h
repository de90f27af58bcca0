/* inventory_out.h - the inventory half of `seawall sense --store`: the
 * names hosts go by (DHCP, DNS, NetBIOS, what devices call themselves) and
 * the services they answer on and use, summed in fixed tables (flushed when
 * half full and at the end) and written through the store's batched writer. */
#ifndef SW_SENSE_INVENTORY_OUT_H
#define SW_SENSE_INVENTORY_OUT_H
#include "net/observe.h"
#include "store/store_observe.h"

#define SENSE_INVENTORY_NAMES 2048      /* distinct (address, MAC, name, source) */
#define SENSE_INVENTORY_SERVICES 4096   /* distinct (address, role, transport, port) */

typedef struct sense_inventory sense_inventory;

/* The observation kinds it reads (OBS_MASK bits). */
#define SENSE_INVENTORY_KINDS (OBS_MASK(OBS_APP_META) | OBS_MASK(OBS_IDENTITY) | OBS_MASK(OBS_FLOW_END))

/* `w` must outlive it. NULL when out of memory. */
sense_inventory *sense_inventory_create(store_observer *w, sw_error *err);
/* Counts what the observation says; an error is the writer's (a flush failed). */
sw_code sense_inventory_observe(sense_inventory *v, const net_observation *o, sw_error *err);
/* Hands every summed row to the writer (which the caller then flushes). */
sw_code sense_inventory_flush(sense_inventory *v, sw_error *err);
void sense_inventory_destroy(sense_inventory *v);

#endif
