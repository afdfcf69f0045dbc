/* models/report/html.c: report.html from a run's CSV files and gnuplot's SVG charts.
 * The page is printed straight to a cc_outfile with fprintf; every piece of text from a
 * CSV file goes through cc_html_escape, and numbers are formatted here. An SVG chart is
 * inlined after three changes: the XML prolog goes, the ids gnuplot gives every chart
 * (gnuplot_canvas, gpPt0, ...) get a per-chart prefix so that several charts can share
 * the page, and the file is refused if it holds anything active (script, event
 * attributes, foreignObject), which gnuplot's svg terminal never writes. gnuplot
 * already writes the text of an SVG with < and & escaped. */
#include "models/report/html.h"

#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "models/center/version.h"
#include "models/report/report.h"
#include "sim/mem.h"
#include "sim/status.h"

#define NAMES_MAX 256
#define MEASURES_MAX 512
#define SVG_MAX (32u << 20)

void cc_html_escape(FILE *f, const char *text)
{
    for (const char *p = text; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(*p, f);
        }
    }
}

#define esc cc_html_escape

/* ---- numbers ---- */

/* "12345.678" -> "12,345.68" with `decimals` decimals. */
static void grouped(char *out, size_t len, double x, int decimals)
{
    char raw[64];
    snprintf(raw, sizeof raw, "%.*f", decimals, fabs(x));
    const char *dot = strchr(raw, '.');
    size_t ints = dot ? (size_t)(dot - raw) : strlen(raw);
    size_t o = 0;
    if (x < 0 && strspn(raw, "0.") != strlen(raw) && o + 1 < len) out[o++] = '-';
    for (size_t i = 0; raw[i] && o + 1 < len; i++) {
        if (i > 0 && i < ints && (ints - i) % 3 == 0 && o + 1 < len) out[o++] = ',';
        out[o++] = raw[i];
    }
    out[o] = '\0';
}

/* A wait in the unit its size calls for; `ref` chooses the unit so that a mean and its
 * CI share one. */
static void fmt_seconds(char *out, size_t len, double x, double ref, bool unit)
{
    if (fabs(ref) < 120) snprintf(out, len, "%.1f%s", x, unit ? " s" : "");
    else if (fabs(ref) < 7200) snprintf(out, len, "%.1f%s", x / 60, unit ? " min" : "");
    else snprintf(out, len, "%.2f%s", x / 3600, unit ? " h" : "");
}

/* x formatted for its kind (the table of measures says which); ref picks the unit of a
 * time; with_unit adds % or s (the currency of money is added by the caller, escaped). */
static void fmt_number(char *out, size_t len, cc_measure_kind k, double x, double ref,
                       bool with_unit)
{
    if (isnan(x)) {
        snprintf(out, len, "n/a");
        return;
    }
    switch (k) {
    case CC_KIND_FRACTION: snprintf(out, len, "%.1f%s", x * 100, with_unit ? "%" : ""); break;
    case CC_KIND_SECONDS: fmt_seconds(out, len, x, ref, with_unit); break;
    case CC_KIND_HOURS: snprintf(out, len, "%.1f%s", x, with_unit ? " h" : ""); break;
    case CC_KIND_MONEY: grouped(out, len, x, 2); break;
    case CC_KIND_COUNT:
        if (fabs(ref) >= 100) grouped(out, len, x, 0);
        else snprintf(out, len, "%.1f", x);
        break;
    }
}

/* The label of a measure for a person, from the table; writes it escaped. */
static void measure_label(FILE *f, cc_rundir_measure m)
{
    char label[160];
    esc(f, cc_measure_label(m.id, m.threshold_s, label, sizeof label));
}

/* ---- cells ---- */

typedef struct page {
    FILE *f;
    const cc_rundir *rd;
    const char *currency;
} page;

/* data-key="a/b/c/measure" (c may be NULL) and data-value, for tests that read the page. */
static void data_attrs(FILE *f, const char *a, const char *b, const char *c, cc_rundir_measure m,
                       const char *value)
{
    char name[CC_MEASURE_NAME_MAX];
    fputs(" data-key=\"", f);
    esc(f, a);
    fputc('/', f);
    esc(f, b);
    fputc('/', f);
    if (c) {
        esc(f, c);
        fputc('/', f);
    }
    esc(f, cc_measure_format(m.id, m.threshold_s, name, sizeof name));
    fputs("\" data-value=\"", f);
    esc(f, value);
    fputc('"', f);
}

