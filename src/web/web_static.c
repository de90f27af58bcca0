/* web_static.c - serving the embedded interface files and the OpenAPI
 * document. Files are looked up by exact name in the embedded table, so no
 * request can reach the filesystem. */
#include <stdio.h>
#include <string.h>
#include "web/web_app.h"
#include "web/web_assets.h"

const web_asset *web_asset_find(const char *name)
{
    for (size_t i = 0; i < web_n_assets; i++)
        if (!strcmp(web_assets[i].name, name)) return &web_assets[i];
    return NULL;
}

static void send_asset(web_call *c, const char *name)
{
    const web_asset *a = web_asset_find(name);
    if (!a) return web_fail(c, 404, "not_found", "no such file");
    c->res.status = 200;
    c->res.content_type = a->content_type;
    c->res.static_body = a->data;
    c->res.static_len = a->len;
}

void web_h_index(web_call *c) { send_asset(c, "index.html"); }

/* A file under web/DIR/: the route's one path segment, never a path. */
static void send_in_dir(web_call *c, const char *dir)
{
    char name[192];
    if (strlen(c->var) > 128) return web_fail(c, 404, "not_found", "no such file");
    snprintf(name, sizeof name, "%s/%s", dir, c->var);
    send_asset(c, name);
}

/* index.html has its own route; other names are files under web/static/. */
void web_h_static(web_call *c) { send_in_dir(c, "static"); }

/* The dashboard's page modules, web/static/pages/NAME.js. */
void web_h_static_page(web_call *c) { send_in_dir(c, "static/pages"); }

void web_h_openapi(web_call *c)
{
    c->res.status = 200;
    c->res.content_type = "application/json";
    strbuf_reset(&c->res.body);
    web_openapi_write(&c->res.body);
}
