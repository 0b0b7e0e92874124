# import of mcprojsim.yaml: the scenario on stdout, then the mapping report on stderr
"$1" import --from mcprojsim tests/data/import/mcprojsim.yaml 2>/dev/null
echo "--- stderr"
"$1" import --from mcprojsim tests/data/import/mcprojsim.yaml 2>&1 >/dev/null
