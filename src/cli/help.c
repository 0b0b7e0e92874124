/*
 * help.c - the usage and help text of every command.
 *
 * 'NAME --help' prints cli_usage_NAME (synopsis form, first) and then
 * cli_help_NAME; 'pushback --help' lists the commands with the summaries of
 * COMMANDS[] (commands.c). Every option a help text shows must be in the man
 * page (src/cli/pushback.1): tests/cli/run.sh checks it.
 */
#include "help.h"

/* ==== simulate ==== */

const char cli_usage_simulate[] =
    "usage: pushback simulate [-hq] [-n N|auto] [-s seed] [-t threads] [-f text|json|csv]\n"
    "                         [-o file [--force]] [--samples file.csv [--force]]\n"
    "                         [--option name] [--set path=value]... [--drop id]...\n"
    "                         [--max-iterations N] [--no-detail] [--no-color] scenario.cfg\n";

const char cli_help_simulate[] =
    "\n"
    "Simulate the plan in a scenario and print risk-based estimates: percentiles of the\n"
    "finish and the cost with 95% intervals, the chance of meeting the ask, and per\n"
    "milestone and risk what drives the date.\n"
    "\n"
    "  -n, --iterations N|auto   iterations (default auto: until the 95% interval of P80\n"
    "                            is within 0.5% and that of P(deadline) within 0.5 points)\n"
    "      --max-iterations N    cap of the automatic mode (default 2000000)\n"
    "  -s, --seed S              random seed (default 1); same seed, same numbers\n"
    "  -t, --threads T           worker threads (default: the cores available);\n"
    "                            results do not depend on it\n"
    "  -f, --format text|json|csv output format (default text); csv: every iteration, as\n"
    "                            --samples writes it\n"
    "  -o, --output FILE         write the report to FILE (complete or not at all; never\n"
    "                            onto an input; a device or FIFO is written in place)\n"
    "      --option NAME         apply one of the scenario's options\n"
    "      --set PATH=VALUE      change one value, e.g. team.ml=3, ask.deadline=17,\n"
    "                            milestones.train.effort=[4,6,10] (repeatable)\n"
    "      --drop ID             remove a milestone; its successors keep its predecessors\n"
    "      --no-detail           skip per-milestone statistics (faster)\n"
    "      --samples FILE.csv    also write every iteration (durations, finishes, risks\n"
    "                            fired) as CSV; refuses to overwrite without --force\n"
    "      --force               overwrite an existing --samples file, replace a\n"
    "                            read-only -o file\n"
    "      --no-color            no colours in text output (also NO_COLOR)\n"
    "  -q, --quiet               no notes on stderr\n"
    "  -h, --help                this help\n"
    "\n"
    "Exit status: 0 done, 1 failure while running, 2 bad usage, 3 invalid scenario.\n";

/* ==== compare ==== */

const char cli_usage_compare[] =
    "usage: pushback compare [-hq] [-n N|auto] [-s seed] [-t threads] [-f text|json|csv]\n"
    "                        [-o file [--force]] [--pair A,B]... [--set path=value]...\n"
    "                        [--drop id]... [--max-iterations N] [--no-color] scenario.cfg\n";

const char cli_help_compare[] =
    "\n"
    "Simulate the base plan and every option of the scenario on the same random draws\n"
    "(same seed, same iteration count) and show them side by side, with each option's\n"
    "differences from the base computed iteration by iteration and their 95% intervals.\n"
    "\n"
    "  -n, --iterations N|auto   iterations of every plan (auto: decided on the base)\n"
    "      --max-iterations N    cap of the automatic mode (default 2000000)\n"
    "  -s, --seed S              random seed (default 1)\n"
    "  -t, --threads T           worker threads (default: the cores available)\n"
    "  -f, --format text|json|csv output format (default text); csv: a row per plan\n"
    "  -o, --output FILE         write the report to FILE (complete or not at all)\n"
    "      --force               replace a read-only -o file\n"
    "      --pair A,B            also compare option B with option A (base is a name too)\n"
    "      --set PATH=VALUE      change the base (and so every option) first\n"
    "      --drop ID             remove a milestone from every plan first\n"
    "      --no-color            no colours in text output (also NO_COLOR)\n"
    "  -q, --quiet               no notes on stderr\n"
    "  -h, --help                this help\n";

