/* model_yaml.h - a small YAML tree built from libyaml events, for the port
 * model loader. It keeps every node's file position, refuses cyclic aliases,
 * and caps depth, node count and mapping duplicates so hostile input stays cheap. */
#ifndef SW_MODEL_YAML_H
#define SW_MODEL_YAML_H
#include <stdbool.h>
#include <stddef.h>
#include "core/arena.h"
#include "core/diag.h"
#include "model/model.h"

#define YTREE_MAX_DEPTH 64
#define YTREE_MAX_NODES (2u * 1000u * 1000u)

typedef enum { YNODE_SCALAR, YNODE_SEQUENCE, YNODE_MAPPING } ynode_kind;

typedef struct ynode ynode;
struct ynode {
    ynode_kind kind;
    model_pos pos;
    /* scalars */
    const char *text;        /* NUL-terminated; an embedded NUL ends it early */
    bool plain;              /* unquoted, so it may be a number, boolean or null */
    /* sequences: n items; mappings: n pairs, item[2i] the key and item[2i+1] the value */
    ynode **item;
    size_t n;
    /* For an alias: the anchored node it repeats (copies share its items). */
    ynode *origin;
    /* Loader scratch, on the origin: the object kind this mapping was last
     * merged into, so defaults merged many times are diagnosed once. */
    const void *merged_as;
};

/* Parses one YAML document into nodes allocated in mem. Syntax errors and
 * limits go to diags at their position. Returns the root, or NULL when
 * there is no usable document (the reason is in diags); *n_nodes is set to
 * the number of nodes made. */
const ynode *ytree_parse(arena *mem, const char *data, size_t len, diag_list *diags, size_t *n_nodes);

/* A plain empty, "~" or "null" scalar. */
bool ynode_is_null(const ynode *n);
const char *ynode_kind_name(const ynode *n);   /* "a string", "a list", "a mapping" */

#endif
