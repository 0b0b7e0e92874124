"$1" init --defaults; echo "status $?"
