/*
 * init_write.c - the scenario 'pushback init' writes: the answers as a
 * libconfig file (format version 1), each section with a comment on what it
 * is for and how to refine it.
 *
 * Every text goes through pb_init_write_string, so quotes, backslashes and
 * control characters cannot break the file; numbers are written as reals
 * (with a '.' or an exponent) and estimates as [earliest, likely, latest],
 * or a single number when the three agree. Sections with no answers are
 * left out rather than written empty. Nothing the user typed goes into a
 * comment.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/init.h>

#include "init_internal.h"

void pb_init_write_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", out);
        else if (*p == '\t')
            fputs("\\t", out);
        else if (*p == '\r')
            fputs("\\r", out);
        else if (*p < 0x20 || *p == 0x7f)
            fprintf(out, "\\x%02x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

/* ==== Values ==== */

static const char *get(const pb_init *in, const char *key, size_t k)
{
    const char *v = pb__init_get(in, key, k);
    return v ? v : "";
}

/* A real number as libconfig reads a float. */
static void real(FILE *out, const char *text)
{
    double v = 0;
    char buf[64];
    pb__init_number(text, &v);
    snprintf(buf, sizeof buf, "%.15g", v == 0 ? 0.0 : v);
    fprintf(out, "%s%s", buf, strpbrk(buf, ".e") ? "" : ".0");
}

static void text(FILE *out, const char *name, const char *v)
{
    fprintf(out, "%s = ", name);
    pb_init_write_string(out, v);
    fputs(";", out);
}

/* Texts separated by ';' as an array of strings; "none" is an empty array. */
static void texts(FILE *out, const char *name, const char *v)
{
    bool first = true;
    fprintf(out, "%s = [", name);
    while (strcmp(v, "none") && strcmp(v, "-") && *v) {
        size_t len = strcspn(v, ";");
        size_t a = 0, b = len;
        while (a < b && (v[a] == ' ' || v[a] == '\t'))
            a++;
        while (b > a && (v[b - 1] == ' ' || v[b - 1] == '\t'))
            b--;
        if (b > a) {
            char *item = strndup(v + a, b - a);
            fputs(first ? "" : ", ", out);
            pb_init_write_string(out, item ? item : "");
            free(item);
            first = false;
        }
        v += len + (v[len] == ';');
    }
    fputs("];", out);
}

/* The estimate of entry k of 'list' ("milestones", "risks"): [low, likely, high]. */
static void estimate(FILE *out, const pb_init *in, const char *list, size_t k)
{
    char key[64];
    double v[3];
    const char *part[3] = {"low", "likely", "high"};
    for (int i = 0; i < 3; i++) {
        snprintf(key, sizeof key, "%s.%s", list, part[i]);
        pb__init_number(get(in, key, k), &v[i]);
    }
    if (v[0] == v[2]) {
        snprintf(key, sizeof key, "%s.high", list);
        real(out, get(in, key, k));
        return;
    }
    fputs("[", out);
    for (int i = 0; i < 3; i++) {
        snprintf(key, sizeof key, "%s.%s", list, part[i]);
        fputs(i ? ", " : "", out);
        real(out, get(in, key, k));
    }
    fputs("]", out);
}

static const char *boolean(const char *yes)
{
    return strcmp(yes, "yes") ? "false" : "true";
}

/* ==== Sections ==== */

static void write_header(FILE *out, const pb_init *in)
{
    const char *start = get(in, "start", 0);
    fputs("# A first scenario, written by 'pushback init' from the answers to its\n"
          "# questionnaire (docs/init.md). Each section says what it is for and how to\n"
          "# refine it; README.md, \"Scenario files\", has the whole format.\n"
          "#\n"
          "# Next: 'pushback check FILE' validates it and lists what a manager will\n"
          "# still ask; 'pushback brief FILE' writes the negotiation brief.\n"
          "#\n"
          "# [earliest, most likely, latest plausible] is a three-point estimate,\n"
          "# sampled as PERT; a single number is fixed.\n\n"
          "version = 1;\n",
          out);
    text(out, "name", get(in, "name", 0));
    fputs("\n# Every estimate, deadline and rate is in this unit of time.\n", out);
    text(out, "unit", get(in, "unit", 0));
    fputs("\n", out);
    text(out, "currency", get(in, "currency", 0));
    if (strcmp(start, "none")) {
        fputs("\n# Percentiles are also shown as dates from here.\n", out);
        text(out, "start", start);
    }
    fputs("\n\n", out);
}

