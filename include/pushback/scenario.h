/*
 * scenario.h - a proposal as written in a scenario file (format version 1,
 * docs/scenario.md), loaded with libconfig and validated.
 *
 * The structures below are the in-memory scenario. They are public so that
 * writers and the rulebook can read them; treat them as read-only and change
 * a scenario only through pb_scenario_set(), pb_scenario_drop() and
 * pb_scenario_apply_option(), which re-validate. Every string is owned by the
 * scenario and lives until pb_scenario_free(). Every entity keeps the line it
 * was written on, so that errors found after loading still name file:line.
 */
#ifndef PUSHBACK_SCENARIO_H
#define PUSHBACK_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <pushback/dist.h>
#include <pushback/error.h>

/* The most people a role, a milestone or a what-if can have (README, "Limits"). */
#define PB_MAX_PEOPLE 100000

/* How a role's people are paid (README, "Labour"). */
typedef enum pb_labour {
    PB_LABOUR_DEFAULT = 0, /* a role without its own: the scenario's */
    PB_LABOUR_ALLOCATED,   /* people x rate from the project's start to its finish */
    PB_LABOUR_WORKED       /* people x rate only while they work on a milestone */
} pb_labour;

/* The most joins of one role, and attrition entries of a scenario (docs/ml.md). */
#define PB_MAX_JOINS 100

/*
 * People joining a role part-way (docs/ml.md, "People joining"): 'people'
 * arrive at 'at' and reach full productivity linearly over 'ramp'; while
 * they ramp, the role's other people lose 'mentor' of theirs.
 */
typedef struct pb_join {
    int people;    /* 1 .. PB_MAX_PEOPLE */
    double at;     /* >= 0, in the scenario's unit */
    double ramp;   /* >= 0; NAN: the role's */
    double mentor; /* in [0, 1]; NAN: the role's */
    int line;
} pb_join;

typedef struct pb_role {
    char *name;
    char *label;      /* 'name': what the people are called ("fraud analysts"); NULL when absent */
    int people;       /* available in the base plan, >= 0 */
    double rate;      /* money per person per unit of time, >= 0 */
    pb_labour labour; /* PB_LABOUR_DEFAULT: the scenario's 'labour' */
    double ramp;      /* a newcomer's time to full productivity, >= 0 (0: at once) */
    double mentor;    /* productivity the others lose while a newcomer ramps, [0, 1] */
    pb_join *joins;   /* in the file's order; NULL when none */
    size_t n_joins;
    int line;
} pb_role;

/*
 * People leaving (docs/ml.md, "People leaving"): with 'probability', one
 * person of 'role' leaves at a uniform time within the project (or at 'at'
 * when given); a replacement arrives 'replace' later and ramps up like a join.
 */
typedef struct pb_attrition {
    char *role;
    double probability; /* in [0, 1] */
    pb_dist replace;    /* delay until the replacement arrives, >= 0 */
    double at;          /* the departure's time, >= 0; NAN: uniform within the project */
    int line;
} pb_attrition;

typedef struct pb_need {
    char *resource; /* id of a pb_resource */
    pb_dist amount; /* units of the resource the milestone consumes */
    int line;
} pb_need;

/* The most experiment rounds a milestone may loop through (docs/ml.md). */
#define PB_MAX_ROUNDS 100

/*
 * Experiment rounds (docs/ml.md): the milestone's duration or effort is drawn
 * afresh each round; round r succeeds with success[min(r, n_success) - 1];
 * the milestone ends at the first success or after 'max' rounds with its
 * metric not met.
 */
typedef struct pb_rounds {
    int max; /* 0: the milestone does not loop; else 1..PB_MAX_ROUNDS */
    size_t n_success;
    double success[PB_MAX_ROUNDS]; /* in [0, 1]; the last value repeats */
    int line;
} pb_rounds;

