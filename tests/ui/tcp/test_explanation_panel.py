"""The explanation panel: what it shows for a step."""

from __future__ import annotations

from simulator.models.simulation.chain_timeline import chain_timeline
from simulator.models.simulation.scenarios import build
from simulator.models.wsgi.flask_classic import classic_chain
from simulator.ui.tcp.explanation_panel import step_html


def test_the_explanation_shows_the_control_blocks_only_where_tcp_has_numbers(qapp) -> None:
    """A call chain traced with no TCP under it gets no table of dashes; a TCP step does."""
    chain = chain_timeline(classic_chain("/"))
    assert "SND.UNA" not in step_html(chain, chain[len(chain) // 2])
    tcp = build("handshake-teardown")
    assert "SND.UNA" in step_html(tcp, tcp[0]) and "SND.UNA" in step_html(tcp, tcp[5])
