#!/usr/bin/env bash
# One command: set up and run Polo with the demo estate on http://localhost:5000.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"
cd "$root"
exec dotnet run --project Polo.Web -c Release -- "$@"
