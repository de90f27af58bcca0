/* proto_harness.c - the observation recorder, parser fixture and byte
 * helpers the protocol-parser unit tests share (see proto_harness.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "proto_harness.h"
#include "net/proto/defcred.h"

static void keep(char *dst, size_t cap, const char *s) { snprintf(dst, cap, "%s", s ? s : ""); }

/* A kept copy, or NULL where the parser gave none. */
static const char *keep_ptr(char *dst, size_t cap, const char *s)
{
    keep(dst, cap, s);
    return s ? dst : NULL;
}

static void record_identity(harness_seen *s, const net_observation *o)
{
    const obs_identity *id = &o->u.identity;
    s->n_ids++;
    s->id = *id;
    s->id_dir = o->dir;
    s->id.vendor = keep_ptr(s->vendor, sizeof s->vendor, id->vendor);
    s->id.product = keep_ptr(s->product, sizeof s->product, id->product);
    s->id.firmware = keep_ptr(s->firmware, sizeof s->firmware, id->firmware);
    s->id.serial = keep_ptr(s->serial, sizeof s->serial, id->serial);
    s->id.model = keep_ptr(s->model, sizeof s->model, id->model);
    s->id.name = keep_ptr(s->name, sizeof s->name, id->name);
    s->id.url = keep_ptr(s->url, sizeof s->url, id->url);
    s->id.device_type = keep_ptr(s->device_type, sizeof s->device_type, id->device_type);
    s->id.plant = keep_ptr(s->plant, sizeof s->plant, id->plant);
    s->id.protocol = NULL;
}

static void record_meta(harness_seen *s, const net_observation *o)
{
    const obs_app_meta *m = &o->u.meta;
    int i = s->n_metas++;
    if (i >= HARNESS_MAX_METAS) return;
    keep(s->protocol[i], sizeof s->protocol[i], m->protocol);
    keep(s->event[i], sizeof s->event[i], m->event);
    s->clear[i] = m->cleartext_credentials;
    s->default_id[i] = m->default_credential ? m->default_credential->id : NULL;
    s->accepted[i] = m->default_accepted;
    s->nkv[i] = m->n;
    for (size_t k = 0; k < m->n && k < OBS_META_MAX; k++) {
        keep(s->key[i][k], sizeof s->key[i][k], m->kv[k].key);
        keep(s->val[i][k], sizeof s->val[i][k], m->kv[k].value);
    }
}

void harness_record(harness_seen *s, const net_observation *o, harness_op_text_fn *op_text_of)
{
    switch (o->kind) {
    case OBS_ICS_OP:
        if (s->n_ops >= HARNESS_MAX_OPS) break;
        if (op_text_of) keep(s->op_text[s->n_ops], sizeof s->op_text[0], op_text_of(&o->u.ics));
        s->dirs[s->n_ops] = o->dir;
        s->ops[s->n_ops++] = o->u.ics;
        break;
    case OBS_IDENTITY: record_identity(s, o); break;
    case OBS_APP_META: record_meta(s, o); break;
    case OBS_FLOW_END: s->n_flows_ended++; break;
    case OBS_APP_DETECTED: s->n_detected++; break;
    default: break;
    }
}

static void seen_emit(void *user, const net_observation *o) { harness_record(user, o, NULL); }

obs_sink harness_sink(harness_seen *s) { return (obs_sink){ seen_emit, s, OBS_MASK_ALL }; }

const char *harness_meta_get(const harness_seen *s, int i, const char *key, int nth)
{
    if (i < 0 || i >= HARNESS_MAX_METAS || i >= s->n_metas) return NULL;
    for (size_t k = 0; k < s->nkv[i]; k++)
        if (!strcmp(s->key[i][k], key) && nth-- == 0) return s->val[i][k];
    return NULL;
}

static void fixture_emit(void *user, const net_observation *o)
{
    harness_fixture *f = user;
    harness_record(&f->seen, o, f->op_text_of);
}

int harness_setup(void **state, const char *parser_name)
{
    harness_fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->pp = proto_find(parser_name);
    assert_non_null(f->pp);
    f->state = calloc(1, f->pp->state_size ? f->pp->state_size : 1);
    assert_non_null(f->state);
    f->sink = (obs_sink){ fixture_emit, f, OBS_MASK_ALL };
    f->ctx = (proto_ctx){ &f->flow, 0, 1, &f->sink };
    *state = f;
    return 0;
}

int harness_teardown(void **state)
{
    harness_fixture *f = *state;
    free(f->state);
    free(f);
    return 0;
}

size_t harness_hex(uint8_t *out, size_t cap, const char *hex)
{
    size_t n = 0;
    for (const char *p = hex; p[0] && p[1];) {
        if (*p == ' ') { p++; continue; }
        unsigned v;
        assert_int_equal(sscanf(p, "%2x", &v), 1);
        assert_true(n < cap);
        out[n++] = (uint8_t)v;
        p += 2;
    }
    return n;
}

void harness_to_server(harness_fixture *f, const uint8_t *d, size_t n) { f->pp->parse_to_server(f->state, &f->ctx, d, n); }
void harness_to_client(harness_fixture *f, const uint8_t *d, size_t n) { f->pp->parse_to_client(f->state, &f->ctx, d, n); }

void harness_feed(harness_fixture *f, net_dir dir, const uint8_t *d, size_t n)
{
    if (dir == NET_DIR_TO_SERVER) harness_to_server(f, d, n);
    else harness_to_client(f, d, n);
}

void harness_gap(harness_fixture *f, net_dir dir, uint32_t len) { f->pp->gap(f->state, &f->ctx, dir, len); }
void harness_end(harness_fixture *f) { if (f->pp->end) f->pp->end(f->state, &f->ctx); }
