/*
 * test_offer_words.c - the worded offers' built-in words: every bundled
 * rulebook says the same words as the library's table (offer_words.c), a
 * rulebook from before 'offer_words' loads with them, says so, and briefs,
 * and each offer reads as one ("Our counter-offer: ...", never a kind's
 * label); a brief at an automatic count runs its audit at that count.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <libconfig.h>

#include <pushback/deal.h>
#include <pushback/pushback.h>

#include "helpers.h"
#include "offers.h"

static const char *const BUNDLED[] = {
    "scenarios/rulebooks/manager.cfg", "scenarios/rulebooks/product.cfg",
    "scenarios/rulebooks/finance.cfg", "scenarios/rulebooks/techlead.cfg"};

/* The table words every worded kind, and every bundled rulebook's words for a kind are the
   table's, letter for letter: the built-in manager (manager.cfg, embedded) words all of them. */
Test(offer_words, the_bundled_rulebooks_say_the_built_in_words, .init = test_setup)
{
    const char *const *kinds = pb__offer_words_names();
    size_t n_kinds = 0;
    for (; kinds[n_kinds]; n_kinds++)
        cr_assert(pb__offer_default_words(kinds[n_kinds]), "no built-in words for %s",
                  kinds[n_kinds]);
    cr_assert_eq(n_kinds, 9);
    cr_assert_null(pb__offer_default_words("meet-date")); /* a deal kind: no words */
    for (size_t f = 0; f < sizeof BUNDLED / sizeof *BUNDLED; f++) {
        config_t cfg;
        config_init(&cfg);
        cr_assert(config_read_file(&cfg, BUNDLED[f]), "%s:%d: %s", BUNDLED[f],
                  config_error_line(&cfg), config_error_text(&cfg));
        config_setting_t *w = config_lookup(&cfg, "offer_words");
        cr_assert(w, "%s has no offer_words", BUNDLED[f]);
        int n = config_setting_length(w);
        for (int k = 0; k < n; k++) {
            config_setting_t *st = config_setting_get_elem(w, (unsigned)k);
            const char *want = pb__offer_default_words(config_setting_name(st));
            cr_assert(want, "%s: unknown kind %s", BUNDLED[f], config_setting_name(st));
            cr_assert_str_eq(config_setting_get_string(st), want, "%s: %s differs", BUNDLED[f],
                             config_setting_name(st));
        }
        if (f == 0)
            cr_assert_eq((size_t)n, n_kinds, "manager.cfg words %d of %zu kinds", n, n_kinds);
        config_destroy(&cfg);
    }
}

/* manager.cfg as it was at rulebook v1 (357b0f4^, before 'offer_words'): it loads, takes the
   built-in words for each kind it offers (named once each, in order of first use), and the
   brief says every offer as one, never with the kind as a label. */
Test(offer_words, a_v1_rulebook_from_before_offer_words_loads_and_briefs, .init = test_setup)
{
    pb_scenario *s;
    pb_rulebook *rb;
    pb_error e;
    cr_assert_eq(pb_scenario_load("scenarios/fcw.cfg", &s, &e), PB_OK, "%s", e.msg);
    cr_assert_eq(pb_rulebook_load("tests/data/old-rulebooks/v1-before-words.cfg", s, &rb, &e),
                 PB_OK, "%s:%d: %s", e.file, e.line, e.msg);
    static const char *const want[] = {
        "drop-optional",    "phase",       "add-people",    "commit",
        "annotation-split", "best-option", "decision-gate", "time-box"};
    cr_assert_eq(pb_rulebook_n_default_words(rb), 8);
    for (size_t k = 0; k < 8; k++)
        cr_assert_str_eq(pb_rulebook_default_words(rb, k), want[k]);
    cr_assert_null(pb_rulebook_default_words(rb, 8));
    pb_brief_opts o;
    pb_brief_opts_init(&o);
    o.iterations = 2000;
    o.threads = 2;
    pb_brief *b;
    cr_assert_eq(pb_brief_run(s, rb, &o, &b, &e), PB_OK, "%s", e.msg);
    size_t offers = 0;
    for (size_t i = 0; i < b->n_arguments; i++)
        for (size_t k = 0; k < b->arguments[i].n_offers; k++, offers++) {
            const char *t = b->arguments[i].offers[k].text;
            cr_assert(!strncmp(t, "Our counter-offer", 17) || !strncmp(t, "No counter-offer ", 17),
                      "%s: %s", b->arguments[i].offers[k].kind, t);
        }
    cr_assert_geq(offers, 5);
    pb_brief_free(b);
    pb_rulebook_free(rb);
    /* the bundled rulebook words every kind itself: nothing is built in */
    cr_assert_eq(pb_rulebook_load("scenarios/rulebooks/manager.cfg", s, &rb, &e), PB_OK, "%s",
                 e.msg);
    cr_assert_eq(pb_rulebook_n_default_words(rb), 0);
    cr_assert_null(pb_rulebook_default_words(rb, 0));
    pb_rulebook_free(rb);
    pb_scenario_free(s);
}

/* A rule that lists a kind the rulebook does not word (was refused) takes the built-in words. */
Test(offer_words, a_kind_without_words_takes_the_built_in_ones, .init = test_setup)
{
    pb_scenario *s;
    pb_rulebook *rb;
    pb_error e;
    cr_assert_eq(pb_scenario_load("scenarios/fcw.cfg", &s, &e), PB_OK, "%s", e.msg);
    cr_assert_eq(pb_rulebook_load("tests/data/old-rulebooks/offer-no-words.cfg", s, &rb, &e), PB_OK,
                 "%s:%d: %s", e.file, e.line, e.msg);
    cr_assert_eq(pb_rulebook_n_default_words(rb), 1);
    cr_assert_str_eq(pb_rulebook_default_words(rb, 0), "commit");
    pb_rulebook_free(rb);
    pb_scenario_free(s);
}

/* With an automatic count (iterations 0) the audit runs at the count the rest of the brief
   runs at, so that the audit's numbers and the moves' come from one count. */
Test(offer_words, an_automatic_count_is_the_audits_too, .init = test_setup)
{
    const char *text =
        "version = 1;\n"
        "milestones = ( { id = \"a\"; duration = [2.0, 3.0, 5.0]; },\n"
        "               { id = \"b\"; after = [\"a\"]; duration = [1.0, 2.0, 4.0]; } );\n"
        "ask = { deadline = 6.0; confidence = 0.8; };\n";
    pb_scenario *s;
    pb_rulebook *rb;
    pb_error e;
    cr_assert_eq(pb_scenario_parse(text, "auto.cfg", &s, &e), PB_OK, "%s", e.msg);
    cr_assert_eq(pb_rulebook_load("scenarios/rulebooks/manager.cfg", s, &rb, &e), PB_OK, "%s",
                 e.msg);
    pb_brief_opts o;
    pb_brief_opts_init(&o);
    o.iterations = 0;
    o.threads = 2;
    pb_brief *b;
    cr_assert_eq(pb_brief_run(s, rb, &o, &b, &e), PB_OK, "%s", e.msg);
    cr_assert_neq(b->iterations, (size_t)PB_AUDIT_ITERATIONS);
    cr_assert_eq(b->base->iterations, b->iterations);
    cr_assert(b->audit && b->audit->has_ask);
    cr_assert_eq(b->audit->iterations, b->iterations, "audit %zu, brief %zu", b->audit->iterations,
                 b->iterations);
    pb_brief_free(b);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
}
