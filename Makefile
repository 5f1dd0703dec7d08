# newroot — one build for everything; outputs go to build/.
#
#   make                 build/newroot (static, klibc) and build/newroot-mkimage
#   make LIBC=musl       the same sources against musl  (build/musl/newroot)
#   make LIBC=glibc      the same sources against glibc (build/glibc/newroot)
#   make size            stripped size of each variant
#   make check           every test (installs what it needs when root)
#   make boot            boot the demo in QEMU (the main job)
#   make bench           the benchmarks

LIBC      ?= klibc
B         := build
V         := $(B)/$(LIBC)
VERSION   := $(shell cat VERSION 2>/dev/null || echo 0.1)

WARN      := -Wall -Wextra -Werror -Wno-unused-parameter
DEFS      := -D_GNU_SOURCE -DNEWROOT_VERSION='"$(VERSION)"'
INCS      := -Iinit

ifeq ($(LIBC),klibc)
  CC_T    := klcc
  CFLAGS_T:= -Os -static $(WARN) $(DEFS) -DNEWROOT_KLIBC
  LDFLAGS_T:= -static -s
else ifeq ($(LIBC),musl)
  CC_T    := musl-gcc
  # musl-gcc leaves out /usr/include; the kernel's uapi headers are needed.
  CFLAGS_T:= -Os -static $(WARN) $(DEFS) -ffunction-sections -fdata-sections \
	-idirafter $(B)/musl-include
  LDFLAGS_T:= -static -s -Wl,--gc-sections
else ifeq ($(LIBC),glibc)
  CC_T    := gcc
  CFLAGS_T:= -Os -static $(WARN) $(DEFS) -ffunction-sections -fdata-sections
  LDFLAGS_T:= -static -s -Wl,--gc-sections
else
  $(error LIBC must be klibc, musl or glibc)
endif

INIT_SRCS := $(sort $(wildcard init/*.c init/probe/*.c))
INIT_OBJS := $(patsubst %.c,$(V)/%.o,$(INIT_SRCS))
LIB_SRCS  := $(filter-out init/main.c,$(INIT_SRCS))

# Host build of the same sources, with sanitizers, for the unit tests.
HOST_CFLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	$(WARN) $(DEFS) $(INCS) -DNEWROOT_HOST_TEST
HOST_OBJS := $(patsubst %.c,$(B)/host/%.o,$(LIB_SRCS))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(patsubst tests/unit/%.c,$(B)/host/tests/%,$(UNIT_SRCS))
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))

MKIMAGE_SRCS := $(sort $(wildcard mkimage/*.c)) init/modindex.c
MKIMAGE_OBJS := $(patsubst %.c,$(B)/mkimage/%.o,$(MKIMAGE_SRCS))
MKIMAGE_LIBS := -lkmod -lzstd -lz -llzma

.PHONY: all newroot mkimage size check unit deps boot bench clean format \
	variants

all: $(B)/newroot $(B)/newroot-mkimage

newroot: $(B)/newroot
mkimage: $(B)/newroot-mkimage

$(V)/newroot: $(INIT_OBJS)
	$(CC_T) $(LDFLAGS_T) -o $@ $^

# build/newroot is the product of the LIBC chosen (klibc by default).
$(B)/newroot: $(V)/newroot
	cp $< $@

$(V)/%.o: %.c | $(if $(filter musl,$(LIBC)),$(B)/musl-include)
	@mkdir -p $(dir $@)
	$(CC_T) $(CFLAGS_T) $(INCS) -MMD -MP -c -o $@ $<

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
	tests/run.sh

boot: deps all
	qemu/boot-demo.sh

bench: deps all
	bench/run.sh

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(B)

-include $(shell find $(B) -name '*.d' 2>/dev/null)
