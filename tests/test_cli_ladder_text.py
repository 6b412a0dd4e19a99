"""--export-mermaid / --export-plantuml: the ladder as text, headless."""

from __future__ import annotations


def test_cli_writes_the_ladder_as_mermaid_and_plantuml(tmp_path, capsys) -> None:
    from simulator.cli import main

    target = tmp_path / "ladder.puml"
    assert main(["--scenario", "lost-syn", "--export-mermaid", "-",
                 "--export-plantuml", str(target)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("sequenceDiagram\n")
    assert "client-xserver: [SYN] seq=0 len=0 (LOST)" in out
    text = target.read_text(encoding="utf-8")
    assert text.startswith("@startuml\n") and text.endswith("@enduml\n")


def test_cli_ladder_export_to_an_unwritable_place_is_one_line(tmp_path, capsys) -> None:
    from simulator.cli import main

    assert main(["--export-mermaid", str(tmp_path / "no" / "such" / "dir.mmd")]) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "could not write" in err