typedef struct pb_milestone {
    char *id;
    char *name; /* defaults to the id */
    char **after;
    size_t n_after;
    bool has_duration; /* calendar time needing nobody */
    pb_dist duration;
    bool has_effort; /* person-units of 'role', done by people_min..people_max */
    pb_dist effort;
    char *role; /* NULL for duration milestones */
    int people_min, people_max;
    bool has_cost; /* non-labour money, once */
    pb_dist cost;
    double rate; /* money per unit of time while it runs, >= 0 */
    pb_need *needs;
    size_t n_needs;
    bool optional, deliverable;
    bool gate;    /* a go/no-go point (a feasibility spike, an experiment loop): the only
                     milestones a time-box or a kill criterion may be put on */
    double value; /* what dropping it loses (scope cuts), >= 0 */
    pb_rounds rounds;
    bool has_growth; /* its own scope growth, instead of the scenario's (docs/ml.md) */
    pb_dist growth;  /* share of its duration or effort added, one draw per iteration */
    /* work that scales with a count (docs/ml.md): with both set, 'effort' is
       per_item scaled by items (one draw of the rate per iteration) */
    double items;      /* the count, >= 1; 0 when the milestone has none */
    bool has_per_item; /* 'per_item': effort per item of its role */
    pb_dist per_item;
    int line;
} pb_milestone;

typedef struct pb_resource {
    char *id;
    double cost; /* money per unit */
    int line;
} pb_resource;

typedef struct pb_risk {
    char *id;
    char *name;
    double probability; /* in [0, 1] */
    char *milestone;    /* id of the milestone it delays */
    pb_dist delay;      /* added to that milestone's duration when it fires */
    bool has_cost;
    pb_dist cost; /* money when it fires */
    int line;
} pb_risk;

typedef struct pb_group {
    char **milestones;
    size_t n_milestones; /* >= 2 in a file; a drop can leave 1 (it keeps its draws) */
    char *id;            /* identity of the group's random stream: its first member as
                            written in the file, kept when members are dropped */
    double rho;          /* Spearman rank correlation between members, in [0, 1] */
    int line;
} pb_group;

typedef struct pb_history {
    char *name;
    double duration; /* in the scenario's unit */
    int people;
    double size; /* relative to this proposal (1 = same size) */
    int line;
} pb_history;

/* One change an option makes: a --set style path and its value text. */
typedef struct pb_edit {
    char *path;  /* e.g. "team.ml", "milestones.annotate.duration" */
    char *value; /* libconfig value text, e.g. "3" or "[2.0, 3.0, 5.0]" */
    int line;
} pb_edit;

/*
 * What an option is, declared and never guessed from its name: the manager's
 * rules and the brief match on it (NEGOTIATION.md, "Typed options").
 */
typedef enum pb_kind {
    PB_KIND_OTHER = 0,
    PB_KIND_IN_HOUSE,
    PB_KIND_VENDOR,
    PB_KIND_CROWD,
    PB_KIND_SYNTHETIC,
    PB_KIND_BUY,
    PB_KIND_BUILD,
    PB_KIND_REUSE,
    PB_KIND_STAFFING,
    PB_KIND_SCOPE,
    PB_KIND_LESS_DATA,     /* fewer examples collected or labelled */
    PB_KIND_LOCAL_COMPUTE, /* local machines instead of (some of) the cloud */
    PB_KIND_ADDED_SCOPE,   /* a feature added to the plan */
    PB_N_KINDS
} pb_kind;

/* "in-house", "vendor", ... "other"; NULL for a value out of range. */
const char *pb_kind_name(pb_kind k);

/*
 * One alternative of a choice that changes the plan (the first alternative of
 * every choice is the plan as written and has no pb_option). A v1 'options'
 * entry is an alternative of the choice "options".
 */
typedef struct pb_option {
    char *name;     /* the alternative's id; unique across the scenario */
    char *label;    /* its 'name' as a manager says it; NULL when not written */
    pb_kind kind;   /* PB_KIND_OTHER when not declared */
    size_t choice;  /* index into the scenario's 'choices' */
    pb_edit *edits; /* from 'team' and 'patch', applied in order */
    size_t n_edits;
    char **drop; /* milestone ids removed */
    size_t n_drop;
    int line;
} pb_option;

/* A choice: the plan as written ('base', 'base_kind') or one of its options. */
typedef struct pb_choice {
    char *id;         /* "options" for the v1 list */
    char *name;       /* defaults to the id */
    char *base;       /* id of the first alternative: the plan as written ("base" for v1) */
    char *base_label; /* the first alternative's 'name'; NULL when not written */
    pb_kind base_kind;
    int line;
} pb_choice;

/*
 * The proposal's sections, as far as 'check' lints them (README, "The
 * proposal"). Counts are 0 and strings NULL for what is not written.
 */
