"""`python app.py ...`: the command line, mirroring what the dashboard shows."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from store.db import DEFAULT_DB, StoreUnavailable, is_server_url, shown, store_exists

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8050


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python app.py",
        description="Frontline: map territorial claims from news articles. "
        "With no command, serves the dashboard on the bundled demo corpus.",
    )
    sub = parser.add_subparsers(dest="command")

    serve = sub.add_parser("serve", help="serve the dashboard")
    serve.add_argument("--db", type=db_target, help=f"database (default: {DEFAULT_DB.name}, built from the demo corpus)")
    serve.add_argument("--host", default=DEFAULT_HOST, help="address to bind (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve.add_argument("--debug", action="store_true", help="Dash debug mode (never on a shared server)")

    ingest = sub.add_parser("ingest", help="read articles into the database")
    ingest.add_argument("paths", nargs="*", type=Path, help="files or folders (read recursively)")
    _db(ingest)
    _gazetteer(ingest)
    ingest.add_argument("--country", action="append", default=[], metavar="CC",
                        help="theatre country code to prefer, e.g. IQ (repeatable)")
    ingest.add_argument("--online", action="store_true", help="also ask Nominatim for names the offline layers lack")
    ingest.add_argument("--max-file-mb", type=float, default=None,
                        help="refuse files larger than this (default 10, or FRONTLINE_MAX_FILE_MB)")
    ingest.add_argument("--retry-failed", action="store_true", help="read again every file listed by `failures`")
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")

    export = sub.add_parser("export", help="write claims, mentions or places")
    _db(export)
    export.add_argument("--what", choices=("claims", "mentions", "places"), required=True)
    export.add_argument("--format", choices=("jsonl", "csv", "geojson"), required=True)
    export.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")

    geocode = sub.add_parser("geocode", help="ranked gazetteer candidates for a name, as JSON")
    geocode.add_argument("name")
    geocode.add_argument("--country", action="append", default=[], metavar="CC")
    geocode.add_argument("--near", help="a place name the answer should be close to")
    _gazetteer(geocode)
    geocode.add_argument("--limit", type=int, default=5)

    gazetteer = sub.add_parser("gazetteer", help="manage the gazetteer files every run includes")
    gaz_sub = gazetteer.add_subparsers(dest="gazetteer_command", required=True)
    add = gaz_sub.add_parser("add", help="include a GeoNames-format file (19 tab-separated columns) from now on")
    add.add_argument("file", type=Path)
    gaz_sub.add_parser("list", help="list the gazetteer files in use")

    failures = sub.add_parser("failures", help="files and records that could not be read, with the reason")
    _db(failures)
    failures.add_argument("--format", choices=("text", "jsonl"), default="text")
    return parser


def _db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=db_target, default=DEFAULT_DB,
                        help=f"database file, or postgresql://user@host:port/dbname (default: {DEFAULT_DB})")


def db_target(value: str) -> str | Path:
    """A PostgreSQL URL stays text; anything else is a SQLite file."""
    return value if is_server_url(value) else Path(value)


def _gazetteer(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gazetteer", action="append", default=[], type=Path, metavar="FILE",
                        help="extra GeoNames-format file for this run (repeatable)")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = args.command or "serve"
    handler = {
        "serve": cmd_serve, "ingest": cmd_ingest, "export": cmd_export, "geocode": cmd_geocode,
        "gazetteer": cmd_gazetteer, "failures": cmd_failures,
    }[command]
    try:
        return handler(args)
    except StoreUnavailable as exc:
        print(exc, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def cmd_serve(args: argparse.Namespace) -> int:
    from app import create_app
    from ingest.demo import ensure_demo_db
    from security import protect

    db = getattr(args, "db", None)
    if db is None:
        db = DEFAULT_DB
        ensure_demo_db(db)
    elif not store_exists(db):
        print(f"no database at {shown(db)}; create one with: python app.py ingest PATH --db {shown(db)}",
              file=sys.stderr)
        return 2
    host, port = getattr(args, "host", DEFAULT_HOST), getattr(args, "port", DEFAULT_PORT)
    print(f"Frontline dashboard on http://{host}:{port}/  (database {shown(db)}; Ctrl+C to stop)")
    app = create_app(db)
    protect(app)
    app.run(host=host, port=port, debug=getattr(args, "debug", False))
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from ingest.run import ingest_paths
    from readers import DEFAULT_MAX_FILE_BYTES
    from store.db import connect

    paths = list(args.paths)
    if args.retry_failed:
        conn = connect(args.db)
        failed = [row[0] for row in conn.execute("SELECT source_file FROM failures ORDER BY source_file")]
        conn.close()
        paths += sorted({Path(name.split("#", 1)[0]) for name in failed})
    if not paths:
        print("nothing to ingest: give files or folders (or --retry-failed)", file=sys.stderr)
        return 2
    missing = [p for p in paths if not p.exists()]
    for p in missing:
        print(f"FAILED {p}: no such file or folder", file=sys.stderr)
    max_bytes = int(args.max_file_mb * 2**20) if args.max_file_mb else DEFAULT_MAX_FILE_BYTES
    bar = None if args.quiet else tqdm(total=0, unit="file", desc="ingest", file=sys.stderr)

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.update(done - bar.n)

    summary = ingest_paths(
        [p for p in paths if p.exists()], args.db, gazetteers=args.gazetteer, countries=args.country,
        online=args.online, max_file_bytes=max_bytes, progress=progress if bar is not None else None,
    )
    if bar is not None:
        bar.close()
    for line in summary.lines():
        print(line)
    return 0 if summary.read or summary.duplicate else 1


def cmd_export(args: argparse.Namespace) -> int:
    from store.db import connect
    from store.export import export

    if not store_exists(args.db):
        print(f"no database at {shown(args.db)}", file=sys.stderr)
        return 2
    conn = connect(args.db, readonly=True)
    try:
        if args.output:
            with open(args.output, "w", encoding="utf-8", newline="") as out:
                count = export(conn, args.what, args.format, out)
            print(f"wrote {count} {args.what} to {args.output}", file=sys.stderr)
        else:
            export(conn, args.what, args.format, sys.stdout)
    finally:
        conn.close()
    return 0


def cmd_geocode(args: argparse.Namespace) -> int:
    from ingest.geoparser import rank_names

    ranked = rank_names(args.name, countries=args.country, near=args.near, gazetteers=args.gazetteer,
                        limit=args.limit)
    print(json.dumps(ranked, ensure_ascii=False, indent=2))
    return 0 if ranked else 1


def cmd_gazetteer(args: argparse.Namespace) -> int:
    from geocoding.index import add_gazetteer_file, registered_gazetteers

    if args.gazetteer_command == "add":
        if not args.file.is_file():
            print(f"no such file: {args.file}", file=sys.stderr)
            return 2
        add_gazetteer_file(args.file)
        print(f"added {args.file.resolve()}; the index is rebuilt on the next run")
    for path in registered_gazetteers():
        print(path)
    return 0


def cmd_failures(args: argparse.Namespace) -> int:
    from store.db import connect

    if not store_exists(args.db):
        print(f"no database at {shown(args.db)}", file=sys.stderr)
        return 2
    conn = connect(args.db, readonly=True)
    rows = conn.execute("SELECT source_file, reason, failed_at FROM failures ORDER BY source_file").fetchall()
    conn.close()
    for row in rows:
        if args.format == "jsonl":
            print(json.dumps(dict(row), ensure_ascii=False))
        else:
            print(f"{row['source_file']}\t{row['reason']}\t{row['failed_at']}")
    if args.format == "text":
        print(f"{len(rows)} failed; fix them and run: python app.py ingest --retry-failed --db {shown(args.db)}",
              file=sys.stderr)
    return 0
