# SPDX-License-Identifier: Apache-2.0
"""Profiles under the supervisor: what allow always remembers, what the
accepted profile gains (plain names, conditional rules, architectures),
and that running again under it catches nothing."""
import json
import os
import subprocess

from live import DENY_MKDIR, SDBG, LiveTest, data, prog

MOBY = data("profiles/moby-default.json")
# Docker's default clone rule: no namespace flags (moby's mask).
CLONE_NS_MASK = 2114060288
CLONE_NEWUSER = 0x10000000


class Remembered(LiveTest):
    def test_allowed_always_not_reported_again(self):
        p = self.profile({"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
            {"names": ["getppid"], "action": "SCMP_ACT_ERRNO"}]})
        r = self.sdbg([prog("live_calls")], "loop", "1000", profile=p,
                      batch="allow")
        self.assertOk(r)
        self.assertIn("loop 1000 done, last ok", r.lines())
        d = r.denials()
        self.assertEqual(len(d), 1)
        self.assertEqual(d[0]["syscall"], "getppid")
        remembered = [e for e in r.of("decision") if e["remembered"]]
        self.assertEqual(len(remembered), 999)
        self.assertTrue(all(e["answered_by"] == d[0]["id"] and
                            e["decision"] == "allow_always" and
                            e["syscall"] == "getppid"
                            for e in remembered))
        self.assertEqual(r.of("exit")[0]["remembered"], 999)
        self.assertIn("getppid", r.err)

    def test_identical_denied_unasked(self):
        p = self.profile({"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
            {"names": ["getppid"], "action": "SCMP_ACT_ERRNO",
             "errnoRet": 1}]})
        r = self.sdbg([prog("live_calls")], "loop", "100", profile=p)
        self.assertOk(r)
        self.assertIn("loop 100 done, last failed", r.lines())
        self.assertEqual(len(r.denials()), 1)
        remembered = [e for e in r.of("decision") if e["remembered"]]
        self.assertEqual(len(remembered), 99)
        self.assertTrue(all(e["decision"] == "deny" and e["errno"] == 1
                            for e in remembered))


class Results(LiveTest):
    def same_as_native(self, name):
        native = self.native([prog(name)], "results")
        self.assertOk(native)
        out = self.path("out.json")
        r = self.sdbg([prog(name)], "results", batch="allow", output=out)
        self.assertOk(r)
        self.assertEqual(r.out, native.out)
        self.assertGreater(len(r.denials()), 5)
        again = self.sdbg([prog(name)], "results", profile=out)
        self.assertOk(again)
        self.assertEqual(again.out, native.out)
        self.assertEqual(again.denials(), [])

    def test_results_equal_native(self):
        self.same_as_native("live_calls")

    def test_results_equal_native_32bit(self):
        self.require_ia32()
        self.same_as_native("live_calls-32")

    def test_deny_keeps_input(self):
        p = self.profile(DENY_MKDIR)
        out = self.path("same.json")
        r = self.sdbg([prog("live_procs")], "call", "x", profile=p,
                      output=out)
        self.assertOk(r)
        self.assertIn("main: mkdirat(x) = -1 EACCES", r.lines())
        with open(p, "rb") as a, open(out, "rb") as b:
            self.assertEqual(a.read(), b.read())


class Docker(LiveTest):
    def test_unshare_under_docker_default(self):
        r = self.sdbg([prog("live_calls")], "unshare", profile=MOBY)
        self.assertOk(r)
        self.assertIn("clone = -1 EPERM", r.lines())
        self.assertIn("unshare = -1 EPERM", r.lines())
        by_name = {d["syscall"]: d for d in r.denials()}
        for name in ("clone", "unshare"):
            self.assertEqual(by_name[name]["rule"]["path"], "defaultAction")
            self.assertEqual(by_name[name]["rule"]["action"],
                             "SCMP_ACT_ERRNO")
            self.assertEqual(by_name[name]["rule"]["errno"], 1)
        self.assertIn("CLONE_NEWUSER", by_name["clone"]["decoded"])

        out = self.path("docker-out.json")
        r = self.sdbg([prog("live_calls")], "unshare", profile=MOBY,
                      batch="allow", output=out)
        self.assertOk(r)
        self.assertIn("clone = 0 ", r.lines())
        self.assertIn("unshare = 0 ", r.lines())
        with open(out) as f:
            prof = json.load(f)
        clone = [x for x in prof["syscalls"] if x["names"] == ["clone"] and
                 x.get("comment") == "accepted by seccompdbg"]
        self.assertEqual(len(clone), 1)
        self.assertEqual(clone[0]["action"], "SCMP_ACT_ALLOW")
        self.assertEqual(clone[0]["args"], [{
            "index": 0, "value": CLONE_NS_MASK,
            "valueTwo": CLONE_NEWUSER, "op": "SCMP_CMP_MASKED_EQ"}])
        self.assertIn("unshare", prof["syscalls"][0]["names"])
        # everything else of the input is there, unchanged
        with open(MOBY) as f:
            orig = json.load(f)
        self.assertEqual(len(prof["syscalls"]), len(orig["syscalls"]) + 1)
        self.assertEqual(prof["archMap"], orig["archMap"])

        r = self.sdbg([prog("live_calls")], "unshare", profile=out)
        self.assertOk(r)
        self.assertEqual(r.denials(), [])
        self.assertIn("clone = 0 ", r.lines())


