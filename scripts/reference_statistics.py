#!/usr/bin/env python3
"""reference_statistics.py: SciPy reference values for the Swift statistics in Sources/Drift/Statistics.

Writes Tests/Fixtures/statistics/reference.json, read by Tests/DriftTests/Statistics*Tests.swift. Every value comes
from SciPy/NumPy (scipy.special, scipy.stats, scipy.spatial), and the logs of
far gamma tails from mpmath at 60 digits; the only logic re-implemented here is what SciPy has
no function for: the sparse-cell pooling rule (CellPooling.swift), the smoothing choices of the PSI, the
rank-normalised Wasserstein scale, and the Stephens-corrected lambda of the binned KS test.

Usage: python3 -m venv /tmp/stats-venv && /tmp/stats-venv/bin/pip install scipy numpy mpmath
       /tmp/stats-venv/bin/python scripts/reference_statistics.py [OUT_JSON]
"""
import json
import math
import os
import sys

import mpmath
import numpy as np
import scipy
from scipy import special, stats
from scipy.spatial import distance

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "Tests/Fixtures/statistics/reference.json")


def f(x):
    return float(x)


mpmath.mp.dps = 60


def log_gamma_p(a, x):
    """ln P(a, x) at 60 digits (SciPy's log-CDFs underflow to -inf in the far tails). Near P = 1 it is taken as
    log1p(-Q) so that tiny upper tails are not lost to the working precision."""
    a, x = mpmath.mpf(a), mpmath.mpf(x)
    p = mpmath.gammainc(a, 0, x, regularized=True)
    if p < 0.5:
        return float(mpmath.log(p))
    return float(mpmath.log1p(-mpmath.gammainc(a, x, mpmath.inf, regularized=True)))


def log_gamma_q(a, x):
    a, x = mpmath.mpf(a), mpmath.mpf(x)
    q = mpmath.gammainc(a, x, mpmath.inf, regularized=True)
    if q < 0.5:
        return float(mpmath.log(q))
    return float(mpmath.log1p(-mpmath.gammainc(a, 0, x, regularized=True)))


# -- special functions and distributions ---------------------------------------------------------------------

normal = [{"x": x, "cdf": f(stats.norm.cdf(x)), "sf": f(stats.norm.sf(x))}
          for x in [-37.5, -20.0, -8.0, -3.0, -1.0, -0.1, 0.0, 0.3, 1.0, 1.959963984540054, 2.5, 5.0, 12.0, 30.0, 37.0]]

normal_quantile = [{"p": p, "x": f(stats.norm.ppf(p))}
                   for p in [1e-300, 1e-100, 1e-30, 1e-10, 1e-5, 0.001, 0.02425, 0.05, 0.075, 0.2, 0.5, 0.6, 0.925,
                             0.975, 0.999, 1 - 1e-9]]

gamma = []
for a, x in [(0.5, 1e-10), (0.5, 0.3), (0.5, 2.0), (0.5, 50.0), (0.5, 690.0), (1.0, 1.0), (2.5, 0.5), (3.0, 10.0),
             (10.0, 9.5), (10.0, 11.5), (50.0, 40.0), (50.0, 60.0), (50.0, 300.0), (50.0, 700.0), (200.0, 180.0),
             (0.1, 0.05), (7.3, 1e-3), (1000.0, 1010.0)]:
    gamma.append({"a": a, "x": x, "p": f(special.gammainc(a, x)), "q": f(special.gammaincc(a, x)),
                  "logP": log_gamma_p(a, x), "logQ": log_gamma_q(a, x)})

beta = [{"x": x, "a": a, "b": b, "value": f(special.betainc(a, b, x))}
        for x, a, b in [(0.5, 1.0, 1.0), (0.1, 2.0, 3.0), (0.9, 2.0, 3.0), (0.3, 0.5, 0.5), (0.01, 5.0, 100.0),
                        (0.2, 50.0, 50.0), (0.6, 50.0, 50.0), (0.999, 10.0, 2.0), (1e-5, 3.0, 1000.0),
                        (0.05, 30.0, 971.0), (0.5, 400.0, 600.0)]]

