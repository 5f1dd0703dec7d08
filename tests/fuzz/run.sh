#!/usr/bin/env bash
# tests/fuzz/run.sh [NAME...] - run the libFuzzer harnesses (build/fuzz/
# fuzz_NAME, "make fuzz-build") and print one line each:
#
#   ok fuzz/NAME: EXECS execs in S s, cov C, ft F, corpus N
#   not ok fuzz/NAME: crash-...; reproduce: build/fuzz/fuzz_NAME FILE
#
#   FUZZ_SECONDS=60   how long each harness runs
#   FUZZ_JOBS=1       how many run at a time (the machine's cores, at most)
#   FUZZ_OUT=build/fuzz
#
# Each harness grows its corpus in FUZZ_OUT/corpus/NAME (kept between
# runs: a long campaign goes on where the last one stopped), reading the
# committed seeds in tests/fuzz/corpus/NAME and the generated ones in
# FUZZ_OUT/seeds/NAME (tests/fuzz/seeds.sh).  A crash, a timeout (an input
# that takes over 25 s: a hang) or a leak of over 2 GiB writes the input
# to FUZZ_OUT/crashes/NAME/; the full report is in FUZZ_OUT/NAME.log.
# FUZZ_OUT/summary.tsv gets one line per harness, for BENCHMARKS.md.
#
# The probe harnesses also check their seeds reach every probe: each
# kind of filesystem and partition table among them must be recognised.
set -u
cd "$(dirname "$0")/../.." || exit 111
secs=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-1}
out=${FUZZ_OUT:-build/fuzz}
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
	for b in "$out"/fuzz_*; do
		[ -x "$b" ] && names+=("${b##*/fuzz_}")
	done
fi
if [ ${#names[@]} -eq 0 ]; then
	echo "not ok fuzz: no harness in $out (make fuzz-build)"
	exit 1
fi
tests/fuzz/seeds.sh "$out/seeds" 2>"$out/seeds.log" ||
	echo "# tests/fuzz/seeds.sh failed; see $out/seeds.log"
sed 's/^/# /' "$out/seeds.log"

# What the seeds of fs and part must be recognised as.
want_fs="ext2 ext3 ext4 jbd xfs btrfs vfat f2fs squashfs erofs iso9660 swap
crypto_LUKS linux_raid_member LVM2_member"
want_part="gpt dos"

# reach NAME: every wanted type among the seeds (the harness prints them
# under FUZZ_SHOW=1)
reach() {
	local name=$1 want got t miss=()
	case $name in
	fs) want=$want_fs ;;
	part) want=$want_part ;;
	*) return 0 ;;
	esac
	got=$(FUZZ_SHOW=1 "$out/fuzz_$name" -runs=0 "${dirs[@]:1}" 2>&1 |
		sed -n "s/^fuzz_$name: TYPE=//p" | sort -u)
	for t in $want; do
		grep -qx "$t" <<<"$got" || miss+=("$t")
	done
	if [ ${#miss[@]} -eq 0 ]; then
		echo "ok fuzz/$name seeds reach every probe ($(wc -w <<<"$want") kinds)"
	else
		echo "not ok fuzz/$name seeds do not reach: ${miss[*]} (tests/fuzz/seeds.sh; see $out/seeds.log)"
	fi
}

why() { # why LOG RC: the sanitizer's or libFuzzer's one-line reason
	grep -m1 -oE 'runtime error: .*' "$1" ||
		grep -m1 -oE 'ERROR: [A-Za-z]+: [a-z-]+( signal| in [a-z_]+)?' "$1" ||
		echo "exit status $2"
}

run() { # run NAME: fuzz it, print its result line
	local name=$1 rc art execs cov
	local bin=$out/fuzz_$name log=$out/$name.log
	local crashes=$out/crashes/$name dirs=("$out/corpus/$name")
	mkdir -p "$out/corpus/$name" "$crashes"
	for d in tests/fuzz/corpus/$name "$out/seeds/$name"; do
		[ -d "$d" ] && dirs+=("$d")
	done
	reach "$name"
	"$bin" -max_total_time="$secs" -timeout=25 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$crashes/" \
		"${dirs[@]}" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
	cov=$(grep -E '^#[0-9]+.* cov: ' "$log" | tail -n1 |
		sed -E 's/.* cov: ([0-9]+) ft: ([0-9]+).*/cov \1, ft \2/')
	art=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n1)
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$secs" "${execs:-0}" \
		"${cov:-?}" "$(find "$out/corpus/$name" -type f | wc -l)" \
		"${art:-none}" >"$out/$name.tsv"
	if [ "$rc" -eq 0 ] && [ -z "$art" ]; then
		echo "ok fuzz/$name: ${execs:-?} execs in $secs s, ${cov:-cov ?}, corpus $(find "$out/corpus/$name" -type f | wc -l)"
	else
		echo "not ok fuzz/$name: $(why "$log" "$rc"); reproduce: $bin ${art:-?} (log $log)"
	fi
}

for n in "${names[@]}"; do
	if [ ! -x "$out/fuzz_$n" ]; then
		echo "not ok fuzz/$n: no $out/fuzz_$n (make fuzz-build)"
		continue
	fi
	while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n; done
	echo "# fuzz/$n: $secs s"
	run "$n" >"$out/$n.result" &
done
wait
status=0
printf 'harness\tseconds\texecs\tcoverage\tcorpus\tcrash\n' >"$out/summary.tsv"
for n in "${names[@]}"; do
	[ -f "$out/$n.result" ] || continue
	cat "$out/$n.result"
	grep -q '^not ok' "$out/$n.result" && status=1
	cat "$out/$n.tsv" >>"$out/summary.tsv" 2>/dev/null
	rm -f "$out/$n.result"
done
exit $status
