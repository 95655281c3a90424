# SPDX-License-Identifier: GPL-2.0
#
# nsctp: SCTP as an out-of-tree Linux kernel module.
# 'make help' lists the targets.

TOP := $(CURDIR)
KVER ?= $(shell $(TOP)/scripts/kver.sh 2>/dev/null)
# A fresh machine has no kernel headers yet: install the packages first,
# so that every target works as the first command (README).
ifeq ($(KVER),)
ifeq ($(filter deps help clean,$(MAKECMDGOALS)),)
$(info nsctp: no kernel with headers yet; running scripts/deps.sh)
_deps := $(shell $(TOP)/scripts/deps.sh >&2)
KVER := $(shell $(TOP)/scripts/kver.sh 2>/dev/null)
endif
endif
KDIR ?= /lib/modules/$(KVER)/build
# the files scripts/ksrc.sh extracts from linux-source-6.1
KSRC ?= $(TOP)/.build/ksrc
CHECKPATCH = $(KSRC)/scripts/checkpatch.pl
SRCS = $(shell find net include -name '*.[ch]' 2>/dev/null | sort)

export KVER KDIR KSRC

FUZZ_KERNEL_SECONDS ?= 300
FUZZ_SEED ?=

.PHONY: all modules deps check install uninstall selftests tools-test fuzz test test-debug demo \
	vm vng-test interop bench fuzz-kernel clean help ksrc FORCE deb dkms dkms-remove package-check

all: modules

$(KDIR)/Makefile:
	@$(TOP)/scripts/deps.sh
	@test -f $@ || { echo "no kernel headers at $(KDIR): set KVER= or KDIR="; exit 1; }

## modules: build nsctp.ko (W=1) against KVER (default: newest kernel with /boot/vmlinuz and headers)
modules: $(KDIR)/Makefile
	$(MAKE) -C $(KDIR) M=$(TOP) W=1 modules

## deps: install the Debian packages the project needs (idempotent)
deps:
	@$(TOP)/scripts/deps.sh

ksrc:
	@$(TOP)/scripts/deps.sh
	@$(TOP)/scripts/ksrc.sh >/dev/null

## check: sparse (C=2) and checkpatch --strict over net/ and include/; fails on any warning
check: $(KDIR)/Makefile ksrc
	@$(TOP)/scripts/check.sh

## install: install nsctp.ko under /lib/modules/KVER/updates and run depmod
install: modules
	$(TOP)/scripts/install-module.sh $(TOP)/nsctp.ko $(KVER)

## uninstall: remove the installed module and run depmod
uninstall:
	rm -f /lib/modules/$(KVER)/updates/nsctp.ko
	depmod -a $(KVER)

## deb: Debian packages in out/pkg: nsctp-dkms (source, built by dkms for every kernel) and nsctp-modules-KVER (this nsctp.ko); both blacklist sctp and sctp_diag
deb: modules
	$(TOP)/scripts/package.sh deb $(TOP)/out/pkg $(TOP)/nsctp.ko $(KVER)

## dkms: add this tree to dkms and install nsctp for KVER (dkms rebuilds it for each new kernel), with the modprobe.d file; dkms-remove undoes it
dkms:
	KVER=$(KVER) $(TOP)/scripts/package.sh dkms-install

dkms-remove:
	$(TOP)/scripts/package.sh dkms-remove

## package-check: build both packages, check their contents, and build nsctp with dkms in a private tree (what make test runs)
package-check: modules
	KVER=$(KVER) $(TOP)/scripts/package.sh check

## selftests: build the selftest programs and test modules; packetdrill for the conformance suite (scripts/packetdrill.sh)
selftests: modules ksrc
	$(MAKE) -C selftests KSFT_DIR=$(KSRC)/tools/testing/selftests
	$(MAKE) -C $(KDIR) M=$(TOP)/selftests/modules modules

## tools-test: userspace unit tests of pure logic under tools/
tools-test:
	@if [ -f tools/Makefile ]; then $(MAKE) -C tools test; fi

## fuzz: the libFuzzer targets under tools/, FUZZ_SECONDS (60) each, sanitizers fatal; 'N passed, N failed'
fuzz:
	$(MAKE) -C tools fuzz

## test: everything (build, check, unit tests, fuzz, selftests in guests, interop); last line 'N passed, N failed' counts nsctp's own tests, the sctp.ko validation runs print their own lines before it
test: deps
	@$(TOP)/scripts/test.sh

## test-debug: every selftest in a guest on a debug kernel (KASAN, KFENCE, UBSAN, lockdep, kmemleak after rmmod), built once and cached in ~/.cache/nsctp (NSCTP_CACHE); 'N passed, N failed'
test-debug: deps
	@$(TOP)/scripts/test-debug.sh

## demo: the main job: build, boot a guest, load nsctp, set up and shut down an SCTP association, run the examples/ echo pair
demo: selftests
	@$(TOP)/selftests/vm/run-vm.sh --demo

## examples: build examples/ (sctp_echo_server: one-to-many, peels each association off by ioctl; sctp_echo_client: sctp_connectx, streams, sctp_sendv/recvv); make demo runs them in the guest
examples:
	$(MAKE) -C examples

## vm: open a shell in a guest with nsctp loaded (exit with poweroff or Ctrl-A X)
vm: selftests
	@$(TOP)/selftests/vm/run-vm.sh --shell

## interop: nsctp against the in-tree sctp.ko, two guests joined by a virtual wire; 'N passed, N failed'
interop: deps selftests
	@$(TOP)/selftests/vm/interop.sh --no-build

## bench: nsctp vs sctp.ko vs TCP in guests, -smp 2 and 1, rows (a)-(h): a table (BENCH_REPS=3, BENCH_SECS=5, BENCH_ROWS, BENCH_ROUNDS; ~35 min); not a test
bench: deps selftests
	@$(TOP)/scripts/bench.sh

## fuzz-kernel: nsctp's syscall fuzzer in a guest for FUZZ_KERNEL_SECONDS (300) with FUZZ_SEED (printed), then rmmod and the kernel log; 'N passed, N failed'
fuzz-kernel: deps selftests
	@FUZZ_KERNEL_SECONDS=$(FUZZ_KERNEL_SECONDS) FUZZ_SEED=$(FUZZ_SEED) $(TOP)/scripts/fuzz-kernel.sh

## vng-test: run the selftests under virtme-ng (VNG=path/to/vng if not on PATH)
vng-test: selftests
	@$(TOP)/selftests/vng.sh

clean:
	-$(MAKE) -C $(KDIR) M=$(TOP) clean
	-$(MAKE) -C $(KDIR) M=$(TOP)/selftests/modules clean
	-$(MAKE) -C selftests clean
	-$(MAKE) -C examples clean
	rm -rf .build selftests/out out

## help: this list
help:
	@echo "nsctp make targets (KVER=$(KVER)):"
	@sed -n 's/^## \([a-z-]*\): /  \1\t/p' $(MAKEFILE_LIST) | expand -t 16
