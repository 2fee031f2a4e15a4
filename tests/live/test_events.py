# SPDX-License-Identifier: Apache-2.0
"""The events file field by field, escaping of what the program
controls (events and stderr), signals to seccompdbg, and the command
line's refusals."""
import os
import secrets
import signal
import subprocess
import re

from live import DENY_MKDIR, SDBG, LiveTest, current_mode, prog, wait_for

HEX = re.compile(r"^0x[0-9a-f]+$|^0$")


class Events(LiveTest):
    def test_fields(self):
        p = self.profile(DENY_MKDIR)
        r = self.sdbg([prog("live_procs")], "call", "fields", profile=p)
        self.assertOk(r)
        kinds = [e["event"] for e in r.events]
        self.assertEqual(kinds, ["start", "denial", "decision", "exit"])
        start, d, dec, end = r.events
        for e in r.events:
            self.assertIsInstance(e["time"], float)
        self.assertEqual(start["argv"], [prog("live_procs"), "call",
                                         "fields"])
        self.assertEqual(start["profile"], p)
        self.assertEqual(start["format"], "docker")
        self.assertEqual(start["mode"], current_mode())
        self.assertEqual(d["id"], 1)
        self.assertEqual(d["pid"], start["pid"])
        self.assertEqual(d["tid"], start["pid"])
        self.assertIsInstance(d["ppid"], int)
        self.assertEqual(d["comm"], "live_procs")
        self.assertEqual(d["exe"], prog("live_procs"))
        self.assertEqual(d["arch"], "x86_64")
        self.assertEqual(d["syscall"], "mkdirat")
        self.assertEqual(d["nr"], 258)
        self.assertEqual(len(d["args"]), 6)
        self.assertTrue(all(HEX.match(a) for a in d["args"]))
        self.assertEqual(d["args"][0], "0xffffff9c")  # AT_FDCWD
        self.assertTrue(HEX.match(d["ip"]) and HEX.match(d["sp"]))
        self.assertEqual(d["rule"], {
            "path": "syscalls[0]", "id": 1, "action": "SCMP_ACT_ERRNO",
            "verdict": "SCMP_ACT_ERRNO(EACCES)", "errno": 13,
            "comment": None})
        self.assertEqual(d["decoded"],
                         'mkdirat(AT_FDCWD, "/nonexistent-sdbg/fields", 000)')
        self.assertIn("live_procs.c:", d["hint"])
        self.assertIn("in call", d["hint"])
        self.assertTrue(d["backtrace"][0].startswith("#0 mkdirat"))
        self.assertIsNone(d["why"])
        if current_mode() == "notify":
            # memory read without ptrace, and the backtrace from the
            # stack alone: both said
            self.assertIs(d["racy"], True)
            self.assertIn("no ptrace", d["degraded"])
        else:
            self.assertIs(d["racy"], False)
            self.assertIsNone(d["degraded"])
            self.assertTrue(any("main" in f for f in d["backtrace"]))
        self.assertEqual(dec["id"], 1)
        self.assertEqual(dec["decision"], "deny")
        self.assertEqual(dec["errno"], 13)
        self.assertEqual(dec["remembered"], False)
        self.assertIsNone(dec["answered_by"])
        self.assertEqual(dec["all_identical"], True)
        self.assertEqual(dec["syscall"], "mkdirat")
        self.assertEqual(end["status"], 0)
        self.assertIsNone(end["signal"])
        self.assertEqual(end["denials"], 1)

    def test_why_note(self):
        p = self.profile({"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
            {"names": ["unshare", "clone"], "action": "SCMP_ACT_ERRNO"}]})
        r = self.sdbg([prog("live_calls")], "unshare", profile=p)
        self.assertOk(r)
        notes = [d["why"] for d in r.denials() if d["syscall"] == "unshare"]
        self.assertEqual(len(notes), 1)

    def test_escaped(self):
        p = self.profile(DENY_MKDIR)
        r = self.sdbg([prog("live_calls")], "escape", profile=p)
        self.assertOk(r)
        d = r.denials()[0]
        self.assertEqual(d["comm"], "\\x1b[31mevil\\a")
        self.assertIn('"/nonexistent-sdbg/\\x1b[2J\\x1b]0;title\\a\\n"',
                      d["decoded"])
        with open(self.path("events-%s.jsonl" % r.marker), "rb") as f:
            raw = f.read()
        self.assertNotIn(b"\x1b", raw)
        self.assertNotIn(b"\x07", raw)
        self.assertNotIn("\x1b", r.err)
        self.assertNotIn("\x07", r.err)
        self.assertIn("\\x1b[31mevil\\a", r.err)
        self.assertIn("\\x1b]0;title\\a\\n", r.err)


