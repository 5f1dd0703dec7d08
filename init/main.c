/* main.c - newroot: the stages of a boot, in order */
#include <string.h>
#include <unistd.h>

#include "cli.h"

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