chi2 = []
for x, df in [(0.0001, 1), (0.5, 1), (3.841458820694124, 1), (10.0, 1), (50.0, 1), (140.0, 1), (700.0, 1),
              (1380.0, 1), (1.0, 2), (5.991464547107979, 2), (20.0, 5), (0.5, 7), (63.0, 63), (90.0, 63),
              (124.3, 100), (100.0, 100), (70.0, 100), (300.0, 100), (900.0, 100), (2000.0, 100), (250.0, 20)]:
    chi2.append({"x": x, "df": df, "sf": f(stats.chi2.sf(x, df)), "logSF": log_gamma_q(df / 2, x / 2),
                 "cdf": f(stats.chi2.cdf(x, df))})

chi2_quantile = [{"p": p, "df": df, "x": f(stats.chi2.ppf(p, df))}
                 for p, df in [(1e-10, 1), (0.01, 1), (0.5, 1), (0.95, 1), (0.999999, 1), (0.05, 10), (0.5, 10),
                               (0.99, 10), (0.5, 100), (0.975, 100), (1e-6, 100)]]
chi2_isf = [{"alpha": a, "df": df, "x": f(stats.chi2.isf(a, df))}
            for a, df in [(0.05, 1), (1e-8, 1), (1e-30, 1), (1e-300, 1), (0.01, 5), (1e-12, 63), (1e-30, 100),
                          (0.9, 100), (0.5, 2)]]

kolmogorov = [{"lambda": lam, "sf": f(special.kolmogorov(lam))}
              for lam in [0.2, 0.5, 0.8, 1.0, 1.17, 1.19, 1.3584, 2.0, 3.0, 5.0, 10.0, 18.0]]

# -- binomial and two-proportion tests -----------------------------------------------------------------------

binomial = []
for k, n, p in [(0, 10, 0.3), (10, 10, 0.3), (3, 10, 0.3), (7, 10, 0.3), (1, 1, 0.5), (0, 1, 0.5),
                (5, 20, 0.05), (100, 1000, 0.01), (0, 1000, 0.01), (1000, 1000, 0.5), (450, 1000, 0.5),
                (60, 200, 0.2), (2, 500, 0.02), (30, 40, 0.9), (19, 40, 0.9), (1, 50, 1e-6), (49, 50, 0.999999)]:
    z = (k - n * p) / math.sqrt(n * p * (1 - p))
    binomial.append({"k": k, "n": n, "p": p, "upper": f(stats.binom.sf(k - 1, n, p)),
                     "lower": f(stats.binom.cdf(k, n, p)), "z": z,
                     "binomtestGreater": f(stats.binomtest(k, n, p, alternative="greater").pvalue)})

fisher = []
z_test = []
for a, n1, c, n2 in [(3, 10, 8, 10), (8, 10, 3, 10), (40, 50, 45, 50), (90, 100, 99, 100), (0, 500, 400, 500),
                     (500, 500, 0, 500), (0, 5, 0, 5), (5, 5, 5, 5), (12, 40, 30, 60), (170, 200, 950, 1000),
                     (1, 2, 1, 3), (0, 1, 1, 1), (150, 400, 390, 400)]:
    fisher.append({"a": a, "n1": n1, "c": c, "n2": n2,
                   "p": f(stats.fisher_exact([[a, n1 - a], [c, n2 - c]], alternative="less").pvalue)})
    pooled = (a + c) / (n1 + n2)
    var = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
    if var > 0:
        z = (a / n1 - c / n2) / math.sqrt(var)
        z_test.append({"a": a, "n1": n1, "c": c, "n2": n2, "z": z, "p": f(stats.norm.cdf(z))})

# -- pooled chi-square tests ---------------------------------------------------------------------------------


def pool(sizes, minimum):
    """CellPooling.swift's rule, line for line."""
    group = [-1] * len(sizes)
    kept, pooled, any_sparse, smallest, smallest_size = 0, 0.0, False, -1, math.inf
    for i, s in enumerate(sizes):
        if s < minimum or not s > 0:
            any_sparse = True
            pooled += s
        else:
            if s < smallest_size:
                smallest_size, smallest = s, kept
            group[i] = kept
            kept += 1
    if not any_sparse:
        return group, kept
    if (pooled >= minimum and pooled > 0) or kept == 0:
        target, count = kept, kept + 1
    else:
        target, count = smallest, kept
    return [target if g < 0 else g for g in group], count


def aggregate(values, group, count):
    out = [0.0] * count
    for v, g in zip(values, group):
        out[g] += v
    return out


