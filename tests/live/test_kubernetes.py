# SPDX-License-Identifier: Apache-2.0
"""A security-profiles-operator SeccompProfile (YAML) as the profile of
a real run: `record -p` learns a Debian program's calls on top of it and
saves YAML again, which PyYAML reads as the same object and a second run
under it refuses nothing."""
import yaml

from live import LiveTest

CRD = """\
# a hand-written SeccompProfile: comments are not kept on saving
apiVersion: security-profiles-operator.x-k8s.io/v1beta1
kind: SeccompProfile
metadata:
  name: ls-profile
  namespace: team-a
spec:
  defaultAction: SCMP_ACT_ERRNO
  architectures: [SCMP_ARCH_X86_64, SCMP_ARCH_X86, SCMP_ARCH_X32]
  syscalls:
  - names: [read, write, exit_group]
    action: SCMP_ACT_ALLOW
"""


class Kubernetes(LiveTest):
    def test_record_on_a_seccompprofile(self):
        base = self.path("sp.yaml")
        with open(base, "w") as f:
            f.write(CRD)
        out = self.path("learned.yaml")
        rec = self.sdbg(["/bin/ls", "/"], profile=base, output=out,
                        command="record")
        self.assertOk(rec)
        self.assertGreater(len(rec.denials()), 3)
        self.assertIn("recorded", rec.err)
        with open(out) as f:
            text = f.read()
        obj = yaml.safe_load(text)
        self.assertEqual(obj["kind"], "SeccompProfile")
        self.assertEqual(obj["metadata"], {"name": "ls-profile",
                                           "namespace": "team-a"})
        names = obj["spec"]["syscalls"][0]["names"]
        self.assertEqual(names[:3], ["read", "write", "exit_group"])
        self.assertIn("execve", names)
        self.assertNotIn("#", text)
        again = self.sdbg(["/bin/ls", "/"], profile=out)
        self.assertOk(again)
        self.assertEqual(again.denials(), [], "denied after recording")
        self.assertEqual(again.out, rec.out)
