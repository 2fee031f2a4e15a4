#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# The demo (`make demo`): sandbox-demo, a small program that starts the
# way a sandboxing browser does, under sandbox-demo.json, a profile made
# the naive way from strace output that misses what the sandbox needs.
#
# On a terminal, the view opens: decide each refused call, save, quit; the
# fixed profile is written to $BUILD/examples/fixed.json (the
# example itself is never overwritten) and then checked.
#
# Without a terminal (CI), the same in three batch runs: --batch deny
# shows what the profile refuses, --batch allow learns the missing calls,
# and --batch deny under the learned profile catches nothing.
#
# BUILD names the build directory (make demo sets it).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
: "${BUILD:=$top/build}"
sdbg=$BUILD/seccompdbg
prog=$BUILD/examples/sandbox-demo
profile=$top/examples/sandbox-demo.json
fixed=$BUILD/examples/fixed.json
learned=$BUILD/examples/learned.json
events=$BUILD/examples/events.jsonl

for f in "$sdbg" "$prog"; do
	if [ ! -x "$f" ]; then
		echo "demo: $f is missing: run make demo" >&2
		exit 1
	fi
done

say() {
	printf '\n== %s\n' "$*"
}

# How many calls a --batch deny run under $1 catches (its events file);
# the run itself talks on stderr.
denials() {
	"$sdbg" run --batch deny -p "$1" --events "$events" -- "$prog" >&2
	grep -c '"event":"denial"' "$events"
}

check_fixed() {
	say "the saved profile under --batch deny: nothing should be refused"
	n=$(denials "$1")
	echo "demo: $n denial(s) under $1"
	[ "$n" -eq 0 ]
}

if [ -t 0 ] && [ -t 1 ]; then
	cat <<EOF
seccompdbg demo: sandbox-demo under examples/sandbox-demo.json, a profile
made from strace output that lacks what the sandbox needs.

The view stops at each call the profile refuses. Read the detail pane,
then press a key:  a  allow always   r  allow with these arguments
                   d  deny as the profile would   e  deny with an errno
Then  s  saves the profile to $fixed
and   q  quits.  ?  lists every key.

EOF
	printf 'Press Enter to start (Ctrl-C to leave). '
	read -r _ || exit 0
	"$sdbg" run -p "$profile" -o "$fixed" -- "$prog"
	status=$?
	echo "demo: sandbox-demo exited with $status"
	if [ -f "$fixed" ]; then
		check_fixed "$fixed"
		exit $?
	fi
	echo "demo: nothing was saved to $fixed"
	exit 0
fi

say "1. sandbox-demo under its naive profile (--batch deny): what is refused"
n=$(denials "$profile")
echo "demo: $n denial(s) under the naive profile"

say "2. learning what it needs (--batch allow -o $learned)"
rm -f "$learned"
"$sdbg" run --batch allow -p "$profile" -o "$learned" -- "$prog" ||
	{ echo "demo: the learning run failed" >&2; exit 1; }

check_fixed "$learned" || { echo "demo: the learned profile still refuses calls" >&2; exit 1; }
say "the differences from the naive profile"
diff -u "$profile" "$learned"
echo
echo "demo: done. The fixed profile is $learned; Docker loads it with"
echo "  docker run --security-opt seccomp=$learned IMAGE"
echo "On a terminal, make demo opens the interactive view instead (README.md)."
exit 0
