/* bytes.h - store integers at a byte pointer, for the tests that craft
 * superblocks (tests/unit/test_probe.c, tests/probe/synth.c) */
#ifndef NEWROOT_TEST_BYTES_H
#define NEWROOT_TEST_BYTES_H

#include <stdint.h>

static inline void put32le(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v, p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16), p[3] = (unsigned char)(v >> 24);
}

static inline void put64le(unsigned char *p, uint64_t v)
{
	put32le(p, (uint32_t)v);
	put32le(p + 4, (uint32_t)(v >> 32));
}

static inline void put16be(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8), p[1] = (unsigned char)v;
}

static inline void put32be(unsigned char *p, uint32_t v)
{
	put16be(p, v >> 16);
	put16be(p + 2, v & 0xffff);
}

#endif
