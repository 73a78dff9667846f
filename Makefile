# lp - a toolkit for Lead Practitioner accreditation portfolios.
#
#   make                 build every program into $(O)/bin
#   make check           install missing build deps, build, run every test
#   make check SANITIZE=1   the same under ASan + UBSan (in build-san/)
#   make demo            build and show lp on a sample cohort
#   make install PREFIX=/usr/local DESTDIR=
#   make fuzz            build the libFuzzer targets (clang)
#   make fuzz-run        run each of them (FUZZ_TIME=600 seconds, FUZZ_JOBS=2)

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/site-functions
DESTDIR  ?=
# The front door's name: `lp` clashes with the POSIX print command (CUPS),
# so a packager may install it as, say, FRONT=lpf.  Nothing else changes.
FRONT    ?= lp

CC       ?= cc
PKGS      = libgit2 libcjson yaml-0.1 libcmark libsodium xlsxwriter zlib
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN     ?= -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wno-unused-parameter
WERROR   ?=
OPT      ?= -O2 -g
CFLAGS   ?= $(OPT)
LP_CFLAGS = -std=c11 -D_GNU_SOURCE -pthread -Ilib $(WARN) $(WERROR) $(PKG_CFLAGS)
# libcsv ships no .pc file.
LIBS      = $(PKG_LIBS) -lcsv -pthread

ifeq ($(SANITIZE),1)
O        ?= build-san
LP_CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=undefined
LDFLAGS  += -fsanitize=address,undefined
endif
O        ?= build