/* The mean, and under it the CI, of v (escaped). */
static void value_text(page *pg, cc_rundir_measure measure, const cc_rundir_value *v)
{
    FILE *f = pg->f;
    cc_measure_kind k = cc_measure_kind_of(measure.id);
    char a[64], b[64], c[64];
    fmt_number(a, sizeof a, k, v->mean, v->mean, true);
    esc(f, a);
    if (k == CC_KIND_MONEY && !isnan(v->mean) && pg->currency[0]) {
        fputc(' ', f);
        esc(f, pg->currency);
    }
    if (!isnan(v->mean) && v->ci95_low != v->ci95_high) {
        fmt_number(b, sizeof b, k, v->ci95_low, v->mean, false);
        fmt_number(c, sizeof c, k, v->ci95_high, v->mean, false);
        fputs("<span class=\"ci\">", f);
        esc(f, b);
        fputs("&#8211;", f);
        esc(f, c);
        fputs("</span>", f);
    }
}

/* <td> with a summary value; empty when absent. rowspan > 1 spans rows. */
static void value_cell(page *pg, const char *scope, const char *name, cc_rundir_measure measure,
                       const char *cls, size_t rowspan)
{
    const cc_rundir_value *v = cc_rundir_summary(pg->rd, scope, name, measure.id, measure.threshold_s);
    FILE *f = pg->f;
    fprintf(f, "<td class=\"num%s%s\"", cls ? " " : "", cls ? cls : "");
    if (rowspan > 1) fprintf(f, " rowspan=\"%zu\"", rowspan);
    if (!v) {
        fputs("></td>", f);
        return;
    }
    data_attrs(f, scope, name, NULL, measure, v->text);
    fputc('>', f);
    value_text(pg, measure, v);
    fputs("</td>", f);
}

/* ---- the page's sections ---- */

static void css(FILE *f)
{
    fputs("<style>\n"
          ":root{--ink:#1d2430;--muted:#5b6576;--line:#d7dce3;--met:#1b7f3b;--missed:#b3261e;"
          "--bg:#f6f7f9}\n"
          "*{box-sizing:border-box}\n"
          "body{margin:0;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;"
          "color:var(--ink);background:#fff}\n"
          "main{max-width:1040px;margin:0 auto;padding:24px 20px 48px}\n"
          "h1{font-size:26px;margin:0 0 6px;overflow-wrap:anywhere;white-space:pre-wrap}\n"
          "h2{font-size:20px;margin:36px 0 12px;padding-bottom:4px;border-bottom:2px solid var(--ink)}\n"
          "h3{font-size:16px;margin:22px 0 8px}\n"
          "dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:10px 0 0;"
          "color:var(--muted)}\n"
          "dl.meta dt{font-weight:600}dl.meta dd{margin:0;overflow-wrap:anywhere;white-space:pre-wrap}\n"
          "table{border-collapse:collapse;width:100%;margin:8px 0 4px;font-variant-numeric:tabular-nums}\n"
          "th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}\n"
          "thead th{font-size:13px;color:var(--muted);border-bottom:1px solid var(--ink);vertical-align:bottom}\n"
          ".name{overflow-wrap:anywhere;white-space:pre-wrap}\n"
          "th.num,td.num{text-align:right;white-space:nowrap}\n"
          ".ci{display:block;font-size:12px;font-weight:400;color:var(--muted)}\n"
          ".mark{font-weight:700;white-space:nowrap}\n"
          ".mark.met{color:var(--met)}.mark.missed{color:var(--missed)}\n"
          ".mark .note{display:block;font-weight:400;font-size:12px}\n"
          ".headline{font-weight:700}\n"
          ".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(210px,1fr));gap:12px;margin:14px 0}\n"
          ".card{border:1px solid var(--line);border-radius:8px;padding:10px 14px;background:var(--bg)}\n"
          ".card .label{font-size:13px;color:var(--muted)}\n"
          ".card .big{font-size:22px;font-weight:700;font-variant-numeric:tabular-nums}\n"
          "figure{margin:18px 0 30px}\n"
          "figure h3{margin:0 0 2px}\n"
          "figcaption{font-size:13px;color:var(--muted);margin-bottom:8px}\n"
          "svg.chart{display:block;width:100%;height:auto;border:1px solid var(--line)}\n"
          ".note{color:var(--muted);font-size:13px}\n"
          ".sig{color:var(--missed);font-weight:700}\n"
          ".warn{border-left:4px solid var(--missed);padding:6px 12px;background:#fdf1f0}\n"
          ".scroll{overflow-x:auto}\n"
          "footer{margin-top:36px;font-size:13px;color:var(--muted)}\n"
          "nav{margin:14px 0 0}nav a{margin-right:14px;color:var(--muted)}\n"
          "@media print{\n"
          "  @page{margin:14mm}\n"
          "  body{font-size:10.5pt}main{max-width:none;padding:0}\n"
          "  nav{display:none}\n"
          "  h2,h3{break-after:avoid}\n"
          "  figure,tr,.card,.cards{break-inside:avoid}\n"
          "  table{font-size:9.5pt}\n"
          "  .card{background:none}\n"
          "  .scroll{overflow:visible}\n"
          "  svg.chart{border:none;max-height:230mm}\n"
          "}\n"
          "</style>\n",
          f);
}

