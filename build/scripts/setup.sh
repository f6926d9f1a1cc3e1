#!/usr/bin/env bash
# Installs whatever the build and the tests need and is missing:
#   - Debian packages (apt-get; as root or through sudo),
#   - npm packages of frontend/ (npm ci; only when node_modules is missing or
#     package-lock.json changed since the last install),
#   - Go modules (go mod download; only when go.mod/go.sum changed).
# Go and Node 20 must already be installed: the script checks, never installs them.
#
# Idempotent and quiet when there is nothing to do; prints what it installs.
# Usage: build/scripts/setup.sh [--check]   (--check: report what is missing, install nothing)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

check_only=0
need=0
[[ "${1:-}" == "--check" ]] && check_only=1

APT_PACKAGES=(
  build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev # Wails (webkit2_41)
  xvfb xauth                                                    # headless runs
  chromium                                                      # Playwright e2e
  dbus dbus-x11 dunst libnotify-bin                             # notifications under test
  imagemagick x11-apps                                          # smoke screenshot (xwd, convert)
)
NODE_MIN="20.19.0" # Vite 7 / @sveltejs/vite-plugin-svelte 6
STAMPS="$root/build/.stamps"

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: ERROR: %s\n' "$*" >&2; exit 1; }

# version_ge A B: true when version A >= version B (dotted numbers).
version_ge() { printf '%s\n%s\n' "$2" "$1" | sort -V -C; }

hash_of() { cat "$@" 2>/dev/null | sha256sum | cut -d' ' -f1; }

# --- toolchains that must already be present -------------------------------------
command -v go >/dev/null 2>&1 ||
  die "Go is not installed (or not on PATH). Install Go $(sed -n 's/^go //p' go.mod) or newer from https://go.dev/dl/ and re-run."
go_need="$(sed -n 's/^go \([0-9.]*\).*/\1/p' go.mod)"
go_have="$(go env GOVERSION 2>/dev/null | sed 's/^go//')"
if [[ -n "$go_need" && -n "$go_have" ]] && ! version_ge "$go_have" "$go_need"; then
  # Go >= 1.21 downloads the toolchain named in go.mod by itself unless GOTOOLCHAIN=local.
  if [[ "$(go env GOTOOLCHAIN)" == local* ]]; then
    die "Go $go_have is too old: go.mod needs Go $go_need (GOTOOLCHAIN=local forbids the automatic download)."
  fi
fi

command -v node >/dev/null 2>&1 ||
  die "Node.js is not installed (or not on PATH). Install Node 20 (>= $NODE_MIN), e.g. from https://nodejs.org/, and re-run."
command -v npm >/dev/null 2>&1 || die "npm is not installed (it ships with Node.js)."
node_have="$(node -p 'process.versions.node')"
version_ge "$node_have" "$NODE_MIN" || die "Node $node_have is too old: the frontend needs Node >= $NODE_MIN."

# --- Debian packages ---------------------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  status="$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)"
  [[ "$status" == ii* ]] || missing+=("$p")
done

if ((${#missing[@]})); then
  if ((check_only)); then
    say "missing Debian packages: ${missing[*]}"; need=1
  else
    command -v apt-get >/dev/null 2>&1 ||
      die "missing system packages (${missing[*]}) and no apt-get: this script supports Debian 12; install them by hand."
    sudo=()
    if [[ "$(id -u)" != 0 ]]; then
      command -v sudo >/dev/null 2>&1 || die "missing packages (${missing[*]}): run as root or install sudo."
      if [[ -t 0 ]]; then sudo=(sudo); else sudo=(sudo -n); fi
    fi
    say "installing Debian packages: ${missing[*]}"
    apt_opts=(-o DPkg::Lock::Timeout=600 -q)
    log="$(mktemp)"
    if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" update >"$log" 2>&1; then
      tail -n 40 "$log" >&2; rm -f "$log"; die "apt-get update failed"
    fi
    if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y "${missing[@]}" >"$log" 2>&1; then
      tail -n 40 "$log" >&2; rm -f "$log"; die "apt-get install failed"
    fi
    rm -f "$log"
    say "installed: ${missing[*]}"
  fi
fi

# --- npm packages (frontend) -------------------------------------------------------
lock="$root/frontend/package-lock.json"
[[ -f "$lock" ]] || die "frontend/package-lock.json is missing (run 'npm install' in frontend/ and commit it)."
npm_stamp="$root/frontend/node_modules/.huddle-setup.sha256" # inside node_modules: gone with it
npm_want="$(hash_of "$lock" "$root/frontend/package.json")"
if [[ ! -d "$root/frontend/node_modules" || "$(cat "$npm_stamp" 2>/dev/null)" != "$npm_want" ]]; then
  if ((check_only)); then
    say "frontend/node_modules is missing or out of date"; need=1
  else
    say "installing npm packages (npm ci in frontend/)"
    log="$(mktemp)"
    # Playwright drives Debian's /usr/bin/chromium: never download browsers.
    if ! (cd "$root/frontend" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >"$log" 2>&1); then
      tail -n 40 "$log" >&2; rm -f "$log"; die "npm ci failed"
    fi
    rm -f "$log"
    printf '%s\n' "$npm_want" >"$npm_stamp"
  fi
fi

# --- Go modules ----------------------------------------------------------------------
go_stamp="$STAMPS/go-mod.sha256"
go_want="$(hash_of go.mod go.sum)"
if [[ "$(cat "$go_stamp" 2>/dev/null)" != "$go_want" ]]; then
  if ((check_only)); then
    say "Go modules not downloaded yet (or go.mod/go.sum changed)"; need=1
  else
    say "downloading Go modules (go mod download)"
    go mod download
    mkdir -p "$STAMPS"
    printf '%s\n' "$go_want" >"$go_stamp"
  fi
fi

((check_only && need)) && exit 1
exit 0
