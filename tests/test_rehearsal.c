/*
 * test_rehearsal.c - the rehearsal as a negotiation, played from scripts:
 * a caving engineer ends on a deal that fails, with a low score and the
 * failures named, and the deal re-evaluates to the same numbers; a prepared
 * one scores high on a deal that holds; a stonewalling one scores apart from
 * both; a concession is never asked back; an interest is told only after
 * the question; the manager presses on hesitation and backs off on numbers;
 * each persona opens differently; a script replays to the same session.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>
#include <pushback/rehearsal.h>

#include "helpers.h"

typedef struct drill {
    pb_scenario *s;
    pb_rulebook *rb;
    pb_brief *b;
    pb_rehearsal *r;
} drill;

static void start(drill *d, const char *persona, uint64_t seed)
{
    pb_error e;
    char path[256];
    snprintf(path, sizeof path, "scenarios/rulebooks/%s.cfg", persona);
    cr_assert_eq(pb_scenario_load("scenarios/fcw.cfg", &d->s, &e), PB_OK, "%s", e.msg);
    cr_assert_eq(pb_rulebook_load(path, d->s, &d->rb, &e), PB_OK, "%s:%d: %s", e.file, e.line,
                 e.msg);
    pb_brief_opts bo;
    pb_brief_opts_init(&bo);
    bo.iterations = 4000;
    bo.threads = 2;
    cr_assert_eq(pb_brief_run(d->s, d->rb, &bo, &d->b, &e), PB_OK, "%s", e.msg);
    pb_rehearsal_opts o;
    pb_rehearsal_opts_init(&o);
    o.persona = persona;
    o.seed = seed;
    o.threads = 2;
    cr_assert_eq(pb_rehearsal_start(d->b, &o, &d->r, &e), PB_OK, "%s", e.msg);
}

static void stop(drill *d)
{
    pb_rehearsal_free(d->r);
    pb_brief_free(d->b);
    pb_rulebook_free(d->rb);
    pb_scenario_free(d->s);
}

/* The manager's words, then the engineer's answer read and taken; the words said. */
static char *say(drill *d, const char *text)
{
    const char *w = pb_rehearsal_next(d->r);
    cr_assert_not_null(w, "the session ended before '%s'", text);
    char *words = strdup(w);
    pb_answer_context ctx;
    pb_answer a;
    pb_error e;
    pb_rehearsal_context(d->r, &ctx);
    cr_assert_eq(pb_answer_parse(text, &ctx, &a, &e), PB_OK, "%s", e.msg);
    cr_assert_eq(pb_rehearsal_answer(d->r, text, &a, &e), PB_OK, "'%s': %s", text, e.msg);
    return words;
}

static void play(drill *d, const char *const *script, size_t n)
{
    for (size_t i = 0; i < n && pb_rehearsal_next(d->r); i++)
        free(say(d, script[i]));
}

static pb_debrief *debrief(drill *d)
{
    pb_debrief *db;
    pb_error e;
    cr_assert_eq(pb_rehearsal_debrief(d->r, "pushback deal scenarios/fcw.cfg", &db, &e), PB_OK,
                 "%s", e.msg);
    return db;
}

static const char *const CAVE[] = {"ok, 4 months then", "fine, we will label it ourselves",
                                   "ok, 280k", "I promise 24 weeks"};
static const char *const PREPARED[] = {
    "what is behind 24 weeks?",
    "no: 35 weeks, that is our P80, 95% CI 34 to 36 weeks; 24 weeks holds in 8% of simulated "
    "projects",
    "we can commit to 33 weeks if we take 8 people and USD 1.3M",
    "no, 33 weeks with 8 people holds at 80%, between 32 and 34 weeks",
};
static const char *const STONEWALL[] = {"no", "no", "no", "no"};

