/* model_yaml.c - libyaml events to a positioned node tree (see model_yaml.h).
 * Anchors are registered only once their node is complete, so an alias can
 * never refer to an enclosing node: the tree is acyclic and every walk ends. */
#include "model/model_yaml.h"
#include "model/model_internal.h"
#include <string.h>
#include <yaml.h>
#include "core/hashmap.h"
#include "core/vec.h"

typedef VEC(ynode *) ynode_vec;

typedef struct frame {
    ynode *node;
    ynode_vec kids;
    const char *anchor;      /* registered when the node ends */
} frame;

typedef struct builder {
    arena *mem;
    diag_list *diags;
    frame stack[YTREE_MAX_DEPTH];
    size_t depth;
    size_t nodes;
    hashmap anchors;         /* anchor name -> completed node */
    const ynode *root;
    bool failed;
} builder;

static model_pos mark_pos(yaml_mark_t mark)
{
    model_pos p = { (unsigned)mark.line + 1, (unsigned)mark.column + 1 };
    return p;
}

static void fail(builder *b, model_pos at, const char *msg)
{
    model_diag(b->diags, DIAG_ERROR, at, "%s", msg);
    b->failed = true;
}

static ynode *new_node(builder *b, ynode_kind kind, yaml_mark_t mark)
{
    if (++b->nodes > YTREE_MAX_NODES) {
        fail(b, mark_pos(mark), "the file has too many YAML nodes (limit 2000000)");
        return NULL;
    }
    ynode *n = arena_alloc(b->mem, sizeof *n);
    if (!n) { fail(b, mark_pos(mark), "out of memory reading the file"); return NULL; }
    n->kind = kind;
    n->pos = mark_pos(mark);
    return n;
}

static void remember_anchor(builder *b, const char *anchor, ynode *n)
{
    if (anchor && !hashmap_put(&b->anchors, anchor, n)) fail(b, n->pos, "out of memory reading the file");
}

static const char *copy_anchor(builder *b, const yaml_char_t *anchor)
{
    return anchor ? arena_strdup(b->mem, (const char *)anchor) : NULL;
}

static void add_child(builder *b, ynode *n)
{
    if (b->depth == 0) {
        if (!b->root) b->root = n;
        return;
    }
    if (vec_push(&b->stack[b->depth - 1].kids, n) != 0) fail(b, n->pos, "out of memory reading the file");
}

static void report_duplicate_key(builder *b, const ynode *first, const ynode *again)
{
    model_diag(b->diags, DIAG_ERROR, again->pos,
             "duplicate key '%s' (first at line %u:%u)", again->text, first->pos.line, first->pos.col);
}

/* A key repeated in one mapping is an error: YAML forbids it and the
 * second value would silently win. Small mappings compare pairwise. */
static void check_duplicate_keys(builder *b, const ynode *map)
{
    if (map->n <= 8) {
        for (size_t i = 1; i < map->n; i++) {
            const ynode *k = map->item[2 * i];
            if (k->kind != YNODE_SCALAR) continue;
            for (size_t j = 0; j < i; j++) {
                const ynode *e = map->item[2 * j];
                if (e->kind == YNODE_SCALAR && strcmp(e->text, k->text) == 0) {
                    report_duplicate_key(b, e, k);
                    break;
                }
            }
        }
        return;
    }
    hashmap seen;
    hashmap_init(&seen);
    for (size_t i = 0; i < map->n; i++) {
        const ynode *k = map->item[2 * i];
        if (k->kind != YNODE_SCALAR) continue;
        const ynode *e = hashmap_get(&seen, k->text);
        if (e) report_duplicate_key(b, e, k);
        else if (!hashmap_put(&seen, k->text, (void *)k)) break;
    }
    hashmap_free(&seen);
}

static void open_collection(builder *b, ynode_kind kind, const yaml_event_t *ev, const yaml_char_t *anchor)
{
    if (b->depth == YTREE_MAX_DEPTH) {
        fail(b, mark_pos(ev->start_mark), "the file nests deeper than 64 levels");
        return;
    }
    ynode *n = new_node(b, kind, ev->start_mark);
    if (!n) return;
    frame *f = &b->stack[b->depth++];
    memset(f, 0, sizeof *f);
    f->node = n;
    f->anchor = copy_anchor(b, anchor);
}

static void close_collection(builder *b)
{
    if (b->depth == 0) return;
    frame *f = &b->stack[--b->depth];
    ynode *n = f->node;
    if (f->kids.len) {
        n->item = arena_memdup(b->mem, f->kids.items, f->kids.len * sizeof *f->kids.items);
        if (!n->item) fail(b, n->pos, "out of memory reading the file");
        else n->n = n->kind == YNODE_MAPPING ? f->kids.len / 2 : f->kids.len;
    }
    vec_free(&f->kids);
    if (n->kind == YNODE_MAPPING) check_duplicate_keys(b, n);
    remember_anchor(b, f->anchor, n);
    add_child(b, n);
}

