/* cli_vessels.h - one vessel of `seawall vessels --json`, shared with the
 * web API so both write the same object. */
#ifndef SW_CLI_VESSELS_H
#define SW_CLI_VESSELS_H
#include "core/json.h"
#include "store/store_vessel_track.h"
#include "store/store_vessels.h"

void cli_vessel_jw(json_writer *w, const store_vessel_row *v);
/* One point of `seawall vessels --track MMSI --json`. */
void cli_track_point_jw(json_writer *w, const store_track_point *p);

#endif