static void meta_text(FILE *f, const char *label, const char *id, const char *value)
{
    if (!value || !value[0]) return;
    fprintf(f, "<dt>%s</dt><dd id=\"%s\">", label, id);
    esc(f, value);
    fputs("</dd>\n", f);
}

static void header(page *pg)
{
    FILE *f = pg->f;
    const cc_rundir *rd = pg->rd;
    const char *name = cc_rundir_setting(rd, "name");
    fputs("<header>\n<h1 id=\"scenario-name\">", f);
    esc(f, name && name[0] ? name : rd->has_compare ? "Routing policies compared" : "ccsim results");
    fputs("</h1>\n<dl class=\"meta\">\n", f);
    meta_text(f, "Scenario file", "scenario-file", cc_rundir_setting(rd, "file"));
    const char *h0 = cc_rundir_setting(rd, "horizon_start"), *h1 = cc_rundir_setting(rd, "horizon_end");
    const char *from = cc_rundir_setting(rd, "counted_from");
    if (h0 && h1) {
        fputs("<dt>Hours</dt><dd id=\"horizon\">", f);
        esc(f, h0);
        fputs("&#8211;", f);
        esc(f, h1);
        if (from && strcmp(from, h0) != 0) {
            fputs(" (counted from ", f);
            esc(f, from);
            fputs(", after the warm-up)", f);
        }
        fputs("</dd>\n", f);
    }
    const char *iv = cc_rundir_setting(rd, "interval_s");
    if (iv && atof(iv) > 0) {
        char within[32];
        cc_measure_format_within(atof(iv), within, sizeof within);
        meta_text(f, "Reporting interval", "interval", within);
    }
    const char *reps = cc_rundir_setting(rd, "replications"), *seed = cc_rundir_setting(rd, "seed");
    if (reps) {
        fputs("<dt>Replications</dt><dd><span id=\"replications\">", f);
        esc(f, reps);
        fputs("</span> simulated days, each with its own random arrivals", f);
        if (seed) {
            fputs(" (seed ", f);
            esc(f, seed);
            fputs(")", f);
        }
        fputs("</dd>\n", f);
    }
    const char *pol = cc_rundir_setting(rd, "policy"), *sel = cc_rundir_setting(rd, "agent_selection");
    if (pol) {
        fputs("<dt>Routing</dt><dd><span id=\"policy\">", f);
        esc(f, pol);
        fputs("</span>", f);
        if (sel) {
            fputs("; agents chosen by ", f);
            esc(f, sel);
        }
        fputs("</dd>\n", f);
    }
    meta_text(f, "Currency", "currency", pg->currency);
    fputs("</dl>\n</header>\n", f);
}

/* Per channel: each service-level target with its met/missed mark, then abandonment and
 * ASA once per channel. */