LIB_SRC  := $(sort $(wildcard lib/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(O)/%.o)
CMD_SRC  := $(sort $(wildcard cmd/*.c))
PROGS    := $(CMD_SRC:cmd/%.c=$(O)/bin/%)
UNIT_SRC := $(sort $(wildcard tests/unit/*.c))
UNITS    := $(UNIT_SRC:tests/unit/%.c=$(O)/tests/%)
MANS     := $(sort $(wildcard man/*.[1-9]))

all: $(PROGS) $(UNITS)

$(O)/lib/%.o: lib/%.c lib/lp.h $(wildcard lib/*.h)
	@mkdir -p $(@D)
	$(CC) $(LP_CFLAGS) $(CFLAGS) -c -o $@ $<

$(O)/liblp.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(O)/bin/%: cmd/%.c $(O)/liblp.a lib/lp.h
	@mkdir -p $(@D)
	$(CC) $(LP_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(O)/liblp.a $(LIBS)

$(O)/tests/%: tests/unit/%.c $(O)/liblp.a lib/lp.h
	@mkdir -p $(@D)
	$(CC) $(LP_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(O)/liblp.a $(LIBS)

# Fuzz targets (fuzz/NAME.c, see fuzz/fuzz.h).  In the normal build each
# is linked with fuzz/driver.c into $(O)/fuzz/NAME, which `make check`
# runs over fuzz/corpus/NAME and fuzz/crashes/NAME (tests/800-fuzz-replay.t).
# `make fuzz` builds the libFuzzer binaries with clang into build-fuzz/;
# `make fuzz-run FUZZ_TIME=600` runs each of them, FUZZ_JOBS at a time.
FUZZ_SRC   := $(filter-out fuzz/driver.c fuzz/scratch.c,$(sort $(wildcard fuzz/*.c)))
FUZZ_NAMES := $(FUZZ_SRC:fuzz/%.c=%)
FUZZ_REPLAY := $(FUZZ_NAMES:%=$(O)/fuzz/%)
FUZZ_O     ?= build-fuzz
FUZZ_CC    ?= clang
FUZZ_SAN    = -fsanitize=address,undefined -fno-sanitize-recover=undefined \
              -fno-omit-frame-pointer
FUZZ_CFLAGS = -std=c11 -D_GNU_SOURCE -Ilib $(WARN) $(PKG_CFLAGS) -O1 -g $(FUZZ_SAN)
FUZZ_LIB_OBJ := $(LIB_SRC:%.c=$(FUZZ_O)/%.o)
FUZZ_TIME  ?= 600
FUZZ_JOBS  ?= 2

all: $(FUZZ_REPLAY)

$(FUZZ_REPLAY): $(O)/fuzz/%: fuzz/%.c fuzz/driver.c fuzz/scratch.c fuzz/fuzz.h \
		$(O)/liblp.a lib/lp.h
	@mkdir -p $(@D)
	$(CC) $(LP_CFLAGS) -Ifuzz $(CFLAGS) $(LDFLAGS) -o $@ $< fuzz/driver.c \
		fuzz/scratch.c $(O)/liblp.a $(LIBS)

# The fault-injection shim of tests/830-faults.t: an LD_PRELOAD object.
all: $(O)/tests/faultfs.so

$(O)/tests/faultfs.so: tests/faults/faultfs.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) $(WERROR) $(CFLAGS) -shared -fPIC \
		-o $@ $< -ldl

fuzz: $(FUZZ_NAMES:%=$(FUZZ_O)/%)

$(FUZZ_LIB_OBJ): $(FUZZ_O)/lib/%.o: lib/%.c lib/lp.h $(wildcard lib/*.h)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_O)/liblp.a: $(FUZZ_LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(FUZZ_LIB_OBJ)

$(FUZZ_NAMES:%=$(FUZZ_O)/%): $(FUZZ_O)/%: fuzz/%.c fuzz/scratch.c fuzz/fuzz.h \
		$(FUZZ_O)/liblp.a lib/lp.h
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Ifuzz -fsanitize=fuzzer -o $@ $< fuzz/scratch.c \
		$(FUZZ_O)/liblp.a $(LIBS)

fuzz-run: fuzz
	FUZZ_O=$(FUZZ_O) FUZZ_TIME=$(FUZZ_TIME) FUZZ_JOBS=$(FUZZ_JOBS) \
		scripts/fuzz-run $(FUZZ_NAMES)

.PHONY: fuzz fuzz-run

deps:
	@scripts/install-deps

# The tests run the programs from $(O)/bin; see tests/lib.sh.
check: deps
	@$(MAKE) --no-print-directory all
	LP_BUILD=$(abspath $(O)) prove -j2 --timer tests/*.t

demo: deps
	@$(MAKE) --no-print-directory all
	@LP_BUILD=$(abspath $(O)) scripts/demo

# The completion scripts are made by the installed front door, from the
# same tables as --help, so they name it as it is installed.
install: all
	install -d $(DESTDIR)$(BINDIR)
	for p in $(filter-out $(O)/bin/lp,$(PROGS)); do install -m 755 $$p $(DESTDIR)$(BINDIR)/; done
	install -m 755 $(O)/bin/lp $(DESTDIR)$(BINDIR)/$(FRONT)
	for m in $(MANS); do \
		s=$${m##*.}; n=$${m##*/}; [ "$$n" = lp.1 ] && n=$(FRONT).1; \
		install -d $(DESTDIR)$(MANDIR)/man$$s; \
		install -m 644 $$m $(DESTDIR)$(MANDIR)/man$$s/$$n; done
	install -d $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	$(DESTDIR)$(BINDIR)/$(FRONT) completion bash >$(DESTDIR)$(BASHCOMPDIR)/$(FRONT)
	for p in $(filter-out $(O)/bin/lp,$(PROGS)); do \
		ln -sf $(FRONT) $(DESTDIR)$(BASHCOMPDIR)/$${p##*/}; done
	$(DESTDIR)$(BINDIR)/$(FRONT) completion zsh >$(DESTDIR)$(ZSHCOMPDIR)/_$(FRONT)

uninstall:
	for p in $(filter-out $(O)/bin/lp,$(PROGS)); do rm -f $(DESTDIR)$(BINDIR)/$${p##*/} \
		$(DESTDIR)$(BASHCOMPDIR)/$${p##*/}; done
	rm -f $(DESTDIR)$(BINDIR)/$(FRONT) $(DESTDIR)$(BASHCOMPDIR)/$(FRONT) \
		$(DESTDIR)$(ZSHCOMPDIR)/_$(FRONT)
	for m in $(MANS); do \
		s=$${m##*.}; n=$${m##*/}; [ "$$n" = lp.1 ] && n=$(FRONT).1; \
		rm -f $(DESTDIR)$(MANDIR)/man$$s/$$n; done

clean:
	rm -rf build build-san build-fuzz

.PHONY: all deps check demo install uninstall clean