goodness = []
for observed, weights, minimum in [
    ([50, 30, 20], [0.5, 0.3, 0.2], 5),                       # perfect fit
    ([60, 25, 15], [0.5, 0.3, 0.2], 5),
    ([18, 22, 20, 25, 15], [1, 1, 1, 1, 1], 5),               # uniform weights, not normalised
    ([120, 80, 3, 1, 2, 0], [0.55, 0.4, 0.02, 0.01, 0.01, 0.01], 5),   # pooled cell of 4 sparse cells (E=10)
    ([120, 80, 3, 1], [0.55, 0.43, 0.01, 0.01], 5),           # pooled cell below minimum -> merged into smallest
    ([95, 90, 10, 5], [0.5, 0.5, 0.0, 0.0], 5),               # zero expected with observations
    ([100, 100, 0], [0.5, 0.5, 0.0], 5),                      # zero expected, zero observed
    ([1000, 0], [0.5, 0.5], 5),                               # far tail (G ~ 1386)
    ([520, 480], [0.5, 0.5], 5),                              # df = 1
    ([3, 2], [0.5, 0.5], 5),                                  # both sparse -> insufficient
    ([40, 2, 1], [0.9, 0.05, 0.05], 5),                       # two sparse cells merged into the only big one
    ([0, 0, 0], [0.2, 0.3, 0.5], 5),                          # n == 0 -> insufficient
    ([7, 9, 11, 13], [10, 10, 10, 10], 0),                    # minimumExpected 0
]:
    n = sum(observed)
    total_w = sum(weights)
    props = [w / total_w for w in weights]
    case = {"observed": observed, "weights": weights, "minimumExpected": minimum}
    if n == 0:
        case["insufficient"] = "noObservations"
        goodness.append(case)
        continue
    expected = [n * p for p in props]
    group, count = pool(expected, minimum)
    if count < 2:
        case["insufficient"] = "tooFewCells"
        goodness.append(case)
        continue
    o = np.array(aggregate(observed, group, count))
    e = np.array(aggregate(expected, group, count))
    g_stat = stats.power_divergence(o, e, lambda_="log-likelihood")
    p_stat = stats.chisquare(o, e)
    case.update({
        "groupOfCell": group, "g": f(g_stat.statistic), "pValue": f(g_stat.pvalue),
        "pearson": f(p_stat.statistic), "pearsonPValue": f(p_stat.pvalue), "degreesOfFreedom": count - 1,
        "residuals": [((oi - ei) / math.sqrt(ei * (1 - p)) if ei * (1 - p) > 0 else None)
                      for oi, ei, p in zip(observed, expected, props)],
    })
    goodness.append(case)

homogeneity = []
for first, second, minimum in [
    ([30, 50, 20], [60, 100, 40], 5),                         # identical proportions
    ([30, 50, 20], [80, 80, 40], 5),
    ([12, 0, 3, 40, 1], [30, 2, 10, 60, 0], 5),               # sparse and empty columns pooled
    ([500, 10], [100, 110], 5),                               # df = 1, far tail
    ([5, 3], [0, 0], 5),                                      # empty sample
    ([2, 1, 1], [1, 2, 1], 5),                                # everything sparse -> insufficient
]:
    case = {"first": first, "second": second, "minimumExpected": minimum}
    r1, r2 = sum(first), sum(second)
    if r1 == 0 or r2 == 0:
        case["insufficient"] = "emptySample"
        homogeneity.append(case)
        continue
    n = r1 + r2
    cols = [a + b for a, b in zip(first, second)]
    group, count = pool([min(r1, r2) / n * c for c in cols], minimum)
    if count < 2:
        case["insufficient"] = "tooFewCells"
        homogeneity.append(case)
        continue
    table = np.array([aggregate(first, group, count), aggregate(second, group, count)])
    pearson = stats.chi2_contingency(table, correction=False)
    g = stats.chi2_contingency(table, correction=False, lambda_="log-likelihood")
    residuals = []
    for a, c in zip(first, cols):
        e1 = r1 * c / n
        v = e1 * (1 - r1 / n) * (1 - c / n)
        residuals.append((a - e1) / math.sqrt(v) if v > 0 else None)
    case.update({"groupOfCell": group, "g": f(g.statistic), "pValue": f(g.pvalue), "pearson": f(pearson.statistic),
                 "pearsonPValue": f(pearson.pvalue), "degreesOfFreedom": count - 1, "residuals": residuals})
    homogeneity.append(case)

# -- effect sizes and binned KS ------------------------------------------------------------------------------

