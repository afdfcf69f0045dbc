/* models/report/gnuplot.c: finding the scripts, running gnuplot, keeping its log.
 *
 * There is no state: every call looks the scripts and gnuplot up again. A report draws
 * about a dozen charts, each one a gnuplot process of tens of milliseconds, so a lookup
 * of a few stat() calls per chart costs nothing next to it, and nothing can go stale
 * between two commands of one process (the tests run many). The child does only
 * async-signal-safe calls between fork and exec. */
#include "models/report/gnuplot.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sim/mem.h"

char *cc_gnuplot_path(const char *dir, const char *name)
{
    size_t len = strlen(dir) + strlen(name) + 2;
    char *s = sim_xmalloc(len);
    snprintf(s, len, "%s/%s", dir, name);
    return s;
}

static bool is_file(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

bool cc_gnuplot_is_installed(void)
{
    const char *path = getenv("PATH");
    if (!path) path = "/usr/bin:/bin";
    char *copy = sim_xstrdup(path), *save = NULL;
    bool found = false;
    for (char *d = strtok_r(copy, ":", &save); d && !found; d = strtok_r(NULL, ":", &save)) {
        char *full = cc_gnuplot_path(*d ? d : ".", "gnuplot");
        found = is_file(full) && access(full, X_OK) == 0;
        free(full);
    }
    free(copy);
    return found;
}

char *cc_gnuplot_scripts(void)
{
    char *candidates[4] = {0};
    size_t n = 0;
    const char *env = getenv("CCSIM_PLOTS");
    if (env && env[0]) candidates[n++] = sim_xstrdup(env);
    char exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0) {
        exe[len] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            candidates[n++] = cc_gnuplot_path(exe, "../plots");
            candidates[n++] = cc_gnuplot_path(exe, "../share/ccsim/plots");
        }
    }
    candidates[n++] = sim_xstrdup("plots");
    char *found = NULL;
    for (size_t i = 0; i < n; i++) {
        char *common = cc_gnuplot_path(candidates[i], "common.gp");
        if (!found && is_file(common)) {
            char cwd[PATH_MAX];
            if (candidates[i][0] == '/') found = sim_xstrdup(candidates[i]);
            else if (getcwd(cwd, sizeof cwd)) found = cc_gnuplot_path(cwd, candidates[i]);
        }
        free(common);
        free(candidates[i]);
    }
    return found;
}

/* Runs argv (argv[0] looked up on PATH) in folder `cwd`, stdin from /dev/null, stdout and
 * stderr into `log`. Returns the exit status, or -1 if it could not run. */
static int spawn(char *const argv[], const char *cwd, const char *log)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        int out = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (in < 0 || out < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0) _exit(126);
        close(in);
        close(out);
        if (chdir(cwd) != 0) _exit(126);
        execvp(argv[0], argv);
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return -1;
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return -1;
}

/* Prints the first lines of a failed gnuplot run's log. */
static void show_log(const char *log, const char *what)
{
    FILE *f = fopen(log, "r");
    if (!f) return;
    char line[512];
    int n = 0;
    while (fgets(line, sizeof line, f) && n++ < 20) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0]) fprintf(stderr, "ccsim: %s: gnuplot: %s\n", what, line);
    }
    fclose(f);
}

const char *cc_gnuplot_png_terminal(const char *plotdir)
{
    char *log = cc_gnuplot_path(plotdir, "data/terminal.log");
    char *argv[] = {"gnuplot", "-e", "set terminal pngcairo", NULL};
    int rc = spawn(argv, plotdir, log);
    remove(log);
    free(log);
    return rc == 0 ? "pngcairo" : "png";
}

char *cc_gnuplot_string(const char *text, size_t max)
{
    size_t len = strlen(text);
    bool cut = max && len > max;
    if (cut) {
        len = max;
        while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80) len--;
    }
    /* Every byte may double (a quote), plus the two quotes, an ellipsis and the NUL. */
    char *out = sim_xmalloc(2 * len + 6), *p = out;
    *p++ = '\'';
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\'') {
            *p++ = '\'';
            *p++ = '\'';
        } else {
            char ch = (char)c;
            if (c < 0x20 || c == 0x7f) ch = ' ';
            *p++ = ch;
        }
    }
    if (cut) {
        memcpy(p, "\xe2\x80\xa6", 3);
        p += 3;
    }
    *p++ = '\'';
    *p = '\0';
    return out;
}

bool cc_gnuplot_draw(const cc_gnuplot_chart *c)
{
    size_t tmp_len = strlen(c->name) + 6;
    char *tmp = sim_xmalloc(tmp_len);
    snprintf(tmp, tmp_len, ".%s.tmp", c->name);
    size_t vars_len = strlen(c->term) + strlen(tmp) + strlen(c->vars) + 32;
    char *vars = sim_xmalloc(vars_len);
    snprintf(vars, vars_len, "term = '%s'; out = '%s'; %s", c->term, tmp, c->vars);
    char *common = cc_gnuplot_path(c->scripts, "common.gp");
    char *script = cc_gnuplot_path(c->scripts, c->script);
    char *log = cc_gnuplot_path(c->plotdir, c->log);
    char *tmppath = cc_gnuplot_path(c->plotdir, tmp), *path = cc_gnuplot_path(c->plotdir, c->name);
    char *argv[] = {"gnuplot", "-e", vars, common, script, NULL};
    int rc = is_file(script) ? spawn(argv, c->plotdir, log) : -2;
    bool ok = rc == 0 && is_file(tmppath) && rename(tmppath, path) == 0;
    if (rc == -2) {
        fprintf(stderr, "ccsim: %s: %s: no such script\n", c->what, script);
    } else if (!ok) {
        fprintf(stderr, "ccsim: %s: %s: gnuplot failed (exit status %d)\n", c->what, c->name, rc);
        show_log(log, c->name);
        remove(tmppath);
    }
    if (ok) remove(log);
    free(tmp);
    free(vars);
    free(common);
    free(script);
    free(log);
    free(tmppath);
    free(path);
    return ok;
}
