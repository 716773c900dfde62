"""Reference values for the diagnostics tests, computed independently with SciPy.

Run once (python3 scipy_reference.py > scipy-reference.json); the output is committed next to
this script and read by the Java tests. Samples come from NumPy's seeded PCG64 generator and are
stored in the output, so the Java side never regenerates them.

- ks1: scipy.stats.kstest(x, cdf, method='exact')      (one-sample, two-sided)
- ks2: scipy.stats.ks_2samp(x, y, method='exact')      (two-sample, two-sided)
- w2:  scipy.stats.wasserstein_distance(x, y)
- w1:  W1 between a sample and a distribution as the x-domain integral of |F_n(x) - F(x)|,
       with scipy.integrate.quad on each interval between order statistics (split where F
       crosses the step) and on the two infinite or bounded tails.
"""
import json
import sys

import numpy as np
import scipy
from scipy import integrate, stats


def dist(family, params):
    if family == "normal":
        return stats.norm(loc=params[0], scale=params[1])
    if family == "exponential":
        return stats.expon(scale=params[0])
    if family == "uniform":
        return stats.uniform(loc=params[0], scale=params[1] - params[0])
    raise ValueError(family)


def quad(f, a, b):
    v, _ = integrate.quad(f, a, b, epsabs=1e-15, epsrel=1e-13, limit=200)
    return v


def w1(x, d):
    x = np.sort(np.asarray(x, dtype=float))
    n = len(x)
    lo, hi = d.support()
    total = quad(lambda t: d.cdf(t), lo, x[0]) if x[0] > lo else 0.0
    total += quad(lambda t: d.sf(t), x[-1], hi) if x[-1] < hi else 0.0
    for i in range(1, n):
        a, b = x[i - 1], x[i]
        if b == a:
            continue
        level = i / n
        cross = d.ppf(level)
        pieces = [a, cross, b] if a < cross < b else [a, b]
        for u, v in zip(pieces, pieces[1:]):
            total += quad(lambda t: abs(level - d.cdf(t)), u, v)
    return total


def main():
    out = {"generator": "scipy " + scipy.__version__ + ", numpy " + np.__version__,
           "ks1": [], "ks2": [], "w2": [], "w1": []}
    rng = np.random.default_rng(20261127)
    for n, family, params, draw in [
        (10, "normal", [0.0, 1.0], lambda k: rng.normal(0, 1, k)),
        (50, "normal", [0.3, 1.0], lambda k: rng.normal(0, 1, k)),
        (500, "normal", [0.0, 1.0], lambda k: rng.normal(0, 1, k)),
        (200, "exponential", [2.0], lambda k: rng.exponential(2.5, k)),
        (30, "uniform", [0.0, 1.0], lambda k: rng.uniform(0, 1, k)),
    ]:
        x = draw(n)
        r = stats.kstest(x, dist(family, params).cdf, method="exact")
        out["ks1"].append({"family": family, "params": params, "x": x.tolist(),
                           "statistic": float(r.statistic), "pvalue": float(r.pvalue)})
    for n, m, shift, decimals in [(10, 15, 0.0, None), (50, 40, 0.5, None), (300, 200, 0.1, None),
                                  (60, 45, 0.0, 1)]:
        x = rng.normal(0, 1, n)
        y = rng.normal(shift, 1, m)
        if decimals is not None:
            x, y = np.round(x, decimals), np.round(y, decimals)
        r = stats.ks_2samp(x, y, method="exact")
        out["ks2"].append({"x": x.tolist(), "y": y.tolist(),
                           "statistic": float(r.statistic), "pvalue": float(r.pvalue)})
        out["w2"].append({"x": x.tolist(), "y": y.tolist(), "w1": float(stats.wasserstein_distance(x, y))})
    for n, family, params, draw in [
        (1, "normal", [0.0, 1.0], lambda k: np.array([0.7])),
        (7, "normal", [1.0, 2.0], lambda k: rng.normal(0, 1, k)),
        (400, "normal", [0.0, 1.0], lambda k: rng.normal(0.05, 1.1, k)),
        (150, "exponential", [2.0], lambda k: rng.exponential(2.0, k)),
        (40, "uniform", [-1.0, 3.0], lambda k: rng.uniform(-1.5, 3.0, k)),
    ]:
        x = draw(n)
        out["w1"].append({"family": family, "params": params, "x": x.tolist(), "w1": w1(x, dist(family, params))})
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
