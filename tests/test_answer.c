/*
 * test_answer.c - the rehearsal's answer parser: a table of phrasings, each
 * with the context it is said in (what the scenario names and what the
 * manager's move asks) and the meaning expected: stance, deadline, budget,
 * people, the alternative, the estimate, ambiguity. The contexts are the
 * bundled fcw scenario's units, roles and alternatives.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/answer.h>

#include "answer_fcw.h"
#include "helpers.h"

/* The contexts of the table: which move the answer replies to. */
enum {
    TIME,
    MONEY,
    BOTH,
    NONE,
    LABELS,
    STAFF,
    DAYS,
    N_CTX
};

static pb_answer_context context(int which)
{
    pb_answer_context c = fcw_answer_context();
    if (which == TIME || which == BOTH) {
        c.topics |= PB_TOPIC_TIME;
        c.move_has_deadline = true;
        c.move_deadline = 24;
    }
    if (which == MONEY || which == BOTH) {
        c.topics |= PB_TOPIC_MONEY;
        c.move_has_budget = true;
        c.move_budget = 780000;
    }
    if (which == LABELS) {
        c.topics = PB_TOPIC_CHOICE;
        c.move_alternative = "labels.in-house-labels";
    }
    if (which == STAFF) {
        c.topics = PB_TOPIC_PEOPLE | PB_TOPIC_CHOICE;
        c.move_has_people = true;
        c.move_people = 5;
        c.move_alternative = "staffing.lean";
    }
    if (which == DAYS) {
        c.time_unit = "days";
        c.current_deadline = 120;
        c.topics = PB_TOPIC_TIME;
    }
    return c;
}

#define NO (-1.0) /* no value expected */

typedef struct phrasing {
    const char *text;
    int ctx;
    pb_stance stance;
    double deadline, budget;
    int people;          /* -1: none */
    const char *alt;     /* "choice.alternative" or NULL */
    double lo, mode, hi; /* lo NO: no range; mode NO: two-point */
    bool ambiguous;
} phrasing;

