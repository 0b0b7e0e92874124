"$1" init --answers tests/data/init-answers.txt; echo "status $?"
