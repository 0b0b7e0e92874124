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

pb_status pb_proposal_gaps(const pb_scenario *s, pb_gap **out, size_t *n, pb_error *err)
{
    const pb_proposal *p = &s->proposal;
    gaps g = {0};
    *out = NULL;
    *n = 0;
    if (isnan(s->ask_deadline))
        add(&g, "ask", 5, "By when? A proposal without a date is not a plan.",
            "ask = { deadline = ...; }");
    if (!p->n_value)
        add(&g, "value", 5,
            "What is it worth to us? Why should we fund it rather than something "
            "else?",
            "proposal.value = ( { claim = \"...\"; amount = ...; unit = \"USD/year\"; source = "
            "\"...\"; } )");
    else if (p->n_value_amount < p->n_value || p->n_value_source < p->n_value)
        add(&g, "value", 5, "Where does that number come from? Who says it is worth that much?",
            "an 'amount' and a 'source' in every proposal.value entry");
    if (p->n_datasets &&
        (p->n_datasets_license < p->n_datasets || p->n_datasets_commercial < p->n_datasets))
        add(&g, "datasets", 5, "Can we use that data commercially? Under which licence?",
            "'license' and 'commercial' in every proposal.datasets entry");
    if (isnan(s->ask_budget))
        add(&g, "ask", 4, "What will it cost, all in? People, vendors, compute.",
            "ask = { budget = ...; }");
    if (!s->n_risks)
        add(&g, "risks", 4, "What could go wrong, and what happens to the date if it does?",
            "risks = ( { id = ...; probability = ...; milestone = ...; delay = ...; } )");
    if (!p->n_datasets)
        add(&g, "datasets", 4, "Could we start from a public dataset? Can we use it commercially?",
            "proposal.datasets = ( { name = ...; license = ...; commercial = true; } )");
    if (!p->has_data || isnan(p->data_volume))
        add(&g, "data", 4, "How much data do you need, and why that much rather than a tenth?",
            "proposal.data = { volume = ...; unit = \"...\"; }");
    if (!p->annotation)
        add(&g, "data", 4,
            "Who labels it: the team, a crowd or a vendor? Why not do it "
            "ourselves?",
            "proposal.data.annotation = \"vendor\" (or \"team\", \"crowd\", \"mixed\")");
    if (p->n_approaches < 2)
        add(&g, "approaches", 4, "Why this approach? Why not an off-the-shelf model or an API?",
            "proposal.approaches = ( { name; pros; cons; }, ... ) with at least two");
    else if (p->n_approaches_weighed < p->n_approaches)
        add(&g, "approaches", 3, "What speaks against the approach you chose?",
            "'pros' and 'cons' in every proposal.approaches entry");
    bool deliverable = false;
    for (size_t i = 0; i < s->n_milestones; i++)
        deliverable = deliverable || s->milestones[i].deliverable;
    if (!p->demo || !deliverable)
        add(&g, "demo", 4, "What will I see, and when? What do we have if we stop halfway?",
            "proposal.demo and a milestone with deliverable = true");
    if (p->n_reuse > p->n_reuse_license)
        add(&g, "literature", 4, "Can we actually use that code? What is its licence?",
            "a 'license' in every proposal.literature.reuse entry");
    if (!p->idea)
        add(&g, "idea", 3, "What problem does this solve, in one sentence?",
            "proposal.idea = \"...\"");
    if (!p->has_literature || !p->novelty)
        add(&g, "literature", 3, "Has someone done this already? What can we reuse?",
            "proposal.literature = { novelty = \"...\"; reuse = ( ... ); }");
    if (!p->n_scenarios)
        add(&g, "scenarios", 3, "In which situations will it be used, and by whom?",
            "proposal.scenarios = [\"...\", \"...\"]");
    if (!p->n_owned && !p->n_integrated)
        add(&g, "system", 3, "What do we build ourselves and what do we integrate?",
            "proposal.system = { owned = [...]; integrated = [...]; }");
    if (!p->machines)
        add(&g, "resources", 3, "Local machines or the cloud? What does compute cost?",
            "proposal.resources = { machines = \"cloud\"; storage = \"...\"; }");
    if (!s->n_history)
        add(&g, "history", 3, "Has anyone here done something similar? How long did it take?",
            "history = ( { name = ...; duration = ...; people = ...; size = ...; } )");
    if (!p->collection && p->has_data)
        add(&g, "data", 2, "Where does the data come from, and who collects it?",
            "proposal.data.collection = \"...\"");
    if (!p->synthetic && p->has_data)
        add(&g, "data", 2, "Could synthetic data replace part of the collection?",
            "proposal.data.synthetic = \"...\" (what it can and cannot replace)");
    if (!s->n_options)
        add(&g, "options", 2, "What are the alternatives: fewer people, less scope, a vendor?",
            "options = ( { name = ...; ... } )");
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
