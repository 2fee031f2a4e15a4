# SPDX-License-Identifier: Apache-2.0
"""Debian's chromium for the tests that run it (tests/live/test_browser.py,
tests/screen/test_browser.py; docs/browser.md): headless, on a local page,
as an unprivileged user so that its sandbox is on, and why it cannot run
here when it cannot."""
import os
import pwd
import re
import shutil
import subprocess

CHROMIUM = "/usr/lib/chromium/chromium"
USER, GROUP = "nobody", "nogroup"
PAGE = """<!doctype html>
<html><head><title>seccompdbg</title></head>
<body><p id="out">static</p>
<script>
const words = ["sandbox", "profile", "seccomp"].map(w => w.toUpperCase());
document.getElementById("out").textContent =
    words.join(" ") + " " + Array.from({length: 10}, (_, i) => i * i)
        .reduce((a, b) => a + b, 0);
</script></body></html>
"""
# What the page's script writes: the DOM shows it only if the renderer ran.
RENDERED = "SANDBOX PROFILE SECCOMP 285"
# The flags that keep it off the network and away from the user's
# profile (a fresh --user-data-dir per run).
FLAGS = ["--headless", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--disable-quic"]
# Calls some page loads make and others do not (docs/browser.md, "What a
# recording can miss"): absl's Mutex reads its thread's scheduling
# parameters (and spins with sched_yield) only when a lock is contended;
# restart_syscall only follows a signal that interrupted a timed wait;
# inotify_rm_watch depends on when a watched file is written.
TIMING = {"sched_getparam", "sched_getscheduler", "sched_yield",
          "restart_syscall", "inotify_rm_watch"}
# What the sandbox needs that a --no-sandbox run never makes
# (docs/browser.md): the namespace sandbox's unshare, chroot and waitid,
# the seccomp-bpf sandbox's seccomp, and the fstat its SIGSYS handler
# makes in place of the fstatat it traps.
NOT_WITHOUT_SANDBOX = {"unshare", "chroot", "waitid", "seccomp", "fstat"}

_reason = []


def as_user(cmd, home=None):
    """CMD as USER (setpriv), with HOME set when given."""
    argv = ["setpriv", "--reuid=" + USER, "--regid=" + GROUP,
            "--init-groups"]
    if home:
        argv += ["env", "HOME=" + home]
    return argv + list(cmd)


def probe():
    """Why the browser cannot run here with its sandbox, or None."""
    if _reason:
        return _reason[0]
    reason = None
    if not os.path.exists(CHROMIUM):
        reason = "chromium is not installed (Debian's chromium package)"
    elif os.geteuid() != 0:
        reason = "runs the browser as %s with setpriv: needs root" % USER
    elif not shutil.which("setpriv"):
        reason = "setpriv (util-linux) is not installed"
    else:
        try:
            pwd.getpwnam(USER)
        except KeyError:
            reason = "no user %s" % USER
    if reason is None:
        r = subprocess.run(as_user(["unshare", "--user", "true"]),
                           capture_output=True, text=True, timeout=60)
        if r.returncode != 0:
            reason = ("an unprivileged user cannot make a user namespace "
                      "here (Chromium's sandbox needs one): "
                      + r.stderr.strip())
    _reason.append(reason)
    return reason


class Pages:
    """A directory USER can read with the page in it, and a fresh
    profile directory for each run."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.runs = 0
        os.chmod(tmp, 0o755)
        self.page = os.path.join(tmp, "page.html")
        with open(self.page, "w") as f:
            f.write(PAGE)

    def command(self, *extra):
        """Chromium as USER, dumping the page's DOM on stdout."""
        self.runs += 1
        home = os.path.join(self.tmp, "home%d" % self.runs)
        os.mkdir(home)
        pw = pwd.getpwnam(USER)
        os.chown(home, pw.pw_uid, pw.pw_gid)
        return as_user([CHROMIUM] + FLAGS + ["--user-data-dir=" + home]
                       + list(extra) + ["--dump-dom", "file://" + self.page],
                       home=home)


def scrape_names(log):
    """The naive profile's names: what `grep -oE '^[0-9]+ +[a-z_]+\\('`
    finds in an strace -f log (docs/browser.md)."""
    with open(log, errors="replace") as f:
        return sorted({m.group(1) for m in
                       re.finditer(r"^[0-9]+ +([a-z_]+)\(", f.read(), re.M)})


def allow_list(names):
    """A profile that allows NAMES and refuses the rest with EPERM."""
    return {"defaultAction": "SCMP_ACT_ERRNO",
            "syscalls": [{"names": sorted(names),
                          "action": "SCMP_ACT_ALLOW"}]}
