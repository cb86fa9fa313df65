"""Sobol indices of a Python model, or of outputs on a design of one's own, against analytic values."""

import numpy as np
import pytest

import parley

# Y = a + 2 b with a, b uniform on (0, 1): Var(a) = 1/12, Var(2 b) = 4/12, no interaction, so the
# first-order and total indices are both 1/5 for a and 4/5 for b.
EXPECTED = np.array([0.2, 0.8])


def additive(points):
    return points[:, 0] + 2.0 * points[:, 1]


@pytest.mark.parametrize("errors", ["bootstrap", "clt"])
def test_additive_model_within_four_errors(errors):
    result = parley.sobol_indices(additive, dimension=2, rows=4000, seed=3, errors=errors, bootstrap=200)
    assert result["mean"] == pytest.approx(1.5, abs=4 * np.sqrt(5 / 12 / 8000))
    for kind in ("first", "total"):
        assert result[kind].shape == (2,)
        assert np.all(result[kind + "_error"] > 0)
        assert np.all(np.abs(result[kind] - EXPECTED) <= 4 * result[kind + "_error"]), kind
        assert np.all(result[kind + "_low"] <= result[kind]) and np.all(result[kind] <= result[kind + "_high"])


def test_outputs_of_ones_own_design_within_four_errors():
    rng = np.random.default_rng(12)
    n = 4000
    a, b = rng.random((n, 2)), rng.random((n, 2))
    f_ab = []
    for i in range(2):
        mixed = a.copy()
        mixed[:, i] = b[:, i]
        f_ab.append(additive(mixed))
    result = parley.sobol_indices((additive(a), additive(b), np.array(f_ab)))
    for kind in ("first", "total"):
        assert np.all(np.abs(result[kind] - EXPECTED) <= 4 * result[kind + "_error"]), kind


def test_the_design_is_parleys_and_several_outputs_give_several_estimates():
    calls = []

    def model(points):
        calls.append(np.array(points))
        return np.stack([points[:, 0], additive(points)], axis=1)

    results = parley.sobol_indices(model, dimension=2, rows=500, seed=4)
    assert len(calls) == 4  # A, B, AB_0, AB_1
    a, b, ab0, ab1 = calls
    assert np.array_equal(ab0[:, 0], b[:, 0]) and np.array_equal(ab0[:, 1], a[:, 1])
    assert np.array_equal(ab1[:, 0], a[:, 0]) and np.array_equal(ab1[:, 1], b[:, 1])
    assert len(results) == 2
    # The first output is input 0 alone: its total index for input 1 is exactly 0.
    assert results[0]["total"][1] == 0.0
    alone = parley.sobol_indices(additive, dimension=2, rows=500, seed=4)
    assert np.array_equal(alone["first"], results[1]["first"])


def test_a_constant_output_has_nan_indices():
    result = parley.sobol_indices(lambda points: np.ones(len(points)), dimension=3, rows=10)
    assert result["variance"] == 0.0 and np.all(np.isnan(result["first"]))


@pytest.mark.parametrize("call, message", [
    (lambda: parley.sobol_indices(additive, dimension=2, rows=10, errors="exact"),
     "errors 'exact': expected bootstrap or clt"),
    (lambda: parley.sobol_indices(additive, rows=10), "sobol_indices: a model needs dimension (k) and rows (N)"),
    (lambda: parley.sobol_indices(additive, dimension=2, rows=1), "sobol_indices: rows must be at least 2, found 1"),
    (lambda: parley.sobol_indices(additive, dimension=0, rows=5), "sobol_indices: dimension must be at least 1"),
    (lambda: parley.sobol_indices(lambda points: [1.0, 2.0, 3.0], dimension=2, rows=10),
     "sobol_indices: the model gave 3 values on matrix A, expected one per row (10)"),
    (lambda: parley.sobol_indices(lambda points: "none", dimension=2, rows=10),
     "sobol_indices: the model's value on matrix A is not a sequence of numbers (one per row) nor of rows of "
     "numbers (one per output)"),
    (lambda: parley.sobol_indices(([1.0, 2.0], [1.0, 2.0])),
     "sobol_indices: expected a model (a callable) or the outputs (f_a, f_b, f_ab): two sequences of N numbers "
     "and k sequences of N numbers"),
    (lambda: parley.sobol_indices(([1.0, 2.0], [1.0, 2.0], [[1.0]])),
     "Sobol estimate: f_ab[0] has 1 values, expected 2 (one per row of A)"),
    (lambda: parley.sobol_indices(([1.0, 2.0], [1.0, 2.0], [[1.0, 3.0]]), dimension=1),
     "sobol_indices: dimension and rows are for a model; outputs (f_a, f_b, f_ab) say them"),
    (lambda: parley.sobol_indices(additive, dimension=2, rows=10, bootstrap=1),
     "Sobol estimate: the bootstrap needs at least 2 resamples, found 1"),
])
def test_bad_arguments_are_refused_with_their_messages(call, message):
    with pytest.raises(parley.UsageError) as error:
        call()
    assert str(error.value) == message
