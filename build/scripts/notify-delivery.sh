#!/usr/bin/env bash
# Proves that desktop notifications really reach a notification daemon. Starts a private
# X display (Xvfb), session bus (dbus-daemon) and notification daemon (dunst), records the
# bus with dbus-monitor, and runs the Go delivery tests (-run Delivery) against them. Each
# notification a test expects is then proven twice: in dunst's history and as a Notify call
# in the dbus-monitor log. Every process started here is stopped on the way out, also on
# failure, and the script fails if one of them outlives it.
#
# Knobs (environment):
#   NOTIFY_TEST_PKGS   more Go packages with delivery tests, space separated; always run
#                      together with ./internal/desktop/...
#   GO                 the go command (default go)
#
# The tests see HUDDLE_DBUS_DELIVERY=1 and HUDDLE_DBUS_EXPECT_FILE (one expected title per
# line); internal/desktop/desktoptest reads and writes them.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
go_cmd="${GO:-go}"
pkgs="./internal/desktop/... ./internal/notify/ ${NOTIFY_TEST_PKGS:-}"

say() { printf 'notify: %s\n' "$*"; }
fail() {
  printf 'notify: FAIL: %s\n' "$*" >&2
  exit 1
}

for tool in Xvfb dbus-daemon dbus-send dbus-monitor dunst dunstctl busctl "$go_cmd"; do
  command -v "$tool" >/dev/null 2>&1 || case "$tool" in
    busctl) fail "'busctl' not found: 'dunstctl history' needs it (Debian package systemd)" ;;
    *) fail "'$tool' not found (run build/scripts/setup.sh)" ;;
  esac
done

# A short path: the bus socket lives here, and unix socket paths must stay under 108 bytes.
work="$(mktemp -d "${TMPDIR:-/tmp}/huddle-notify.XXXXXX")"
started=() # "name:pid", in start order

alive() { [[ -n "$(ps -o stat= -p "$1" 2>/dev/null | grep -v Z)" ]]; }