static void glance_service(page *pg)
{
    FILE *f = pg->f;
    const cc_rundir *rd = pg->rd;
    const char *ch[NAMES_MAX];
    size_t n = cc_rundir_names(rd, "channel", ch, NAMES_MAX);
    if (!n || !rd->has_summary) return;
    fputs("<h3>Service level per channel</h3>\n<div class=\"scroll\"><table id=\"glance-service\">\n"
          "<thead><tr><th>Channel</th><th>Goal</th><th class=\"num\">Result<span class=\"ci\">95% CI</span></th>"
          "<th>Goal met?</th><th class=\"num\">Abandoned</th><th class=\"num\">Average wait (ASA)</th></tr>"
          "</thead>\n<tbody>\n",
          f);
    for (size_t c = 0; c < n; c++) {
        size_t idx[64], m = 0;
        for (size_t t = 0; t < rd->n_targets && m < 64; t++)
            if (strcmp(rd->targets[t].channel, ch[c]) == 0) idx[m++] = t;
        size_t span = m ? m : 1;
        for (size_t r = 0; r < span; r++) {
            fputs("<tr>", f);
            if (r == 0) {
                fprintf(f, "<th class=\"name\" rowspan=\"%zu\">", span);
                esc(f, ch[c]);
                fputs("</th>", f);
            }
            if (!m) {
                fputs("<td class=\"note\" colspan=\"3\">no service-level target set</td>", f);
            } else {
                const cc_rundir_target *tg = &rd->targets[idx[r]];
                char within[32];
                cc_measure_format_within(tg->within_s, within, sizeof within);
                fprintf(f, "<td>%g%% answered within %s", tg->target * 100, within);
                if (tg->name[0]) {
                    fputs("<span class=\"note name\"> (", f);
                    esc(f, tg->name);
                    fputs(")</span>", f);
                }
                fputs("</td>", f);
                value_cell(pg, "channel", ch[c], tg->measure, "headline", 1);
                const cc_rundir_value *v =
                    cc_rundir_summary(rd, "channel", ch[c], tg->measure.id, tg->measure.threshold_s);
                if (!v || isnan(v->mean)) {
                    fputs("<td class=\"mark\" data-status=\"unknown\">no data</td>", f);
                } else {
                    /* Met or missed on the mean, by the verdict staff uses too (a target of
                     * 1 reads "nobody waited longer"); and a word when the CI straddles the
                     * target: more days would be needed to be sure. */
                    const cc_rundir_value *late = cc_rundir_summary(
                        rd, "channel", ch[c], CC_M_MISSED, tg->measure.threshold_s);
                    bool met = cc_target_met(tg->target, v->mean, late ? late->mean : NAN);
                    bool close = tg->target < 1 && v->ci95_low < tg->target && v->ci95_high >= tg->target;
                    fprintf(f, "<td class=\"mark %s\" data-status=\"%s\">%s", met ? "met" : "missed",
                            met ? "met" : "missed", met ? "&#10004; met" : "&#10008; missed");
                    if (close) fputs("<span class=\"note\">the target is inside the 95% CI</span>", f);
                    fputs("</td>", f);
                }
            }
            if (r == 0) {
                value_cell(pg, "channel", ch[c], (cc_rundir_measure){CC_M_ABANDON_RATE, 0}, NULL, span);
                value_cell(pg, "channel", ch[c], (cc_rundir_measure){CC_M_ASA, 0}, NULL, span);
            }
            fputs("</tr>\n", f);
        }
    }
    fputs("</tbody></table></div>\n", f);
}

