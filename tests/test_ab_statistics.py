"""A/B statistics against textbook examples."""

import pytest

from thankyou.analytics import stats


def test_two_proportion_z_test_matches_the_textbook():
    """
    Illowsky & Dean, *Introductory Statistics* (OpenStax), "Comparing Two
    Independent Population Proportions", the hives example: 20 of 200 adults
    on medication A and 12 of 200 on medication B still had hives; two-tailed
    test; pooled proportion 0.08; p-value = 0.1404; not significant at 1 %.
    """
    z, p_value = stats.two_proportion_test(20, 200, 12, 200)
    assert round(p_value, 4) == 0.1404
    assert round(abs(z), 2) == 1.47
    assert not stats.compare((20, 200), (12, 200), alpha=0.01).significant


def test_wilson_interval_matches_the_textbook():
    """
    Newcombe (1998), "Two-sided confidence intervals for the single
    proportion: comparison of seven methods", Statistics in Medicine 17,
    857-872, Table I: 81 of 263, score method, 95 %: 0.2553 to 0.3662.
    """
    low, high = stats.wilson(81, 263)
    assert (round(low, 4), round(high, 4)) == (0.2553, 0.3662)


def test_sample_size_for_a_two_sided_test_at_80_percent_power():
    # 10 % -> 15 %, alpha 0.05, power 0.8: the usual pooled formula gives 686 per arm.
    assert stats.sample_size(0.10, 0.05) == 686
    # Two variants against the original: each comparison at alpha / 2 needs more.
    assert stats.sample_size(0.10, 0.05, variants=2) > 686
    with pytest.raises(ValueError):
        stats.sample_size(0.98, 0.05)


def test_a_clear_difference_is_significant_and_its_interval_excludes_zero():
    result = stats.compare((100, 1000), (150, 1000))
    assert result.significant
    assert 0 < result.low < 0.05 < result.high
    none = stats.compare((0, 0), (0, 0))
    assert not none.significant


def test_significant_means_the_interval_shown_excludes_zero():
    # 23 of 200 against 37 of 200: the z-test's p is 0.04995, just under 5 %,
    # while Newcombe's interval runs from -0.0003: it includes no difference.
    assert stats.two_proportion_test(23, 200, 37, 200)[1] < 0.05
    result = stats.compare((23, 200), (37, 200))
    assert result.low < 0 < result.high
    assert not result.significant


def test_without_orders_on_both_sides_there_is_no_difference_to_show():
    result = stats.compare((0, 0), (3, 40))
    assert (result.difference, result.low, result.high, result.significant) == (
        None,
        None,
        None,
        False,
    )
