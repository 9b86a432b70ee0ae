"""gupress sample-sites: serve the bundled sample outlets on 127.0.0.1 until Ctrl-C, and print the
host map and entry points that point gupress (crawl, daemon, scrapy) at them."""

from __future__ import annotations

import json
import shlex
import signal
import sys
import threading
from contextlib import ExitStack

from crawler.cliargs import check_outlets
from crawler.runner import spider_names
from crawler.samplesites import entry_points, host_map_text, sample_folders, serve


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "sample-sites", help="serve the sample outlets on 127.0.0.1 (for trying the daemon without internet)",
        description=__doc__.split("\n\n")[0] + " Runs until Ctrl-C or SIGTERM.")
    parser.add_argument("outlets", nargs="*", metavar="OUTLET", help="only these outlets (default: all)")
    parser.set_defaults(func=run)


def run(args) -> int:
    if args.outlets:
        check_outlets(args.outlets, spider_names())
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):  # SIGINT too: a background job may have it ignored
        signal.signal(signum, lambda *_: stop.set())
    with ExitStack() as stack:
        sites = serve(stack, sample_folders(args.outlets or spider_names()))
        print(f"# {len(sites)} sample site(s) on 127.0.0.1; in another shell:")
        print(f"export GUPRESS_HOST_MAP={shlex.quote(host_map_text(sites))}")
        print(f"export GUPRESS_ENTRY_POINTS={shlex.quote(json.dumps(entry_points(sites), ensure_ascii=False))}")
        print("# then: gupress crawl, or gupress daemon (Ctrl-C here stops the sites)", flush=True)
        while not stop.wait(0.5):
            pass
    print("sample sites stopped", file=sys.stderr)
    return 0
