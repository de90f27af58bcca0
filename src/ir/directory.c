/* directory.c - loading the agency and partner directory, with
 * file:line:col errors for unknown fields, missing names and duplicate ids. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/strbuf.h"
#include "ir/directory.h"
#include "model/model_yaml.h"

static const char *text_of(const ynode *v, diag_list *d, const char *field)
{
    if (v->kind != YNODE_SCALAR || ynode_is_null(v) || !v->text[0]) {
        diag_add(d, DIAG_ERROR, v->pos.line, v->pos.col, "'%s' must be a non-empty string, not %s", field, ynode_kind_name(v));
        return NULL;
    }
    return v->text;
}

static void parse_contact(const ynode *v, ir_contact *c, diag_list *d)
{
    c->pos = v->pos;
    if (v->kind != YNODE_MAPPING) { diag_add(d, DIAG_ERROR, v->pos.line, v->pos.col, "a contact must be a mapping"); return; }
    for (size_t i = 0; i < v->n; i++) {
        const ynode *k = v->item[2 * i], *val = v->item[2 * i + 1];
        const char *key = k->kind == YNODE_SCALAR ? k->text : "";
        const char **slot = !strcmp(key, "id") ? &c->id : !strcmp(key, "agency") ? &c->agency : !strcmp(key, "name") ? &c->name
                          : !strcmp(key, "phone") ? &c->phone : !strcmp(key, "email") ? &c->email : !strcmp(key, "web") ? &c->web
                          : !strcmp(key, "for") ? &c->what : NULL;
        if (!slot) { diag_add(d, DIAG_ERROR, k->pos.line, k->pos.col, "unknown field '%s' in a contact (known: id, agency, name, phone, email, web, for)", key); continue; }
        *slot = text_of(val, d, key);
    }
    if (!c->id) diag_add(d, DIAG_ERROR, v->pos.line, v->pos.col, "a contact needs an 'id'");
    if (!c->name) diag_add(d, DIAG_ERROR, v->pos.line, v->pos.col, "a contact needs a 'name'");
    if (!c->phone && !c->email && !c->web) diag_add(d, DIAG_ERROR, v->pos.line, v->pos.col, "a contact needs a 'phone', 'email' or 'web' to reach it by");
}

ir_directory *ir_directory_load_buffer(const char *data, size_t len, const char *name, diag_list *d)
{
    ir_directory *dir = calloc(1, sizeof *dir);
    if (!dir) return NULL;
    arena_init(&dir->mem, 8192);
    size_t n_nodes;
    const ynode *root = ytree_parse(&dir->mem, data, len, d, &n_nodes);
    (void)name;
    if (!root) { ir_directory_free(dir); return NULL; }
    const ynode *list = NULL;
    if (root->kind == YNODE_MAPPING)
        for (size_t i = 0; i < root->n; i++) {
            const ynode *k = root->item[2 * i];
            if (k->kind == YNODE_SCALAR && !strcmp(k->text, "contacts")) list = root->item[2 * i + 1];
            else diag_add(d, DIAG_ERROR, k->pos.line, k->pos.col, "unknown field '%s' (known: contacts)", k->kind == YNODE_SCALAR ? k->text : "?");
        }
    if (!list || list->kind != YNODE_SEQUENCE) {
        diag_add(d, DIAG_ERROR, root->pos.line, root->pos.col, "the directory must be a mapping with a 'contacts' list");
        return dir;
    }
    if (!list->n) return dir;
    if (list->origin) { diag_add(d, DIAG_ERROR, list->pos.line, list->pos.col, "'contacts' must be written out, not an alias"); return dir; }
    dir->contacts = arena_alloc(&dir->mem, list->n * sizeof *dir->contacts);
    if (!dir->contacts) { diag_add(d, DIAG_ERROR, 0, 0, "out of memory"); return dir; }
    for (size_t i = 0; i < list->n; i++) {
        ir_contact *c = &dir->contacts[dir->n++];
        parse_contact(list->item[i], c, d);
        for (size_t k = 0; c->id && k + 1 < dir->n; k++)
            if (dir->contacts[k].id && !strcmp(dir->contacts[k].id, c->id))
                diag_add(d, DIAG_ERROR, c->pos.line, c->pos.col, "contact '%s' is listed twice", c->id);
    }
    return dir;
}

ir_directory *ir_directory_load_file(const char *path, diag_list *d)
{
    FILE *f = fopen(path, "rb");
    if (!f) { diag_add(d, DIAG_ERROR, 0, 0, "cannot open: %s", strerror(errno)); return NULL; }
    strbuf sb;
    strbuf_init(&sb);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0 && sb.len < (4u << 20)) strbuf_append(&sb, buf, n);
    bool bad = ferror(f) || sb.oom || sb.len >= (4u << 20);
    fclose(f);
    ir_directory *dir = bad ? NULL : ir_directory_load_buffer(sb.data ? sb.data : "", sb.len, path, d);
    if (bad) diag_add(d, DIAG_ERROR, 0, 0, "cannot read (I/O error or larger than 4 MiB)");
    strbuf_free(&sb);
    return dir;
}

void ir_directory_free(ir_directory *d)
{
    if (!d) return;
    arena_free(&d->mem);
    free(d);
}

const ir_contact *ir_directory_find(const ir_directory *d, const char *key)
{
    for (size_t i = 0; d && key && i < d->n; i++)
        if (d->contacts[i].id && !strcmp(d->contacts[i].id, key)) return &d->contacts[i];
    for (size_t i = 0; d && key && i < d->n; i++)
        if (d->contacts[i].agency && !strcmp(d->contacts[i].agency, key)) return &d->contacts[i];
    return NULL;
}
