# SPDX-License-Identifier: Apache-2.0
"""The suites must not assume the machine: a test that needs a kernel
feature probes for it and is skipped, with the reason printed and
counted. A kernel without IA32 emulation (no 32-bit programs, int $0x80
killed) is stood for by tests/progs/no_ia32, a seccomp filter that kills
every i386 call of what runs under it (docs/testing.md says how close
that comes). These tests run the probes, the runners and `check` under
it; `make check-no-ia32` runs every suite so."""
import os
import subprocess

from live import (BUILD, ONE_PASS, SDBG, TIMEOUT, TOP, LiveTest,
                  current_mode, data, int80, prog)

NO_IA32 = prog("no_ia32")


def under_no_ia32(*argv, env=None):
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([NO_IA32] + list(argv), capture_output=True,
                          text=True, timeout=TIMEOUT, env=e)


class Machine(LiveTest):
    def setUp(self):
        super().setUp()
        if current_mode() != "trace":
            self.skipTest(ONE_PASS)
        if int80():
            # on such a kernel the suites are already in the state these
            # tests make: the skips are in every summary
            self.skipTest("this kernel has no IA32 emulation already: "
                          "the real thing, not the stand-in, is tested")

    def test_c_runner_skips_and_counts(self):
        r = under_no_ia32(os.path.join(BUILD, "tests", "system-tests"),
                          "decode_live", "trace_deny_int80")
        self.assertEqual(r.returncode, 0, r.stdout)
        self.assertIn("    skipped: needs 32-bit programs: killed by "
                      "SIGSYS\nskip decode_live_i386\n", r.stdout)
        self.assertIn("    skipped: needs int $0x80 from 64-bit code: "
                      "killed by SIGSYS\nskip "
                      "trace_deny_int80_from_a_64bit_program\n", r.stdout)
        self.assertIn("ok   decode_live_x86_64\n", r.stdout)
        self.assertTrue(r.stdout.endswith("2 skipped\n1 passed, 0 failed\n"),
                        r.stdout[-300:])

    def test_live_runner_skips_and_counts(self):
        r = under_no_ia32(os.path.join(TOP, "tests", "live", "run"), "-k",
                          "test_calls_", env={"SDBG_LIVE_MODES":
                                              "notify trap"})
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("test_calls_x86_64 (test_decode.Golden."
                      "test_calls_x86_64) ... ok", r.stderr + r.stdout)
        self.assertIn("skipped: notify Golden.test_calls_i386: needs 32-bit "
                      "programs, which this kernel does not run (killed by "
                      "SIGSYS)", r.stdout)
        self.assertIn("skipped: trap: all 2 tests: --mode trap cannot work "
                      "here: allowing a trapped call needs "
                      "PTRACE_O_SUSPEND_SECCOMP, which the kernel refuses "
                      "to a tracer under seccomp itself", r.stdout)
        self.assertTrue(r.stdout.endswith("3 skipped\n1 passed, 0 failed\n"),
                        r.stdout[-400:])

    def test_check_says_what_cannot_be_caught(self):
        moby = data("profiles/moby-default.json")
        r = under_no_ia32(SDBG, "check", moby)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("  x86: this kernel runs no i386 code (no IA32 "
                      "emulation: int $0x80 was killed by SIGSYS): its calls "
                      "cannot be caught or learnt here", r.stdout)
        # said only where it is so
        r = subprocess.run([SDBG, "check", moby], capture_output=True,
                           text=True, timeout=TIMEOUT)
        self.assertNotIn("runs no i386 code", r.stdout)
