"""
Statistics of A/B tests: conversion rates with intervals, the two-proportion
z-test and the sample size to decide before a test starts.

Each variant is compared with the original. With more than one variant the
significance level is split between the comparisons (Bonferroni), so adding
variants does not make a false winner more likely.
"""

import math
from dataclasses import dataclass
from statistics import NormalDist

ALPHA = 0.05
POWER = 0.8
_normal = NormalDist()


def z_for(probability):
    return _normal.inv_cdf(probability)


def wilson(successes, n, alpha=ALPHA):
    """Wilson score interval of a proportion; (0, 0) without data."""
    if n <= 0:
        return 0.0, 0.0
    z = z_for(1 - alpha / 2)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def two_proportion_test(x1, n1, x2, n2):
    """Two-sided z-test of p1 = p2 with the pooled proportion: (z, p-value)."""
    if n1 <= 0 or n2 <= 0:
        return 0.0, 1.0
    pooled = (x1 + x2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return 0.0, 1.0
    z = (x2 / n2 - x1 / n1) / se
    return z, 2 * (1 - _normal.cdf(abs(z)))


def difference_interval(x1, n1, x2, n2, alpha=ALPHA):
    """Interval of p2 - p1 (Newcombe's hybrid score method, from Wilson intervals)."""
    if n1 <= 0 or n2 <= 0:
        return 0.0, 0.0
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = wilson(x1, n1, alpha)
    l2, u2 = wilson(x2, n2, alpha)
    difference = p2 - p1
    low = difference - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)
    high = difference + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)
    return low, high


def sample_size(baseline, effect, variants=1, alpha=ALPHA, power=POWER):
    """
    Orders per arm to detect an absolute change ``effect`` from the rate
    ``baseline`` (both as fractions) with a two-sided test, each of
    ``variants`` comparisons at alpha / variants.
    """
    p1, p2 = baseline, baseline + effect
    if not (0 < p1 < 1 and 0 < p2 < 1) or effect == 0:
        raise ValueError("baseline and baseline + effect must lie strictly between 0 and 1")
    z_alpha = z_for(1 - alpha / (2 * max(1, variants)))
    z_beta = z_for(power)
    mean = (p1 + p2) / 2
    numerator = z_alpha * math.sqrt(2 * mean * (1 - mean)) + z_beta * math.sqrt(
        p1 * (1 - p1) + p2 * (1 - p2)
    )
    return math.ceil(numerator**2 / effect**2)


@dataclass
class Comparison:
    """A variant against the original."""

    difference: float | None
    low: float | None
    high: float | None
    p_value: float
    significant: bool


def compare(control, variant, comparisons=1, alpha=ALPHA):
    """
    Compare (conversions, orders) pairs at alpha / comparisons. Significant
    means the interval shown excludes no difference: near the threshold the
    z-test's p-value and the interval can disagree, and the merchant reads
    the interval. Without orders on both sides there is nothing to compare.
    """
    level = alpha / max(1, comparisons)
    (x1, n1), (x2, n2) = control, variant
    if n1 <= 0 or n2 <= 0:
        return Comparison(None, None, None, 1.0, False)
    _z, p_value = two_proportion_test(x1, n1, x2, n2)
    low, high = difference_interval(x1, n1, x2, n2, level)
    return Comparison(x2 / n2 - x1 / n1, low, high, p_value, low > 0 or high < 0)
