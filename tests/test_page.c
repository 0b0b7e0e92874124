/*
 * test_page.c - the proposal page ('brief --for manager'): the head count it
 * states is the one simulated, its commitment is the deal 'pushback deal'
 * evaluates, risks are ranked by exposure, intervals are said once when
 * their ends round alike, and scenario text cannot break out of Markdown or
 * HTML.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "helpers.h"
#include "report_internal.h"

#define RULEBOOK "scenarios/rulebooks/manager.cfg"
#define N        4096

static pb_brief *brief(const pb_scenario *s, pb_rulebook **rb)
{
    pb_error e;
    cr_assert_eq(pb_rulebook_load(RULEBOOK, s, rb, &e), PB_OK, "%s:%d: %s", e.file, e.line, e.msg);
    pb_brief_opts o;
    pb_brief_opts_init(&o);
    o.iterations = N;
    o.seed = 7;
    o.threads = 2;
    pb_brief *b;
    cr_assert_eq(pb_brief_run(s, *rb, &o, &b, &e), PB_OK, "%s", e.msg);
    return b;
}

/* What a writer writes, as a string the caller frees. */
typedef pb_status (*writer)(FILE *, const pb_report_ctx *, const pb_page *, pb_error *);
static char *written(writer wr, const pb_page *p)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_not_null(f);
    pb_report_ctx ctx = {p->brief->scenario, "base", "pushback brief x.cfg --for manager", false};
    pb_error e;
    cr_assert_eq(wr(f, &ctx, p, &e), PB_OK, "%s", e.msg);
    fclose(f);
    return buf;
}

TestSuite(page, .init = test_setup);

Test(page, states_the_head_count_simulated_and_the_deal_pushback_deal_evaluates)
{
    pb_scenario *s;
    pb_rulebook *rb;
    pb_error e;
    cr_assert_eq(pb_scenario_load("scenarios/fcw.cfg", &s, &e), PB_OK, "%s", e.msg);
    pb_brief *b = brief(s, &rb);
    pb_page *p;
    cr_assert_eq(pb_page_run(b, 2, &p, &e), PB_OK, "%s", e.msg);
    cr_assert_not_null(p->plan);
    int planned = 0;
    for (size_t k = 0; k < s->n_roles; k++)
        planned += s->roles[k].people;
    cr_assert_eq(p->plan->people, planned);
    /* the page commits to the deal the negotiation starts from: the ask after the audit
       (fcw's budget is an over-ask: the excess is conceded) */
    cr_assert(b->audit->corrected);
    cr_assert_float_eq(p->plan->deadline, b->audit->start_deadline, 1e-12);
    cr_assert_float_eq(p->plan->budget, b->audit->start_budget, 1e-9);
    cr_assert_lt(p->plan->budget, s->ask_budget);
    /* the same deal, evaluated as 'pushback deal --deadline D --budget B -n 4096 -s 7' does */
    pb_deal d = {p->plan->deadline, p->plan->budget, NAN, NULL, 0, NULL, NULL, 0, NULL, 0};
    pb_deal_opts o;
    pb_deal_opts_init(&o);
    o.iterations = o.max_iterations = N;
    o.seed = 7;
    pb_deal_result *r;
    cr_assert_eq(pb_deal_evaluate(s, &d, &o, &r, &e), PB_OK, "%s", e.msg);
    cr_assert_eq(r->joint.value, p->plan->joint.value);
    char *text = written(pb_report_page_text, p), want[64];
    snprintf(want, sizeof want, "Team as simulated: %d people", r->people);
    cr_assert_not_null(strstr(text, want), "%s", text);
    cr_assert_not_null(strstr(text, "4,096 simulated projects"));
    cr_assert_null(strstr(text, "sandbag"));
    cr_assert_null(strstr(text, "pressure"));
    /* the commitment only: never our own ask as first written, nor a verdict on it */
    cr_assert_null(strstr(text, "The ask"), "%s", text);
    cr_assert_null(strstr(text, "we first wrote"), "%s", text);
    cr_assert_not_null(strstr(text, "of simulated projects do both"), "%s", text);
    /* risks by exposure, largest first, each fired x mean delay */
    cr_assert_eq(p->n_risks, s->n_risks);
    for (size_t k = 0; k < p->n_risks; k++) {
        cr_assert_float_eq(p->risks[k].exposure, p->risks[k].fired * p->risks[k].mean_delay, 1e-12);
        if (k)
            cr_assert_geq(p->risks[k - 1].exposure, p->risks[k].exposure);
    }
    /* the trade-off table is the frontier: every row not dominated */
    size_t rows = 0;
    for (size_t k = 0; k < p->frontier->n_points; k++)
        rows += p->frontier->points[k].frontier;
    cr_assert_gt(rows, 1);
    free(text);
    pb_deal_result_free(r);
    pb_page_free(p);
    pb_brief_free(b);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
}

