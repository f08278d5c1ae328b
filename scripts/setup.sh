#!/usr/bin/env bash
# Installs what Polo needs on a fresh machine: the embedded ClickHouse engine (libchdb.so from npm, ~560 MB unpacked,
# never committed) and NuGet packages. With --browser also Debian's Chromium for the end-to-end tests.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
CHDB_PACKAGE="@chdb/lib-linux-x64-gnu@26.7.3-stable.1"
AXE_PACKAGE="axe-core@4.14.1"

if [ ! -s "$root/.chdb/libchdb.so" ]; then
  echo "setup: fetching embedded ClickHouse ($CHDB_PACKAGE) via npm…"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "$CHDB_PACKAGE" >/dev/null && tar xzf ./*.tgz package/libchdb.so)
  mkdir -p "$root/.chdb"
  mv "$tmp/package/libchdb.so" "$root/.chdb/libchdb.so"
  rm -rf "$tmp"
fi
echo "setup: libchdb at $root/.chdb/libchdb.so"

# axe-core for the accessibility check (tests/Polo.E2E.Tests/Accessibility): one script, never committed.
if [ ! -s "$root/.axe/axe.min.js" ]; then
  echo "setup: fetching $AXE_PACKAGE via npm…"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "$AXE_PACKAGE" >/dev/null && tar xzf ./*.tgz package/axe.min.js)
  mkdir -p "$root/.axe"
  mv "$tmp/package/axe.min.js" "$root/.axe/axe.min.js"
  rm -rf "$tmp"
fi
echo "setup: axe-core at $root/.axe/axe.min.js"

if [ "${1:-}" = "--browser" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "setup: installing Debian chromium for end-to-end tests…"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

dotnet restore "$root/Polo.Blazor.sln" --verbosity quiet