static void write_value(FILE *out, const pb_init *in)
{
    fputs("# The proposal: what a manager asks before any date. 'pushback check' turns\n"
          "# each missing piece into the question you will be asked. Refine: one 'value'\n"
          "# entry per benefit, each with a source a sceptic can check.\n"
          "proposal = {\n  ",
          out);
    text(out, "idea", get(in, "proposal.idea", 0));
    fputs("\n  value = (\n    { ", out);
    text(out, "claim", get(in, "proposal.value.claim", 0));
    fputs("\n      amount = ", out);
    real(out, get(in, "proposal.value.amount", 0));
    fputs("; ", out);
    text(out, "unit", get(in, "proposal.value.unit", 0));
    fputs("\n      ", out);
    text(out, "source", get(in, "proposal.value.source", 0));
    fputs(" }\n  );\n  # Who uses it, in which situations; what the demo shows (and when: mark\n"
          "  # that milestone 'deliverable = true').\n  ",
          out);
    texts(out, "scenarios", get(in, "proposal.scenarios", 0));
    fputs("\n  ", out);
    text(out, "demo", get(in, "proposal.demo", 0));
    fputs("\n", out);
}

static void write_literature(FILE *out, const pb_init *in)
{
    size_t n = pb__init_count(in, "proposal.literature.reuse.name");
    fputs("  # What exists already, and what we reuse: every reused piece needs a licence.\n"
          "  literature = {\n    ",
          out);
    text(out, "novelty", get(in, "proposal.literature.novelty", 0));
    if (n)
        fputs("\n    reuse = (", out);
    for (size_t k = 0; k < n; k++) {
        const char *url = get(in, "proposal.literature.reuse.url", k);
        fputs(k ? ",\n      { " : "\n      { ", out);
        text(out, "name", get(in, "proposal.literature.reuse.name", k));
        fputs(" ", out);
        text(out, "license", get(in, "proposal.literature.reuse.license", k));
        if (strcmp(url, "none") && strcmp(url, "-")) {
            fputs(" ", out);
            text(out, "url", url);
        }
        fputs(" }", out);
    }
    fputs(n ? "\n    );\n  };\n" : "\n  };\n", out);
    n = pb__init_count(in, "proposal.datasets.name");
    if (!n)
        return;
    fputs("  # Public datasets: a licence each, and whether commercial use is allowed.\n"
          "  datasets = (",
          out);
    for (size_t k = 0; k < n; k++) {
        fputs(k ? ",\n    { " : "\n    { ", out);
        text(out, "name", get(in, "proposal.datasets.name", k));
        fputs(" ", out);
        text(out, "license", get(in, "proposal.datasets.license", k));
        fprintf(out, " commercial = %s; }", boolean(get(in, "proposal.datasets.commercial", k)));
    }
    fputs("\n  );\n", out);
}

static void write_data(FILE *out, const pb_init *in)
{
    fputs("  # The data: how much (and why not a tenth), who collects it, who labels it\n"
          "  # (team, crowd, vendor or mixed), what synthetic data can replace.\n"
          "  data = {\n    volume = ",
          out);
    real(out, get(in, "proposal.data.volume", 0));
    fputs(";\n    ", out);
    text(out, "unit", get(in, "proposal.data.unit", 0));
    fputs("\n    ", out);
    text(out, "collection", get(in, "proposal.data.collection", 0));
    fputs("\n    ", out);
    text(out, "annotation", get(in, "proposal.data.annotation", 0));
    fputs("\n    ", out);
    text(out, "synthetic", get(in, "proposal.data.synthetic", 0));
    fputs("\n  };\n", out);
}

