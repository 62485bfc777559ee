"""Run pytest inside a network namespace with no way out, whose one DNS server says NXDOMAIN.

    unshare -m -n python tests/moderngov/offline.py [pytest args]

A lookup of any name then fails the way a name that does not exist fails, from a
real DNS answer, while not one packet can leave the machine: the namespace has only
loopback, and /etc/resolv.conf (bind-mounted in this mount namespace alone) names
the server this script runs on 127.0.0.1.
"""

from __future__ import annotations

import socket
import struct
import subprocess
import sys
import tempfile
import threading

NXDOMAIN_FLAGS = 0x8183  # a response, recursion desired and available, name does not exist


def nxdomain(query: bytes) -> bytes:
    """The answer to a DNS query: its id and question back, no answers, NXDOMAIN."""
    ident, _flags, questions = struct.unpack("!HHH", query[:6])
    return struct.pack("!HHHHHH", ident, NXDOMAIN_FLAGS, questions, 0, 0, 0) + query[12:]


def serve_dns(server: socket.socket) -> None:
    """Answer every query on the socket with NXDOMAIN (runs in a daemon thread)."""
    while True:
        query, client = server.recvfrom(512)
        if len(query) >= 12:
            server.sendto(nxdomain(query), client)


def main() -> int:
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    with tempfile.NamedTemporaryFile("w", suffix=".conf") as conf:
        conf.write("nameserver 127.0.0.1\noptions attempts:1 timeout:1\n")
        conf.flush()
        subprocess.run(["mount", "--bind", conf.name, "/etc/resolv.conf"], check=True)
        server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        server.bind(("127.0.0.1", 53))
        threading.Thread(target=serve_dns, args=(server,), daemon=True).start()
        return subprocess.run([sys.executable, "-m", "pytest", *sys.argv[1:]]).returncode


if __name__ == "__main__":
    sys.exit(main())
