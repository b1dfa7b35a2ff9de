"""Importing a (tiny, hand-written) GeoNames dump: rows added once, places found afterwards."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from sitrep.errors import GazetteerImportError
from sitrep.geo import Gazetteer, import_geonames_dump

# geonameid, name, asciiname, alternatenames, lat, lon, class, code, cc, cc2, admin1, admin2, admin3,
# admin4, population, elevation, dem, timezone, modification date -- invented places.
ROWS = [
    ["990000001", "Zqarbuniyeh", "Zqarbuniyeh", "Zaqarbuniya,Zqarbouniyeh", "35.8101", "36.7102", "P", "PPL",
     "SY", "", "12", "", "", "", "0", "", "350", "Asia/Damascus", "2024-01-01"],
    ["990000002", "Tall Qunfudh", "Tall Qunfudh", "Tell Qunfud", "36.4001", "37.3003", "P", "PPL", "SY", "",
     "09", "", "", "", "120", "", "400", "Asia/Damascus", "2024-01-01"],
    ["990000003", "Kwa Mzalendo", "Kwa Mzalendo", "", "-1.2501", "36.9002", "P", "PPLX", "KE", "", "05", "",
     "", "", "0", "", "1700", "Africa/Nairobi", "2024-01-01"],
    ["990000004", "Qarqur Airbase", "Qarqur Airbase", "", "35.9", "36.5", "S", "AIRB", "SY", "", "12", "", "",
     "", "0", "", "300", "Asia/Damascus", "2024-01-01"],
    ["990000005", "Some School", "Some School", "", "35.9", "36.5", "S", "SCH", "SY", "", "12", "", "", "", "0",
     "", "300", "Asia/Damascus", "2024-01-01"],
]


@pytest.fixture()
def private_gazetteer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gazetteer: Gazetteer) -> Path:
    """A copy of the built gazetteer in a temporary data directory."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(gazetteer.path, data / gazetteer.path.name)
    monkeypatch.setenv("SITREP_DATA_DIR", str(data))
    Gazetteer.reset_default()
    yield data
    Gazetteer.reset_default()


def _zip(tmp_path: Path) -> Path:
    txt = "\n".join("\t".join(r) for r in ROWS) + "\n"
    path = tmp_path / "XX.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "not the table\n")
        zf.writestr("XX.txt", txt)
    return path


def test_import_is_idempotent(private_gazetteer: Path, tmp_path: Path) -> None:
    dump = _zip(tmp_path)
    calls: list[tuple[int, int]] = []
    assert import_geonames_dump(dump, progress=lambda done, total: calls.append((done, total))) == 4
    assert calls and calls[-1][0] == calls[-1][1]
    assert import_geonames_dump(dump) == 0
    gz = Gazetteer.default()
    assert gz.path.parent == private_gazetteer
    p = gz.lookup("Zaqarbuniya", country_code="SY")[0]
    assert (p.name, p.admin1, p.geonameid, p.feature) == ("Zqarbuniyeh", "Idleb", 990000001, "city")
    assert p.admin2 and p.admin3  # from the nearest OCHA sub-district
    assert gz.lookup("Tell Qunfud")[0].admin1 == "Aleppo"
    assert gz.lookup("Kwa Mzalendo")[0].feature == "site"
    assert gz.lookup("Qarqur Airbase")[0].feature == "site"
    assert gz.lookup("Some School") == []


def test_import_plain_text(private_gazetteer: Path, tmp_path: Path) -> None:
    path = tmp_path / "XX.txt"
    path.write_text("\t".join(ROWS[0]) + "\n", encoding="utf-8")
    assert import_geonames_dump(path) == 1


def test_import_rejects_other_files(private_gazetteer: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("a,b,c\n" * 20, encoding="utf-8")
    with pytest.raises(GazetteerImportError):
        import_geonames_dump(bad)
    with pytest.raises(GazetteerImportError):
        import_geonames_dump(tmp_path / "missing.zip")


def test_cli_import(private_gazetteer: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from sitrep.geo.cli import app

    result = CliRunner().invoke(app, ["import", str(_zip(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "4 places added" in result.output
    again = CliRunner().invoke(app, ["import", str(_zip(tmp_path))])
    assert "0 places added" in again.output
