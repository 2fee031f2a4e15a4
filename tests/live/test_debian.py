# SPDX-License-Identifier: Apache-2.0
"""Real programs from Debian: record a profile (`record`, i.e. run
--batch allow from the empty profile), then run again under it with
--batch deny: zero denials, the same output, and the profile loads with
no error (seccompdbg refuses a profile with errors)."""
import json
import os
import shutil

from live import LiveTest, data


class Debian(LiveTest):
    def record_then_deny(self, cmd, setup=None, check_out=True):
        """Record CMD in a fresh directory, run it again denied."""
        outs = []
        prof = self.path("recorded.json")
        for i, mode in enumerate(("record", "deny")):
            work = self.path("work%d" % i)
            os.mkdir(work)
            if setup:
                setup(work)
            if mode == "record":
                r = self.sdbg(cmd, command="record", output=prof,
                              cwd=work)
            else:
                r = self.sdbg(cmd, profile=prof, cwd=work)
            self.assertOk(r)
            outs.append(r)
        rec, again = outs
        self.assertGreater(len(rec.denials()), 10)
        self.assertIn("recorded", rec.err)
        self.assertEqual(again.denials(), [], "denied after recording")
        if check_out:
            self.assertEqual(again.out, rec.out)
        with open(prof) as f:
            text = f.read()
        p = json.loads(text)
        # Docker's own layout: what Python writes with tab indents is
        # byte for byte moby's default.json (checked here too), and the
        # recorded profile (plus a final newline).
        self.assertEqual(json.dumps(p, indent="\t", ensure_ascii=False)
                         + "\n", text)
        with open(data("profiles/moby-default.json")) as f:
            moby = f.read()
        self.assertEqual(json.dumps(json.loads(moby), indent="\t",
                                    ensure_ascii=False), moby)
        self.assertEqual(p["defaultAction"], "SCMP_ACT_ERRNO")
        self.assertEqual(len(p["syscalls"]), 1)
        names = p["syscalls"][0]["names"]
        self.assertEqual(names, sorted(names))
        return rec, again

    def test_python(self):
        rec, _ = self.record_then_deny(
            ["/usr/bin/python3", "-c",
             "import json, os, hashlib; "
             "print(json.dumps(sorted(os.listdir('.'))), "
             "hashlib.sha256(b'x').hexdigest()[:8])"])
        self.assertIn('[] 2d711642', rec.out)

    def test_tar(self):
        def setup(work):
            os.makedirs(os.path.join(work, "src", "sub"))
            for n in ("a", "sub/b"):
                with open(os.path.join(work, "src", n), "w") as f:
                    f.write(n * 100)

        rec, _ = self.record_then_deny(
            ["/bin/sh", "-c",
             "tar -czf t.tgz src && mkdir out && tar -xzf t.tgz -C out "
             "&& cat out/src/sub/b | wc -c"], setup=setup)
        self.assertEqual(rec.out.strip(), "500")

    def test_git(self):
        if not shutil.which("git"):
            self.skipTest("git is not installed")
        script = ("git init -q . && git config user.email t@e && "
                  "git config user.name t && echo hi > f && git add f && "
                  "git commit -qm one && git log --format=%s")
        rec, _ = self.record_then_deny(["/bin/sh", "-c", script])
        self.assertEqual(rec.out.strip(), "one")

    def test_shell_pipes(self):
        rec, _ = self.record_then_deny(
            ["/bin/sh", "-c",
             "seq 1 200 | sort -rn | head -3 | tr '\\n' ' '; echo"])
        self.assertEqual(rec.out.strip(), "200 199 198")
