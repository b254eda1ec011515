# tests/fuzz/fuzz.mk - libFuzzer harnesses under ASan + UBSan (included from
# the Makefile).  `make fuzz FUZZ_SECONDS=N` builds them with clang into
# build/fuzz/ and runs each for N seconds on a copy of its seed corpus
# (tests/fuzz/corpus/<harness>/, never written to); new inputs go to
# build/fuzz/corpus/<harness>/, crashes to build/fuzz/crashes/.
# `make fuzz-build` only builds.  tests/fuzz/README.md has the results.

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SAN      = -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS   = -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -fno-omit-frame-pointer \
                $(FUZZ_SAN) -Iinclude -Iengine $(DEPS_CFLAGS)
FUZZ_HARNESS := reader def survey audience
FUZZ_BIN     := $(patsubst %,build/fuzz/fuzz_%,$(FUZZ_HARNESS))
FUZZ_OBJ     := $(patsubst engine/%.c,build/fuzz/obj/%.o,$(LIB_SRC))
# per harness: largest input tried, and extra libFuzzer flags
FUZZ_MAXLEN_reader = 65536
FUZZ_MAXLEN_def    = 8192
FUZZ_MAXLEN_survey = 16384
FUZZ_MAXLEN_audience = 16384

build/fuzz/obj/%.o: engine/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

build/fuzz/libkysely.a: $(FUZZ_OBJ)
	rm -f $@ && $(AR) rcs $@ $^

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h build/fuzz/libkysely.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $< build/fuzz/libkysely.a $(LDLIBS) -o $@

fuzz-build: $(FUZZ_BIN)

# Runs every harness for FUZZ_SECONDS; stops at the first crash, leak or UB
# (libFuzzer writes the input to build/fuzz/crashes/<harness>-...).
fuzz: fuzz-build
	@mkdir -p build/fuzz/crashes
	@rc=0; for h in $(FUZZ_HARNESS); do \
	  mkdir -p build/fuzz/corpus/$$h; \
	  echo "== fuzz_$$h for $(FUZZ_SECONDS) s"; \
	  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  build/fuzz/fuzz_$$h build/fuzz/corpus/$$h tests/fuzz/corpus/$$h \
	    -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    -max_len=$(FUZZ_MAXLEN_$$h) \
	    -artifact_prefix=build/fuzz/crashes/$$h- -print_final_stats=1 2>&1 \
	    | tee build/fuzz/fuzz_$$h.log | grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY)' ; \
	  if grep -q 'ERROR: \|SUMMARY: \|deadly signal' build/fuzz/fuzz_$$h.log; then \
	    rc=1; echo "fuzz_$$h FAILED: see build/fuzz/fuzz_$$h.log"; fi; \
	done; exit $$rc

# Re-runs every corpus and regression input once (fast; no fuzzing).
fuzz-regress: fuzz-build
	@set -e; for h in $(FUZZ_HARNESS); do \
	  build/fuzz/fuzz_$$h -runs=0 tests/fuzz/corpus/$$h >/dev/null 2>build/fuzz/regress_$$h.log \
	    || { cat build/fuzz/regress_$$h.log; exit 1; }; \
	  echo "fuzz_$$h: $$(ls tests/fuzz/corpus/$$h | wc -l) corpus inputs pass"; \
	done

-include $(FUZZ_OBJ:.o=.d)
.PHONY: fuzz fuzz-build fuzz-regress
