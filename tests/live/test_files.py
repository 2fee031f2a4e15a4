# SPDX-License-Identifier: Apache-2.0
"""The files seccompdbg reads and writes by name (docs/seccompdbg.1,
FILES READ AND WRITTEN): -o through symbolic links and never over a
device, a bad -o said before the program runs, --events write errors,
-p of a FIFO with no writer, and kill -9 in the middle of a save. None depends on the catching
mode: they run in the trace pass only."""
import ctypes
import json
import os
import random
import select
import shutil
import signal
import stat
import struct
import subprocess
import time

from live import (DENY_MKDIR, ONE_PASS, SDBG, TIMEOUT, LiveTest,
                  current_mode, prog)

# A strace log of one short program: what from-strace makes a profile of.
LOG = ('29041 execve("/bin/true", ["/bin/true"], 0x7fff1b183c08'
       ' /* 37 vars */) = 0\n'
       '29041 brk(NULL)                         = 0x5590e8f48000\n'
       '29041 exit_group(0)                     = ?\n'
       '29041 +++ exited with 0 +++\n')


def temps(d, name):
    """What writes to NAME left in directory D: any .NAME.* (ours are
    .NAME.seccompdbg-XXXXXX; versions before were .NAME.XXXXXX)."""
    return sorted(f for f in os.listdir(d) if f.startswith("." + name + "."))


