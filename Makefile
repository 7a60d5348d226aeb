# Switchboard — the two commands are `make run` and `make test` (see README).
SHELL := /bin/bash
GO ?= go
PG_DEFAULT_URL := postgres://postgres@127.0.0.1:5432/test?sslmode=disable
# Packages whose tests open a store (they run a second time on PostgreSQL).
STORE_PKGS = $$($(GO) list -f '{{.ImportPath}}{{range .TestImports}} {{.}}{{end}}{{range .XTestImports}} {{.}}{{end}}' ./... | awk '/internal\/store\/storetest/ {print $$1}')

.PHONY: run build test test-go test-rerun test-pg vet web web-deps web-test web-e2e web-types web-types-check bench clean

## run: build the web app and start the server with demo data on SQLite (http://localhost:8080)
run: web
	$(GO) run ./cmd/switchboard serve --demo

## build: the switchboard binary (embeds the web app if built)
build:
	$(GO) build -o bin/switchboard ./cmd/switchboard

## test: every test — Go on SQLite and PostgreSQL, web unit tests, browser tests
test: vet test-go test-rerun test-pg web-types-check web-test web-e2e
	@echo "make test: all suites passed"

vet:
	@test -z "$$(gofmt -l cmd internal web/*.go)" || { echo "gofmt needed:"; gofmt -l cmd internal web/*.go; exit 1; }
	$(GO) vet ./...

test-go:
	SWITCHBOARD_TEST_DATABASE_URL= $(GO) test ./...

# The store's tests and the ones that open a store once more on SQLite,
# every write transaction run twice: each must be safe to run again
# (group commit reruns a batch when one of its transactions fails).
test-rerun:
	SWITCHBOARD_TEST_DATABASE_URL= SWITCHBOARD_TEST_RERUN_BATCHES=1 $(GO) test -count=1 $(STORE_PKGS)

# The PostgreSQL suite: SWITCHBOARD_TEST_DATABASE_URL, else the local server
# when it answers; skipped with a message otherwise, unless
# SWITCHBOARD_REQUIRE_POSTGRES=1 (CI), where a missing server fails.
test-pg:
	@url="$${SWITCHBOARD_TEST_DATABASE_URL:-}"; \
	if [ -z "$$url" ] && pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then url="$(PG_DEFAULT_URL)"; fi; \
	if [ -z "$$url" ]; then \
	  if [ "$${SWITCHBOARD_REQUIRE_POSTGRES:-}" = 1 ]; then echo "PostgreSQL suite: no server (set SWITCHBOARD_TEST_DATABASE_URL)"; exit 1; fi; \
	  echo "*** PostgreSQL suite SKIPPED: no PostgreSQL at 127.0.0.1:5432 and SWITCHBOARD_TEST_DATABASE_URL unset ***"; exit 0; \
	fi; \
	echo "PostgreSQL suite on $$url"; \
	SWITCHBOARD_TEST_DATABASE_URL="$$url" $(GO) test -count=1 $(STORE_PKGS) && echo "PostgreSQL suite: passed"

web-deps:
	@if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then npm --prefix web ci --no-audit --no-fund; fi

## web: build the web app into web/dist (embedded by the Go build)
web: web-deps
	npm --prefix web run build

web-test: web
	npm --prefix web test

## web-e2e: browser tests (Playwright + Debian chromium) against the real server
web-e2e: web
	npm --prefix web run e2e

## web-types: regenerate the OpenAPI golden file and the web app's API types
web-types: web-deps
	$(GO) test ./internal/server -run TestOpenAPIGolden -update
	npm --prefix web run gen:api

web-types-check: web-deps
	npm --prefix web run check:api

## bench: search and look-up benchmarks at 1,000,000 contacts, both engines (see bench/README.md)
bench:
	./bench/run.sh

clean:
	rm -rf bin web/dist/app