static const phrasing TABLE[] = {
    /* numbers with units */
    {"4 months", TIME, PB_STANCE_COUNTER, 4 * 30.436875 / 7, NO, -1, NULL, NO, NO, NO, false},
    {"ok, 4 months then", TIME, PB_STANCE_CONCEDE, 4 * 30.436875 / 7, NO, -1, NULL, NO, NO, NO,
     false},
    {"six weeks", TIME, PB_STANCE_COUNTER, 6, NO, -1, NULL, NO, NO, NO, false},
    {"24 wk", TIME, PB_STANCE_CONCEDE, 24, NO, -1, NULL, NO, NO, NO, false},
    {"24wk", TIME, PB_STANCE_CONCEDE, 24, NO, -1, NULL, NO, NO, NO, false},
    {"twenty four weeks", TIME, PB_STANCE_CONCEDE, 24, NO, -1, NULL, NO, NO, NO, false},
    {"half a year", TIME, PB_STANCE_COUNTER, 0.5 * 365.2425 / 7, NO, -1, NULL, NO, NO, NO, false},
    {"3 months", DAYS, PB_STANCE_COUNTER, 3 * 30.436875, NO, -1, NULL, NO, NO, NO, false},
    {"two weeks", DAYS, PB_STANCE_COUNTER, 14, NO, -1, NULL, NO, NO, NO, false},
    {"5 people", STAFF, PB_STANCE_CONCEDE, NO, NO, 5, NULL, NO, NO, NO, false},
    {"two more engineers", STAFF, PB_STANCE_COUNTER, NO, NO, 9, NULL, NO, NO, NO, false},
    {"one fewer engineer", STAFF, PB_STANCE_COUNTER, NO, NO, 6, NULL, NO, NO, NO, false},
    {"280k", MONEY, PB_STANCE_COUNTER, NO, 280000, -1, NULL, NO, NO, NO, false},
    {"USD 1.2M", MONEY, PB_STANCE_COUNTER, NO, 1.2e6, -1, NULL, NO, NO, NO, false},
    {"1.2 million", MONEY, PB_STANCE_COUNTER, NO, 1.2e6, -1, NULL, NO, NO, NO, false},
    {"$300,000", MONEY, PB_STANCE_COUNTER, NO, 300000, -1, NULL, NO, NO, NO, false},
    {"780 thousand dollars", MONEY, PB_STANCE_CONCEDE, NO, 780000, -1, NULL, NO, NO, NO, false},
    {"a month less", TIME, PB_STANCE_COUNTER, 35 - 30.436875 / 7, NO, -1, NULL, NO, NO, NO, false},
    {"two more weeks", TIME, PB_STANCE_COUNTER, 37, NO, -1, NULL, NO, NO, NO, false},
    {"50k more", MONEY, PB_STANCE_COUNTER, NO, 1110000, -1, NULL, NO, NO, NO, false},
    {"the deal is 35 weeks", TIME, PB_STANCE_HOLD, 35, NO, -1, NULL, NO, NO, NO, false},
    /* ranges and estimates */
    {"18-30", TIME, PB_STANCE_HOLD, NO, NO, -1, NULL, 18, NO, 30, false},
    {"18 to 30 weeks", TIME, PB_STANCE_HOLD, NO, NO, -1, NULL, 18, NO, 30, false},
    {"[18, 22, 30]", TIME, PB_STANCE_HOLD, NO, NO, -1, NULL, 18, 22, 30, false},
    {"18-22-30", TIME, PB_STANCE_HOLD, NO, NO, -1, NULL, 18, 22, 30, false},
    {"18\xE2\x80\x93"
     "22\xE2\x80\x93"
     "30 weeks",
     TIME, PB_STANCE_HOLD, NO, NO, -1, NULL, 18, 22, 30, false},
    {"between 18 and 30", TIME, PB_STANCE_HOLD, NO, NO, -1, NULL, 18, NO, 30, false},
    {"4-7 months", TIME, PB_STANCE_HOLD, NO, NO, -1, NULL, 4 * 30.436875 / 7, NO, 7 * 30.436875 / 7,
     false},
    {"200-300k", MONEY, PB_STANCE_HOLD, NO, NO, -1, NULL, 200000, NO, 300000, false},
    {"30-22-18", TIME, PB_STANCE_UNCLEAR, NO, NO, -1, NULL, NO, NO, NO, true},
    /* hold */
    {"no", TIME, PB_STANCE_HOLD, NO, NO, -1, NULL, NO, NO, NO, false},
    {"we need 30 weeks", TIME, PB_STANCE_HOLD, 30, NO, -1, NULL, NO, NO, NO, false},
    {"the numbers say 35 weeks at 80%", TIME, PB_STANCE_HOLD, 35, NO, -1, NULL, NO, NO, NO, false},
    {"24 weeks is impossible, we need 35 weeks", TIME, PB_STANCE_HOLD, 35, NO, -1, NULL, NO, NO, NO,
     false},
    {"No. P80 is 35 weeks; 24 weeks can't be done", TIME, PB_STANCE_HOLD, 35, NO, -1, NULL, NO, NO,
     NO, false},
    /* counter */
    {"28 weeks if we drop the dashboard", TIME, PB_STANCE_COUNTER, 28, NO, -1,
     "dashboard.no-dashboard", NO, NO, NO, false},
    {"ok with 6 people we can do 28", TIME, PB_STANCE_COUNTER, 28, NO, 6, NULL, NO, NO, NO, false},
    {"no, but with 6 people we can do 30 weeks", TIME, PB_STANCE_COUNTER, 30, NO, 6, NULL, NO, NO,
     NO, false},
    {"we'll label it ourselves", TIME, PB_STANCE_COUNTER, NO, NO, -1, "labels.in-house-labels", NO,
     NO, NO, false},
    {"ok, but only without the dashboard", TIME, PB_STANCE_COUNTER, 24, NO, -1,
     "dashboard.no-dashboard", NO, NO, NO, false},
    {"USD 900k if we keep the vendor", MONEY, PB_STANCE_COUNTER, NO, 900000, -1,
     "labels.vendor-labels", NO, NO, NO, false},
    /* concede */
    {"fine, we will label it ourselves", LABELS, PB_STANCE_CONCEDE, NO, NO, -1,
     "labels.in-house-labels", NO, NO, NO, false},
    {"ok, 280k", MONEY, PB_STANCE_CONCEDE, NO, 280000, -1, NULL, NO, NO, NO, false},
    {"I promise 24 weeks", TIME, PB_STANCE_CONCEDE, 24, NO, -1, NULL, NO, NO, NO, false},
    {"ok", BOTH, PB_STANCE_CONCEDE, 24, 780000, -1, NULL, NO, NO, NO, false},
    {"ok, someone else can do it", STAFF, PB_STANCE_CONCEDE, NO, NO, 5, "staffing.lean", NO, NO, NO,
     false},
    {"ok, someone else can do it", LABELS, PB_STANCE_CONCEDE, NO, NO, -1, "labels.in-house-labels",
     NO, NO, NO, false},
    {"you're right, in-house-labels", LABELS, PB_STANCE_CONCEDE, NO, NO, -1,
     "labels.in-house-labels", NO, NO, NO, false},
    {"fine.", TIME, PB_STANCE_CONCEDE, 24, NO, -1, NULL, NO, NO, NO, false},
    /* asking */
    {"why 24 weeks?", TIME, PB_STANCE_ASK_INTEREST, 24, NO, -1, NULL, NO, NO, NO, false},
    {"what happens in week 24?", TIME, PB_STANCE_ASK_INTEREST, 24, NO, -1, NULL, NO, NO, NO, false},
    {"what matters most to you?", TIME, PB_STANCE_ASK_INTEREST, NO, NO, -1, NULL, NO, NO, NO,
     false},
    {"Who needs it by June?", TIME, PB_STANCE_ASK_INTEREST, NO, NO, -1, NULL, NO, NO, NO, false},
    {"let me check", TIME, PB_STANCE_ASK_TIME, NO, NO, -1, NULL, NO, NO, NO, false},
    {"can I come back to you", TIME, PB_STANCE_ASK_TIME, NO, NO, -1, NULL, NO, NO, NO, false},
    {"I'll get back to you tomorrow on 28 weeks", TIME, PB_STANCE_ASK_TIME, 28, NO, -1, NULL, NO,
     NO, NO, false},
    /* ambiguous and unclear */
    {"30", BOTH, PB_STANCE_UNCLEAR, NO, NO, -1, NULL, NO, NO, NO, true},
    {"4", TIME, PB_STANCE_UNCLEAR, NO, NO, -1, NULL, NO, NO, NO, true},
    {"4", NONE, PB_STANCE_UNCLEAR, NO, NO, -1, NULL, NO, NO, NO, true},
    {"30", TIME, PB_STANCE_COUNTER, 30, NO, -1, NULL, NO, NO, NO, false},
    {"EUR 300k", MONEY, PB_STANCE_COUNTER, NO, 300000, -1, NULL, NO, NO, NO, true},
    {"the weather is nice", TIME, PB_STANCE_UNCLEAR, NO, NO, -1, NULL, NO, NO, NO, false},
    {"", TIME, PB_STANCE_UNCLEAR, NO, NO, -1, NULL, NO, NO, NO, false},
    {"a shorter timeline", NONE, PB_STANCE_UNCLEAR, NO, NO, -1, NULL, NO, NO, NO, false},
};

