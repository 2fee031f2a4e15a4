# SPDX-License-Identifier: Apache-2.0
"""Refused calls that signals come to while they wait for a decision
(tests/progs/interrupted.c). Each call must be one denial, answered once,
as the decision says (docs/modes.md, "Calls that go away"). TRACE and TRAP
stop the thread itself, which signals do not end; NOTIFY mode's filter
waits killably once a call is taken (WAIT_KILLABLE_RECV). Before that, the
kernel failed the wait at every signal and restarted the call as a new
notification, and an answer that met the restart's moment was dropped by
the kernel: a quarter of the runs on a loaded machine counted 201 or 202
answers for 200 calls."""
import os

from live import DENY_MKDIR, LiveTest, prog

CALLS = 200


class Interrupted(LiveTest):
    def test_storm_of_restarts(self):
        # Before: in NOTIFY mode some answers met a stale notification
        # and the denial turned "gone" (the tutorial's runc step saw it
        # under load), and restarted calls became denials of their own.
        r = self.sdbg([prog("interrupted"), "storm=%d" % CALLS],
                      profile=self.profile(DENY_MKDIR))
        self.assertOk(r)
        results = [ln for ln in r.lines() if ln.startswith(
            "interrupted: mkdir")]
        self.assertEqual(len(results), CALLS, r.out)
        for ln in results:
            self.assertTrue(ln.endswith("= -1 EACCES"), ln)
        # one denial, then the same decision remembered: one answer per
        # call, never a second for a restarted one, never "gone"
        self.assertEqual(len(r.denials()), 1, r.err[-2000:])
        decisions = r.of("decision")
        self.assertEqual(len(decisions), CALLS, r.err[-2000:])
        self.assertEqual({d["decision"] for d in decisions}, {"deny"},
                         [d for d in decisions if d["decision"] != "deny"])
        self.assertIn("mkdir                x86_64      %d  denied as the "
                      "profile would 1" % CALLS, r.err)
        self.assertFalse(os.path.exists(self.path("d0")))

    def test_storm_allowed_once_each(self):
        # allow (always) the first: the rest pass unasked, whatever the
        # signals; the program sees every mkdir succeed
        r = self.sdbg([prog("interrupted"), "storm=%d" % CALLS],
                      profile=self.profile(DENY_MKDIR), batch="allow")
        self.assertOk(r)
        results = [ln for ln in r.lines() if ln.startswith(
            "interrupted: mkdir")]
        self.assertEqual(len(results), CALLS, r.out)
        for ln in results:
            self.assertTrue(ln.endswith("= 0"), ln)
        self.assertEqual(len(r.denials()), 1, r.err[-2000:])
        decisions = r.of("decision")
        self.assertEqual({d["decision"] for d in decisions},
                         {"allow_always"}, r.err[-2000:])
        self.assertEqual(len(decisions), CALLS, r.err[-2000:])
