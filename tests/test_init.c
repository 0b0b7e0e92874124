/*
 * test_init.c - the questionnaire of 'pushback init': each check refuses
 * what it must with a reason and changes nothing, defaults follow the
 * worked example and then the answers, and the writer's scenario loads
 * back with every text intact.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include <pushback/init.h>
#include <pushback/pushback.h>

#include "helpers.h"
#include "init_internal.h"

/* Answer every question before 'key' with its default. */
static void skip_to(pb_init *in, const char *key)
{
    pb_error e;
    const pb_init_question *q;
    while ((q = pb_init_next(in)) && strcmp(q->key, key))
        cr_assert_eq(pb_init_answer(in, "", &e), PB_OK, "%s: %s", q->key, e.msg);
    cr_assert_not_null(q, "no question '%s'", key);
}

static void answer_ok(pb_init *in, const char *text)
{
    pb_error e;
    const char *key = pb_init_next(in)->key;
    cr_assert_eq(pb_init_answer(in, text, &e), PB_OK, "%s = '%s': %s", key, text, e.msg);
}

/* The answer is refused with 'words' in the reason, and the question stays. */
static void refused(pb_init *in, const char *text, const char *words)
{
    pb_error e;
    const pb_init_question *q = pb_init_next(in);
    cr_assert_eq(pb_init_answer(in, text, &e), PB_ERR_INVALID, "%s accepted '%s'", q->key, text);
    cr_assert(strstr(e.msg, words), "%s = '%s': '%s' lacks '%s'", q->key, text, e.msg, words);
    cr_assert_eq(pb_init_next(in), q, "a refused answer moved on");
}

/* Write a complete questionnaire to a temporary file and load it back. */
static pb_scenario *round_trip(const pb_init *in)
{
    char path[] = "/tmp/pb-init-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    pb_error e;
    cr_assert_eq(pb_init_write(in, f, &e), PB_OK, "%s", e.msg);
    fclose(f);
    pb_scenario *s = NULL;
    pb_status rc = pb_scenario_load(path, &s, &e);
    unlink(path);
    cr_assert_eq(rc, PB_OK, "%s:%d: %s", e.file, e.line, e.msg);
    return s;
}

Test(init, numbers_are_whole_answers_in_range, .init = test_setup)
{
    pb_init *in = pb_init_new();
    skip_to(in, "proposal.value.amount");
    refused(in, "abc", "not a number");
    refused(in, "12 EUR", "not a number");
    refused(in, "0x1F", "not a number");
    refused(in, "nan", "not a number");
    refused(in, "inf", "not a number");
    refused(in, "1e300", "out of range");
    refused(in, "-5", "out of range");
    answer_ok(in, " 2.5e4 ");
    cr_assert_str_eq(pb__init_get(in, "proposal.value.amount", 0), "2.5e4");
    skip_to(in, "team.people");
    refused(in, "0", "whole number");
    refused(in, "1.5", "whole number");
    pb_init_free(in);
}

Test(init, probabilities_and_confidence, .init = test_setup)
{
    pb_init *in = pb_init_new();
    skip_to(in, "risks.probability");
    refused(in, "1.2", "out of range");
    refused(in, "-0.1", "out of range");
    answer_ok(in, "1");
    skip_to(in, "ask.confidence");
    refused(in, "1", "below 1");
    refused(in, "0", "above 0");
    answer_ok(in, "0.9");
    pb_init_free(in);
}

Test(init, estimates_are_asked_latest_first_and_ordered, .init = test_setup)
{
    size_t n;
    const pb_init_question *t = pb_init_questions(&n);
    size_t i = 0;
    while (i < n && strcmp(t[i].key, "milestones.high"))
        i++;
    cr_assert(i + 2 < n);
    cr_assert_eq(t[i].kind, PB_INIT_HIGH);
    cr_assert_eq(t[i + 1].kind, PB_INIT_LOW);
    cr_assert_eq(t[i + 2].kind, PB_INIT_LIKELY);
    pb_init *in = pb_init_new();
    skip_to(in, "milestones.high");
    refused(in, "0", "above 0");
    answer_ok(in, "7.5");
    refused(in, "8", "the earliest (8) is later than the latest plausible (7.5)");
    answer_ok(in, "2.25");
    refused(in, "2", "between the earliest (2.25) and the latest (7.5)");
    refused(in, "9", "between");
    answer_ok(in, "3.5");
    pb_init_free(in);
}