Test(rehearsal, a_caving_engineer_ends_on_a_failing_deal_that_re_evaluates_the_same,
     .init = test_setup, .timeout = 120)
{
    drill d;
    start(&d, "product", 1);
    play(&d, CAVE, 4);
    pb_debrief *db = debrief(&d);
    const pb_deal_result *f = db->deal;
    cr_expect_eq(f->deadline, 24.0);
    cr_expect_eq(f->budget, 280000.0);
    size_t k = 0;
    while (k < f->n_choices && strcmp(f->choices[k], "labels"))
        k++;
    cr_assert_lt(k, f->n_choices);
    cr_expect_str_eq(f->alternatives[k], "in-house-labels");
    cr_expect_str_eq(f->verdict, "fails");
    cr_expect_lt(db->score, 0, "a caving session scores %d", db->score);
    cr_expect_geq(db->counts[3][1], 3, "concessions against the numbers named");
    cr_expect_geq(db->counts[4][1], 1, "an estimate lowered without an input named");
    /* the deal as 'pushback deal' states it gives the same joint probability */
    const char *alts[8] = {0};
    for (size_t c = 0; c < f->n_choices && c < 8; c++)
        alts[c] = f->alternatives[c];
    pb_deal again = {f->deadline, f->budget, NAN, f->team, 0, alts, NULL, 0, NULL, 0};
    pb_deal_opts o;
    pb_deal_opts_init(&o);
    o.iterations = PB_REHEARSAL_ITERATIONS;
    o.seed = d.b->seed;
    pb_deal_result *r2;
    pb_error e;
    cr_assert_eq(pb_deal_evaluate(d.s, &again, &o, &r2, &e), PB_OK, "%s", e.msg);
    cr_expect_eq(r2->joint.value, f->joint.value);
    cr_expect_eq(r2->joint.hi, f->joint.hi);
    cr_expect_eq(r2->date.value, f->date.value);
    cr_expect(strstr(db->reproduce, "--deadline 24 --budget 280000") != NULL, "%s", db->reproduce);
    size_t n;
    const pb_turn *t = pb_rehearsal_turns(d.r, &n);
    size_t advised = 0;
    for (size_t i = 0; i < n; i++)
        advised += t[i].advice != NULL;
    cr_expect_geq(advised, 3, "every weak turn gets the line to say instead");
    pb_deal_result_free(r2);
    pb_debrief_free(db);
    stop(&d);
}

Test(rehearsal, a_prepared_engineer_scores_high_on_a_deal_that_holds, .init = test_setup,
     .timeout = 120)
{
    drill d;
    start(&d, "product", 1);
    play(&d, PREPARED, 3);
    pb_debrief *db = debrief(&d);
    cr_expect_str_eq(db->deal->verdict, "holds");
    cr_expect_geq(db->deal->joint.lo, 0.8);
    cr_expect_geq(4 * db->score, 3 * db->max_score, "%d of %d", db->score, db->max_score);
    cr_expect_eq(db->counts[3][1] + db->counts[4][1], 0, "no failure named");
    cr_expect_eq(db->counts[6][0], 1, "asked about the interest");
    cr_expect_eq(db->counts[5][0], 1, "offered a trade");
    pb_debrief_free(db);
    stop(&d);
}

Test(rehearsal, a_stonewalling_engineer_scores_apart_from_both, .init = test_setup, .timeout = 120)
{
    int score[3];
    const char *const *scripts[3] = {CAVE, PREPARED, STONEWALL};
    size_t lens[3] = {4, 3, 4};
    for (int k = 0; k < 3; k++) {
        drill d;
        start(&d, "product", 1);
        play(&d, scripts[k], lens[k]);
        pb_debrief *db = debrief(&d);
        score[k] = db->score;
        if (k == 2) {
            cr_expect_eq(db->score, 0, "holding without a number earns nothing");
            cr_expect_eq(db->counts[0][0], 0);
            cr_expect_str_eq(db->deal->verdict, "holds", "the ask was never given away");
        }
        pb_debrief_free(db);
        stop(&d);
    }
    cr_expect_lt(score[0], score[2], "caving %d, stonewalling %d", score[0], score[2]);
    cr_expect_lt(score[2], score[1], "stonewalling %d, prepared %d", score[2], score[1]);
}

Test(rehearsal, a_concession_is_pocketed_and_never_asked_back, .init = test_setup, .timeout = 120)
{
    for (uint64_t seed = 1; seed <= 3; seed++) {
        drill d;
        start(&d, "product", seed);
        free(say(&d, "ok, 24 weeks"));
        const char *w = pb_rehearsal_next(d.r);
        cr_assert_not_null(w);
        cr_expect(strncmp(w, "Good, 24 weeks then. Now, ", 26) == 0, "%s", w);
        const pb_argument *g = pb_rehearsal_move(d.r);
        cr_expect_str_neq(g->id, "time-cut");
        cr_expect_str_neq(g->id, "repeat-probe");
        /* a move about time alone is never asked again after the date was conceded */
        for (int i = 0; i < 6 && (g = pb_rehearsal_move(d.r)) != NULL; i++) {
            cr_expect(strcmp(g->id, "time-cut") && strcmp(g->id, "repeat-probe") &&
                          strcmp(g->id, "overtime") && strcmp(g->id, "single-date"),
                      "seed %llu: '%s' asked after the date was conceded", (unsigned long long)seed,
                      g->id);
            free(say(&d, "no"));
        }
        stop(&d);
    }
}

