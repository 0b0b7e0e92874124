"$1" import tests/data/import/readme.csv; echo "status $?"
