/* identity.h - is what a device says about itself (vendor, product,
 * firmware from Modbus FC 43, ListIdentity, SZL, I-Am, SNMP, ONVIF) the
 * asset the port model declares? Tolerant comparisons that flag a real
 * difference, not a different spelling. Pure functions. */
#ifndef SW_MODEL_IDENTITY_H
#define SW_MODEL_IDENTITY_H
#include <stdbool.h>

/* Vendors match when, with case, punctuation and legal forms ("AG", "Inc.",
 * "Co., Ltd") ignored, one name's words begin the other's ("Siemens" and
 * "Siemens AG"; "Rockwell Automation" and "Rockwell Automation/Allen-Bradley"),
 * or both are names of one company (Allen-Bradley is Rockwell, Telemecanique
 * and Modicon are Schneider Electric, ...). NULL or empty matches anything. */
bool identity_vendor_matches(const char *declared, const char *observed);

/* Firmware versions match when their numeric parts agree, compared as
 * numbers ("V2.9.4" = "2.9.4", "33.011" = "33.11") for as many parts as
 * both give (a device saying "2.9" does not contradict "2.9.4"), and their
 * letter suffixes agree when both have one at the same depth ("17.9.4a" is
 * not "17.9.4b"). Strings without digits compare case-insensitively.
 * NULL or empty matches anything. */
bool identity_firmware_matches(const char *declared, const char *observed);

/* A product matches when, ignoring case, spaces and punctuation, one name
 * contains the other ("CPU 1516-3 PN/DP" in "SIMATIC S7-1500 CPU 1516-3
 * PN/DP"), or every catalogue-number-like word of the observed product or
 * model (a word with a digit: "1756-L83E/B", "BMX P34 2020") appears in the
 * declared product or CPE. Either observed string may match. NULL or empty
 * matches anything. */
bool identity_product_matches(const char *declared, const char *declared_cpe,
                              const char *observed_product, const char *observed_model);

/* True when the protocol's "identity" is the banner of a service the host
 * runs (an SSH or FTP server's software string, a web or RTSP server
 * header), not the device's own account of what it is: such strings name
 * software, so they are shown but never judged against the model. */
bool identity_is_service_banner(const char *protocol);

#endif