static void check_value(const char *text, const char *what, bool has, double got, double want)
{
    if (want == NO) {
        cr_expect(!has, "'%s': no %s expected, got %g", text, what, got);
        return;
    }
    cr_expect(has, "'%s': %s %g expected, none read", text, what, want);
    cr_expect(fabs(got - want) < 1e-9 * fmax(1, want), "'%s': %s %g expected, got %g", text, what,
              want, got);
}

static void check(const phrasing *p)
{
    pb_answer_context c = context(p->ctx);
    pb_answer a;
    pb_error e;
    cr_assert_eq(pb_answer_parse(p->text, &c, &a, &e), PB_OK, "'%s': %s", p->text, e.msg);
    cr_expect_eq(a.stance, p->stance, "'%s': stance %s expected, got %s (%s)", p->text,
                 pb_stance_name(p->stance), pb_stance_name(a.stance), a.understood);
    check_value(p->text, "deadline", a.has_deadline, a.deadline, p->deadline);
    check_value(p->text, "budget", a.has_budget, a.budget, p->budget);
    check_value(p->text, "people", a.has_people, a.people, p->people < 0 ? NO : p->people);
    check_value(p->text, "range low", a.has_range, a.lo, p->lo);
    check_value(p->text, "range high", a.has_range, a.hi, p->lo == NO ? NO : p->hi);
    if (p->lo != NO)
        check_value(p->text, "most likely", a.has_mode, a.mode, p->mode);
    char alt[160] = "";
    if (a.has_choice)
        snprintf(alt, sizeof alt, "%s.%s", a.choice, a.alternative);
    cr_expect_str_eq(alt, p->alt ? p->alt : "", "'%s': alternative", p->text);
    cr_expect_eq(a.ambiguous, p->ambiguous, "'%s': ambiguous %d expected (%s)", p->text,
                 p->ambiguous, a.question);
    cr_expect(!a.ambiguous || a.question[0], "'%s': ambiguous with no question", p->text);
    cr_expect(a.understood[0], "'%s': nothing said about what was understood", p->text);
}

