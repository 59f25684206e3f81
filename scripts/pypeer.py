#!/usr/bin/env python3
"""pypeer: the CPython twin of "framebench peer", standard library only.

It speaks the two pickle framings of the seed document
(../shared/seeds/000_b9c7fa6d13712691.txt):

  -strategy lenprefix   the seed's fix: struct.Struct("!L") + pickle.dumps(obj, -1)
                        (send/recv/read_file below are the seed's, verbatim but for
                        the clean end of stream)
  -strategy stream      consecutive pickle.dump(obj, f, -1) / pickle.load(f), with
                        the reading end buffered (the seed's other fix)

and mirrors the Go peer's modes, with the same JSON lines on the other side
(integers exact, bytes as base64 strings, or {"$bytes": "<base64>"} objects
with -tag-bytes):

  recv   read messages from -in until EOF; write each as one JSON line on stdout
  send   read JSON lines from stdin; write each as one message on -out
  echo   read messages from -in and write each back on -out
  call   the near end of ping-pong: for each JSON line on stdin send a message on
         -out, read the reply from -in, write it as a JSON line on stdout

-in and -out are file descriptors, 0 and 1 by default. With -connect HOST:PORT
the program speaks on a TCP socket instead, as CPython opens it: Nagle's
algorithm on (no TCP_NODELAY). -sendall says how a message goes on the socket:

  -sendall each    every write of the framing is its own sock.sendall: the
                   seed's send() makes two, the "!L" header and the payload,
                   and the payload waits for the peer's delayed ACK (~40 ms)
  -sendall joined  a message's writes are joined into one sock.sendall

Bad input ends the program with one line on stderr naming the message index
and byte offset, and exit status 1.

  $ printf '%s\\n' '{"a": [1, 2.5]}' | python3 scripts/pypeer.py send | \\
        framebench peer recv -strategy lenprefix -codec pickle
  {"a":[1,2.5]}
"""

import argparse
import base64
import json
import os
import pickle
import socket
import sys
from struct import Struct

HEADER = Struct("!L")


def send(obj, file):
    """Send a pickled message over the given channel."""
    payload = pickle.dumps(obj, -1)
    file.write(HEADER.pack(len(payload)))
    file.write(payload)


def recv(file):
    """Receive a pickled message over the given channel."""
    header = read_file(file, HEADER.size)
    payload = read_file(file, *HEADER.unpack(header))
    return pickle.loads(payload)


def read_file(file, size):
    """Read a fixed size buffer from the file."""
    parts = []
    while size > 0:
        part = file.read(size)
        if not part:
            raise EOFError
        parts.append(part)
        size -= len(part)
    return b''.join(parts)


class CleanEOF(Exception):
    """The stream ended at a message boundary."""


class Counting:
    """A buffered binary reader that counts the bytes consumed, so that
    errors can name the byte offset of the message that failed."""

    def __init__(self, f):
        self.f, self.offset = f, 0

    def read(self, n=-1):
        b = self.f.read(n)
        self.offset += len(b)
        return b

    def readinto(self, buf):
        k = self.f.readinto(buf)
        self.offset += k or 0
        return k

    def readline(self, n=-1):
        b = self.f.readline(n)
        self.offset += len(b)
        return b

    def peek(self, n=1):
        return self.f.peek(n)


class SocketWriter:
    """The writing half of a socket as a file: each write is one sendall
    (joined False), or the writes of a message are joined and flush sends
    them with one sendall."""

    def __init__(self, sock, joined):
        self.sock, self.joined, self.buf = sock, joined, bytearray()

    def write(self, b):
        if self.joined:
            self.buf += b
        else:
            self.sock.sendall(b)
        return len(b)

    def flush(self):
        if self.buf:
            self.sock.sendall(self.buf)
            self.buf.clear()


def open_files(args):
    """The buffered reading file and the writing file of the program: the
    -in and -out descriptors, or a TCP socket to -connect."""
    if args.connect is None:
        return (os.fdopen(args.infd, "rb", closefd=False),  # buffered: peek, and the seed's fix
                os.fdopen(args.outfd, "wb", closefd=False), None)
    host, _, port = args.connect.rpartition(":")
    sock = socket.create_connection((host, int(port)))
    return sock.makefile("rb"), SocketWriter(sock, args.sendall == "joined"), sock