Test(init, references_must_be_earlier_milestones_and_team_roles, .init = test_setup)
{
    pb_init *in = pb_init_new();
    skip_to(in, "milestones.id");
    refused(in, "-", "at least one milestone");
    refused(in, "a b", "an id is");
    refused(in, "none", "an id is");
    answer_ok(in, "first");
    answer_ok(in, "The first step");
    refused(in, "first", "not an earlier milestone");
    refused(in, "later", "not an earlier milestone");
    answer_ok(in, "none");
    refused(in, "designer", "not a role");
    answer_ok(in, "ml");
    for (int i = 0; i < 4; i++)
        answer_ok(in, "");
    refused(in, "first", "already the id");
    answer_ok(in, "second");
    cr_assert_str_eq(pb_init_default(in), "second", "a name defaults to the entry's id");
    answer_ok(in, "");
    cr_assert_str_eq(pb_init_default(in), "first", "'after' defaults to the milestone before");
    refused(in, "first, nope", "'nope' is not an earlier milestone");
    refused(in, "first second", "'second' is not an earlier milestone");
    refused(in, "first,first", "'first' is given twice");
    answer_ok(in, "first");
    cr_assert_str_eq(pb__init_get(in, "milestones.after", 1), "first");
    pb_init_free(in);
}

Test(init, words_and_dates, .init = test_setup)
{
    pb_init *in = pb_init_new();
    skip_to(in, "proposal.datasets.commercial");
    refused(in, "maybe", "yes or no");
    answer_ok(in, "Y");
    cr_assert_str_eq(pb__init_get(in, "proposal.datasets.commercial", 0), "yes");
    skip_to(in, "proposal.data.annotation");
    refused(in, "interns", "team, crowd, vendor or mixed");
    answer_ok(in, "Crowd");
    cr_assert_str_eq(pb__init_get(in, "proposal.data.annotation", 0), "crowd");
    skip_to(in, "start");
    refused(in, "2027-02-29", "YYYY-MM-DD");
    refused(in, "1.3.2027", "YYYY-MM-DD");
    answer_ok(in, "2028-02-29");
    skip_to(in, "milestones.role");
    answer_ok(in, "-");
    cr_assert_str_eq(pb__init_get(in, "milestones.role", 0), "none", "'-' is stored as none");
    pb_init_free(in);
}

Test(init, own_entries_end_the_list_on_an_empty_answer, .init = test_setup)
{
    pb_init *in = pb_init_new();
    skip_to(in, "team.role");
    cr_assert_str_eq(pb_init_default(in), "ml", "the example while following it");
    answer_ok(in, "research");
    answer_ok(in, "3");
    answer_ok(in, "4100");
    cr_assert_str_eq(pb_init_default(in), "", "an own entry: an empty answer ends the list");
    answer_ok(in, "");
    cr_assert_str_eq(pb_init_next(in)->key, "start");
    cr_assert_eq(pb__init_count(in, "team.role"), 1);
    skip_to(in, "milestones.role");
    cr_assert_str_eq(pb_init_default(in), "none", "the example's role is not in this team");
    skip_to(in, "risks.id");
    answer_ok(in, "");
    cr_assert_str_eq(pb__init_get(in, "risks.id", 0), "scan-quality", "the example's first risk");
    answer_ok(in, "");
    cr_assert_eq(pb__init_count(in, "milestones.id"), 1, "a changed role ended the milestones");
    answer_ok(in, "0.5");
    answer_ok(in, "");
    cr_assert_str_eq(pb__init_get(in, "risks.milestone", 0), "collect", "the last milestone");
    answer_ok(in, "");
    answer_ok(in, "");
    answer_ok(in, "");
    cr_assert_str_eq(pb_init_default(in), "", "a changed probability: the list is the user's");
    answer_ok(in, "");
    cr_assert_eq(pb__init_count(in, "risks.id"), 1);
    cr_assert_str_eq(pb_init_next(in)->key, "ask.deadline");
    pb_init_free(in);
}