class Signals(LiveTest):
    def test_sigterm_kills_program(self):
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            out = self.path("sig.json")
            ev = self.path("sig-events.jsonl")
            # random: another checkout's suite may run at the same time
            marker = "sig%d-%s" % (sig, secrets.token_hex(6))
            self.markers.append(marker)
            env = self.env(marker)
            proc = subprocess.Popen(
                [SDBG, "run", "--batch", "allow", "-o", out, "--events",
                 ev, "--", "/bin/sh", "-c", "sleep 1000 & sleep 1000"],
                env=env, stderr=subprocess.PIPE, text=True,
                start_new_session=True)

            def both_sleeping():
                from live import leftovers
                return len(leftovers(marker)) >= 3

            self.assertTrue(wait_for(both_sleeping))
            proc.send_signal(sig)
            err = proc.communicate(timeout=60)[1]
            self.assertEqual(proc.returncode, 128 + sig, err)
            self.assertIn("stopped by signal %d" % sig, err)
            with open(out) as f:
                self.assertIn("defaultAction", f.read())
            self.assertEqual(
                [n for n in os.listdir(self.tmp) if n.startswith(".")], [])


class CommandLine(LiveTest):
    def run_sdbg(self, *args):
        return subprocess.run([SDBG] + list(args), capture_output=True,
                              text=True, stdin=subprocess.DEVNULL,
                              timeout=60)

    def test_no_terminal_needs_batch(self):
        r = self.run_sdbg("run", "--", "/bin/true")
        self.assertEqual(r.returncode, 125)
        self.assertIn("no terminal", r.stderr)

    def test_unknown_mode(self):
        r = self.run_sdbg("run", "--mode", "ptrace", "--batch", "deny",
                          "--", "/bin/true")
        self.assertEqual(r.returncode, 125)
        self.assertIn("'ptrace' is not one of the choices", r.stderr)

    def test_bad_batch_and_caps(self):
        r = self.run_sdbg("run", "--batch", "maybe", "--", "/bin/true")
        self.assertEqual(r.returncode, 125)
        r = self.run_sdbg("run", "--cap", "SYS_ADMN", "--batch", "deny",
                          "--", "/bin/true")
        self.assertEqual(r.returncode, 125)
        self.assertIn("unknown capability", r.stderr)

    def test_record_needs_output(self):
        r = self.run_sdbg("record", "--", "/bin/true")
        self.assertEqual(r.returncode, 125)
        self.assertIn("-o", r.stderr)

    def test_profile_errors(self):
        p = self.profile({"defaultAction": "SCMP_ACT_NOPE", "syscalls": []})
        r = self.run_sdbg("run", "-p", p, "--batch", "deny", "--",
                          "/bin/true")
        self.assertEqual(r.returncode, 125)
        self.assertIn("error: defaultAction", r.stderr)

    def test_cap_sys_admin(self):
        """With CAP_SYS_ADMIN Docker's default allows unshare."""
        from live import data
        r = self.sdbg([prog("live_calls")], "unshare",
                      profile=data("profiles/moby-default.json"),
                      extra=["--cap", "SYS_ADMIN"])
        self.assertOk(r)
        self.assertEqual(r.denials(), [])
        self.assertIn("unshare = 0 ", r.lines())