/* ==== seek ==== */

const char cli_usage_seek[] =
    "usage: pushback seek [-hq] [-n N] [-s seed] [-t threads] [-f text|json] [-o file [--force]]\n"
    "                     [--confidence C] [--deadline D] [--budget B] [--option name]\n"
    "                     [--set path=value]... [--drop id]... [--no-color] scenario.cfg\n";

const char cli_help_seek[] =
    "\n"
    "What it takes to finish by the deadline at the confidence: the date and budget at\n"
    "that confidence, the fewest people per role and in total, the smallest scope cut,\n"
    "which deliverables make it (staged delivery), how far each risk and the most\n"
    "sensitive estimates must move to change the answer, and the deadline/confidence\n"
    "curve. Every trial runs on the same random draws.\n"
    "\n"
    "      --confidence C        default: the scenario's ask.confidence (0.8)\n"
    "      --deadline D          default: ask.deadline\n"
    "      --budget B            default: ask.budget\n"
    "  -n, --iterations N        iterations per trial (default 10000; the base run 10x)\n"
    "  -s, --seed S              random seed (default 1)\n"
    "  -t, --threads T           worker threads (default: the cores available)\n"
    "  -f, --format text|json    output format (default text)\n"
    "  -o, --output FILE         write the report to FILE (complete or not at all)\n"
    "      --force               replace a read-only -o file\n"
    "      --option NAME         seek on one of the scenario's options\n"
    "      --set PATH=VALUE      change one value first (repeatable)\n"
    "      --drop ID             remove a milestone first (repeatable)\n"
    "      --no-color            no colours in text output (also NO_COLOR)\n"
    "  -q, --quiet               no notes on stderr\n"
    "  -h, --help                this help\n";

/* ==== deal ==== */

const char cli_usage_deal[] =
    "usage: pushback deal [-h] [--deadline D] [--budget B] [--confidence C]\n"
    "                     [--people N | --team ROLE=N,...] [--choose CHOICE=ALT]...\n"
    "                     [--drop ID]... [--set PATH=VALUE]... [--metric] [-n N] [-s seed]\n"
    "                     [--max-iterations N] [-t threads] [-f text|json] scenario.cfg\n";

const char cli_help_deal[] =
    "\nEvaluate one deal: P(finish <= deadline and cost <= budget) with its interval,\n"
    "the verdict at the confidence (holds, fails, too close to call), the marginals,\n"
    "the date and cost at the confidence, and the cost of delay.\n\n"
    "  --deadline D              the date promised (default: the scenario's ask)\n"
    "  --budget B                the money promised (default: the scenario's ask)\n"
    "  --confidence C            in (0, 1) (default: the scenario's, else 0.8)\n"
    "  --people N                the best allocation of N people across the roles\n"
    "  --team ROLE=N,...         people per role, exactly (never rounded up)\n"
    "  --choose CHOICE=ALT       take alternative ALT of choice CHOICE (repeatable)\n"
    "  --drop ID                 drop an optional milestone (repeatable)\n"
    "      --set PATH=VALUE      change one value, as simulate --set (repeatable)\n"
    "      --metric              promise the metric too: every experiment loop and\n"
    "                            the learning curve's target met\n"
    "  -n, --iterations N        first round (default 16384; doubled while too close)\n"
    "      --max-iterations N    cap of the doubling (default 262144); equal to -n: exactly\n"
    "                            N iterations, as the brief's deals are evaluated\n"
    "  -s, --seed S              random seed (default 1)\n"
    "  -t, --threads T           worker threads (default: the cores available)\n"
    "  -f, --format F            text (default) or json\n"
    "  -h, --help                this help\n";