class Files(LiveTest):
    def setUp(self):
        super().setUp()
        if current_mode() != "trace":
            # does not depend on the mode: runs in the trace pass only
            self.skipTest(ONE_PASS)

    def cmd(self, *args, stdin=None, timeout=TIMEOUT):
        proc = subprocess.run([SDBG] + list(args), capture_output=True,
                              text=True, cwd=self.tmp, input=stdin,
                              timeout=timeout)
        self.no_sanitizer_report(proc.stderr)
        return proc

    def test_bad_output_is_said_before_the_program_runs(self):
        os.mkdir(self.path("dir"))
        bad = [("none/out.json", "directory"),
               ("dir", "is a directory")]
        if os.geteuid() != 0:
            os.chmod(self.path("dir"), 0o555)
            bad.append(("dir/out.json", "Permission denied"))
        for out, why in bad:
            for command in ("run", "record"):
                r = self.sdbg(["sh", "-c", "touch ran"], command=command,
                              output=self.path(out), events=False)
                self.assertEqual(r.rc, 125, r.err)
                self.assertIn("-o: " + self.path(out), r.err)
                self.assertIn(why, r.err)
                self.assertFalse(os.path.exists(self.path("ran")),
                                 "the program ran")

    def test_output_through_a_symbolic_link(self):
        with open(self.path("fixed.json"), "w") as f:
            f.write("old\n")
        os.chmod(self.path("fixed.json"), 0o640)
        os.symlink("fixed.json", self.path("link.json"))
        r = self.sdbg(["/bin/true"], command="record",
                      output=self.path("link.json"))
        self.assertOk(r)
        self.assertTrue(os.path.islink(self.path("link.json")))
        st = os.stat(self.path("fixed.json"))
        self.assertEqual(stat.S_IMODE(st.st_mode), 0o640)
        with open(self.path("fixed.json")) as f:
            self.assertIn("execve", json.load(f)["syscalls"][0]["names"])
        self.assertEqual(temps(self.tmp, "fixed.json"), [])

    def test_output_to_a_device_is_written_not_replaced(self):
        if os.geteuid() != 0:
            self.skipTest("making a device node (mknod) needs root")
        # copies of /dev/null of our own: a regression must not
        # replace the machine's
        null, null2 = self.path("null"), self.path("null2")
        for n in (null, null2):
            os.mknod(n, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        r = self.sdbg(["/bin/true"], command="record", output=null)
        self.assertOk(r)
        self.assertTrue(stat.S_ISCHR(os.lstat(null).st_mode))
        with open(self.path("log"), "w") as f:
            f.write(LOG)
        r = self.cmd("from-strace", "-o", null, "--report", null2, "log")
        self.assertEqual(r.returncode, 0, r.stderr)
        for n in (null, null2):
            self.assertTrue(stat.S_ISCHR(os.lstat(n).st_mode))

    def test_output_to_standard_output(self):
        r = self.sdbg(["/bin/true"], command="record", output="-")
        self.assertOk(r)
        self.assertIn("execve", json.loads(r.out)["syscalls"][0]["names"])
        with open(self.path("log"), "w") as f:
            f.write(LOG)
        r = self.cmd("from-strace", "-o", "/dev/stdout", "log")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("brk", json.loads(r.stdout)["syscalls"][0]["names"])

    def test_events_write_error_is_said(self):
        p = self.profile(DENY_MKDIR)
        r = self.sdbg([prog("live_procs"), "call", "m"], profile=p,
                      events=False, extra=["--events", "/dev/full"])
        self.assertEqual(r.rc, 125, r.err)
        self.assertIn("--events /dev/full: No space left on device",
                      r.err.splitlines()[-1])
        # the program ran as ever
        self.assertIn("main: mkdirat(m) = -1 EACCES", r.out)

    def test_events_on_a_full_file_system(self):
        if os.geteuid() != 0 or not shutil.which("mount"):
            self.skipTest("mounting a small tmpfs needs root and mount(8)")
        mnt = self.path("small")
        os.mkdir(mnt)
        m = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k",
                            "tmpfs", mnt], capture_output=True, text=True)
        if m.returncode != 0:
            self.skipTest("cannot mount a tmpfs here: " + m.stderr.strip())
        try:
            with open(os.path.join(mnt, "fill"), "wb") as f:
                try:
                    f.write(b"x" * (1 << 20))
                except OSError:
                    pass
            ev = os.path.join(mnt, "events.jsonl")
            p = self.profile(DENY_MKDIR)
            r = self.sdbg([prog("live_procs"), "call", "m"], profile=p,
                          events=False, extra=["--events", ev])
            self.assertEqual(r.rc, 125, r.err)
            self.assertIn("No space left on device", r.err)
        finally:
            subprocess.run(["umount", mnt])

    def test_fifo_without_writer_is_refused_at_once(self):
        fifo = self.path("fifo")
        os.mkfifo(fifo)
        r = self.sdbg(["sh", "-c", "touch ran"], profile=fifo, events=False)
        self.assertEqual(r.rc, 125, r.err)
        self.assertIn(fifo + ": a FIFO or pipe that no one writes to", r.err)
        self.assertFalse(os.path.exists(self.path("ran")))
        self.assertEqual(self.cmd("check", fifo).returncode, 2)
        self.assertEqual(self.cmd("from-strace", fifo).returncode, 2)
        # a pipe with its writer (-p /dev/stdin, -p <(cmd)) is read
        with open(self.profile(DENY_MKDIR)) as f:
            text = f.read()
        r = self.cmd("check", "/dev/stdin", stdin=text)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("/dev/stdin: docker profile, usable", r.stdout)
        # devices are not profiles
        r = self.cmd("check", "/dev/zero")
        self.assertEqual(r.returncode, 2)
        self.assertIn("a character device", r.stderr)


