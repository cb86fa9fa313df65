// Histograms and bar charts with error bars (bar_chart.h).
#include "report/bar_chart.h"

#include <fmt/format.h>

namespace parley::report {
namespace {

std::string BarRows(const std::vector<BarRow>& rows, std::string_view row_class, std::string_view bar_class,
                    double first_y, const Plot& plot) {
  constexpr double kRowHeight = 24;
  std::string out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const BarRow& row = rows[r];
    const double y = first_y + kRowHeight * r, middle = y + 11;
    out += fmt::format("<g class=\"{}\" {}>", row_class, row.attributes);
    out += Text(plot.plot_left() - 10, y + 15, Shorten(row.label, 34), "row-label", "end");
    for (std::size_t b = 0; b < row.bars.size(); ++b) {
      const Bar& bar = row.bars[b];
      const double height = b == 0 ? 14 : 6;
      const double x0 = plot.x(std::min(0.0, bar.value)), x1 = plot.x(std::max(0.0, bar.value));
      out += fmt::format(
          "<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" data-value=\"{}\" {}>"
          "<title>{}</title></rect>",
          bar_class, Px(x0), Px(middle - height / 2), Px(x1 - x0), Px(height), bar.colour, Exact(bar.value),
          bar.attributes, Escape(bar.tooltip));
      if (bar.interval) {
        const double low = plot.x(std::max(plot.x.domain_low, bar.interval->first));
        const double high = plot.x(std::min(plot.x.domain_high, bar.interval->second));
        const double end = height / 2 + 1;
        out += Line(low, middle, high, middle, "ci");
        out += Line(low, middle - end, low, middle + end, "ci-end", "stroke=\"#1c2330\"");
        out += Line(high, middle - end, high, middle + end, "ci-end", "stroke=\"#1c2330\"");
      }
    }
    out += Text(plot.plot_right() + 8, y + 15, row.value_label, "value-label");
    out += "</g>";
  }
  return out;
}

}  // namespace

// The bars of a histogram between the plot's x edges, heights on the plot's y scale (counts).
std::string HistogramBars(const Histogram& histogram, const Plot& plot, std::string_view css_class,
                          std::string_view colour) {
  std::string out;
  for (std::size_t b = 0; b < histogram.counts.size(); ++b) {
    const double x0 = plot.x(histogram.edges[b]), x1 = plot.x(histogram.edges[b + 1]);
    const double y = plot.y(static_cast<double>(histogram.counts[b]));
    out += fmt::format(
        "<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" data-low=\"{}\" data-high=\"{}\" "
        "data-count=\"{}\"><title>{}</title></rect>",
        css_class, Px(x0), Px(y), Px(std::max(0.0, x1 - x0 - 0.5)), Px(plot.plot_bottom() - y), colour,
        Exact(histogram.edges[b]), Exact(histogram.edges[b + 1]), histogram.counts[b],
        Escape(fmt::format("{} to {}: {} worlds", Fixed(histogram.edges[b], 4), Fixed(histogram.edges[b + 1], 4),
                           histogram.counts[b])));
  }
  return out;
}

std::size_t Largest(const std::vector<std::size_t>& counts) {
  return std::max<std::size_t>(1, counts.empty() ? 1 : *std::max_element(counts.begin(), counts.end()));
}

std::string BarChart(const std::vector<std::pair<std::string, std::vector<BarRow>>>& groups, std::string_view label,
                     const BarChartLook& look) {
  const auto& [row_class, bar_class, x_title, domain, percent, caption, figure_attributes] = look;
  std::size_t rows = 0;
  for (const auto& group : groups) rows += group.second.size() + (group.first.empty() ? 0 : 1);
  const double height = 12 + 24.0 * rows + 44;
  Plot plot(780, height, 250, 44, domain, {0.0, 1.0});
  plot.right = 250;
  plot.top = 12;
  plot.x = {domain.first, domain.second, plot.plot_left(), plot.plot_right()};
  std::string out = fmt::format("<figure class=\"{}-chart\" style=\"max-width: {}px\"{}{}>", row_class, Px(plot.width),
                                figure_attributes.empty() ? "" : " ", figure_attributes);
  if (!caption.empty()) out += fmt::format("<figcaption>{}</figcaption>", Escape(caption));
  out += SvgOpen(plot.width, plot.height, label);
  out += "<g class=\"grid\">";
  const std::vector<double> ticks = Ticks(domain.first, domain.second, 5);
  for (double t : ticks) out += Line(plot.x(t), plot.plot_top(), plot.x(t), plot.plot_bottom(), "");
  out += "</g><g class=\"axis\">";
  for (double t : ticks) {
    out += Text(plot.x(t), plot.plot_bottom() + 16, percent ? Percent(t) : Fixed(t, 2), "tick", "middle");
  }
  out += "</g>";
  double y = plot.plot_top();
  for (const auto& [heading, group] : groups) {
    if (!heading.empty()) {
      out += Text(plot.plot_left() - 10, y + 16, heading, "axis-title", "end");
      y += 24;
    }
    out += BarRows(group, row_class, bar_class, y, plot);
    y += 24.0 * group.size();
  }
  out += Text((plot.plot_left() + plot.plot_right()) / 2, plot.height - 8, x_title, "axis-title", "middle");
  return out + "</svg></figure>";
}

}  // namespace parley::report
