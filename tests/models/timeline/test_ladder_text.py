"""The ladder as Mermaid / PlantUML text: every line is a statement the tool accepts, the
numbers are the ladder's relative ones, lost segments and state changes are marked."""

from __future__ import annotations

import html
import re
import shutil
import subprocess

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.models.simulation.scenarios import SCENARIOS, build
from simulator.models.timeline.ladder_text import LadderSyntax, escape, mermaid, plantuml
from simulator.models.timeline.steps import Fate

ENTITY_MERMAID = re.compile(r"#\d+;")
ENTITY_PLANTUML = re.compile(r"&#\d+;")
WHO = r"(client|server)"
MERMAID_STATEMENTS = (
    re.compile(rf"^    participant {WHO} as (?P<text>.+)$"),
    re.compile(rf"^    {WHO}(->>|-x){WHO}: (?P<text>.+)$"),
    re.compile(rf"^    Note over {WHO}(,{WHO})?: (?P<text>.+)$"),
)
PLANTUML_STATEMENTS = (
    re.compile(rf'^participant "(?P<text>[^"]+)" as {WHO}$'),
    re.compile(rf"^{WHO} (->|->x) {WHO} : (?P<text>.+)$"),
    re.compile(rf"^note over {WHO}(,{WHO})? : (?P<text>.+)$"),
    re.compile(r"^title (?P<text>.+)$"),
)


def mermaid_problems(text: str) -> list[str]:
    """Every line a recognised statement whose text has no raw character Mermaid reads as
    syntax (';' ends a statement, '#' starts an entity, '<' '>' are HTML, '%%' a comment)."""
    lines = text.splitlines()
    problems = [] if lines[:1] == ["sequenceDiagram"] else ["first line is not sequenceDiagram"]
    for number, line in enumerate(lines[1:], start=2):
        match = next((m for p in MERMAID_STATEMENTS if (m := p.match(line))), None)
        if match is None:
            problems.append(f"line {number} is no statement: {line!r}")
            continue
        bare = ENTITY_MERMAID.sub("", match["text"])
        if any(ch in bare for ch in "#;<>") or "%%" in bare:
            problems.append(f"line {number} has a raw special character: {line!r}")
        if line.lstrip().startswith("participant") and any(ch in bare for ch in ":,"):
            problems.append(f"line {number}: ':' or ',' in a participant alias: {line!r}")
    return problems


def plantuml_problems(text: str) -> list[str]:
    lines = text.splitlines()
    problems = []
    if lines[0] != "@startuml" or lines[-1] != "@enduml":
        problems.append("not enclosed in @startuml … @enduml")
    if text.count("@startuml") != 1 or text.count("@enduml") != 1:
        problems.append("more than one diagram")
    for number, line in enumerate(lines[1:-1], start=2):
        match = next((m for p in PLANTUML_STATEMENTS if (m := p.match(line))), None)
        if match is None:
            problems.append(f"line {number} is no statement: {line!r}")
            continue
        bare = ENTITY_PLANTUML.sub("", match["text"])
        if any(ch in bare for ch in "<>\\&") or re.search(r'([*/_\-~"])\1', bare):
            problems.append(f"line {number} has raw markup: {line!r}")
    return problems


def messages(text: str) -> list[str]:
    return [line.split(": ", 1)[1] for line in text.splitlines()
            if re.match(rf"^    {WHO}(->>|-x){WHO}:", line)]


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_every_scenario_exports_valid_mermaid_and_plantuml(name: str) -> None:
    timeline = build(name)
    assert mermaid_problems(mermaid(timeline)) == []
    assert plantuml_problems(plantuml(timeline)) == []


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_one_message_per_segment_and_lost_ones_crossed(name: str) -> None:
    timeline = build(name)
    text = mermaid(timeline)
    assert len(messages(text)) == len(timeline.segments)
    lost = sum(1 for s in timeline.segments if s.fate is Fate.LOST)
    assert text.count("-x") == lost
    assert plantuml(timeline).count(" ->x ") == lost


def test_handshake_opens_with_syn_synack_ack_numbered_from_zero() -> None:
    first = messages(mermaid(build("handshake-teardown")))[:3]
    assert first == ["[SYN] seq=0 len=0", "[SYN, ACK] seq=0 ack=1 len=0",
                     "[ACK] seq=1 ack=1 len=0"]


def test_absolute_numbers_on_request() -> None:
    timeline = build("handshake-teardown")
    first = messages(mermaid(timeline, relative=False))[0]
    assert first == f"[SYN] seq={timeline.isn['client']} len=0"


def test_participants_carry_their_addresses() -> None:
    text = plantuml(build("handshake-teardown"))
    assert 'participant "Client 192.0.2.10:49152" as client' in text
    assert 'participant "Server 198.51.100.80:80" as server' in text


def test_state_changes_are_notes_over_the_side_that_changed() -> None:
    text = mermaid(build("handshake-teardown"))
    notes = [line.strip() for line in text.splitlines() if "Note over" in line]
    assert "Note over client: SYN-SENT" in notes
    assert notes.index("Note over client: ESTABLISHED") < notes.index(
        "Note over server: ESTABLISHED")
    assert "Note over client: TIME-WAIT" in notes


def test_a_lost_segment_is_crossed_in_both_syntaxes() -> None:
    timeline = build("lost-syn")
    assert "    client-xserver: [SYN] seq=0 len=0 (LOST)" in mermaid(timeline)
    assert "client ->x server : [SYN] seq=0 len=0 (LOST)" in plantuml(timeline)


def test_http_steps_are_notes_with_the_start_line() -> None:
    text = mermaid(build("http10-per-request"))
    assert "    Note over client: Browser: GET / HTTP/1.0" in text
    assert "    Note over server: Server app: HTTP/1.1 200 OK" in text
    assert "Connection 1: 192.0.2.10:49153 to 198.51.100.80:80" in text


@given(st.text())
def test_escaped_mermaid_text_has_no_syntax_and_decodes_back(text: str) -> None:
    out = escape(text, LadderSyntax.MERMAID)
    bare = ENTITY_MERMAID.sub("", out)
    assert not any(ch in bare for ch in "#;<>%\n\r")
    decoded = ENTITY_MERMAID.sub(lambda m: chr(int(m.group()[1:-1])), out)
    assert decoded == re.sub(r"[\x00-\x1f\x7f]", " ", text).strip()


@given(st.text())
def test_escaped_plantuml_text_has_no_markup_and_decodes_back(text: str) -> None:
    out = escape(text, LadderSyntax.PLANTUML)
    bare = ENTITY_PLANTUML.sub("", out)
    assert not any(ch in bare for ch in "<>\\&\n\r")
    assert not re.search(r'([*/_\-~"])\1', bare)
    assert html.unescape(out) == re.sub(r"[\x00-\x1f\x7f]", " ", text).strip()


@pytest.mark.skipif(shutil.which("plantuml") is None, reason="plantuml is not installed")
@pytest.mark.parametrize("name", ["lost-syn", "http10-per-request", "flask-session"])
def test_plantuml_itself_accepts_the_diagram(name: str) -> None:
    done = subprocess.run(["plantuml", "-syntax"], input=plantuml(build(name)),
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.stdout.splitlines()[0] == "SEQUENCE", done.stdout
