# SPDX-License-Identifier: Apache-2.0
"""A pending call and a signal, in NOTIFY mode: seccompdbg's filter asks
the kernel to wait for the answer as a ptrace stop does (Linux 5.19's
SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV, docs/modes.md): a stop, or a
handler, comes after the answer, never instead of it, and the call is
the one pending denial throughout (tests/progs/interrupted.c). The
interruptible wait of the containers' filters is tested in
tests/containers/run, and the listener's handling of it in
tests/system/test_notify.c."""

import json
import os
import re
import shlex
import signal
import time

from harness import BUILD, SECCOMPDBG, check, row, screen

PROG = os.path.join(BUILD, "tests", "progs", "interrupted")
PENDING = r"^>\s*1 mkdir\s+(\d+) interrupted\s+PENDING"


def command(server, *steps):
    profile = server.path("deny-mkdir.json")
    with open(profile, "w") as f:
        json.dump({"defaultAction": "SCMP_ACT_ALLOW",
                   "syscalls": [{"names": ["mkdir"],
                                 "action": "SCMP_ACT_ERRNO",
                                 "errnoRet": 13}]}, f)
    cmd = [SECCOMPDBG, "run", "--mode", "notify", "-p", profile, "--",
           PROG] + list(steps)
    return "cd %s && %s" % (shlex.quote(server.tmp),
                            " ".join(shlex.quote(c) for c in cmd))


def pid_of(lines):
    return int(re.search(PENDING, "\n".join(lines), re.M).group(1))


def end(s, unsaved=False):
    s.keys("k")
    s.wait("kill the program")
    s.keys("y")
    s.wait("exited with 137")
    s.keys("q")
    if unsaved:
        s.wait("quit: unsaved changes")
        s.keys("d")
    s.dead_status()


def proc_state(pid):
    with open("/proc/%d/stat" % pid) as f:
        return f.read().rsplit(")", 1)[1].split()[0]


def test_notify_stopped_call_waits_for_its_answer(server):
    # Before (an interruptible wait): each stop and continue restarted
    # the call, and an answer that met the restart could be lost. Now
    # the call waits as under ptrace: the stop comes after the answer.
    with screen(server, command(server, "eintr", "sleep")) as s:
        pid = pid_of(s.wait(PENDING))
        os.kill(pid, signal.SIGSTOP)
        time.sleep(0.3)  # longer than a sweep of the waiting calls
        check(proc_state(pid) != "T", "not stopped inside the call", s)
        lines = s.wait(PENDING)
        check(not row(lines, r"^.\s*2 "), "no second denial", s)
        check(not row(lines, r"gone"), "nothing gone", s)
        s.keys("a")
        s.wait(lambda lines: proc_state(pid) == "T")
        check(not row(s.lines(), r"interrupted: mkdir e"),
              "stopped as the call returned, before its print", s)
        os.kill(pid, signal.SIGCONT)
        s.wait(r"interrupted: mkdir e = 0")
        end(s, unsaved=True)


def test_notify_handler_runs_after_the_answer(server):
    # A handler without SA_RESTART: before, the call failed with EINTR
    # and its denial turned gone; now the handler waits for the answer,
    # and the call returns what was decided.
    with screen(server, command(server, "eintr", "sleep")) as s:
        pid = pid_of(s.wait(PENDING))
        os.kill(pid, signal.SIGUSR1)
        time.sleep(0.3)
        lines = s.wait(PENDING)
        check(not row(lines, r"EINTR|gone"), "still the one pending", s)
        s.keys("d")
        s.wait(r"interrupted: mkdir e = -1 EACCES")
        end(s)
