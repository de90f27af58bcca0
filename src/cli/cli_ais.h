/* cli_ais.h - running the AIS sensor from a command (`seawall ais track`
 * and `seawall sense --ais`): loading the model and the land layer,
 * opening --eve and the store, printing the summary, mapping exit codes. */
#ifndef SW_CLI_AIS_H
#define SW_CLI_AIS_H
#include <stdbool.h>
#include <stdint.h>
#include "cli/cli.h"

typedef struct cli_ais_opts {
    const char *model_path;      /* NULL: no port geography */
    const char *land_path;       /* NULL: the shipped layer if found; "none": no world layer */
    const char *eve_path;        /* NULL: none; "-": stdout */
    bool store;                  /* write vessels and alerts to ctx->db_path */
    uint32_t vessels;            /* tracker capacity; 0 default */
    const char *const *sets;     /* "NAME=VALUE" thresholds (ais_detect_config_set) */
    size_t n_sets;
} cli_ais_opts;

int cli_ais_track(const cli_command *cmd, cli_ctx *ctx, const char *const *sources, size_t n_sources,
                  const cli_ais_opts *o);

#endif
