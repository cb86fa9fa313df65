#include "report/markup.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace parley::report {

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out += "\xEF\xBF\xBD";  // U+FFFD: XML allows no other control characters
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string Shorten(std::string_view text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (chars == max_chars - 1) {
      // Keep the whole text if only this last character remains.
      std::size_t rest = 0;
      for (std::size_t j = i; j < text.size(); ++j) rest += (static_cast<unsigned char>(text[j]) & 0xC0) != 0x80;
      if (rest <= 1) return std::string(text);
      return std::string(text.substr(0, i)) + "\xE2\x80\xA6";  // U+2026 HORIZONTAL ELLIPSIS
    }
    ++chars;
  }
  return std::string(text);
}

std::string Px(double value) {
  std::string text = fmt::format("{:.1f}", value);
  return text == "-0.0" ? "0.0" : text;
}

std::string Exact(double value) { return fmt::format("{}", value); }

std::string Percent(double fraction) { return fmt::format("{:.1f}%", 100.0 * fraction); }

std::string Fixed(double value, int digits) {
  std::string text = fmt::format("{:.{}f}", value, digits);
  if (text.starts_with('-') && text.find_first_not_of("-0.") == std::string::npos) text.erase(0, 1);
  return text;
}

std::string Deadline(std::uint64_t rounds, double time_limit_seconds) {
  std::vector<std::string> limits;
  if (rounds) limits.push_back(fmt::format("{} rounds", rounds));
  if (time_limit_seconds > 0) limits.push_back(fmt::format("{} s", time_limit_seconds));
  return limits.empty() ? "none" : fmt::format("{}", fmt::join(limits, " or "));
}

std::string_view PartyColour(std::size_t party) {
  // Blue, vermilion, bluish green, reddish purple, orange, sky blue, yellow, black; yellow is
  // last because it is hard to see on white.
  static constexpr std::array<std::string_view, 8> kColours = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                                               "#E69F00", "#56B4E9", "#B8A400", "#000000"};
  return kColours[party % kColours.size()];
}

namespace {

struct Rgb {
  double r, g, b;
};

// Five stops of the viridis colour map.
constexpr std::array<Rgb, 5> kViridis = {Rgb{68, 1, 84}, Rgb{59, 82, 139}, Rgb{33, 145, 140}, Rgb{94, 201, 98},
                                         Rgb{253, 231, 37}};

Rgb Viridis(double fraction) {
  if (!std::isfinite(fraction)) fraction = 0.0;
  fraction = std::clamp(fraction, 0.0, 1.0);
  const double position = fraction * (kViridis.size() - 1);
  const std::size_t low = std::min<std::size_t>(static_cast<std::size_t>(position), kViridis.size() - 2);
  const double f = position - static_cast<double>(low);
  const Rgb& a = kViridis[low];
  const Rgb& b = kViridis[low + 1];
  return {a.r + (b.r - a.r) * f, a.g + (b.g - a.g) * f, a.b + (b.b - a.b) * f};
}

}  // namespace

std::string HeatColour(double fraction) {
  const Rgb c = Viridis(fraction);
  return fmt::format("#{:02x}{:02x}{:02x}", static_cast<int>(std::lround(c.r)), static_cast<int>(std::lround(c.g)),
                     static_cast<int>(std::lround(c.b)));
}

std::string_view TextColourOn(double fraction) {
  const Rgb c = Viridis(fraction);
  // Relative luminance (sRGB approximated as gamma 2.2): dark text on light cells.
  auto channel = [](double v) { return std::pow(v / 255.0, 2.2); };
  const double luminance = 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  return luminance > 0.2 ? "#000000" : "#ffffff";
}

double Scale::operator()(double value) const {
  const double span = domain_high - domain_low;
  if (span == 0.0) return (range_low + range_high) / 2.0;
  return range_low + (value - domain_low) / span * (range_high - range_low);
}

std::vector<double> Ticks(double low, double high, int count) {
  std::vector<double> ticks;
  if (!(high > low) || count < 1) return {low};
  const double rough = (high - low) / count;
  const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
  double step = magnitude;
  for (const double factor : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    step = factor * magnitude;
    if (step >= rough) break;
  }
  const double first = std::ceil(low / step - 1e-9) * step;
  for (double tick = first; tick <= high + step * 1e-9; tick += step)
    ticks.push_back(std::abs(tick) < step * 1e-9 ? 0.0 : tick);
  return ticks;
}