Test(answer, table_of_phrasings, .init = test_setup)
{
    for (size_t i = 0; i < sizeof TABLE / sizeof *TABLE; i++)
        check(&TABLE[i]);
}

/* More phrasings: units, points in time, choices by id words, what-if words. */
static const phrasing MORE[] = {
    {"90 days", TIME, PB_STANCE_COUNTER, 90.0 / 7, NO, -1, NULL, NO, NO, NO, false},
    {"a quarter", TIME, PB_STANCE_COUNTER, 30.436875 * 3 / 7, NO, -1, NULL, NO, NO, NO, false},
    {"by week 30", TIME, PB_STANCE_COUNTER, 30, NO, -1, NULL, NO, NO, NO, false},
    {"keep the dashboard and 30 weeks", TIME, PB_STANCE_COUNTER, 30, NO, -1,
     "dashboard.with-dashboard", NO, NO, NO, false},
    {"we could outsource the labels", TIME, PB_STANCE_COUNTER, NO, NO, -1, "labels.vendor-labels",
     NO, NO, NO, false},
    {"a dozen weeks", DAYS, PB_STANCE_COUNTER, 84, NO, -1, NULL, NO, NO, NO, false},
    {"35 weeks, not 24", TIME, PB_STANCE_HOLD, 35, NO, -1, NULL, NO, NO, NO, false},
    {"\xE2\x82\xAC"
     "300k",
     MONEY, PB_STANCE_COUNTER, NO, 300000, -1, NULL, NO, NO, NO, true},
    {"I'd rather not commit to 24 weeks", TIME, PB_STANCE_HOLD, NO, NO, -1, NULL, NO, NO, NO,
     false},
    {"What is the deadline driven by?", TIME, PB_STANCE_ASK_INTEREST, NO, NO, -1, NULL, NO, NO, NO,
     false},
    {"I'll have to think about it", TIME, PB_STANCE_ASK_TIME, NO, NO, -1, NULL, NO, NO, NO, false},
    {"we can do 26 weeks if we get another engineer", STAFF, PB_STANCE_COUNTER, 26, NO, 8, NULL, NO,
     NO, NO, false},
    {"okay, but we still need 35 weeks", TIME, PB_STANCE_HOLD, 35, NO, -1, NULL, NO, NO, NO, false},
    {"ok, 30", BOTH, PB_STANCE_CONCEDE, NO, NO, -1, NULL, NO, NO, NO, true},
    {"30 weeks and 1.1M", BOTH, PB_STANCE_COUNTER, 30, 1.1e6, -1, NULL, NO, NO, NO, false},
    {"we could go lean", STAFF, PB_STANCE_CONCEDE, NO, NO, -1, "staffing.lean", NO, NO, NO, false},
    {"We can\xE2\x80\x99t do 24 weeks", TIME, PB_STANCE_HOLD, NO, NO, -1, NULL, NO, NO, NO, false},
};

