/*
 * proposal.c - the proposal lint behind 'check': every section a senior
 * engineer brings to a planning meeting that the scenario leaves out becomes
 * the question a manager would ask about it, ranked by how much it would
 * hurt, with what to add to the scenario.
 *
 * The weights (5 hurts most) follow the pushback catalogue: missing value or
 * an unasked date sinks a proposal; a dataset of unknown licence gets it
 * stopped late; a missing alternative invites "why not off the shelf?".
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pushback/rules.h"
#include "scenario_internal.h"

typedef struct gaps {
    pb_gap *v;
    size_t n, cap;
    bool failed;
} gaps;

static void add(gaps *g, const char *section, int weight, const char *question, const char *fix)
{
    if (g->failed)
        return;
    if (g->n == g->cap) {
        size_t cap = g->cap ? 2 * g->cap : 16;
        pb_gap *v = realloc(g->v, cap * sizeof *v);
        if (!v) {
            g->failed = true;
            return;
        }
        g->v = v;
        g->cap = cap;
    }
    pb_gap *x = &g->v[g->n];
    x->section = section;
    x->weight = weight;
    x->question = pb__strdup(question);
    x->fix = pb__strdup(fix);
    if (!x->question || !x->fix) {
        free(x->question);
        free(x->fix);
        g->failed = true;
        return;
    }
    g->n++;
}

static int by_weight(const void *a, const void *b)
{
    const pb_gap *x = a, *y = b;
    return y->weight - x->weight;
}

void pb_gaps_free(pb_gap *g, size_t n)
{
    for (size_t i = 0; g && i < n; i++) {
        free(g[i].question);
        free(g[i].fix);
    }
    free(g);
}

/* Whether the plan labels data, as it declares: a milestone that counts items, a learning
   curve, or an alternative of a data kind (crowd, in-house, less data, synthetic). A
   forecast with none of these is never asked "who labels it?" (reading B14). */
static bool labels(const pb_scenario *s)
{
    if (s->curve.present)
        return true;
    for (size_t i = 0; i < s->n_milestones; i++)
        if (s->milestones[i].items > 0 || s->milestones[i].has_per_item)
            return true;
    for (size_t i = 0; i < s->n_options; i++) {
        pb_kind k = s->options[i].kind;
        if (k == PB_KIND_CROWD || k == PB_KIND_IN_HOUSE || k == PB_KIND_LESS_DATA ||
            k == PB_KIND_SYNTHETIC)
            return true;
    }
    return false;
}

/* Whether the plan trains a model, as it declares: a learning curve, a milestone that loops
   until its metric is met ('rounds'), data it labels, or training on local machines as an
   alternative. A migration with none is never asked "why not an off-the-shelf model?". */
static bool trains(const pb_scenario *s)
{
    if (labels(s))
        return true;
    for (size_t i = 0; i < s->n_milestones; i++)
        if (s->milestones[i].rounds.max > 0)
            return true;
    for (size_t i = 0; i < s->n_options; i++)
        if (s->options[i].kind == PB_KIND_LOCAL_COMPUTE)
            return true;
    return false;
}

static bool has_deliverable(const pb_scenario *s)
{
    for (size_t i = 0; i < s->n_milestones; i++)
        if (s->milestones[i].deliverable)
            return true;
    return false;
}

/*
 * The lint, one row per gap in the order a report lists equal weights: its id,
 * section, weight, the condition on the scenario 's' and its proposal 'p' under
 * which it is a gap, the manager's question and what to add. To add one, add
 * its row (and a test in tests/test_proposal.c or tests/cli/run.sh).
 */
