# SPDX-License-Identifier: Apache-2.0
"""The tutorial's view step: `seccompdbg run` on a terminal (a pane of the
screen tests' private tmux server), waited on and driven the way a person
following the tutorial would: wait for the screen it shows, press the keys
it names."""

import re
import shlex

import harness
import tutorial

MOST_DENIALS = 200  # `each` gives up after this many, as a hang would


def _text(lines):
    return "\n".join(lines)


def selected(lines):
    """The list row under the selection mark, or None."""
    for line in lines[1:]:
        if line.startswith(">"):
            return line
    return None


def is_pending(row):
    return row is not None and row.rstrip().endswith("PENDING")


class View:
    def __init__(self, server, script):
        self.screen = harness.Screen(server, "bash " + shlex.quote(script))

    def wait_for(self, shown):
        """Until the screen matches SHOWN (a ```text block); its lines."""
        def matches(lines):
            """the screen the tutorial shows"""
            return tutorial.mismatch(shown, lines) is None

        try:
            return self.screen.wait(matches)
        except harness.Failure:
            bad = tutorial.mismatch(shown, self.screen.lines())
            raise harness.Failure("the shown line %r never appeared\n%s"
                                  % (bad, self.screen.show()))

    def keys(self, keys):
        self.screen.keys(*keys)

    def each(self, key, until):
        """KEY on every pending denial as it is selected, until the screen
        matches the regular expression UNTIL."""
        rx = re.compile(until, re.M)

        def done_or_pending(lines):
            """a pending denial, selected, or the end the tutorial names"""
            return rx.search(_text(lines)) or is_pending(selected(lines))

        for _ in range(MOST_DENIALS):
            lines = self.screen.wait(done_or_pending)
            if rx.search(_text(lines)):
                return
            before = selected(lines)
            self.screen.keys(key)

            def decided(lines):
                """the selected row changed by the key"""
                return selected(lines) != before

            self.screen.wait(decided)
        raise harness.Failure("more than %d denials before %r\n%s" % (
            MOST_DENIALS, until, self.screen.show()))

    def finish(self):
        """Wait for the command to end; what its terminal shows then."""
        status = self.screen.dead_status()
        lines = self.screen.lines()
        self.screen.close()
        if status != 0:
            raise harness.Failure("the command of the view exited with %d\n"
                                  "%s" % (status, _text(lines)))
        return lines

    def abandon(self):
        try:
            self.screen.close()
        except harness.Failure:
            pass
