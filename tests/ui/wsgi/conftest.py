"""What the WSGI view tests share: Flask 1.x's classic call chain for GET /, as a timeline."""

from __future__ import annotations

import pytest

from simulator.models.simulation.chain_timeline import chain_timeline
from simulator.models.timeline.steps import Timeline
from simulator.models.wsgi.flask_classic import classic_chain


@pytest.fixture(scope="module")
def classic() -> Timeline:
    return chain_timeline(classic_chain("/"))
