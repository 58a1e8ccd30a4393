"""Check data/curated_places.tsv before committing an edit: the index skips a malformed row with a
warning, so a typo would otherwise only show up as a place the geocoder no longer finds.

    python tools/check_curated.py [--gazetteer ../shared/gazetteer]

Checks the shape of every row (ten columns, a unique `curated:slug` ref, a known kind, an
Iraqi or Syrian point inside the country's box, a source). With --gazetteer it also checks that
every row citing "GeoNames N (via Who's On First, FILE)" or "Who's On First N (FILE)" carries
that record's coordinates, so a cited fact cannot drift from its source. Prints one line per
problem; exits 1 when there is any.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from geocoding.index import DEFAULT_CURATED  # noqa: E402
from geocoding.sources import CURATED_COLUMNS, REPLACED_GEONAMES_ID, SourceReport, read_geonames_file  # noqa: E402

KINDS = {"country", "region", "city", "town", "village", "neighbourhood", "landmark"}
REF = re.compile(r"curated:[a-z0-9]+(?:-[a-z0-9]+)*")
# lat_min, lat_max, lon_min, lon_max: the countries' extents with a few km to spare
COUNTRY_BOX = {"IQ": (29.0, 37.45, 38.75, 48.65), "SY": (32.3, 37.35, 35.6, 42.45)}
CITED_GEONAMES = re.compile(r"^GeoNames (\d+) \(via Who's On First, ([\w.-]+)\)$")
CITED_WOF = re.compile(r"^Who's On First (\d+) \((wof_admin_\w+)\)$")
SAME_POINT_DEG = 0.0005  # ~50 m: the cited record's point, written with its own precision


@dataclass(frozen=True)
class Citation:
    file: str  # a file name in the gazetteer folder, without .txt / .tsv
    record: str  # GeoNames id or Who's On First id


def read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows[0], rows[1:]


def citation_of(source: str) -> Citation | None:
    for pattern in (CITED_GEONAMES, CITED_WOF):
        match = pattern.match(source)
        if match:
            return Citation(match.group(2), match.group(1))
    return None


def shape_problems(header: list[str], rows: list[list[str]]) -> list[str]:
    if tuple(header) != CURATED_COLUMNS:
        return [f"header is {header}, expected {list(CURATED_COLUMNS)}"]
    problems: list[str] = []
    seen: set[str] = set()
    replaced: dict[str, str] = {}  # GeoNames id -> the ref of the row that replaces it
    for line, row in enumerate(rows, 2):
        if len(row) != len(CURATED_COLUMNS):
            problems.append(f"line {line}: {len(row)} columns, expected {len(CURATED_COLUMNS)}")
            continue
        field = dict(zip(CURATED_COLUMNS, (value.strip() for value in row)))
        ref = field["ref"]
        if not REF.fullmatch(ref):
            problems.append(f"line {line}: ref {ref!r} is not curated:lowercase-ascii-slug")
        if ref in seen:
            problems.append(f"line {line}: ref {ref} is used twice")
        seen.add(ref)
        record = REPLACED_GEONAMES_ID.search(field["source"])
        if record and replaced.setdefault(record.group(1), ref) != ref:
            problems.append(f"line {line}: {ref} cites GeoNames {record.group(1)} as {replaced[record.group(1)]} does: "
                            "one place, two rows")
        if not field["name"] or not field["source"]:
            problems.append(f"line {line}: {ref} has no name or no source")
        if field["kind"] not in KINDS:
            problems.append(f"line {line}: {ref} kind {field['kind']!r} is none of {sorted(KINDS)}")
        if any(not alt.strip() for alt in field["alternate_names"].split(",")) and field["alternate_names"]:
            problems.append(f"line {line}: {ref} has an empty alternate name")
        try:
            lat, lon = float(field["latitude"]), float(field["longitude"])
        except ValueError:
            problems.append(f"line {line}: {ref} coordinates are not numbers")
            continue
        box = COUNTRY_BOX.get(field["country"])
        if box and not (box[0] <= lat <= box[1] and box[2] <= lon <= box[3]):
            problems.append(f"line {line}: {ref} ({lat}, {lon}) lies outside {field['country']}")
    return problems


def cited_points(gazetteer: Path, citations: set[Citation]) -> dict[Citation, tuple[float, float]]:
    """The point of every cited record that the gazetteer folder holds."""
    points: dict[Citation, tuple[float, float]] = {}
    for file in {c.file for c in citations}:
        wanted = {c.record for c in citations if c.file == file}
        if file.startswith("wof_admin_"):
            with open(gazetteer / f"{file}.tsv", encoding="utf-8", newline="") as handle:
                for rec in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                    if rec["wof_id"] in wanted:
                        points[Citation(file, rec["wof_id"])] = (float(rec["lat"]), float(rec["lon"]))
        elif (gazetteer / f"{file}.txt").exists():
            for place in read_geonames_file(gazetteer / f"{file}.txt", SourceReport(file)):
                record = place.ref.removeprefix("geonames:")
                if record in wanted:
                    points[Citation(file, record)] = (place.lat, place.lon)
    return points


def source_problems(rows: list[list[str]], gazetteer: Path) -> list[str]:
    cited = {row[0]: (citation_of(row[9]), float(row[7]), float(row[8]))
             for row in rows if len(row) == len(CURATED_COLUMNS) and citation_of(row[9])}
    points = cited_points(gazetteer, {c for c, _, _ in cited.values()})
    problems = []
    for ref, (citation, lat, lon) in cited.items():
        point = points.get(citation)
        if point is None:
            problems.append(f"{ref}: {citation.file} holds no record {citation.record}")
        elif abs(point[0] - lat) > SAME_POINT_DEG or abs(point[1] - lon) > SAME_POINT_DEG:
            problems.append(f"{ref}: ({lat}, {lon}) is not the cited point {point}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_CURATED)
    parser.add_argument("--gazetteer", type=Path, help="folder with the cited files (../shared/gazetteer)")
    args = parser.parse_args()
    header, rows = read_rows(args.path)
    problems = shape_problems(header, rows)
    if args.gazetteer:
        problems += source_problems(rows, args.gazetteer)
    for problem in problems:
        print(problem)
    print(f"{len(rows)} rows, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
