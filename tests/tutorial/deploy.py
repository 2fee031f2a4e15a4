# SPDX-License-Identifier: Apache-2.0
"""What the tutorial's test can check of the deployment snippets without
Docker, podman or Kubernetes: the blocks that are not run say so; the YAML
and JSON parse; each profile a `docker` or `podman` line names loads with
seccompdbg's loader with no error in the format that runtime reads; the file
put under /var/lib/kubelet/seccomp/ loads too, uses only the keys of the OCI
runtime spec's LinuxSeccomp (containerd reads it as that), and is the one
the pod's localhostProfile names."""

import json
import re

import yaml

KUBELET_DIR = "/var/lib/kubelet/seccomp/"
FORMATS = {"docker": "docker", "podman": "containers"}

# The OCI runtime spec's LinuxSeccomp, its rules and their arguments.
OCI_KEYS = {"defaultAction", "defaultErrnoRet", "architectures", "flags",
            "listenerPath", "listenerMetadata", "syscalls"}
OCI_RULE_KEYS = {"names", "action", "errnoRet", "args"}
OCI_ARG_KEYS = {"index", "value", "valueTwo", "op"}


def _loads(sh, path, fmt):
    """PATH loads as FMT with no error (in the tutorial's directory)."""
    rc, lines = sh("seccompdbg check --format %s %s" % (fmt, path))
    errors = [ln for ln in lines if ln.startswith("error")]
    assert rc == 0 and not errors, "%s does not load as %s:\n%s" % (
        path, fmt, "\n".join(lines))


def _oci_only(sh, path):
    rc, lines = sh("cat %s" % path)
    assert rc == 0, "cannot read %s" % path
    prof = json.loads("\n".join(lines))
    extra = set(prof) - OCI_KEYS
    for rule in prof.get("syscalls", []):
        extra |= set(rule) - OCI_RULE_KEYS
        for arg in rule.get("args", []):
            extra |= set(arg) - OCI_ARG_KEYS
    assert not extra, "%s has keys containerd would drop: %s" % (
        path, ", ".join(sorted(extra)))


def _pods(items):
    for item in items:
        if item.kind != "yaml":
            continue
        for doc in yaml.safe_load_all(item.text):
            if isinstance(doc, dict) and doc.get("kind") == "Pod":
                yield item, doc


def _localhost_profiles(pod):
    spec = pod.get("spec", {})
    contexts = [spec.get("securityContext") or {}]
    contexts += [c.get("securityContext") or {}
                 for c in spec.get("containers", [])]
    for ctx in contexts:
        prof = ctx.get("seccompProfile")
        if prof:
            assert prof.get("type") == "Localhost", \
                "the pod's seccompProfile is not of type Localhost"
            yield prof.get("localhostProfile")


def check_deployment(items, sh):
    """Every check above, through SH (runs a line in the tutorial's
    directory: exit status and output lines); the number of checks."""
    n = 0
    installed = set()
    for item in items:
        if item.kind == "json":
            json.loads(item.text)
            n += 1
        elif item.kind == "yaml":
            list(yaml.safe_load_all(item.text))
            n += 1
        if item.kind != "shell":
            continue
        first = next(ln for ln in item.lines() if ln.strip())
        assert first.startswith("#") and "not run" in first, \
            "line %d: a block that is not run says so first" % item.line
        for line in item.lines():
            words = line.split()
            for m in re.finditer(r"seccomp=(\S+)", line):
                if words and words[0] in FORMATS:
                    _loads(sh, m.group(1), FORMATS[words[0]])
                    n += 1
            m = re.search(r"(\S+)\s+" + re.escape(KUBELET_DIR) + r"(\S+)",
                          line)
            if m:
                _loads(sh, m.group(1), "docker")
                _oci_only(sh, m.group(1))
                installed.add(m.group(2))
                n += 2
    pods = list(_pods(items))
    assert pods and installed, "no pod and profile for Kubernetes"
    for item, pod in pods:
        for name in _localhost_profiles(pod):
            assert name in installed, "line %d: localhostProfile %r is not " \
                "a file the tutorial puts under %s" % (item.line, name,
                                                      KUBELET_DIR)
            n += 1
    return n
