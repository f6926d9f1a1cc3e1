# Huddle: build, run and test.
#
#   make run [ARGS=--demo]   build the production binary and open the app
#   make test                every test (what CI runs: .ci/run)
#   make bench               benchmarks -> build/bench.log and docs/benchmarks.md
#   make help                all targets
#
# Every entry point installs what is missing first (build/scripts/setup.sh:
# Debian packages, npm packages, Go modules); it is quiet when nothing is missing.

SHELL         := /bin/bash
.SHELLFLAGS   := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS     += --no-print-directory

GO        ?= go
NPM       ?= npm
ARGS      ?=
BIN       := build/bin
PROD_TAGS := desktop,production,webkit2_41
DEV_TAGS  := dev,webkit2_41
# -race costs ~2x; drop it with `make test GO_TEST_FLAGS=-count=1` if the suite gets slow.
GO_TEST_FLAGS ?= -race -count=1 -timeout 10m
STAGE     := build/scripts/stage.sh

# Playwright drives Debian's /usr/bin/chromium: never download browsers. cgo is
# required (WebKit, automerge-go).
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
export CGO_ENABLED := 1

# Set SETUP_DONE=1 to skip the (fast) set-up check, as `make test` does after its first stage.
setup_step = $(if $(filter 1,$(SETUP_DONE)),:,build/scripts/setup.sh)

.PHONY: help setup run build build-dev frontend bindings check-bindings \
        test vet test-go notify test-frontend e2e smoke bench icon clean \
        _frontend _prod _dev _notify _e2e _smoke

help:
	@echo 'make run [ARGS=...]  build the production binary and start it (e.g. ARGS=--demo)'
	@echo 'make build           production binary  -> $(BIN)/huddle'
	@echo 'make build-dev       dev binary (devserver/assetdir for e2e) -> $(BIN)/huddle-dev'
	@echo 'make bindings        regenerate frontend/wailsjs from the bound Go methods'
	@echo 'make test            set-up, vet, Go tests, notification delivery, frontend checks + unit tests, builds, e2e, smoke'
	@echo 'make vet | test-go | notify | test-frontend | e2e | smoke   single test stages'
	@echo 'make notify          desktop notifications reach a real daemon (Xvfb, private D-Bus, dunst)'
	@echo 'make bench           benchmarks -> build/bench.log, docs/benchmarks.md'
	@echo 'make setup           install missing system/npm/Go dependencies'
	@echo 'make icon            regenerate build/appicon.png'
	@echo 'make clean           remove build outputs'

setup:
	@build/scripts/setup.sh

# --- builds ------------------------------------------------------------------------

_frontend:
	@cd frontend && $(NPM) run --silent build -- --logLevel warn

_prod:
	$(GO) build -tags $(PROD_TAGS) -ldflags "-w -s" -o $(BIN)/huddle .

_dev:
	$(GO) build -tags $(DEV_TAGS) -o $(BIN)/huddle-dev .

frontend:
	@$(setup_step)
	@$(MAKE) _frontend

build:
	@$(setup_step)
	@$(MAKE) _frontend
	@$(MAKE) _prod

build-dev:
	@$(setup_step)
	@$(MAKE) _frontend
	@$(MAKE) _dev

run: build
	$(BIN)/huddle $(ARGS)

bindings:
	@$(setup_step)
	@build/scripts/bindings.sh

check-bindings:
	@$(setup_step)
	@build/scripts/bindings.sh --check

icon:
	build/scripts/appicon.sh

# --- tests -------------------------------------------------------------------------

vet:
	@$(setup_step)
	$(GO) vet ./...
	$(GO) vet -tags bench ./...

test-go:
	@$(setup_step)
	$(GO) test $(GO_TEST_FLAGS) ./...

# Delivery tests against a real notification daemon; `make test-go` skips them.
_notify:
	GO=$(GO) build/scripts/notify-delivery.sh

notify:
	@$(setup_step)
	@$(MAKE) _notify

test-frontend:
	@$(setup_step)
	cd frontend && $(NPM) run --silent check
	cd frontend && npx vitest run

_e2e:
	cd frontend && npx playwright test

_smoke:
	build/scripts/smoke.sh

e2e: build-dev
	@$(MAKE) _e2e

smoke: build
	@$(MAKE) _smoke

test:
	@$(STAGE) --reset
	@$(STAGE) setup          build/scripts/setup.sh
	@$(STAGE) go-vet         $(MAKE) vet SETUP_DONE=1
	@$(STAGE) go-test        $(MAKE) test-go SETUP_DONE=1
	@$(STAGE) notify-delivery $(MAKE) _notify
	@$(STAGE) frontend-test  $(MAKE) test-frontend SETUP_DONE=1
	@$(STAGE) bindings-check $(MAKE) check-bindings SETUP_DONE=1
	@$(STAGE) build          $(MAKE) _frontend _dev _prod
	@$(STAGE) e2e            $(MAKE) _e2e
	@$(STAGE) smoke          $(MAKE) _smoke
	@$(STAGE) --summary

# --- benchmarks --------------------------------------------------------------------
# Go benchmarks of the store and of sync, then the UI benchmarks (frontend/e2e-bench: the
# dev build in Chromium, first inbox paint and scrolling; they generate a 100k-thread
# workspace, ~2 min), all into build/bench.log; benchreport turns that into docs/benchmarks.md.

bench:
	@$(setup_step)
	@mkdir -p build
	@status=0; \
	$(GO) test -tags bench -count=1 -run '^TestBench' -timeout 60m -v ./internal/bench/ 2>&1 | tee build/bench.log || status=$$?; \
	$(GO) test -tags bench -count=1 -run '^TestBench' -timeout 60m -v ./sync/bench/ 2>&1 | tee -a build/bench.log || status=$$?; \
	if $(MAKE) _frontend _dev; then \
		(cd frontend && GO=$(GO) npx playwright test -c playwright.bench.config.ts) 2>&1 | tee -a build/bench.log || status=$$?; \
	else status=1; fi; \
	$(GO) run ./build/scripts/benchreport build/bench.log docs/benchmarks.md; \
	exit $$status

# --- housekeeping ------------------------------------------------------------------

clean:
	rm -rf $(BIN) build/screenshots build/.stamps build/*.log frontend/test-results frontend/playwright-report
	find frontend/dist -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