class Stream:
    """Messages on a byte stream."""

    def __init__(self, strategy, rfile, wfile):
        self.strategy, self.rfile, self.wfile = strategy, Counting(rfile), wfile

    def read(self):
        """Return the next message, or raise CleanEOF at a clean end."""
        if not self.rfile.peek(1):
            raise CleanEOF
        if self.strategy == "lenprefix":
            return recv(self.rfile)
        return pickle.load(self.rfile)

    def write(self, obj):
        if self.strategy == "lenprefix":
            send(obj, self.wfile)
        else:
            pickle.dump(obj, self.wfile, -1)
        self.wfile.flush()


def to_json(obj, tag_bytes):
    """The value model of the Go peer, as JSON-ready values."""
    if isinstance(obj, (bytes, bytearray)):
        s = base64.b64encode(obj).decode("ascii")
        return {"$bytes": s} if tag_bytes else s
    if isinstance(obj, (list, tuple)):
        return [to_json(e, tag_bytes) for e in obj]
    if isinstance(obj, dict):
        out = {}
        for k, v in obj.items():
            if not isinstance(k, str):
                raise TypeError("dict key %r, want str" % (k,))
            out[k] = to_json(v, tag_bytes)
        return out
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj
    raise TypeError("%s is outside the value model" % type(obj).__name__)


def from_json(line, tag_bytes):
    def hook(d):
        if tag_bytes and len(d) == 1 and isinstance(d.get("$bytes"), str):
            return base64.b64decode(d["$bytes"], validate=True)
        return d
    return json.loads(line, object_hook=hook)


def dump_json(obj, tag_bytes):
    return json.dumps(to_json(obj, tag_bytes), allow_nan=False)


def main(argv):
    ap = argparse.ArgumentParser(prog="pypeer", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["send", "recv", "echo", "call"])
    ap.add_argument("-strategy", default="lenprefix", choices=["lenprefix", "stream"])
    ap.add_argument("-codec", default="pickle", choices=["pickle"])
    ap.add_argument("-tag-bytes", action="store_true", dest="tag_bytes")
    ap.add_argument("-in", type=int, default=0, dest="infd")
    ap.add_argument("-out", type=int, default=1, dest="outfd")
    ap.add_argument("-connect", metavar="HOST:PORT")
    ap.add_argument("-sendall", default="each", choices=["each", "joined"])
    args = ap.parse_args(argv)

    try:
        rfile, wfile, sock = open_files(args)
    except (OSError, ValueError) as e:
        print("pypeer %s: -connect %s: %s" % (args.mode, args.connect, e), file=sys.stderr)
        return 1
    try:
        return run(args, Stream(args.strategy, rfile, wfile))
    finally:
        if sock is not None:
            sock.close()


def run(args, st):
    where = "pypeer %s: %s" % (args.mode, args.strategy)
    out = sys.stdout
    what = "message 0 at byte 0"
    try:
        if args.mode in ("send", "call"):
            for n, line in enumerate(sys.stdin):
                what = "json line %d" % n
                if not line.strip():
                    continue
                st.write(from_json(line, args.tag_bytes))
                if args.mode == "call":
                    what = "reply to json line %d at byte %d" % (n, st.rfile.offset)
                    out.write(dump_json(st.read(), args.tag_bytes) + "\n")
                    out.flush()
            return 0
        n = 0
        while True:
            what = "message %d at byte %d" % (n, st.rfile.offset)
            try:
                obj = st.read()
            except CleanEOF:
                return 0
            n += 1
            if args.mode == "recv":
                out.write(dump_json(obj, args.tag_bytes) + "\n")
                out.flush()
            else:
                st.write(obj)
    except CleanEOF:
        print("%s: %s: the stream ended before the reply" % (where, what), file=sys.stderr)
        return 1
    except Exception as e:  # one line, never a traceback
        msg = str(e) or "the stream ended inside a message"
        print("%s: %s: %s: %s" % (where, what, type(e).__name__, msg), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