static void write_system(FILE *out, const pb_init *in)
{
    size_t n = pb__init_count(in, "proposal.approaches.name");
    if (n)
        fputs("  # The approaches weighed, with what speaks for and against each: keep the\n"
              "  # off-the-shelf one a manager will suggest, and say why not.\n"
              "  approaches = (",
              out);
    for (size_t k = 0; k < n; k++) {
        fputs(k ? ",\n    { " : "\n    { ", out);
        text(out, "name", get(in, "proposal.approaches.name", k));
        fputs("\n      ", out);
        text(out, "pros", get(in, "proposal.approaches.pros", k));
        fputs("\n      ", out);
        text(out, "cons", get(in, "proposal.approaches.cons", k));
        fprintf(out, "\n      chosen = %s; }", boolean(get(in, "proposal.approaches.chosen", k)));
    }
    fputs(n ? "\n  );\n" : "", out);
    fputs("  # What we build and own, and what we integrate.\n  system = {\n    ", out);
    texts(out, "owned", get(in, "proposal.system.owned", 0));
    fputs("\n    ", out);
    texts(out, "integrated", get(in, "proposal.system.integrated", 0));
    fputs("\n  };\n  # Machines (local, cloud or mixed) and storage.\n  resources = {\n    ", out);
    text(out, "machines", get(in, "proposal.resources.machines", 0));
    fputs("\n    ", out);
    text(out, "storage", get(in, "proposal.resources.storage", 0));
    fputs("\n  };\n};\n\n", out);
}

static void write_team(FILE *out, const pb_init *in)
{
    size_t n = pb__init_count(in, "team.role");
    const char *unit = get(in, "unit", 0);
    fprintf(out,
            "# The team: people available per role, and the loaded cost of one person\n"
            "# per unit of time, %s (salary, overhead, equipment). Refine: check the\n"
            "# rates with finance; 'overhead = 0.1;' (capacity lost per extra person on\n"
            "# one milestone) makes adding people realistic.\n",
            unit);
    if (!n) {
        fputs("# No roles were given: every milestone is a calendar duration.\n\n", out);
        return;
    }
    fputs("team = (", out);
    for (size_t k = 0; k < n; k++) {
        fputs(k ? ",\n  { " : "\n  { ", out);
        text(out, "role", get(in, "team.role", k));
        fprintf(out, " people = %s; rate = ", get(in, "team.people", k));
        real(out, get(in, "team.rate", k));
        fputs("; }", out);
    }
    fputs("\n);\n\n", out);
}

/* The 'after' answer as an array of ids. */
static void after(FILE *out, const char *v)
{
    bool first = true;
    if (!strcmp(v, "none") || !strcmp(v, "-"))
        return;
    fputs(" after = [", out);
    while (*v) {
        size_t len = strcspn(v, ", \t");
        if (len) {
            char *id = strndup(v, len);
            fputs(first ? "" : ", ", out);
            pb_init_write_string(out, id ? id : "");
            free(id);
            first = false;
        }
        v += len + (v[len] != '\0');
    }
    fputs("];", out);
}

static void write_milestones(FILE *out, const pb_init *in)
{
    size_t n = pb__init_count(in, "milestones.id");
    fputs("# Milestones, in order: 'effort' is person-units of 'role' (more people\n"
          "# finish sooner), 'duration' is calendar time that needs nobody. Refine: split\n"
          "# any milestone you cannot estimate; 'people = [1, 2];' caps who can work on\n"
          "# one; 'optional = true; value = ...;' marks scope a manager may cut; 'cost'\n"
          "# adds money that is not labour.\n"
          "milestones = (",
          out);
    for (size_t k = 0; k < n; k++) {
        const char *role = get(in, "milestones.role", k);
        fputs(k ? ",\n  { " : "\n  { ", out);
        text(out, "id", get(in, "milestones.id", k));
        fputs(" ", out);
        text(out, "name", get(in, "milestones.name", k));
        fputs("\n   ", out);
        after(out, get(in, "milestones.after", k));
        if (strcmp(role, "none")) {
            fputs(" ", out);
            text(out, "role", role);
            fputs(" effort = ", out);
        } else
            fputs(" duration = ", out);
        estimate(out, in, "milestones", k);
        fputs(";", out);
        if (!strcmp(get(in, "milestones.deliverable", k), "yes"))
            fputs(" deliverable = true;", out);
        fputs(" }", out);
    }
    fputs("\n);\n\n", out);
}