static const char HOSTILE[] =
    "version = 1;\n"
    "name = \"# <script>alert(1)</script> [x](javascript:alert(1)) a|b `tick`\";\n"
    "unit = \"weeks\"; currency = \"USD\";\n"
    "proposal = { idea = \"## <img src=x onerror=alert(1)> | col | `code`\"; };\n"
    "team = ( { role = \"ml\"; people = 2; rate = 3000.0; } );\n"
    "milestones = (\n"
    "  { id = \"a\"; name = \"# heading | cell [l](javascript:x)\"; duration = [1.0, 2.0, "
    "4.0]; },\n"
    "  { id = \"b\"; name = \"<b>bold</b> `c`\"; after = [\"a\"]; role = \"ml\"; effort = "
    "[2.0, 3.0, 6.0]; }\n"
    ");\n"
    "risks = ( { id = \"r\"; name = \"|<script>x</script>|\"; probability = 0.3; milestone = "
    "\"b\"; delay = [0.5, 1.0, 2.0]; } );\n"
    "ask = { deadline = 8.0; budget = 50000.0; confidence = 0.8; };\n";

Test(page, escapes_scenario_text_in_markdown_and_html)
{
    pb_scenario *s;
    pb_rulebook *rb;
    pb_error e;
    cr_assert_eq(pb_scenario_parse(HOSTILE, "hostile.cfg", &s, &e), PB_OK, "%s:%d: %s", e.file,
                 e.line, e.msg);
    pb_brief *b = brief(s, &rb);
    pb_page *p;
    cr_assert_eq(pb_page_run(b, 2, &p, &e), PB_OK, "%s", e.msg);
    char *md = written(pb_report_page_md, p), *html = written(pb_report_page_html, p);
    const char *inert[] = {"<script", "<img", "<b>", "a|b", "| col |", "`tick`"};
    for (size_t k = 0; k < sizeof inert / sizeof *inert; k++) {
        cr_assert_null(strstr(md, inert[k]), "md has '%s'", inert[k]);
        if (k < 3) /* a '|' or a backtick is plain text in HTML */
            cr_assert_null(strstr(html, inert[k]), "html has '%s'", inert[k]);
    }
    /* no line of the Markdown starts a heading from scenario text */
    for (const char *l = md; l; l = strchr(l, '\n'), l = l ? l + 1 : NULL)
        cr_assert(strncmp(l, "# ", 2) && strncmp(l, "## #", 4), "md line: %.40s", l);
    /* a link can only start from an unescaped ']' */
    for (const char *l = strstr(md, "]("); l; l = strstr(l + 1, "]("))
        cr_assert(l > md && l[-1] == '\\', "md opens a link: %.40s", l);
    cr_assert_not_null(strstr(md, "a\\|b"));
    cr_assert_not_null(strstr(html, "&lt;script&gt;"));
    free(md);
    free(html);
    pb_page_free(p);
    pb_brief_free(b);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
}

static const char *interval(double v, double lo, double hi, const char *kind)
{
    static char buf[256];
    pb_format_ctx fmt = {"weeks", "USD", NULL};
    pb_error e;
    cr_assert_eq(pb_format_interval(v, lo, hi, kind, &fmt, buf, sizeof buf, &e), PB_OK, "%s",
                 e.msg);
    return buf;
}

Test(page, says_an_interval_once_when_its_ends_round_alike)
{
    cr_assert_str_eq(interval(0.8412, 0.8351, 0.8471, "pct"), "84% (95% CI 84%-85%)");
    cr_assert_str_eq(interval(0.1204, 0.1196, 0.1212, "pct"), "12% (95% CI within 0.5%)");
    cr_assert_str_eq(interval(0.0, 0.0, 0.00018, "pct"), "<0.1% (95% CI below 0.1%)");
    cr_assert_str_eq(interval(1.0, 0.99982, 1.0, "pct"), ">99.9% (95% CI above 99.9%)");
    cr_assert_str_eq(interval(4.91, 4.88, 4.94, "time"), "4.9 weeks (95% CI within 0.05 weeks)");
    cr_assert_str_eq(interval(34.1, 34.02, 34.23, "time"),
                     "34.1 weeks (95% CI 34 weeks to 34.2 weeks)");
    cr_assert_str_eq(interval(998178, 997700, 998400, "money"),
                     "USD 998k (95% CI within rounding)");
    cr_assert_str_eq(interval(-0.00001, -0.00002, 0.00001, "time"),
                     "0 weeks (95% CI within 0.5 weeks)");
}