/* The six-minute rule (service_level_360s, missed_360s) where a channel has it. */
static void glance_six_minutes(page *pg)
{
    FILE *f = pg->f;
    const cc_rundir *rd = pg->rd;
    const char *ch[NAMES_MAX];
    const cc_rundir_measure in_time = {CC_M_SERVICE_LEVEL, 360}, late = {CC_M_MISSED, 360};
    size_t n = cc_rundir_names(rd, "channel", ch, NAMES_MAX), shown = 0;
    for (size_t c = 0; c < n; c++) {
        const cc_rundir_value *sl =
            cc_rundir_summary(rd, "channel", ch[c], in_time.id, in_time.threshold_s);
        if (!sl) continue;
        if (!shown++)
            fputs("<h3>Six-minute rule</h3>\n<p class=\"note\">Nobody should wait more than six "
                  "minutes for a person. Shares of the contacts that reached the queue (answered "
                  "or hung up).</p>\n<div class=\"scroll\"><table id=\"glance-six-minutes\">\n"
                  "<thead><tr><th>Channel</th><th class=\"num\">Answered within 6 min</th>"
                  "<th class=\"num\">Waited longer than 6 min</th><th class=\"num\">Hung up before "
                  "6 min</th></tr></thead>\n<tbody>\n",
                  f);
        fputs("<tr><th class=\"name\">", f);
        esc(f, ch[c]);
        fputs("</th>", f);
        value_cell(pg, "channel", ch[c], in_time, "headline", 1);
        value_cell(pg, "channel", ch[c], late, NULL, 1);
        /* The rest of the denominator: hung up before the six minutes were up. */
        const cc_rundir_value *miss = cc_rundir_summary(rd, "channel", ch[c], late.id, late.threshold_s);
        double rest = miss ? 1 - sl->mean - miss->mean : NAN;
        char t[32];
        fmt_number(t, sizeof t, CC_KIND_FRACTION, rest < 0 ? 0 : rest, 0, true);
        fprintf(f, "<td class=\"num\">%s</td></tr>\n", t);
    }
    if (shown) fputs("</tbody></table></div>\n", f);
}

/* A headline number of the whole center; label NULL: the measure's own label. */
static void card(page *pg, const char *label, cc_measure_id measure, const char *id)
{
    const cc_rundir_measure m = {measure, 0};
    const cc_rundir_value *v = cc_rundir_summary(pg->rd, "total", "all", m.id, m.threshold_s);
    if (!v) return;
    FILE *f = pg->f;
    fprintf(f, "<div class=\"card\" id=\"%s\"><div class=\"label\">", id);
    if (label) esc(f, label);
    else measure_label(f, m);
    fputs("</div><div class=\"big\"", f);
    data_attrs(f, "total", "all", NULL, m, v->text);
    fputc('>', f);
    value_text(pg, m, v);
    fputs("</div></div>\n", f);
}

static void glance_cost(page *pg)
{
    if (!cc_rundir_summary(pg->rd, "total", "all", CC_M_TOTAL_COST, 0)) return;
    FILE *f = pg->f;
    fputs("<h3>Cost</h3>\n<div class=\"cards\">\n", f);
    card(pg, NULL, CC_M_COST_PER_CONTACT_HUMAN, "cpc-human");
    card(pg, NULL, CC_M_COST_PER_CONTACT_SELF_SERVICE, "cpc-self-service");
    card(pg, NULL, CC_M_COST_PER_CONTACT_BLENDED, "cpc-blended");
    card(pg, "Total cost of the day", CC_M_TOTAL_COST, "total-cost");
    fputs("</div>\n<div class=\"cards\">\n", f);
    card(pg, "Contacts offered", CC_M_OFFERED, "total-offered");
    card(pg, "Answered by agents", CC_M_ANSWERED, "total-answered");
    card(pg, "Resolved by bots", CC_M_CONTAINED, "total-contained");
    card(pg, "Abandoned", CC_M_ABANDONED, "total-abandoned");
    fputs("</div>\n", f);
}

/* Copies an SVG chart into the page with its ids prefixed by "cN-". Returns false (and
 * copies nothing) if the file cannot be read or holds anything active. */