Test(answer, more_phrasings, .init = test_setup)
{
    for (size_t i = 0; i < sizeof MORE / sizeof *MORE; i++)
        check(&MORE[i]);
}

static pb_answer parse(const char *text, int ctx)
{
    pb_answer_context c = context(ctx);
    pb_answer a;
    pb_error e;
    cr_assert_eq(pb_answer_parse(text, &c, &a, &e), PB_OK, "'%s': %s", text, e.msg);
    return a;
}

Test(answer, commands_and_what_if, .init = test_setup)
{
    static const struct {
        const char *text;
        pb_answer_cmd cmd;
        const char *whatif;
    } CASES[] = {
        {"quit", PB_CMD_QUIT, ""},
        {"  Skip ", PB_CMD_SKIP, ""},
        {"help", PB_CMD_HELP, ""},
        {"?", PB_CMD_HELP, ""},
        {"why", PB_CMD_WHY, ""},
        {"what-if team.ml=3", PB_CMD_WHATIF, "team.ml=3"},
        {"what-if team.ml = 5?", PB_CMD_WHATIF, "team.ml=5"},
        {"whatif milestones.train.effort=[8, 12, 20]", PB_CMD_WHATIF,
         "milestones.train.effort=[8,12,20]"},
        {"what if we had 3 ML engineers?", PB_CMD_WHATIF, "team.ml=3"},
        {"What if 28 weeks?", PB_CMD_WHATIF, "ask.deadline=28"},
        {"what if 900k?", PB_CMD_WHATIF, "ask.budget=900000"},
        {"what if the moon were cheese?", PB_CMD_WHATIF, ""},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        pb_answer a = parse(CASES[i].text, TIME);
        cr_expect_eq(a.stance, PB_STANCE_COMMAND, "'%s': %s", CASES[i].text,
                     pb_stance_name(a.stance));
        cr_expect_eq(a.command, CASES[i].cmd, "'%s': command %d", CASES[i].text, a.command);
        cr_expect_str_eq(a.whatif, CASES[i].whatif, "'%s'", CASES[i].text);
        cr_expect(a.understood[0], "'%s': nothing understood", CASES[i].text);
    }
    /* "why 24 weeks?" is a question about the interest, not the command. */
    cr_expect_eq(parse("why 24 weeks?", TIME).command, PB_CMD_NONE);
}

Test(answer, understood_says_what_was_read, .init = test_setup)
{
    cr_expect_str_eq(parse("ok with 6 people we can do 28", TIME).understood,
                     "you offered: 28 weeks (you said '28') with 6 people");
    cr_expect_str_eq(parse("ok, 4 months then", TIME).understood,
                     "you agreed to: 17.4 weeks (4 months)");
    cr_expect_str_eq(parse("28 weeks if we drop the dashboard", TIME).understood,
                     "you offered: 28 weeks with dashboard: no-dashboard");
    cr_expect_str_eq(parse("ok, 280k", MONEY).understood, "you agreed to: USD 280,000");
    cr_expect_str_eq(parse("two more ML engineers", STAFF).understood,
                     "you offered: 2 more ml (9 in all)");
    cr_expect_str_eq(parse("18-22-30", TIME).understood, "you held: the estimate 18-22-30 weeks");
    cr_expect_str_eq(parse("30", BOTH).question, "'30' what: weeks or months or USD?");
    cr_expect_str_eq(parse("let me check", TIME).understood, "you asked for time to check");
}

Test(answer, a_long_answer_is_one_answer, .init = test_setup)
{
    /* 1 kB and more: the reasons first, the number last, all one answer. */
    char text[4096] = "";
    while (strlen(text) < 1100)
        strcat(text, "The labelling vendor needs six weeks to ramp up and the fleet data arrives "
                     "late, so the plan has little slack. ");
    strcat(text, "No: we need 35 weeks.");
    pb_answer a = parse(text, TIME);
    cr_expect_eq(a.stance, PB_STANCE_HOLD, "%s", a.understood);
    cr_expect(a.has_deadline && a.deadline == 35, "deadline %g", a.deadline);
    /* 100 kB of words does not break it either. */
    size_t n = 100000;
    char *big = malloc(n + 1);
    cr_assert_not_null(big);
    for (size_t i = 0; i < n; i++)
        big[i] = "ok 28 weeks if we drop the dashboard "[i % 37];
    big[n] = '\0';
    a = parse(big, TIME);
    cr_expect_eq(a.stance, PB_STANCE_COUNTER, "%s", a.understood);
    free(big);
}

