# SPDX-License-Identifier: Apache-2.0
"""What differs between the modes (docs/modes.md): programs that use
ptrace themselves (NOTIFY works, TRACE cannot), a program's own SIGSYS
handler and filter (its signals reach it in every mode), the profile's
kill actions, and the explanation when a mode cannot work here. Tests
that pick their mode run in the trace pass only; the others in each."""
import os
import shutil
import subprocess

from live import (DENY_MKDIR, ONE_PASS, SDBG, LiveTest, current_mode,
                  modes_unavailable, prog)


def as_denied(lines):
    return [l.replace("ENOENT", "EACCES") for l in lines]


class Modes(LiveTest):
    def once(self):
        if current_mode() != "trace":
            self.skipTest(ONE_PASS)

    def test_traceme_needs_notify(self):
        self.once()
        p = self.profile(DENY_MKDIR)
        native = self.native([prog("modes_traceme")])
        self.assertOk(native)
        traced = self.sdbg([prog("modes_traceme")], profile=p,
                           extra=["--mode", "trace"])
        self.assertOk(traced, 1)
        self.assertIn("child: PTRACE_TRACEME = -1 EPERM", traced.lines())
        notified = self.sdbg([prog("modes_traceme")], profile=p,
                             extra=["--mode", "notify"])
        self.assertOk(notified)
        self.assertEqual(notified.lines(), as_denied(native.lines()))
        self.assertEqual([d["syscall"] for d in notified.denials()],
                         ["mkdirat"])

    def test_strace_as_the_program(self):
        self.once()
        if not shutil.which("strace"):
            self.skipTest("strace is not installed")
        p = self.profile(DENY_MKDIR)
        cmd = ["strace", "-f", "-qq", "-o", self.path("strace.log"),
               "-e", "trace=mkdirat", prog("live_procs"), "call", "st"]
        traced = self.sdbg(cmd, profile=p, extra=["--mode", "trace"])
        self.assertNotEqual(traced.rc, 0)
        notified = self.sdbg(cmd, profile=p, extra=["--mode", "notify"])
        self.assertOk(notified)
        self.assertIn("main: mkdirat(st) = -1 EACCES", notified.lines())
        with open(self.path("strace.log")) as f:
            self.assertIn("EACCES", f.read())

    def test_own_sigsys_handler(self):
        p = self.profile({"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
            {"names": ["mkdirat", "getppid"], "action": "SCMP_ACT_ERRNO",
             "errnoRet": 13}]})
        native = self.native([prog("modes_sigsys")])
        self.assertOk(native)
        self.assertIn("main: getppid = 4242", native.lines())
        r = self.sdbg([prog("modes_sigsys")], profile=p)
        self.assertOk(r)
        # the program's TRAP outranks the profile's ERRNO, as natively:
        # its handler runs; the profile's mkdirat refusal is ours
        self.assertEqual(r.lines(), as_denied(native.lines()))
        self.assertEqual([d["syscall"] for d in r.denials()], ["mkdirat"])
        allowed = self.sdbg([prog("modes_sigsys")], profile=p,
                            batch="allow")
        self.assertOk(allowed)
        self.assertEqual(allowed.lines(), native.lines())

    def test_own_sandbox(self):
        """A sandbox's own filter and SIGSYS handler, as Chromium's
        (tests/progs/modes_sandbox.c): its ERRNO refusals stay its own
        and unreported in every mode (in TRAP mode our TRAP outranks
        them, so seccompdbg runs the program's filters to know), and its
        handler survives a refused clone made with every signal blocked
        (in TRAP mode the kernel resets it: seccompdbg puts it back)."""
        p = self.profile({"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
            {"names": ["fchmod", "clone3", "clone", "getppid"],
             "action": "SCMP_ACT_ERRNO", "errnoRet": 13}]})
        native = self.native([prog("modes_sandbox")])
        self.assertOk(native)
        self.assertEqual(native.lines(), [
            "main: fchmod = -1 EPERM", "main: getppid = 4242",
            "thread: getppid = 4242", "main: getppid after = 4242"])
        allowed = self.sdbg([prog("modes_sandbox")], profile=p,
                            batch="allow")
        self.assertOk(allowed)
        self.assertEqual(allowed.lines(), native.lines())
        self.assertEqual([d["syscall"] for d in allowed.denials()],
                         ["clone"])
        denied = self.sdbg([prog("modes_sandbox")], profile=p)
        self.assertOk(denied)
        self.assertEqual(denied.lines(), [
            "main: fchmod = -1 EPERM", "main: getppid = 4242",
            "main: pthread_create = EACCES", "main: getppid after = 4242"])
        self.assertEqual([d["syscall"] for d in denied.denials()],
                         ["clone"])

    def test_children_stay_confined(self):
        """Allowing clone, vfork and execve (in TRAP mode re-run with
        seccomp suspended for the thread) must not let the new thread,
        process or program run unfiltered: each of their mkdirat calls
        is still caught, asked or answered by the remembered decision."""
        p = self.profile({"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
            {"names": ["mkdirat", "clone", "clone3", "vfork", "fork",
                       "execve"], "action": "SCMP_ACT_ERRNO",
             "errnoRet": 13}]})
        for args, calls in ((["fork"], 1), (["vfork"], 1),
                            (["threads", "3"], 3), (["thread-exec"], 1),
                            (["doublefork"], 1)):
            native = self.native([prog("live_procs")], *args)
            r = self.sdbg([prog("live_procs")], *args, profile=p,
                          batch="allow")
            self.assertOk(r)
            self.assertEqual(sorted(r.lines()), sorted(native.lines()))
            seen = [e for e in r.events if e.get("syscall") == "mkdirat"
                    and (e["event"] == "denial" or e.get("remembered"))]
            self.assertEqual(len(seen), calls, args)

    def test_profile_kill_actions(self):
        for action in ("SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL"):
            p = self.profile({"defaultAction": "SCMP_ACT_ALLOW",
                              "syscalls": [{"names": ["mkdirat"],
                                            "action": action}]})
            r = self.sdbg([prog("live_procs")], "call", "k", profile=p)
            # SIGSYS, as the kernel's kill gives
            self.assertOk(r, 159)
            self.assertEqual(len(r.denials()), 1)
            self.assertEqual(r.of("decision")[0]["errno"], 0)

    def test_mode_cannot_work(self):
        """Under a tracer that follows forks, TRACE and TRAP cannot
        attach: run says so and names notify, which works."""
        self.once()
        if not shutil.which("strace"):
            self.skipTest("strace is not installed")
        p = self.profile(DENY_MKDIR)
        base = ["strace", "-f", "-qq", "-o", "/dev/null", SDBG, "run",
                "-p", p, "--batch", "deny"]
        # LeakSanitizer stops the world with ptrace, which cannot work
        # under strace (SANITIZE=1): ASan and UBSan still do
        env = dict(os.environ)
        env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":detect_leaks=0"
        for mode in ("trace", "trap"):
            r = subprocess.run(base + ["--mode", mode, "--",
                                       prog("live_procs"), "call", "m"],
                               capture_output=True, text=True,
                               timeout=120, env=env)
            self.assertEqual(r.returncode, 125, r.stderr)
            self.assertIn("--mode %s cannot work here" % mode, r.stderr)
            self.assertIn("itself traced", r.stderr)
            self.assertIn("use --mode notify", r.stderr)
        r = subprocess.run(base + ["--mode", "notify", "--",
                                   prog("live_procs"), "call", "m"],
                           capture_output=True, text=True, timeout=120,
                           env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("main: mkdirat(m) = -1 EACCES", r.stdout)

    def test_check_lists_modes(self):
        self.once()
        from live import data
        r = subprocess.run([SDBG, "check",
                            data("profiles/moby-default.json")],
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        missing = modes_unavailable()
        if not missing:
            self.assertIn("modes: trace, trap, notify, container "
                          "(all work here)", r.stdout)
        # a mode that cannot work here is named, with the reason
        for mode, why in missing.items():
            self.assertIn("--mode %s cannot work here: %s" % (mode, why),
                          r.stdout)
            self.assertNotIn(mode, r.stdout.split("modes:")[1].split("\n")[0])
