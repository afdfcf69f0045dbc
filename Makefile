# ccsim: one flat Makefile. `make run` and `make test` install what is missing first.
#   make            build build/ccsim
#   make run        build, run the default scenario, write results to out/default
#   make test       build and run every test program (cmocka)
#   make check      the tests under AddressSanitizer + UndefinedBehaviorSanitizer, then
#                   valgrind on short runs of every command (tests/valgrind.sh)
#   make bench      the benchmark program (not a test), then its profiled copy
#   make check-layers   every include points down the layers (LAYERS)
#   make mpi        build/ccsim-mpi: replications over Open MPI ranks (mpirun -np K ...)
#   make install    ccsim and the policy-plugin header under PREFIX (default /usr/local)
#   make fuzz       libFuzzer on the loaders, FUZZ_SECONDS (default 60) per target (clang)

CC      ?= cc
STD      = -std=c11 -pedantic
WARN     = -Wall -Wextra -Wshadow -Wconversion -Wundef -Wstrict-prototypes \
           -Wmissing-prototypes -Wno-sign-conversion
# -O3 and link-time optimisation (small engine calls such as sim_run_now and
# sim_timeavg_add inline into the model's handlers): 9% faster than -O2 on make bench.
CFLAGS  ?= -O3 -g -flto=auto
CPPFLAGS += -I. -Iinclude -D_POSIX_C_SOURCE=200809L -MMD -MP
LDLIBS   = -lgsl -lgslcblas -lglpk -lcsv -lyaml -lpthread -ldl -lm
BUILD   ?= build

# Debian packages the build, the tests and the plots need (the charts' text is DejaVu Sans).
PACKAGES = gcc make libc6-dev libgsl-dev libcsv-dev libyaml-dev libcmocka-dev libglpk-dev gnuplot-nox \
           fonts-dejavu-core
# Only `make test` wants these: a headless browser reads report.html back. Without root
# they are not installed and those checks are skipped.
TEST_PACKAGES = chromium libopenmpi-dev openmpi-bin valgrind
DEPS_OPTIONAL =

SIM_SRC = sim/calendar.c sim/check.c sim/dist.c sim/hash.c sim/mem.c sim/pool.c sim/prof.c sim/rng.c \
          sim/run.c sim/runner.c sim/sample.c sim/status.c sim/summary.c \
          sim/tally.c sim/timeavg.c
# The contact center, folder by folder in the order of its layers (README, "Layout").
CENTER_SRC = models/center/measure.c models/center/scenario.c models/center/erlang.c \
             models/center/routing.c models/center/model.c
IO_SRC     = models/io/diag.c models/io/units.c models/io/yamltree.c models/io/csvin.c \
             models/io/forecast.c models/io/load.c models/io/calllog.c models/io/rundir.c \
             models/io/outfile.c models/io/outdir.c
REPORT_SRC = models/report/report.c models/report/html.c models/report/gnuplot.c \
             models/report/chart.c
STUDY_SRC  = models/study/simulate.c models/study/resume.c models/study/sweep.c \
             models/study/staff.c models/study/compare.c models/study/calibrate.c \
             models/study/validate.c models/study/precision.c
CLI_SRC    = models/cli/cli.c models/cli/options.c models/cli/cmd_run.c models/cli/cmd_check.c \
             models/cli/cmd_sweep.c models/cli/cmd_staff.c models/cli/cmd_compare.c \
             models/cli/cmd_erlang.c models/cli/cmd_plot.c models/cli/cmd_calibrate.c \
             models/cli/cmd_validate.c
CC_SRC  = $(CENTER_SRC) $(IO_SRC) $(REPORT_SRC) $(STUDY_SRC) $(CLI_SRC)
MAIN_SRC = models/cli/ccsim.c