/* ==== frontier ==== */

const char cli_usage_frontier[] =
    "usage: pushback frontier [-h] [--confidence C] [--deadline D] [--budget B]\n"
    "                         [--extra-people K] [-n N] [-s seed] [-t threads]\n"
    "                         [-f text|json|csv] scenario.cfg\n";

const char cli_help_frontier[] =
    "\nSearch the levers (team per role, one alternative per choice, optional scope)\n"
    "for the deals not dominated on date, cost, people and value kept at the\n"
    "confidence; the walk-away point; and, with the manager's asks, the best third\n"
    "ask for each two held.\n\n"
    "  --confidence C            in (0, 1) (default: the scenario's, else 0.8)\n"
    "  --deadline D              the promise each deal's joint is measured against\n"
    "  --budget B                  (default: the scenario's ask)\n"
    "  --extra-people K          a role's bound: its planned size + K (default 2)\n"
    "  -n, --iterations N        per deal (default 4096)\n"
    "  -s, --seed S              random seed (default 1)\n"
    "  -t, --threads T           worker threads (default: the cores available)\n"
    "  -f, --format F            text (default), json or csv\n"
    "  -h, --help                this help\n";

/* ==== brief ==== */

const char cli_usage_brief[] =
    "usage: pushback brief [-hq] [-n N] [-s seed] [-t threads] [-f text|md|html|json]\n"
    "                      [--for engineer|manager]\n"
    "                      [--actuals file.csv] [--as-of when] [--calibration file.csv]\n"
    "                      [-o file [--force]] [--rulebook file] [--option name]\n"
    "                      [--set path=value]... [--drop id]... [--no-color] scenario.cfg\n";

const char cli_help_brief[] =
    "\n"
    "The negotiation brief: the estimate (P50 as the target, P80 as the commitment, the\n"
    "walk-away point), the pushback a manager will raise in order of pressure, each with\n"
    "the answer or a concession and counter-offers with their own simulated numbers, the\n"
    "options compared, the proposal's gaps, and how to reproduce every number.\n"
    "\n"
    "      --rulebook FILE       the manager's rules (default: the scenario's 'rulebook',\n"
    "                            else the default built into pushback, a copy of\n"
    "                            scenarios/rulebooks/manager.cfg)\n"
    "      --for READER          engineer (default: the prep sheet) or manager (the\n"
    "                            proposal page: commitment, plan, choices, trade-offs, risks)\n"
    "      --actuals FILE.csv    actuals from a CSV file over the scenario's, as 'track'\n"
    "                            reads them: the brief is on the remaining work\n"
    "      --as-of WHEN          the date of the actuals: YYYY-MM-DD or units since the start\n"
    "      --calibration FILE.csv  past estimates and actuals (low, likely, high, actual)\n"
    "                            added to the scenario's 'calibration' list\n"
    "  -n, --iterations N        iterations of the base plan (default 100000)\n"
    "  -s, --seed S              random seed (default 1)\n"
    "  -t, --threads T           worker threads (default: the cores available)\n"
    "  -f, --format FORMAT       text (default), md, html (one self-contained page with\n"
    "                            charts) or json\n"
    "  -o, --output FILE         write the brief to FILE (complete or not at all)\n"
    "      --force               replace a read-only -o file\n"
    "      --option NAME         brief one of the scenario's options\n"
    "      --set PATH=VALUE      change one value first (repeatable)\n"
    "      --drop ID             remove a milestone first (repeatable)\n"
    "      --no-color            accepted for symmetry (the brief has no colours)\n"
    "  -q, --quiet               no notes on stderr\n"
    "  -h, --help                this help\n";

/* ==== rehearse ==== */

