# kysely - batch survey analysis.  `make` builds build/kysely; `make run`
# analyses the bundled sample survey; `make test` runs the cmocka suite.

PREFIX   ?= /usr/local
PKG      ?= pkg-config
CFLAGS   ?= -O2 -g
PLOTS_DIR_DEFAULT = $(abspath plots)
DEPS_CFLAGS := $(shell $(PKG) --cflags gsl jansson libutf8proc libzip libxml-2.0 2>/dev/null)
DEPS_LIBS   := $(shell $(PKG) --libs gsl jansson libutf8proc 2>/dev/null)
# libxml2, libzip (XLSX) and ReadStat (.sav) are not linked into kysely: the
# readers dlopen() them on the first workbook or SPSS file, so a run on CSV
# does not pay for loading them and what they pull in (ICU, libstdc++,
# libcrypto).  Programs that call them directly link them (IO_LIBS).
IO_LIBS     := $(shell $(PKG) --libs libzip libxml-2.0 2>/dev/null) -lreadstat -ldl
# The names the readers dlopen() first: the sonames of the libraries whose
# headers they are compiled against (each reader falls back on the Debian 12
# soname, then the unversioned name).
soname_of   = $(shell objdump -p $(shell $(CC) -print-file-name=lib$(1).so) 2>/dev/null | \
                sed -n 's/^ *SONAME *//p')
soname_def  = $(if $(2),-D$(1)='"$(2)"')
build/obj/ingest/ingest_xlsx.o: KY_CFLAGS += $(call soname_def,KY_SONAME_XML2,$(call soname_of,xml2)) \
                                      $(call soname_def,KY_SONAME_ZIP,$(call soname_of,zip))
build/obj/ingest/ingest_sav.o: KY_CFLAGS += \
	$(call soname_def,KY_SONAME_READSTAT,$(call soname_of,readstat))
# Voikko and libstemmer: opened on the first open answers (engine/model/text.c).
build/obj/model/text.o: KY_CFLAGS += $(call soname_def,KY_SONAME_VOIKKO,$(call soname_of,voikko)) \
	$(call soname_def,KY_SONAME_STEMMER,$(call soname_of,stemmer))
KY_CFLAGS = -std=c11 -pthread -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wshadow -Iinclude -Iengine \
            $(DEPS_CFLAGS) $(CFLAGS)
LDLIBS    = $(DEPS_LIBS) -lcsv -lm   # libcsv ships no .pc file (nor does libreadstat)
TEST_LIBS = $(shell $(PKG) --libs cmocka xlsxwriter 2>/dev/null)
# build/kysely takes these libraries from their .a archives when the -dev
# packages ship them (Debian's do), else links them as usual: each shared
# object is loaded and relocated at every start, about 0.6 ms for the four.
KY_STATIC   = gsl gslcblas jansson utf8proc
archive_of  = $(firstword $(filter /%,$(shell $(CC) -print-file-name=lib$(1).a)) -l$(1))
lib_for     = $(if $(filter $(1),$(KY_STATIC)),$(call archive_of,$(1)),-l$(1))
KY_LDLIBS  := $(foreach l,$(DEPS_LIBS),$(if $(filter -l%,$(l)),$(call lib_for,$(l:-l%=%)),$(l))) \
              -lcsv -lm

