# ripple — build, test and measure. `make help` lists the targets.
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
GOBIN   := $(shell go env GOPATH)/bin
FUZZTIME ?= 10s

.PHONY: help build test race vet fmtcheck lint golden bench bench-limit fuzz ci

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

build: ## build bin/ripple with the version stamped in
	go build -ldflags "$(LDFLAGS)" -o bin/ripple ./cmd/ripple

test: ## run the whole test suite
	go test ./...

race: ## run the tests under the race detector
	go test -race -short ./...

vet: ## go vet
	go vet ./...

fmtcheck: ## fail if gofmt -s would change anything
	@out=$$(gofmt -s -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "$$out"; exit 1; fi

lint: fmtcheck vet ## gofmt, vet and staticcheck (installed if missing)
	@staticcheck -version 2>/dev/null | grep -q '(0.8.2)' || go install honnef.co/go/tools/cmd/staticcheck@v0.8.2
	$(GOBIN)/staticcheck ./...

golden: ## regenerate golden images (review the diff before committing)
	go test ./results -regen

bench: ## benchmarks beside the code (needs ../shared/data for the real-graph ones)
	go test -run XXX -bench . -benchmem ./...

bench-limit: ## IC speed of the engine and of `ripple run` as ratios to the C reference kernel, 1 and 2 workers
	bash bench/limit.sh

fuzz: ## a short smoke run of every fuzz target (FUZZTIME=10s each)
	@for pkg in $$(go list ./...); do \
	  for f in $$(go test -list 'Fuzz.*' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; go test $$pkg -run XXX -fuzz "^$$f$$" -fuzztime $(FUZZTIME) || exit 1; \
	  done; \
	done

ci: ## what CI runs
	bash .ci/run
