/* oui_table.h - the MAC-prefix vendor table compiled from data/oui.tsv by
 * scripts/oui-table.sh; only src/net/oui.c and its tests read it. */
#ifndef SW_NET_OUI_TABLE_H
#define SW_NET_OUI_TABLE_H
#include <stddef.h>
#include <stdint.h>

typedef struct oui_entry {
    uint64_t prefix;             /* the block's first address, 48 bits */
    uint8_t bits;                /* 24 (MA-L), 28 (MA-M) or 36 (MA-S, IAB) */
    const char *vendor;
} oui_entry;

/* Sorted by prefix, then bits. */
extern const oui_entry oui_table[];
extern const size_t oui_table_len;

#endif
