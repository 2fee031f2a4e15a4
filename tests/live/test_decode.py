# SPDX-License-Identifier: Apache-2.0
"""Decoding end to end: tests/progs/golden_calls prints, before each
call, the exact text seccompdbg must show for it; run under
`seccompdbg run --batch deny`, every denial's decoded text (in the events
and in the report on stderr) must be that text, in that order, with
nothing else refused. x86_64 and the i386 build (judged by the rules when
the profile lists SCMP_ARCH_X86, by the bad-architecture action when it
does not), i386 calls through int $0x80, hostile strings, huge arguments
and the notes on Docker's default refusals."""
import json
import os
import shutil

from live import LiveTest, data, prog

EOPNOTSUPP = 95
X86_64 = ["SCMP_ARCH_X86_64"]
BOTH = ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"]
# What golden_calls makes and nothing else does after the loader: refused
# whole. openat and write, which the loader and libc make too, are
# refused only with O_NOCTTY (0400) and on fd 9.
REFUSED = [
    "add_key", "bind", "capget", "clone3", "connect", "execveat",
    "faccessat2", "fcntl", "ioctl", "keyctl", "kill", "mkdir", "mkdirat",
    "mount", "openat2", "personality", "pidfd_open", "prctl", "ptrace",
    "rt_sigprocmask", "setns", "setresuid", "socket", "socketcall",
    "umount2", "unshare",
]
RULE_OF = {"openat": "syscalls[1]", "write": "syscalls[2]"}
# A few numbers per ABI, to see that each call is named on its own ABI.
NUMBERS = {
    "x86_64": {"write": 1, "kill": 62, "openat": 257, "mkdirat": 258,
               "unshare": 272, "execveat": 322, "clone3": 435},
    "x86": {"write": 4, "kill": 37, "mkdir": 39, "socketcall": 102,
            "openat": 295, "mkdirat": 296, "unshare": 310,
            "execveat": 358, "clone3": 435},
}


def golden_profile(architectures):
    return {
        "defaultAction": "SCMP_ACT_ALLOW",
        "architectures": architectures,
        "syscalls": [
            {"names": REFUSED, "action": "SCMP_ACT_ERRNO",
             "errnoRet": EOPNOTSUPP},
            {"names": ["openat"], "action": "SCMP_ACT_ERRNO",
             "errnoRet": EOPNOTSUPP,
             "args": [{"index": 2, "value": 0o400, "valueTwo": 0o400,
                       "op": "SCMP_CMP_MASKED_EQ"}]},
            {"names": ["write"], "action": "SCMP_ACT_ERRNO",
             "errnoRet": EOPNOTSUPP,
             "args": [{"index": 0, "value": 9, "op": "SCMP_CMP_EQ"}]},
        ],
    }


def escape_c(raw):
    """RAW as strace (and seccompdbg) escape it: an oracle of our own."""
    named = {0x22: '\\"', 0x5c: "\\\\", 0x0a: "\\n", 0x09: "\\t",
             0x0d: "\\r", 0x0b: "\\v", 0x0c: "\\f", 0x08: "\\b",
             0x07: "\\a"}
    out = []
    for i, b in enumerate(raw):
        if b in named:
            out.append(named[b])
        elif b == 0:
            octal_next = i + 1 < len(raw) and 0x30 <= raw[i + 1] <= 0x37
            out.append("\\x00" if octal_next else "\\0")
        elif 0x20 <= b < 0x7f:
            out.append(chr(b))
        else:
            out.append("\\x%02x" % b)
    return "".join(out)


def text(b):
    return b.decode("ascii") if isinstance(b, bytes) else b


