/*
 * scenario_labels.c - what a manager calls an alternative or a role's people,
 * for the words of the prep sheet and the manager page: the scenario's
 * 'name' where it writes one, else a name made from the parts it declares
 * (the milestone a patch renames, the milestones dropped, the choice's name),
 * never a configuration id where a name exists (docs/scenario.md, "Choices").
 */
#include <stdio.h>
#include <string.h>

#include "scenario_internal.h"

/* The text of a libconfig string value '"..."' (as an option's edit stores it) into buf. */
static void unquote(const char *v, char *buf, size_t cap)
{
    size_t k = 0;
    if (*v == '"')
        v++;
    for (; *v && k + 1 < cap; v++) {
        if (*v == '"' && !v[1])
            break;
        if (*v == '\\' && v[1])
            v++;
        buf[k++] = *v;
    }
    buf[k] = '\0';
}

/* The milestone id whose 'name' option o's patch writes (its first), or NULL; *value its text. */
static const char *renamed(const pb_option *o, const char **value)
{
    static const char pre[] = "milestones.";
    for (size_t k = 0; k < o->n_edits; k++) {
        const char *p = o->edits[k].path, *dot;
        size_t n = strlen(p);
        if (!strncmp(p, pre, sizeof pre - 1) && n > 5 && !strcmp(p + n - 5, ".name") &&
            (dot = strchr(p + sizeof pre - 1, '.')) && dot == p + n - 5) {
            *value = o->edits[k].value;
            return p + sizeof pre - 1;
        }
    }
    return NULL;
}

/* "without A and B" ('word' "without", or "with") from the names of the milestones o drops. */
static const char *without(const pb_scenario *s, const pb_option *o, const char *word, char *buf,
                           size_t cap)
{
    size_t len = (size_t)snprintf(buf, cap, "%s", word);
    for (size_t k = 0; k < o->n_drop && len < cap; k++) {
        const pb_milestone *m = pb_scenario_milestone(s, o->drop[k]);
        len += (size_t)snprintf(buf + len, cap - len, "%s%s", !k ? " " : " and ",
                                m && m->name ? m->name : o->drop[k]);
    }
    return buf;
}

/* The plan as written of choice c: the current name of a milestone another alternative renames,
   else "with" the milestones another alternative only drops; NULL when neither. */
static const char *base_label(const pb_scenario *s, size_t c, char *buf, size_t cap)
{
    for (size_t i = 0; i < s->n_options; i++)
        if (s->options[i].choice == c && s->options[i].n_drop && !s->options[i].n_edits)
            return without(s, &s->options[i], "with", buf, cap);
    for (size_t i = 0; i < s->n_options; i++) {
        const char *value, *id = s->options[i].choice == c ? renamed(&s->options[i], &value) : NULL;
        char mid[256];
        if (!id)
            continue;
        snprintf(mid, sizeof mid, "%.*s", (int)(strlen(id) - 5), id);
        const pb_milestone *m = pb_scenario_milestone(s, mid);
        if (m && m->name) {
            snprintf(buf, cap, "%s", m->name);
            return buf;
        }
    }
    return NULL;
}

/* "Where the model trains: on-prem" when the choice has a name of its own, else the id. */
static const char *choice_and_id(const pb_choice *c, const char *id, char *buf, size_t cap)
{
    if (c && c->name && strcmp(c->name, c->id) && strcmp(c->id, "options"))
        snprintf(buf, cap, "%s: %s", c->name, id);
    else
        snprintf(buf, cap, "%s", id);
    return buf;
}

const char *pb_scenario_alternative_label(const pb_scenario *s, const char *id, char *buf,
                                          size_t cap)
{
    if (!cap)
        return buf;
    const pb_option *o = pb_scenario_option(s, id);
    if (o) {
        const char *value;
        if (o->label)
            snprintf(buf, cap, "%s", o->label);
        else if (renamed(o, &value))
            unquote(value, buf, cap);
        else if (o->n_drop && !o->n_edits)
            without(s, o, "without", buf, cap);
        else
            choice_and_id(o->choice < s->n_choices ? &s->choices[o->choice] : NULL, id, buf, cap);
        return buf;
    }
    for (size_t c = 0; c < s->n_choices; c++) {
        const pb_choice *ch = &s->choices[c];
        if (strcmp(ch->base, id))
            continue;
        if (ch->base_label)
            snprintf(buf, cap, "%s", ch->base_label);
        else if (!base_label(s, c, buf, cap))
            choice_and_id(ch, id, buf, cap);
        return buf;
    }
    snprintf(buf, cap, "%s", id);
    return buf;
}

const char *pb_scenario_role_people(const pb_scenario *s, const char *role, char *buf, size_t cap)
{
    const pb_role *r = role ? pb_scenario_role(s, role) : NULL;
    if (r && r->label)
        snprintf(buf, cap, "%s", r->label);
    else
        snprintf(buf, cap, "people in '%s'", role ? role : "");
    return buf;
}
