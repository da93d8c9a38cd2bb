#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The pandas side of the import benchmark: read the three needed columns
of every street-level file and count by month, LSOA name and crime type
(read_csv(usecols=...) and groupby(...).size(), file by file, then summed).
Run with Debian's python3-pandas: /usr/bin/python3 police_uk_pandas.py DIR
"""
import glob
import os
import sys

import pandas as pd


def main():
    files = sorted(glob.glob(os.path.join(sys.argv[1], "*", "*-street.csv")))
    parts = []
    for f in files:
        df = pd.read_csv(f, usecols=["Month", "LSOA name", "Crime type"],
                         dtype=str, keep_default_na=False)
        parts.append(df.groupby(["Month", "LSOA name", "Crime type"]).size())
    total = pd.concat(parts).groupby(level=[0, 1, 2]).sum()
    print(len(files), "files,", int(total.sum()), "rows,", len(total), "cells")


if __name__ == "__main__":
    main()
