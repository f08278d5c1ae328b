#!/usr/bin/env bash
# One command: set up (engine, browser) and run every test project; ends with "N passed, N failed".
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh" --browser || exit 1
cd "$root"
log="$(mktemp)"
dotnet test Polo.Blazor.sln -c Release --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
# CI shows only the tail of the output: repeat every failure (name, message, top of the stack) at the end.
if grep -qE '^\s+Failed [A-Za-z]' "$log"; then
  echo "---- failed tests ----"
  awk '/^[[:space:]]+Failed [A-Za-z]/ {n=25} n>0 {print; n--}' "$log" | grep -vE '^[[:space:]]+at (Xunit|System\.Runtime|System\.Threading)' | head -150
  echo "----"
fi
rm -f "$log"
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then echo "no test ran"; exit 1; fi
exit "$status"
