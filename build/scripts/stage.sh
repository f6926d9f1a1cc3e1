#!/usr/bin/env bash
# Runs one named stage of `make test`, timing it:
#   build/scripts/stage.sh <name> <command> [args...]
#   build/scripts/stage.sh --summary      # prints the timings of this run
#   build/scripts/stage.sh --reset        # starts a new run
# Timings go to build/test-timings.log. A failing stage stops the run with its status.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
log="$root/build/test-timings.log"
mkdir -p "$root/build"

case "${1:-}" in
--reset)
  : >"$log"
  date +%s >"$log.start"
  exit 0
  ;;
--summary)
  total=0
  [[ -f "$log.start" ]] && total=$(($(date +%s) - $(cat "$log.start")))
  printf '\n%-22s %8s\n' "stage" "seconds"
  printf '%-22s %8s\n' "----------------------" "--------"
  while IFS=$'\t' read -r name secs status; do
    printf '%-22s %8s  %s\n' "$name" "$secs" "$status"
  done <"$log"
  printf '%-22s %8s\n' "total (wall)" "$total"
  rm -f "$log.start"
  exit 0
  ;;
esac

name="$1"
shift
printf '\n==> %s\n' "$name"
start=$(date +%s.%N)
"$@"
rc=$?
secs=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
if ((rc == 0)); then
  printf '%s\t%s\tok\n' "$name" "$secs" >>"$log"
  printf '<== %s: ok (%ss)\n' "$name" "$secs"
else
  printf '%s\t%s\tFAILED (exit %d)\n' "$name" "$secs" "$rc" >>"$log"
  printf '<== %s: FAILED (exit %d) after %ss\n' "$name" "$rc" "$secs" >&2
  "$0" --summary >&2
fi
exit "$rc"