static void add_scalar(builder *b, const yaml_event_t *ev)
{
    ynode *n = new_node(b, YNODE_SCALAR, ev->start_mark);
    if (!n) return;
    n->text = arena_strndup(b->mem, (const char *)ev->data.scalar.value, ev->data.scalar.length);
    if (!n->text) { fail(b, n->pos, "out of memory reading the file"); return; }
    n->plain = ev->data.scalar.plain_implicit;
    remember_anchor(b, copy_anchor(b, ev->data.scalar.anchor), n);
    add_child(b, n);
}

static void add_alias(builder *b, const yaml_event_t *ev)
{
    const char *name = (const char *)ev->data.alias.anchor;
    ynode *target = hashmap_get(&b->anchors, name);
    if (!target) {
        model_pos at = mark_pos(ev->start_mark);
        model_diag(b->diags, DIAG_ERROR, at,
                 "alias '*%s' names no anchor defined before it (anchors cannot refer to their own parents)", name);
        /* Keep going with an empty value so the rest of the file is still checked. */
        target = new_node(b, YNODE_SCALAR, ev->start_mark);
        if (!target) return;
        target->text = "";
        target->plain = true;
        add_child(b, target);
        return;
    }
    /* A shallow copy placed where the alias is written, so a problem with
     * the value is reported at each use rather than once at the anchor. */
    ynode *use = new_node(b, target->kind, ev->start_mark);
    if (!use) return;
    model_pos at = use->pos;
    *use = *target;
    use->pos = at;
    use->origin = target->origin ? target->origin : target;
    add_child(b, use);
}

static void report_syntax_error(builder *b, const yaml_parser_t *p)
{
    if (p->error == YAML_MEMORY_ERROR) {
        fail(b, (model_pos){ 1, 1 }, "out of memory reading the file");
        return;
    }
    model_pos at = mark_pos(p->problem_mark);
    const char *problem = p->problem ? p->problem : "malformed YAML";
    if (p->context)
        model_diag(b->diags, DIAG_ERROR, at, "YAML syntax error: %s (%s at line %zu:%zu)", problem,
                 p->context, p->context_mark.line + 1, p->context_mark.column + 1);
    else
        model_diag(b->diags, DIAG_ERROR, at, "YAML syntax error: %s", problem);
    b->failed = true;
}

bool ynode_is_null(const ynode *n)
{
    if (!n) return true;
    if (n->kind != YNODE_SCALAR || !n->plain) return false;
    const char *t = n->text;
    return t[0] == '\0' || strcmp(t, "~") == 0 || strcmp(t, "null") == 0 || strcmp(t, "Null") == 0 ||
           strcmp(t, "NULL") == 0;
}

const char *ynode_kind_name(const ynode *n)
{
    if (!n || ynode_is_null(n)) return "nothing";
    switch (n->kind) {
    case YNODE_SCALAR: return "a single value";
    case YNODE_SEQUENCE: return "a list";
    case YNODE_MAPPING: return "a mapping";
    }
    return "?";
}

const ynode *ytree_parse(arena *mem, const char *data, size_t len, diag_list *diags, size_t *n_nodes)
{
    builder b;
    memset(&b, 0, sizeof b);
    b.mem = mem;
    b.diags = diags;
    hashmap_init(&b.anchors);

    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        diag_add(diags, DIAG_ERROR, 1, 1, "out of memory reading the file");
        return NULL;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);

    size_t documents = 0;
    bool done = false;
    while (!done && !b.failed) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            report_syntax_error(&b, &parser);
            break;
        }
        switch (ev.type) {
        case YAML_DOCUMENT_START_EVENT:
            if (++documents > 1) {
                model_pos at = mark_pos(ev.start_mark);
                model_diag(diags, DIAG_ERROR, at,
                         "a port model is one YAML document; remove this second one");
                done = true;
            }
            break;
        case YAML_STREAM_END_EVENT: done = true; break;
        case YAML_ALIAS_EVENT: add_alias(&b, &ev); break;
        case YAML_SCALAR_EVENT: add_scalar(&b, &ev); break;
        case YAML_SEQUENCE_START_EVENT:
            open_collection(&b, YNODE_SEQUENCE, &ev, ev.data.sequence_start.anchor);
            break;
        case YAML_MAPPING_START_EVENT:
            open_collection(&b, YNODE_MAPPING, &ev, ev.data.mapping_start.anchor);
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT: close_collection(&b); break;
        default: break;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    for (size_t i = 0; i < b.depth; i++) vec_free(&b.stack[i].kids);
    hashmap_free(&b.anchors);

    *n_nodes = b.nodes;
    if (b.failed) return NULL;
    if (!b.root && documents == 0) diag_add(diags, DIAG_ERROR, 1, 1, "the file is empty: no port model in it");
    return b.root;
}
