/*
 * test_escape.c - scenario text made safe (report_escape.c): terminal
 * controls, Markdown markup, invalid UTF-8, CSV formula cells; and a
 * scenario read from a stream with the limits of a file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "helpers.h"
#include "report_internal.h"

static void check_escape(const char *in, pb_escape how, const char *want)
{
    char *got = pb_text_escape(in, how);
    cr_assert_not_null(got);
    cr_assert_str_eq(got, want, "escape of '%s'", in);
    free(got);
}

Test(escape, terminal_controls_become_question_marks, .init = test_setup)
{
    check_escape("a\x1b[31mred\x1b[0m", PB_ESCAPE_TEXT, "a?[31mred?[0m");
    check_escape("bell\x07 del\x7f", PB_ESCAPE_TEXT, "bell? del?");
    check_escape("csi \xc2\x9b"
                 "2J nbsp \xc2\xa0",
                 PB_ESCAPE_TEXT, "csi ?2J nbsp \xc2\xa0");
    check_escape("two\nlines\ttab\r", PB_ESCAPE_TEXT, "two lines tab ");
    check_escape("<b>*x*</b>", PB_ESCAPE_TEXT, "<b>*x*</b>");
    check_escape(NULL, PB_ESCAPE_TEXT, "");
}

Test(escape, invalid_utf8_becomes_replacement_characters, .init = test_setup)
{
    check_escape("a\xff\xfe"
                 "b",
                 PB_ESCAPE_TEXT,
                 "a\xef\xbf\xbd\xef\xbf\xbd"
                 "b");
    check_escape("\xc3\x28", PB_ESCAPE_TEXT, "\xef\xbf\xbd(");
    check_escape("\xe0\x80\x80", PB_ESCAPE_TEXT, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    check_escape("\xed\xa0\x80", PB_ESCAPE_TEXT, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    check_escape("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", PB_ESCAPE_TEXT,
                 "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
}

Test(escape, markdown_markup_is_inert, .init = test_setup)
{
    check_escape("<script>alert(1)</script>", PB_ESCAPE_MD,
                 "&lt;script&gt;alert(1)&lt;/script&gt;");
    check_escape("[x](javascript:alert(1))", PB_ESCAPE_MD, "\\[x\\](javascript:alert(1))");
    check_escape("![i](http://x/i.png)", PB_ESCAPE_MD, "\\!\\[i\\](http://x/i.png)");
    check_escape("a|b\nc", PB_ESCAPE_MD, "a\\|b c");
    check_escape("*e* _u_ `c` ~s~ \\ & 3.5", PB_ESCAPE_MD,
                 "\\*e\\* \\_u\\_ \\`c\\` \\~s\\~ \\\\ &amp; 3.5");
}

Test(escape, text_clean_cuts_at_a_character_boundary, .init = test_setup)
{
    char buf[6];
    /* "ab€€": 2 + 3 + 3 bytes; 5 fit, so the second euro sign is dropped whole */
    cr_assert_str_eq(pb__text_clean(buf, sizeof buf, "ab\xe2\x82\xac\xe2\x82\xac"),
                     "ab\xe2\x82\xac");
}

/* The CSV cell of s, as written. */
static void check_cell(const char *s, const char *want)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_not_null(f);
    pb__csv_cell(f, s);
    fclose(f);
    cr_assert_str_eq(buf, want, "cell of '%s'", s);
    free(buf);
}

Test(escape, csv_formula_cells_are_neutralised, .init = test_setup)
{
    check_cell("=1+2", "\"'=1+2\"");
    check_cell("+cmd|' /C calc'!A0", "\"'+cmd|' /C calc'!A0\"");
    check_cell("-plan.duration", "\"'-plan.duration\"");
    check_cell("@SUM(A1)", "\"'@SUM(A1)\"");
    check_cell("\tx", "\"'\tx\"");
    check_cell("\rx", "\"'\rx\"");
    check_cell("-1.5", "-1.5");
    check_cell("-2e-3", "-2e-3");
    check_cell("-", "\"'-\"");
    check_cell("a,b", "\"a,b\"");
    check_cell("say \"hi\"", "\"say \"\"hi\"\"\"");
    check_cell("plain", "plain");
}

Test(escape, a_scenario_from_a_stream_has_the_limits_of_a_file, .init = test_setup)
{
    pb_error e;
    pb_scenario *s = NULL;
    FILE *f = fopen(test_data("small.cfg"), "rb");
    cr_assert_not_null(f);
    cr_assert_eq(pb_scenario_read(f, "<stdin>", &s, &e), PB_OK, "%s", e.msg);
    fclose(f);
    pb_scenario *t = NULL;
    cr_assert_eq(pb_scenario_load(test_data("small.cfg"), &t, &e), PB_OK);
    cr_assert_str_eq(s->sha256, t->sha256);
    cr_assert_eq(s->n_milestones, t->n_milestones);
    pb_scenario_free(s);
    pb_scenario_free(t);

    static const char nul[] = "version = 1;\n\nname = \"a\0b\";\n";
    f = fmemopen((void *)nul, sizeof nul - 1, "rb");
    cr_assert_not_null(f);
    cr_assert_eq(pb_scenario_read(f, "<stdin>", &s, &e), PB_ERR_INVALID);
    fclose(f);
    cr_assert_null(s);
    cr_assert_str_eq(e.file, "<stdin>");
    cr_assert_eq(e.line, 3);

    f = fmemopen((void *)"version = 1;\nmilestones = (", 26, "rb");
    cr_assert_eq(pb_scenario_read(f, "<stdin>", &s, &e), PB_ERR_INVALID);
    fclose(f);
    cr_assert_str_eq(e.file, "<stdin>");
    cr_assert_eq(e.line, 2);
}
