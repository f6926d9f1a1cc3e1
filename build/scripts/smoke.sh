#!/usr/bin/env bash
# Production smoke test: runs build/bin/huddle --demo on its own Xvfb display,
# waits for the app to log "inbox rendered", screenshots the whole X screen to
# build/screenshots/smoke.png and fails if the picture is blank.
#
# Knobs (environment):
#   HUDDLE_BIN            binary to test (default build/bin/huddle)
#   SMOKE_TIMEOUT         seconds to wait in total (default 120; covers seeding --demo)
#   SMOKE_REQUIRE_READY   1 (default): the app must log "inbox rendered" (app/ logs it when
#                         the frontend reports its first painted inbox page). 0: fallback
#                         for an app that does not log it: after SMOKE_FALLBACK_AFTER
#                         seconds (default 20) a non-blank screen is accepted with a warning.
#   SMOKE_MIN_COLOURS     minimum distinct colours on screen (default 200)
#   SMOKE_MAX_DOMINANT    maximum share of the most common colour (default 0.95)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bin="${HUDDLE_BIN:-$root/build/bin/huddle}"
total_timeout="${SMOKE_TIMEOUT:-120}"
fallback_after="${SMOKE_FALLBACK_AFTER:-20}"
require_ready="${SMOKE_REQUIRE_READY:-1}"
min_colours="${SMOKE_MIN_COLOURS:-200}"
max_dominant="${SMOKE_MAX_DOMINANT:-0.95}"
shots="$root/build/screenshots"
shot="$shots/smoke.png"

say() { printf 'smoke: %s\n' "$*"; }
fail() {
  printf 'smoke: FAIL: %s\n' "$*" >&2
  if [[ -s "${work:-/nonexistent}/app.log" ]]; then
    printf 'smoke: last lines of the app output:\n' >&2
    tail -n 30 "$work/app.log" | sed 's/^/    /' >&2
  fi
  exit 1
}

for tool in Xvfb xwd convert identify setsid; do
  command -v "$tool" >/dev/null 2>&1 || fail "'$tool' not found (run build/scripts/setup.sh)"
done
[[ -x "$bin" ]] || fail "binary not found: $bin (run 'make build')"

work="$(mktemp -d "${TMPDIR:-/tmp}/huddle-smoke.XXXXXX")"
xvfb_pid=""
app_pid=""

# kill_tree PID: TERM, then KILL, the process group led by PID and all descendants.
descendants() {
  local p
  for p in $(ps -o pid= --ppid "$1" 2>/dev/null); do
    echo "$p"
    descendants "$p"
  done
}
alive() { [[ -n "$(ps -o stat= -p "$1" 2>/dev/null | grep -v Z)" ]]; }
kill_tree() {
  local leader="$1" pids p i
  pids="$leader $(descendants "$leader") $(ps -o pid= -g "$leader" 2>/dev/null || true)"
  kill -TERM -- "-$leader" 2>/dev/null || true
  for p in $pids; do kill -TERM "$p" 2>/dev/null || true; done
  for i in $(seq 50); do
    local any=0
    for p in $pids; do alive "$p" && any=1; done
    ((any)) || return 0
    sleep 0.1
  done
  kill -KILL -- "-$leader" 2>/dev/null || true
  for p in $pids; do kill -KILL "$p" 2>/dev/null || true; done
}