# stop_all: TERM every process started here (newest first), KILL what is left after 5 s,
# reap them, and report any that is still alive.
stop_all() {
  local entry pid i any survivors=()
  for ((i = ${#started[@]} - 1; i >= 0; i--)); do
    kill -TERM "${started[i]#*:}" 2>/dev/null || true
  done
  for _ in $(seq 50); do
    any=0
    for entry in "${started[@]}"; do alive "${entry#*:}" && any=1; done
    ((any)) || break
    sleep 0.1
  done
  for entry in "${started[@]}"; do
    pid="${entry#*:}"
    alive "$pid" && kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    alive "$pid" && survivors+=("$entry")
  done
  if ((${#survivors[@]})); then
    printf 'notify: FAIL: still running after clean-up: %s\n' "${survivors[*]}" >&2
    return 1
  fi
  return 0
}

cleanup() {
  local rc=$?
  stop_all || rc=1
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# show_log NAME: the end of a process's log, for a failure message.
show_log() {
  printf 'notify: last lines of %s:\n' "$1" >&2
  tail -n 20 "$work/$1" 2>/dev/null | sed 's/^/    /' >&2 || true
}

# wait_for SECONDS COMMAND...: polls COMMAND every 0.1 s until it succeeds.
wait_for() {
  local tries=$(($1 * 10))
  shift
  for _ in $(seq "$tries"); do
    "$@" && return 0
    sleep 0.1
  done
  return 1
}

# Nothing of the person's own session may leak in: no user bus, no dunst config (dunst gets
# its own XDG_CONFIG_HOME; go keeps the person's, where `go env -w` settings live).
unset WAYLAND_DISPLAY XAUTHORITY DBUS_SESSION_BUS_ADDRESS
export XDG_RUNTIME_DIR="$work/runtime"
mkdir -m 700 "$XDG_RUNTIME_DIR" "$work/config"

# --- X server on a free display: Xvfb picks the number and reports it on fd 3 ---------------
mkfifo "$work/displayfd"
Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp -noreset \
  3>"$work/displayfd" >"$work/xvfb.log" 2>&1 &
started+=("Xvfb:$!")
display=""
if ! read -r -t 15 display <"$work/displayfd" || [[ -z "$display" ]]; then
  show_log xvfb.log
  fail "Xvfb did not report a display within 15 s"
fi
export DISPLAY=":$display"

# --- a session bus of our own: it can start no service, so whatever answers is our dunst ----
cat >"$work/bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=$work/bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF
dbus-daemon --config-file="$work/bus.conf" --nofork --nopidfile --print-address=3 \
  3>"$work/bus.address" >"$work/bus.log" 2>&1 &
started+=("dbus-daemon:$!")
wait_for 10 grep -q . "$work/bus.address" || { show_log bus.log; fail "dbus-daemon printed no address within 10 s"; }
DBUS_SESSION_BUS_ADDRESS="$(head -n 1 "$work/bus.address")"
export DBUS_SESSION_BUS_ADDRESS

# bus_call METHOD ARGS...: a call to the bus itself, its reply's values on stdout.
bus_call() {
  dbus-send --session --print-reply=literal --reply-timeout=2000 --dest=org.freedesktop.DBus \
    /org/freedesktop/DBus "org.freedesktop.DBus.$1" "${@:2}" 2>/dev/null
}

# --- dunst, with a config of its own: notifications expire after 1 s into its history, and
# bodies are markup, as in dunst's stock config, so escaping is on the path under test ---------
cat >"$work/dunstrc" <<'EOF'
[global]
    markup = full
    idle_threshold = 0
    history_length = 100
    sticky_history = no
[urgency_low]
    timeout = 1
[urgency_normal]
    timeout = 1
[urgency_critical]
    timeout = 1
EOF
XDG_CONFIG_HOME="$work/config" dunst -config "$work/dunstrc" >"$work/dunst.log" 2>&1 &
dunst_pid=$!
started+=("dunst:$dunst_pid")
dunst_owns_name() {
  alive "$dunst_pid" || return 1
  [[ "$(bus_call GetConnectionUnixProcessID string:org.freedesktop.Notifications)" =~ uint32\ ([0-9]+) ]] &&
    [[ "${BASH_REMATCH[1]}" == "$dunst_pid" ]]
}
wait_for 10 dunst_owns_name || { show_log dunst.log; fail "dunst did not take org.freedesktop.Notifications within 10 s"; }

# --- dbus-monitor: every call to the notification service, from here on ----------------------
dbus-monitor --session "interface='org.freedesktop.Notifications'" >"$work/monitor.log" 2>&1 &
started+=("dbus-monitor:$!")
# It is listening once the bus has taken its name away (it became a monitor).
wait_for 10 grep -q 'member=NameLost' "$work/monitor.log" || { show_log monitor.log; fail "dbus-monitor did not start listening within 10 s"; }
say "Xvfb on $DISPLAY, private session bus, dunst (pid $dunst_pid), dbus-monitor: ready"

# --- the delivery tests ---------------------------------------------------------------------
expected="$work/expected"
: >"$expected"
say "go test -count=1 -run Delivery $pkgs"
tests_rc=0
# shellcheck disable=SC2086 # $pkgs is a list of packages
HUDDLE_DBUS_DELIVERY=1 HUDDLE_DBUS_EXPECT_FILE="$expected" \
  "$go_cmd" test -count=1 -timeout 5m -v -run Delivery $pkgs || tests_rc=$?

# --- each expected notification, in dunst's history and in the bus log -----------------------
# dunstctl history is pretty-printed JSON: a "summary" field's text is on the next "data" line.
dunstctl history >"$work/history.json" || fail "dunstctl history failed (is dunst still running?)"
awk '/"summary" : \{/ { s = 1; next }
     s && /"data" :/ { sub(/^[^:]*: "/, ""); sub(/"$/, ""); print; s = 0 }' \
  "$work/history.json" >"$work/history.titles"
# A Notify call's fourth top-level argument (3-space indent) is the summary.
awk '/^method call .*member=Notify$/ { call = 1; arg = 0; next }
     /^(method call|method return|signal|error) / { call = 0; next }
     call && /^   [a-z]/ { if (++arg == 4) { sub(/^   string "/, ""); sub(/"$/, ""); print } }' \
  "$work/monitor.log" >"$work/monitor.titles"

total=0 in_dunst=0 on_bus=0 missing=()
while IFS= read -r title; do
  total=$((total + 1))
  grep -Fxq -- "$title" "$work/history.titles" && in_dunst=$((in_dunst + 1)) || missing+=("not in dunst history: $title")
  grep -Fxq -- "$title" "$work/monitor.titles" && on_bus=$((on_bus + 1)) || missing+=("no Notify call on the bus: $title")
done <"$expected"

say "$total notifications expected; proven by dunstctl history: $in_dunst; by dbus-monitor: $on_bus"
for m in "${missing[@]}"; do printf 'notify: FAIL: %s\n' "$m" >&2; done
((tests_rc == 0)) || fail "the delivery tests failed (exit $tests_rc)"
((total > 0)) || fail "the delivery tests expected no notification: did they run, or skip?"
((${#missing[@]} == 0)) || fail "some notifications were not proven"
say "OK"
