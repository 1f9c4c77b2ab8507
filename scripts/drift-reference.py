#!/usr/bin/env python3
"""Generates the SciPy reference cases for the drift tests (test/fixtures/drift/*.json).

Run with Debian's SciPy: /usr/bin/python3 scripts/drift-reference.py
Samples are drawn from a seeded NumPy generator and rounded so the JSON stays small; every
expected value comes from SciPy (ks_2samp, chi2_contingency, wasserstein_distance,
jensenshannon) or, for PSI (which SciPy lacks), from NumPy with the binning docs/detection.md states.
"""
import json
import os

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "drift")
rng = np.random.default_rng(20261126)


def sample(kind, n, shift=0.0, scale=1.0, digits=6):
    if kind == "normal":
        x = rng.normal(shift, scale, n)
    elif kind == "exp":
        x = rng.exponential(scale, n) + shift
    else:
        x = rng.integers(0, 20, n).astype(float) + shift
    return [round(float(v), digits) for v in x]


def edges(base, bins=10):
    qs = np.quantile(np.asarray(base), [k / bins for k in range(1, bins)])
    out = []
    for q in qs:
        if not out or q > out[-1]:
            out.append(float(q))
    return out


def binned(base, cur):
    e = np.asarray(edges(base))
    b = np.bincount(np.searchsorted(e, base, side="right"), minlength=len(e) + 1)
    c = np.bincount(np.searchsorted(e, cur, side="right"), minlength=len(e) + 1)
    return b, c


def psi(b, c, eps=1e-4):
    pb = np.maximum(b / b.sum(), eps)
    pc = np.maximum(c / c.sum(), eps)
    return float(np.sum((pc - pb) * np.log(pc / pb)))


def numeric_case(name, a, b):
    ks = stats.ks_2samp(a, b)
    cb, cc = binned(a, b)
    return {
        "name": name,
        "baseline": a,
        "current": b,
        "ks": {"statistic": float(ks.statistic), "pValue": float(ks.pvalue)},
        "wasserstein": float(stats.wasserstein_distance(a, b)),
        "psi": psi(cb, cc),
        "jensenShannon": float(distance.jensenshannon(cb, cc, base=2)),
        "edges": edges(a),
    }


numeric = [
    numeric_case("equal-n-no-shift", sample("normal", 200), sample("normal", 200)),
    numeric_case("equal-n-shift", sample("normal", 300), sample("normal", 300, 0.4)),
    numeric_case("unequal-n-shift", sample("normal", 500), sample("normal", 333, 0.25)),
    numeric_case("unequal-n-ties", sample("int", 120), sample("int", 97, 1)),
    numeric_case("small", sample("exp", 8), sample("exp", 11, 0.5)),
    numeric_case("exact-large", sample("normal", 4000), sample("normal", 3500, 0.05)),
    numeric_case("asymp-pelz-good", sample("normal", 12000, digits=5), sample("normal", 11000, 0.02, digits=5)),
    numeric_case("asymp-smirnov", sample("normal", 12000, digits=5), sample("normal", 10500, 0.1, digits=5)),
    numeric_case("asymp-small-n", sample("normal", 10001, digits=4), sample("normal", 60, 0.3, digits=4)),
    numeric_case("asymp-tiny-n", sample("normal", 10050, digits=4), sample("normal", 7, 0.8, digits=4)),
]


def cat_case(name, b_counts, c_counts):
    table = np.array([b_counts, c_counts])
    chi2, p, dof, _ = stats.chi2_contingency(table, correction=False)
    return {
        "name": name,
        "baseline": b_counts,
        "current": c_counts,
        "chiSquare": {"statistic": float(chi2), "pValue": float(p), "dof": int(dof)},
        "jensenShannon": float(distance.jensenshannon(b_counts, c_counts, base=2)),
        "psi": psi(np.array(b_counts, dtype=float), np.array(c_counts, dtype=float)),
    }


categorical = [
    cat_case("similar", [120, 80, 50], [118, 85, 47]),
    cat_case("shifted", [300, 200, 100, 50], [200, 220, 160, 90]),
    cat_case("new-category", [500, 400, 1], [480, 390, 60]),
    cat_case("two-categories", [40, 60], [55, 45]),
    cat_case("large", [10000, 5000, 2500, 1250, 625], [9800, 5200, 2400, 1300, 700]),
]

os.makedirs(OUT, exist_ok=True)
meta = {"scipy": scipy.__version__, "numpy": np.__version__}
with open(os.path.join(OUT, "numeric.json"), "w") as f:
    json.dump({"generator": meta, "cases": numeric}, f)
with open(os.path.join(OUT, "categorical.json"), "w") as f:
    json.dump({"generator": meta, "cases": categorical}, f, indent=1)
print("wrote", len(numeric), "numeric and", len(categorical), "categorical cases")
