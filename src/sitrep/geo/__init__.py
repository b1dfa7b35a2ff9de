"""GEO stage: compiled gazetteer, toponym finding and resolution with ACLED geo_precision."""

from sitrep.geo.dump import import_geonames_dump
from sitrep.geo.gazetteer import Candidate, Gazetteer
from sitrep.geo.geocoder import Geocoder, GeoContext, best_mention
from sitrep.geo.store import build_gazetteer, data_dir, db_path

__all__ = [
    "Candidate",
    "GeoContext",
    "Gazetteer",
    "Geocoder",
    "best_mention",
    "build_gazetteer",
    "data_dir",
    "db_path",
    "import_geonames_dump",
]