static bool inline_svg(FILE *out, const char *path, size_t n)
{
    FILE *in = fopen(path, "rb");
    if (!in) return false;
    char *s = NULL;
    size_t len = 0, cap = 0, got;
    char chunk[65536];
    while ((got = fread(chunk, 1, sizeof chunk, in)) > 0 && len + got < SVG_MAX) {
        if (len + got + 1 > cap) {
            cap = 2 * (len + got + 1);
            s = sim_xrealloc(s, cap);
        }
        memcpy(s + len, chunk, got);
        len += got;
    }
    bool ok = !ferror(in) && s && got == 0;
    fclose(in);
    if (!ok) {
        free(s);
        return false;
    }
    s[len] = '\0';
    char *start = strstr(s, "<svg");
    /* Nothing active may come in: gnuplot writes none of these without `mouse`. */
    static const char *const banned[] = {"<script", "<foreignobject", "javascript:", "<iframe",
                                         "<object", "<embed", "<!entity", "<?xml-stylesheet", NULL};
    for (const char *const *b = banned; *b && start; b++)
        for (const char *p = start; (p = strchr(p, **b)) != NULL; p++)
            if (strncasecmp(p, *b, strlen(*b)) == 0) start = NULL;
    if (!start) {
        free(s);
        return false;
    }
    char prefix[32];
    snprintf(prefix, sizeof prefix, "c%zu-", n);
    /* Walk the markup: inside a tag (outside quotes) an attribute name starting with "on"
     * is refused; the values of id get the prefix, and so do the targets of href="#x"
     * and url(#x). Text between tags is copied as it is (gnuplot escaped it). */
    char *o = sim_xmalloc(2 * len + 64);
    size_t w = 0;
    bool tag = false;
    char quote = 0;
    const char *attr = NULL;     /* the name of the attribute whose value is open */
    size_t attr_len = 0;
    for (const char *p = start; *p; p++) {
        char c = *p;
        if (!tag) {
            if (strncmp(p, "<title>Gnuplot</title>", 22) == 0) {
                p += 21;
                continue;
            }
            if (c == '<') tag = true;
            o[w++] = c;
            if (p == start) {
                w += (size_t)sprintf(o + w, "svg class=\"chart\" role=\"img\" aria-labelledby=\"cap-%zu\"", n);
                p += 3;
            }
            continue;
        }
        if (quote) {
            o[w++] = c;
            if (c == quote) quote = 0;
            else if (c == '#' && p - start >= 4 && strncmp(p - 4, "url(#", 5) == 0)
                w += (size_t)sprintf(o + w, "%s", prefix);
            else if (c == '#' && (p[-1] == '"' || p[-1] == '\'') && attr_len >= 4 &&
                     strncmp(attr + attr_len - 4, "href", 4) == 0)
                w += (size_t)sprintf(o + w, "%s", prefix);
            continue;
        }
        if (c == '>') {
            tag = false;
            o[w++] = c;
            continue;
        }
        if (isspace((unsigned char)c) && (p[1] == 'o' || p[1] == 'O') && (p[2] == 'n' || p[2] == 'N')) {
            free(o);
            free(s);
            return false;
        }
        o[w++] = c;
        if (c == '"' || c == '\'') {
            quote = c;
            /* The attribute's name: back over '=' and blanks, then over name characters. */
            const char *e = p - 1;
            while (e > start && (*e == '=' || isspace((unsigned char)*e))) e--;
            const char *b = e;
            while (b > start && (isalnum((unsigned char)b[-1]) || b[-1] == ':' || b[-1] == '-' || b[-1] == '_')) b--;
            attr = b;
            attr_len = (size_t)(e - b + 1);
            if (attr_len == 2 && strncmp(attr, "id", 2) == 0) w += (size_t)sprintf(o + w, "%s", prefix);
        }
    }
    fwrite(o, 1, w, out);
    fputc('\n', out);
    free(o);
    free(s);
    return true;
}

static void section_charts(page *pg, const cc_html_chart *charts, size_t n, const char *note)
{
    FILE *f = pg->f;
    if (!n && !note) return;
    fputs("<section id=\"charts\">\n<h2>Charts</h2>\n", f);
    if (note) {
        fputs("<p class=\"warn\">", f);
        esc(f, note);
        fputs("</p>\n", f);
    }
    for (size_t k = 0; k < n; k++) {
        fprintf(f, "<figure class=\"chart\" id=\"chart-");
        esc(f, charts[k].id);
        fputs("\">\n<h3>", f);
        esc(f, charts[k].title);
        fprintf(f, "</h3>\n<figcaption id=\"cap-%zu\">", k + 1);
        esc(f, charts[k].caption);
        fputs("</figcaption>\n", f);
        if (!inline_svg(f, charts[k].svg_path, k + 1)) {
            fputs("<p class=\"warn\">This chart could not be included: ", f);
            esc(f, charts[k].svg_path);
            fputs(" is missing or not a plain gnuplot SVG file.</p>\n", f);
        }
        fputs("</figure>\n", f);
    }
    fputs("</section>\n", f);
}