typedef struct pb_proposal {
    bool present; /* a 'proposal' group exists */
    char *idea;
    size_t n_value;                  /* 'value' entries */
    size_t n_value_amount;           /*   ... with an 'amount' */
    size_t n_value_source;           /*   ... with a 'source' */
    double value_per_day;            /* the amounts whose 'unit' ends in "/day", "/week",
                                        "/month" or "/year", summed per day (0: none) */
    size_t n_scenarios;              /* 'scenarios': use cases */
    char *demo;                      /* what the demo shows */
    bool has_literature;             /* 'literature' group */
    char *novelty;                   /* literature.novelty */
    size_t n_reuse, n_reuse_license; /* literature.reuse entries, with a 'license' */
    size_t n_datasets;               /* 'datasets' entries */
    size_t n_datasets_license;       /*   ... with a 'license' */
    size_t n_datasets_commercial;    /*   ... that say whether 'commercial' use is allowed */
    bool has_data;                   /* 'data' group */
    double data_volume;              /* data.volume, NAN when absent */
    char *collection, *annotation, *synthetic; /* data.collection / annotation / synthetic */
    size_t n_approaches, n_approaches_weighed; /* 'approaches', with both 'pros' and 'cons' */
    size_t n_owned, n_integrated;              /* system.owned / system.integrated */
    char *machines, *storage; /* resources.machines ("local", "cloud", "mixed"), storage */
    int line;
} pb_proposal;

/* The most holidays and closures a calendar may list (docs/ml.md). */
#define PB_MAX_HOLIDAYS 1000
#define PB_MAX_CLOSED   100

/*
 * A working calendar (docs/ml.md): which weekdays are worked, holidays and
 * closures. Days are counted from 1970-01-01 (day 0, a Thursday) in the
 * proleptic Gregorian calendar; no time zone is involved.
 */
typedef struct pb_calendar {
    bool present;
    unsigned workdays; /* bit d set: weekday d is worked, d = 0 Monday .. 6 Sunday */
    int n_workdays;    /* bits set, 1..7 */
    size_t n_holidays;
    long holidays[PB_MAX_HOLIDAYS]; /* sorted, distinct */
    size_t n_closed;
    long closed[PB_MAX_CLOSED][2]; /* first and last day of each closure */
    int line;
} pb_calendar;

/*
 * The date "YYYY-MM-DD" a time 'value' in the scenario's unit after its
 * 'start' falls on, through its calendar: 'value' counts working days (a week
 * is n_workdays of them, a month 30.4375 / 7 weeks); the date is that of the
 * ceil(value)-th working day on or after the start (the start itself for 0).
 * False without a start or a calendar, for a negative or non-finite value, or
 * past the year 9999.
 */
bool pb_calendar_date(const pb_calendar *c, const char *start, const char *unit, double value,
                      char buf[11]);

/* Days since 1970-01-01 of a valid "YYYY-MM-DD"; false when it is not one. */
bool pb_calendar_day(const char *date, long *out);

/* "YYYY-MM-DD" of a day number (civil arithmetic, no time zone). */
void pb_calendar_format(long day, char buf[11]);

/*
 * A learning curve (docs/ml.md): the error after training on m items is
 * a m^-b + c (Hestness et al. 2017), with a, b and c uncertain; the target
 * is met when the error is at most 'target'.
 */
typedef struct pb_curve {
    bool present;
    char name[64];       /* the metric's name, e.g. "mAP error" */
    double target;       /* the error to reach, > 0 */
    double items;        /* the data volume planned, > 0 (with items_from: that milestone's) */
    char items_from[64]; /* "": 'items' is a number; else the id of the milestone whose
                            'items' the model trains on (a what-if on it moves both) */
    pb_dist a, b, c;     /* a > 0, b > 0, c >= 0 */
    int line;
} pb_curve;

/*
 * What the manager wants underneath the positions ('manager.interests'):
 * the topic, the manager's words, and for time or money what it is about.
 */
typedef struct pb_interest {
    const char *topic; /* "time", "money", "scope", "quality", "risk" or "people" (static) */
    char *text;        /* the manager's words, e.g. "the trade show in week 24" */
    double at;         /* time: a date in the scenario's unit; money: an amount; NAN: none */
    int line;
} pb_interest;

/* Bits of pb_scenario.tracking (docs/track.md): which tracking settings a scenario file
   has, so that a file without them is not read again for them. */
#define PB_TRACKING_ACTUALS     1u /* 'status', a milestone's 'done'/'active', a risk's state */
#define PB_TRACKING_CALIBRATION 2u /* 'calibration', a milestone's 'source' */