SIM_OBJ  = $(SIM_SRC:%.c=$(BUILD)/%.o)
CC_OBJ   = $(CC_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ = $(MAIN_SRC:%.c=$(BUILD)/%.o)
TEST_SRC = $(sort $(wildcard tests/test_*.c))
TEST_BIN = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
BENCH_BIN = $(BUILD)/bench

PREFIX  ?= /usr/local

.PHONY: all deps run test tests check bench check-layers clean install mpi fuzz

# ccsim-mpi: the same command with replications spread over Open MPI ranks; only
# models/study/simulate.c and main() differ (compiled with mpicc and CC_MPI).
MPICC   ?= mpicc
MPI_OBJ  = $(BUILD)/mpi/study/simulate.o $(BUILD)/mpi/cli/ccsim_mpi.o
CC_OBJ_NO_SIM = $(filter-out $(BUILD)/models/study/simulate.o,$(CC_OBJ))

all: $(BUILD)/ccsim

# Installs missing Debian packages: as root with apt-get, without a prompt; otherwise
# prints the command to run and stops (goes on if only DEPS_OPTIONAL ones are missing).
deps:
	@missing=""; for p in $(PACKAGES) $(DEPS_OPTIONAL); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing \
	      </dev/null || exit 1; \
	  else \
	    echo "missing packages:$$missing"; \
	    echo "run: sudo apt-get update && sudo apt-get install -y$$missing"; \
	    for p in $$missing; do case " $(DEPS_OPTIONAL) " in *" $$p "*) ;; *) exit 1;; esac; done; \
	    echo "(only some tests need them: those are skipped)"; \
	  fi; \
	fi

$(BUILD)/libsim.a: $(SIM_OBJ)
	$(AR) rcs $@ $^
$(BUILD)/libcc.a: $(CC_OBJ)
	$(AR) rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(STD) $(WARN) $(CFLAGS) $(CPPFLAGS) -c $< -o $@

$(BUILD)/ccsim: $(MAIN_OBJ) $(BUILD)/libcc.a $(BUILD)/libsim.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/mpi/%.o: models/%.c
	@mkdir -p $(dir $@)
	$(MPICC) $(STD) $(WARN) $(CFLAGS) $(CPPFLAGS) -DCC_MPI -c $< -o $@

