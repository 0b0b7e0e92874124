/*
 * init_questions.c - the questions of 'pushback init', in the order a
 * manager asks about a proposal, each with its hint and the worked example's
 * answer as its default.
 *
 * The worked example is a small ML project (invoice field extraction for an
 * accounts-payable team, six milestones, three risks, three roles): every
 * section filled, so that 'check' has little left to ask. The table is the
 * single source of the order of an answers file (docs/init.md).
 */
#include <stddef.h>

#include "init_internal.h"

#define S1 "1. The idea and its value"
#define S2 "2. Scenarios and demos"
#define S3 "3. Literature, reusable work and public datasets"
#define S4 "4. The data"
#define S5 "5. The approaches"
#define S6 "6. The system"
#define S7 "7. Resources and people"
#define S8 "8. Milestones"
#define S9 "9. Risks, the ask, the manager and a similar past project"

#define ENDS "one entry at a time; Enter on an empty default (or -) ends the list"

/* A question outside lists; with choices; in a list (first question or not, fallback). */
#define Q(key, sec, prompt, hint, kind, ...)             \
    {                                                    \
        key, sec, prompt, hint, kind, NULL, 0, false, 0, \
        {                                                \
            __VA_ARGS__                                  \
        }                                                \
    }
#define QC(key, sec, prompt, hint, kind, choices, ...)      \
    {                                                       \
        key, sec, prompt, hint, kind, choices, 0, false, 0, \
        {                                                   \
            __VA_ARGS__                                     \
        }                                                   \
    }
#define QL(key, sec, prompt, hint, kind, list, starts, fb, ...) \
    {                                                           \
        key, sec, prompt, hint, kind, NULL, list, starts, fb,   \
        {                                                       \
            __VA_ARGS__                                         \
        }                                                       \
    }

