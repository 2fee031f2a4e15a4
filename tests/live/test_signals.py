# SPDX-License-Identifier: Apache-2.0
"""SIGINT, SIGTERM and SIGHUP end seccompdbg whatever it is doing
(docs/session.md, "Signals"): sent while the supervisor is busiest (a
crowd of threads stopping without end: the normal end, with 128 + N, the
summary, -o written, the exit event), and when its loop is stuck (its
thread frozen by tests/progs/freeze: the watchdog ends it after the grace
period, or at once at a second signal, killing every process and giving
the terminal back). Every test has its own time limit: a hang fails it."""
import fcntl
import json
import os
import secrets
import select
import shutil
import signal
import subprocess
import termios
import time

from live import (DENY_MKDIR, SDBG, TIMEOUT, LiveTest, current_mode,
                  leftovers, prog, wait_for)

# A crowd that never ends by itself: 100 processes of 10 threads, each
# making the refused call 100,000 times (answered by remembered denies).
CROWD = ("100", "10", "100000")
GRACE = 5  # SESSION_GRACE_S in src/session/signals.c


def pending(pid, sig):
    """Is SIG pending for the process PID (sent, not yet taken)?"""
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("ShdPnd:"):
                return bool(int(line.split()[1], 16) & (1 << (sig - 1)))
    return False


class Signals(LiveTest):
    def busy(self, marker, n=50):
        """Wait until N processes of the program are up."""
        self.assertTrue(wait_for(lambda: len(leftovers(marker)) >= n),
                        "the crowd never gathered")

    def freeze(self, pid):
        """Stop seccompdbg's loop thread (its main thread) for good."""
        f = subprocess.Popen([prog("freeze"), str(pid)],
                             stdout=subprocess.PIPE, text=True)
        self.assertEqual(f.stdout.readline(), "frozen\n")
        return f

    def test_signal_while_busiest(self):
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            out = self.path("out-%d.json" % sig)
            proc, marker, ev = self.start(
                [prog("stress")], *CROWD, output=out,
                profile=self.profile(DENY_MKDIR))
            self.busy(marker)
            proc.send_signal(sig)
            rc, err = self.finish(proc, marker)
            self.assertEqual(rc, 128 + sig, err)
            self.assertIn("stopped by signal %d" % sig, err)
            with open(out) as f:
                saved = json.load(f)
            self.assertEqual(saved["defaultAction"], "SCMP_ACT_ALLOW")
            with open(ev) as f:
                last = json.loads(f.read().splitlines()[-1])
            self.assertEqual((last["event"], last["signal"]),
                             ("exit", int(sig)))
            self.assertEqual(leftovers(marker), [])

    def stuck(self, *sigs):
        """A crowd whose supervisor's loop thread is frozen, sent SIGS:
        seccompdbg's exit status and stderr."""
        proc, marker, _ = self.start([prog("stress")], "20", "4", "100000",
                                     profile=self.profile(DENY_MKDIR))
        self.busy(marker, 20)
        f = self.freeze(proc.pid)
        for sig in sigs:
            proc.send_signal(sig)
        rc, err = self.finish(proc, marker)
        f.wait(timeout=TIMEOUT)
        self.assertEqual(leftovers(marker), [])
        return rc, err

    def test_stuck_loop_ends_after_the_grace(self):
        rc, err = self.stuck(signal.SIGTERM)
        self.assertEqual(rc, 128 + signal.SIGTERM, err)
        self.assertIn("SIGTERM: the session did not end within %d s; "
                      "every process of the program killed, nothing saved"
                      % GRACE, err)

    def test_copy_of_the_signal_is_not_a_second(self):
        """timeout(1) sends its signal to the command, then to the
        command's process group: the same SIGTERM twice from one process.
        The copy comes after the first was taken (the watchdog's, the
        loop being frozen): it is the same request, so the session gets
        its grace period. Before, it ended at once, nothing saved."""
        proc, marker, _ = self.start([prog("stress")], "20", "4", "100000",
                                     profile=self.profile(DENY_MKDIR))
        self.busy(marker, 20)
        f = self.freeze(proc.pid)
        proc.send_signal(signal.SIGTERM)
        self.assertTrue(wait_for(lambda: not pending(proc.pid, signal.SIGTERM)),
                        "the first SIGTERM was never taken")
        proc.send_signal(signal.SIGTERM)
        rc, err = self.finish(proc, marker)
        f.wait(timeout=TIMEOUT)
        self.assertEqual(leftovers(marker), [])
        self.assertEqual(rc, 128 + signal.SIGTERM, err)
        self.assertIn("SIGTERM: the session did not end within %d s" % GRACE,
                      err)

    def test_second_signal_ends_at_once(self):
        # if both are pending at once, the lower number is taken first
        rc, err = self.stuck(signal.SIGINT, signal.SIGTERM)
        self.assertEqual(rc, 128 + signal.SIGINT, err)
        self.assertIn("SIGINT, then another: ended at once", err)

