# SPDX-License-Identifier: Apache-2.0
"""Deciding in the view: the first denial, allow always and its memory,
deny as the profile would, allow with arguments, deny with an errno,
every identical pending one at once, undo, save, the diff, quitting."""

import json
import os
import re

from harness import (MOBY, batch_denials, check, row, run_cmd, screen)

UNSHARE = r"unshare\(CLONE_NEWUTS\)"
PENDING = r"^>\s*1 unshare\s+\d+ screen_steps\s+PENDING"


def output(lines):
    """The program's output pane: the lines under its title."""
    for i, line in enumerate(lines):
        if "program output" in line or "typing to the program" in line:
            return "\n".join(lines[i + 1:-1])
    return ""


def test_first_denial_shows_decoded_call(server):
    with screen(server, run_cmd("uts", "wait")) as s:
        lines = s.wait(PENDING)
        check(row(lines, r"^ unshare\(CLONE_NEWUTS\)$"),
              "the detail pane shows the decoded call", s)
        check(row(lines, r"refused by defaultAction: "
                         r"SCMP_ACT_ERRNO\(EPERM\)"),
              "the refusing rule is named", s)
        check(row(lines, r"^ why: Docker's default allows this call only"),
              "the why note", s)
        check("moby-default.json" in lines[0] and "1 pending" in lines[0]
              and "running" in lines[0], "the status line", s)
        check(lines[-1].startswith(" a allow"), "the key bar", s)
        s.keys("Enter")  # all of it: the hint is below the note
        lines = s.wait(r"^hint: screen_steps\.c:\d+ in ")
        check(row(lines, r"^#1 PENDING .* screen_steps$"), "who asked", s)
        s.keys("q")
        s.wait(PENDING)
        s.keys("k")
        s.wait("kill the program")
        s.keys("y")
        s.wait(r"^.*1 unshare .*killed")


def test_allow_always_resumes_and_remembers(server):
    out = server.path("always.json")
    with screen(server, run_cmd("uts", "uts", "wait", out=out)) as s:
        s.wait(PENDING)
        s.keys("a")
        # the real result, twice: the second call was answered unasked
        lines = s.wait(lambda l: output(l).count(
            "screen: unshare(CLONE_NEWUTS) = 0") == 2)
        check(row(lines, r"1 unshare .*allowed always \+1"),
              "one row, counting the call answered by the decision", s)
        check(not row(lines, r"^.\s*2 "), "no second denial", s)
        check("0 pending" in lines[0] and "1 unsaved" in lines[0],
              "the status line counts the change", s)
        # quit without saving: asked about the change, then the program
        s.keys("q")
        s.wait("1 change to the profile is not saved")
        s.keys("d")
        s.wait("the program is still running")
        s.keys("k")
        status = s.dead_status()
        check(status == 137, "killed: 128 + SIGKILL, not %d" % status, s)
        check(not os.path.exists(out), "quit without saving wrote OUT")


def test_deny_shows_the_profiles_errno(server):
    with screen(server, run_cmd("clone3", "wait")) as s:
        lines = s.wait(r"1 clone3 .*PENDING")
        check(row(lines, r"refused by syscalls\[20\].*SCMP_ACT_ERRNO"
                         r"\(ENOSYS\)"), "the clone3 rule of moby", s)
        check(row(lines, r"why: clone3 is refused with ENOSYS on purpose"),
              "the why note", s)
        s.keys("d")
        s.wait(r"screen: clone3 = -1 ENOSYS \(Function not implemented\)")
        s.wait(r"1 clone3 .*denied ENOSYS")


def test_save_then_batch_deny_catches_nothing(server):
    out = server.path("saved.json")
    with screen(server, run_cmd("uts", "clone3", out=out)) as s:
        s.wait(PENDING)
        s.keys("a")
        s.wait(r"2 clone3 .*PENDING")
        s.keys("a")
        s.wait("screen: done")
        lines = s.wait("exited with 0")
        check("2 unsaved" in lines[0], "two changes unsaved", s)
        s.keys("s")
        lines = s.wait("saved to " + out)
        check("0 unsaved" in lines[0], "nothing unsaved after s", s)
        s.keys("q")  # saved, and the program is over: no question
        status = s.dead_status()
        check(status == 0, "the program's own exit status, not %d" % status,
              s)
    with open(out) as f:
        saved = json.load(f)
    names = [n for r in saved["syscalls"] for n in r.get("names", [])]
    check("unshare" in names and "clone3" in names, "OUT allows both")
    denials, stdout = batch_denials(out, "uts", "clone3")
    check(denials == [], "run --batch deny -p OUT caught %r" % denials)
    check("screen: unshare(CLONE_NEWUTS) = 0" in stdout and
          "screen: clone3 = -1 EINVAL" in stdout, "native results: " + stdout)
    denials, _ = batch_denials(MOBY, "uts", "clone3")
    check(len(denials) == 2, "the input profile still refuses both")


