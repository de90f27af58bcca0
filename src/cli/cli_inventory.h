/* cli_inventory.h - how `seawall assets` and `seawall hosts` print the
 * inventory: mismatches as text and JSON, a host row as JSON, --state. */
#ifndef SW_CLI_INVENTORY_H
#define SW_CLI_INVENTORY_H
#include "cli/cli_store.h"
#include "core/strbuf.h"
#include "store/store_inventory.h"
#include "store/store_query.h"

/* "firmware 32.012 -> 33.11 (enip); mac ..." into sb (emptied first). */
void cli_inv_mismatch_text(const store_inv_asset *a, strbuf *sb);
/* "seen": {...} members of an asset's judgement, written into the open object. */
void cli_inv_jw_judgement(json_writer *w, const store_inv_asset *a);
/* One declared asset with its judgement as a JSON object (seawall assets --json). */
void cli_inv_jw_asset(json_writer *w, const store_asset_row *a, const store_inv_asset *j);
/* "name (source), ..." and "tcp/502 modbus, udp/161, ..." into sb (emptied first). */
void cli_inv_names_text(const store_inv_host_row *h, strbuf *sb);
void cli_inv_services_text(const store_inv_service *s, size_t n, strbuf *sb);
/* One host as a JSON object. */
void cli_inv_jw_host(json_writer *w, const store_inv_host_row *h);
/* --state VALUE: -1 and a usage error message when unknown. */
int cli_inv_parse_state(const char *s);

#endif