Plot::Plot(double width_, double height_, double margin_left, double margin_bottom, std::pair<double, double> x_domain,
           std::pair<double, double> y_domain)
    : width(width_), height(height_), left(margin_left), bottom(margin_bottom) {
  x = {x_domain.first, x_domain.second, plot_left(), plot_right()};
  y = {y_domain.first, y_domain.second, plot_bottom(), plot_top()};
}

std::string SvgOpen(double width, double height, std::string_view label, std::string_view extra_class) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart{}{}\" viewBox=\"0 0 {} {}\" role=\"img\" "
      "aria-label=\"{}\">",
      extra_class.empty() ? "" : " ", extra_class, Px(width), Px(height), Escape(label));
}

namespace {

std::string TickText(double value, double step) {
  int digits = 0;
  while (digits < 6 && std::abs(step * std::pow(10.0, digits) - std::round(step * std::pow(10.0, digits))) > 1e-6) {
    ++digits;
  }
  return Fixed(value, digits);
}

}  // namespace

std::string Axes(const Plot& plot, std::string_view x_title, std::string_view y_title, int x_ticks, int y_ticks) {
  std::string out = "<g class=\"grid\">";
  const std::vector<double> xs = Ticks(plot.x.domain_low, plot.x.domain_high, x_ticks);
  const std::vector<double> ys = Ticks(plot.y.domain_low, plot.y.domain_high, y_ticks);
  for (double x : xs) out += Line(plot.x(x), plot.plot_top(), plot.x(x), plot.plot_bottom(), "");
  for (double y : ys) out += Line(plot.plot_left(), plot.y(y), plot.plot_right(), plot.y(y), "");
  out += "</g><g class=\"axis\">";
  out += fmt::format("<rect class=\"frame\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>", Px(plot.plot_left()),
                     Px(plot.plot_top()), Px(plot.plot_right() - plot.plot_left()),
                     Px(plot.plot_bottom() - plot.plot_top()));
  const double x_step = xs.size() > 1 ? xs[1] - xs[0] : 1.0;
  const double y_step = ys.size() > 1 ? ys[1] - ys[0] : 1.0;
  for (double x : xs) out += Text(plot.x(x), plot.plot_bottom() + 17, TickText(x, x_step), "tick", "middle");
  for (double y : ys) out += Text(plot.plot_left() - 7, plot.y(y) + 4, TickText(y, y_step), "tick", "end");
  out +=
      Text((plot.plot_left() + plot.plot_right()) / 2, plot.height - 10, Shorten(x_title, 60), "axis-title", "middle");
  const double y_middle = (plot.plot_top() + plot.plot_bottom()) / 2;
  out += Text(16, y_middle, Shorten(y_title, 50), "axis-title", "middle",
              fmt::format("transform=\"rotate(-90 16 {})\"", Px(y_middle)));
  return out + "</g>";
}

std::string ClipPath(const Plot& plot, std::string_view id) {
  return fmt::format("<clipPath id=\"{}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath>", id,
                     Px(plot.plot_left() - 6), Px(plot.plot_top() - 6), Px(plot.plot_right() - plot.plot_left() + 12),
                     Px(plot.plot_bottom() - plot.plot_top() + 12));
}

namespace {

std::string Shape(std::string_view element, std::string_view geometry, std::string_view css_class,
                  std::string_view style, std::string_view tooltip) {
  std::string out = fmt::format("<{} class=\"{}\" {}", element, css_class, geometry);
  if (!style.empty()) out += fmt::format(" {}", style);
  if (tooltip.empty()) return out + "/>";
  return out + fmt::format("><title>{}</title></{}>", Escape(tooltip), element);
}

}  // namespace

std::string Circle(double cx, double cy, double r, std::string_view css_class, std::string_view style,
                   std::string_view tooltip) {
  return Shape("circle", fmt::format("cx=\"{}\" cy=\"{}\" r=\"{}\"", Px(cx), Px(cy), Px(r)), css_class, style, tooltip);
}

std::string Diamond(double cx, double cy, double r, std::string_view css_class, std::string_view style,
                    std::string_view tooltip) {
  const double d = r * 1.3;
  return Shape("path",
               fmt::format("d=\"M{} {}L{} {}L{} {}L{} {}Z\"", Px(cx), Px(cy - d), Px(cx + d), Px(cy), Px(cx),
                           Px(cy + d), Px(cx - d), Px(cy)),
               css_class, style, tooltip);
}