class Arch(LiveTest):
    def test_bad_arch_32bit(self):
        self.require_ia32()
        p = self.profile({"defaultAction": "SCMP_ACT_ALLOW",
                          "architectures": ["SCMP_ARCH_X86_64"],
                          "syscalls": []})
        r = self.sdbg([prog("live_calls-32")], "results", profile=p)
        d = r.denials()
        self.assertGreater(len(d), 0)
        self.assertEqual(d[0]["arch"], "x86")
        self.assertEqual(d[0]["rule"]["path"], "badArch")
        self.assertEqual(d[0]["rule"]["id"], 0xffff)
        out = self.path("arch-out.json")
        r = self.sdbg([prog("live_calls-32")], "results", profile=p,
                      batch="allow", output=out)
        self.assertOk(r)
        with open(out) as f:
            self.assertEqual(json.load(f)["architectures"],
                             ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"])
        self.assertIn("architecture SCMP_ARCH_X86", r.err)
        r = self.sdbg([prog("live_calls-32")], "results", profile=out)
        self.assertOk(r)
        self.assertEqual(r.denials(), [])

    def test_x32_bad_arch_ends_as_the_kernel_ends_it(self):
        # An x32 call under a profile without SCMP_ARCH_X32 meets the bad
        # architecture action (KILL). Denied as the profile would, the
        # program must end the way the kernel ends it with the profile
        # alone (bpf_exec loads the filter a runtime would): SIGSYS, 159,
        # on a kernel with or without x32. The kill filter went in through
        # an x32 seccomp(), which such a kernel does not have: SIGKILL.
        p = self.profile({"defaultAction": "SCMP_ACT_ALLOW",
                          "architectures": ["SCMP_ARCH_X86_64"],
                          "syscalls": []})
        bpf = self.path("profile.bpf")
        subprocess.run([SDBG, "export", "--to", "bpf", "-o", bpf, p],
                       check=True, capture_output=True)
        native = self.native([prog("bpf_exec"), bpf, prog("live_calls"),
                              "x32"])
        self.assertEqual(native.rc, -31)  # killed by SIGSYS
        r = self.sdbg([prog("live_calls"), "x32"], profile=p)
        self.assertEqual(r.rc, 128 + 31, r.err)
        self.assertEqual(r.out, "")
        d, = r.denials()
        self.assertEqual(d["rule"]["path"], "badArch")
        self.assertEqual(d["nr"] & 0x40000000, 0x40000000)

    def test_int80_from_64bit(self):
        self.require_int80()
        self.require_ia32()  # its last check runs the i386 build
        p = self.profile({"defaultAction": "SCMP_ACT_ERRNO",
                          "architectures": ["SCMP_ARCH_X86_64"],
                          "syscalls": []})
        out = self.path("int80.json")
        r = self.sdbg([prog("live_calls")], "int80", profile=p,
                      batch="allow", output=out)
        self.assertOk(r)
        self.assertIn("int80 getppid ok", r.lines())
        d = [x for x in r.denials() if x["arch"] == "x86"]
        self.assertEqual(len(d), 1)
        self.assertEqual(d[0]["syscall"], "getppid")
        self.assertEqual(d[0]["rule"]["path"], "badArch")
        with open(out) as f:
            prof = json.load(f)
        self.assertIn("SCMP_ARCH_X86", prof["architectures"])
        self.assertIn("getppid", prof["syscalls"][0]["names"])
        r = self.sdbg([prog("live_calls")], "int80", profile=out)
        self.assertOk(r)
        self.assertEqual(r.denials(), [])
