/* fuzz_phys_jsonl.c - any bytes as JSON lines (the Genetec-like profile:
 * nested keys, escapes and surrogates, numbers, arrays, deep nesting). */
#include "phys_fuzz.h"

static const char profile[] =
    "[profile]\nformat = jsonl\ntime_format = iso8601\ntime_zone = utc\n"
    "[fields]\ntime = Timestamp\nkind = EventType\nbadge = Credential.CardNumber\nperson = Cardholder.Name\n"
    "door = Door.Name\nreader = Source.Name\ncamera = Camera.Name\n"
    "[kinds]\nAccessGranted = granted\n\"AccessRefused*\" = denied\nDoorForcedOpen = forced\nCameraOffline = camera-offline\n"
    "SignalLost = video-loss\nMotionOn = motion\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    phys_fuzz_run(profile, data, size, NULL);
    return 0;
}
