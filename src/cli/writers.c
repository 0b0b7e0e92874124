/*
 * writers.c - WRITERS[]: one row per command and output format, naming the
 * function that writes that report.
 *
 * Which formats a command takes is read from this table alone: -f is
 * checked against it, its "valid formats" message is made from it, and the
 * command writes through the row it finds. Each row's function is a thin
 * adaptor from the command's 'what' (writers.h) to a library writer
 * (include/pushback/report.h, deal.h, track.h).
 *
 * To add an output format: (1) its id and name in CLI_FORMATS (writers.h);
 * (2) the library writer (src/report_*.c, declared in include/pushback/);
 * (3) a row here, with its adaptor, for each command that writes it. The
 * man page (src/cli/pushback.1) and docs/cli.md say which -f values exist.
 */
#include "writers.h"

#include <stdio.h>
#include <string.h>

#include "common.h"

/* An adaptor for a library writer that takes (f, ctx, what, err). */
#define ADAPT(fn, type)                                                                         \
    static pb_status w_##fn(FILE *f, const pb_report_ctx *ctx, const void *what, pb_error *err) \
    {                                                                                           \
        return pb_report_##fn(f, ctx, (const type *)what, err);                                 \
    }

ADAPT(seek_text, pb_seek_result)
ADAPT(seek_json, pb_seek_result)
ADAPT(brief_text, pb_brief)
ADAPT(brief_md, pb_brief)
ADAPT(brief_html, pb_brief)
ADAPT(brief_json, pb_brief)
ADAPT(deal_text, pb_deal_result)
ADAPT(deal_json, pb_deal_result)
ADAPT(frontier_text, pb_frontier)
ADAPT(frontier_json, pb_frontier)
ADAPT(frontier_csv, pb_frontier)
ADAPT(page_text, pb_page)
ADAPT(page_md, pb_page)
ADAPT(page_html, pb_page)
ADAPT(page_json, pb_page)
#undef ADAPT

/* The rehearsal's transcript (Markdown) or session (JSON), already a string. */
static pb_status w_string(FILE *f, const pb_report_ctx *ctx, const void *what, pb_error *err)
{
    (void)ctx;
    if (fputs((const char *)what, f) == EOF)
        return pb_error_set(err, PB_ERR_RUN, NULL, 0, "%s", "cannot write the transcript");
    return PB_OK;
}

static pb_status w_simulate_text(FILE *f, const pb_report_ctx *ctx, const void *what, pb_error *err)
{
    const cli_simulated *x = what;
    return pb_report_simulate_outside_text(f, ctx, x->res, x->outside, err);
}

static pb_status w_simulate_json(FILE *f, const pb_report_ctx *ctx, const void *what, pb_error *err)
{
    const cli_simulated *x = what;
    return pb_report_simulate_outside_json(f, ctx, x->res, x->outside, err);
}

static pb_status w_samples_csv(FILE *f, const pb_report_ctx *ctx, const void *what, pb_error *err)
{
    const cli_simulated *x = what;
    (void)ctx;
    return pb_report_samples_csv(f, x->plan, x->res, err);
}

static pb_status w_compare_text(FILE *f, const pb_report_ctx *ctx, const void *what, pb_error *err)
{
    const cli_compared *x = what;
    return pb_report_compare_text(f, ctx, x->c, x->pairs, x->paired, x->n_pairs, err);
}

static pb_status w_compare_json(FILE *f, const pb_report_ctx *ctx, const void *what, pb_error *err)
{
    const cli_compared *x = what;
    return pb_report_compare_json(f, ctx, x->c, x->pairs, x->paired, x->n_pairs, err);
}

static pb_status w_compare_csv(FILE *f, const pb_report_ctx *ctx, const void *what, pb_error *err)
{
    return pb_report_compare_csv(f, ctx, ((const cli_compared *)what)->c, err);
}

static pb_status w_track_text(FILE *f, const pb_report_ctx *ctx, const void *what, pb_error *err)
{
    const cli_tracked *t = what;
    return pb_report_track_text(f, ctx, t->r, t->x, err);
}

