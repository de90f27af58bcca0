/* oui.h - who made a network interface, from its MAC address: the IEEE
 * registries (MA-L, MA-M, MA-S) shipped in data/oui.tsv and compiled in,
 * the most specific block winning. Pure lookups; no allocation, no I/O. */
#ifndef SW_NET_OUI_H
#define SW_NET_OUI_H
#include <stdbool.h>
#include <stdint.h>

typedef enum oui_kind {
    OUI_ASSIGNED,                /* a globally unique address: look the prefix up */
    OUI_LOCAL,                   /* locally administered (U/L bit set): no vendor */
    OUI_GROUP,                   /* multicast or broadcast (I/G bit set): not an interface */
} oui_kind;

oui_kind oui_kind_of(const uint8_t mac[6]);
/* The registered vendor of a globally unique address, or NULL when its
 * prefix is not in the table or the address is local or group. */
const char *oui_vendor(const uint8_t mac[6]);
/* What to show for the address: the vendor, "locally administered",
 * "multicast" or "broadcast"; NULL when a unique address is unregistered
 * or all zero (loopback captures: no interface at all). */
const char *oui_describe(const uint8_t mac[6]);
/* oui_describe for "00:1b:1b:12:34:56" (':' or '-' separated); NULL when
 * the text is not a MAC address. */
const char *oui_describe_text(const char *mac);
/* True when the compiled table is sorted as the lookup needs (a test hook). */
bool oui_table_ordered(void);

#endif
