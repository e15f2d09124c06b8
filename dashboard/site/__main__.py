"""`python -m dashboard.site OUT_DIR [--zip] [--lang en ...] [--crime ...] [--full-url URL]`."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from dashboard.config import Config
from dashboard.site.build import MAX_FIRST_LOAD_MB, MAX_MB_PER_LANG, build_site, over_budget


def main(argv: list[str] | None = None) -> int:
    """Write the edition and say what it holds; with --zip also a zip of it (make site puts it in dist/)."""
    parser = argparse.ArgumentParser(prog="python -m dashboard.site", description=__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--lang", action="append", help="a language to include (default: all)")
    parser.add_argument("--crime", action="append", help="a crime type to include (default: all)")
    parser.add_argument("--full-url", default=None, help="where the full edition runs, linked from the notice")
    parser.add_argument("--zip", type=Path, default=None, help="also write this zip of the folder")
    args = parser.parse_args(argv)
    config = Config()
    manifest = build_site(args.out_dir, config.data_dir, args.lang, args.crime, args.full_url, config.decks_dir)
    print(f"wrote {args.out_dir}: {len(manifest['views'])} views, {manifest['size_mb']} MB")
    if over := over_budget(manifest):
        print(f"over the budget ({MAX_MB_PER_LANG} MB a language, {MAX_FIRST_LOAD_MB} MB a view): {', '.join(over)}")
        return 1
    if args.zip:
        args.zip.parent.mkdir(parents=True, exist_ok=True)
        shutil.make_archive(str(args.zip.with_suffix("")), "zip", args.out_dir)
        print(f"wrote {args.zip}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