static pb_status w_track_json(FILE *f, const pb_report_ctx *ctx, const void *what, pb_error *err)
{
    const cli_tracked *t = what;
    return pb_report_track_json(f, ctx, t->r, t->x, err);
}

static pb_status w_track_html(FILE *f, const pb_report_ctx *ctx, const void *what, pb_error *err)
{
    const cli_tracked *t = what;
    return pb_report_track_html(f, ctx, t->r, t->x, err);
}

static pb_status w_check_json(FILE *f, const pb_report_ctx *ctx, const void *what, pb_error *err)
{
    const cli_checked *c = what;
    return pb_report_check_json_tracked(f, ctx, c->rulebook, c->n_rules, c->gaps, c->n_gaps,
                                        c->audit, c->track, err);
}

static const struct {
    const char *command;
    int format;
    cli_writer write;
} WRITERS[] = {
    {"simulate", FORMAT_TEXT, w_simulate_text},
    {"simulate", FORMAT_JSON, w_simulate_json},
    {"simulate", FORMAT_CSV, w_samples_csv},
    {"compare", FORMAT_TEXT, w_compare_text},
    {"compare", FORMAT_JSON, w_compare_json},
    {"compare", FORMAT_CSV, w_compare_csv},
    {"seek", FORMAT_TEXT, w_seek_text},
    {"seek", FORMAT_JSON, w_seek_json},
    {"deal", FORMAT_TEXT, w_deal_text},
    {"deal", FORMAT_JSON, w_deal_json},
    {"frontier", FORMAT_TEXT, w_frontier_text},
    {"frontier", FORMAT_JSON, w_frontier_json},
    {"frontier", FORMAT_CSV, w_frontier_csv},
    {"brief", FORMAT_TEXT, w_brief_text},
    {"brief", FORMAT_JSON, w_brief_json},
    {"brief", FORMAT_MD, w_brief_md},
    {"brief", FORMAT_HTML, w_brief_html},
    {"page", FORMAT_TEXT, w_page_text},
    {"page", FORMAT_MD, w_page_md},
    {"page", FORMAT_HTML, w_page_html},
    {"page", FORMAT_JSON, w_page_json},
    {"check", FORMAT_TEXT, cli_write_check_text},
    {"check", FORMAT_JSON, w_check_json},
    {"track", FORMAT_TEXT, w_track_text},
    {"track", FORMAT_JSON, w_track_json},
    {"track", FORMAT_HTML, w_track_html},
    {"rehearse", FORMAT_TEXT, w_string},
    {"rehearse", FORMAT_JSON, w_string},
};

#define CLI_FORMAT_NAME(id, name) name,
static const char *const FORMAT_NAMES[] = {CLI_FORMATS(CLI_FORMAT_NAME)};
#undef CLI_FORMAT_NAME

const char *cli_format_name(int format)
{
    return format >= 0 && format < FORMAT_COUNT ? FORMAT_NAMES[format] : "?";
}

cli_writer cli_writer_find(const char *command, int format)
{
    for (size_t k = 0; k < sizeof WRITERS / sizeof *WRITERS; k++)
        if (WRITERS[k].format == format && !strcmp(WRITERS[k].command, command))
            return WRITERS[k].write;
    return NULL;
}

int cli_format_find(const char *command, const char *name)
{
    for (int k = 0; k < FORMAT_COUNT; k++)
        if (!strcmp(FORMAT_NAMES[k], name) && cli_writer_find(command, k))
            return k;
    return -1;
}

void cli_format_list(const char *command, char *buf, size_t cap)
{
    int have[FORMAT_COUNT], n = 0;
    for (int k = 0; k < FORMAT_COUNT; k++)
        if (cli_writer_find(command, k))
            have[n++] = k;
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && len < cap; i++) {
        const char *sep = !i ? "" : i == n - 1 ? " or " : ", ";
        int w = snprintf(buf + len, cap - len, "%s%s", sep, FORMAT_NAMES[have[i]]);
        len += w > 0 ? (size_t)w : 0;
    }
}

int cli_format_usage(const char *command, const char *hint, const char *arg)
{
    char list[64];
    cli_format_list(command, list, sizeof list);
    return cli_usage(hint, "--format takes %s, got '%s'", list, arg);
}
