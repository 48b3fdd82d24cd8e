"""What the issue-11 defences cost: the markup check with its new rules, and the Sphinx guard's work.

Usage: .venv/bin/python bench/bench_security.py [--repeat N] [--html BUILT_HTML_DIR]

- `markup`: the markup policy (`cvmbok.policy.markup.check_document`) over every
  contribution in contrib/, parsed once (the median of N runs, per file);
- `guard, merged text`: the guard's re-check of every merged insight block in source/
  (the same policy, on the text between the merge markers);
- `guard, page bodies`: the HTML scan the guard runs on each page's content, here over
  whole built pages (an upper bound: the guard sees only the body); needs --html.
A whole-build comparison with and without the guard is left out on purpose: on a
shared 2-core machine its difference drowns in the noise of other builds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from cvmbok.document import load_document  # noqa: E402
from cvmbok.policy.markup import check_document  # noqa: E402
from cvmbok.sphinx_guard import _BodyScan, insight_regions, policy_problems  # noqa: E402


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--html", type=Path, help="a built HTML edition, for the page-body scan")
    args = parser.parse_args()

    documents = [r.document for p in sorted((ROOT / "contrib").glob("cvm-*.md")) if (r := load_document(p)).document]
    for document in documents:
        _ = document.tokens
    markup = median_seconds(lambda: [check_document(d) for d in documents], args.repeat)
    print(f"markup policy: {len(documents)} contributions in {markup * 1000:.1f} ms "
          f"({markup * 1000 / max(len(documents), 1):.2f} ms each)")

    pages = [(p, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "source").rglob("*.md"))]
    blocks = [(p, text, region) for p, text in pages if "CVMBoK" in text for region in insight_regions(text)[0]]
    merged = median_seconds(lambda: [policy_problems(p, p.name, text, r) for p, text, r in blocks], args.repeat)
    print(f"guard, merged text: {len(blocks)} insight blocks in {len(pages)} pages, {merged * 1000:.1f} ms")

    if args.html:
        built = [p.read_text(encoding="utf-8") for p in sorted(args.html.rglob("*.html"))]

        def scan_all() -> None:
            for text in built:
                scan = _BodyScan()
                scan.feed(text)
                scan.close()

        bodies = median_seconds(scan_all, args.repeat)
        print(f"guard, page bodies (whole pages, upper bound): {len(built)} pages in {bodies * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
