/* fuzz_phys_syslog.c - any bytes as VMS syslog (RFC 5424 with structured
 * data, RFC 3164, key=value messages) with the Milestone-like profile. */
#include "phys_fuzz.h"

static const char profile[] =
    "[profile]\nformat = syslog\ntime_zone = utc\n"
    "[fields]\ntime = @timestamp\nkind = Event\ncamera = Camera\ndevice = @host\nbadge = card\n"
    "[kinds]\n\"Communication Started\" = camera-online\n\"Communication Stopped\" = camera-offline\n"
    "\"Video Signal Lost\" = video-loss\n\"Tampering*\" = camera-tamper\n\"*Motion*\" = motion\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    phys_fuzz_run(profile, data, size, NULL);
    return 0;
}
