"$1" brief scenarios/triage-assistant.cfg -n 20000 --seed 3 -f md; echo "status $?"