class GoldenTest(LiveTest):
    def golden(self, name, mode, architectures=BOTH, profile=None):
        """Run golden_calls MODE (NAME: its x86_64 or i386 build)."""
        p = profile or self.profile(golden_profile(architectures))
        return self.sdbg([prog(name)], mode, profile=p)

    def report_line(self, r, d):
        """The line of run's report on stderr for denial D."""
        head = "seccompdbg: #%d %s[%d] " % (d["id"], d["comm"], d["tid"])
        found = [l for l in text(r.err).splitlines() if l.startswith(head)]
        self.assertEqual(len(found), 1, "report of #%d" % d["id"])
        return found[0][len(head):]

    def golden_ok(self, name, mode, arch, count, architectures=BOTH,
                  errno=EOPNOTSUPP, rules=RULE_OF):
        """golden_calls MODE exits 0, and its COUNT lines are golden."""
        r = self.golden(name, mode, architectures)
        self.assertOk(r)
        self.assertGolden(r, arch, errno, rules)
        self.assertEqual(len(r.denials()), count)
        return r

    def assertGolden(self, r, arch, errno=EOPNOTSUPP, rules=RULE_OF):
        """Every denial is the next line the program printed, and the
        report says the same; each was denied as the profile says."""
        want = text(r.out).splitlines()
        denials = r.denials()
        self.assertGreater(len(want), 0, "the program printed nothing")
        self.assertEqual([d["decoded"] for d in denials], want)
        decisions = {e["id"]: e for e in r.of("decision")}
        for d, line in zip(denials, want):
            self.assertEqual(d["arch"], arch)
            nr = NUMBERS[arch].get(d["syscall"])
            if nr is not None:
                self.assertEqual(d["nr"], nr, d["syscall"])
            self.assertTrue(line.startswith(d["syscall"] + "("), line)
            if rules is not None:
                self.assertEqual(d["rule"]["path"],
                                 rules.get(d["syscall"], "syscalls[0]"))
            self.assertTrue(self.report_line(r, d).startswith(
                "%s: refused by %s " % (line, d["rule"]["path"])))
            self.assertEqual(decisions[d["id"]]["decision"], "deny")
            self.assertEqual(decisions[d["id"]]["errno"], errno)


class Golden(GoldenTest):
    def test_calls_x86_64(self):
        self.golden_ok("golden_calls", "calls", "x86_64", 32)

    def test_calls_i386(self):
        """The i386 build, the profile listing SCMP_ARCH_X86: the same
        calls named and numbered on i386, plus socketcall."""
        self.require_ia32()
        r = self.golden_ok("golden_calls-32", "calls", "x86", 33)
        self.assertIn("socketcall", [d["syscall"] for d in r.denials()])

    def test_page_edges(self):
        """Strings read from the program's memory up to an unmapped
        page: whole when they end before it, an address when not."""
        self.golden_ok("golden_calls", "edge", "x86_64", 4)

    def test_page_edges_i386(self):
        self.require_ia32()
        self.golden_ok("golden_calls-32", "edge", "x86", 4)

    def test_int80_judged_by_rules(self):
        """i386 calls of a 64-bit program, int $0x80, 32-bit pointers."""
        self.require_int80()
        self.golden_ok("golden_calls", "int80", "x86", 6)

    def test_int80_bad_arch(self):
        """Without SCMP_ARCH_X86 the same calls meet the bad-arch action:
        still named as i386 calls; each caller is killed."""
        self.require_int80()
        r = self.golden_ok("golden_calls", "int80", "x86", 6, X86_64,
                           errno=0, rules=None)
        for d in r.denials():
            self.assertEqual(d["rule"]["path"], "badArch")
            self.assertEqual(d["rule"]["id"], 0xffff)
            self.assertIn("SCMP_ARCH_X86", d["why"])
            self.assertIn("killed as the profile says",
                          self.report_line(r, d))

    def test_i386_program_bad_arch(self):
        """An i386 program under a profile without SCMP_ARCH_X86: the
        loader's first call is refused, named on i386, and kills it."""
        self.require_ia32()
        r = self.golden("golden_calls-32", "calls", X86_64)
        self.assertEqual(r.rc, 128 + 31, r.err)  # SIGSYS
        self.assertEqual(r.out, "")
        d, = r.denials()
        self.assertEqual((d["arch"], d["syscall"], d["nr"]),
                         ("x86", "brk", 45))
        self.assertEqual(d["decoded"], "brk(NULL)")
        self.assertEqual(d["rule"]["path"], "badArch")
        self.assertIsNone(d["hint"])  # every frame is the loader's
        self.assertIn("SCMP_ARCH_X86", d["why"])


def forbidden_in_events(raw):
    """Bytes a JSON Lines file of ours must not hold: control bytes
    other than the line ends, and DEL."""
    return sorted({b for b in raw if (b < 0x20 and b != 0x0a) or b == 0x7f})


def forbidden_on_terminal(raw):
    """Bytes run's stderr must not hold: all but printable ASCII and
    the line ends."""
    return sorted({b for b in raw if (b < 0x20 and b != 0x0a) or b >= 0x7f})


