"""Helpers shared by the compat flow drivers: JSON-RPC to the node, yuma's own CLI, btcli
under a pseudo-terminal, and small assertions. Standard library only, so every venv's python
can import it."""

import json
import os
import re
import subprocess
import sys
import urllib.request

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r")


class FlowError(Exception):
    """A flow's check failed."""


def check(cond, msg):
    if not cond:
        raise FlowError(msg)


def env(name):
    v = os.environ.get(name)
    if not v:
        raise FlowError(f"environment variable {name} is not set")
    return v


def rpc(method, params=None):
    """One JSON-RPC call over HTTP to the node (COMPAT_HTTP)."""
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params or []})
    req = urllib.request.Request(
        env("COMPAT_HTTP"), body.encode(), {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=30) as r:
        out = json.load(r)
    if "error" in out:
        raise FlowError(f"{method}: {out['error']}")
    return out["result"]


def yuma(*args, timeout=60):
    """`yuma ARGS --url … --json`, parsed."""
    cmd = [env("YUMA"), *args, "--url", env("COMPAT_HTTP"), "--json", "--no-prompt"]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if p.returncode != 0:
        raise FlowError(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr.strip()}")
    return json.loads(p.stdout)


def wallet_args(hotkey=True):
    a = ["--wallet-path", env("COMPAT_WALLETS"), "--wallet-name", "alice"]
    if hotkey:
        a += ["--hotkey", "default"]
    return a


def btcli(*args, timeout=120, expect_ok=True):
    """Runs btcli ARGS under a pseudo-terminal (without one it prints nothing); returns the
    output with terminal escapes removed."""
    cmd = [env("BTCLI"), *args, "--network", env("COMPAT_WS")]
    line = " ".join(_quote(a) for a in cmd)
    e = dict(os.environ)
    e.update({"COLUMNS": "250", "LINES": "200", "TERM": "dumb"})
    try:
        p = subprocess.run(
            ["script", "-qec", line, "/dev/null"],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=e,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as t:
        out = ANSI.sub("", (t.stdout or b"").decode(errors="replace") if isinstance(t.stdout, bytes) else (t.stdout or ""))
        raise FlowError(f"btcli {' '.join(args)} timed out after {timeout}s; output:\n{out[-3000:]}")
    out = ANSI.sub("", p.stdout)
    if expect_ok and p.returncode != 0:
        raise FlowError(f"btcli {' '.join(args)} exited {p.returncode}; output:\n{out[-3000:]}")
    return out


def btcli_json(*args, timeout=120):
    """btcli with --json-output: the JSON document it prints."""
    out = btcli(*args, "--json-output", timeout=timeout)
    return last_json(out, f"btcli {' '.join(args)}")


def last_json(out, what):
    """The first complete JSON value in `out` (btcli may print other lines around it)."""
    dec = json.JSONDecoder()
    for i, ch in enumerate(out):
        if ch in "{[":
            try:
                v, _ = dec.raw_decode(out[i:])
                return v
            except json.JSONDecodeError:
                continue
    raise FlowError(f"{what}: no JSON in output:\n{out[-3000:]}")


def _quote(a):
    a = str(a)
    if re.fullmatch(r"[A-Za-z0-9_./:=@,+-]+", a):
        return a
    return "'" + a.replace("'", "'\"'\"'") + "'"


def run(flows):
    """Runs the flow named by argv[1] from `flows` (name → function); prints its result."""
    name = sys.argv[1]
    try:
        result = flows[name]()
    except FlowError as e:
        print(f"FAIL {name}: {e}", file=sys.stderr)
        sys.exit(1)
    print(json.dumps({"flow": name, "ok": True, "result": result}, default=str))
