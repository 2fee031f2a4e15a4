# SPDX-License-Identifier: Apache-2.0
"""Backtraces and hints end to end, through `seccompdbg run --batch deny`:
each refused call is unshare, made from a known function at a line
marked in the program's source (tests/progs/unwind_target.c,
tests/progs/golden_exec.c). The hint must name that function and
file:line, and frame #0 the libc wrapper; from a second thread, from an
i386 program, and after an exec in the same process, even of a file
rewritten in place (the session must forget the process's modules at the
exec). Code mapped after the first stop is left to the unit tests
(test_unwind_live.c): its call, unwind_target's raw unshare(0), is
identical to the first one, which batch deny then answers unasked."""
import os
import re
import shutil

from live import TOP, LiveTest, current_mode, prog

DENY_UNSHARE = {
    "defaultAction": "SCMP_ACT_ALLOW",
    "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"],
    "syscalls": [{"names": ["unshare"], "action": "SCMP_ACT_ERRNO"}],
}


def marked_line(source, mark):
    """The line number of the line of tests/progs/SOURCE holding MARK."""
    with open(os.path.join(TOP, "tests", "progs", source)) as f:
        found = [i for i, l in enumerate(f, 1) if mark in l]
    assert len(found) == 1, (source, mark)
    return found[0]


class Backtraces(LiveTest):
    def run_denied(self, *argv, calls):
        r = self.sdbg(list(argv), profile=self.profile(DENY_UNSHARE))
        d = r.denials()
        self.assertEqual(len(d), calls, r.err)
        for x in d:
            self.assertEqual(x["syscall"], "unshare")
        return r, d

    def assertCalledFrom(self, d, source, mark, function, via="libc"):
        """D's hint names FUNCTION at the marked line of SOURCE, called
        through libc's unshare wrapper (or directly)."""
        line = marked_line(source, mark)
        how = ("via libc unshare\\+\\d+" if via == "libc"
               else "directly")
        self.assertRegex(d["hint"], "^%s:%d in %s \\(called unshare %s\\)$"
                         % (re.escape(source), line, function, how))
        # the frame of FUNCTION, with its file:line
        frames = [f for f in d["backtrace"]
                  if re.match(r"#\d+ %s\+\d+ \(%s:%d\) " %
                              (function, re.escape(source), line), f)]
        self.assertEqual(len(frames), 1, d["backtrace"])

    def assertLibcFirst(self, d, arch="x86_64"):
        """Frame #0 is libc's wrapper (i386: the vDSO, then libc)."""
        bt = d["backtrace"]
        if arch == "x86":
            self.assertRegex(bt[0], r"^#0 __kernel_vsyscall\+\d+ \[vdso\]$")
            bt = bt[1:]
        self.assertRegex(bt[0], r"^#\d unshare\+\d+ libc\.so\.6$")

    def test_main_thread(self):
        r, (d,) = self.run_denied(prog("unwind_target"), "main", calls=1)
        self.assertCalledFrom(d, "unwind_target.c", "UNWIND_MARK_SPAWN",
                              "spawn_sandbox")
        self.assertLibcFirst(d)
        if current_mode() == "notify":
            # walked from the stack alone: it may stop short of main,
            # and says so (docs/modes.md)
            self.assertIn("no ptrace", d["degraded"])
        else:
            self.assertTrue(any(re.match(r"#\d+ main\+\d+ \(unwind_target"
                                         r"\.c:\d+\) unwind_target$", f)
                                for f in d["backtrace"]))
        # the report on stderr carries the hint
        self.assertIn("; hint: " + d["hint"], r.err)

    def test_second_thread(self):
        r, (d,) = self.run_denied(prog("unwind_target"), "thread", calls=1)
        self.assertNotEqual(d["tid"], d["pid"])
        self.assertCalledFrom(d, "unwind_target.c", "UNWIND_MARK_SPAWN",
                              "spawn_sandbox")
        self.assertLibcFirst(d)

    def test_i386(self):
        self.require_ia32()
        for mode in ("main", "thread"):
            r, (d,) = self.run_denied(prog("unwind_target-32"), mode,
                                      calls=1)
            self.assertEqual(d["arch"], "x86")
            self.assertCalledFrom(d, "unwind_target.c",
                                  "UNWIND_MARK_SPAWN", "spawn_sandbox")
            self.assertLibcFirst(d, "x86")

    def check_exec(self, before, after, after_arch="x86_64"):
        """BEFORE's call from golden_exec, then AFTER's from
        unwind_target in the same process."""
        self.assertCalledFrom(before, "golden_exec.c",
                              "GOLDEN_MARK_BEFORE_EXEC", "before_exec")
        self.assertEqual(before["decoded"], "unshare(CLONE_NEWUTS)")
        self.assertEqual(after["pid"], before["pid"])
        self.assertEqual(after["arch"], after_arch)
        self.assertEqual(after["decoded"], "unshare(0)")
        self.assertCalledFrom(after, "unwind_target.c", "UNWIND_MARK_SPAWN",
                              "spawn_sandbox")
        self.assertLibcFirst(after, after_arch)

    def test_after_exec(self):
        r, (before, after) = self.run_denied(
            prog("golden_exec"), "main", prog("unwind_target"), "main",
            calls=2)
        self.assertOk(r, 1)  # unwind_target's unshare failed
        self.check_exec(before, after)
        self.assertLibcFirst(before)
        self.assertTrue(after["exe"].endswith("/unwind_target"))

    def test_after_exec_from_thread_to_i386(self):
        """The exec comes from a second thread, which takes the process
        id, and the new program is an i386 one."""
        self.require_ia32()
        r, (before, after) = self.run_denied(
            prog("golden_exec"), "thread", prog("unwind_target-32"),
            "main", calls=2)
        self.assertNotEqual(before["tid"], before["pid"])
        self.assertEqual(after["tid"], after["pid"])
        self.check_exec(before, after, "x86")

    def test_after_exec_of_file_rewritten_in_place(self):
        """The same file (same inode, rewritten between the two execs)
        at the same addresses (no ASLR): only forgetting the process's
        modules at the exec tells the new code from the old."""
        x = self.path("X")
        shutil.copy(prog("golden_exec"), x)
        r, (before, after) = self.run_denied(
            "setarch", "x86_64", "-R", x, "main", "/bin/sh", "-c",
            'cat "$0" >"$1" && exec "$1" main', prog("unwind_target"), x,
            calls=2)
        self.assertEqual(os.stat(x).st_size,
                         os.stat(prog("unwind_target")).st_size)
        self.check_exec(before, after)
        self.assertEqual(before["exe"], after["exe"])

    def test_launch_execve(self):
        """The execve that starts the program is made by seccompdbg's
        launcher: no backtrace of our own code, a hint that says so."""
        p = self.profile({"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
            {"names": ["execve"], "action": "SCMP_ACT_ERRNO"}]})
        exe = prog("golden_exec")
        r = self.sdbg([exe], "main", "/nonexistent", profile=p)
        self.assertOk(r, 126)
        d, = r.denials()
        self.assertRegex(d["decoded"], r'^execve\("%s", \["%s", "main", '
                         r'"/nonexistent"\], 0x[0-9a-f]+ /\* \d+ vars \*/\)$'
                         % (re.escape(exe), re.escape(exe)))
        self.assertEqual(d["hint"],
                         "seccompdbg's launcher, executing the program")
        self.assertIsNone(d["backtrace"])
