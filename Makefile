# newroot — one build for everything; outputs go to build/.
#
#   make                 build/newroot (static, klibc) and build/newroot-mkimage
#   make LIBC=musl       the same sources against musl  (build/musl/newroot)
#   make LIBC=glibc      the same sources against glibc (build/glibc/newroot)
#   make size            stripped size of each variant
#   make check           every test (installs what it needs when root)
#   make boot            boot the demo in QEMU (the main job)
#   make bench           the benchmarks
#   make fuzz            every libFuzzer harness for FUZZ_SECONDS (60) each

LIBC      ?= klibc
B         := build
V         := $(B)/$(LIBC)
VERSION   := $(shell cat VERSION 2>/dev/null || echo 0.1)

WARN      := -Wall -Wextra -Werror -Wno-unused-parameter
DEFS      := -D_GNU_SOURCE -DNEWROOT_VERSION='"$(VERSION)"'
INCS      := -Iinit -I$(B)/gen

# The boot binary is small, so the linker's default layout wastes a large
# share of it: a page of padding before .text, before .rodata and before
# .data. One read-only segment (noseparate-code) and segments packed in the
# file (common-page-size=64; the kernel still maps them at 4 KiB pages,
# max-page-size) keep every byte of code and data and drop ~6 KB of zeros.
PACK      := -Wl,-z,noseparate-code,-z,common-page-size=64,--build-id=none

ifeq ($(LIBC),klibc)
  CC_T    := klcc
  # -Oz, link-time optimisation across the files, no jump tables and data
  # aligned as the ABI asks (not to 32 bytes for vector loads): the
  # same code, compiled for size (the boot binary is read once per boot).
  # Measured, bytes less each (BENCHMARKS.md): a stack aligned to 8, not
  # 16 (nothing in the binary or in klibc uses SSE: -mno-sse, as the
  # kernel itself is built), 320; one LTO partition, no caller-saves, no
  # sibling calls, 290; no partial inlining, no if-conversion and no
  # dominator optimisations, 380.
  KLIBC_OPT := -Oz -flto -fno-jump-tables -malign-data=abi \
	-mpreferred-stack-boundary=3 -flto-partition=one -fno-caller-saves \
	-fno-optimize-sibling-calls -fno-partial-inlining -fno-if-conversion \
	-fno-tree-dominator-opts
  CFLAGS_T:= $(KLIBC_OPT) -static $(WARN) $(DEFS) -DNEWROOT_KLIBC
  # klcc runs ld without the LTO plugin, so the gcc driver links klibc's
  # crt0.o and libc.a itself, with klcc's code-generation flags.  These
  # ask installed tools, so they are expanded when the link runs (=, not
  # :=): on a fresh machine klibc is installed by the deps step, after
  # this Makefile was read.
  KLIBC_LIB = $(shell klcc -print-klibc-libdir)
  LD_T    = gcc -nostdlib -static -no-pie -s \
	$(shell klcc -print-klibc-reqflags) \
	$(shell klcc -print-klibc-optflags) $(KLIBC_OPT)
  LDFLAGS_T = $(PACK) $(KLIBC_LIB)/crt0.o
  LDLIBS_T = -Wl,--start-group $(KLIBC_LIB)/libc.a \
	$(shell gcc -print-libgcc-file-name) -Wl,--end-group
else ifeq ($(LIBC),musl)
  CC_T    := musl-gcc
  # musl-gcc leaves out /usr/include; the kernel's uapi headers are needed.
  CFLAGS_T:= -Os -static $(WARN) $(DEFS) -ffunction-sections -fdata-sections \
	-idirafter $(B)/musl-include
  LDFLAGS_T:= -static -s -Wl,--gc-sections $(PACK)
else ifeq ($(LIBC),glibc)
  CC_T    := gcc
  CFLAGS_T:= -Os -static $(WARN) $(DEFS) -ffunction-sections -fdata-sections
  LDFLAGS_T:= -static -s -Wl,--gc-sections $(PACK)
else
  $(error LIBC must be klibc, musl or glibc)
endif

