# import of tasks.tsv: the scenario on stdout, then the mapping report on stderr
"$1" import tests/data/import/tasks.tsv 2>/dev/null
echo "--- stderr"
"$1" import tests/data/import/tasks.tsv 2>&1 >/dev/null
