# SPDX-License-Identifier: Apache-2.0
"""Chromium, the use case seccompdbg was made for (docs/browser.md):
Debian's chromium, headless, loads a local page as an unprivileged user
with its sandbox on (user, pid and network namespaces, the zygote's
chroot, and its own seccomp-bpf filters and SIGSYS handler on top of
ours), in every mode:

- record from nothing: the page's DOM is the native one, each refused
  call is reported once, and the learned profile replays with no denial
  but the calls only some runs make (TIMING, in chromium.py);
- the profiles a user makes with strace: from-strace of a sandboxed run
  (complete but for TIMING), a naive name scrape (fails in the loader),
  and from-strace of a --no-sandbox run (Chromium exits with "No usable
  sandbox!"; record names what the sandbox needs: NOT_WITHOUT_SANDBOX);
- SIGTERM in the middle of a page load ends it: 143, -o written, the
  exit event, nothing left.

Skipped, with the reason, without chromium, without root (the browser
runs as nobody, through setpriv), or where this kernel does not let an
unprivileged user make a user namespace (the sandbox needs one)."""
import atexit
import json
import os
import shutil
import signal
import subprocess
import tempfile

from chromium import (NOT_WITHOUT_SANDBOX, RENDERED, TIMING, Pages,
                      allow_list, probe, scrape_names)
from live import SDBG, TIMEOUT, LiveTest, leftovers, wait_for

# The namespace and seccomp-bpf sandboxes are on: what every run makes.
SANDBOX = {"unshare", "chroot", "seccomp"}
_fixture = {}


class Browser(LiveTest):
    def setUp(self):
        super().setUp()
        reason = probe()
        if reason:
            self.skipTest(reason)
        self.browser = Pages(self.tmp).command
        self.fixture()

    def fixture(self):
        """Once for every pass: the native DOM, and the strace logs."""
        if "dom" in _fixture:
            return
        native = self.native(self.browser())
        if native.rc != 0 or RENDERED not in native.out:
            self.fail("chromium failed natively (%d):\n%s"
                      % (native.rc, native.err[-2000:]))
        _fixture["dom"] = native.out
        keep = tempfile.mkdtemp(prefix="sdbg-browser-")
        atexit.register(shutil.rmtree, keep, True)
        for name, extra in (("sandbox", ()), ("nosandbox", ("--no-sandbox",))):
            log = os.path.join(keep, name + ".log")
            s = self.native(["strace", "-f", "-o", log] + self.browser(*extra))
            self.assertOk(s)
            _fixture[name] = log

    def assertPage(self, r):
        self.assertOk(r)
        self.assertEqual(r.out, _fixture["dom"])

    def assertOnce(self, r):
        """Every denial decided exactly once, every decision of a new
        denial belonging to one."""
        ids = [d["id"] for d in r.denials()]
        self.assertEqual(len(ids), len(set(ids)))
        decided = [e["id"] for e in r.of("decision")
                   if not e.get("remembered")]
        self.assertEqual(sorted(decided), sorted(ids))

    def from_strace(self, name):
        out = self.path(name + ".json")
        r = subprocess.run([SDBG, "from-strace", "-o", out, _fixture[name]],
                           capture_output=True, text=True, timeout=TIMEOUT)
        self.assertEqual(r.returncode, 0, r.stderr)
        return out

    def names(self, path):
        with open(path) as f:
            rules = json.load(f)["syscalls"]
        return {n for rule in rules for n in rule["names"]}

    def test_record_then_replay(self):
        learned = self.path("learned.json")
        rec = self.sdbg(self.browser(), command="record", output=learned)
        self.assertPage(rec)
        self.assertOnce(rec)
        names = [d["syscall"] for d in rec.denials()]
        # record allows each name always: one denial per name
        self.assertEqual(len(names), len(set(names)), names)
        got = self.names(learned)
        self.assertLessEqual(SANDBOX, got)
        # the renderer's check that its own filter refuses fchmod
        # (EPERM) is the sandbox's, not ours, in every mode
        self.assertNotIn("fchmod", got)
        again = self.sdbg(self.browser(), profile=learned)
        self.assertPage(again)
        self.assertOnce(again)
        self.assertLessEqual({d["syscall"] for d in again.denials()},
                             TIMING)
        full = self.profile(allow_list(got | TIMING), "full.json")
        last = self.sdbg(self.browser(), profile=full)
        self.assertPage(last)
        self.assertEqual(last.denials(), [])

    def test_strace_made_profiles(self):
        sandboxed = self.from_strace("sandbox")
        rec = self.sdbg(self.browser(), command="record",
                        profile=sandboxed, output=self.path("more.json"))
        self.assertPage(rec)
        self.assertOnce(rec)
        self.assertLessEqual({d["syscall"] for d in rec.denials()}, TIMING)
        # the naive scrape drops every name with a digit: the first is
        # the loader's pread64, in setpriv, and nothing starts
        naive = self.profile(allow_list(scrape_names(_fixture["sandbox"])),
                             "naive.json")
        r = self.sdbg(self.browser(), profile=naive)
        self.assertEqual(r.rc, 127, r.err)
        self.assertEqual(r.denials()[0]["syscall"], "pread64")
        # a --no-sandbox run's profile: Chromium stops at its first
        # namespace call, and says there is no usable sandbox
        plain = self.from_strace("nosandbox")
        r = self.sdbg(self.browser(), profile=plain)
        self.assertEqual(r.rc, 1, r.err)
        self.assertIn("No usable sandbox!", r.err)
        self.assertEqual([d["decoded"] for d in r.denials()],
                         ["unshare(CLONE_NEWUSER)"])
        # what the user was hunting for, all in one run
        learned = self.path("sandboxed.json")
        rec = self.sdbg(self.browser(), command="record", profile=plain,
                        output=learned)
        self.assertPage(rec)
        self.assertOnce(rec)
        added = {d["syscall"] for d in rec.denials()}
        self.assertLessEqual(NOT_WITHOUT_SANDBOX, added)

    def test_sigterm_mid_load(self):
        out = self.path("partial.json")
        proc, marker, ev = self.start(
            self.browser(), batch="allow", output=out,
            profile=self.profile({"defaultAction": "SCMP_ACT_ERRNO"}))

        def loading():
            # the sandbox is up: the zygote has made its namespaces
            try:
                with open(ev) as f:
                    return '"syscall":"chroot"' in f.read()
            except OSError:
                return False
        up = wait_for(loading, TIMEOUT / 2)
        proc.send_signal(signal.SIGTERM)
        rc, err = self.finish(proc, marker)
        self.assertTrue(up, "the page load never got as far as the "
                        "zygote's chroot:\n" + err[-2000:])
        self.assertEqual(rc, 128 + signal.SIGTERM, err)
        self.assertIn("stopped by signal 15", err)
        self.assertIn("chroot", self.names(out))
        with open(ev) as f:
            last = json.loads(f.read().splitlines()[-1])
        self.assertEqual((last["event"], last["signal"]), ("exit", 15))
        self.assertEqual(leftovers(marker), [])
