/* report_pdf.c - printing a report to PDF with headless chromium
 * (report_pdf.h). The page size and margins come from the document's
 * print CSS (@page A4); chromium's own header and footer are turned off. */
/* nftw(), to remove chromium's profile folder, is XSI. */
#define _XOPEN_SOURCE 700
#include "report/report_pdf.h"
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb; (void)flag; (void)ftw;
    remove(path);
    return 0;
}

static bool write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

/* Is `name` an executable on PATH (or a path that is one)? */
static bool on_path(const char *name)
{
    if (strchr(name, '/')) return access(name, X_OK) == 0;
    const char *path = getenv("PATH");
    if (!path) path = "/usr/bin:/bin";
    char buf[4096];
    for (const char *p = path; *p;) {
        const char *c = strchr(p, ':');
        size_t n = c ? (size_t)(c - p) : strlen(p);
        if (n && n + strlen(name) + 2 < sizeof buf) {
            snprintf(buf, sizeof buf, "%.*s/%s", (int)n, p, name);
            if (access(buf, X_OK) == 0) return true;
        }
        if (!c) break;
        p = c + 1;
    }
    return false;
}

/* Copies the first bytes of chromium's stderr into msg for the error. */
static void tail_of(const char *path, char *msg, size_t cap)
{
    msg[0] = 0;
    FILE *f = fopen(path, "r");
    if (!f) return;
    size_t n = fread(msg, 1, cap - 1, f);
    fclose(f);
    msg[n] = 0;
    for (char *p = msg; *p; p++)
        if (*p == '\n') *p = ' ';
}

static sw_code copy_pdf(const char *from, const char *to, sw_error *err)
{
    FILE *in = fopen(from, "rb");
    if (!in) return sw_fail(err, SW_ERR_IO, "chromium wrote no PDF");
    char head[5] = { 0 };
    if (fread(head, 1, 5, in) != 5 || memcmp(head, "%PDF-", 5)) {
        fclose(in);
        return sw_fail(err, SW_ERR_IO, "chromium's output is not a PDF");
    }
    rewind(in);
    size_t tl = strlen(to);
    char *tmp = malloc(tl + 8);
    if (!tmp) { fclose(in); return sw_fail(err, SW_ERR_NOMEM, "out of memory"); }
    snprintf(tmp, tl + 8, "%s.part", to);
    FILE *out = fopen(tmp, "wb");
    if (!out) { fclose(in); free(tmp); return sw_fail(err, SW_ERR_IO, "cannot write %s: %s", to, strerror(errno)); }
    char buf[65536];
    size_t n;
    bool ok = true;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) ok &= fwrite(buf, 1, n, out) == n;
    ok &= !ferror(in);
    fclose(in);
    ok &= fclose(out) == 0;
    /* Renamed into place only when whole, so a failure never leaves half a PDF. */
    if (!ok || rename(tmp, to)) {
        int e = errno;
        remove(tmp);
        free(tmp);
        return sw_fail(err, SW_ERR_IO, "cannot write %s: %s", to, strerror(e));
    }
    free(tmp);
    return SW_OK;
}

sw_code report_html_to_pdf(const char *html, size_t len, const char *pdf_path, int timeout_s, sw_error *err)
{
    const char *browser = getenv("SEAWALL_CHROMIUM");
    if (!browser || !*browser) browser = "chromium";
    if (!on_path(browser))
        return sw_fail(err, SW_ERR_IO,
                       "the PDF is printed by headless chromium, and '%s' was not found: install the Debian package 'chromium' "
                       "(apt-get install chromium), set SEAWALL_CHROMIUM to the browser, or write HTML (-o FILE.html)",
                       browser);
    const char *tmpdir = getenv("TMPDIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/seawall-report-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    if (!mkdtemp(dir)) return sw_fail(err, SW_ERR_IO, "cannot make a temporary folder: %s", strerror(errno));
    char in[4200], out[4200], profile[4200], log[4200], arg_pdf[4300], arg_profile[4300], url[4300];
    snprintf(in, sizeof in, "%s/report.html", dir);
    snprintf(out, sizeof out, "%s/report.pdf", dir);
    snprintf(profile, sizeof profile, "%s/profile", dir);
    snprintf(log, sizeof log, "%s/chromium.log", dir);
    snprintf(arg_pdf, sizeof arg_pdf, "--print-to-pdf=%s", out);
    snprintf(arg_profile, sizeof arg_profile, "--user-data-dir=%s", profile);
    snprintf(url, sizeof url, "file://%s", in);
    sw_code rc = SW_OK;
    int fd = open(in, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0 || !write_all(fd, html, len) || close(fd)) {
        rc = sw_fail(err, SW_ERR_IO, "cannot write the temporary HTML: %s", strerror(errno));
        goto done;
    }
    pid_t pid = fork();
    if (pid < 0) { rc = sw_fail(err, SW_ERR_IO, "fork: %s", strerror(errno)); goto done; }
    if (pid == 0) {
        /* Its own process group, so a timeout ends chromium's helpers too. */
        setpgid(0, 0);
        int nul = open("/dev/null", O_RDWR);
        int lg = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (nul >= 0) { dup2(nul, 0); dup2(nul, 1); }
        if (lg >= 0) dup2(lg, 2);
        char *argv[] = { (char *)browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                         "--disable-extensions", "--disable-background-networking", "--disable-dev-shm-usage", "--no-pdf-header-footer",
                         "--print-to-pdf-no-header", arg_profile, arg_pdf, url, NULL };
        execvp(browser, argv);
        _exit(127);
    }
    setpgid(pid, pid);
    struct timespec start, now, nap = { 0, 50 * 1000 * 1000 };
    clock_gettime(CLOCK_MONOTONIC, &start);
    int status = 0;
    for (;;) {
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid) break;
        if (w < 0 && errno != EINTR) { rc = sw_fail(err, SW_ERR_IO, "waiting for chromium: %s", strerror(errno)); goto done; }
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec - start.tv_sec >= (timeout_s > 0 ? timeout_s : REPORT_PDF_TIMEOUT_S)) {
            kill(-pid, SIGKILL);
            waitpid(pid, &status, 0);
            rc = sw_fail(err, SW_ERR_IO, "chromium did not finish the PDF within %d s and was stopped", timeout_s);
            goto done;
        }
        nanosleep(&nap, NULL);
    }
    /* Helpers chromium left behind go with the group. */
    kill(-pid, SIGKILL);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        char msg[300];
        tail_of(log, msg, sizeof msg);
        rc = sw_fail(err, SW_ERR_IO, "chromium failed (%s %d)%s%s", WIFEXITED(status) ? "exit" : "signal",
                     WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status), msg[0] ? ": " : "", msg);
        goto done;
    }
    rc = copy_pdf(out, pdf_path, err);
done:
    nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    return rc;
}
