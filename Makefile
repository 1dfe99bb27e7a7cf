# Hutong: `make demo` and `make test` set everything up on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The state tree compiled with mypyc (node/state/native.py); rebuilt when a
# compiled module changes. Without it the tree runs as plain Python.
NATIVE_SOURCES := node/state/nodes.py node/state/tree.py node/state/cache.py node/state/native.py \
                  node/state/native_build.py
NATIVE := node/state/_native/manifest.json
READY  := $(STAMP) $(NATIVE)

.PHONY: test demo bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,native]'
	touch $(STAMP)

$(NATIVE): $(STAMP) $(NATIVE_SOURCES)
	$(BIN)/python -m node.state.native_build

test: $(READY)
	HUTONG_EXPECT_NATIVE=1 $(BIN)/python -m pytest $(PYTEST_ARGS)

# A dev node on .demo/data, the contract suite and Scenario A through the node's API,
# then serving until Ctrl-C; ONCE=1 exits 0 after the summary (CI).
demo: $(READY)
	$(BIN)/python -m contracts.demo $(if $(ONCE),--once) $(if $(DEMO_PORT),--port $(DEMO_PORT))

# The benchmarks with their peers (py-evm, Vyper, matplotlib: the `bench` extra).
# Installs into the same .venv; `make test` works with or without the extra.
bench: $(READY)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m benchmarks all $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis .demo node/state/_native

# The full SIGKILL campaign on the state store (RELIABILITY.md test 52); prints the figure.
.PHONY: crash-state
crash-state: $(READY)
	$(BIN)/python -m tests.node.state.crash_campaign --cycles $(or $(CYCLES),200)

# The full SIGKILL campaign on a node process under load (RELIABILITY.md section G); prints the figure.
.PHONY: crash-node
crash-node: $(READY)
	$(BIN)/python -m tests.node.crash_node --cycles $(or $(CYCLES),50)

# Scenario B's gas per step (contracts/scenarios/golden/scenario_b_gas.json); review the diff.
.PHONY: scenario-b-gas
scenario-b-gas: $(READY)
	$(BIN)/python -m contracts.scenarios.scenario_b --update-gas

# Longer campaigns for every contract state machine: FACTOR times the examples
# `make test` runs (default 20); prints the steps run per machine.
.PHONY: contracts-long
contracts-long: $(READY)
	CONTRACTS_LONG=$(or $(FACTOR),20) $(BIN)/python -m pytest tests/contracts -k machine -q -p no:cacheprovider --timeout=0
