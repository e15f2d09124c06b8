"""`python -m dashboard`: the development server. Production uses gunicorn (Procfile)."""

from __future__ import annotations

import argparse
import sys

from dashboard.config import Config
from dashboard.store import DataError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the SEE Route Monitor development server.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8050)
    args = parser.parse_args(argv)
    config = Config()
    try:
        from dashboard.web.app import create_app

        app = create_app(config)
    except DataError as exc:
        print(f"SEE Route Monitor cannot start: {exc}", file=sys.stderr)
        return 2
    app.run(host=args.host, port=args.port, debug=config.debug)
    return 0


if __name__ == "__main__":
    sys.exit(main())
