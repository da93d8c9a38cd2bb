#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes a police.uk street-level download, as published, for benchmarks.

    police_uk_gen.py DIR [--months 12] [--forces 6] [--rows 30000]

YYYY-MM/YYYY-MM-<force>-street.csv with the published header, ASB rows
with an empty Crime ID, quoted locations with commas, a few rows with no
location, and outcomes files beside (which the import skips). Seeded, so
the same arguments write the same bytes.
"""
import argparse
import os
import random

HEADER = ("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,"
          "Location,LSOA code,LSOA name,Crime type,Last outcome category,"
          "Context\n")
TYPES = ["Anti-social behaviour", "Violence and sexual offences",
         "Criminal damage and arson", "Other theft", "Vehicle crime",
         "Burglary", "Public order", "Shoplifting", "Drugs", "Other crime",
         "Theft from the person", "Robbery", "Bicycle theft",
         "Possession of weapons"]
WEIGHTS = [30, 25, 8, 7, 6, 5, 6, 5, 2, 1, 1, 1, 1, 1]
OUTCOMES = ["Under investigation", "Investigation complete; no suspect "
            "identified", "Unable to prosecute suspect", "Offender given a "
            "caution", "Status update unavailable"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--months", type=int, default=12)
    ap.add_argument("--forces", type=int, default=6)
    ap.add_argument("--rows", type=int, default=30000)
    a = ap.parse_args()
    rng = random.Random(20150401)
    for f in range(a.forces):
        force = f"force-{f:02d}"
        districts = [f"District{f:02d}{d:02d}" for d in range(12)]
        lsoas = [(f"E0{f:02d}{d:02d}{k:03d}", f"{districts[d]} {k:03d}{chr(65 + k % 5)}")
                 for d in range(12) for k in range(80)]
        for m in range(a.months):
            month = f"{2019 + m // 12:04d}-{m % 12 + 1:02d}"
            os.makedirs(os.path.join(a.dir, month), exist_ok=True)
            rows = [HEADER]
            for _ in range(a.rows):
                t = rng.choices(TYPES, WEIGHTS)[0]
                cid = "" if t == TYPES[0] else "%064x" % rng.getrandbits(256)
                out = "" if t == TYPES[0] else rng.choice(OUTCOMES)
                if rng.random() < 0.01:
                    rows.append(f"{cid},{month},{force},{force},,,No location,,,{t},{out},\n")
                    continue
                code, name = rng.choice(lsoas)
                lon = -1.0 + rng.random()
                lat = 51.0 + rng.random()
                rows.append(f"{cid},{month},{force},{force},{lon:.6f},{lat:.6f},"
                            f"\"On or near Street {rng.randrange(999)}, Town\","
                            f"{code},{name},{t},{out},\n")
            with open(os.path.join(a.dir, month, f"{month}-{force}-street.csv"), "w") as fh:
                fh.writelines(rows)
            with open(os.path.join(a.dir, month, f"{month}-{force}-outcomes.csv"), "w") as fh:
                fh.write("Crime ID,Month,Reported by,Falls within,Longitude,"
                         "Latitude,Location,LSOA code,LSOA name,Outcome type\n")


if __name__ == "__main__":
    main()