$(BUILD)/ccsim-mpi: $(MPI_OBJ) $(CC_OBJ_NO_SIM) $(BUILD)/libsim.a
	$(MPICC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

mpi: $(BUILD)/ccsim-mpi

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(BUILD)/libcc.a $(BUILD)/libsim.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lcmocka

$(BENCH_BIN): $(BUILD)/tests/bench/bench.o $(BUILD)/tests/bench/loop.o $(BUILD)/libcc.a $(BUILD)/libsim.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The profiled bench: sim/, models/ and bench.c again, with -DSIM_PROFILE, in $(BUILD)/prof/;
# only it has time counters (sim/prof.h), the other builds compile them to nothing.
PROF_OBJ = $(patsubst %.c,$(BUILD)/prof/%.o,$(SIM_SRC) $(CC_SRC) tests/bench/bench.c tests/bench/loop.c)
$(BUILD)/prof/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(STD) $(WARN) $(CFLAGS) $(CPPFLAGS) -DSIM_PROFILE -c $< -o $@
$(BENCH_BIN)-split: $(PROF_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

tests: $(TEST_BIN) $(BUILD)/ccsim

run: deps
	@$(MAKE) --no-print-directory all
	$(BUILD)/ccsim run scenarios/default.yaml -o out/default --plots
	@echo "results in out/default (summary.csv, intervals.csv, replications.csv; charts in plots/)"
	@echo "report: out/default/report.html"

test:
	@$(MAKE) --no-print-directory deps DEPS_OPTIONAL="$(TEST_PACKAGES)"
	@$(MAKE) --no-print-directory check-layers tests
	@CCSIM=$(BUILD)/ccsim BUILD=$(BUILD) MPI_CFLAGS="$(CFLAGS)" sh tests/run_tests.sh $(TEST_BIN)

check: deps
	@$(MAKE) --no-print-directory test BUILD=build-san \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
	@$(MAKE) --no-print-directory all
	@CCSIM=$(BUILD)/ccsim sh tests/valgrind.sh

bench: deps
	@$(MAKE) --no-print-directory $(BENCH_BIN) $(BENCH_BIN)-split
	$(BENCH_BIN)
	$(BENCH_BIN)-split
	@$(MAKE) --no-print-directory $(BUILD)/ccsim
	@sh tests/bench/staff.sh $(BUILD)/ccsim

# The folders each folder's files may include, the layers pointing one way
# (cli -> study -> report -> io -> center -> sim; "ccsim" is include/ccsim/policy.h,
# included as "ccsim/policy.h"; all is anything). check-layers fails on any other include.
LAYERS = sim:sim \
         include/ccsim: \
         models/center:sim,ccsim,models/center \
         models/io:sim,ccsim,models/center,models/io \
         models/report:sim,ccsim,models/center,models/io,models/report \
         models/study:sim,ccsim,models/center,models/io,models/report,models/study \
         models/cli:all

check-layers:
	@sh tests/check_layers.sh $(LAYERS)

# Fuzzing (tests/fuzz/): each harness, built with clang's libFuzzer and the sanitizers
# over the sources themselves, runs FUZZ_SECONDS on its seeds (tests/fuzz/corpus/T) and
# past crashes (tests/fuzz/regressions/T). New inputs, crash files and logs go to
# build/fuzz/, never into the repository; a crash there belongs in tests/fuzz/regressions/T.
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ          = build/fuzz
FUZZ_FLAGS    = -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined
FUZZ_TARGETS  = fuzz_scenario fuzz_csv fuzz_set fuzz_units fuzz_calllog
FUZZ_OBJ      = $(patsubst %.c,$(FUZZ)/obj/%.o,$(SIM_SRC) $(CC_SRC) tests/fuzz/fuzz.c)

$(FUZZ)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(STD) $(FUZZ_FLAGS) $(CPPFLAGS) -c $< -o $@

$(FUZZ)/libfuzz.a: $(FUZZ_OBJ)
	$(AR) rcs $@ $^

$(FUZZ_TARGETS:%=$(FUZZ)/%): $(FUZZ)/%: $(FUZZ)/obj/tests/fuzz/%.o $(FUZZ)/libfuzz.a
	$(FUZZ_CC) -fsanitize=fuzzer,address,undefined -o $@ $^ $(LDLIBS)

fuzz: $(FUZZ_TARGETS:%=$(FUZZ)/%)
	@fail=0; for t in $(FUZZ_TARGETS); do \
	  case $$t in fuzz_set) d=fuzz_scenario;; *) d=$$t;; esac; \
	  mkdir -p $(FUZZ)/corpus/$$t $(FUZZ)/crashes/$$t tests/fuzz/regressions/$$t; \
	  echo "fuzz: $$t, $(FUZZ_SECONDS) s (log in $(FUZZ)/$$t.log)"; \
	  $(FUZZ)/$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 -dict=tests/fuzz/$$d.dict -artifact_prefix=$(FUZZ)/crashes/$$t/ \
	    $(FUZZ)/corpus/$$t tests/fuzz/corpus/$$t tests/fuzz/regressions/$$t \
	    >$(FUZZ)/$$t.log 2>&1 || fail=1; \
	  echo "fuzz: $$t: $$(sed -n 's/^stat::number_of_executed_units: *//p' $(FUZZ)/$$t.log) runs," \
	    "$$(grep -o 'cov: [0-9]* ft: [0-9]*' $(FUZZ)/$$t.log | tail -n 1)," \
	    "$$(ls $(FUZZ)/crashes/$$t | wc -l) crash files"; \
	done; [ $$fail -eq 0 ] || { echo "fuzz: crashes in $(FUZZ)/crashes/"; exit 1; }

-include $(wildcard $(FUZZ)/obj/*/*.d $(FUZZ)/obj/*/*/*.d $(FUZZ)/obj/tests/fuzz/*.d)

# The command, and the header a routing-policy plugin is built against
# (cc -shared -fPIC -I $(PREFIX)/include ...; see include/ccsim/policy.h).
install: all
	install -D -m 755 $(BUILD)/ccsim $(DESTDIR)$(PREFIX)/bin/ccsim
	install -D -m 644 include/ccsim/policy.h $(DESTDIR)$(PREFIX)/include/ccsim/policy.h
	install -d $(DESTDIR)$(PREFIX)/share/ccsim/plots
	install -m 644 plots/*.gp $(DESTDIR)$(PREFIX)/share/ccsim/plots/

clean:
	rm -rf build build-san out

-include $(wildcard $(BUILD)/*/*.d $(BUILD)/*/*/*.d $(BUILD)/tests/*.d $(BUILD)/tests/bench/*.d $(BUILD)/mpi/*/*.d)
-include $(wildcard $(BUILD)/prof/*/*.d $(BUILD)/prof/*/*/*.d $(BUILD)/prof/tests/bench/*.d)