static const char *said(double v, double lo, double hi, const char *kind)
{
    static char buf[256];
    pb_format_ctx fmt = {"weeks", "USD", NULL};
    pb_error e;
    cr_assert_eq(pb__format_interval_said(v, lo, hi, kind, &fmt, buf, sizeof buf, &e), PB_OK, "%s",
                 e.msg);
    return buf;
}

/* The prep sheet's and the manager page's rule, in the formatter (B3): an interval whose ends
   round alike is not said; one that does not is said as pb_format_interval says it. */
Test(page, leaves_out_an_interval_that_rounds_to_its_value)
{
    cr_assert_str_eq(said(0.1204, 0.1196, 0.1212, "pct"), "12%");
    cr_assert_str_eq(said(0.0, 0.0, 0.00018, "pct"), "<0.1%");
    cr_assert_str_eq(said(1.0, 0.99982, 1.0, "pct"), ">99.9%");
    cr_assert_str_eq(said(4.91, 4.88, 4.94, "time"), "4.9 weeks");
    cr_assert_str_eq(said(998178, 997700, 998400, "money"), "USD 998k");
    cr_assert_str_eq(said(0.8412, 0.8351, 0.8471, "pct"), "84% (95% CI 84%-85%)");
    cr_assert_str_eq(said(34.1, 34.02, 34.23, "time"),
                     "34.1 weeks (95% CI 34 weeks to 34.2 weeks)");
    char buf[64];
    pb_interval p = {0.1204, 0.1196, 0.1212};
    cr_assert_str_eq(pb__pct_said(buf, sizeof buf, &p), "12%");
    cr_assert_str_eq(pb__pct_ci(buf, sizeof buf, &p), "12% (95% CI within 0.5%)");
}

Test(page, says_a_probability_of_none_or_all_as_a_bound)
{
    char buf[64];
    pb_error e;
    cr_assert_eq(pb_format_value(0.0, "pct", NULL, buf, sizeof buf, &e), PB_OK);
    cr_assert_str_eq(buf, "<0.1%");
    cr_assert_eq(pb_format_value(1.0, "pct", NULL, buf, sizeof buf, &e), PB_OK);
    cr_assert_str_eq(buf, ">99.9%");
    cr_assert_eq(pb_format_value(0.9996, "pct", NULL, buf, sizeof buf, &e), PB_OK);
    cr_assert_str_eq(buf, ">99.9%");
    cr_assert_eq(pb_format_value(0.0004, "pct", NULL, buf, sizeof buf, &e), PB_OK);
    cr_assert_str_eq(buf, "<0.1%");
    cr_assert_eq(pb_format_value(0.0123, "pct", NULL, buf, sizeof buf, &e), PB_OK);
    cr_assert_str_eq(buf, "1.2%");
    cr_assert_eq(pb_format_value(-0.00004, "time", NULL, buf, sizeof buf, &e), PB_OK);
    cr_assert_str_eq(buf, "0");
}

static void tidy(const char *in, const char *want)
{
    char *got = pb__tidy_intervals(in);
    cr_assert_not_null(got);
    cr_assert_str_eq(got, want);
    free(got);
}

Test(page, says_a_rendered_interval_once_when_its_ends_are_the_same_text)
{
    tidy("42% (95% CI 41%-42%) finish", "42% (95% CI 41%-42%) finish");
    /* the whole interval rounds to its value: not said (B3, as pb__format_interval_said) */
    tidy("42% (95% CI 42%-42%) finish", "42% finish");
    tidy("only <0.1% (95% CI <0.1%-<0.1%); 80%", "only <0.1%; 80%");
    tidy("(P80 34.1 weeks, 95% CI 34.1 weeks to 34.1 weeks)", "(P80 34.1 weeks)");
    tidy("(P80 34.1 weeks, 95% CI 34 weeks to 34.2 weeks)",
         "(P80 34.1 weeks, 95% CI 34 weeks to 34.2 weeks)");
    tidy("34.1 weeks (95% CI of that date 34.1 weeks to 34.1 weeks).",
         "34.1 weeks (95% CI of that date within 0.05 weeks).");
    tidy("(95% CI of that date 34 weeks to 34.2 weeks)",
         "(95% CI of that date 34 weeks to 34.2 weeks)");
    tidy("USD 998k (95% CI USD 998k to USD 998k), 7.7% (95% CI 7.6%-7.6%)", "USD 998k, 7.7%");
    /* words before the first end: the interval is said once, in words */
    tidy("USD 998k (95% CI of the cost USD 998k to USD 998k)",
         "USD 998k (95% CI of the cost within rounding)");
    tidy("no interval here: 12%-12%", "no interval here: 12%-12%");
    tidy("(95% CI 12%-", "(95% CI 12%-");
}