std::string Square(double cx, double cy, double r, std::string_view css_class, std::string_view style,
                   std::string_view tooltip) {
  return Shape(
      "rect", fmt::format("x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"", Px(cx - r), Px(cy - r), Px(2 * r), Px(2 * r)),
      css_class, style, tooltip);
}

std::string Star(double cx, double cy, double r, std::string_view css_class, std::string_view style,
                 std::string_view tooltip) {
  std::string d;
  for (int k = 0; k < 10; ++k) {
    const double radius = k % 2 == 0 ? r : r * 0.45;
    const double angle = -std::numbers::pi / 2 + k * std::numbers::pi / 5;
    d += fmt::format("{}{} {}", k == 0 ? "M" : "L", Px(cx + radius * std::cos(angle)),
                     Px(cy + radius * std::sin(angle)));
  }
  return Shape("path", fmt::format("d=\"{}Z\"", d), css_class, style, tooltip);
}

std::string Line(double x1, double y1, double x2, double y2, std::string_view css_class, std::string_view style) {
  std::string out = fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"", Px(x1), Px(y1), Px(x2), Px(y2));
  if (!css_class.empty()) out += fmt::format(" class=\"{}\"", css_class);
  if (!style.empty()) out += fmt::format(" {}", style);
  return out + "/>";
}

std::string Polyline(const std::vector<std::pair<double, double>>& points, std::string_view css_class,
                     std::string_view style) {
  std::string coordinates;
  coordinates.reserve(points.size() * 12);
  for (const auto& [x, y] : points) {
    if (!coordinates.empty()) coordinates += ' ';
    coordinates += Px(x) + ',' + Px(y);
  }
  std::string out = fmt::format("<polyline class=\"{}\" points=\"{}\"", css_class, coordinates);
  if (!style.empty()) out += fmt::format(" {}", style);
  return out + "/>";
}

std::string Text(double x, double y, std::string_view text, std::string_view css_class, std::string_view anchor,
                 std::string_view extra) {
  std::string out = fmt::format("<text x=\"{}\" y=\"{}\"", Px(x), Px(y));
  if (!css_class.empty()) out += fmt::format(" class=\"{}\"", css_class);
  if (anchor != "start") out += fmt::format(" text-anchor=\"{}\"", anchor);
  if (!extra.empty()) out += fmt::format(" {}", extra);
  return out + fmt::format(">{}</text>", Escape(text));
}

std::string Legend(const std::vector<LegendEntry>& entries) {
  std::string out = "<ul class=\"legend\">";
  for (const auto& entry : entries) {
    out += fmt::format(
        "<li><svg xmlns=\"http://www.w3.org/2000/svg\" class=\"swatch\" viewBox=\"0 0 16 16\" width=\"16\" "
        "height=\"16\" aria-hidden=\"true\">{}</svg>{}</li>",
        entry.symbol, Escape(entry.label));
  }
  return out + "</ul>";
}

std::string Card(std::string_view label, std::string_view value, std::string_view detail, std::string_view css_class) {
  std::string out = fmt::format("<div class=\"card{}{}\"><div class=\"label\">{}</div><div class=\"value\">{}</div>",
                                css_class.empty() ? "" : " ", css_class, Escape(label), Escape(value));
  if (!detail.empty()) out += fmt::format("<div class=\"detail\">{}</div>", Escape(detail));
  return out + "</div>";
}

namespace {

// Written without '<' or '&', so that the page stays well-formed XML.
constexpr std::string_view kStyle = R"(
:root { --ink: #1c2330; --muted: #5a6372; --line: #dde1e6; --page: #f4f5f7; --card: #ffffff; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--page); color: var(--ink);
  font: 15px/1.45 "DejaVu Sans", "Liberation Sans", system-ui, Arial, sans-serif; }
main { max-width: 1320px; margin: 0 auto; padding: 22px 20px 40px; }
h1 { font-size: 25px; margin: 0 0 2px; }
h2 { font-size: 19px; margin: 0 0 4px; }
h3 { font-size: 15px; margin: 14px 0 4px; }
p { margin: 4px 0 10px; }
.subtitle { color: var(--muted); margin: 0 0 10px; }
details { margin: 0 0 14px; font-size: 14px; }
details p { white-space: pre-line; color: var(--muted); }
summary { cursor: pointer; color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); gap: 12px; margin: 0 0 20px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 10px 14px; }
.card .label { font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); }
.card .value { font-size: 23px; font-weight: 700; margin: 2px 0; overflow-wrap: anywhere; }
.card .detail { font-size: 13px; color: var(--muted); }
.card.good .value { color: #00734f; }
.card.bad .value { color: #a63c00; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px 18px;
  margin: 0 0 20px; }
.panels { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 18px; }
.panels.wide { grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); }
figure { margin: 0; min-width: 0; }
.panels section { margin: 0; min-width: 0; }
.packages-box { min-width: 0; }
.stack { display: flex; flex-direction: column; gap: 12px; min-width: 0; }
figcaption { font-weight: 700; font-size: 15px; margin: 0 0 2px; }
svg.chart { width: 100%; height: auto; display: block; }
.note { font-size: 13px; color: var(--muted); margin: 4px 0; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 13px; margin: 4px 0 8px; padding: 0;
  list-style: none; }
