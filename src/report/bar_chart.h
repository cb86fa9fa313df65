// Charts of distributions for the reports: histograms whose bars carry their edges and counts, and
// horizontal bar charts whose bars carry error bars (shares with their binomial errors, Sobol
// indices with their intervals). Markup as markup.h writes it; each function returns SVG text.
#ifndef PARLEY_REPORT_BAR_CHART_H_
#define PARLEY_REPORT_BAR_CHART_H_

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "report/markup.h"

namespace parley::report {

// Counts of value_at(0..count-1) in `bins` equal bins of [low, high]: bin b holds
// edge[b] <= v < edge[b + 1], the last bin its upper edge too. Edges are the page's data-low/data-high, so a reader can
// count again.
struct Histogram {
  std::vector<double> edges;
  std::vector<std::size_t> counts;
};
template <typename ValueAt>
Histogram Bin(std::size_t count, double low, double high, std::size_t bins, ValueAt value_at) {
  Histogram histogram;
  for (std::size_t b = 0; b <= bins; ++b) histogram.edges.push_back(low + (high - low) * b / bins);
  histogram.edges.back() = high;
  histogram.counts.assign(bins, 0);
  for (std::size_t j = 0; j < count; ++j) {
    const double v = value_at(j);
    const auto above = std::upper_bound(histogram.edges.begin(), histogram.edges.end(), v);
    const std::size_t b = static_cast<std::size_t>(std::distance(histogram.edges.begin(), above));
    histogram.counts[std::clamp<std::size_t>(b, 1, bins) - 1]++;
  }
  return histogram;
}

// The bars of a histogram between the plot's x edges, heights on the plot's y scale (counts of
// sampled worlds): rects of class `css_class` with data-low, data-high and data-count.
std::string HistogramBars(const Histogram& histogram, const Plot& plot, std::string_view css_class,
                          std::string_view colour);
// The largest count, at least 1 (the top of a histogram's count axis).
std::size_t Largest(const std::vector<std::size_t>& counts);

// A row of a horizontal bar chart: its label, its bars (the first full height, any further one
// thinner, drawn over it) each with an optional error bar (clipped to the axis), and a value label.
// `attributes` go on the row's group or the bar's rect, written as they are.
struct Bar {
  double value = 0.0;
  std::optional<std::pair<double, double>> interval;
  std::string colour, tooltip, attributes;
};
struct BarRow {
  std::string label, value_label, attributes;
  std::vector<Bar> bars;
};

// Bars on [low, high] with a tick axis below; `groups` are drawn one after another under headings.
// The figure's class is `row_class` + "-chart"; `label` is the chart's accessible name.
struct BarChartLook {
  std::string_view row_class, bar_class, x_title;
  std::pair<double, double> domain{0.0, 1.0};
  bool percent = true;
  std::string caption, figure_attributes;
};
std::string BarChart(const std::vector<std::pair<std::string, std::vector<BarRow>>>& groups, std::string_view label,
                     const BarChartLook& look);

}  // namespace parley::report

#endif  // PARLEY_REPORT_BAR_CHART_H_
