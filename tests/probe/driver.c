/* driver.c - a main() around cmd_probe, for testing the probes before
 * (or without) build/newroot: tests/probe/images.sh builds it with the
 * host compiler and sanitizers. */
#include "blkid.h"

int main(int argc, char **argv)
{
	return cmd_probe(argc, argv);
}