Test(rehearsal, an_interest_is_told_only_after_the_question, .init = test_setup, .timeout = 120)
{
    drill d;
    start(&d, "product", 1);
    const pb_argument *g = pb_rehearsal_move(d.r);
    cr_assert_not_null(g->interest);
    const char *w = pb_rehearsal_next(d.r);
    cr_expect_null(strstr(w, g->interest), "told before the question: %s", w);
    free(say(&d, "hmm"));
    w = pb_rehearsal_next(d.r);
    cr_expect_null(strstr(w, g->interest), "told before the question: %s", w);
    free(say(&d, "what is behind the date?"));
    w = pb_rehearsal_next(d.r);
    cr_expect_not_null(strstr(w, g->interest), "not told after the question: %s", w);
    stop(&d);
}

Test(rehearsal, the_manager_presses_on_hesitation_and_backs_off_on_numbers, .init = test_setup,
     .timeout = 120)
{
    drill d;
    start(&d, "product", 1);
    const pb_argument *first = pb_rehearsal_move(d.r);
    free(say(&d, "let me check"));
    cr_expect_eq(pb_rehearsal_move(d.r), first, "a hesitation does not settle the move");
    const char *w = pb_rehearsal_next(d.r);
    cr_expect_not_null(strstr(w, first->probe), "the probe on the second ask: %s", w);
    size_t n;
    const pb_turn *t = pb_rehearsal_turns(d.r, &n);
    cr_expect_eq(t[0].times_asked, 1);
    free(say(&d, "no"));
    t = pb_rehearsal_turns(d.r, &n);
    cr_expect_eq(t[1].times_asked, 2);
    free(say(&d, "no: 35 weeks is our P80"));
    cr_expect_neq(pb_rehearsal_move(d.r), first, "a hold with numbers settles the move");
    cr_expect_str_eq(pb_rehearsal_deal(d.r)->verdict, "holds");
    pb_rehearsal_end(d.r);
    cr_expect_null(pb_rehearsal_next(d.r), "quit ends the session");
    stop(&d);
}

Test(rehearsal, each_persona_opens_differently, .init = test_setup, .timeout = 120)
{
    static const char *const personas[] = {"product", "finance", "techlead"};
    char *open[3];
    for (int k = 0; k < 3; k++) {
        drill d;
        start(&d, personas[k], 1);
        open[k] = strdup(pb_rehearsal_next(d.r));
        stop(&d);
    }
    cr_expect_str_neq(open[0], open[1]);
    cr_expect_str_neq(open[0], open[2]);
    cr_expect_str_neq(open[1], open[2]);
    for (int k = 0; k < 3; k++)
        free(open[k]);
}

Test(rehearsal, a_command_is_not_an_answer_and_a_script_replays_the_same, .init = test_setup,
     .timeout = 120)
{
    drill d;
    start(&d, "finance", 7);
    pb_answer_context ctx;
    pb_answer a;
    pb_error e;
    pb_rehearsal_context(d.r, &ctx);
    cr_assert_eq(pb_answer_parse("why", &ctx, &a, &e), PB_OK);
    cr_assert_eq(a.stance, PB_STANCE_COMMAND);
    cr_expect_eq(pb_rehearsal_answer(d.r, "why", &a, &e), PB_ERR_USAGE);
    char *first[3] = {0};
    int n = 0;
    while (n < 3 && pb_rehearsal_next(d.r)) /* finance pockets money and people: two moves */
        first[n] = say(&d, CAVE[n]), n++;
    cr_expect_geq(n, 2);
    pb_debrief *db = debrief(&d);
    double p = db->deal->joint.value;
    int score = db->score;
    pb_debrief_free(db);
    stop(&d);
    start(&d, "finance", 7);
    for (int i = 0; i < n; i++) {
        char *w = say(&d, CAVE[i]);
        cr_expect_str_eq(w, first[i]);
        free(w);
        free(first[i]);
    }
    db = debrief(&d);
    cr_expect_eq(db->deal->joint.value, p);
    cr_expect_eq(db->score, score);
    pb_debrief_free(db);
    cr_expect_null(pb_rehearsal_next(d.r), "every move settled or pocketed");
    stop(&d);
}
