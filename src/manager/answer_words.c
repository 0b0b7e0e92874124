/*
 * answer_words.c - the word tables of the answer parser: number words, time
 * units with their lengths in calendar days, money multipliers and
 * currencies, people words, directions, role synonyms, the words of each
 * declared kind of alternative and the stance phrases. Every phrase is
 * lowercase, written as the lexer gives it (numbers as '#'), and matched
 * on whole words by answer.c; no scenario's names are here.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include <pushback/scenario.h>

#include "answer_internal.h"

typedef struct word_value {
    const char *word;
    double value;
} word_value;

static double lookup(const word_value *t, const char *w, double none)
{
    for (; t->word; t++)
        if (!strcmp(t->word, w))
            return t->value;
    return none;
}

static bool member(const char *const *t, const char *w)
{
    for (; *t; t++)
        if (!strcmp(*t, w))
            return true;
    return false;
}

static const word_value NUMBER_WORDS[] = {
    {"zero", 0},     {"one", 1},      {"two", 2},        {"three", 3},     {"four", 4},
    {"five", 5},     {"six", 6},      {"seven", 7},      {"eight", 8},     {"nine", 9},
    {"ten", 10},     {"eleven", 11},  {"twelve", 12},    {"thirteen", 13}, {"fourteen", 14},
    {"fifteen", 15}, {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19},
    {"twenty", 20},  {"thirty", 30},  {"forty", 40},     {"fifty", 50},    {"sixty", 60},
    {"seventy", 70}, {"eighty", 80},  {"ninety", 90},    {"dozen", 12},    {"couple", 2},
    {NULL, 0},
};

double pb__answer_number_word(const char *w)
{
    return lookup(NUMBER_WORDS, w, -1);
}

/* A month is the mean Gregorian month, 365.2425 / 12 days; a quarter three of them. */
static const word_value TIME_WORDS[] = {
    {"day", 1},
    {"days", 1},
    {"d", 1},
    {"week", 7},
    {"weeks", 7},
    {"wk", 7},
    {"wks", 7},
    {"w", 7},
    {"month", 30.436875},
    {"months", 30.436875},
    {"mo", 30.436875},
    {"mos", 30.436875},
    {"mth", 30.436875},
    {"mths", 30.436875},
    {"quarter", 91.310625},
    {"quarters", 91.310625},
    {"year", 365.2425},
    {"years", 365.2425},
    {"yr", 365.2425},
    {"yrs", 365.2425},
    {NULL, 0},
};

double pb__answer_time_word(const char *w)
{
    return lookup(TIME_WORDS, w, 0);
}

static const word_value MONEY_WORDS[] = {
    {"k", 1e3},       {"thousand", 1e3}, {"grand", 1e3}, {"m", 1e6},       {"mm", 1e6}, {"mn", 1e6},
    {"million", 1e6}, {"millions", 1e6}, {"bn", 1e9},    {"billion", 1e9}, {NULL, 0},
};

double pb__answer_money_word(const char *w)
{
    return lookup(MONEY_WORDS, w, 0);
}

static const struct {
    const char *word, *iso;
} CURRENCIES[] = {
    {"$", "usd"},   {"usd", "usd"},    {"dollar", "usd"}, {"dollars", "usd"}, {"bucks", "usd"},
    {"eur", "eur"}, {"euro", "eur"},   {"euros", "eur"},  {"gbp", "gbp"},     {"pounds", "gbp"},
    {"chf", "chf"}, {"francs", "chf"}, {"jpy", "jpy"},    {"yen", "jpy"},     {"cad", "cad"},
    {"aud", "aud"}, {"sek", "sek"},    {"inr", "inr"},    {"cny", "cny"},     {NULL, NULL},
};

const char *pb__answer_currency_word(const char *w)
{
    for (size_t i = 0; CURRENCIES[i].word; i++)
        if (!strcmp(CURRENCIES[i].word, w))
            return CURRENCIES[i].iso;
    return NULL;
}

static const char *const PEOPLE_WORDS[] = {
    "people",    "person", "persons",     "engineer",  "engineers",  "heads",      "headcount",
    "fte",       "ftes",   "dev",         "devs",      "developer",  "developers", "staff",
    "folks",     "hires",  "members",     "scientist", "scientists", "annotators", "labelers",
    "labellers", "guys",   "researchers", NULL,
};

bool pb__answer_people_word(const char *w)
{
    return member(PEOPLE_WORDS, w);
}

static const word_value DIRECTIONS[] = {
    {"more", 1},    {"extra", 1},   {"additional", 1}, {"longer", 1},   {"later", 1},
    {"added", 1},   {"less", -1},   {"fewer", -1},     {"shorter", -1}, {"earlier", -1},
    {"sooner", -1}, {"faster", -1}, {NULL, 0},
};

int pb__answer_direction_word(const char *w)
{
    return (int)lookup(DIRECTIONS, w, 0);
}

static const struct {
    const char *phrase, *role;
} ROLE_SYNONYMS[] = {
    {"machine learning", "ml"}, {"computer vision", "cv"},
    {"vision", "cv"},           {"backend", "backend"},
    {"back end", "backend"},    {"frontend", "frontend"},
    {"front end", "frontend"},  {"annotation", "data"},
    {"labeling", "data"},       {"labelling", "data"},
    {"data science", "ds"},     {"quality", "qa"},
    {"testing", "qa"},          {"devops", "ops"},
    {"operations", "ops"},      {NULL, NULL},
};

const char *pb__answer_role_synonym(const char *w)
{
    for (size_t i = 0; ROLE_SYNONYMS[i].phrase; i++)
        if (!strcmp(ROLE_SYNONYMS[i].phrase, w))
            return ROLE_SYNONYMS[i].role;
    return NULL;
}

