#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes N monthly count series as a series CSV, for scale runs.

    series_gen.py OUT.csv --series 500000 [--seed 1]

Each series (`lsoa<i>/<type>`) has 60 to 120 months ending December 2019,
a level between 1 and 60 a month, a trend, a seasonal swing and Poisson
noise, like police.uk counts per LSOA and crime type. Seeded: the same
arguments write the same bytes.
"""
import argparse
import math
import random

TYPES = ["asb", "violence", "burglary", "vehicle", "damage", "shoplifting",
         "drugs", "other-theft", "public-order", "robbery"]


def poisson(rng, lam):
    # Knuth for small means, a rounded normal for large ones.
    if lam > 30:
        return max(0, int(round(rng.gauss(lam, math.sqrt(lam)))))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--series", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    with open(a.out, "w") as f:
        f.write("series_id,month,value\n")
        for i in range(a.series):
            sid = f"lsoa{i // len(TYPES):06d}/{TYPES[i % len(TYPES)]}"
            n = rng.randint(60, 120)
            level = rng.uniform(1, 60)
            trend = rng.uniform(-0.01, 0.01)
            swing = rng.uniform(0, 0.3)
            phase = rng.uniform(0, 2 * math.pi)
            start = 2020 * 12 - n  # months since year 0, ending Dec 2019
            rows = []
            for t in range(n):
                m = start + t
                lam = level * math.exp(trend * t) * (
                    1 + swing * math.sin(2 * math.pi * (m % 12) / 12 + phase))
                rows.append(f"{sid},{m // 12}-{m % 12 + 1:02d},{poisson(rng, max(lam, 0.05))}\n")
            f.write("".join(rows))


if __name__ == "__main__":
    main()