.legend li { display: flex; align-items: center; gap: 6px; }
.legend svg { flex: none; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; font-size: 14px; margin: 6px 0; }
th, td { padding: 4px 10px; text-align: left; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: 0.03em; color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.grid line { stroke: #eceef2; stroke-width: 1; }
.axis .frame { fill: none; stroke: #b9bfc8; }
.axis text { font-size: 12px; fill: #5a6372; }
.axis .axis-title { font-size: 13px; fill: #1c2330; font-weight: 700; }
.outcome { fill: #b4bcc7; fill-opacity: 0.55; }
.key-outcome { fill: #b4bcc7; }
.outcome.zone { fill: #009E73; fill-opacity: 0.6; }
.key-zone-outcome { fill: #009E73; fill-opacity: 0.8; }
.zone-area { fill: #009E73; fill-opacity: 0.07; }
.key-zone { fill: #009E73; fill-opacity: 0.3; }
.frontier, .key-frontier { fill: #1c2330; }
.frontier-line { fill: none; stroke: #1c2330; stroke-width: 1.5; }
.reservation { stroke-width: 1.5; stroke-dasharray: 6 4; fill: none; }
.reservation-end { stroke-width: 1.2; stroke-dasharray: 2 3; fill: none; }
.event { stroke: #1c2330; stroke-width: 1; stroke-dasharray: 3 3; }
.event-label { font-size: 11px; fill: #1c2330; }
.offer-path { fill: none; stroke-width: 1.3; stroke-opacity: 0.55; }
.offer { fill-opacity: 0.85; }
.time-line { fill: none; stroke-width: 1.6; }
.nash, .kalai, .key-nash, .key-kalai { stroke: #000000; stroke-width: 1.2; }
.nash, .key-nash { fill: none; stroke-width: 2; }
.kalai, .key-kalai { fill: #F0E442; }
.agreement, .key-agreement { fill: #F0E442; stroke: #000000; stroke-width: 1.4; }
.package, .key-package { stroke: #000000; stroke-width: 1.2; fill: #CC79A7; }
.package-label { font-size: 11px; font-weight: 700; fill: #1c2330; }
.ci { stroke: #1c2330; stroke-width: 2; }
.mean { fill: #0072B2; stroke: #ffffff; stroke-width: 1.5; }
.row-label { font-size: 13px; fill: #1c2330; }
.value-label { font-size: 12px; fill: #5a6372; }
.cell-label { font-size: 12px; font-weight: 600; }
.cell, .scenario-cell { stroke: #ffffff; stroke-width: 1.5; }
.empty-cell { fill: #eceef2; stroke: #ffffff; stroke-width: 1.5; }
.bar { fill: #56B4E9; }
.bar.removed, .key-bar-removed { fill: #E69F00; }
.key-bar { fill: #56B4E9; }
.baseline { stroke: #1c2330; stroke-width: 1; stroke-dasharray: 4 3; }
footer { color: var(--muted); font-size: 12px; margin-top: 10px; }
@media (max-width: 700px) { .panels, .panels.wide { grid-template-columns: minmax(0, 1fr); } main { padding: 12px 8px; } }
)";

}  // namespace

std::string Page(std::string_view title, std::string_view body) {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>{}</title>\n"
      "<style>{}</style>\n</head>\n<body>\n<main>\n{}\n<footer>Written by Parley. The page is self-contained: "
      "it needs no network and no scripts; hover a point for its details.</footer>\n</main>\n</body>\n</html>\n",
      Escape(title), kStyle, body);
}

}  // namespace parley::report