static void write_risks(FILE *out, const pb_init *in)
{
    size_t n = pb__init_count(in, "risks.id");
    fputs("# Risks: when one fires (with its probability), 'delay' is added to its\n"
          "# milestone. Refine: 'cost = [...];' for the money it costs; a mitigation\n"
          "# is an option that changes the plan.\n",
          out);
    if (!n) {
        fputs("# No risks were given; 'check' will ask what could go wrong.\n\n", out);
        return;
    }
    fputs("risks = (", out);
    for (size_t k = 0; k < n; k++) {
        fputs(k ? ",\n  { " : "\n  { ", out);
        text(out, "id", get(in, "risks.id", k));
        fputs(" ", out);
        text(out, "name", get(in, "risks.name", k));
        fputs("\n    probability = ", out);
        real(out, get(in, "risks.probability", k));
        fputs("; ", out);
        text(out, "milestone", get(in, "risks.milestone", k));
        fputs(" delay = ", out);
        estimate(out, in, "risks", k);
        fputs("; }", out);
    }
    fputs("\n);\n\n", out);
}

static void write_ask(FILE *out, const pb_init *in)
{
    size_t n = pb__init_count(in, "history.name");
    fputs("# What you ask for, and the confidence you commit at.\nask = { deadline = ", out);
    real(out, get(in, "ask.deadline", 0));
    fputs("; budget = ", out);
    real(out, get(in, "ask.budget", 0));
    fputs("; confidence = ", out);
    real(out, get(in, "ask.confidence", 0));
    fputs("; };\n\n# What the manager will likely ask for instead; 'pushback brief' prepares\n"
          "# the answers.\nmanager = { deadline = ",
          out);
    real(out, get(in, "manager.deadline", 0));
    fprintf(out, "; people = %s; budget = ", get(in, "manager.people", 0));
    real(out, get(in, "manager.budget", 0));
    fputs("; };\n\n", out);
    if (n)
        fputs("# Similar past projects, the precedent a manager quotes ('size' relative to\n"
              "# this one, 1 = the same).\nhistory = (",
              out);
    for (size_t k = 0; k < n; k++) {
        fputs(k ? ",\n  { " : "\n  { ", out);
        text(out, "name", get(in, "history.name", k));
        fputs(" duration = ", out);
        real(out, get(in, "history.duration", k));
        fprintf(out, "; people = %s; size = ", get(in, "history.people", k));
        real(out, get(in, "history.size", k));
        fputs("; }", out);
    }
    fputs(n ? "\n);\n\n" : "", out);
    fputs("# The alternatives a manager will ask about (fewer people, less scope, a\n"
          "# vendor) go in 'choices', each with the words a manager says for it\n"
          "# ('name'); 'pushback compare' simulates them on the same draws. For example:\n"
          "#   choices = ( { id = \"staffing\"; name = \"How many people\"; alternatives = (\n"
          "#     { id = \"as-planned\"; name = \"the team as planned\"; kind = \"staffing\"; },\n",
          out);
    if (pb__init_count(in, "team.role"))
        fprintf(out,
                "#     { id = \"lean\"; name = \"a smaller team\"; kind = \"staffing\"; "
                "team = { %s = 1; }; } ); } );\n",
                get(in, "team.role", 0));
    else
        fputs("#     { id = \"lean\"; name = \"a smaller scope\"; kind = \"scope\"; "
              "drop = [\"MILESTONE\"]; } ); } );\n",
              out);
}

pb_status pb_init_write(const pb_init *in, FILE *out, pb_error *err)
{
    if (pb_init_next(in))
        return pb_error_set(err, PB_ERR_USAGE, NULL, 0,
                            "the questionnaire is not complete: '%s' is not answered",
                            pb_init_next(in)->key);
    write_header(out, in);
    write_value(out, in);
    write_literature(out, in);
    write_data(out, in);
    write_system(out, in);
    write_team(out, in);
    write_milestones(out, in);
    write_risks(out, in);
    write_ask(out, in);
    if (ferror(out))
        return pb_error_set(err, PB_ERR_RUN, NULL, 0, "cannot write the scenario");
    return PB_OK;
}