const char cli_usage_rehearse[] =
    "usage: pushback rehearse [-hq] [-n N] [-s seed] [-t threads] [-o transcript.md [--force]]\n"
    "                         [--persona product|finance|techlead] [--answers file]\n"
    "                         [-f text|json] [--no-anchor] [--rulebook file] [--option name]\n"
    "                         [--set path=value]... [--drop id]... [--no-color] scenario.cfg\n";

const char cli_help_rehearse[] =
    "\n"
    "Rehearse the meeting as a negotiation: first your own three-point estimate (before any\n"
    "anchor), then the manager (a persona) pushes back; each answer is read and said back,\n"
    "may change the deal (shown in one line, simulated jointly, after each turn), and the\n"
    "manager pockets what you concede. At the end, or on quit, a debrief scores the session\n"
    "and gives the line to say instead. Answers are read line by line from standard input\n"
    "or --answers. Commands at the prompt: why (the evidence), what-if PATH=VALUE\n"
    "(re-simulate with one change), skip, help, quit.\n"
    "\n"
    "  -o, --output FILE         the Markdown transcript (default rehearsal.md; - for stdout);\n"
    "                            an existing file is kept unless --force\n"
    "      --force               overwrite an existing transcript\n"
    "      --no-anchor           do not ask for your own estimate first\n"
    "      --persona NAME        the manager: product (dates; the default), finance (money)\n"
    "                            or techlead (the approach, build or buy, the data)\n"
    "      --answers FILE        read the answers from FILE (a scripted drill)\n"
    "  -f, --format text|json    text: the conversation and a Markdown transcript (default);\n"
    "                            json: the turns and the debrief, no conversation\n"
    "      --rulebook FILE       the manager's rules (instead of a persona)\n"
    "  -n, --iterations N        iterations of the brief and of every deal of the session\n"
    "                            (default 8192)\n"
    "  -s, --seed S              random seed (default 1)\n"
    "  -t, --threads T           worker threads (default: the cores available)\n"
    "      --option NAME         rehearse one of the scenario's options\n"
    "      --set PATH=VALUE      change one value first (repeatable)\n"
    "      --drop ID             remove a milestone first (repeatable)\n"
    "      --no-color            accepted for symmetry (the rehearsal has no colours)\n"
    "  -q, --quiet               no notes on stderr\n"
    "  -h, --help                this help\n";

/* ==== check ==== */

const char cli_usage_check[] =
    "usage: pushback check [-hq] [-f text|json] [--rulebook file] [--option name]\n"
    "                      [--set path=value]... [--drop id]... [--no-color] scenario.cfg\n";

const char cli_help_check[] =
    "\n"
    "Load and validate a scenario (and the option, --set and --drop given): every problem\n"
    "is reported as FILE:LINE: message with exit status 3. A valid scenario's proposal is\n"
    "then linted: each missing section becomes the question a manager would ask, ranked\n"
    "by how much it would hurt, with what to add. The rulebook is validated too.\n"
    "\n"
    "  -f, --format text|json    output format (default text)\n"
    "      --rulebook FILE       validate this rulebook against the scenario\n"
    "      --option NAME         apply one of the scenario's options first\n"
    "      --set PATH=VALUE      change one value first (repeatable)\n"
    "      --drop ID             remove a milestone first (repeatable)\n"
    "      --no-color            accepted for symmetry (check has no colours)\n"
    "  -q, --quiet               print nothing when the scenario is valid\n"
    "  -h, --help                this help\n";

/* ==== import ==== */

const char cli_usage_import[] =
    "usage: pushback import [-h] [--from csv|tsv|mcprojsim] [--unit days|weeks|months]\n"
    "                       [-o out.cfg [--force]] tasks.csv|tasks.tsv|project.yaml|-\n";

