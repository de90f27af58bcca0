/* compliance_catalog.c - the set of loaded catalogues: reading the folder,
 * registering frameworks by id and resolving mappings "framework:req"
 * across them, so a typo in a mapping fails the load at its position. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "analysis/compliance.h"
#include "model/data_path.h"

void comp_catalog_init(comp_catalog *c)
{
    memset(c, 0, sizeof *c);
    arena_init(&c->mem, 64 * 1024);
    c->mem.limit = (size_t)256 << 20;
    hashmap_init(&c->by_id);
}

void comp_catalog_free(comp_catalog *c)
{
    for (size_t i = 0; i < c->n; i++) hashmap_free(&c->fw[i]->by_id);
    hashmap_free(&c->by_id);
    arena_free(&c->mem);
    memset(c, 0, sizeof *c);
}

bool comp_catalog_add(comp_catalog *c, comp_framework *fw, diag_list *diags)
{
    comp_framework *prev = hashmap_get(&c->by_id, fw->id);
    if (prev) {
        diag_add(diags, DIAG_ERROR, fw->pos.line, fw->pos.col, "framework id '%s' is already used by %s", fw->id, prev->file);
        return false;
    }
    if (c->n == COMP_MAX_FRAMEWORKS) {
        diag_add(diags, DIAG_ERROR, fw->pos.line, fw->pos.col, "more than %d catalogues", COMP_MAX_FRAMEWORKS);
        return false;
    }
    if (!hashmap_put(&c->by_id, fw->id, fw)) {
        diag_add(diags, DIAG_ERROR, 0, 0, "out of memory");
        return false;
    }
    c->fw[c->n++] = fw;
    return true;
}

const comp_framework *comp_catalog_find(const comp_catalog *c, const char *framework_id)
{
    return hashmap_get(&c->by_id, framework_id);
}

const comp_req *comp_framework_req(const comp_framework *fw, const char *req_id)
{
    return hashmap_get(&fw->by_id, req_id);
}

const comp_req *comp_catalog_resolve(const comp_catalog *c, const char *ref, const comp_framework **fw_out)
{
    const char *colon = strchr(ref, ':');
    if (!colon || colon == ref || (size_t)(colon - ref) >= 64) return NULL;
    char fid[64];
    memcpy(fid, ref, (size_t)(colon - ref));
    fid[colon - ref] = '\0';
    const comp_framework *fw = comp_catalog_find(c, fid);
    if (!fw) return NULL;
    if (fw_out) *fw_out = fw;
    return comp_framework_req(fw, colon + 1);
}

size_t comp_catalog_validate(const comp_catalog *c, diag_list *diags)
{
    size_t bad = 0;
    for (size_t f = 0; f < c->n; f++) {
        const comp_framework *fw = c->fw[f];
        if (fw->superseded_by) {
            const comp_framework *next = comp_catalog_find(c, fw->superseded_by);
            if (!next || next == fw) {
                diag_add(&diags[f], DIAG_ERROR, fw->superseded_pos.line, fw->superseded_pos.col,
                         next ? "framework %s cannot supersede itself" : "'superseded_by' names no loaded framework: %s",
                         fw->superseded_by);
                bad++;
            } else if (next->superseded_by) {
                /* One hop only, so "the current edition" is always one lookup away. */
                diag_add(&diags[f], DIAG_ERROR, fw->superseded_pos.line, fw->superseded_pos.col,
                         "'superseded_by: %s' names a framework that is itself superseded (by %s): name the current one",
                         fw->superseded_by, next->superseded_by);
                bad++;
            }
        }
        for (size_t i = 0; i < fw->n_reqs; i++) {
            const comp_req *r = &fw->reqs[i];
            for (size_t k = 0; k < r->n_mappings; k++) {
                const comp_ref *m = &r->mappings[k];
                const char *colon = strchr(m->text, ':');
                const comp_framework *target = NULL;
                if (!colon) {
                    diag_add(&diags[f], DIAG_ERROR, m->pos.line, m->pos.col,
                             "mapping \"%s\" must be FRAMEWORK:REQUIREMENT, such as nis2:21(2)(d)", m->text);
                    bad++;
                } else if (!comp_catalog_resolve(c, m->text, &target)) {
                    if (!target)
                        diag_add(&diags[f], DIAG_ERROR, m->pos.line, m->pos.col,
                                 "mapping \"%s\" names no loaded framework", m->text);
                    else
                        diag_add(&diags[f], DIAG_ERROR, m->pos.line, m->pos.col,
                                 "mapping \"%s\": '%s' is not a requirement of %s (%s)", m->text, colon + 1, target->id,
                                 target->file);
                    bad++;
                } else if (target == fw) {
                    diag_add(&diags[f], DIAG_ERROR, m->pos.line, m->pos.col,
                             "mapping \"%s\" points into its own catalogue; use 'parent' for structure", m->text);
                    bad++;
                }
            }
        }
    }
    return bad;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *read_file(const char *path, size_t *len, sw_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) { sw_fail(err, SW_ERR_IO, "%s: %s", path, strerror(errno)); return NULL; }
    char *buf = malloc(COMP_MAX_FILE_BYTES + 1);
    size_t n = buf ? fread(buf, 1, COMP_MAX_FILE_BYTES + 1, f) : 0;
    bool bad = !buf || ferror(f);
    fclose(f);
    if (bad) { free(buf); sw_fail(err, SW_ERR_IO, "%s: cannot read", path); return NULL; }
    if (n > COMP_MAX_FILE_BYTES) { free(buf); sw_fail(err, SW_ERR_LIMIT, "%s: larger than %u bytes", path, COMP_MAX_FILE_BYTES); return NULL; }
    buf[n] = '\0';
    *len = n;
    return buf;
}

