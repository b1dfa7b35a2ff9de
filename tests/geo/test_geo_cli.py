"""The `sitrep gazetteer` sub-app."""

from __future__ import annotations

from typer.testing import CliRunner

from sitrep.geo.cli import app

runner = CliRunner()


def test_help_texts() -> None:
    for args in (["--help"], ["build", "--help"], ["import", "--help"], ["lookup", "--help"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, args
        assert "Usage" in result.output


def test_lookup(gazetteer) -> None:
    result = runner.invoke(app, ["lookup", "Idlib", "--country", "SY"])
    assert result.exit_code == 0
    assert "Idleb" in result.output
    assert runner.invoke(app, ["lookup", "Qwxzvbnm"]).exit_code == 1


def test_build_when_current(gazetteer) -> None:
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 0
    assert "gazetteer" in result.output
