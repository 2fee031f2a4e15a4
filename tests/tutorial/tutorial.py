# SPDX-License-Identifier: Apache-2.0
"""Reading docs/tutorial.md for its test: the fenced blocks and the test
directives in document order, and the loose comparison of the output the
tutorial shows with the output a command really printed.

The conventions the tutorial follows (its introduction says so too):

- ```sh blocks are run, in order, each as one bash script with `set -e`.
  A command shown failing on purpose is written `CMD || echo "exit status $?"`.
  A block holding only `seccompdbg run` without `--batch` opens the view: it is
  run on a terminal (a tmux pane) and driven by the directives below.
- ```text blocks show output: of the last ```sh block, or, after the view,
  what the terminal shows once it has ended; after a `screen` directive, a
  screen of the view to wait for.
- ```shell blocks are never run: they need what this machine lacks (Docker,
  podman, a Kubernetes node). Their first line says so in a comment.
- ```yaml and ```json blocks are parsed.
- Directives are HTML comments on a line of their own, invisible on a
  rendered page:
    <!-- test: screen -->          the next ```text block is a screen
    <!-- test: keys K... -->       press these keys (tmux key names)
    <!-- test: each K until RE --> press K on each pending denial until the
                                   screen matches the regular expression RE
  Every key a directive presses must be named in `backticks` in the prose
  since the previous block, so the test presses what a reader is told to.

Shown output matches real output "in substance": every shown line matches
a real line of its own (in any order, see mismatch()), where `...` in a
shown line stands for any text, a line that is only `...` stands for lines
left out, blank lines are ignored,
runs of white space count as one space, and what changes from run to run is
compared by shape only: 0x addresses, times of day, and numbers of four
digits or more (process ids).
"""

import re


class Item:
    """A fenced block (kind = its info string) or a directive ("test:")."""

    def __init__(self, kind, text, line, prose=""):
        self.kind = kind
        self.text = text
        self.line = line
        self.prose = prose

    def lines(self):
        return self.text.split("\n")

    def title(self):
        first = next((ln for ln in self.lines() if ln.strip()), "")
        if len(first) > 60:
            first = first[:57] + "..."
        return "line %d: %s: %s" % (self.line, self.kind, first)


class Error(Exception):
    pass


BLOCK_KINDS = ("sh", "text", "shell", "yaml", "json")
DIRECTIVE = re.compile(r"^<!--\s*test:\s*(.*?)\s*-->\s*$")