INIT_SRCS := $(sort $(wildcard init/*.c init/probe/*.c))
INIT_OBJS := $(patsubst %.c,$(V)/%.o,$(INIT_SRCS))
LIB_SRCS  := $(filter-out init/main.c,$(INIT_SRCS))

# Host build of the same sources, with sanitizers, for the unit tests.
HOST_CFLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer \
	$(WARN) $(DEFS) $(INCS) -DNEWROOT_HOST_TEST
HOST_OBJS := $(patsubst %.c,$(B)/host/%.o,$(LIB_SRCS))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(patsubst tests/unit/%.c,$(B)/host/tests/%,$(UNIT_SRCS))
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))

MKIMAGE_SRCS := $(sort $(wildcard mkimage/*.c)) init/modindex.c
MKIMAGE_OBJS := $(patsubst %.c,$(B)/mkimage/%.o,$(MKIMAGE_SRCS))
MKIMAGE_LIBS := -lkmod -lzstd -lz -llzma

.PHONY: all newroot mkimage size check unit deps boot bench clean format \
	variants fuzz fuzz-build

all: $(B)/newroot $(B)/newroot-mkimage

newroot: $(B)/newroot
mkimage: $(B)/newroot-mkimage

LD_T      ?= $(CC_T)

$(V)/newroot: $(INIT_OBJS)
	$(LD_T) $(LDFLAGS_T) -o $@ $^ $(LDLIBS_T)
	strip -R .comment $@

# build/newroot is the product of the LIBC chosen (klibc by default).
$(B)/newroot: $(V)/newroot
	cp $< $@

$(V)/%.o: %.c | $(if $(filter musl,$(LIBC)),$(B)/musl-include)
	@mkdir -p $(dir $@)
	$(CC_T) $(CFLAGS_T) $(INCS) -MMD -MP -c -o $@ $<

# The errno texts of init/strerror.c (the klibc build's strerror), made
# from the kernel's errno headers as klibc makes its own table.  The
# headers are prerequisites only where they exist: a built tree copied
# to a system without them (tests/dist/debian13.sh: no compiler, no
# linux-libc-dev) installs without rebuilding.
ERRNO_H := /usr/include/asm-generic/errno-base.h \
	/usr/include/asm-generic/errno.h
$(B)/gen/errtab.h: init/errtab.awk $(wildcard $(ERRNO_H))
	@mkdir -p $(dir $@)
	awk -f init/errtab.awk $(ERRNO_H) > $@.tmp && mv $@.tmp $@
$(V)/init/strerror.o $(B)/host/init/strerror.o \
$(B)/fuzz/obj/init/strerror.o: $(B)/gen/errtab.h

$(B)/musl-include:
	@mkdir -p $@
	ln -sfn /usr/include/linux $@/linux
	ln -sfn /usr/include/asm-generic $@/asm-generic
	ln -sfn /usr/include/$$(gcc -print-multiarch)/asm $@/asm

$(B)/mkimage/%.o: %.c
	@mkdir -p $(dir $@)
	gcc -O2 -g $(WARN) $(DEFS) $(INCS) -Imkimage -MMD -MP -c -o $@ $<

$(B)/newroot-mkimage: $(MKIMAGE_OBJS)
	gcc -o $@ $^ $(MKIMAGE_LIBS)

$(B)/host/%.o: %.c
	@mkdir -p $(dir $@)
	gcc $(HOST_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/host/tests/%: tests/unit/%.c $(HOST_OBJS)
	@mkdir -p $(dir $@)
	gcc $(HOST_CFLAGS) -Itests/unit -o $@ $^

unit: $(UNIT_BINS)

# Every libc variant, built from the same sources.
variants:
	$(MAKE) LIBC=klibc $(B)/klibc/newroot
	$(MAKE) LIBC=musl $(B)/musl/newroot
	$(MAKE) LIBC=glibc $(B)/glibc/newroot

size: variants
	@for l in klibc musl glibc; do \
		strip -o $(B)/$$l/newroot.stripped $(B)/$$l/newroot; \
		printf '%-6s %8d bytes stripped  (build/%s/newroot)\n' $$l \
			$$(stat -c %s $(B)/$$l/newroot.stripped) $$l; \
	done

deps:
	@tests/deps.sh

check: deps
	$(MAKE) variants
	$(MAKE) all unit
	$(MAKE) fuzz-build
	tests/run.sh

# The build runs in a second make, after deps: nothing that asks an
# installed package is evaluated before the deps step has installed it,
# even under make -j.
boot: deps
	$(MAKE) all
	qemu/boot-demo.sh

bench: deps
	$(MAKE) all
	bench/run.sh

# libFuzzer harnesses (tests/fuzz/), built with clang: every source but
# main.c instrumented for coverage, address and undefined behaviour (UB
# aborts, so the fuzzer sees it).  "make fuzz" runs each for FUZZ_SECONDS,
# FUZZ_JOBS at a time, with its corpus in build/fuzz/corpus/NAME and its
# log in build/fuzz/NAME.log (tests/fuzz/run.sh says how to run one).
FUZZ_CC     ?= clang
FUZZ_SECONDS ?= 60
FUZZ_JOBS   ?= 1
FUZZ_SAN    := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS := -g -O1 -fno-omit-frame-pointer $(FUZZ_SAN) \
	-fsanitize=fuzzer-no-link $(WARN) $(DEFS) $(INCS) -Imkimage
FUZZ_BINS   := $(patsubst tests/fuzz/%.c,$(B)/fuzz/%,$(FUZZ_SRCS))
FUZZ_INIT   := $(patsubst %.c,$(B)/fuzz/obj/%.o,$(LIB_SRCS))
# the cpio reader of newroot-mkimage: no libkmod, no fork (fuzz_cpio.c)
FUZZ_MKIMG  := $(patsubst %.c,$(B)/fuzz/obj/%.o,mkimage/cpioread.c \
	mkimage/buf.c mkimage/compress.c)

$(B)/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_INIT)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -Itests/fuzz -o $@ $^

$(B)/fuzz/fuzz_cpio: tests/fuzz/fuzz_cpio.c $(FUZZ_MKIMG)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -Wl,--wrap=fork -o $@ \
		$^ -lzstd -lz -llzma

# the ELF reader of --add-program (pure: no image, no libraries)
$(B)/fuzz/fuzz_elf: tests/fuzz/fuzz_elf.c $(B)/fuzz/obj/mkimage/elfread.o
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^

# the crypttab filter of --host-only and the dm/uuid reader (pure)
FUZZ_STACK  := $(patsubst %.c,$(B)/fuzz/obj/%.o,mkimage/crypttab.c \
	mkimage/stackwalk.c mkimage/buf.c)
$(B)/fuzz/fuzz_hostcrypttab: tests/fuzz/fuzz_hostcrypttab.c $(FUZZ_STACK)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^

.SECONDARY: $(FUZZ_INIT) $(FUZZ_MKIMG) $(B)/fuzz/obj/mkimage/elfread.o \
	$(FUZZ_STACK)

fuzz-build: $(FUZZ_BINS)

fuzz: fuzz-build $(B)/newroot-mkimage
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_JOBS=$(FUZZ_JOBS) tests/fuzz/run.sh

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(B)

-include $(shell find $(B) -name '*.d' -type f 2>/dev/null)

# ---- make install / make uninstall --------------------------------------
#
#   make install DESTDIR=/tmp/x            the tree a Debian package ships
#   make install PREFIX=/usr/local         (PREFIX defaults to /usr)
#   make uninstall [DESTDIR=...] [PREFIX=...]
#
# Binaries in PREFIX/sbin, man pages in PREFIX/share/man; the kernel hooks
# and the configuration in SYSCONFDIR (/etc, not under PREFIX), where
# Debian's kernel packages and run-parts look; the kernel-install plugin,
# the dracut module and the mkinitcpio hook where those tools look under
# PREFIX/lib; initramfs-tools' hook in /usr/share/initramfs-tools/hooks
# (the only place it reads besides /etc).  An existing newroot.conf is
# kept; uninstall removes it only when it is unchanged.

PREFIX      ?= /usr
SYSCONFDIR  ?= /etc
SBINDIR     := $(PREFIX)/sbin
MANDIR      := $(PREFIX)/share/man
HOOKLIBDIR  := $(PREFIX)/lib/newroot
KINSTALLDIR := $(PREFIX)/lib/kernel/install.d
DRACUTDIR   := $(PREFIX)/lib/dracut/modules.d/90newroot
INITCPIODIR := $(PREFIX)/lib/initcpio/install
ITOOLSHOOK  := /usr/share/initramfs-tools/hooks/newroot
ITOOLSCONF  := $(PREFIX)/share/newroot/initramfs-tools/conf.d/newroot
CONFFILE    := $(SYSCONFDIR)/newroot/newroot.conf

# Every installed file but the configuration, for uninstall.
INSTALLED := $(SBINDIR)/newroot $(SBINDIR)/newroot-mkimage \
	$(MANDIR)/man8/newroot.8 $(MANDIR)/man8/newroot-mkimage.8 \
	$(MANDIR)/man5/newroot.conf.5 $(HOOKLIBDIR)/kernel-hook \
	$(SYSCONFDIR)/kernel/postinst.d/newroot \
	$(SYSCONFDIR)/kernel/postrm.d/newroot \
	$(KINSTALLDIR)/50-newroot.install $(DRACUTDIR)/module-setup.sh \
	$(DRACUTDIR)/newroot-check.sh $(INITCPIODIR)/newroot \
	$(ITOOLSHOOK) $(ITOOLSCONF)

# The installed scripts name the installed paths.
SUBST := sed -e 's|/usr/lib/newroot/kernel-hook|$(HOOKLIBDIR)/kernel-hook|' \
	-e 's|^conf=.*/etc/newroot/newroot.conf}|conf=$${NEWROOT_CONF:-$(CONFFILE)}|' \
	-e 's|^newroot_default=.*|newroot_default=$(SBINDIR)/newroot|'

.PHONY: install uninstall

install: all
	install -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(MANDIR)/man8 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(HOOKLIBDIR) \
		$(DESTDIR)$(SYSCONFDIR)/kernel/postinst.d \
		$(DESTDIR)$(SYSCONFDIR)/kernel/postrm.d \
		$(DESTDIR)$(SYSCONFDIR)/newroot $(DESTDIR)$(KINSTALLDIR) \
		$(DESTDIR)$(DRACUTDIR) $(DESTDIR)$(INITCPIODIR)
	install -m 755 $(B)/newroot $(B)/newroot-mkimage $(DESTDIR)$(SBINDIR)/
	install -m 644 man/newroot.8 man/newroot-mkimage.8 $(DESTDIR)$(MANDIR)/man8/
	install -m 644 man/newroot.conf.5 $(DESTDIR)$(MANDIR)/man5/
	$(SUBST) hooks/kernel/kernel-hook >$(DESTDIR)$(HOOKLIBDIR)/kernel-hook
	$(SUBST) hooks/kernel/postinst.d/newroot \
		>$(DESTDIR)$(SYSCONFDIR)/kernel/postinst.d/newroot
	$(SUBST) hooks/kernel/postrm.d/newroot \
		>$(DESTDIR)$(SYSCONFDIR)/kernel/postrm.d/newroot
	$(SUBST) hooks/kernel-install/50-newroot.install \
		>$(DESTDIR)$(KINSTALLDIR)/50-newroot.install
	$(SUBST) hooks/dracut/90newroot/module-setup.sh \
		>$(DESTDIR)$(DRACUTDIR)/module-setup.sh
	install -m 755 hooks/dracut/90newroot/newroot-check.sh $(DESTDIR)$(DRACUTDIR)/
	chmod 755 $(DESTDIR)$(HOOKLIBDIR)/kernel-hook \
		$(DESTDIR)$(SYSCONFDIR)/kernel/postinst.d/newroot \
		$(DESTDIR)$(SYSCONFDIR)/kernel/postrm.d/newroot \
		$(DESTDIR)$(KINSTALLDIR)/50-newroot.install \
		$(DESTDIR)$(DRACUTDIR)/module-setup.sh
	install -m 644 hooks/mkinitcpio/install/newroot $(DESTDIR)$(INITCPIODIR)/
	@if [ -e $(DESTDIR)$(CONFFILE) ]; then \
		echo "install: $(DESTDIR)$(CONFFILE) exists: kept"; \
	else \
		echo "install -m 644 hooks/newroot.conf $(DESTDIR)$(CONFFILE)"; \
		install -m 644 hooks/newroot.conf $(DESTDIR)$(CONFFILE); \
	fi
	@# initramfs-tools' hook and sample configuration, when present.
	@if [ -f initramfs-tools/hooks/newroot ]; then \
		echo "install initramfs-tools/hooks/newroot $(DESTDIR)$(ITOOLSHOOK)"; \
		install -D -m 755 initramfs-tools/hooks/newroot $(DESTDIR)$(ITOOLSHOOK); \
	fi
	@if [ -f initramfs-tools/conf.d/newroot ]; then \
		echo "install initramfs-tools/conf.d/newroot $(DESTDIR)$(ITOOLSCONF)"; \
		install -D -m 644 initramfs-tools/conf.d/newroot $(DESTDIR)$(ITOOLSCONF); \
	fi

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))
	@if cmp -s hooks/newroot.conf $(DESTDIR)$(CONFFILE); then \
		echo "rm -f $(DESTDIR)$(CONFFILE)"; rm -f $(DESTDIR)$(CONFFILE); \
	elif [ -e $(DESTDIR)$(CONFFILE) ]; then \
		echo "uninstall: $(DESTDIR)$(CONFFILE) was changed: kept"; \
	fi
	-rmdir $(DESTDIR)$(DRACUTDIR) $(DESTDIR)$(HOOKLIBDIR) \
		$(DESTDIR)$(PREFIX)/share/newroot/initramfs-tools/conf.d \
		$(DESTDIR)$(PREFIX)/share/newroot/initramfs-tools \
		$(DESTDIR)$(PREFIX)/share/newroot \
		$(DESTDIR)$(SYSCONFDIR)/newroot 2>/dev/null