#define PB_GAPS(X)                                                                                 \
    X(no_date, "ask", 5, isnan(s->ask_deadline),                                                   \
      "By when? A proposal without a date is not a plan.", "ask = { deadline = ...; }")            \
    X(no_value, "value", 5, !p->n_value,                                                           \
      "What is it worth to us? Why should we fund it rather than something else?",                 \
      "proposal.value = ( { claim = \"...\"; amount = ...; unit = \"USD/year\"; source = "         \
      "\"...\"; } )")                                                                              \
    X(value_unsourced, "value", 5,                                                                 \
      p->n_value && (p->n_value_amount < p->n_value || p->n_value_source < p->n_value),            \
      "Where does that number come from? Who says it is worth that much?",                         \
      "an 'amount' and a 'source' in every proposal.value entry")                                  \
    X(data_unlicensed, "datasets", 5,                                                              \
      p->n_datasets &&                                                                             \
          (p->n_datasets_license < p->n_datasets || p->n_datasets_commercial < p->n_datasets),     \
      "Can we use that data commercially? Under which licence?",                                   \
      "'license' and 'commercial' in every proposal.datasets entry")                               \
    X(no_budget, "ask", 4, isnan(s->ask_budget),                                                   \
      "What will it cost, all in? People, vendors, compute.", "ask = { budget = ...; }")           \
    X(no_risks, "risks", 4, !s->n_risks,                                                           \
      "What could go wrong, and what happens to the date if it does?",                             \
      "risks = ( { id = ...; probability = ...; milestone = ...; delay = ...; } )")                \
    X(no_datasets, "datasets", 4, !p->n_datasets && trains(s),                                     \
      "Could we start from a public dataset? Can we use it commercially?",                         \
      "proposal.datasets = ( { name = ...; license = ...; commercial = true; } )")                 \
    X(no_volume, "data", 4, (!p->has_data || isnan(p->data_volume)) && labels(s),                  \
      "How much data do you need, and why that much rather than a tenth?",                         \
      "proposal.data = { volume = ...; unit = \"...\"; }")                                         \
    X(no_annotation, "data", 4, !p->annotation && labels(s),                                       \
      "Who labels it: the team, a crowd or a vendor? Why not do it ourselves?",                    \
      "proposal.data.annotation = \"vendor\" (or \"team\", \"crowd\", \"mixed\")")                 \
    X(one_approach, "approaches", 4, p->n_approaches < 2 && trains(s),                             \
      "Why this approach? Why not an off-the-shelf model or an API?",                              \
      "proposal.approaches = ( { name; pros; cons; }, ... ) with at least two")                    \
    X(approach_unweighed, "approaches", 3,                                                         \
      p->n_approaches >= 2 && p->n_approaches_weighed < p->n_approaches,                           \
      "What speaks against the approach you chose?",                                               \
      "'pros' and 'cons' in every proposal.approaches entry")                                      \
    X(no_demo, "demo", 4, !p->demo || !has_deliverable(s),                                         \
      "What will I see, and when? What do we have if we stop halfway?",                            \
      "proposal.demo and a milestone with deliverable = true")                                     \
    X(reuse_unlicensed, "literature", 4, p->n_reuse > p->n_reuse_license,                          \
      "Can we actually use that code? What is its licence?",                                       \
      "a 'license' in every proposal.literature.reuse entry")                                      \
    X(no_idea, "idea", 3, !p->idea, "What problem does this solve, in one sentence?",              \
      "proposal.idea = \"...\"")                                                                   \
    X(no_literature, "literature", 3, !p->has_literature || !p->novelty,                           \
      "Has someone done this already? What can we reuse?",                                         \
      "proposal.literature = { novelty = \"...\"; reuse = ( ... ); }")                             \
    X(no_scenarios, "scenarios", 3, !p->n_scenarios,                                               \
      "In which situations will it be used, and by whom?",                                         \
      "proposal.scenarios = [\"...\", \"...\"]")                                                   \
    X(no_system, "system", 3, !p->n_owned && !p->n_integrated,                                     \
      "What do we build ourselves and what do we integrate?",                                      \
      "proposal.system = { owned = [...]; integrated = [...]; }")                                  \
    X(no_machines, "resources", 3, !p->machines && trains(s),                                      \
      "Local machines or the cloud? What does compute cost?",                                      \
      "proposal.resources = { machines = \"cloud\"; storage = \"...\"; }")                         \
    X(no_history, "history", 3, !s->n_history,                                                     \
      "Has anyone here done something similar? How long did it take?",                             \
      "history = ( { name = ...; duration = ...; people = ...; size = ...; } )")                   \
    X(no_collection, "data", 2, !p->collection && p->has_data,                                     \
      "Where does the data come from, and who collects it?", "proposal.data.collection = \"...\"") \
    X(no_synthetic, "data", 2, !p->synthetic && p->has_data,                                       \
      "Could synthetic data replace part of the collection?",                                      \
      "proposal.data.synthetic = \"...\" (what it can and cannot replace)")                        \
    X(no_options, "options", 2, !s->n_options,                                                     \
      "What are the alternatives: fewer people, less scope, a vendor?",                            \
      "options = ( { name = ...; ... } )")

typedef struct gap_rule {
    const char *section;
    int weight;
    bool (*applies)(const pb_scenario *s, const pb_proposal *p);
    const char *question, *fix;
} gap_rule;

#define GAP_TEST(id, section, weight, cond, question, fix)     \
    static bool id(const pb_scenario *s, const pb_proposal *p) \
    {                                                          \
        (void)s;                                               \
        (void)p;                                               \
        return cond;                                           \
    }
#define GAP_ROW(id, section, weight, cond, question, fix) {section, weight, id, question, fix},
PB_GAPS(GAP_TEST)
static const gap_rule GAPS[] = {PB_GAPS(GAP_ROW)};
#undef GAP_TEST
#undef GAP_ROW

pb_status pb_proposal_gaps(const pb_scenario *s, pb_gap **out, size_t *n, pb_error *err)
{
    gaps g = {0};
    *out = NULL;
    *n = 0;
    for (size_t i = 0; i < sizeof GAPS / sizeof *GAPS; i++)
        if (GAPS[i].applies(s, &s->proposal))
            add(&g, GAPS[i].section, GAPS[i].weight, GAPS[i].question, GAPS[i].fix);
    if (g.failed) {
        pb_gaps_free(g.v, g.n);
        return pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
    }
    /* stable: equal weights keep the order above */
    for (size_t i = 1; i < g.n; i++)
        for (size_t j = i; j > 0 && by_weight(&g.v[j - 1], &g.v[j]) > 0; j--) {
            pb_gap t = g.v[j];
            g.v[j] = g.v[j - 1];
            g.v[j - 1] = t;
        }
    *out = g.v;
    *n = g.n;
    return PB_OK;
}
