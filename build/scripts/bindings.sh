#!/usr/bin/env bash
# Regenerates frontend/wailsjs (TypeScript bindings of the bound Go methods and
# the Wails runtime) without the Wails CLI.
#   build/scripts/bindings.sh          write frontend/wailsjs
#   build/scripts/bindings.sh --check  fail if frontend/wailsjs is out of date
# The `bindings`-tagged binary runs main() up to wails.Run: it gets a throw-away
# HUDDLE_DATA so it never touches a real data directory.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

gen="$root/build/bin/wails-bindings"
go build -tags bindings,webkit2_41 -o "$gen" .

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/data" "$scratch/project"

if [[ "${1:-}" == "--check" ]]; then
  # Generate into a scratch project (same wails.json) and compare.
  cp wails.json "$scratch/project/"
  (cd "$scratch/project" && HUDDLE_DATA="$scratch/data" "$gen" >"$scratch/gen.log" 2>&1) ||
    { cat "$scratch/gen.log" >&2; echo "bindings: generation failed" >&2; exit 1; }
  if ! diff -ru frontend/wailsjs "$scratch/project/frontend/wailsjs" >"$scratch/diff" 2>&1; then
    head -n 60 "$scratch/diff" | sed "s|$scratch/project/||g" >&2
    echo "bindings: frontend/wailsjs is out of date with the Go code: run 'make bindings' and commit the result" >&2
    exit 1
  fi
else
  HUDDLE_DATA="$scratch/data" "$gen"
  echo "bindings: regenerated frontend/wailsjs"
fi