Test(init, defaults_make_the_worked_example, .init = test_setup)
{
    pb_init *in = pb_init_new();
    pb_error e;
    cr_assert_eq(pb_init_write(in, stdout, &e), PB_ERR_USAGE, "an incomplete questionnaire");
    cr_assert_eq(pb_init_fill_defaults(in, &e), PB_OK, "%s", e.msg);
    cr_assert_null(pb_init_next(in));
    pb_scenario *s = round_trip(in);
    cr_assert_str_eq(s->name, "Invoice field extraction");
    cr_assert_eq(s->n_milestones, 6);
    cr_assert_eq(s->n_roles, 3);
    cr_assert_eq(s->n_risks, 3);
    cr_assert_eq(s->n_history, 1);
    cr_assert_str_eq(s->unit, "weeks");
    cr_assert_str_eq(s->milestones[3].id, "train");
    cr_assert_eq(s->milestones[3].n_after, 2);
    cr_assert_float_eq(s->milestones[3].effort.min, 4.0, 1e-12);
    cr_assert_float_eq(s->milestones[3].effort.mode, 6.0, 1e-12);
    cr_assert_float_eq(s->milestones[3].effort.max, 12.0, 1e-12);
    cr_assert(s->milestones[5].has_duration && s->milestones[5].deliverable);
    cr_assert_float_eq(s->ask_confidence, 0.8, 1e-12);
    pb_gap *g;
    size_t n;
    cr_assert_eq(pb_proposal_gaps(s, &g, &n, &e), PB_OK);
    cr_assert_eq(n, 1, "the lint asks %zu questions, the first: %s", n, n ? g[0].question : "");
    cr_assert_str_eq(g[0].section, "options");
    pb_gaps_free(g, n);
    pb_scenario_free(s);
    pb_init_free(in);
}

Test(init, texts_round_trip_through_libconfig, .init = test_setup)
{
    const char *name = "The \"quoted\" C:\\path\\ and a back\\\\slash";
    const char *idea = "two\nlines\tand a \x01 control, caf\xc3\xa9";
    pb_init *in = pb_init_new();
    pb_error e;
    answer_ok(in, name);
    cr_assert_eq(pb_init_answer(in, idea, &e), PB_OK, "%s", e.msg);
    cr_assert_eq(pb_init_fill_defaults(in, &e), PB_OK, "%s", e.msg);
    pb_scenario *s = round_trip(in);
    cr_assert_str_eq(s->name, name);
    cr_assert_str_eq(s->proposal.idea, idea);
    pb_scenario_free(s);
    pb_init_free(in);
}

Test(init, text_checks, .init = test_setup)
{
    char big[5000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    pb_init *in = pb_init_new();
    refused(in, big, "at most 4096 bytes");
    refused(in, "caf\xc3", "UTF-8");
    answer_ok(in, "ok");
    pb_init_free(in);
}

Test(init, the_manual_lists_every_question_in_order, .init = test_setup)
{
    FILE *f = fopen("docs/init.md", "r");
    cr_assert_not_null(f, "docs/init.md");
    static char doc[65536];
    size_t len = fread(doc, 1, sizeof doc - 1, f);
    fclose(f);
    doc[len] = '\0';
    size_t n;
    const pb_init_question *t = pb_init_questions(&n);
    const char *at = doc;
    for (size_t i = 0; i < n; i++) {
        char row[160];
        snprintf(row, sizeof row, "| %zu | `%s` |", i + 1, t[i].key);
        const char *p = strstr(at, row);
        cr_assert_not_null(p, "docs/init.md lacks '%s' after question %zu", row, i);
        at = p;
    }
}
