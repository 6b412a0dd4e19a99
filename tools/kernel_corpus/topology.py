"""Three network namespaces joined by two veth pairs: client — relay — server.

The endpoints get addresses only inside their own namespaces (CLIENT_IP, SERVER_IP in one
/24); the relay's namespace has no address at all, and the relay process forwards frames
between its two veths in user space (``relay.py``). Nothing here touches the host's own
interfaces: every link is created inside a namespace made here, and deleting the namespaces
removes them. Segmentation offloads (TSO, GSO, GRO, ...) are turned off on every veth so the
captures show the segments the stack really sends (an MSS-sized segment each).
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass

PREFIX = "pskc"
CLIENT_NS, RELAY_NS, SERVER_NS = f"{PREFIX}-client", f"{PREFIX}-relay", f"{PREFIX}-server"
CLIENT_IP, SERVER_IP = "10.203.0.1", "10.203.0.2"
PREFIX_LEN = 24
CLIENT_IF, SERVER_IF = "eth0", "eth0"  # each endpoint's only interface
RELAY_CLIENT_IF, RELAY_SERVER_IF = "toclient", "toserver"
# "tx": checksums computed by the stack: the relay resends frames through AF_PACKET, which
# would carry a partial (offloaded) checksum to the other end unfinished.
OFFLOADS = ("tx", "tso", "gso", "gro", "lro", "tx-gso-partial", "rx-gro-list",
            "rx-udp-gro-forwarding")

#: Per-namespace sysctls set in both endpoints' namespaces before a run (the rest are the
#: kernel's defaults, recorded in each truth file).
ENDPOINT_SYSCTLS = {
    "net.ipv6.conf.all.disable_ipv6": "1",  # no router solicitations or MLD in the captures
    "net.ipv6.conf.default.disable_ipv6": "1",
    # No TCP timestamps option: segments carry the whole MSS (1460 bytes on a 1500-byte MTU),
    # as the model's do, instead of 1448 (RFC 7323's 12 option bytes taken from each).
    "net.ipv4.tcp_timestamps": "0",
}


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, check=check, capture_output=True, text=True)


def in_ns(ns: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return run("ip", "netns", "exec", ns, *args, check=check)


@dataclass(frozen=True)
class Topology:
    """The three namespaces of one run; ``create`` builds them, ``destroy`` removes them."""

    extra_sysctls: tuple[tuple[str, str], ...] = ()

    def create(self) -> None:
        self.destroy()
        for ns in (CLIENT_NS, RELAY_NS, SERVER_NS):
            run("ip", "netns", "add", ns)
            in_ns(ns, "ip", "link", "set", "lo", "up")
        # Each veth pair is created inside the relay's namespace, then one end is moved.
        for relay_end, ns, ip in ((RELAY_CLIENT_IF, CLIENT_NS, CLIENT_IP),
                                  (RELAY_SERVER_IF, SERVER_NS, SERVER_IP)):
            in_ns(RELAY_NS, "ip", "link", "add", relay_end, "type", "veth", "peer", "name",
                  "peer0")
            in_ns(RELAY_NS, "ip", "link", "set", "peer0", "netns", ns)
            in_ns(ns, "ip", "link", "set", "peer0", "name", CLIENT_IF)
            for sysctl, value in ENDPOINT_SYSCTLS.items():
                in_ns(ns, "sysctl", "-q", "-w", f"{sysctl}={value}")
            for sysctl, value in self.extra_sysctls:
                in_ns(ns, "sysctl", "-q", "-w", f"{sysctl}={value}")
            in_ns(ns, "ip", "addr", "add", f"{ip}/{PREFIX_LEN}", "dev", CLIENT_IF)
            _offloads_off(ns, CLIENT_IF)
            in_ns(ns, "ip", "link", "set", CLIENT_IF, "up")
            in_ns(RELAY_NS, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1")
            _offloads_off(RELAY_NS, relay_end)
            in_ns(RELAY_NS, "ip", "link", "set", relay_end, "promisc", "on", "up")
        # Static neighbour entries: no ARP exchange delays the first segment by a round trip
        # (the model has no link layer).
        for ns, peer_ns, peer_ip in ((CLIENT_NS, SERVER_NS, SERVER_IP),
                                     (SERVER_NS, CLIENT_NS, CLIENT_IP)):
            in_ns(ns, "ip", "neigh", "replace", peer_ip, "lladdr", _mac(peer_ns, CLIENT_IF),
                  "dev", CLIENT_IF, "nud", "permanent")

    @staticmethod
    def destroy() -> None:
        for ns in (CLIENT_NS, RELAY_NS, SERVER_NS):
            run("ip", "netns", "del", ns, check=False)


def _mac(ns: str, dev: str) -> str:
    return str(json.loads(in_ns(ns, "ip", "-j", "link", "show", dev).stdout)[0]["address"])


def _offloads_off(ns: str, dev: str) -> None:
    # ethtool -K refuses the whole list if one feature is unknown; set them one by one.
    for feature in OFFLOADS:
        in_ns(ns, "ethtool", "-K", dev, feature, "off", check=False)
    shown = in_ns(ns, "ethtool", "-k", dev).stdout
    for line in shown.splitlines():
        name, _, value = line.strip().partition(": ")
        if name in ("tcp-segmentation-offload", "generic-segmentation-offload",
                    "generic-receive-offload") and not value.startswith("off"):
            raise RuntimeError(f"{ns}/{dev}: {name} is still {value}")


def offload_report(ns: str, dev: str) -> dict[str, str]:
    """The offload settings that shape segments, as ethtool shows them."""
    out: dict[str, str] = {}
    for line in in_ns(ns, "ethtool", "-k", dev).stdout.splitlines():
        name, _, value = line.strip().partition(": ")
        if name in ("tcp-segmentation-offload", "generic-segmentation-offload",
                    "generic-receive-offload", "large-receive-offload"):
            out[name] = value.split()[0]
    return out


def sysctls(ns: str, names: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in names:
        result = in_ns(ns, "sysctl", "-n", name, check=False)
        out[name] = result.stdout.strip() if result.returncode == 0 else "(absent)"
    return out