static const char *const IN_HOUSE[] = {"ourselves", "ourself",       "in-house",    "in house",
                                       "our own",   "internally",    "our team",    "our data team",
                                       "we label",  "we will label", "we'll label", NULL};
static const char *const VENDOR[] = {"vendor",      "outsource", "outsourced", "outsourcing",
                                     "contractor",  "agency",    "external",   "third party",
                                     "third-party", NULL};
static const char *const CROWD[] = {"crowd",         "crowdsource",     "crowdsourced",
                                    "crowdsourcing", "mechanical turk", NULL};
static const char *const SYNTHETIC[] = {"synthetic", "simulated data", "generated data",
                                        "rendered",  "render it",      NULL};
static const char *const BUY[] = {"buy",           "purchase",      "license it", "licence it",
                                  "off the shelf", "off-the-shelf", "commercial", NULL};
static const char *const BUILD[] = {"build it", "build our own", "from scratch", "write our own",
                                    NULL};
static const char *const REUSE[] = {"reuse",      "re-use",         "open source", "open-source",
                                    "pretrained", "existing model", NULL};
static const char *const NONE[] = {NULL};

const char *const *pb__answer_kind_phrases(pb_kind k)
{
    switch (k) {
    case PB_KIND_IN_HOUSE:
        return IN_HOUSE;
    case PB_KIND_VENDOR:
        return VENDOR;
    case PB_KIND_CROWD:
        return CROWD;
    case PB_KIND_SYNTHETIC:
        return SYNTHETIC;
    case PB_KIND_BUY:
        return BUY;
    case PB_KIND_BUILD:
        return BUILD;
    case PB_KIND_REUSE:
        return REUSE;
    default:
        return NONE;
    }
}

const char *const pb__answer_hold_phrases[] = {
    "can't",          "cannot",
    "can not",        "won't",
    "will not",       "not possible",
    "impossible",     "not feasible",
    "unrealistic",    "not realistic",
    "we need",        "i need",
    "we still need",  "the numbers",
    "the data says",  "the data shows",
    "the simulation", "the model says",
    "stick with",     "stick to",
    "stay with",      "stay at",
    "i stand by",     "we stand by",
    "not enough",     "too risky",
    "too tight",      "too short",
    "too little",     "no way",
    "as i said",      "doesn't work",
    "does not work",  "not going to",
    "my estimate is", "our estimate is",
    "we keep",        "i keep",
    "hold",           "no chance",
    "rather not",     "not commit",
    "can't commit",   "cannot commit",
    "not promise",    NULL,
};

const char *const pb__answer_concede_phrases[] = {
    "ok",
    "okay",
    "fine",
    "alright",
    "all right",
    "agreed",
    "i agree",
    "we agree",
    "yes",
    "yeah",
    "sure",
    "it's a deal",
    "a deal",
    "i promise",
    "we promise",
    "you're right",
    "you are right",
    "let's do",
    "lets do",
    "let's go with",
    "we'll do it",
    "we will do it",
    "we can live with",
    "we'll make it work",
    "we will make it work",
    "we'll manage",
    "we will manage",
    "i accept",
    "we accept",
    "makes sense",
    "if you insist",
    "we'll try",
    "we will try",
    "i guess",
    "someone else can do it",
    "we can commit",
    "i commit",
    "we commit",
    NULL,
};

/* Words that tie a change to the offer: with them, an answer with a change counters. */
const char *const pb__answer_condition_phrases[] = {
    "if",       "provided", "as long as", "only if",      "in exchange", "in return", "but",
    "unless",   "instead",  "trade",      "on condition", "assuming",    "with",      "drop",
    "dropping", "without",  "cut",        "cutting",      "skip",        "remove",    "descope",
    "add",      "adding",   "give us",    NULL,
};

/* The conditions that make even a holding answer a counter-offer. */
const char *const pb__answer_strong_condition_phrases[] = {
    "if",  "provided", "as long as", "only if",      "in exchange", "in return",
    "but", "unless",   "trade",      "on condition", NULL,
};

const char *const pb__answer_time_phrases[] = {
    "let me check",
    "let me think",
    "let me get back",
    "get back to you",
    "come back to you",
    "come back on",
    "i'll check",
    "i will check",
    "need to check",
    "need time",
    "need some time",
    "give me a day",
    "give me time",
    "i'll find out",
    "i will find out",
    "check with",
    "sleep on it",
    "not sure yet",
    "don't know yet",
    "do not know yet",
    "tomorrow",
    "look into it",
    "let me look",
    "by the end of the day",
    "get back to",
    "hold on",
    "think about it",
    "think it over",
    "need to think",
    "have to think",
    NULL,
};

const char *const pb__answer_interest_phrases[] = {
    "why",
    "what happens",
    "what matters",
    "what's behind",
    "what is behind",
    "what drives",
    "what's driving",
    "what is driving",
    "who needs",
    "who is asking",
    "who's asking",
    "what do you need",
    "what's the reason",
    "what is the reason",
    "how come",
    "what is important",
    "what's important",
    "what are you trying",
    "where does",
    "what depends",
    "what's at stake",
    "what is at stake",
    "what's the concern",
    "what is the concern",
    "what worries you",
    "what would help",
    "what's the goal",
    "what is the goal",
    "driven by",
    "what is it for",
    "what's it for",
    "reason for",
    NULL,
};

const char *const pb__answer_negation_words[] = {
    "no",     "without",  "drop", "dropping", "dropped",   "cut",   "cutting", "skip", "skipping",
    "remove", "removing", "lose", "descope",  "descoping", "minus", "not",     NULL,
};
