// Sobol indices of a Python user's own model (include/parley/sensitivity.h): either Parley draws
// the Saltelli design and calls the model on it, one matrix at a time (so a numpy model evaluates
// N rows per call), or the user brings the outputs on a design of their own.
#include <string>
#include <vector>

#include <fmt/format.h>
#include <pybind11/stl.h>

#include "bindings.h"
#include "conversions.h"
#include "parley/error.h"
#include "parley/sensitivity.h"

namespace parley::python {
namespace {

py::dict EstimateDict(const SobolEstimate& estimate) {
  const std::size_t k = estimate.indices.size();
  std::vector<double> columns[8];
  for (const SobolIndex& index : estimate.indices) {
    const double fields[8] = {index.first, index.first_error, index.first_low, index.first_high,
                              index.total, index.total_error, index.total_low, index.total_high};
    for (std::size_t f = 0; f < 8; ++f) columns[f].push_back(fields[f]);
  }
  py::dict dict;
  dict["mean"] = estimate.mean;
  dict["variance"] = estimate.variance;
  const char* names[8] = {"first", "first_error", "first_low", "first_high",
                          "total", "total_error", "total_low", "total_high"};
  for (std::size_t f = 0; f < 8; ++f) dict[names[f]] = Array({k}, columns[f], "float64");
  return dict;
}

// A model's outputs on one matrix of the design: `rows` values, or rows x m. Returns them by
// output, [output][row].
std::vector<std::vector<double>> ModelOutputs(const py::object& model, std::size_t rows, std::size_t dimension,
                                              const std::vector<double>& points, const char* matrix) {
  const py::object result = model(Matrix(rows, dimension, points));
  std::vector<std::vector<double>> by_output;
  try {
    by_output = {result.cast<std::vector<double>>()};
  } catch (const py::cast_error&) {
    std::vector<std::vector<double>> by_row;
    try {
      by_row = result.cast<std::vector<std::vector<double>>>();
    } catch (const py::cast_error&) {
      throw UsageError(
          fmt::format("sobol_indices: the model's value on matrix {} is not a sequence of numbers "
                      "(one per row) nor of rows of numbers (one per output)",
                      matrix));
    }
    const std::size_t outputs = by_row.empty() ? 0 : by_row.front().size();
    by_output.assign(outputs, std::vector<double>(by_row.size()));
    for (std::size_t j = 0; j < by_row.size(); ++j) {
      if (by_row[j].size() != outputs) {
        throw UsageError(fmt::format("sobol_indices: the model's row {} on matrix {} has {} outputs, row 0 has {}", j,
                                     matrix, by_row[j].size(), outputs));
      }
      for (std::size_t o = 0; o < outputs; ++o) by_output[o][j] = by_row[j][o];
    }
  }
  if (by_output.empty() || by_output.front().size() != rows) {
    throw UsageError(fmt::format("sobol_indices: the model gave {} values on matrix {}, expected one per row ({})",
                                 by_output.empty() ? 0 : by_output.front().size(), matrix, rows));
  }
  return by_output;
}

py::object SobolIndicesOf(const py::object& model_or_outputs, std::optional<std::size_t> dimension,
                          std::optional<std::size_t> rows, std::uint64_t seed, const std::string& errors,
                          std::size_t bootstrap, std::uint64_t bootstrap_seed) {
  SobolOptions options;
  options.errors = SobolErrorsNamed("errors", errors);
  options.bootstrap = bootstrap;
  options.seed = bootstrap_seed;
  if (!PyCallable_Check(model_or_outputs.ptr())) {
    if (dimension || rows) {
      throw UsageError("sobol_indices: dimension and rows are for a model; outputs (f_a, f_b, f_ab) say them");
    }
    std::vector<double> f_a, f_b;
    std::vector<std::vector<double>> f_ab;
    try {
      if (!py::isinstance<py::sequence>(model_or_outputs) || py::len(model_or_outputs) != 3) throw py::cast_error();
      const auto outputs = py::reinterpret_borrow<py::sequence>(model_or_outputs);
      f_a = outputs[0].cast<std::vector<double>>();
      f_b = outputs[1].cast<std::vector<double>>();
      f_ab = outputs[2].cast<std::vector<std::vector<double>>>();
    } catch (const py::cast_error&) {
      throw UsageError(
          "sobol_indices: expected a model (a callable) or the outputs (f_a, f_b, f_ab): two sequences of N numbers "
          "and k sequences of N numbers");
    }
    SobolEstimate estimate;
    {
      py::gil_scoped_release release;
      estimate = EstimateSobol(f_a, f_b, f_ab, options);
    }
    return EstimateDict(estimate);
  }
  if (!dimension || !rows) throw UsageError("sobol_indices: a model needs dimension (k) and rows (N)");
  if (*dimension == 0) throw UsageError("sobol_indices: dimension must be at least 1");
  if (*rows < 2) throw UsageError(fmt::format("sobol_indices: rows must be at least 2, found {}", *rows));
  const std::size_t k = *dimension, n = *rows;
  std::vector<double> a(n * k), b(n * k);
  for (std::size_t j = 0; j < n; ++j) {
    DesignRowA(seed, j, std::span<double>(a.data() + j * k, k));
    DesignRowB(seed, j, std::span<double>(b.data() + j * k, k));
  }
  const auto f_a = ModelOutputs(model_or_outputs, n, k, a, "A");
  const auto f_b = ModelOutputs(model_or_outputs, n, k, b, "B");
  std::vector<std::vector<std::vector<double>>> f_ab(f_a.size());  // [output][input][row]
  for (std::size_t i = 0; i < k; ++i) {
    std::vector<double> mixed = a;
    for (std::size_t j = 0; j < n; ++j) mixed[j * k + i] = b[j * k + i];
    const auto outputs = ModelOutputs(model_or_outputs, n, k, mixed, fmt::format("AB_{}", i).c_str());
    if (outputs.size() != f_a.size()) {
      throw UsageError(fmt::format("sobol_indices: the model gave {} outputs on matrix AB_{}, {} on matrix A",
                                   outputs.size(), i, f_a.size()));
    }
    for (std::size_t o = 0; o < outputs.size(); ++o) f_ab[o].push_back(outputs[o]);
  }
  if (f_b.size() != f_a.size()) {
    throw UsageError(
        fmt::format("sobol_indices: the model gave {} outputs on matrix B, {} on matrix A", f_b.size(), f_a.size()));
  }
  std::vector<SobolEstimate> estimates(f_a.size());
  {
    py::gil_scoped_release release;
    for (std::size_t o = 0; o < f_a.size(); ++o) estimates[o] = EstimateSobol(f_a[o], f_b[o], f_ab[o], options);
  }
  if (estimates.size() == 1) return EstimateDict(estimates.front());
  py::list list;
  for (const auto& estimate : estimates) list.append(EstimateDict(estimate));
  return list;
}

}  // namespace

void BindSensitivity(py::module_& m) {
  const SobolOptions defaults;
  m.def("sobol_indices", &SobolIndicesOf, py::arg("model_or_outputs"), py::kw_only(), py::arg("dimension") = py::none(),
        py::arg("rows") = py::none(), py::arg("seed") = 0, py::arg("errors") = SobolErrorsName(defaults.errors),
        py::arg("bootstrap") = defaults.bootstrap, py::arg("bootstrap_seed") = defaults.seed,
        "First-order and total Sobol indices with their Monte Carlo errors (docs/uncertainty.md). Either a model "
        "of the unit cube, called with an N x dimension array of points (the Saltelli design's A, B and each "
        "AB_i for `seed`, rows = N, k + 2 calls) and returning N outputs or N x m, or the outputs "
        "(f_a, f_b, f_ab) of a design of one's own: f_a and f_b of N rows, f_ab of k inputs x N rows. Returns a "
        "dict (a list of them for m outputs): 'mean', 'variance' and arrays of one value per input, 'first', "
        "'first_error', 'first_low', 'first_high', 'total', 'total_error', 'total_low', 'total_high' (NaN when "
        "the output is constant). errors is 'bootstrap' (bootstrap resamples, seeded by bootstrap_seed) or "
        "'clt' (the delta method).");
}

}  // namespace parley::python
