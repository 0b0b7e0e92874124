# import of jira.csv: the scenario on stdout, then the mapping report on stderr
"$1" import tests/data/import/jira.csv 2>/dev/null
echo "--- stderr"
"$1" import tests/data/import/jira.csv 2>&1 >/dev/null
