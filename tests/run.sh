#!/usr/bin/env bash
# tests/run.sh - run every test group and count the results.
#
# Each test program prints one line per check:
#   ok NAME | not ok NAME | skip NAME: WHY
# and may print anything else (lines starting with '#' are commentary).
# A program that exits non-zero without a "not ok" line counts as one
# failure, so a crash is never a pass.
#
#   tests/run.sh                 every group
#   tests/run.sh unit ns         only these groups (unit probe mkimage ns dist
#                                fuzz boot)
#
# The fuzz group runs each libFuzzer harness for FUZZ_SMOKE_SECONDS (5) as
# a smoke test; "make fuzz" is the long run.
set -u
cd "$(dirname "$0")/.."
top=$PWD
out=$top/build/test-logs
mkdir -p "$out"
groups=("$@")
[ ${#groups[@]} -gt 0 ] || groups=(unit probe mkimage ns dist fuzz boot)

pass=0 fail=0 skip=0
failed_names=()

count() { # count LOGFILE RC NAME
	local log=$1 rc=$2 name=$3 p f s
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	s=$(grep -c '^skip ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok $name exited with status $rc"
		f=1
	fi
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ] && [ "$s" -eq 0 ]; then
		echo "not ok $name printed no result"
		f=1
	fi
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
	while IFS= read -r l; do failed_names+=("$l"); done \
		< <(grep '^not ok ' "$log")
	[ "$rc" -ne 0 ] && [ "$(grep -c '^not ok ' "$log")" -eq 0 ] &&
		failed_names+=("not ok $name (exit $rc)")
	return 0
}

run_one() { # run_one NAME CMD...
	local name=$1
	shift
	local log=$out/${name//\//_}.log
	echo "# --- $name"
	"$@" >"$log" 2>&1
	local rc=$?
	cat "$log"
	count "$log" "$rc" "$name"
}

for g in "${groups[@]}"; do
	case $g in
	unit)
		for t in build/host/tests/test_*; do
			[ -x "$t" ] || continue
			run_one "unit/${t##*/}" "$t"
		done
		;;
	probe | mkimage | ns | dist)
		for t in tests/$g/*.sh; do
			[ -f "$t" ] || continue
			run_one "$g/$(basename "$t" .sh)" bash "$t"
		done
		;;
	fuzz)
		if ! command -v "${FUZZ_CC:-clang}" >/dev/null; then
			echo "skip fuzz: no clang (tests/deps.sh installs it)"
			skip=$((skip + 1))
		elif make -s -j2 fuzz-build build/newroot-mkimage \
			>"$out/fuzz-build.log" 2>&1; then
			run_one fuzz env FUZZ_SECONDS="${FUZZ_SMOKE_SECONDS:-5}" \
				FUZZ_JOBS=2 tests/fuzz/run.sh
		else
			tail -n 20 "$out/fuzz-build.log"
			echo "not ok fuzz: make fuzz-build failed"
			fail=$((fail + 1))
			failed_names+=("not ok fuzz: make fuzz-build failed")
		fi
		;;
	boot)
		if [ -x qemu/run-scenarios.sh ]; then
			run_one boot qemu/run-scenarios.sh
		fi
		;;
	*)
		echo "tests/run.sh: unknown group '$g' (unit probe mkimage ns dist fuzz boot)" >&2
		exit 100
		;;
	esac
done

if [ ${#failed_names[@]} -gt 0 ]; then
	echo "# failures:"
	printf '#   %s\n' "${failed_names[@]}"
	echo "# logs: build/test-logs/"
fi
if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
