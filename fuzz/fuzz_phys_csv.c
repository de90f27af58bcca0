/* fuzz_phys_csv.c - any bytes as a CSV access-control export (the
 * Lenel-like profile: quoting, a 12-hour time pattern, globbed kinds). */
#include "phys_fuzz.h"

static const char profile[] =
    "[profile]\nformat = csv\nheader = yes\ntime_format = %m/%d/%Y %I:%M:%S %p\ntime_zone = utc\n"
    "[fields]\ntime = Event Time\nkind = Event Description\nbadge = Badge ID\nperson = Cardholder\ndoor = Door\n"
    "reader = Reader\ndevice = Panel\n"
    "[kinds]\n\"Access Granted*\" = granted\n\"Access Denied*\" = denied\n\"Door Forced Open\" = forced\n"
    "\"*Anti-Passback*\" = anti-passback\n\"Door Closed\" = ignore\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    phys_fuzz_run(profile, data, size, NULL);
    return 0;
}
