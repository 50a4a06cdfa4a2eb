#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""ptydrive: drive an interactive bash on a fresh pseudo-terminal, like a person would.

usage: ptydrive.py [--deadline SECONDS] STEP...
  send:TEXT     type TEXT (Python escapes: \\n newline, \\x1a Ctrl-Z, \\x03 Ctrl-C)
  expect:REGEX  wait until the terminal shows REGEX after what the last expect matched
The shell is `bash --norc --noprofile -i` with job control, prompt "PBT$ ".  Each expect
waits at most SECONDS (default 20).  On success the transcript goes to stdout and the
exit status is 0; a missed expect prints the transcript and what was awaited to stderr
and exits 1.  After the last step the shell is told to exit.
"""
import codecs
import fcntl
import os
import pty
import re
import select
import struct
import sys
import termios
import time


def main(argv):
    deadline = 20.0
    steps = argv[1:]
    if steps[:1] == ["--deadline"]:
        deadline = float(steps[1])
        steps = steps[2:]
    for s in steps:
        if not s.startswith(("send:", "expect:")):
            sys.exit(f"ptydrive: bad step {s!r}")

    env = dict(os.environ, PS1="PBT$ ", TERM="dumb", HISTFILE="/dev/null")
    env.pop("PROMPT_COMMAND", None)
    pid, master = pty.fork()
    if pid == 0:
        # wide enough that readline never scrolls the typed command line
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 400, 0, 0))
        os.execve("/bin/bash", ["bash", "--norc", "--noprofile", "-i"], env)

    buf = b""
    pos = 0

    def read_some(until):
        nonlocal buf
        left = until - time.monotonic()
        if left <= 0:
            return False
        r, _, _ = select.select([master], [], [], left)
        if r:
            try:
                data = os.read(master, 4096)
            except OSError:  # EIO: the shell has gone
                data = b""
            if not data:
                return False
            buf += data
        return True

    def fail(why):
        sys.stderr.write(f"ptydrive: {why}\n--- transcript ---\n")
        sys.stderr.write(buf.decode(errors="replace").replace("\r", ""))
        sys.stderr.write("\n--- end ---\n")
        sys.exit(1)

    def expect(regex):
        nonlocal pos
        rx = re.compile(regex.encode())
        until = time.monotonic() + deadline
        while True:
            m = rx.search(buf, pos)
            if m:
                pos = m.end()
                return
            if not read_some(until):
                fail(f"did not see /{regex}/ within {deadline:g}s")

    expect(r"PBT\$ ")
    for s in steps:
        kind, _, arg = s.partition(":")
        if kind == "send":
            os.write(master, codecs.decode(arg, "unicode_escape").encode())
        else:
            expect(arg)

    os.write(master, b"exit\n")
    until = time.monotonic() + deadline
    while read_some(until):
        pass
    if os.waitpid(pid, os.WNOHANG) == (0, 0):
        os.kill(pid, 9)  # e.g. a job still stopped: bash refuses the first exit
        os.waitpid(pid, 0)
    sys.stdout.write(buf.decode(errors="replace").replace("\r", ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