static bool picked(const pb_answer *a, const char *alt)
{
    for (size_t i = 0; i < a->n_picks; i++)
        if (!strcmp(a->picks[i].alternative, alt))
            return true;
    return false;
}

Test(answer, one_answer_names_several_alternatives, .init = test_setup)
{
    pb_answer a = parse("28 weeks if we drop the dashboard and label it ourselves", TIME);
    cr_expect_eq(a.stance, PB_STANCE_COUNTER);
    cr_assert_eq(a.n_picks, 2, "%s", a.understood);
    cr_expect_str_eq(a.picks[0].alternative, "no-dashboard");
    cr_expect_str_eq(a.picks[1].alternative, "in-house-labels");
    cr_expect_str_eq(a.alternative, "no-dashboard");
    cr_expect_str_eq(a.understood, "you offered: 28 weeks with dashboard: no-dashboard, labels: "
                                   "in-house-labels");
    /* A negated word names the other alternative of a choice of two. */
    a = parse("keep the dashboard but drop the vendor", TIME);
    cr_assert_eq(a.n_picks, 2, "%s", a.understood);
    cr_expect(picked(&a, "with-dashboard") && picked(&a, "in-house-labels"), "%s", a.understood);
    a = parse("30 weeks without a vendor", TIME);
    cr_assert_eq(a.n_picks, 1, "%s", a.understood);
    cr_expect_str_eq(a.alternative, "in-house-labels");
    /* A pick per choice: the id said first wins over its choice's other words. */
    a = parse("no-dashboard, with-dashboard", TIME);
    cr_expect_eq(a.n_picks, 1, "%s", a.understood);
}

Test(answer, two_alternatives_of_one_kind_are_asked_about, .init = test_setup)
{
    static const char *const alts[] = {"labels.vendor-a", "labels.vendor-b", "labels.ours"};
    static const pb_kind kinds[] = {PB_KIND_VENDOR, PB_KIND_VENDOR, PB_KIND_IN_HOUSE};
    pb_answer_context c = context(TIME);
    c.alternatives = alts;
    c.alternative_kinds = kinds;
    c.n_alternatives = 3;
    pb_answer a;
    cr_assert_eq(pb_answer_parse("let a vendor do it", &c, &a, NULL), PB_OK);
    cr_expect(!a.has_choice && a.ambiguous, "%s", a.understood);
    cr_expect_str_eq(a.question, "which do you mean: 'labels.vendor-a' or 'labels.vendor-b'?");
    cr_assert_eq(pb_answer_parse("we do it ourselves", &c, &a, NULL), PB_OK);
    cr_expect(a.has_choice && !strcmp(a.alternative, "ours"), "%s", a.understood);
    /* Without kinds, kind words name nothing. */
    c.alternative_kinds = NULL;
    cr_assert_eq(pb_answer_parse("we do it ourselves", &c, &a, NULL), PB_OK);
    cr_expect(!a.has_choice);
}

