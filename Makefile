# DPI data platform. `make run` and `make test` are all a fresh machine needs
# (Go 1.26 and gcc present).
GO      ?= go
BIN     := bin/dpi
DATA    ?= ./data
ADDR    ?= 127.0.0.1:8080
SHARED  ?= ../shared/data

# duckdb-go's Arrow interface is behind the build tag duckdb_arrow; every go
# build, vet, test and run below sees it through GOFLAGS (the go env's own
# GOFLAGS kept). Business register loads append Arrow batches into DuckDB (no
# cgo call per value); exports read query results as Arrow record batches (a
# 1M-row csv export: about DuckDB's own COPY time, against 2.3× through
# database/sql). The first build with it also compiles Apache Arrow's Go
# packages (up to a minute more). Without the tag, loads use the appender
# and exports database/sql.
export GOFLAGS := $(strip $(shell $(GO) env GOFLAGS) -tags=duckdb_arrow)

.PHONY: build run test vet bench clean assets

# ECharts comes from the npm registry at build time and is embedded in the
# binary (portal/static/vendor/, gitignored); pages never load it from a CDN.
# The tarball is pinned by its sha512 (npm's "integrity"); once fetched, the
# target does nothing and needs no network.
ECHARTS_VERSION := 5.6.0
ECHARTS_SHA512  := a136d54ec5df2ae121c5fb47a8be71a6b80ba1cd24eee49c030b6bc8281617a84f6052d1c0e50788598718204a3f934f14d903568a4e89ec94a98187f056b790
ECHARTS_TGZ     := .cache/npm/echarts-$(ECHARTS_VERSION).tgz
VENDOR          := portal/static/vendor
VENDOR_FILES    := $(VENDOR)/echarts.min.js $(VENDOR)/echarts-langVI.js $(VENDOR)/echarts-LICENSE.txt
SHA512SUM       := $(shell command -v sha512sum 2>/dev/null || echo shasum -a 512)

assets: $(VENDOR_FILES)

$(ECHARTS_TGZ):
	@mkdir -p $(@D)
	@command -v npm >/dev/null || { echo "npm is needed once to fetch echarts@$(ECHARTS_VERSION) (apt-get install npm)"; exit 1; }
	npm pack --silent --pack-destination $(@D) echarts@$(ECHARTS_VERSION) >/dev/null
	@echo "$(ECHARTS_SHA512)  $@" | $(SHA512SUM) -c --quiet - || { echo "$@: sha512 mismatch, removed"; rm -f $@; exit 1; }

# Extracted from the verified tarball into a temporary name, then renamed:
# an interrupted build never leaves half a file behind.
$(VENDOR)/echarts.min.js: $(ECHARTS_TGZ)
	@mkdir -p $(@D)
	tar -xzOf $< package/dist/echarts.min.js > $@.tmp && mv $@.tmp $@
$(VENDOR)/echarts-langVI.js: $(ECHARTS_TGZ)
	@mkdir -p $(@D)
	tar -xzOf $< package/i18n/langVI.js > $@.tmp && mv $@.tmp $@
$(VENDOR)/echarts-LICENSE.txt: $(ECHARTS_TGZ)
	@mkdir -p $(@D)
	tar -xzOf $< package/LICENSE > $@.tmp && mv $@.tmp $@

build: assets
	$(GO) build -o $(BIN) ./cmd/dpi

# Loads the generated SAMPLE data only into an empty data folder, then serves.
run: build
	@if [ ! -f $(DATA)/warehouse.duckdb ]; then $(BIN) --data $(DATA) demo; fi
	$(BIN) --data $(DATA) serve --addr $(ADDR)

vet: assets
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) vet ./...

test: vet
	$(GO) test -count=1 -timeout 15m ./...

# Speed and memory of ingest, measured against baselines in the same run.
bench: build
	$(GO) run ./cmd/dpibench -bin $(BIN) -shared $(SHARED)

clean:
	rm -rf bin $(VENDOR)