def test_undo(server):
    with screen(server, run_cmd("uts", "wait", "uts", "wait")) as s:
        s.wait(PENDING)
        s.keys("a")
        lines = s.wait("waiting for a line")
        check("1 unsaved" in lines[0], "allow always changed the profile", s)
        s.keys("u")
        lines = s.wait("undone")
        check("0 unsaved" in lines[0], "undo took the change back", s)
        s.keys("v")
        s.wait("no change to the profile yet")
        # the same call again: asked again, the profile no longer has it
        s.keys("Tab")
        s.wait("typing to the program")
        s.type("go")
        s.keys("Enter")
        s.wait("screen: got go")
        # the keys stay the program's; the title says a denial waits
        s.wait("1 denial waiting: Ctrl-] to decide")
        s.keys("C-]")
        s.wait(r"^>\s*2 unshare .*PENDING")
        s.keys("d")
        s.wait(r"screen: unshare\(CLONE_NEWUTS\) = -1 EPERM")


def test_quit_with_unsaved_changes_asks(server):
    out = server.path("quit.json")
    with screen(server, run_cmd("uts", "wait", out=out)) as s:
        s.wait(PENDING)
        s.keys("a")
        s.wait("waiting for a line")
        s.keys("q")
        s.wait("quit: unsaved changes")
        s.keys("c")  # cancel: back to the view
        s.wait_gone("quit: unsaved changes")
        s.keys("q")
        s.wait("quit: unsaved changes")
        s.keys("s")
        s.wait("quit: the program is still running")
        check(os.path.exists(out), "s saved before the next question", s)
        s.keys("f")  # let it finish: it waits for a line, give it one
        s.wait("finishing")
        s.keys("Tab")
        s.type("bye")
        s.keys("Enter")
        check(s.dead_status() == 0, "the program finished on its own", s)
    with open(out) as f:
        check("unshare" in f.read(), "OUT has the call")


def test_allow_with_arguments(server):
    out = server.path("args.json")
    with screen(server, run_cmd("uts", "wait", out=out)) as s:
        s.wait(PENDING)
        s.keys("r")
        lines = s.wait("allow unshare only with these arguments")
        check(row(lines, r"\[x\] arg0 & .* == CLONE_NEWUTS"),
              "the suggested condition: the flags as seen", s)
        check(row(lines, r"\[x\] CLONE_NEWUTS +must be set"),
              "the bit seen set", s)
        s.keys("Enter")
        s.wait(r"screen: unshare\(CLONE_NEWUTS\) = 0")
        s.wait(r"1 unshare .*allowed with args")
        s.keys("v")
        lines = s.wait("What save writes")
        # by meaning first: the profile as loaded and as edited judged
        # call by call, as seccompdbg diff does
        check(row(lines, r"^ ?By meaning"), "the meaning comes first", s)
        check(row(lines, r"^ ?SCMP_ACT_ERRNO\(EPERM\) -> SCMP_ACT_ALLOW$"),
              "the change of verdict", s)
        check(row(lines, r"^ +unshare with CLONE_NEWUTS +\(x86_64"),
              "only unshare, only with the flag seen", s)
        check(row(lines, r"^ ?In the text:$"), "then the text's diff", s)
        s.keys("NPage")
        lines = s.wait(r'^ ?\+.*"SCMP_CMP_MASKED_EQ"')
        check(row(lines, r'^ ?\+.*"SCMP_CMP_MASKED_EQ"'),
              "the diff shows the condition", s)
        s.keys("q")
        s.wait_gone("What save writes")


def test_deny_with_an_errno(server):
    with screen(server, run_cmd("clone3", "wait")) as s:
        s.wait(r"1 clone3 .*PENDING")
        s.keys("e")
        lines = s.wait("deny clone3 with")
        first = row(lines, r"ENOSYS|EPERM")
        check("ENOSYS" in first and "callers fall back" in first,
              "ENOSYS first for clone3", s)
        s.keys("Down", "Down")  # ENOSYS, EPERM, EACCES
        s.keys("Enter")
        s.wait(r"screen: clone3 = -1 EACCES \(Permission denied\)")
        s.wait(r"1 clone3 .*denied EACCES")


def test_all_identical_pending(server):
    with screen(server, run_cmd("pair", "wait")) as s:
        # glibc makes threads with clone3, and with clone on ENOSYS
        s.wait(r"^>\s*1 clone3 .*PENDING")
        s.keys("d")
        s.wait(r"^>\s*2 clone3 .*PENDING")
        s.keys("d")
        s.wait(lambda l: len([x for x in l if re.search(
            r"^.\s*\d unshare .*PENDING", x)]) == 2)
        s.keys("A")
        lines = s.wait(lambda l: output(l).count(
            "screen: unshare(CLONE_NEWUTS) = 0") == 2)
        check(row(lines, r"^.\s*3 unshare .*allowed always$") and
              row(lines, r"^.\s*4 unshare .*allowed always \(by #3\)$"),
              "both denials answered by one key", s)
        check("1 unsaved" in lines[0], "one change to the profile", s)


def test_help_and_details(server):
    with screen(server, run_cmd("uts", "wait")) as s:
        s.wait(PENDING)
        s.keys("?")
        lines = s.wait("seccompdbg: keys")
        check(row(lines, r"^  a +allow always"), "help lists a", s)
        s.keys("q")
        s.wait(PENDING)
        s.keys("Enter")
        lines = s.wait(r"^backtrace:")
        check(row(lines, r"^#0 "), "the whole backtrace", s)
        check(row(lines, r"x86_64 nr 272 args 0x4000000"), "raw args", s)
        s.keys("Escape")
        s.wait(PENDING)