Test(answer, units_from_the_context, .init = test_setup)
{
    pb_answer_context c = context(TIME);
    pb_answer a;
    c.time_unit = "months";
    c.current_deadline = 8;
    c.move_deadline = 6;
    cr_assert_eq(pb_answer_parse("26 weeks", &c, &a, NULL), PB_OK);
    cr_expect(fabs(a.deadline - 26 * 7 / 30.436875) < 1e-9, "%g", a.deadline);
    c.time_unit = "days";
    c.days_per_unit = 7.0 / 5; /* working days: five to the calendar week */
    cr_assert_eq(pb_answer_parse("2 weeks", &c, &a, NULL), PB_OK);
    cr_expect(fabs(a.deadline - 10) < 1e-9, "%g", a.deadline);
    cr_assert_eq(pb_answer_parse("93 days", &c, &a, NULL), PB_OK); /* its own unit: as said */
    cr_expect(fabs(a.deadline - 93) < 1e-9, "%g", a.deadline);
    /* "two more weeks" with no deadline to add to is asked about. */
    c = context(TIME);
    c.current_deadline = NAN;
    cr_assert_eq(pb_answer_parse("two more weeks", &c, &a, NULL), PB_OK);
    cr_expect(!a.has_deadline && a.ambiguous, "%s", a.understood);
}

Test(answer, bad_arguments_are_refused, .init = test_setup)
{
    pb_answer_context c = context(TIME);
    pb_answer a;
    pb_error e;
    cr_expect_eq(pb_answer_parse(NULL, &c, &a, &e), PB_ERR_USAGE);
    cr_expect_str_eq(e.msg, "answer: no text");
    cr_expect_eq(a.stance, PB_STANCE_UNCLEAR);
    cr_expect_eq(pb_answer_parse("ok", NULL, &a, &e), PB_ERR_USAGE);
    cr_expect_eq(pb_answer_parse("ok", &c, NULL, NULL), PB_ERR_USAGE);
    cr_expect_str_eq(pb_stance_name(PB_STANCE_ASK_INTEREST), "ask-interest");
    cr_expect_str_eq(pb_stance_name((pb_stance)99), "unclear");
}

Test(answer, names_and_context_from_a_scenario, .init = test_setup)
{
    pb_scenario *s = NULL;
    pb_answer_names *n = NULL;
    pb_error e;
    cr_assert_eq(pb_scenario_load("scenarios/fcw.cfg", &s, &e), PB_OK, "%s", e.msg);
    cr_assert_eq(pb_answer_names_new(s, &n, &e), PB_OK, "%s", e.msg);
    pb_answer_context c;
    pb_answer_context_init(&c, s, n);
    cr_expect_str_eq(c.time_unit, "weeks");
    cr_expect_str_eq(c.currency, "USD");
    cr_expect_eq(c.n_roles, 3);
    cr_expect_eq(c.n_alternatives, 7);
    cr_expect_str_eq(c.alternatives[4], "labels.in-house-labels");
    cr_expect_eq(c.alternative_kinds[4], PB_KIND_IN_HOUSE);
    cr_expect_eq(c.current_deadline, 35);
    cr_expect_eq(c.current_people, 7);
    c.topics = PB_TOPIC_TIME;
    pb_answer a;
    cr_assert_eq(pb_answer_parse("fine, we will label it ourselves", &c, &a, &e), PB_OK);
    cr_expect_str_eq(a.alternative, "in-house-labels");
    cr_assert_eq(pb_answer_parse("ok, 4 months then", &c, &a, &e), PB_OK);
    cr_expect(fabs(a.deadline - 17.3925) < 1e-4, "%g", a.deadline);
    pb_answer_names_free(n);
    pb_scenario_free(s);
    pb_answer_names_free(NULL);
    cr_expect_eq(pb_answer_names_new(NULL, &n, &e), PB_ERR_USAGE);
    cr_expect_null(n);
}

Test(answer, rubric_flags_for_the_debrief, .init = test_setup)
{
    static const struct {
        const char *text;
        bool number, interval;
    } CASES[] = {
        {"no", false, false},
        {"ok", false, false}, /* conceding the move's number is not quoting one */
        {"we need 35 weeks", true, false},
        {"the P80 is 35 weeks", true, true},
        {"35 weeks at 80% confidence", true, true},
        {"18-22-30", true, true},
        {"between 18 and 30 weeks", true, true},
        {"let me check", false, false},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        pb_answer a = parse(CASES[i].text, TIME);
        cr_expect_eq(a.quoted_number, CASES[i].number, "'%s': quoted a number", CASES[i].text);
        cr_expect_eq(a.quoted_interval, CASES[i].interval, "'%s': quoted an interval",
                     CASES[i].text);
    }
}