class Escapes(GoldenTest):
    # The program's own file name: escape sequences, every kind of
    # control byte, DEL, bytes that are not UTF-8 and UTF-8's C1 CSI.
    HOSTILE = b"g\x1b[2J\x1b]0;title\x07\r\n\x01\x7f\xff\xfe\xc2\x9bx"

    def test_escaped_everywhere(self):
        exe = os.path.join(self.tmp.encode(), self.HOSTILE)
        shutil.copy(prog("golden_calls"), exe)
        p = self.profile(golden_profile(BOTH))
        r = self.sdbg([exe], "escape", profile=p, binary=True)
        self.assertEqual(r.rc, 0, r.err.decode("ascii", "replace"))
        self.assertGolden(r, "x86_64")
        self.assertEqual(len(r.denials()), 4)
        with open(self.path("events-%s.jsonl" % r.marker), "rb") as f:
            raw = f.read()
        self.assertEqual(forbidden_in_events(raw), [])
        for line in raw.splitlines():
            json.loads(line)
        # nothing of C1 either, once parsed (U+009B is CSI)
        self.assertFalse(any(0x80 <= ord(c) <= 0x9f for c in
                             raw.decode("utf-8")))
        self.assertEqual(forbidden_on_terminal(r.err), [])
        # What the program controls, shown escaped: its name (comm, the
        # first 15 bytes), its path, and the frames of the backtrace,
        # which still name its functions (the maps spell the newline
        # "\012": the file is opened by its real name).
        shown = escape_c(self.HOSTILE)
        for d in r.denials():
            self.assertEqual(d["comm"], escape_c(self.HOSTILE[:15]))
            self.assertEqual(d["exe"], os.path.join(self.tmp, shown))
            self.assertRegex(d["hint"],
                             r"^golden_calls\.c:\d+ in (main|escape) ")
            self.assertIn(" (golden_calls.c:", d["backtrace"][1])
            self.assertTrue(d["backtrace"][1].endswith(" " + shown))
        self.assertIn(escape_c(self.HOSTILE[:15]).encode() + b"[", r.err)


    def test_launch_failure_escaped(self):
        """A command that cannot be executed is named escaped too."""
        exe = os.path.join(self.tmp.encode(), self.HOSTILE)
        with open(exe, "w") as f:
            f.write("not a program\n")
        os.chmod(exe, 0o755)
        r = self.sdbg([exe], profile=self.profile(golden_profile(BOTH)),
                      binary=True)
        self.assertEqual(r.rc, 126, r.err.decode("ascii", "replace"))
        self.assertEqual(forbidden_on_terminal(r.err), [])
        failure = r.of("exit")[0]["failure"]
        self.assertEqual(failure, escape_c(exe) + ": cannot execute: "
                         "Exec format error")
        self.assertIn(failure.encode(), r.err)


class Bounds(GoldenTest):
    def test_huge_arguments(self):
        """A 1 MiB path, a 1 MiB buffer, 1 MiB of arguments: each shown
        cut to its bound, the denial line of the events small."""
        self.huge("golden_calls", "x86_64")

    def test_huge_arguments_i386(self):
        self.require_ia32()
        self.huge("golden_calls-32", "x86")

    def huge(self, name, arch):
        r = self.golden_ok(name, "huge", arch, 4)
        with open(self.path("events-%s.jsonl" % r.marker), "rb") as f:
            for line in f:
                self.assertLess(len(line), 8192)
        for line in text(r.err).splitlines():
            self.assertLess(len(line), 4096)


class Why(GoldenTest):
    def test_docker_default_notes(self):
        """Docker's default refuses these; each denial says why."""
        self.docker_notes("golden_calls")

    def test_docker_default_notes_i386(self):
        self.require_ia32()
        self.docker_notes("golden_calls-32")

    def docker_notes(self, name):
        moby = data("profiles/moby-default.json")
        r = self.golden(name, "docker", profile=moby)
        self.assertOk(r)
        d = {x["syscall"]: x for x in r.denials()}
        self.assertEqual(list(d), ["clone3", "unshare", "socket",
                                   "mount", "personality", "keyctl"])
        self.assertEqual(d["clone3"]["rule"]["verdict"],
                         "SCMP_ACT_ERRNO(ENOSYS)")
        self.assertIn("ENOSYS on purpose", d["clone3"]["why"])
        self.assertIn("falls back to clone", d["clone3"]["why"])
        for call in ("unshare", "mount"):
            self.assertEqual(d[call]["rule"]["path"], "defaultAction")
            self.assertIn("CAP_SYS_ADMIN", d[call]["why"])
        self.assertIn("AF_VSOCK", d["socket"]["why"])
        self.assertIn("PER_LINUX", d["personality"]["why"])
        self.assertIn("keyring", d["keyctl"]["why"])
        errnos = [e["errno"] for e in r.of("decision")]
        self.assertEqual(errnos, [38, 1, 1, 1, 1, 1])
        # the decoded text is still exactly what the program called
        self.assertEqual([x["decoded"] for x in r.denials()],
                         r.lines())