pairs = [
    ([10, 20, 30, 40], [10, 20, 30, 40]),
    ([10, 20, 30, 40], [1, 2, 3, 4]),
    ([10, 20, 30, 40], [40, 30, 20, 10]),
    ([5, 0, 0, 0], [0, 0, 0, 5]),
    ([50, 30, 0, 20], [45, 25, 10, 20]),
    ([1, 1], [1, 0]),
    ([100, 200, 300, 250, 100, 50], [80, 150, 320, 260, 130, 60]),
]
js = [{"p": a, "q": b, "distance": f(distance.jensenshannon(a, b, base=2))} for a, b in pairs]


def psi(b, a):
    return float(np.sum((a - b) * np.log(a / b)))


psi_counts = []
psi_props = []
wasserstein = []
binned_ks = []
for b, a in pairs:
    k = len(b)
    bb, aa = np.array(b, float), np.array(a, float)
    for eps in [0.5, 1.0]:
        psi_counts.append({"baseline": b, "live": a, "pseudocount": eps,
                           "psi": psi((bb + eps) / (bb.sum() + k * eps), (aa + eps) / (aa.sum() + k * eps))})
    floor = 1e-4
    fb = np.maximum(bb / bb.sum(), floor)
    fa = np.maximum(aa / aa.sum(), floor)
    psi_props.append({"baseline": b, "live": a, "floor": floor, "psi": psi(fb / fb.sum(), fa / fa.sum())})
    w = f(stats.wasserstein_distance(np.arange(k), np.arange(k), u_weights=bb, v_weights=aa)) / (k - 1)
    wasserstein.append({"first": b, "second": a, "distance": w})
    cdf1, cdf2 = np.cumsum(bb) / bb.sum(), np.cumsum(aa) / aa.sum()
    d = f(np.max(np.abs(cdf1 - cdf2)))
    ne = bb.sum() * aa.sum() / (bb.sum() + aa.sum())
    lam = (math.sqrt(ne) + 0.12 + 0.11 / math.sqrt(ne)) * d
    binned_ks.append({"first": b, "second": a, "d": d, "effectiveSampleSize": f(ne),
                      "pValue": f(special.kolmogorov(lam)), "wasserstein": w})
# Large histograms of lengths: a far-tail p-value.
lengths_a = [400, 900, 1500, 1200, 700, 250, 50]
lengths_b = [100, 300, 800, 1300, 1400, 800, 300]
ba, bb_ = np.array(lengths_a, float), np.array(lengths_b, float)
d = f(np.max(np.abs(np.cumsum(ba) / ba.sum() - np.cumsum(bb_) / bb_.sum())))
ne = ba.sum() * bb_.sum() / (ba.sum() + bb_.sum())
lam = (math.sqrt(ne) + 0.12 + 0.11 / math.sqrt(ne)) * d
binned_ks.append({"first": lengths_a, "second": lengths_b, "d": d, "effectiveSampleSize": f(ne),
                  "pValue": f(special.kolmogorov(lam)),
                  "wasserstein": f(stats.wasserstein_distance(np.arange(7), np.arange(7), ba, bb_)) / 6})

# -- quantiles -----------------------------------------------------------------------------------------------

exact_quantiles = []
for values in [[3.0], [1.0, 2.0], [5.0, 1.0, 4.0, 2.0, 3.0], [0.1, 10.0, 2.5, 2.5, 7.0, -3.0, 8.0, 100.0]]:
    qs = [0.0, 0.25, 0.5, 0.95, 0.99, 1.0]
    exact_quantiles.append({"values": values, "qs": qs, "quantiles": [f(np.quantile(values, q)) for q in qs]})

reference = {
    "generator": f"scripts/reference_statistics.py (SciPy {scipy.__version__}, NumPy {np.__version__})",
    "normal": normal, "normalQuantile": normal_quantile, "gamma": gamma, "beta": beta, "chiSquared": chi2,
    "chiSquaredQuantile": chi2_quantile, "chiSquaredInverseSurvival": chi2_isf, "kolmogorov": kolmogorov,
    "binomial": binomial, "fisher": fisher, "twoProportionZ": z_test, "goodnessOfFit": goodness,
    "homogeneity": homogeneity, "jensenShannon": js, "psiCounts": psi_counts, "psiProportions": psi_props,
    "wasserstein": wasserstein, "binnedKS": binned_ks, "exactQuantiles": exact_quantiles,
}
with open(OUT, "w") as out:
    json.dump(reference, out, indent=1, allow_nan=False)
    out.write("\n")
print(f"wrote {OUT}")
