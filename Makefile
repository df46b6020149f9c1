# DPI data platform. `make run` and `make test` are all a fresh machine needs
# (Go 1.26 and gcc present).
GO      ?= go
BIN     := bin/dpi
DATA    ?= ./data
ADDR    ?= 127.0.0.1:8080
SHARED  ?= ../shared/data

.PHONY: build run test vet bench clean

build:
	$(GO) build -o $(BIN) ./cmd/dpi

# Loads the generated SAMPLE data only into an empty data folder, then serves.
run: build
	@if [ ! -f $(DATA)/warehouse.duckdb ]; then $(BIN) --data $(DATA) demo; fi
	$(BIN) --data $(DATA) serve --addr $(ADDR)

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) vet ./...

test: vet
	$(GO) test -count=1 -timeout 15m ./...

# Speed and memory of ingest, measured against baselines in the same run.
bench: build
	$(GO) run ./cmd/dpibench -bin $(BIN) -shared $(SHARED)

clean:
	rm -rf bin