const char cli_help_import[] =
    "\n"
    "Turn a task list exported from a spreadsheet or a tracker (CSV or TSV, Jira exports\n"
    "too) or an mcprojsim project file into a scenario skeleton that 'pushback check'\n"
    "accepts. The scenario goes to stdout or to -o; a report on stderr says which column\n"
    "became what, what was left out and why. Values the importer invented carry a\n"
    "'# set this' comment. '-' reads standard input. Mapping tables: docs/import.md.\n"
    "\n"
    "      --from csv|tsv|mcprojsim  input format (default: mcprojsim for .yaml and .yml,\n"
    "                            else CSV with the separator ',', ';' or tab detected\n"
    "                            from the header row)\n"
    "      --unit days|weeks|months  the scenario's unit (default weeks; days for\n"
    "                            mcprojsim); estimates are converted with 8-hour days\n"
    "                            and 5-day weeks\n"
    "  -o, --output FILE         write the scenario to FILE (complete or not at all)\n"
    "      --force               overwrite an existing FILE\n"
    "  -h, --help                this help\n"
    "\n"
    "Exit status: 0 done, 1 failure while writing, 2 bad usage, 3 invalid task list.\n";

/* ==== init ==== */

const char cli_usage_init[] =
    "usage: pushback init [-h] [-o file] [--force] [--answers file | --defaults]\n";

const char cli_help_init[] =
    "\n"
    "Write a first scenario by answering the questions a manager asks about a\n"
    "proposal: the idea and its value, scenarios and demos, literature and datasets,\n"
    "the data, the approaches, the system, resources and people, milestones (the\n"
    "latest plausible estimate first, then the earliest, then the likely), risks,\n"
    "the ask, the manager's likely asks and a similar past project. An empty answer\n"
    "takes the default in brackets; the defaults make a complete worked example.\n"
    "\n"
    "  -o, --output FILE   write the scenario to FILE (default: standard output)\n"
    "      --force         overwrite an existing FILE\n"
    "      --answers FILE  read the answers from FILE (- for standard input), one per\n"
    "                      line, in the order asked (docs/init.md); '#' lines are\n"
    "                      comments\n"
    "      --defaults      ask nothing: write the worked example\n"
    "  -h, --help          this help\n"
    "\n"
    "Exit status: 0 written, 1 failure while running, 2 bad usage, 3 invalid answers.\n";

/* ==== track ==== */

const char cli_usage_track[] =
    "usage: pushback track [-h] [--actuals FILE.csv] [--as-of WHEN] [--calibration FILE.csv]\n"
    "                      [--calibrated] [-n N] [-s seed] [-t threads]\n"
    "                      [-f text|json|html] [-o file [--force]] scenario.cfg\n";

const char cli_help_track[] =
    "\nRe-forecast a project from its actuals (docs/track.md): the planned and the\n"
    "re-forecast P50 and P80 on the same seed, the milestones behind the slip, and\n"
    "the buffer (P80 - P50 at the start) as a fever chart.\n\n"
    "      --actuals FILE.csv    actuals from a CSV file (id, status, actual, elapsed,\n"
    "                            remaining_low, remaining_likely, remaining_high)\n"
    "      --as-of WHEN          the date of the actuals: YYYY-MM-DD or units since the start\n"
    "      --calibration FILE.csv  past estimates and actuals (low, likely, high, actual)\n"
    "                            added to the scenario's 'calibration' list\n"
    "      --calibrated          also re-forecast with every estimate calibrated (except\n"
    "                            milestones with source = \"data\")\n"
    "  -n, --iterations N        iterations (default: automatic, as simulate)\n"
    "  -s, --seed S              random seed (default 1)\n"
    "  -t, --threads T           worker threads (default: the cores available)\n"
    "  -f, --format F            text (default), json, or html (the fever chart)\n"
    "  -o, --output FILE         write the report to FILE (complete or not at all)\n"
    "      --force               overwrite a read-only FILE\n"
    "  -h, --help                this help\n";
