/* web_assets.h - the dashboard's files, embedded in the binary at build
 * time from web/ (scripts/web-assets.sh), so nothing is read from disk or
 * loaded from the internet at run time. */
#ifndef SW_WEB_ASSETS_H
#define SW_WEB_ASSETS_H
#include <stddef.h>

typedef struct web_asset {
    const char *name;              /* path under web/, e.g. "index.html" */
    const char *content_type;
    const unsigned char *data;
    size_t len;
} web_asset;

extern const web_asset web_assets[];
extern const size_t web_n_assets;

/* The embedded file with exactly this name, or NULL. */
const web_asset *web_asset_find(const char *name);

#endif
