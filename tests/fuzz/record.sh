#!/usr/bin/env bash
# tests/fuzz/record.sh [FUZZ_OUT] - write the last campaign's figures
# (FUZZ_OUT/summary.tsv, from tests/fuzz/run.sh) into BENCHMARKS.md as its
# section "6. Fuzzing", replacing the one there.  bench/run.sh keeps that
# section when it rewrites the rest of the file.
set -u
cd "$(dirname "$0")/../.." || exit 111
out=${1:-build/fuzz}
sum=$out/summary.tsv
[ -s "$sum" ] || {
	echo "record: no $sum: run make fuzz first" >&2
	exit 1
}
doc=BENCHMARKS.md
secs=$(awk -F'\t' 'NR == 2 { print $2 }' "$sum")
{
	printf '%s\n\n' "$(sed '/^## 6\. Fuzzing/,$d' "$doc")"
	echo "## 6. Fuzzing"
	echo
	echo "The last campaign: \`${FUZZ_CMD:-make fuzz FUZZ_SECONDS=$secs}\`, $(date -u +%Y-%m-%d)," \
		"clang $(clang -dumpversion 2>/dev/null) with -fsanitize=fuzzer,address,undefined, on the machine of section 5" \
		"(shared with other work: the figures are a floor, not a speed)." \
		"Coverage is libFuzzer's: cov = instrumented edges reached, ft = features;" \
		"corpus = inputs kept (build/fuzz/corpus/NAME, seeded by tests/fuzz/seeds.sh and tests/fuzz/corpus/)."
	echo
	echo "| harness | parser | seconds | execs | execs/s | coverage | corpus | crashes |"
	echo "|---|---|---:|---:|---:|---|---:|---|"
	while IFS=$'\t' read -r name s execs cov corpus crash; do
		case $name in
		fs) what="init/probe/ superblock table (fuzzdev.h device)" ;;
		part) what="init/probe/ gpt.c, mbr.c (fuzzdev.h device)" ;;
		cmdline) what="init/cmdline.c" ;;
		rootspec) what="init/rootspec.c (+ format round trip)" ;;
		modindex) what="init/modindex.c" ;;
		uevent) what="init/uevent.c" ;;
		cpio) what="mkimage/cpioread.c (--list)" ;;
		cli) what="init/cli.c cli_parse_switch, caps_parse" ;;
		*) what="" ;;
		esac
		[ "$crash" = none ] && crash=none || crash="**${crash##*/}**"
		echo "| $name | $what | $s | $execs | $((execs / (s > 0 ? s : 1))) | $cov | $corpus | $crash |"
	done < <(tail -n +2 "$sum")
	echo
	echo "A longer campaign: \`nice make fuzz FUZZ_SECONDS=3600 FUZZ_JOBS=2\`, then \`tests/fuzz/record.sh\`;"
	echo "README.md (Fuzzing) says how to run one harness and replay a crash."
} >"$doc.tmp" && mv "$doc.tmp" "$doc"
