#!/bin/sh
# pre-pivot hook of dracut's newroot module: say so when the switch_root
# dracut's /init is about to run is not newroot (the image was built
# without it taking effect); the boot goes on either way.
# shellcheck source=/dev/null
type warn >/dev/null 2>&1 || . /lib/dracut-lib.sh

sr=$(command -v switch_root)
case $(readlink -f "$sr") in
*/newroot) ;;
*) warn "newroot: $sr is not newroot; dracut's own switch_root will run" ;;
esac
