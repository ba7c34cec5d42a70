# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3

.PHONY: run test setup install lint bench load faults clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/.installed

setup: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

run: setup
	@echo ""
	@echo "Cổng thông tin:  http://$(HOST):$(PORT)/"
	@echo "Trang quản trị:  http://$(HOST):$(PORT)/quan-tri/  (tài khoản in ở trên)"
	@echo "Trang của tỉnh:  http://tinh.localhost:$(PORT)/"
	@echo "Dừng bằng Ctrl+C."
	HOST=$(HOST) PORT=$(PORT) WORKERS=$(WORKERS) SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} \
		$(BIN)/gunicorn --config minhduc_portal/gunicorn.conf.py minhduc_portal.wsgi

test: install
	bash scripts/test.sh

# Throughput, latency and SQL queries per page on PostgreSQL with a large synthetic data set
# (BENCH_ARGS=--quick: a small set, under three minutes).
bench: install
	bash scripts/with-postgres.sh $(BIN)/python scripts/bench.py $(BENCH_ARGS)

# 64 connections for 60 s over the public pages, on a throwaway PostgreSQL and Redis; checks
# that the visit and view counters equal the visits sent (LOAD_SECONDS, LOAD_CONNECTIONS).
WITH_REDIS ?= scripts/with-redis.sh
load: install
	bash scripts/with-postgres.sh bash $(WITH_REDIS) $(BIN)/python scripts/load.py

# The same load while PostgreSQL is stopped for 15 s (LOAD_OUTAGE_SECONDS) and a worker killed.
faults: install
	bash scripts/with-postgres.sh bash $(WITH_REDIS) $(BIN)/python scripts/load.py --faults

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) var test-artifacts *.egg-info
