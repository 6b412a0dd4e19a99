"""``python -m tools.kernel_corpus [SCENARIO ...]``: run the scenarios with real Linux
sockets and write tests/data/kernel/<scenario>/ (see README.md). Linux, as root."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tools.kernel_corpus.network_run import QUIET, NetworkRun
from tools.kernel_corpus.scenario_actions import SCENARIOS, KernelScenario
from tools.kernel_corpus.topology import CLIENT_IF, CLIENT_NS, SERVER_NS, offload_report, sysctls
from tools.kernel_corpus.writer import write_truth

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "tests" / "data" / "kernel"
RECORDED_SYSCTLS = ("net.ipv4.tcp_sack", "net.ipv4.tcp_recovery", "net.ipv4.tcp_timestamps",
                    "net.ipv4.tcp_early_retrans", "net.ipv4.tcp_dsack", "net.ipv4.tcp_fack",
                    "net.ipv4.tcp_ecn", "net.ipv4.tcp_window_scaling",
                    "net.ipv4.tcp_syn_retries", "net.ipv4.tcp_syn_linear_timeouts",
                    "net.ipv4.tcp_synack_retries",
                    "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_congestion_control",
                    "net.ipv4.tcp_no_metrics_save", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem",
                    "net.ipv4.tcp_thin_linear_timeouts", "net.ipv4.tcp_frto")


def run_one(scenario: KernelScenario, out_root: Path, delay: float) -> dict[str, object]:
    out = out_root / scenario.name
    out.mkdir(parents=True, exist_ok=True)
    with NetworkRun(out, [r.__class__(**r.__dict__) for r in scenario.rules], delay,
                    scenario.sysctls) as run:
        settings = {"client": sysctls(CLIENT_NS, RECORDED_SYSCTLS),
                    "server": sysctls(SERVER_NS, RECORDED_SYSCTLS)}
        offloads = {"client": offload_report(CLIENT_NS, CLIENT_IF),
                    "server": offload_report(SERVER_NS, CLIENT_IF)}
        scenario.script(run)
        record = run.record()
    return write_truth(out, scenario, record, delay, settings, offloads, QUIET)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scenarios", nargs="*", help=f"default: all ({', '.join(SCENARIOS)})")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--delay", type=float, default=0.05, help="one-way delay, seconds")
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("run as root: it creates network namespaces and enables a tracepoint")
    for name in args.scenarios or list(SCENARIOS):
        truth = run_one(SCENARIOS[name], args.out, args.delay)
        states = truth["states"]
        assert isinstance(states, dict)
        print(f"{name}:")
        for side in ("client", "server"):
            print(f"  {side}: " + " → ".join(str(e["state"]) for e in states[side]))


if __name__ == "__main__":
    main()
