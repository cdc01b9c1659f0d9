"""The machine's own ceiling for ``--jobs``: fixed CPU-bound work in one process, or split over N.

    python bench/spin.py --jobs N

A virtual machine's cores may share a physical core or slow down when both are busy; the
speedup of this loop from one process to two is the best any two-process run can reach on
the machine at that moment, and the benchmark reports the linter's next to it.
"""

from __future__ import annotations

import argparse
import multiprocessing

WORK = 30_000_000


def spin(count: int) -> int:
    total = 0
    for number in range(count):
        total += number
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    if args.jobs == 1:
        spin(WORK)
        return
    with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
        pool.map(spin, [WORK // args.jobs] * args.jobs, chunksize=1)


if __name__ == "__main__":
    main()
