#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""seeds.py - write the seed corpus of the fuzz targets (tests/fuzz/corpus/NAME/).

Run from anywhere: python3 tests/fuzz/seeds.py. The files are committed; this script says
how they were made. Each seed is one input in the layout its target's comment describes."""
import os
import socket
import struct

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")


def sin(port, addr="127.0.0.1", family=socket.AF_INET, extra=b""):
    return struct.pack("=H", family) + struct.pack("!H", port) + socket.inet_pton(socket.AF_INET, addr) + bytes(8) + extra


def sin6(port, addr="::1", scope=0, family=socket.AF_INET6, length=28):
    b = struct.pack("=H", family) + struct.pack("!H", port) + bytes(4) + socket.inet_pton(socket.AF_INET6, addr) + struct.pack("=I", scope)
    return b[:length] if length <= 28 else b + bytes(length - 28)


def unix(path):
    return struct.pack("=H", socket.AF_UNIX) + path


policies = {
    "bare": b"80", "list": b"80,443", "range": b"1-1023", "v4": b"127.0.0.1:80",
    "v6": b"[::1]:443/tcp", "udp": b"53/udp", "mapped": b"[::ffff:127.0.0.1]:80",
    "wild4": b"0.0.0.0:80", "wild6": b"[::]:80", "mixed": b"10-20/tcp,[2001:db8::1]:53/udp,192.0.2.1:1-65535",
    "bad-zero": b"0", "bad-range": b"20-10", "bad-proto": b"80/dccp", "sctp": b"80/sctp",
    "zone-name": b"[fe80::1%eth0]:80,[fe80::2%x0]:81", "zone-index": b"[ff02::1%2]:80/udp",
    "bad-zone": b"[::1%lo]:80", "bad-zone-dot": b"[fe80::1%..]:80",
    "query-zone": b"[fe80::1%lo0]:80\x00\x01\x00\x00\x50" + socket.inet_pton(socket.AF_INET6, "fe80::1") + b"\x03", "bad-v6": b"::1:80",
    "bad-empty": b"80,,443", "bad-long": b"0" * 200 + b"80", "bad-trailing": b"80,",
    "query-v4": b"127.0.0.1:80\x00\x00\x00\x00\x50\x7f\x00\x00\x01",
    "query-v6": b"[::1]:80/tcp\x00\x01\x00\x00\x50" + socket.inet_pton(socket.AF_INET6, "::1"),
}

# first byte: bit 0-1 family (AF_INET, AF_INET6, AF_UNIX, AF_UNSPEC), bit 2 shorter length
# from the second byte, bit 3 negative length
sockaddrs = {
    "in-80": b"\x00" + sin(80), "in-0": b"\x00" + sin(0), "in-any": b"\x00" + sin(443, "0.0.0.0"),
    "in-unspec-any": b"\x00" + sin(80, "0.0.0.0", socket.AF_UNSPEC),
    "in-unspec-lo": b"\x00" + sin(80, "127.0.0.1", socket.AF_UNSPEC),
    "in-short": b"\x00" + sin(80)[:15], "in-long": b"\x00" + sin(80, extra=bytes(112)),
    "in6-80": b"\x01" + sin6(80), "in6-rfc2133": b"\x01" + sin6(80, length=24),
    "in6-short": b"\x01" + sin6(80, length=23), "in6-mapped": b"\x01" + sin6(80, "::ffff:127.0.0.1"),
    "in6-scope": b"\x01" + sin6(80, "fe80::1", 1), "in6-on-in": b"\x00" + sin6(80),
    "in-on-in6": b"\x01" + sin(80), "unix-path": b"\x02" + unix(b"/run/x.sock\x00"),
    "unix-abstract": b"\x02" + unix(b"\x00abstract"), "unix-autobind": b"\x02" + unix(b""),
    "unix-binary": b"\x02" + unix(bytes(range(1, 120))), "netlink": b"\x03" + struct.pack("=HHII", 16, 0, 0, 0),
    "len-0": b"\x00", "len-1": b"\x00\x02", "len-cut": b"\x04\x05" + sin(80), "len-negative": b"\x08" + sin(80),
}

# family, protocol, budget, threshold (2 bytes), LIST, NUL, address
def dec(dom, proto, budget, threshold, plist, addr):
    return bytes([dom, proto, budget & 0xff]) + struct.pack("!H", threshold) + plist + b"\x00" + addr

decides = {
    "grant": dec(0, 0, 0xff, 1024, b"80", sin(80)),
    "deny-ports": dec(0, 0, 0xff, 1024, b"443", sin(80)),
    "deny-num": dec(0, 0, 0, 1024, b"80", sin(80)),
    "pass-high": dec(0, 0, 0xff, 1024, b"80", sin(8080)),
    "pass-zero": dec(0, 0, 0xff, 1024, b"", sin(0)),
    "no-p": dec(1, 1, 1, 1024, b"", sin6(53)),
    "threshold-0": dec(0, 0, 0xff, 0, b"", sin(1)),
    "threshold-max": dec(0, 0, 0xff, 65535, b"", sin(65535)),
    "mapped": dec(1, 0, 0xff, 1024, b"127.0.0.1:80/tcp", sin6(80, "::ffff:127.0.0.1")),
    "v6-addr": dec(1, 1, 2, 1024, b"[::1]:53/udp", sin6(53)),
    "wild-mismatch": dec(1, 0, 0xff, 1024, b"0.0.0.0:80", sin6(80, "::")),
    "bad-bytes": dec(1, 0, 0xff, 1024, b"80", sin(80)),
}

for name, seeds in (("policy", policies), ("sockaddr", sockaddrs), ("decide", decides)):
    d = os.path.join(here, name)
    os.makedirs(d, exist_ok=True)
    for k, v in seeds.items():
        with open(os.path.join(d, k), "wb") as f:
            f.write(v)