class KilledSave(LiveTest):
    """kill -9 while a profile is saved: OUT is always the old file or the
    new one, and what the killed writer left is gone after the next
    save."""

    def setUp(self):
        super().setUp()
        if current_mode() != "trace":
            # does not depend on the mode: runs in the trace pass only
            self.skipTest(ONE_PASS)
        with open(self.path("log"), "w") as f:
            f.write(LOG)
        self.argv = [SDBG, "from-strace", "-o", "out.json", "--report",
                     "report", "log"]

    def expected(self):
        subprocess.run(self.argv, cwd=self.tmp, check=True)
        with open(self.path("out.json")) as f:
            new = f.read()
        os.unlink(self.path("out.json"))
        return new

    def out(self):
        try:
            with open(self.path("out.json")) as f:
                return f.read()
        except FileNotFoundError:
            return None

    def test_killed_at_each_step_of_the_write(self):
        """strace kills it as it enters each system call of the write:
        before the data is on disk, before the file has a name, before
        the rename (the one moment a named temporary file exists)."""
        if not shutil.which("strace"):
            self.skipTest("needs strace to kill at a chosen system call")
        new = self.expected()
        steps = ["write", "fsync", "linkat", "rename,renameat,renameat2"]
        for step in steps:
            with open(self.path("out.json"), "w") as f:
                f.write("old\n")
            r = subprocess.run(["strace", "-qq", "-o", "/dev/null",
                                "-e", "trace=" + step,
                                "-e", "inject=%s:signal=KILL" % step]
                               + self.argv, cwd=self.tmp,
                               capture_output=True, text=True,
                               timeout=TIMEOUT)
            # strace ends as its tracee did: killed by the same signal
            self.assertIn(r.returncode,
                          (-signal.SIGKILL, 128 + signal.SIGKILL),
                          step + ": " + r.stderr)
            self.assertEqual(self.out(), "old\n", step)
            subprocess.run(self.argv, cwd=self.tmp, check=True)
            self.assertEqual(self.out(), new, step)
            self.assertEqual(temps(self.tmp, "out.json"), [], step)

    def test_killed_at_random_moments(self):
        """kill -9 at random moments of saves of a 1.3 MB profile, and as
        soon as a temporary name appears in the directory (inotify; an
        older seccompdbg named its file from the start and left it at
        every such kill): the output is old or complete every time, and
        one more save leaves no temporary file."""
        rules = [{"names": ["read"], "action": "SCMP_ACT_ALLOW",
                  "args": [{"index": 0, "value": i, "op": "SCMP_CMP_EQ"}]}
                 for i in range(8000)]
        with open(self.path("big.json"), "w") as f:
            json.dump({"defaultAction": "SCMP_ACT_ERRNO",
                       "syscalls": rules}, f, indent="\t")
        self.argv[2:2] = ["--base", "big.json"]
        new = self.expected()
        start = time.monotonic()
        subprocess.run(self.argv, cwd=self.tmp, check=True)
        span = time.monotonic() - start
        rnd = random.Random(0x5a7e)
        watch = Inotify(self.tmp)
        left = 0
        try:
            for i in range(60):
                with open(self.path("out.json"), "w") as f:
                    f.write("old\n")
                watch.drain()
                p = subprocess.Popen(self.argv, cwd=self.tmp,
                                     stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
                if i % 2:
                    time.sleep(rnd.uniform(0, span * 1.2))
                else:
                    watch.wait_for(".out.json.", p)
                p.kill()
                p.wait(timeout=TIMEOUT)
                self.assertIn(self.out(), ("old\n", new), "kill %d" % i)
                left += bool(temps(self.tmp, "out.json"))
        finally:
            watch.close()
        print("      a temporary file was left after %d of 60 kills" % left,
              flush=True)
        subprocess.run(self.argv, cwd=self.tmp, check=True)
        self.assertEqual(self.out(), new)
        self.assertEqual(temps(self.tmp, "out.json"), [])


class Inotify:
    """New names in a directory (inotify through libc: the standard
    library has no binding)."""
    IN_CREATE = 0x100
    IN_MOVED_TO = 0x80

    def __init__(self, path):
        self.libc = ctypes.CDLL(None, use_errno=True)
        self.fd = self.libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self.fd < 0 or self.libc.inotify_add_watch(
                self.fd, path.encode(),
                self.IN_CREATE | self.IN_MOVED_TO) < 0:
            raise OSError(ctypes.get_errno(), "inotify")

    def names(self):
        try:
            buf = os.read(self.fd, 65536)
        except BlockingIOError:
            return []
        out, off = [], 0
        while off + 16 <= len(buf):
            _, _, _, n = struct.unpack_from("iIII", buf, off)
            out.append(buf[off + 16:off + 16 + n].rstrip(b"\0").decode())
            off += 16 + n
        return out

    def drain(self):
        while self.names():
            pass

    def wait_for(self, prefix, proc):
        """Until a name starting with PREFIX appears or PROC ends."""
        while proc.poll() is None:
            select.select([self.fd], [], [], 0.05)
            if any(n.startswith(prefix) for n in self.names()):
                return

    def close(self):
        os.close(self.fd)