typedef struct pb_scenario {
    char *path; /* the file it was loaded from */
    char *name; /* 'name' */
    char *unit; /* "days", "weeks" or "months" */
    char *currency;
    char *start;    /* "YYYY-MM-DD" or NULL */
    char *rulebook; /* NULL: the default rulebook */
    pb_proposal proposal;
    pb_role *roles;
    size_t n_roles;
    double overhead;  /* capacity lost per extra person, in [0, 1) */
    pb_labour labour; /* top-level 'labour': ALLOCATED (the default) or WORKED */
    pb_milestone *milestones;
    size_t n_milestones;
    pb_resource *resources;
    size_t n_resources;
    pb_risk *risks;
    size_t n_risks;
    bool has_shared;
    pb_dist shared; /* common-cause multiplier on every effort and duration */
    int shared_line;
    pb_calendar calendar; /* 'calendar'; calendar.present is false without one */
    pb_curve curve;       /* 'metric'; curve.present is false without one */
    bool has_growth;      /* 'growth': scope growth (docs/ml.md) */
    pb_dist growth;       /* share of effort added to every effort milestone without its own */
    int growth_line;
    double scale; /* --set scale=K: every effort and per-item estimate was multiplied by K
                     (a project K times this one's size; calendar durations, costs and risks
                     as they are); 0 or 1 as loaded */
    pb_attrition *attrition; /* 'attrition': people leaving (docs/ml.md) */
    size_t n_attrition;
    unsigned tracking; /* PB_TRACKING_* bits: the tracking settings the file has, which
                          pb_track_check and the tracking loaders read from the file itself */
    pb_group *groups;
    size_t n_groups;
    /* ask: a NAN field was not given */
    double ask_deadline, ask_budget, ask_confidence; /* confidence defaults to 0.8 */
    bool has_manager;
    double manager_deadline, manager_budget; /* NAN when not given */
    int manager_people;                      /* -1 when not given */
    pb_interest *interests;                  /* 'manager.interests', in file order */
    size_t n_interests;
    pb_history *history;
    size_t n_history;
    pb_option *options; /* every alternative that changes the plan, choice by choice */
    size_t n_options;
    pb_choice *choices;
    size_t n_choices;
    char sha256[65]; /* of the file's bytes, lowercase hex */
} pb_scenario;

/*
 * Load and validate the scenario in 'path'. On success *out owns a new
 * scenario (free with pb_scenario_free). On failure *out is NULL and 'err'
 * names the file and line: syntax errors, unknown settings (with a "did you
 * mean" suggestion), wrong types, out-of-range values, unknown or duplicate
 * ids, dependency cycles (the cycle is named) and people ranges the team can
 * never satisfy all give PB_ERR_INVALID; an unreadable file too. The text
 * is read as written where libconfig 1.5 would not (docs/loading.md): whole
 * numbers beyond 32 bits exactly, a byte-order mark and carriage-return line
 * ends accepted; '@include' and NUL bytes are refused at their line.
 */
pb_status pb_scenario_load(const char *path, pb_scenario **out, pb_error *err);

/* Same, from text in memory; 'name' is used as the file name in errors. */
pb_status pb_scenario_parse(const char *text, const char *name, pb_scenario **out, pb_error *err);

/*
 * Same, from an open stream the caller owns (standard input for the path
 * "-"), read to its end with the limits of a file: at most 64 MiB and no NUL
 * byte (the error names the line of the first one). 'name' is used as the
 * file name in errors, e.g. "<stdin>".
 */
pb_status pb_scenario_read(FILE *f, const char *name, pb_scenario **out, pb_error *err);

/*
 * The manager's first interest of 'topic' ("time", "money", "scope",
 * "quality", "risk" or "people"), borrowed from s, or NULL when the
 * scenario gives none (or s or topic is NULL). The rehearsal reveals it only
 * when asked.
 */
const pb_interest *pb_scenario_interest(const pb_scenario *s, const char *topic);

/* Free a scenario and everything it owns. NULL is a no-op. */
void pb_scenario_free(pb_scenario *s);

/* A deep copy, or NULL when memory runs out. */
pb_scenario *pb_scenario_copy(const pb_scenario *s);

