"""The scenarios: the same user-level actions as the model's
``simulator/models/simulation/scenarios.py``, and what the relay drops.

Each script is handed a ``NetworkRun`` whose ``client``/``server``/``settle``/``finish``
mean what they mean in the model. After the model's ten come the issue's variants: a lost
SYN,ACK, a half-close whose request is lost, and a fast retransmit (the model's
fast-retransmit: a six-segment response whose first segment is lost; the receiver's
duplicate ACKs and the sender's fast retransmit, RFC 5681 §3.2).
``fast-retransmit-no-rack`` is the same run with ``net.ipv4.tcp_recovery=0`` in both
namespaces (no RACK: loss detected by the duplicate-ACK threshold alone).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tools.kernel_corpus.drop_rules import DropRule
from tools.kernel_corpus.network_run import NetworkRun

Script = Callable[[NetworkRun], None]


@dataclass(frozen=True)
class KernelScenario:
    name: str
    script: Script
    rules: tuple[DropRule, ...] = ()
    sysctls: tuple[tuple[str, str], ...] = ()
    # the model's run of the same actions: its scenario name and the ids it drops, if the
    # model has no scenario of this name (see compare.py)
    model: tuple[str, tuple[int, ...]] | None = None
    notes: tuple[str, ...] = field(default=())


def _handshake(run: NetworkRun) -> None:
    run.server.listen()
    run.client.connect()
    run.settle()


def _exchange(run: NetworkRun, response: str = "response") -> None:
    run.client.send("request")
    run.settle()
    run.server.send(response)
    run.settle()


def _teardown(run: NetworkRun) -> None:
    run.client.close()
    run.settle()
    run.server.close()
    run.finish()


def client_closes_first(run: NetworkRun) -> None:
    _handshake(run)
    _exchange(run)
    _teardown(run)


def server_closes_first(run: NetworkRun) -> None:
    _handshake(run)
    _exchange(run)
    run.server.close()
    run.settle()
    run.client.close()
    run.finish()


def simultaneous_open(run: NetworkRun) -> None:
    run.client.connect()
    run.server.connect()
    run.settle()
    run.client.send("request")
    run.settle()
    _teardown(run)


def simultaneous_close(run: NetworkRun) -> None:
    _handshake(run)
    _exchange(run)
    run.client.close()
    run.server.close()
    run.finish()


def big_response(run: NetworkRun, payload: str = "big-response") -> None:
    _handshake(run)
    run.client.send("request")
    run.settle()
    run.server.send(payload)
    run.settle()
    _teardown(run)


def refused(run: NetworkRun) -> None:
    run.client.connect()
    run.finish()


def abort(run: NetworkRun) -> None:
    _handshake(run)
    run.client.send("request")
    run.settle()
    run.client.abort()
    run.finish()


def half_close(run: NetworkRun) -> None:
    _handshake(run)
    run.client.send("request")
    run.client.close()
    run.settle()
    run.server.send("big-response")
    run.settle()
    run.server.close()
    run.finish()


def last_ack_lost(run: NetworkRun) -> None:
    _handshake(run)
    _exchange(run)
    run.client.close()
    run.settle()
    run.server.close()
    run.finish()


def fast_retransmit(run: NetworkRun) -> None:
    big_response(run, "long-response")


NO_RACK = (("net.ipv4.tcp_recovery", "0"),)

SCENARIOS: dict[str, KernelScenario] = {s.name: s for s in (
    KernelScenario("handshake-teardown", client_closes_first),
    KernelScenario("server-closes-first", server_closes_first),
    KernelScenario("simultaneous-open", simultaneous_open),
    KernelScenario("simultaneous-close", simultaneous_close),
    KernelScenario("lost-syn", client_closes_first, (DropRule("client", "syn", 2),)),
    KernelScenario("lost-data", big_response, (DropRule("server", "data"),)),
    KernelScenario("lost-last-ack", last_ack_lost, (DropRule("client", "ack-of-fin"),)),
    KernelScenario("connection-refused", refused),
    KernelScenario("abort", abort),
    KernelScenario("half-close", half_close),
    KernelScenario("lost-synack", client_closes_first, (DropRule("server", "syn-ack"),),
                   model=("handshake-teardown", (1,))),
    KernelScenario("half-close-lost-request", half_close, (DropRule("client", "data"),),
                   model=("half-close", (3,))),
    KernelScenario("fast-retransmit", fast_retransmit, (DropRule("server", "data"),)),
    KernelScenario("fast-retransmit-no-rack", fast_retransmit, (DropRule("server", "data"),),
                   sysctls=NO_RACK, model=("fast-retransmit", ())),
)}