const pb_init_question pb__init_table[] = {
    /* ==== 1. the idea ==== */
    Q("name", S1, "Project name", "a short title for reports", PB_INIT_TEXT,
      "Invoice field extraction"),
    Q("proposal.idea", S1, "The idea, in one sentence", "the problem it solves, and for whom",
      PB_INIT_TEXT,
      "Read supplier, amounts, dates and line items from scanned invoices so that accounts "
      "payable stops typing them in"),
    Q("proposal.value.claim", S1, "What it is worth, in words",
      "the benefit a manager can check, e.g. hours saved, revenue, fewer errors", PB_INIT_TEXT,
      "Accounts payable spends 1.5 full-time staff on typing in invoices"),
    Q("proposal.value.amount", S1, "Its value, as a number",
      "money per year (or per unit of time); the unit comes next", PB_INIT_NUMBER, "90000"),
    Q("proposal.value.unit", S1, "The unit of that value", "money per time, e.g. EUR/year",
      PB_INIT_TEXT, "EUR/year"),
    Q("proposal.value.source", S1, "Where that number comes from",
      "a report, a time study, a customer's quote: something a sceptic can check", PB_INIT_TEXT,
      "Accounts-payable time study, March 2026"),
    /* ==== 2. scenarios and demos ==== */
    Q("proposal.scenarios", S2, "Who uses it, and in which situations",
      "use cases separated by ';'", PB_INIT_TEXTS,
      "A clerk checks pre-filled fields instead of typing them; An auditor traces a booked "
      "amount back to the invoice image"),
    Q("proposal.demo", S2, "What the demo shows", "what a manager will see, on which data",
      PB_INIT_TEXT,
      "A clerk's inbox of 50 real invoices, pre-filled, the uncertain fields highlighted"),
    /* ==== 3. literature, reuse, datasets ==== */
    Q("proposal.literature.novelty", S3, "What exists already, and what is new in yours",
      "prior work, products, papers", PB_INIT_TEXT,
      "Layout-aware models reach 90-95% field accuracy on public invoices; new is our "
      "suppliers' layouts and the ERP hand-off"),
    QL("proposal.literature.reuse.name", S3, "Reusable work (code, model, library)", ENDS,
       PB_INIT_TEXT, PB__LIST_REUSE, true, PB__FB_END, "Donut document-understanding model",
       "Tesseract OCR"),
    QL("proposal.literature.reuse.license", S3, "its licence",
       "e.g. MIT, Apache-2.0, GPL-3.0, proprietary", PB_INIT_TEXT, PB__LIST_REUSE, false, 0, "MIT",
       "Apache-2.0"),
    QL("proposal.literature.reuse.url", S3, "where it is", "a URL, or none", PB_INIT_OPT_TEXT,
       PB__LIST_REUSE, false, PB__FB_NONE, "https://github.com/clovaai/donut",
       "https://github.com/tesseract-ocr/tesseract"),
    QL("proposal.datasets.name", S3, "Public dataset", ENDS, PB_INIT_TEXT, PB__LIST_DATASETS, true,
       PB__FB_END, "CORD receipts", "RVL-CDIP invoice class"),
    QL("proposal.datasets.license", S3, "its licence", "e.g. CC BY 4.0, research only",
       PB_INIT_TEXT, PB__LIST_DATASETS, false, 0, "CC BY 4.0", "IIT-CDIP terms"),
    QL("proposal.datasets.commercial", S3, "is commercial use allowed?", "yes or no", PB_INIT_YESNO,
       PB__LIST_DATASETS, false, 0, "yes", "no"),
    /* ==== 4. the data ==== */
    Q("proposal.data.volume", S4, "How much data you need", "a number; its unit comes next",
      PB_INIT_NUMBER, "20000"),
    Q("proposal.data.unit", S4, "The unit of that amount", "e.g. images, hours of audio, invoices",
      PB_INIT_TEXT, "invoices"),
    Q("proposal.data.collection", S4, "Who collects it, and from where",
      "a team, a system export, a partner", PB_INIT_TEXT,
      "The data team exports 2019-2025 invoices from the ERP archive and masks personal data"),
    QC("proposal.data.annotation", S4, "Who labels it", "team, crowd, vendor or mixed",
       PB_INIT_CHOICE, "team|crowd|vendor|mixed", "vendor"),
    Q("proposal.data.synthetic", S4, "Synthetic data: what it can replace", "or why it cannot help",
      PB_INIT_TEXT, "Invoices rendered from templates for rare layouts; never in the test set"),
    /* ==== 5. approaches ==== */
    QL("proposal.approaches.name", S5, "Approach",
       "include the off-the-shelf one a manager will ask about; " ENDS, PB_INIT_TEXT,
       PB__LIST_APPROACHES, true, PB__FB_END, "Fine-tuned layout model", "Cloud invoice API",
       "Template rules per supplier"),
    QL("proposal.approaches.pros", S5, "what speaks for it", "one line", PB_INIT_TEXT,
       PB__LIST_APPROACHES, false, 0, "Any layout; runs on our servers; no fee per page",
       "Works in a week, no training", "Exact on known suppliers"),
    QL("proposal.approaches.cons", S5, "what speaks against it", "one line", PB_INIT_TEXT,
       PB__LIST_APPROACHES, false, 0, "Needs 3,000 labelled invoices and GPU time",
       "EUR 0.01-0.05 a page, and invoices leave the company",
       "Breaks on every new layout; we have 400 suppliers"),
    QL("proposal.approaches.chosen", S5, "is it the one you propose?", "yes or no", PB_INIT_YESNO,
       PB__LIST_APPROACHES, false, PB__FB_NONE, "yes", "no", "no"),
    /* ==== 6. the system ==== */
    Q("proposal.system.owned", S6, "Modules we build and own", "separated by ';', or none",
      PB_INIT_TEXTS, "Extraction service; Review screen for clerks; Retraining pipeline"),
    Q("proposal.system.integrated", S6, "Modules we integrate", "separated by ';', or none",
      PB_INIT_TEXTS, "ERP invoice inbox; Tesseract OCR; Company single sign-on"),
    /* ==== 7. resources and people ==== */
    QC("proposal.resources.machines", S7, "Machines", "local, cloud or mixed", PB_INIT_CHOICE,
       "local|cloud|mixed", "mixed"),
    Q("proposal.resources.storage", S7, "Storage: how much, and where", "one line", PB_INIT_TEXT,
      "200 GB of invoice images on the NAS; training on rented cloud GPUs"),
    QC("unit", S7, "Time unit of every estimate and rate", "days, weeks or months", PB_INIT_CHOICE,
       "days|weeks|months", "weeks"),
    Q("currency", S7, "Currency", "a label such as EUR or USD", PB_INIT_TEXT, "EUR"),
    QL("team.role", S7, "Role", "a short id such as ml, data, backend; " ENDS, PB_INIT_ID,
       PB__LIST_TEAM, true, PB__FB_END, "ml", "data", "backend"),
    QL("team.people", S7, "people available", "a whole number", PB_INIT_COUNT, PB__LIST_TEAM, false,
       0, "2", "1", "1"),
    QL("team.rate", S7, "loaded cost", "salary, overhead and equipment", PB_INIT_NUMBER,
       PB__LIST_TEAM, false, 0, "2600", "1500", "2300"),
    /* ==== 8. milestones ==== */
    Q("start", S8, "Start date", "YYYY-MM-DD, or none; reports then show dates too", PB_INIT_DATE,
      "2027-03-01"),
    QL("milestones.id", S8, "id", "a short id such as collect or train; " ENDS, PB_INIT_ID,
       PB__LIST_MILESTONES, true, PB__FB_END, "collect", "label", "baseline", "train", "integrate",
       "pilot"),
    QL("milestones.name", S8, "what is done", "one line", PB_INIT_TEXT, PB__LIST_MILESTONES, false,
       PB__FB_ENTRY, "Export and mask 20,000 past invoices", "Vendor labels 3,000 invoices",
       "Baseline with an off-the-shelf document model",
       "Fine-tune the layout model to 95% field accuracy", "Hand-off to the ERP invoice inbox",
       "Pilot with the accounts-payable team"),
    QL("milestones.after", S8, "after which milestones", "earlier ids separated by ',', or none",
       PB_INIT_AFTER, PB__LIST_MILESTONES, false, PB__FB_PREV_MS, "none", "collect", "collect",
       "label, baseline", "train", "integrate"),
    QL("milestones.role", S8, "done by which role",
       "a role of the team (the estimate is then effort), or none (a calendar duration)",
       PB_INIT_ROLE, PB__LIST_MILESTONES, false, PB__FB_NONE, "data", "none", "ml", "ml", "backend",
       "none"),
    QL("milestones.high", S8, "latest plausible",
       "late enough to surprise you 1 time in 10; asked first so that no likely value anchors it",
       PB_INIT_HIGH, PB__LIST_MILESTONES, false, 0, "6", "8", "5", "12", "6", "4"),
    QL("milestones.low", S8, "earliest", "early enough to surprise you 1 time in 10", PB_INIT_LOW,
       PB__LIST_MILESTONES, false, PB__FB_CLAMP, "2", "3", "2", "4", "2", "2"),
    QL("milestones.likely", S8, "most likely", "between the earliest and the latest",
       PB_INIT_LIKELY, PB__LIST_MILESTONES, false, PB__FB_CLAMP, "3", "4", "3", "6", "3", "3"),
    QL("milestones.deliverable", S8, "can it be shown or shipped on its own?", "yes or no",
       PB_INIT_YESNO, PB__LIST_MILESTONES, false, PB__FB_NONE, "no", "no", "yes", "no", "no",
       "yes"),
    /* ==== 9. risks, the ask, the manager, history ==== */
    QL("risks.id", S9, "Risk id", "a short id such as scan-quality; " ENDS, PB_INIT_ID,
       PB__LIST_RISKS, true, PB__FB_END, "scan-quality", "accuracy", "erp-access"),
    QL("risks.name", S9, "what happens", "one line", PB_INIT_TEXT, PB__LIST_RISKS, false,
       PB__FB_ENTRY, "Old scans too poor to read; re-scan or drop them",
       "Accuracy target missed on rare layouts; another labelling round",
       "The ERP team is late with access to the inbox"),
    QL("risks.probability", S9, "probability", "in [0, 1], e.g. 0.3", PB_INIT_PROB, PB__LIST_RISKS,
       false, 0, "0.3", "0.35", "0.25"),
    QL("risks.milestone", S9, "which milestone it delays", "a milestone id", PB_INIT_MILESTONE,
       PB__LIST_RISKS, false, PB__FB_LAST_MS, "collect", "train", "integrate"),
    QL("risks.high", S9, "latest plausible", "if it happens; asked first, as for milestones",
       PB_INIT_HIGH, PB__LIST_RISKS, false, 0, "3", "6", "4"),
    QL("risks.low", S9, "earliest", "if it happens", PB_INIT_LOW, PB__LIST_RISKS, false,
       PB__FB_CLAMP, "0.5", "1", "1"),
    QL("risks.likely", S9, "most likely", "if it happens", PB_INIT_LIKELY, PB__LIST_RISKS, false,
       PB__FB_CLAMP, "1", "2", "2"),
    Q("ask.deadline", S9, "Deadline you ask for", "from the start", PB_INIT_POSITIVE, "22"),
    Q("ask.budget", S9, "Budget you ask for", "people, vendors and compute, all in",
      PB_INIT_POSITIVE, "60000"),
    Q("ask.confidence", S9, "Confidence you commit at", "in (0, 1); 0.8 is usual",
      PB_INIT_CONFIDENCE, "0.8"),
    Q("manager.deadline", S9, "The deadline your manager will likely ask for", "from the start",
      PB_INIT_POSITIVE, "16"),
    Q("manager.people", S9, "The head count your manager will likely offer", "a whole number",
      PB_INIT_COUNT, "3"),
    Q("manager.budget", S9, "The budget your manager will likely offer", "all in", PB_INIT_POSITIVE,
      "45000"),
    QL("history.name", S9, "A similar past project", ENDS, PB_INIT_TEXT, PB__LIST_HISTORY, true,
       PB__FB_END, "Receipt reading for expense claims (2025)"),
    QL("history.duration", S9, "how long it took", "a number", PB_INIT_POSITIVE, PB__LIST_HISTORY,
       false, 0, "14"),
    QL("history.people", S9, "with how many people", "a whole number", PB_INIT_COUNT,
       PB__LIST_HISTORY, false, 0, "3"),
    QL("history.size", S9, "its size relative to this one", "1 = the same size, 0.5 = half",
       PB_INIT_POSITIVE, PB__LIST_HISTORY, false, 0, "0.7"),
};

const size_t pb__init_n = sizeof pb__init_table / sizeof pb__init_table[0];

const pb_init_question *pb_init_questions(size_t *n)
{
    if (n)
        *n = pb__init_n;
    return pb__init_table;
}
