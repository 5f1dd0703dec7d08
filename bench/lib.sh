# shellcheck shell=bash
# bench/lib.sh - what the make bench scripts share (sourced, not run).

# stats <NUMBERS - "MEDIAN MIN MAX N" of the numbers on stdin, one a line
# ("- - - 0" for none).  The median of an even count is the lower middle.
stats() {
	sort -n | awk '{ v[NR] = $1 }
		END { if (!NR) { print "- - - 0"; exit }
		      print v[int((NR + 1) / 2)], v[1], v[NR], NR }'
}

# ratio A B - A / B with two decimals, "-" when either is missing or B is 0.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a == "" || a == "-" || b == "" || b == "-" || b + 0 == 0)
			print "-"
		else
			printf "%.2f\n", a / b }'
}
