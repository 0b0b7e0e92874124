"$1" simulate tests/data/small.cfg -n 20000 --seed 7 -f json; echo "status $?"
