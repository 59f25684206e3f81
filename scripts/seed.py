#!/usr/bin/env python3
"""seed.py: the seed document's experiment in CPython, standard library only.

The seed (../shared/seeds/000_b9c7fa6d13712691.txt) sends one message,
'0' * N, from a thread over an os.pipe and reads it with pickle.load on an
unbuffered file: above the pipe's capacity this fails with "pickle data was
truncated", and the sending thread stays blocked on the full pipe. Its two
fixes: a buffered reading end, and pickle.dumps + a 4-byte "!L" length.

For every variant and size this prints one JSON line:

  {"variant": "unbuffered", "size": 65537, "outcome": "fail",
   "error": "UnpicklingError: pickle data was truncated",
   "after": "sender blocked on the full pipe; a second pickle.load: ...",
   "wire_bytes": 65555, "seconds": 0.01, "python": "3.11.7"}

Variants: unbuffered (the seed's program), buffered (fix 1), lenprefix
(fix 2: the seed's send/recv, from pypeer.py). Each trial runs in its own
interpreter with a timeout, and the sender is a daemon thread: the failure
the seed describes cannot hang this script ("timeout" is an outcome).

  $ python3 scripts/seed.py -sizes 65516,65537
"""

import argparse
import json
import os
import pickle
import platform
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pypeer  # noqa: E402  (the seed's send, recv and read_file)

VARIANTS = ["unbuffered", "buffered", "lenprefix"]
DEFAULT_SIZES = [65516, 65535, 65536, 65537, 1 << 20]


def describe(e):
    return "%s: %s" % (type(e).__name__, str(e) or "(no message)")


def call_with_timeout(fn, timeout):
    """Run fn in a daemon thread; return ("ok", value), ("error", exc) or
    ("hang", None) if it has not returned after timeout seconds."""
    box = []

    def run():
        try:
            box.append(("ok", fn()))
        except BaseException as e:  # noqa: B902 - report whatever it was
            box.append(("error", e))

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(timeout)
    return box[0] if box else ("hang", None)


def trial(variant, size, timeout):
    """One run of the seed's program; returns the result dict."""
    message = '0' * size
    recv_fd, send_fd = os.pipe()
    if variant == "unbuffered":
        read_end = os.fdopen(recv_fd, 'rb', 0)
    else:
        read_end = os.fdopen(recv_fd, 'rb')
    write_end = os.fdopen(send_fd, 'wb', 0)
    if variant == "lenprefix":
        target, args, load = pypeer.send, (message, write_end), lambda: pypeer.recv(read_end)
    else:
        target, args, load = pickle.dump, (message, write_end, -1), lambda: pickle.load(read_end)
    thread = threading.Thread(target=target, args=args, daemon=True)
    res = {"variant": variant, "size": size, "wire_bytes": len(pickle.dumps(message, -1)),
           "python": platform.python_version(), "error": "", "after": ""}
    if variant == "lenprefix":
        res["wire_bytes"] += pypeer.HEADER.size
    t0 = time.perf_counter()
    thread.start()
    kind, value = call_with_timeout(load, timeout)
    res["seconds"] = round(time.perf_counter() - t0, 6)
    if kind == "ok":
        res["outcome"] = "ok" if value == message else "wrong"
        if value != message:
            res["error"] = "a different message arrived (%d chars)" % len(value)
    elif kind == "hang":
        res["outcome"], res["error"] = "timeout", "no message after %gs" % timeout
    else:
        res["outcome"], res["error"] = "fail", describe(value)
    if kind != "ok":
        # What the seed warns about: the sender stays blocked on the full
        # pipe, and the stream cannot be resumed.
        thread.join(0.5)
        after = ["sender blocked on the full pipe" if thread.is_alive() else "sender finished"]
        if kind == "error":
            k2, v2 = call_with_timeout(load, 2)
            after.append("a second load: " + {"ok": "returned %s" % type(v2).__name__,
                                               "hang": "blocked",
                                               "error": describe(v2)}[k2])
        res["after"] = "; ".join(after)
    return res


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-sizes", default=",".join(map(str, DEFAULT_SIZES)),
                    help="message sizes in characters, comma-separated")
    ap.add_argument("-variants", default=",".join(VARIANTS))
    ap.add_argument("-timeout", type=float, default=10, help="seconds a trial may take")
    ap.add_argument("-trial", nargs=2, metavar=("VARIANT", "SIZE"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.trial:
        res = trial(args.trial[0], int(args.trial[1]), args.timeout)
        sys.stdout.write(json.dumps(res) + "\n")
        sys.stdout.flush()
        os._exit(0)  # do not wait for a sender stuck on the pipe
    for variant in args.variants.split(","):
        if variant not in VARIANTS:
            ap.error("unknown variant %r: %s" % (variant, ", ".join(VARIANTS)))
        for size in (int(s) for s in args.sizes.split(",")):
            cmd = [sys.executable, os.path.abspath(__file__), "-timeout", str(args.timeout),
                   "-trial", variant, str(size)]
            try:
                p = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout + 10)
                line = p.stdout.strip().splitlines()[-1] if p.stdout.strip() else ""
                res = json.loads(line) if line else {
                    "variant": variant, "size": size, "outcome": "crash",
                    "error": "exit status %d: %s" % (p.returncode, p.stderr.strip()[-200:]), "after": ""}
            except subprocess.TimeoutExpired:
                res = {"variant": variant, "size": size, "outcome": "timeout",
                       "error": "the trial did not end in %gs" % (args.timeout + 10), "after": ""}
            res.setdefault("python", platform.python_version())
            print(json.dumps(res), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
