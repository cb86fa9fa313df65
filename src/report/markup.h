// The building blocks every report is drawn with: escaping, numbers, the colour-blind-safe
// palette, scales and axes of SVG charts, markers, legends and the page around them.
//
// Everything here writes markup that is well-formed XML as well as HTML5 (every element closed,
// every attribute quoted, only the five XML entities), so that a report can be read back with an
// XML parser, and names taken from scenario files are always passed through Escape().
#ifndef PARLEY_REPORT_MARKUP_H_
#define PARLEY_REPORT_MARKUP_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace parley::report {

// Text for an element's content or an attribute value: & < > " ' become entities and control
// characters (invalid in XML) become U+FFFD.
std::string Escape(std::string_view text);
// A long name shortened to `max_chars` characters (UTF-8 aware) with an ellipsis.
std::string Shorten(std::string_view text, std::size_t max_chars);
// A pixel coordinate: one decimal, no "-0".
std::string Px(double value);
// A utility or other number for people: `digits` decimals.
std::string Fixed(double value, int digits = 3);
// A number for programs reading the page (data- attributes): the shortest text that reads back
// as the same double.
std::string Exact(double value);
// A share for people: "12.5%".
std::string Percent(double fraction);
// A negotiation's deadline for people: "1000 rounds", "2 s", "1000 rounds or 2 s", or "none".
std::string Deadline(std::uint64_t rounds, double time_limit_seconds);

// Okabe and Ito's palette, told apart with the common colour-vision deficiencies. Parties take
// the colours in turn order; mediators are drawn in dark grey.
std::string_view PartyColour(std::size_t party);
inline constexpr std::string_view kMediatorColour = "#4d4d4d";
// A sequential colour for a value in [0, 1] for heat maps (viridis: dark purple for low values,
// yellow for high ones; it reads the same with the common colour-vision deficiencies).
std::string HeatColour(double fraction);
// Black or white, whichever reads better on HeatColour(fraction).
std::string_view TextColourOn(double fraction);

// A linear map from data to pixels.
struct Scale {
  double domain_low = 0.0, domain_high = 1.0;
  double range_low = 0.0, range_high = 1.0;
  double operator()(double value) const;
};

// Round tick values covering [low, high], about `count` of them.
std::vector<double> Ticks(double low, double high, int count);

// A chart: an SVG of `width` x `height` (its viewBox; it scales to the page's width) with a
// plotting area inside margins, and scales from data to that area.
struct Plot {
  double width = 560, height = 420;
  double left = 64, top = 20, right = 20, bottom = 52;  // margins
  Scale x, y;

  Plot(double width, double height, double margin_left, double margin_bottom, std::pair<double, double> x_domain,
       std::pair<double, double> y_domain);
  double plot_left() const { return left; }
  double plot_right() const { return width - right; }
  double plot_top() const { return top; }
  double plot_bottom() const { return height - bottom; }
};

// <svg> opening tag: class "chart", viewBox, and `label` as its accessible name (role="img").
std::string SvgOpen(double width, double height, std::string_view label, std::string_view extra_class = "");
// Grid lines, ticks, tick labels and the axis titles (escaped here).
std::string Axes(const Plot& plot, std::string_view x_title, std::string_view y_title, int x_ticks = 6,
                 int y_ticks = 6);
// A clip path named `id` for the plotting area, so that lines leaving it are cut at its edge.
std::string ClipPath(const Plot& plot, std::string_view id);

// Markers. `css_class` goes on the shape; `tooltip` (escaped here) becomes an SVG <title>, which
// browsers show on hover; `style` is extra attributes written as they are (fill="...").
std::string Circle(double cx, double cy, double r, std::string_view css_class, std::string_view style,
                   std::string_view tooltip = "");
std::string Diamond(double cx, double cy, double r, std::string_view css_class, std::string_view style,
                    std::string_view tooltip = "");
std::string Square(double cx, double cy, double r, std::string_view css_class, std::string_view style,
                   std::string_view tooltip = "");
std::string Star(double cx, double cy, double r, std::string_view css_class, std::string_view style,
                 std::string_view tooltip = "");
std::string Line(double x1, double y1, double x2, double y2, std::string_view css_class, std::string_view style = "");
// An open polyline through `points` (pixels).
std::string Polyline(const std::vector<std::pair<double, double>>& points, std::string_view css_class,
                     std::string_view style = "");
// SVG text; `anchor` is start, middle or end.
std::string Text(double x, double y, std::string_view text, std::string_view css_class,
                 std::string_view anchor = "start", std::string_view extra = "");

// A legend: one entry per symbol (a small SVG drawn by the caller at 0..16 x 0..16) and label.
struct LegendEntry {
  std::string symbol;  // SVG content in a 16 x 16 box
  std::string label;   // plain text, escaped by Legend()
};
std::string Legend(const std::vector<LegendEntry>& entries);

// A summary card: a small label, a big value, a line of detail (all plain text).
std::string Card(std::string_view label, std::string_view value, std::string_view detail = "",
                 std::string_view css_class = "");

// A whole page: the head with its style sheet, the title (plain text) and `body` (markup).
std::string Page(std::string_view title, std::string_view body);

}  // namespace parley::report

#endif  // PARLEY_REPORT_MARKUP_H_
