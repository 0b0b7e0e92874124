/*
 * scenario_interests.c - what the manager wants underneath the positions:
 * 'manager = { interests = ( { topic; text; at; } ); }' (docs/scenario.md).
 *
 * An interest has a topic (time, money, scope, quality, risk or people), the
 * manager's words for it ("the trade show in week 24"), and for time or
 * money an optional 'at': the date (in the scenario's unit) or the amount
 * (in its currency) the interest is about. The prep sheet quotes the words
 * where a move of the same topic gives a generic label and builds the offer
 * that serves a dated time interest; the rehearsal reveals them only when
 * asked (pb_scenario_interest). Errors name the file and line of the
 * offending setting.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libconfig.h>

#include "scenario_internal.h"

#define INTEREST_TEXT_MAX 4096 /* bytes of an interest's text */

static const char *const TOPICS[] = {"time", "money", "scope", "quality", "risk", "people"};
#define N_TOPICS (sizeof TOPICS / sizeof *TOPICS)
static const char *const KEYS[] = {"topic", "text", "at"};

void pb__interests_free(pb_scenario *s)
{
    for (size_t i = 0; i < s->n_interests; i++)
        free(s->interests[i].text);
    free(s->interests);
    s->interests = NULL;
    s->n_interests = 0;
}

bool pb__interests_copy(pb_scenario *c, const pb_scenario *s)
{
    c->interests = NULL;
    c->n_interests = 0;
    if (!s->n_interests)
        return true;
    if (!(c->interests = calloc(s->n_interests, sizeof *c->interests)))
        return false;
    for (size_t i = 0; i < s->n_interests; i++) {
        c->interests[i] = s->interests[i];
        c->interests[i].text = NULL;
        c->n_interests = i + 1;
        if (!(c->interests[i].text = pb__strdup(s->interests[i].text)))
            return false;
    }
    return true;
}

/* Unknown keys, with what is valid. */
static pb_status check_keys(const pb__origin *o, const config_setting_t *g)
{
    for (int i = 0; i < config_setting_length(g); i++) {
        const config_setting_t *f = config_setting_get_elem(g, (unsigned)i);
        const char *key = config_setting_name(f);
        bool known = false;
        for (size_t k = 0; k < sizeof KEYS / sizeof *KEYS; k++)
            known = known || !strcmp(key, KEYS[k]);
        if (!known) {
            const char *near = pb__suggest(key, KEYS, sizeof KEYS / sizeof *KEYS);
            if (near)
                return pb__bad(o, f, "unknown setting '%s' in an interest; did you mean '%s'?", key,
                               near);
            return pb__bad(
                o, f, "unknown setting '%s' in an interest (valid: 'topic', 'text', 'at')", key);
        }
    }
    return PB_OK;
}

/* One interest group into x. */
static pb_status parse_one(const pb__origin *o, const config_setting_t *g, pb_interest *x)
{
    if (config_setting_type(g) != CONFIG_TYPE_GROUP)
        return pb__bad(o, g,
                       "an interest must be a group like { topic = \"time\"; text = \"the trade "
                       "show in week 24\"; at = 24; }");
    pb_status rc = check_keys(o, g);
    if (rc)
        return rc;
    x->line = config_setting_source_line(g);
    x->at = NAN;
    const config_setting_t *topic = config_setting_get_member(g, "topic");
    const config_setting_t *text = config_setting_get_member(g, "text");
    const config_setting_t *at = config_setting_get_member(g, "at");
    if (!topic || config_setting_type(topic) != CONFIG_TYPE_STRING)
        return pb__bad(o, topic ? topic : g,
                       "an interest needs 'topic' = \"time\", \"money\", \"scope\", \"quality\", "
                       "\"risk\" or \"people\"");
    const char *t = config_setting_get_string(topic);
    for (size_t k = 0; k < N_TOPICS && !x->topic; k++)
        if (!strcmp(t, TOPICS[k]))
            x->topic = TOPICS[k];
    if (!x->topic)
        return pb__bad(o, topic,
                       "unknown topic '%s' (valid: time, money, scope, quality, risk, people)", t);
    const char *words = text && config_setting_type(text) == CONFIG_TYPE_STRING
                            ? config_setting_get_string(text)
                            : NULL;
    if (!words || !*words || strlen(words) > INTEREST_TEXT_MAX)
        return pb__bad(o, text ? text : g,
                       "an interest needs 'text', the manager's words (1 to %d bytes), e.g. "
                       "\"the trade show in week 24\"",
                       INTEREST_TEXT_MAX);
    if (at && strcmp(x->topic, "time") && strcmp(x->topic, "money"))
        return pb__bad(o, at, "'at' goes with topic time (a date) or money (an amount), not '%s'",
                       x->topic);
    if (at && (rc = pb__number(o, at, "at", 0.0, &x->at)))
        return rc;
    if (!(x->text = pb__strdup(words)))
        return pb__bad(o, g, "out of memory");
    return PB_OK;
}

pb_status pb__parse_interests(const pb__origin *o, pb_scenario *s, const config_setting_t *list)
{
    if (config_setting_type(list) != CONFIG_TYPE_LIST)
        return pb__bad(o, list,
                       "'interests' must be a list like ( { topic = \"time\"; text = \"the "
                       "trade show in week 24\"; at = 24; } )");
    pb__interests_free(s);
    size_t n = (size_t)config_setting_length(list);
    if (!n)
        return PB_OK;
    if (!(s->interests = calloc(n, sizeof *s->interests)))
        return pb__bad(o, list, "out of memory");
    for (size_t i = 0; i < n; i++) {
        s->n_interests = i + 1;
        pb_status rc = parse_one(o, config_setting_get_elem(list, (unsigned)i), &s->interests[i]);
        if (rc)
            return rc;
    }
    return PB_OK;
}

const pb_interest *pb_scenario_interest(const pb_scenario *s, const char *topic)
{
    for (size_t i = 0; s && topic && i < s->n_interests; i++)
        if (!strcmp(s->interests[i].topic, topic))
            return &s->interests[i];
    return NULL;
}
