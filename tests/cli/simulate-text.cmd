"$1" simulate tests/data/small.cfg -n 20000 --seed 7 --no-color; echo "status $?"
