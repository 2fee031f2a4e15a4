# SPDX-License-Identifier: Apache-2.0
"""A crowd for the supervisor, in every mode: tests/progs/stress (100
processes of 10 threads at once, forks and short threads from threads,
exec from a non-leader thread, exits interleaved with starts), and a real
parallel build from Debian (make -j8 running gcc: dozens of processes).
Every refused call is reported exactly once (one decision event per
call: a denial, or a remembered answer), nothing hangs (each run has the
live suite's time limit), no process is left (the suite's check)."""
import collections
import os

from live import DENY_MKDIR, LiveTest, prog

PROCS, THREADS = 100, 10
# per process: every thread's call, a forked child's and a short
# thread's from two threads in four, and in one process in five an
# exec'd leaf's
CALLS = PROCS * (THREADS + len([t for t in range(THREADS) if t % 4 == 1])
                + len([t for t in range(THREADS) if t % 4 == 2])) \
    + len([p for p in range(PROCS) if p % 5 == 0])


class Stress(LiveTest):
    def crowd(self, batch, got):
        r = self.sdbg([prog("stress")], str(PROCS), str(THREADS),
                      profile=self.profile(DENY_MKDIR), batch=batch)
        self.assertOk(r)
        counts = {"EACCES": 0, "ENOENT": 0}
        counts[got] = CALLS
        self.assertEqual(r.lines(), [
            "stress: %d calls: %d EACCES, %d ENOENT, 0 other"
            % (CALLS, counts["EACCES"], counts["ENOENT"])])
        decisions = r.of("decision")
        self.assertEqual(len(decisions), CALLS)
        # one call per thread id (tids are not reused this soon): each
        # call reported once, none twice, none missing
        tids = collections.Counter(d["tid"] for d in decisions)
        self.assertEqual(len(tids), CALLS, tids.most_common(3))
        # every denial asked once, and decided once
        asked = [d["id"] for d in decisions if not d["remembered"]]
        self.assertEqual(sorted(asked),
                         sorted(d["id"] for d in r.denials()))
        paths = [d["decoded"] for d in r.denials()]
        self.assertEqual(len(set(paths)), len(paths))
        self.assertEqual(r.of("exit")[0]["status"], 0)
        return r

    def test_crowd_denied(self):
        self.crowd("deny", "EACCES")

    def test_crowd_allowed(self):
        self.crowd("allow", "ENOENT")

    def test_parallel_make(self):
        # make -j8 over 24 C files: each recipe's refused mkdir (its own
        # path) is reported once, gcc's processes (cc1, as, collect2, ld)
        # run through, and the program links and runs.
        src = self.path("src")
        os.mkdir(src)
        names = ["f%02d" % i for i in range(24)]
        for n in names:
            with open(os.path.join(src, n + ".c"), "w") as f:
                f.write("int %s(void) { return %d; }\n" % (n, len(n)))
        with open(os.path.join(src, "main.c"), "w") as f:
            f.write("".join("int %s(void);\n" % n for n in names))
            f.write("int main(void) { return %s() - 3; }\n"
                    % "() + ".join(names))
        with open(os.path.join(src, "Makefile"), "w") as f:
            f.write("OBJS = %s main.o\n" % " ".join(n + ".o" for n in names))
            f.write("prog: $(OBJS)\n\tgcc -o $@ $(OBJS)\n")
            f.write("%.o: %.c\n\t@mkdir made-$* 2>/dev/null || true\n"
                    "\tgcc -c -o $@ $<\n")
        r = self.sdbg(["make", "-s", "-j8", "-C", src],
                      profile=self.profile(DENY_MKDIR))
        self.assertOk(r)
        self.assertEqual(len(r.of("decision")), len(names) + 1)
        pids = {d["pid"] for d in r.of("decision")}
        self.assertEqual(len(pids), len(names) + 1)
        self.assertEqual({d["syscall"] for d in r.of("decision")},
                         {"mkdir", "mkdirat"} & {d["syscall"]
                                                 for d in r.of("decision")})
        self.assertFalse(any(p.startswith("made-") for p in os.listdir(src)))
        run = self.native([os.path.join(src, "prog")])
        self.assertOk(run, 24 * 3 - 3)