cleanup() {
  local rc=$?
  [[ -n "$app_pid" ]] && kill_tree "$app_pid"
  [[ -n "$xvfb_pid" ]] && kill_tree "$xvfb_pid"
  wait 2>/dev/null || true
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- X server on a free display: Xvfb picks the number and reports it on fd 3 ----
mkfifo "$work/displayfd"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset \
  3>"$work/displayfd" >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
display=""
if ! read -r -t 15 display <"$work/displayfd" || [[ -z "$display" ]]; then
  cat "$work/xvfb.log" >&2 || true
  fail "Xvfb did not report a display within 15 s"
fi
say "Xvfb on :$display"

# --- the app, in its own session/process group ---------------------------------------
mkdir -p "$work/data" "$shots"
: >"$work/app.log" # exists before the background job opens it
(
  unset DBUS_SESSION_BUS_ADDRESS XAUTHORITY WAYLAND_DISPLAY
  export DISPLAY=":$display" NO_AT_BRIDGE=1 GDK_BACKEND=x11
  exec setsid "$bin" --data "$work/data" --demo
) >"$work/app.log" 2>&1 &
app_pid=$!
say "started $(basename "$bin") (pid $app_pid) --data <temp> --demo"

# check_screen: screenshot to $shot; sets $reason ("" = looks like an app), $colours, $share.
check_screen() {
  reason=""
  if ! xwd -root -silent -display ":$display" 2>"$work/xwd.log" | convert xwd:- "png:$shot" 2>"$work/convert.log"; then
    reason="screenshot failed: $(cat "$work/xwd.log" "$work/convert.log")"
    return
  fi
  colours="$(identify -format '%k' "$shot")"
  local total top
  total="$(identify -format '%[fx:w*h]' "$shot")"
  # (no `head` in pipelines: with pipefail an early exit means SIGPIPE)
  top="$(convert "$shot" -format %c histogram:info:- | awk '{ n = $1 + 0; if (n > m) m = n } END { print m + 0 }')"
  share="$(awk -v t="$top" -v n="$total" 'BEGIN { printf "%.3f", t / n }')"
  if ((colours <= min_colours)); then
    reason="screen looks blank: only $colours distinct colours (need > $min_colours)"
  elif awk -v s="$share" -v m="$max_dominant" 'BEGIN { exit !(s > m) }'; then
    reason="screen looks blank: one colour covers $(pct "$share")% of it (max $(pct "$max_dominant")%)"
  fi
}
pct() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 100 }'; }

start=$SECONDS
ready=0
fallback=0
reason="nothing checked yet"
next_look=$fallback_after
while :; do
  elapsed=$((SECONDS - start))
  if line=$(grep -s -m1 'inbox rendered' "$work/app.log"); then
    ready=1
    say "app logged 'inbox rendered' after ${elapsed} s: ${line#*msg=}"
    # The demo inbox is never empty: a first page with no rows means the read path is broken.
    [[ "$line" =~ rows=([0-9]+) ]] && ((BASH_REMATCH[1] > 0)) ||
      fail "the first inbox page rendered no conversations: $line"
    break
  fi
  if ! alive "$app_pid"; then
    wait "$app_pid" && rc=0 || rc=$?
    app_pid=""
    fail "the app exited (status $rc) before rendering the inbox"
  fi
  if ((elapsed >= total_timeout)); then
    if [[ "$require_ready" == 1 ]]; then
      fail "no 'inbox rendered' line within $total_timeout s"
    fi
    fail "no 'inbox rendered' line and no usable screen within $total_timeout s: $reason (see ${shot#"$root"/})"
  fi
  # Fallback while the app does not log the line: accept a screen that is not blank.
  if [[ "$require_ready" != 1 ]] && ((elapsed >= next_look)); then
    check_screen
    if [[ -z "$reason" ]]; then
      fallback=1
      say "WARNING: no 'inbox rendered' line after ${elapsed} s; the screen is not blank, accepting it"
      break
    fi
    next_look=$((elapsed + 2))
  fi
  sleep 0.2
done

if ((ready)); then
  # Painting may lag the log line by a moment: a few tries.
  for try in 1 2 3 4 5; do
    check_screen
    [[ -z "$reason" ]] && break
    sleep 1
  done
  [[ -z "$reason" ]] || fail "$reason (see ${shot#"$root"/})"
fi
alive "$app_pid" || fail "the app died while being screenshotted"

say "OK: ${shot#"$root"/}: $colours colours, most common colour covers $(pct "$share")%$( ((fallback)) && echo ' (fallback: no inbox rendered line)')"
