/* data_path.h - where the shipped data (catalogues, playbooks, the land
 * layer) is found: $SEAWALL_DATA, else next to the program's build or
 * install tree, else ./data. */
#ifndef SW_MODEL_DATA_PATH_H
#define SW_MODEL_DATA_PATH_H
#include <stdbool.h>
#include <stddef.h>

/* $SEAWALL_DATA/name when SEAWALL_DATA is set, else ../data/name,
 * ../share/seawall/name or ../../data/name next to the binary, else
 * data/name; a folder when want_dir, else a regular file. Written into buf;
 * returns buf, or NULL when none exists. */
const char *data_path_find(const char *name, bool want_dir, char *buf, size_t size);

#endif
