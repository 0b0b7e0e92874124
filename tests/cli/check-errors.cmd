"$1" check tests/bad/04-misspelled-durration.cfg; echo "status $?"
"$1" simulate tests/data/small.cfg --set milestones.model.efort=3; echo "status $?"
"$1" simulate tests/data/small.cfg --set team.ml=0; echo "status $?"