/*
 * Set one value by path, as the command line's --set PATH=VALUE does:
 * "team.ROLE" (people), "team.ROLE.rate", "overhead", "ask.deadline",
 * "ask.budget", "ask.confidence", "manager.deadline", "manager.people",
 * "manager.budget", "milestones.ID.FIELD" (any milestone setting),
 * "risks.ID.FIELD", "resources.ID.cost", "correlation.shared", "growth", "scale"
 * (every effort and per-item estimate times the value, relative to the file's; used
 * to run our plan at a precedent's size). 'value' is
 * libconfig value text ("3", "17.5", "[4, 6, 10]", "{ dist = ...; }").
 * The scenario is re-validated. An unknown path or a malformed value gives
 * PB_ERR_USAGE naming the path and what is valid; a value that makes the
 * scenario invalid gives PB_ERR_INVALID with the file and line it conflicts
 * with. On failure the scenario may be partly changed: work on a copy.
 */
pb_status pb_scenario_set(pb_scenario *s, const char *path, const char *value, pb_error *err);

/*
 * The same change without re-validating, so that several edits that only
 * make sense together (role = "" then duration = ...) can be made before one
 * pb_scenario_validate(). Errors are those of the path and value only.
 */
pb_status pb_scenario_edit(pb_scenario *s, const char *path, const char *value, pb_error *err);

/*
 * Apply the command line's --set arguments ("PATH=VALUE", as
 * pb_scenario_edit() reads them) in order, then validate once. An error
 * names the argument at fault as its file ("--set PATH=VALUE", no line): a
 * bad path or value is PB_ERR_USAGE; a scenario that no longer validates is
 * PB_ERR_INVALID, blamed on the argument without which the others validate
 * (else the first after which it fails). On failure the scenario may be
 * partly changed: work on a copy.
 */
pb_status pb_scenario_set_args(pb_scenario *s, const char *const *sets, size_t n, pb_error *err);

/*
 * The parts of option 'name' that pb_scenario_apply_option() skips on s
 * because they drop or patch a milestone (or change a risk) s no longer has,
 * as after a --drop: their count, and a list like "drops 'dashboard',
 * patches 'demo'" in buf (empty when none; truncated to cap).
 */
size_t pb_scenario_option_skips(const pb_scenario *s, const char *name, char *buf, size_t cap);

/* Validate the whole scenario again (ids, references, cycles, people). */
pb_status pb_scenario_validate(const pb_scenario *s, pb_error *err);

/*
 * Remove milestone 'id' (and the risks on it). Its successors inherit its
 * predecessors, so every other ordering is kept. Unknown id: PB_ERR_USAGE.
 */
pb_status pb_scenario_drop(pb_scenario *s, const char *id, pb_error *err);

/* Apply the option named 'name': its edits, then its drops. */
pb_status pb_scenario_apply_option(pb_scenario *s, const char *name, pb_error *err);

/* The labour rule role 'r' is paid by (its own, else the scenario's). */
pb_labour pb_scenario_role_labour(const pb_scenario *s, const pb_role *r);

/* "allocated", "worked", or "mixed" when the roles differ (the scenario's with no roles). */
const char *pb_scenario_labour_name(const pb_scenario *s);

/* Look-ups by id or name; NULL when absent. */
const pb_milestone *pb_scenario_milestone(const pb_scenario *s, const char *id);
const pb_role *pb_scenario_role(const pb_scenario *s, const char *name);
const pb_option *pb_scenario_option(const pb_scenario *s, const char *name);

/*
 * What a manager calls alternative 'id' (an option's or a choice's first
 * alternative), written into buf (truncated to cap) and returned: its 'name';
 * else the milestone name its patch writes ("Analysts review 15,000
 * transactions"), or for the plan as written the current name of a milestone
 * another alternative of its choice renames; else "without" and the dropped
 * milestones' names; else the choice's name and the id ("Where the model
 * trains: on-prem"); last the id itself (also for an unknown id).
 */
const char *pb_scenario_alternative_label(const pb_scenario *s, const char *id, char *buf,
                                          size_t cap);

/*
 * The people of role 'role' as a noun, into buf (truncated to cap): the role's
 * 'name' ("fraud analysts"), else "people in 'analyst'".
 */
const char *pb_scenario_role_people(const pb_scenario *s, const char *role, char *buf, size_t cap);
const pb_choice *pb_scenario_choice(const pb_scenario *s, const char *id);

/*
 * The data volume the learning curve is evaluated at: the 'items' of the
 * milestone its 'items' names (curve.items_from), else its own number; NAN
 * without a curve or when that milestone is gone.
 */
double pb_scenario_curve_items(const pb_scenario *s);

/*
 * Whether 's' is a calendar date "YYYY-MM-DD" from 1900 to 9999, as a
 * scenario's 'start' must be (leap years counted). NULL is not.
 */
bool pb_date_valid(const char *s);

#endif