/* A table of one scope: a row per measure, a column per name. */
static void scope_table(page *pg, const char *scope, const char *title, const char *id,
                        const char *intro)
{
    const cc_rundir *rd = pg->rd;
    const char *names[NAMES_MAX];
    cc_rundir_measure ms[MEASURES_MAX];
    size_t n = cc_rundir_names(rd, scope, names, NAMES_MAX);
    size_t nm = cc_rundir_measures(rd, scope, NULL, ms, MEASURES_MAX);
    if (!n || !nm || !rd->has_summary) return;
    FILE *f = pg->f;
    fprintf(f, "<h3>%s</h3>\n", title);
    if (intro) fprintf(f, "<p class=\"note\">%s</p>\n", intro);
    fprintf(f, "<div class=\"scroll\"><table id=\"%s\">\n<thead><tr><th>Measure</th>", id);
    for (size_t i = 0; i < n; i++) {
        fputs("<th class=\"num name\">", f);
        esc(f, strcmp(scope, "total") == 0 ? "whole center" : names[i]);
        fputs("</th>", f);
    }
    fputs("</tr></thead>\n<tbody>\n", f);
    for (size_t m = 0; m < nm; m++) {
        bool any = false;
        for (size_t i = 0; i < n; i++)
            any |= cc_rundir_summary(rd, scope, names[i], ms[m].id, ms[m].threshold_s) != NULL;
        if (!any) continue;
        fputs("<tr><th>", f);
        measure_label(f, ms[m]);
        fputs("</th>", f);
        for (size_t i = 0; i < n; i++) value_cell(pg, scope, names[i], ms[m], NULL, 1);
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table></div>\n", f);
}

static void section_tables(page *pg)
{
    if (!pg->rd->has_summary) return;
    fputs("<section id=\"tables\">\n<h2>Detailed results</h2>\n<p class=\"note\">Each value is the "
          "mean over the simulated days; the small figures under it are its 95% confidence "
          "interval. Fractions are shares of the contacts that reached an agent's queue "
          "(answered or abandoned); waits count from arrival.</p>\n",
          pg->f);
    scope_table(pg, "channel", "Per channel", "table-channel", NULL);
    scope_table(pg, "group", "Per agent group", "table-group", NULL);
    scope_table(pg, "bot", "Per bot", "table-bot", NULL);
    scope_table(pg, "segment", "Per customer segment", "table-segment", NULL);
    scope_table(pg, "total", "Whole center", "table-total",
                "All channels pooled: counts are summed, waits and service levels pooled.");
    fputs("</section>\n", pg->f);
}

static bool compare_selected(const cc_rundir_compare *c)
{
    cc_measure_id m = c->measure.id;
    if (strcmp(c->scope, "channel") == 0 || strcmp(c->scope, "total") == 0)
        return m == CC_M_SERVICE_LEVEL || m == CC_M_ABANDON_RATE || m == CC_M_ASA ||
               m == CC_M_WAIT_P90 || m == CC_M_COST_PER_CONTACT_BLENDED;
    if (strcmp(c->scope, "group") == 0) return m == CC_M_OCCUPANCY;
    return false;
}

/* A difference to the first policy: points for fractions, the measure's unit otherwise. */
static void diff_text(page *pg, const cc_rundir_compare *c)
{
    FILE *f = pg->f;
    cc_measure_kind k = cc_measure_kind_of(c->measure.id);
    char a[64], lo[64], hi[64];
    double ref = c->value.mean;
    if (k == CC_KIND_FRACTION) {
        snprintf(a, sizeof a, "%+.1f pts", c->diff.mean * 100);
        snprintf(lo, sizeof lo, "%+.1f", c->diff.ci95_low * 100);
        snprintf(hi, sizeof hi, "%+.1f", c->diff.ci95_high * 100);
    } else {
        fmt_number(a, sizeof a, k, c->diff.mean, ref, true);
        fmt_number(lo, sizeof lo, k, c->diff.ci95_low, ref, false);
        fmt_number(hi, sizeof hi, k, c->diff.ci95_high, ref, false);
        if (c->diff.mean > 0) {
            memmove(a + 1, a, strlen(a) + 1);
            a[0] = '+';
        }
    }
    fputs("<span class=\"ci\">&#916; ", f);
    esc(f, a);
    fputs(" (", f);
    esc(f, lo);
    fputs(" to ", f);
    esc(f, hi);
    fputs(")", f);
    if (c->significant) fputs(" <span class=\"sig\" title=\"the CI of the difference excludes 0\">*</span>", f);
    fputs("</span>", f);
}

static void section_compare(page *pg)
{
    const cc_rundir *rd = pg->rd;
    if (!rd->has_compare) return;
    const char *pol[NAMES_MAX];
    size_t np = cc_rundir_policies(rd, pol, NAMES_MAX);
    if (!np) return;
    FILE *f = pg->f;
    fputs("<section id=\"compare\">\n<h2>Routing policies compared</h2>\n<p class=\"note\">Every "
          "policy ran on the same random numbers: day r of each policy saw the same customers. "
          "&#916; is the paired difference to the first policy with its 95% CI; * marks a "
          "difference whose CI excludes 0.</p>\n<div class=\"scroll\"><table id=\"table-compare\">\n"
          "<thead><tr><th>Where</th><th>Measure</th>",
          f);
    for (size_t k = 0; k < np; k++) {
        fputs("<th class=\"num name\">", f);
        esc(f, pol[k]);
        fputs("</th>", f);
    }
    fputs("</tr></thead>\n<tbody>\n", f);
    for (size_t i = 0; i < rd->n_compare; i++) {
        const cc_rundir_compare *c = &rd->compare[i];
        if (strcmp(c->policy, pol[0]) != 0 || !compare_selected(c)) continue;
        fputs("<tr><th class=\"name\">", f);
        esc(f, strcmp(c->scope, "total") == 0 ? "whole center" : c->name);
        fputs("</th><th>", f);
        measure_label(f, c->measure);
        fputs("</th>", f);
        for (size_t k = 0; k < np; k++) {
            const cc_rundir_compare *d = cc_rundir_compared(rd, pol[k], c->scope, c->name, c->measure.id,
                                                            c->measure.threshold_s);
            if (!d) {
                fputs("<td></td>", f);
                continue;
            }
            fputs("<td class=\"num\"", f);
            data_attrs(f, d->policy, d->scope, d->name, d->measure, d->value.text);
            fputc('>', f);
            value_text(pg, d->measure, &d->value);
            if (k > 0) diff_text(pg, d);
            fputs("</td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table></div>\n<p class=\"note\">compare.csv holds every measure.</p>\n</section>\n", f);
}

int cc_html_write(const cc_rundir *rd, const char *path, const cc_html_chart *charts,
                  size_t n_charts, const char *note, cc_diag *diag)
{
    cc_outfile o;
    int st = cc_outfile_open(&o, path, diag);
    if (st != SIM_OK) return st;
    const char *cur = cc_rundir_setting(rd, "currency");
    page pg = {o.f, rd, cur ? cur : ""};
    FILE *f = o.f;
    const char *name = cc_rundir_setting(rd, "name");
    /* No script, no request of any kind: the browser is told so too. */
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "style-src 'unsafe-inline'; img-src data:\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          f);
    esc(f, name && name[0] ? name : "ccsim results");
    fputs(" &#8211; ccsim report</title>\n", f);
    css(f);
    fputs("</head>\n<body>\n<main>\n", f);
    header(&pg);
    fputs("<nav>", f);
    if (rd->has_summary) fputs("<a href=\"#glance\">At a glance</a>", f);
    if (n_charts) fputs("<a href=\"#charts\">Charts</a>", f);
    if (rd->has_summary) fputs("<a href=\"#tables\">Detailed results</a>", f);
    if (rd->has_compare) fputs("<a href=\"#compare\">Policies compared</a>", f);
    fputs("</nav>\n", f);
    if (rd->has_summary) {
        fputs("<section id=\"glance\">\n<h2>At a glance</h2>\n", f);
        glance_service(&pg);
        glance_six_minutes(&pg);
        glance_cost(&pg);
        fputs("</section>\n", f);
    }
    if (rd->has_compare && !rd->has_summary) section_compare(&pg);
    section_charts(&pg, charts, n_charts, note);
    section_tables(&pg);
    if (rd->has_compare && rd->has_summary) section_compare(&pg);
    fprintf(f, "<footer>Written by ccsim %s from the CSV files in this folder. Each figure is the "
               "mean over independent simulated days with a Student-t 95%% confidence "
               "interval; n/a: undefined on every day (e.g. no contact resolved by a bot).</footer>\n"
               "</main>\n</body>\n</html>\n",
            CC_VERSION);
    return cc_outfile_commit(&o, diag);
}
