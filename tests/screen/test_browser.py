# SPDX-License-Identifier: Apache-2.0
"""The view on Chromium (docs/browser.md): a profile that lacks one call
of its sandbox (the zygote's chroot) stops the page load at that call;
`a` allows it, the page completes in the output pane, `s` saves the
profile with it. Skipped, with the reason, where the browser cannot run
with its sandbox (tests/live/chromium.py)."""

import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

from harness import SECCOMPDBG, TOP, WAIT, Skip, check, row, screen

sys.path.insert(0, os.path.join(TOP, "tests", "live"))
from chromium import RENDERED, TIMING, Pages, allow_list, probe  # noqa

CHROOT = r'chroot\("/proc/self/fdinfo/"\)'


def test_browser_allow_one_refusal(server):
    reason = probe()
    if reason:
        raise Skip(reason)
    tmp = tempfile.mkdtemp(prefix="seccompdbg-browser-")
    try:
        run_view(server, Pages(tmp), tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run_view(server, pages, tmp):
    # what the page load needs, learned, but the zygote's chroot
    learned = os.path.join(tmp, "learned.json")
    r = subprocess.run([SECCOMPDBG, "record", "-o", learned, "--"]
                       + pages.command(), capture_output=True, text=True,
                       timeout=2 * WAIT)
    check(r.returncode == 0 and RENDERED in r.stdout,
          "record of the page load failed:\n" + r.stderr[-2000:])
    with open(learned) as f:
        names = set(json.load(f)["syscalls"][0]["names"])
    profile = os.path.join(tmp, "no-chroot.json")
    with open(profile, "w") as f:
        json.dump(allow_list((names | TIMING) - {"chroot"}), f)
    out = os.path.join(tmp, "fixed.json")
    # its ERROR logs (no D-Bus here) would fill the output pane
    cmd = [SECCOMPDBG, "run", "-p", profile, "-o", out, "--"] + \
        pages.command("--log-level=3")
    with screen(server, " ".join(shlex.quote(c) for c in cmd),
                width=120, height=30) as s:
        lines = s.wait(r"^>\s*1 chroot\s+\d+ chromium\s+PENDING")
        check(row(lines, r"(^|│) " + CHROOT + r"\s*$"),
              "the detail pane shows the decoded call", s)
        check(row(lines, r"refused by defaultAction: "
                         r"SCMP_ACT_ERRNO\(EPERM\)"),
              "the refusing rule is named", s)
        s.keys("a")
        lines = s.wait("exited with 0")
        check(RENDERED in s.text(), "the page's DOM in the output pane", s)
        check(row(lines, r"1 chroot .*allowed always"),
              "the one refusal, allowed", s)
        check(not row(lines, r"^.\s*2 "), "no other refusal", s)
        s.keys("s")
        s.wait("saved to " + out)
        s.keys("q")
        status = s.dead_status()
        check(status == 0, "exit status %d, not 0" % status, s)
    with open(out) as f:
        saved = set(json.load(f)["syscalls"][0]["names"])
    check(saved == (names | TIMING), "the saved profile is the learned one")