class ViewSignals(LiveTest):
    """The view on a pseudo-terminal of ours: what the terminal is left
    in, read through the master (its termios are the slave's)."""

    def view(self, *cmd):
        marker = secrets.token_hex(8)
        self.markers.append(marker)
        env = self.env(marker)
        env["TERM"] = "xterm"
        # the terminal as it is before seccompdbg can touch it
        fd, slave = os.openpty()
        self.cooked = termios.tcgetattr(slave)
        pid = os.fork()
        if pid == 0:
            os.close(fd)
            os.setsid()
            fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
            for i in range(3):
                os.dup2(slave, i)
            os.chdir(self.tmp)
            os.execve(SDBG, [SDBG, "run", "--mode", current_mode(), "-p",
                             self.profile(DENY_MKDIR), "--"] + list(cmd),
                      env)
        os.close(slave)
        self.addCleanup(os.close, fd)
        return pid, fd, marker

    def read_until(self, fd, needle, out):
        end = time.monotonic() + TIMEOUT
        while needle not in out and time.monotonic() < end:
            if select.select([fd], [], [], 1)[0]:
                try:
                    out += os.read(fd, 65536)
                except OSError:
                    break
        return out

    def wait_end(self, pid, fd):
        """Read until the end; the exit status, and what was shown."""
        out = b""
        end = time.monotonic() + TIMEOUT
        while time.monotonic() < end:
            if select.select([fd], [], [], 0.2)[0]:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    data = b""
                if data:
                    out += data
                    continue
            done, st = os.waitpid(pid, os.WNOHANG)
            if done:
                return os.waitstatus_to_exitcode(st), out
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        self.fail("seccompdbg did not end")

    def assertGivenBack(self, fd):
        now = termios.tcgetattr(fd)
        for i, name in ((0, "iflag"), (1, "oflag"), (3, "lflag")):
            self.assertEqual(now[i], self.cooked[i], name)

    def test_stuck_view_gives_the_terminal_back(self):
        pid, fd, marker = self.view(prog("stress"), "20", "4", "100000")
        self.read_until(fd, b"PENDING", b"")
        f = subprocess.Popen([prog("freeze"), str(pid)],
                             stdout=subprocess.PIPE, text=True)
        self.assertEqual(f.stdout.readline(), "frozen\n")
        os.kill(pid, signal.SIGTERM)
        rc, out = self.wait_end(pid, fd)
        f.wait(timeout=TIMEOUT)
        self.assertEqual(rc, 128 + signal.SIGTERM, out[-500:])
        self.assertIn(b"the session did not end within", out)
        self.assertIn(b"\x1b[?1049l", out)  # the view's screen left
        self.assertGivenBack(fd)
        self.assertEqual(leftovers(marker), [])

    def test_flooding_program_then_signal(self):
        # The program writes without end to its terminal: the loop must
        # still come back to its signals (its reads are bounded).
        pid, fd, marker = self.view("yes", "flood")
        self.read_until(fd, b"flood", b"")
        os.kill(pid, signal.SIGTERM)
        rc, out = self.wait_end(pid, fd)
        self.assertEqual(rc, 128 + signal.SIGTERM, out[-500:])
        self.assertIn(b"stopped by signal 15", out)
        self.assertGivenBack(fd)
        self.assertEqual(leftovers(marker), [])


class Launch(LiveTest):
    def test_killed_between_fork_and_seize(self):
        # seccompdbg SIGKILLed after its fork and before it attaches the
        # child: the child, blocked on its "go" pipe, must not wait for
        # ever holding our stdout. gdb stops it there (break seize) and
        # kills it; stdout is a pipe whose end must come.
        gdb = shutil.which("gdb")
        if not gdb:
            self.skipTest("needs gdb (Debian's gdb package) to stop "
                          "seccompdbg between its fork and its seize")
        marker = secrets.token_hex(8)
        self.markers.append(marker)
        argv = [gdb, "-q", "-batch", "-ex", "break seize", "-ex", "run",
                "-ex", "kill", "--args", SDBG, "run", "--mode",
                current_mode(), "--batch", "deny", "-p",
                self.profile(DENY_MKDIR), "--", "sleep", "1000"]
        try:
            r = subprocess.run(argv, capture_output=True, text=True,
                               env=self.env(marker), timeout=TIMEOUT,
                               stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            self.fail("the launcher outlived seccompdbg, holding its stdout")
        self.assertIn("Breakpoint 1, seize", r.stdout, r.stderr)
        self.assertIn("killed", r.stdout)
        self.assertTrue(wait_for(lambda: leftovers(marker) == []),
                        "the launcher is left")
