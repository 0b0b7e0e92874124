/*
 * offer_words.c - the built-in words of the worded offers (offers.h): one
 * template per kind, used for every kind a rulebook's 'offer_words' does not
 * word (a rulebook from before 'offer_words' keeps loading). The bundled
 * rulebooks (every .cfg in scenarios/rulebooks, the built-in manager too)
 * say the same words; tests/test_offer_words.c checks that they agree.
 */
#include <string.h>

#include "offers.h"

/* decision-gate and time-box say the same: a rounds gate, else a time-box (gate.*) */
#define GATE_WORDS                                                                      \
    "{if gate.rounds > 0}Our counter-offer: a go/no-go gate at '{gate.name}' (done "    \
    "by {gate.at|time} in 80% of simulated projects): the metric is met within its "    \
    "{gate.rounds|int} rounds, go, in {gate.p_go|pct}{if offer.wide} (95% CI "          \
    "{gate.p_go_lo|pct}-{gate.p_go_hi|pct}){end}"                                       \
    "{if gate.curve > 0}; the learning curve's target, a second test at the "           \
    "planned data volume, is met in {gate.p_target|pct}{end}, and then "                \
    "{if gate.has_date}{gate.date_go|time}{else}(several loops: no single date)"        \
    "{end} is the P80 finish; otherwise, no-go, we stop there and ship what is done "   \
    "without the metric."                                                               \
    "{else}Our counter-offer: time-box '{gate.name}' to {gate.box|num} "                \
    "{if gate.effort}person-{end}{sim.unit}, its own {ask.confidence|pct} estimate, "   \
    "with a go/no-go gate at the end: the work fits the box, go, in "                   \
    "{gate.p_go|pct} of its estimate's range; with the box taken in full the P80 "      \
    "finish is {gate.date_go|time}{if gate.date_go - gate.commit >= 0.05}, "            \
    "{gate.date_go - gate.commit|time} past the {gate.commit|time} we commit to{end}; " \
    "otherwise, no-go, we stop at the gate (by "                                        \
    "{gate.at|time} at the P80) and re-scope, not slip.{end}"

static const struct {
    const char *kind, *words;
} WORDS[] = {
    {"caveats",
     "{if offer.n_agreed > 0 and offer.says_levers == 0} This keeps the agreed "
     "{offer.agreed}.{end}{if offer.metric_lost > 0} It gives up quality: the target metric "
     "is met in {offer.p_target|pct} of simulated projects, against "
     "{offer.plan_p_target|pct} for the plan as asked.{end}{if offer.value_lost > 0 and "
     "offer.says_levers == 0} It leaves out optional scope: value {offer.value_lost} of "
     "the plan's {offer.plan_value}.{end}"},
    {"drop-optional",
     "{if seek.cut_needed == 0}No counter-offer on scope: none is needed, "
     "{seek.cut_p|pct} of simulated projects finish by {manager.deadline|time} as "
     "planned."
     "{elif seek.cut_feasible}Our counter-offer: drop {seek.cut_items} (value "
     "{seek.cut_value} of the optional scope): {seek.cut_p|pct} of simulated "
     "projects then finish by {manager.deadline|time}"
     "{if seek.cut_exact == 0} (greedy search){end}."
     "{elif sim.n_optional > 0}No counter-offer on scope: no cut of optional scope "
     "is enough; without all of it {seek.cut_p|pct} finish by "
     "{manager.deadline|time}."
     "{else}No counter-offer on scope: the plan has no optional scope to cut (mark a "
     "milestone optional = true); as planned {seek.cut_p|pct} finish by "
     "{manager.deadline|time}.{end}"},
    {"add-people",
     "{if seek.people_feasible}Our counter-offer: {seek.people|int} people "
     "({seek.people_team}) instead of {seek.people_planned|int}, from the start: "
     "{seek.people_best_p|pct} finish by {manager.deadline|time}."
     "{elif offer.team_found}No counter-offer in people: no team size gets there; the "
     "best is {seek.people_best_p|pct} by {manager.deadline|time} with "
     "{seek.people_team}, as people caps and the critical path limit what more people "
     "can do."
     "{else}No counter-offer in people: no team size gets {ask.confidence|pct} of "
     "simulated projects to {manager.deadline|time}.{end}"},
    {"phase", "{if seek.stages_done > 0}Our counter-offer in stages: {seek.stages_done_items} by "
              "{manager.deadline|time} with at least {ask.confidence|pct} confidence, and the full "
              "scope at {offer.commit|time}."
              "{elif seek.stages > 0}No counter-offer in stages: staging does not reach "
              "{manager.deadline|time} either. The first deliverable, {offer.first}, is done by "
              "{manager.deadline|time} with {offer.first_p|pct} confidence (P80 "
              "{offer.first_p80|time}); the full scope at {offer.commit|time}."
              "{else}No counter-offer in stages: the plan has no deliverable milestone to stage on "
              "(mark one deliverable = true); the full scope at {offer.commit|time}.{end}"},
    {"commit", "Our counter-offer: commit to {offer.commit|time}{if offer.commit_budget > 0} and "
               "{offer.commit_budget|money}{end} ({offer.commit_p|pct} of simulated projects "
               "{if offer.commit_budget > 0}do both{else}finish by then{end}; our P80 is "
               "{offer.p80|time}), aim for {offer.target|time} (P50), and re-estimate at each "
               "milestone; below {offer.walk_away|time} no offer on the table reaches "
               "{ask.confidence|pct}."},
    {"best-option",
     "{if offer.money}Our counter-offer: of the options, '{offer.option}' costs least: "
     "{offer.option_cost|money} at {ask.confidence|pct}, "
     "{abs(offer.option_d_cost)|money} less than the plan; its P80 is "
     "{offer.option_p80|time}, and {offer.option_p|pct} finish by the asked deadline."
     "{else}Our counter-offer: of the options, '{offer.option}' does best: P80 "
     "{offer.option_p80|time} ({if offer.option_d_p80 >= 0.05}+{end}"
     "{offer.option_d_p80|num} against the plan), {offer.option_p|pct} finish by the "
     "asked deadline.{end}"},
    {"decision-gate", GATE_WORDS},
    {"time-box", GATE_WORDS},
    {"annotation-split", "Our counter-offer: split the labelling. The vendor labels the bulk as "
                         "planned (P80 {offer.commit|time}, against {offer.split_p80|time} "
                         "in-house); the team labels a gold set, about a tenth of the "
                         "{offer.split_labour|num} person-{sim.unit} that labelling everything "
                         "in-house would take, for the guidelines and the vendor's audit, off the "
                         "critical path."},
};

const char *pb__offer_default_words(const char *kind)
{
    for (size_t k = 0; kind && k < sizeof WORDS / sizeof *WORDS; k++)
        if (!strcmp(WORDS[k].kind, kind))
            return WORDS[k].words;
    return NULL;
}