# One folder per stage under engine/ (docs/architecture.md); engine/cli is
# the command line, linked only into build/kysely.
ROOMS    := base ingest count model stats report
LIB_SRC  := $(foreach r,$(ROOMS),$(wildcard engine/$(r)/*.c))
LIB_OBJ  := $(patsubst engine/%.c,build/obj/%.o,$(LIB_SRC))
CLI_OBJ  := $(patsubst engine/%.c,build/obj/%.o,$(wildcard engine/cli/*.c))
TESTS    := $(patsubst tests/%.c,build/tests/%,$(wildcard tests/test_*.c))

all: build/kysely build/kysely-png.so

# Preloaded into kysely's gnuplot: PNGs written without libpng's filter
# search (plots/kysely-png.c).  Plain flags: it must load into any gnuplot.
build/kysely-png.so: plots/kysely-png.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -O2 -Wall -Wextra -shared -fPIC $< -o $@ -ldl

build/kysely: $(CLI_OBJ) build/libkysely.a
	$(CC) $(KY_CFLAGS) $(LDFLAGS) $^ $(KY_LDLIBS) -o $@

build/obj/cli/%.o: engine/cli/%.c
	@mkdir -p $(@D)
	$(CC) $(KY_CFLAGS) -DKY_PLOTS_DIR='"$(KY_PLOTS_DIR)"' -MMD -MP -c $< -o $@

build/obj/%.o: engine/%.c
	@mkdir -p $(@D)
	$(CC) $(KY_CFLAGS) -MMD -MP -c $< -o $@

build/libkysely.a: $(LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@ && $(AR) rcs $@ $^

build/tests/%: tests/%.c build/libkysely.a tests/ky_test.h tests/ky_table.h
	@mkdir -p $(@D)
	$(CC) $(KY_CFLAGS) -Itests $(LDFLAGS) $< build/libkysely.a $(LDLIBS) $(IO_LIBS) $(TEST_LIBS) -o $@

# The sample survey in other shapes (surveys/shapes/, surveys/README.md).
build/gen_shapes: surveys/gen_shapes.c build/libkysely.a
	@mkdir -p $(@D)
	$(CC) $(KY_CFLAGS) $(LDFLAGS) $< build/libkysely.a $(LDLIBS) $(IO_LIBS) $(TEST_LIBS) -o $@

shapes: build/gen_shapes
	@mkdir -p surveys/shapes
	./build/gen_shapes surveys/asukas-henkilosto-2024.csv surveys/shapes

# The plots directory compiled into the binary: the source tree for a build,
# PREFIX/share/kysely/plots for `make install`.
KY_PLOTS_DIR ?= $(PLOTS_DIR_DEFAULT)

deps:
	@sh .ci/install-deps

# run and test first install missing Debian packages, then build in a fresh
# make (so that pkg-config sees the newly installed libraries).
run: deps
	@$(MAKE) --no-print-directory all
	./build/kysely analyze surveys/asukas-henkilosto-2024.csv --group "Vastaajaryhmä" --reverse "Asiointi on muuttunut hankalammaksi" -o out/sample
	./build/kysely compare surveys/asukas-henkilosto-2023.ini surveys/asukas-henkilosto-2024.ini surveys/asukas-henkilosto-2025.ini --group "Vastaajaryhmä" -o out/sample-rounds

test: deps
	@$(MAKE) --no-print-directory check

check: $(TESTS) build/kysely build/kysely-png.so build/gen_shapes check-layers
	@rc=0; for t in $(TESTS); do KY_SRCDIR=$(CURDIR) ./$$t || rc=1; done; \
	 for s in tests/cli_*.sh; do sh $$s build/kysely || rc=1; done; exit $$rc

# The rooms of engine/ call only downward, with no circle between rooms
# and none of more than three files in a room (tests/check_layers.py, from
# the objects' symbols; docs/architecture.md).
check-layers: $(LIB_OBJ) $(CLI_OBJ)
	python3 tests/check_layers.py build/obj engine

# The HTML report as a reader sees it: printed to PDF by headless Chromium
# and checked (tests/report_check.sh); report.pptx, report.docx and
# tables.xlsx opened in LibreOffice and checked (tests/office_check.sh);
# installs Chromium, pandoc and LibreOffice if missing.
check-report: build/kysely
	@sh .ci/install-deps --browser
	@sh .ci/install-deps --office
	sh tests/report_check.sh build/kysely
	sh tests/office_check.sh build/kysely

# Time per chart: one gnuplot process for the run vs one per chart
# (bench/charts.sh -> bench/CHARTS.md; needs hyperfine).
bench-charts: build/kysely build/kysely-png.so
	@sh .ci/install-deps --bench
	sh bench/charts.sh build/kysely

# Throughput and memory against peers and floors (bench/run.sh ->
# bench/RESULTS.md; needs hyperfine, time, r-base-core, r-cran-data.table,
# python3-pandas, python3-scipy, pspp; installed when missing).  Data goes to
# /tmp/kysely-bench-data.
BENCH_TOOLS = build/bench/gen build/bench/csvcount build/bench/memchr
build/bench/gen: bench/gen.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -O2 -Wall -Wextra $< -o $@
build/bench/csvcount: bench/floors/csvcount.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -O2 -Wall -Wextra $< -lcsv -o $@
build/bench/memchr: bench/floors/memchr.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -O2 -Wall -Wextra $< -o $@
bench: build/kysely $(BENCH_TOOLS)
	@sh .ci/install-deps --bench
	sh bench/run.sh full
bench-quick: build/kysely $(BENCH_TOOLS)
	@sh .ci/install-deps --bench
	sh bench/run.sh quick

install:
	$(MAKE) clean-cli KY_PLOTS_DIR=$(PREFIX)/share/kysely/plots
	$(MAKE) all KY_PLOTS_DIR=$(PREFIX)/share/kysely/plots
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/kysely/plots
	install -m 755 build/kysely $(DESTDIR)$(PREFIX)/bin/kysely
	install -d $(DESTDIR)$(PREFIX)/lib/kysely
	install -m 644 build/kysely-png.so $(DESTDIR)$(PREFIX)/lib/kysely/kysely-png.so
	install -m 644 plots/*.gp plots/reference.pptx plots/reference.docx $(DESTDIR)$(PREFIX)/share/kysely/plots/
	$(MAKE) clean-cli

clean-cli:
	rm -rf build/obj/cli build/kysely

# The sample as a Microsoft Forms workbook (Finnish tenant); the generated
# file is committed, so only maintainers need libxlsxwriter for this.
build/gen_forms_xlsx: tests/data/gen_forms_xlsx.c build/libkysely.a
	@mkdir -p $(@D)
	$(CC) $(KY_CFLAGS) $(LDFLAGS) $< build/libkysely.a $(LDLIBS) $(IO_LIBS) $(shell $(PKG) --libs xlsxwriter) -o $@

forms-xlsx: build/gen_forms_xlsx
	./build/gen_forms_xlsx surveys/asukas-henkilosto-2024.csv tests/data/forms_sample.xlsx

# Reference tables from R for the bundled sample (tests/ref/README.md).
REF_SAMPLE = surveys/asukas-henkilosto-2024.csv tests/ref/sample Vastaajaryhmä Palvelualue
REF_EDGE   = tests/data/groups_edge.csv tests/ref/edge Yksikkö Rooli Kaikki
ROUNDS_STEM = Kuinka merkittävä vaikutus seuraavilla kehitetyillä palveluilla on ollut arkeesi tai työhösi?:
refs:
	Rscript tests/ref/rounds.R tests/ref/rounds surveys/asukas-henkilosto-2023.csv \
	  surveys/asukas-henkilosto-2024.csv surveys/asukas-henkilosto-2025.csv --group Vastaajaryhmä \
	  --names 2023,2024,2025 --was "$(ROUNDS_STEM)Suora puhelinlinja ja chat|$(ROUNDS_STEM)Puhelinpalvelu ja chat"
	Rscript tests/ref/describe.R $(REF_SAMPLE)
	Rscript tests/ref/groups.R $(REF_SAMPLE)
	Rscript tests/ref/describe.R $(REF_EDGE)
	Rscript tests/ref/groups.R $(REF_EDGE)
	Rscript tests/ref/stats.R > tests/ref/stats.out
	Rscript tests/ref/types.R surveys/asukas-henkilosto-2024.csv tests/ref/sample_types \
	  --reverse "Mitä mieltä olet seuraavista väittämistä?:Asiointi on muuttunut hankalammaksi" \
	  Vastaajaryhmä Palvelualue
	Rscript tests/ref/types.R tests/data/forms_export.csv tests/ref/forms \
	  --reverse "Waiting times have grown longer" Unit
	Rscript tests/ref/audience.R tests/ref/audience/exports exports \
	  tests/data/audience/asukkaat.csv tests/data/audience/henkilosto.csv -- Palvelualue
	Rscript tests/ref/audience.R tests/ref/audience/blocks blocks \
	  tests/data/audience/yhdessa.csv "Vastaan kyselyyn" -- Palvelualue
	Rscript tests/ref/audience.R tests/ref/audience/three exports tests/data/audience/asukkaat.csv \
	  tests/data/audience/henkilosto.csv tests/data/audience/johto.csv -- Palvelualue

# Any export against R: make refcheck EXPORT=file.csv [GROUP=column]
# [REVERSE='header|header'] (reverse-keyed items by header text)
# kysely compare against R on any rounds (CSV exports, earliest first):
# make refcheck-rounds ROUNDS='a.csv b.csv' [GROUP=column]
refcheck-rounds: build/kysely
	@test -n "$(ROUNDS)" || { echo "usage: make refcheck-rounds ROUNDS='a.csv b.csv [c.csv]' [GROUP=column]"; exit 2; }
	rm -rf build/refcheck-rounds
	./build/kysely compare $(ROUNDS) $(if $(GROUP),--group "$(GROUP)") --min-n 0 --no-charts -q -o build/refcheck-rounds/kysely
	Rscript tests/ref/rounds.R build/refcheck-rounds/r $(ROUNDS) $(if $(GROUP),--group "$(GROUP)")
	Rscript tests/ref/check_changes.R build/refcheck-rounds/kysely/changes.csv build/refcheck-rounds/r/changes.csv

refcheck: build/kysely
	@test -n "$(EXPORT)" || { echo "usage: make refcheck EXPORT=file.csv [GROUP=column] [REVERSE='h1|h2']"; exit 2; }
	sh tests/ref/refcheck.sh build/kysely "$(EXPORT)" "$(GROUP)" "$(REVERSE)"

# Sanitizer objects must not mix with a normal build: clean before and after.
check-asan:
	$(MAKE) clean
	KY_TEST_VMEM=unlimited $(MAKE) check CC=clang CFLAGS='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined'; \
	rc=$$?; $(MAKE) clean; exit $$rc

# The same under ThreadSanitizer, every file read on two cores
# (KY_PARALLEL_MIN=0): the chunk threads, the pattern replay and the
# summary.json thread.
check-tsan:
	$(MAKE) clean
	KY_TEST_VMEM=unlimited KY_PARALLEL_MIN=0 TSAN_OPTIONS='halt_on_error=1 exitcode=66' \
	$(MAKE) check CC=clang CFLAGS='-O1 -g -fsanitize=thread'; \
	rc=$$?; $(MAKE) clean; exit $$rc

# The command line end to end under valgrind memcheck (tests/valgrind.sh).
check-valgrind: build/kysely
	sh tests/valgrind.sh build/kysely

clean:
	rm -rf build

include tests/fuzz/fuzz.mk

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
.PHONY: check-layers refcheck-rounds forms-xlsx all deps run test check shapes check-report bench-charts bench bench-quick install clean clean-cli check-asan check-tsan check-valgrind refs refcheck
