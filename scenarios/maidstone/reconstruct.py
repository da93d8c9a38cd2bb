#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes history.csv, population.csv and comparators.csv of the Maidstone pack.

An ILLUSTRATIVE RECONSTRUCTION: the plan gives annual figures only. Every
annual figure below is either quoted from the plan (paragraph given) or an
assumption (marked ASSUMED); README.md in this folder lists them all. Monthly
values spread each financial year's total over its months with a fixed
seasonal shape and seeded Poisson noise, then are scaled and rounded
(largest remainder) so that each year sums exactly to its annual figure.
Run from anywhere: python3 scenarios/maidstone/reconstruct.py
"""
import math
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
FIRST_FY = 2009          # April 2009 ...
LAST_FY = 2013           # ... to March 2014 (the plan's latest full year),
# then April to September 2014 (H1_2014 below), so that the history ends
# where the plan's baseline column does: 1 October 2013 to 30 September 2014.
SEED = 20150401
H1_SEED = 20140930       # a separate stream: the months to March 2014 are
                         # unchanged by the extension

# Seasonal shapes, April..March, relative weights (normalised below).
FLAT = [1.0] * 12
SUMMER = [1.02, 1.08, 1.10, 1.12, 1.08, 1.00, 1.00, 0.94, 0.92, 0.86, 0.86, 1.02]  # ASB, VAP
NTE = [0.98, 1.05, 1.08, 1.08, 1.04, 0.98, 1.00, 0.96, 1.08, 0.90, 0.88, 0.97]     # assaults
ROADS = [0.92, 0.98, 1.00, 0.98, 0.95, 1.02, 1.08, 1.10, 1.06, 0.96, 0.94, 1.01]   # casualties
DA = [0.98, 1.02, 1.04, 1.04, 1.02, 0.98, 0.98, 0.96, 1.06, 1.00, 0.94, 0.98]      # DA
SCHOOL = [0.9, 1.2, 1.2, 0.6, 0.0, 1.0, 1.3, 1.3, 0.8, 1.3, 1.3, 1.1]              # RUSH terms
ALCOHOL = [0.98, 1.00, 1.02, 1.02, 1.00, 0.98, 1.00, 1.02, 1.10, 0.96, 0.94, 0.98]


def fy_months(fy):
    return [(fy + (m >= 9 and 1 or 0), (m + 3) % 12 + 1) for m in range(12)]


def poisson(rng, lam):
    if lam <= 0:
        return 0
    if lam > 60:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def spread_count(rng, total, shape):
    w = [s / sum(shape) for s in shape]
    draws = [poisson(rng, total * x) + 1e-9 * x for x in w]
    scale = total / sum(draws)
    raw = [d * scale for d in draws]
    base = [math.floor(r) for r in raw]
    order = sorted(range(12), key=lambda i: raw[i] - base[i], reverse=True)
    for i in order[: total - sum(base)]:
        base[i] += 1
    return base


def spread_level(rng, mean, sd, shape=FLAT, decimals=2):
    vals = [mean * s / (sum(shape) / 12) + rng.gauss(0, sd) for s in shape]
    shift = mean - sum(vals) / 12
    return [round(v + shift, decimals) for v in vals]


# indicator: (annual values FY2009/10..FY2013/14, shape, kind)
HISTORY = {
    # 1.12: -18.2% (897) in 2012/13 and -8.6% (347) in 2013/14; 2009/10-2010/11 ASSUMED.
    "asb.incidents": ([5300, 5050, 4929, 4032, 3685], SUMMER, "count"),
    # 1.11: 1,889 (2012/13) to 2,349 (2013/14); 2009/10-2011/12 ASSUMED.
    "nte_violence.vap": ([1950, 1900, 1850, 1889, 2349], SUMMER, "count"),
    # 1.11, 5.8: 48 to 65 admissions; earlier ASSUMED.
    "nte_violence.assault_admissions": ([50, 52, 47, 48, 65], NTE, "count"),
    # 1.11: 1,784 to 2,043; earlier ASSUMED.
    "domestic_abuse.incidents": ([1650, 1700, 1750, 1784, 2043], DA, "count"),
    # 1.11: 416/1,784 = 23.3% and 512/2,043 = 25.1% (5.7); earlier ASSUMED.
    "domestic_abuse.repeat_victims_pct": ([23.0, 23.2, 23.5, 23.3, 25.1], FLAT, "pct"),
    # ASSUMED: the plan gives no MARAC figure.
    "domestic_abuse.marac_repeat_pct": ([21.0, 22.0, 23.0, 22.0, 22.0], FLAT, "pct"),
    # 5.6: 672 to 693; earlier ASSUMED.
    "road_safety.casualties": ([720, 700, 690, 672, 693], ROADS, "count"),
    # ASSUMED: about 9% of casualties are under 16.
    "road_safety.casualties_u16": ([68, 66, 63, 60, 62], ROADS, "count"),
    # 5.6: 54 to 76; earlier ASSUMED.
    "road_safety.ksi": ([62, 60, 58, 54, 76], ROADS, "count"),
    # 5.6 says under-16 KSI decreased; values ASSUMED.
    "road_safety.ksi_u16": ([8, 7, 6, 7, 5], ROADS, "count"),
    # ASSUMED: RUSH reach before the 3,000 target.
    "road_safety.rush_students": ([2200, 2300, 2400, 2600, 2700], SCHOOL, "count"),
    # 1.12, 5.4: -8.7% (41) to 430 in 2013/14; 20% above three years earlier
    # (358 in 2010/11); 2009/10 and 2011/12 ASSUMED; no seasonality (5.4).
    "substance_misuse.drug_offences": ([350, 358, 410, 471, 430], FLAT, "count"),
    # ASSUMED: the plan ranks Maidstone 10th of 12 (5.4) but gives no count.
    "substance_misuse.alcohol_admissions": ([700, 710, 720, 730, 740], ALCOHOL, "count"),
    # ASSUMED: the plan gives only the 1,200 a year target.
    "substance_misuse.needles": ([1200, 1250, 1300, 1390, 1480], FLAT, "count"),
    # ASSUMED: % of 10-17 year olds in the offending population.
    "reoffending.offending_population_pct": ([1.9, 1.8, 1.7, 1.6, 1.5], FLAT, "pct"),
    # Table, priority 2 (judgement in README): 8.94% actual in the latest year.
    "reoffending.reoffend_rate": ([9.6, 9.4, 9.2, 9.1, 8.94], FLAT, "pct"),
    # 5.5: actual 1.40 points above predicted (Jan-Dec 2013); earlier ASSUMED.
    "reoffending.actual_minus_predicted": ([0.6, 0.8, 1.0, 1.2, 1.4], FLAT, "level"),
}
# One Stop Shop: ASSUMED opened April 2012.
OSS = ("domestic_abuse.oss_visitors", {2012: 84, 2013: 105}, FLAT)

# April to September 2014, given as the annual pace of 2014/15 whose first
# six months (by the indicator's seasonal shape) are kept. ALL ASSUMED: the
# plan's baseline column (October 2013 to September 2014) lost its figures
# in the published text; the narrative gives only the total-crime rise over
# that year (+5.8%, 1.10) and Kent's violence rise (+30.9%, 5.8). Each pace
# continues the indicator's 2013/14 level and direction (README.md).
H1_2014 = {
    "asb.incidents": 3400,                        # the fall goes on (1.12, 5.3)
    "nte_violence.vap": 2450,                     # still rising, summer peak (5.8)
    "nte_violence.assault_admissions": 66,
    "domestic_abuse.incidents": 2100,             # reporting rising (5.7)
    "domestic_abuse.repeat_victims_pct": 25.3,
    "domestic_abuse.marac_repeat_pct": 22.0,
    "road_safety.casualties": 690,
    "road_safety.casualties_u16": 62,
    "road_safety.ksi": 70,
    "road_safety.ksi_u16": 5,
    "road_safety.rush_students": 2800,
    "substance_misuse.drug_offences": 430,
    "substance_misuse.alcohol_admissions": 750,
    "substance_misuse.needles": 1500,
    "reoffending.offending_population_pct": 1.45,
    "reoffending.reoffend_rate": 8.9,
    "reoffending.actual_minus_predicted": 1.4,
    "domestic_abuse.oss_visitors": 110,
}

# Noise sd for percentages and levels (percentage points), ASSUMED.
LEVEL_SD = {"pct": 0.6, "level": 0.35}

# Mid-year population, ASSUMED: 155,143 at the 2011 census, about 1.2% a
# year growth; 10-17 year olds 9.6% and under-16s 18.9% of all ages.
ALL = {2009: 151000, 2010: 152900, 2011: 155143, 2012: 157100, 2013: 159300,
       2014: 161400, 2015: 163400, 2016: 165300, 2017: 167200, 2018: 169100}

# Kent comparators on the target basis, annual, FY2009/10..FY2013/14.
# Rates: monthly values are the annual rate spread by the season shape, so
# that a year's months sum to the annual rate. Kent population ASSUMED
# 1,480,000 (2013). See README.md for each derivation.
COMPARATORS = {
    ("kent", "road_safety.casualties", "per_1000"): ([4.20, 4.05, 3.95, 3.86, 4.18], ROADS),
    ("kent", "road_safety.casualties_u16", "per_10000"): ([21.5, 21.0, 20.2, 19.6, 19.8], ROADS),
    ("kent", "road_safety.ksi", "per_10000"): ([4.0, 3.8, 3.7, 3.58, 4.51], ROADS),
    ("kent", "road_safety.ksi_u16", "per_10000"): ([2.5, 2.4, 2.3, 2.2, 2.1], ROADS),
    ("kent", "substance_misuse.drug_offences", "per_1000"): ([2.10, 2.12, 2.15, 2.12, 2.06], FLAT),
    ("kent", "substance_misuse.alcohol_admissions", "per_10000"): ([48.0, 48.5, 49.0, 49.5, 50.0], ALCOHOL),
    ("kent", "domestic_abuse.incidents", "per_1000"): ([12.4, 12.6, 12.8, 13.0, 14.5], DA),
    ("kent", "domestic_abuse.repeat_victims_pct", "percentage"): ([26.5, 26.8, 27.0, 27.0, 27.0], FLAT),
    ("kent", "nte_violence.assault_admissions", "per_10000"): ([3.5, 3.6, 3.5, 3.55, 3.64], NTE),
    # VAP on the post-2013 recording basis (ASSUMED x1.2 before April 2013).
    ("kent", "nte_violence.vap", "per_1000"): ([14.6, 14.4, 14.3, 14.4, 15.65], SUMMER),
    ("kent", "reoffending.reoffend_rate", "percentage"): ([10.3, 10.2, 10.1, 10.0, 9.97], FLAT),
    ("kent", "reoffending.offending_population_pct", "percentage"): ([2.0, 1.95, 1.85, 1.8, 1.7], FLAT),
}
# Kent's pace in 2014/15 for April to September 2014 (ASSUMED, level with
# 2013/14), except where a target's bar pins Kent's value over the plan's
# baseline year (BAR_PINNED below).
KENT_H1_2014 = {
    ("kent", "road_safety.casualties", "per_1000"): 4.18,
    ("kent", "road_safety.casualties_u16", "per_10000"): 19.8,
    ("kent", "road_safety.ksi", "per_10000"): 4.45,
    ("kent", "road_safety.ksi_u16", "per_10000"): 2.1,
    ("kent", "substance_misuse.alcohol_admissions", "per_10000"): 50.5,
    ("kent", "domestic_abuse.incidents", "per_1000"): 14.8,
    ("kent", "domestic_abuse.repeat_victims_pct", "percentage"): 27.0,
    ("kent", "nte_violence.vap", "per_1000"): 16.2,
    ("kent", "reoffending.reoffend_rate", "percentage"): 9.95,
    ("kent", "reoffending.offending_population_pct", "percentage"): 1.68,
}
# "Half the difference" bars (section 6): the plan prints the bar (2.38 and
# 3.86) but not the Maidstone and Kent rates over its baseline year, October
# 2013 to September 2014. Kent's rate over that year is solved for so that
# Maidstone's reconstructed rate there plus half the gap to Kent reproduces
# the printed bar: Kent = 2 x bar - Maidstone. Its April-September 2014
# months carry what the year needs beyond October 2013 to March 2014.
BAR_PINNED = {
    ("kent", "substance_misuse.drug_offences", "per_1000"): (2.38, 1000),
    ("kent", "nte_violence.assault_admissions", "per_10000"): (3.86, 10000),
}
H1_MONTHS = [(2014, m) for m in range(4, 10)]


def main():
    rng = random.Random(SEED)
    rows = []
    for ind, (annual, shape, kind) in HISTORY.items():
        for k, fy in enumerate(range(FIRST_FY, LAST_FY + 1)):
            if kind == "count":
                vals = spread_count(rng, annual[k], shape)
            else:
                vals = spread_level(rng, annual[k], LEVEL_SD[kind])
            for (y, m), v in zip(fy_months(fy), vals):
                rows.append(f"{ind},{y:04d}-{m:02d},{v},reconstructed")
    ind, annual, shape = OSS
    for fy, total in annual.items():
        for (y, m), v in zip(fy_months(fy), spread_count(rng, total, shape)):
            rows.append(f"{ind},{y:04d}-{m:02d},{v},reconstructed")
    rng1 = random.Random(H1_SEED)
    h1 = {}
    for ind, (annual, shape, kind) in HISTORY.items():
        pace = H1_2014[ind]
        if kind == "count":
            total = round(pace * sum(shape[:6]) / sum(shape))
            vals = spread_count(rng1, total, shape[:6] + [0.0] * 6)[:6]
        else:
            vals = spread_level(rng1, pace, LEVEL_SD[kind])[:6]
        h1[ind] = vals
        for (y, m), v in zip(H1_MONTHS, vals):
            rows.append(f"{ind},{y:04d}-{m:02d},{v},assumed")
    ind, annual, shape = OSS
    vals = spread_count(rng1, round(H1_2014[ind] / 2), shape[:6] + [0.0] * 6)[:6]
    for (y, m), v in zip(H1_MONTHS, vals):
        rows.append(f"{ind},{y:04d}-{m:02d},{v},assumed")
    first = {}
    for i, r in enumerate(rows):
        first.setdefault(r.split(",")[0], i)
    rows.sort(key=lambda r: first[r.split(",")[0]])  # stable: months in order
    with open(os.path.join(HERE, "history.csv"), "w") as f:
        f.write("# ILLUSTRATIVE RECONSTRUCTION from the plan's annual figures: see README.md\n")
        # quality: reconstructed (spread from the plan's annual figures) or
        # assumed (no figure in the plan): README.md. The report labels them
        # and flags no exception on them.
        f.write("indicator,month,value,quality\n" + "\n".join(rows) + "\n")

    with open(os.path.join(HERE, "population.csv"), "w") as f:
        f.write("# ASSUMED mid-year populations: see README.md\n")
        f.write("group,year,population,basis\n")
        for group, share in (("all", 1.0), ("age10_17", 0.096), ("under16", 0.189)):
            for y, p in ALL.items():
                f.write(f"{group},{y},{round(p * share)},assumed\n")

    crow = []
    for (cid, ind, basis), (annual, shape) in COMPARATORS.items():
        for k, fy in enumerate(range(FIRST_FY, LAST_FY + 1)):
            if basis == "percentage":
                vals = spread_level(rng, annual[k], 0.3)
            else:
                w = [s / sum(shape) for s in shape]
                # Kent's counts are large: about 1% noise on each month.
                vals = [round(annual[k] * x * (1 + rng.gauss(0, 0.01)), 5) for x in w]
                fix = annual[k] / sum(vals)
                vals = [round(v * fix, 5) for v in vals]
            for (y, m), v in zip(fy_months(fy), vals):
                crow.append(f"{cid},{ind},{basis},{y:04d}-{m:02d},{v}")
    for key, (annual, shape) in COMPARATORS.items():
        cid, ind, basis = key
        w = [s / sum(shape) for s in shape]
        if key in BAR_PINNED:
            bar, per = BAR_PINNED[key]
            # Maidstone over October 2013 to September 2014, at mid-2014.
            months = [r for r in rows if r.startswith(ind + ",")]
            year = [int(r.split(",")[2]) for r in months
                    if "2013-10" <= r.split(",")[1] <= "2014-09"]
            assert len(year) == 12, ind
            maidstone = sum(year) * per / ALL[2014]
            kent_year = 2 * bar - maidstone
            oct_mar = sum(float(r.split(",")[4]) for r in crow
                          if r.startswith(f"{cid},{ind},{basis},")
                          and "2013-10" <= r.split(",")[3] <= "2014-03")
            need = kent_year - oct_mar
            vals = [round(need * x / sum(w[:6]), 5) for x in w[:6]]
            print(f"{ind}: Maidstone {maidstone:.4f}, Kent {kent_year:.4f} "
                  f"over Oct 2013-Sep 2014: bar {(maidstone + kent_year) / 2:.4f}")
        elif basis == "percentage":
            vals = spread_level(rng1, KENT_H1_2014[key], 0.3)[:6]
        else:
            pace = KENT_H1_2014[key]
            vals = [round(pace * x * (1 + rng1.gauss(0, 0.01)), 5) for x in w[:6]]
        for (y, m), v in zip(H1_MONTHS, vals):
            crow.append(f"{cid},{ind},{basis},{y:04d}-{m:02d},{v}")
    first = {}
    for i, r in enumerate(crow):
        first.setdefault(tuple(r.split(",")[:3]), i)
    crow.sort(key=lambda r: first[tuple(r.split(",")[:3])])
    with open(os.path.join(HERE, "comparators.csv"), "w") as f:
        f.write("# Kent comparators, ILLUSTRATIVE RECONSTRUCTION: see README.md\n")
        f.write("comparator,indicator,basis,month,value\n" + "\n".join(crow) + "\n")

    # Cohort sizes for the reoffending plugin's cohort model (the `cohort`
    # companion of reoffending.reoffend_rate), by cohort month: from six
    # months before the history (the follow-up lag) to its end. Paragraph
    # 5.5: Maidstone's caseload 348 at 31 May, 10.2% of Kent's; the local
    # measure follows a quarter's caseload, so 348 a quarter, spread as 116
    # a month, held flat (ASSUMED: the plan gives one caseload figure).
    # Kent: 348 / 0.102 = 3,412 a quarter, 1,137.3 a month.
    months = [(2008, m) for m in range(10, 13)] + [(2009, m) for m in range(1, 4)]
    for fy in range(FIRST_FY, LAST_FY + 1):
        months += fy_months(fy)
    months += H1_MONTHS
    with open(os.path.join(HERE, "companions.csv"), "w") as f:
        f.write("# Cohort sizes, ASSUMED from the plan's one caseload figure: see README.md\n")
        f.write("series,companion,month,value\n")
        for series, per_month in (("reoffending.reoffend_rate", 116),
                                  ("kent:reoffending.reoffend_rate", 1137.3)):
            for y, m in months:
                f.write(f"{series},cohort,{y:04d}-{m:02d},{per_month}\n")


if __name__ == "__main__":
    main()
