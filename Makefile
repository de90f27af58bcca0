# Seawall build. `make` builds build/seawall; `make check` runs every test;
# `make demo` runs the main job on the sample port. Sources are found by
# wildcard, so adding a protocol, detector or test is adding a file.

CC      ?= cc
# `make V=1` shows full compiler command lines.
Q       := $(if $(V),,@)
FUZZCC  ?= clang
# Set by scripts/deps.sh; `make NODEPS=1` skips the package check.
DEPS_STAMP := build/.deps-ok

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
BASE    := -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -Isrc -MMD -MP
CFLAGS  ?= -O2 -g
LIBS    := -lyaml -lsqlite3 -lpcap -ljansson -lm -lpthread
LIBS    += -lmicrohttpd -lsodium

VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)
GITREV  := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
DEFS    := -DSEAWALL_VERSION='"$(VERSION)"' -DSEAWALL_GITREV='"$(GITREV)"'

LIB_SRC   := $(sort $(shell find src -name '*.c' ! -path 'src/cli/main.c'))
MAIN_SRC  := src/cli/main.c
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_HELP := $(filter-out $(UNIT_SRC),$(wildcard tests/unit/*.c))
FUZZ_SRC  := $(sort $(wildcard fuzz/fuzz_*.c))
# The MAC-prefix vendor table, compiled from data/oui.tsv (scripts/oui-table.sh).
GEN_SRC   := build/gen/oui_table.c
LIB_SRC   += $(GEN_SRC)
# The dashboard's files, embedded from web/ (scripts/web-assets.sh).
WEB_FILES := $(sort $(shell find web -type f 2>/dev/null))
LIB_SRC   += build/gen/web_assets.c

# --- release -----------------------------------------------------------------
OBJ      := $(LIB_SRC:%.c=build/obj/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build/tests/%)

all: build/seawall

build/obj/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo '  CC       $<'
	$(Q)$(CC) $(BASE) $(WARN) $(CFLAGS) $(DEFS) -c $< -o $@

build/gen/oui_table.c: data/oui.tsv scripts/oui-table.sh
	@mkdir -p $(dir $@)
	@echo '  GEN      $@'
	$(Q)scripts/oui-table.sh data/oui.tsv >$@.tmp && mv $@.tmp $@

build/gen/web_assets.c: $(WEB_FILES) scripts/web-assets.sh
	@mkdir -p $(dir $@)
	@echo '  GEN      $@'
	$(Q)scripts/web-assets.sh $(WEB_FILES) >$@.tmp && mv $@.tmp $@

build/libseawall.a: $(OBJ)
	@rm -f $@
	$(Q)ar rcs $@ $^

build/seawall: build/obj/src/cli/main.o build/libseawall.a
	@echo '  LINK     $@'
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

build/tests/%: tests/unit/%.c $(UNIT_HELP) build/libseawall.a
	@mkdir -p $(dir $@)
	@echo '  LINK     $@'
	$(Q)$(CC) $(BASE) $(WARN) -Wno-missing-prototypes $(CFLAGS) -Itests/unit -o $@ $< $(UNIT_HELP) build/libseawall.a $(LIBS) -lcmocka

# --- ASan + UBSan ------------------------------------------------------------
SAN      := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
ASAN_OBJ := $(LIB_SRC:%.c=build/asan/obj/%.o)
ASAN_BIN := $(UNIT_SRC:tests/unit/%.c=build/asan/tests/%)

build/asan/obj/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo '  CC asan  $<'
	$(Q)$(CC) $(BASE) $(WARN) -O1 -g $(SAN) $(DEFS) -c $< -o $@

build/asan/libseawall.a: $(ASAN_OBJ)
	@rm -f $@
	$(Q)ar rcs $@ $^

build/asan/tests/%: tests/unit/%.c $(UNIT_HELP) build/asan/libseawall.a
	@mkdir -p $(dir $@)
	@echo '  LINK     $@'
	$(Q)$(CC) $(BASE) $(WARN) -Wno-missing-prototypes -O1 -g $(SAN) -Itests/unit -o $@ $< $(UNIT_HELP) build/asan/libseawall.a $(LIBS) -lcmocka

# The seawall binary itself under ASan+UBSan, to run integration tests against
# (SEAWALL=build/asan/seawall); not part of check.
build/asan/seawall: build/asan/obj/src/cli/main.o build/asan/libseawall.a
	@echo '  LINK     $@'
	$(Q)$(CC) $(BASE) $(WARN) -O1 -g $(SAN) -o $@ $^ $(LIBS)
asan-seawall: build/asan/seawall
.PHONY: asan-seawall

# --- libFuzzer ---------------------------------------------------------------
FSAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_OBJ := $(LIB_SRC:%.c=build/fuzz/obj/%.o)
FUZZ_BIN := $(FUZZ_SRC:fuzz/%.c=build/fuzz/%)

build/fuzz/obj/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo '  CC fuzz  $<'
	$(Q)$(FUZZCC) $(BASE) $(WARN) -O1 -g $(FSAN) -fsanitize=fuzzer-no-link $(DEFS) -c $< -o $@

build/fuzz/libseawall.a: $(FUZZ_OBJ)
	@rm -f $@
	$(Q)ar rcs $@ $^

build/fuzz/%: fuzz/%.c build/fuzz/libseawall.a
	@echo '  LINK     $@'
	$(Q)$(FUZZCC) $(BASE) $(WARN) -Wno-missing-prototypes -O1 -g $(FSAN) -fsanitize=fuzzer -o $@ $< build/fuzz/libseawall.a $(LIBS)

# --- entry points ------------------------------------------------------------
$(DEPS_STAMP): scripts/deps.sh
	@mkdir -p build
	@if [ -z "$(NODEPS)" ]; then scripts/deps.sh; fi
	@touch $@

unit: $(UNIT_BIN)
asan: $(ASAN_BIN)
fuzz: $(FUZZ_BIN)

check: build/seawall unit asan fuzz
	@scripts/check.sh

# playwright-core for the browser tests, exactly as tests/browser/package-lock.json pins it.
BROWSER_DEPS := tests/browser/node_modules/.package-lock.json
$(BROWSER_DEPS): tests/browser/package-lock.json | $(DEPS_STAMP)
	@if ! command -v npm >/dev/null 2>&1; then echo 'make: npm missing; the browser tests will be skipped (scripts/deps.sh test)'; \
	 elif ! (cd tests/browser && npm ci --no-audit --no-fund); then echo 'make: npm ci failed; the browser tests will be skipped'; fi
browser-deps: $(BROWSER_DEPS)
check: browser-deps
.PHONY: browser-deps

demo: build/seawall
	@scripts/demo.sh

clean:
	rm -rf build

.PHONY: all unit asan fuzz check demo clean
.SECONDARY:

-include $(shell find build -name '*.d' 2>/dev/null)

# --- reference tables from data/, compiled in ----------------------------------
BASE += -Ibuild/gen
build/gen/mid_table.inc: data/mid.tsv scripts/mid_table.awk
	@mkdir -p $(dir $@)
	$(Q)awk -f scripts/mid_table.awk $< > $@.tmp && mv $@.tmp $@
build/obj/src/ais/mid.o build/asan/obj/src/ais/mid.o build/fuzz/obj/src/ais/mid.o: build/gen/mid_table.inc
