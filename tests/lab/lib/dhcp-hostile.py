#!/usr/bin/env python3
# A server that answers every DHCPINFORM with malformed DHCPACKs only (the
# lab's "hostile" DHCP_INFORM): the client must log and ignore each one and
# stay connected as without an answer. Usage: dhcp-hostile.py SERVER_ADDR
import socket
import struct
import sys

server = socket.inet_aton(sys.argv[1])
COOKIE = b"\x63\x82\x53\x63"


def ack(xid, ciaddr, chaddr, options):
    head = struct.pack("!BBBBIHH4s4s4s4s16s64s128s", 2, 1, 6, 0, xid, 0, 0,
                       ciaddr, b"\0" * 4, server, b"\0" * 4, chaddr,
                       b"\0" * 64, b"\0" * 128)
    return head + COOKIE + bytes([53, 1, 5, 54, 4]) + server + options


def route(width, net, gw):
    return bytes([width]) + bytes(net[: (width + 7) // 8]) + bytes(gw)


GW = list(server)
good = route(24, [10, 99, 51, 0], GW)
VARIANTS = {
    # an option whose length runs past the end of the packet
    "truncated": lambda x, c, h: ack(x, c, h, bytes([121, 40]) + good),
    # 93 routes in three instances of option 121 (RFC 3396): more than
    # any office pushes, refused whole
    "overlong": lambda x, c, h: ack(x, c, h, b"".join(
        bytes([121, 248]) + b"".join(route(24, [10, 98, i, 0], GW) for i in range(j, j + 31))
        for j in (0, 31, 62)) + b"\xff"),
    # a prefix width of 33 beside a good route
    "bad-prefix": lambda x, c, h: ack(x, c, h, bytes([121, 8 + 10]) + good + bytes([33, 10, 99, 52, 0, 1]) + bytes(GW) + b"\xff"),
    # a domain that would write a line of its own into resolv.conf
    "bad-domain": lambda x, c, h: ack(x, c, h, bytes([249, 8]) + good + bytes([15, 30]) + b"office.lab\nnameserver 6.6.6.6" + b"\xff"),
}

s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
s.bind(("0.0.0.0", 67))
print("listening on UDP 67", flush=True)
while True:
    data, peer = s.recvfrom(2048)
    if len(data) < 240 or data[0] != 1 or data[236:240] != COOKIE:
        continue
    xid = struct.unpack("!I", data[4:8])[0]
    ciaddr = data[12:16]
    chaddr = data[28:44]  # echoed, as a server does
    for name, make in VARIANTS.items():
        s.sendto(make(xid, ciaddr, chaddr), (socket.inet_ntoa(ciaddr), 68))
        print(f"xid {xid:08x}: sent {name} to {socket.inet_ntoa(ciaddr)}:68", flush=True)