def parse(path):
    """The items of the Markdown file at PATH, in order."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    items = []
    prose = []
    i = 0
    while i < len(lines):
        line = lines[i]
        m = DIRECTIVE.match(line)
        if m:
            items.append(Item("test", m.group(1), i + 1, "\n".join(prose)))
            i += 1
            continue
        if line.startswith("```"):
            kind = line[3:].strip()
            if kind not in BLOCK_KINDS:
                raise Error("%s:%d: a fenced block needs one of %s as its "
                            "info string, not %r" % (path, i + 1,
                                                     ", ".join(BLOCK_KINDS),
                                                     kind))
            start = i
            body = []
            i += 1
            while i < len(lines) and not lines[i].startswith("```"):
                body.append(lines[i])
                i += 1
            if i == len(lines):
                raise Error("%s:%d: the block never ends" % (path, start + 1))
            items.append(Item(kind, "\n".join(body), start + 1,
                              "\n".join(prose)))
            prose = []
            i += 1
            continue
        if "<!--" in line and "test:" in line:
            raise Error("%s:%d: a test directive must be a line of its own"
                        % (path, i + 1))
        prose.append(line)
        i += 1
    return items


def named_keys(prose):
    """The words a paragraph shows in `backticks`."""
    return set(re.findall(r"`([^`\n]+)`", prose))


# What changes from run to run, replaced by its shape in both texts.
_VARIABLE = (
    (re.compile(r"0x[0-9a-f]+"), "0x#"),
    (re.compile(r"\b\d\d:\d\d:\d\d\b"), "#:#:#"),
    # process ids of any width: "name[123]", "pid 45", "tid 6", "ppid 7"
    (re.compile(r"\[\d+\]"), "[#]"),
    (re.compile(r"\b((?:p?pid|tid) )\d+"), r"\1#"),
    # the view's rows: "  12 vfork   17036 sh    allowed always"
    (re.compile(r"^(\s*>?\s*\d+\s+\w+\s+)\d+(?=\s)"), r"\1#"),
    (re.compile(r"\d{4,}"), "#"),
    (re.compile(r"\s+"), " "),
)


def normalize(line):
    for regex, shape in _VARIABLE:
        line = regex.sub(shape, line)
    return line.strip()


def _pattern(shown):
    # the spaces around a `...` belong to it: "a ... b" matches "a b"
    parts = normalize(shown).split("...")
    return re.compile(".*".join(re.escape(p.strip()) for p in parts))


def shown_lines(text):
    """The lines of a shown block that must be matched."""
    return [ln for ln in text.split("\n")
            if ln.strip() and ln.strip() != "..."]


def mismatch(shown, actual):
    """None when SHOWN (text) matches ACTUAL (list of lines) in substance;
    else the first shown line that has no real line of its own.

    Order is not compared: a program's output and seccompdbg's messages
    reach the terminal through two descriptors, and which of two lines
    written at nearly the same time comes first is up to the scheduler.
    Lines without `...` take their match first, so a loose line cannot
    take the one line a precise line needs."""
    real = [normalize(ln) for ln in actual]
    used = [False] * len(real)
    lines = shown_lines(shown)
    for line in sorted(lines, key=lambda ln: "..." in ln):
        pat = _pattern(line)
        for i, text in enumerate(real):
            if not used[i] and pat.fullmatch(text):
                used[i] = True
                break
        else:
            return line
    return None


# (shown, real, whether they match): the comparison's own test, run first.
SELF_TEST = (
    ("exit status 127", ["exit status 127"], True),
    ("exit status 127", ["exit status 1"], False),
    ("0 denials", ["10 denials"], False),
    ("tar[16358] pipe2(0x7ffc4ef58290, 0)", ["tar[301577] pipe2(0x1f, 0)"],
     True),
    ("#1 PENDING  10:48:40  pid 16285", ["#1 PENDING 23:01:59 pid 7574"],
     True),
    ("#1 PENDING", ["#2 PENDING"], False),
    ("sandbox-demo[6401] pread64(3, 0x7ffc4ef58290, 784, 64)",
     ["sandbox-demo[900] pread64(3, 0x7ffd00000000, 784, 64)"], True),
    ("pid 16285 tid 16285 ppid 16284", ["pid 90 tid 91 ppid 1"], True),
    (">  3 geteuid   3138 sandbox-demo    PENDING",
     ["> 3 geteuid 901 sandbox-demo PENDING"], True),
    ("   3 geteuid   3138 sandbox-demo    PENDING",
     ["   4 geteuid 901 sandbox-demo PENDING"], False),
    ("  x86_64   24 allowed", ["x86_64 24 allowed"], True),
    ("... vfork ... sh ... allowed always",
     ["  12 vfork   17036 sh    allowed always"], True),
    ("... vfork ... sh ... allowed always",
     ["  12 vfork   17036 sh    allowed once"], False),
    ("a\n...\n\nb", ["b", "x", "a"], True),
    ("a\na", ["a"], False),
    ("a\n... a ...", ["a", "xay"], True),
    ("", [], True),
)


def self_test():
    """Raise Error when the comparison is wrong on any SELF_TEST case."""
    for shown, real, want in SELF_TEST:
        if (mismatch(shown, real) is None) != want:
            raise Error("the comparison %s %r with %r" % (
                "fails to match" if want else "matches", shown, real))
    return len(SELF_TEST)