sw_code comp_catalog_load_dir(comp_catalog *c, const char *dir, FILE *out, sw_error *err)
{
    DIR *d = opendir(dir);
    if (!d) return sw_fail(err, SW_ERR_IO, "%s: %s", dir, strerror(errno));
    char *names[COMP_MAX_FRAMEWORKS + 1];
    size_t n = 0;
    struct dirent *e;
    sw_code rc = SW_OK;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 6 || strcmp(e->d_name + l - 5, ".yaml") || e->d_name[0] == '.') continue;
        if (n == COMP_MAX_FRAMEWORKS) { rc = sw_fail(err, SW_ERR_LIMIT, "%s: more than %d catalogues", dir, COMP_MAX_FRAMEWORKS); break; }
        names[n] = malloc(strlen(dir) + l + 2);
        if (!names[n]) { rc = sw_fail(err, SW_ERR_NOMEM, "out of memory"); break; }
        sprintf(names[n], "%s/%s", dir, e->d_name);
        n++;
    }
    closedir(d);
    if (rc == SW_OK && n == 0) rc = sw_fail(err, SW_ERR_IO, "%s: no catalogue (*.yaml) found", dir);
    qsort(names, n, sizeof names[0], cmp_names);
    diag_list diags[COMP_MAX_FRAMEWORKS];
    size_t loaded_to[COMP_MAX_FRAMEWORKS];   /* diags index of each c->fw entry */
    size_t errors = 0;
    for (size_t i = 0; i < n; i++) diag_init(&diags[i], names[i]);
    for (size_t i = 0; rc == SW_OK && i < n; i++) {
        size_t len;
        char *data = read_file(names[i], &len, err);
        if (!data) { rc = err ? err->code : SW_ERR_IO; break; }
        comp_framework *fw = comp_framework_parse(&c->mem, names[i], data, len, &diags[i]);
        free(data);
        if (fw && comp_catalog_add(c, fw, &diags[i])) loaded_to[c->n - 1] = i;
        else if (fw) hashmap_free(&fw->by_id);
    }
    bool all_parsed = c->n == n;
    if (rc == SW_OK && !all_parsed)
        /* A file that did not load would make every mapping into it look
         * dangling: check mappings once all files load. */
        fprintf(out ? out : stderr, "%s: mappings between catalogues not checked until every file loads\n", dir);
    if (rc == SW_OK && all_parsed) {
        /* Validation writes into the diag list of the file each framework came from. */
        diag_list per_fw[COMP_MAX_FRAMEWORKS];
        for (size_t f = 0; f < c->n; f++) per_fw[f] = diags[loaded_to[f]];
        comp_catalog_validate(c, per_fw);
        for (size_t f = 0; f < c->n; f++) diags[loaded_to[f]] = per_fw[f];
    }
    if (rc == SW_OK) {
        for (size_t i = 0; i < n; i++) {
            diag_sort(&diags[i]);
            if (out) diag_print(&diags[i], out);
            errors += diags[i].errors;
        }
        if (errors) rc = sw_fail(err, SW_ERR_INVALID, "%s: %zu error%s in the catalogues", dir, errors, errors == 1 ? "" : "s");
    }
    for (size_t i = 0; i < n; i++) { diag_free(&diags[i]); free(names[i]); }
    return rc;
}

const char *comp_default_dir(char *buf, size_t size)
{
    return data_path_find("frameworks", true, buf, size);
}
