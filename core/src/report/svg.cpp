// SPDX-License-Identifier: MIT
#include "svg.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace cspcast::report::svg {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += ch;
    }
  }
  return out;
}

std::string num(double v) {
  if (!std::isfinite(v)) v = 0.0;
  std::array<char, 32> buf{};
  std::snprintf(buf.data(), buf.size(), "%.2f", v);
  std::string s(buf.data());
  while (s.find('.') != std::string::npos &&
         (s.back() == '0' || s.back() == '.')) {
    const bool dot = s.back() == '.';
    s.pop_back();
    if (dot) break;
  }
  return s == "-0" ? "0" : s;
}

std::vector<double> ticks(double lo, double hi, int count) {
  if (!(hi > lo)) {
    hi = lo + 1.0;
  }
  const double raw = (hi - lo) / std::max(1, count);
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = mag;
  for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    step = m * mag;
    if (step >= raw) break;
  }
  std::vector<double> out;
  for (double t = std::ceil(lo / step) * step; t <= hi + 1e-9 * step;
       t += step) {
    out.push_back(std::abs(t) < 1e-12 * step ? 0.0 : t);
  }
  return out;
}

Canvas::Canvas(double width, double height, std::string title, std::string desc)
    : width_(width),
      height_(height),
      title_(std::move(title)),
      desc_(std::move(desc)) {}

void Canvas::rect(
    double x, double y, double w, double h, std::string_view style) {
  body_ += "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" +
           num(std::max(0.0, w)) + "\" height=\"" + num(std::max(0.0, h)) +
           "\" " + std::string(style) + "/>\n";
}

void Canvas::line(
    double x1, double y1, double x2, double y2, std::string_view style) {
  body_ += "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" +
           num(x2) + "\" y2=\"" + num(y2) + "\" " + std::string(style) + "/>\n";
}

namespace {
std::string points(const std::vector<std::pair<double, double>>& pts) {
  std::string s;
  for (const auto& [x, y] : pts) {
    if (!s.empty()) s += ' ';
    s += num(x) + "," + num(y);
  }
  return s;
}
}  // namespace

void Canvas::polyline(const std::vector<std::pair<double, double>>& pts,
                      std::string_view style) {
  if (pts.empty()) return;
  body_ += "<polyline fill=\"none\" points=\"" + points(pts) + "\" " +
           std::string(style) + "/>\n";
}

void Canvas::polygon(const std::vector<std::pair<double, double>>& pts,
                     std::string_view style) {
  if (pts.empty()) return;
  body_ +=
      "<polygon points=\"" + points(pts) + "\" " + std::string(style) + "/>\n";
}

void Canvas::circle(double x, double y, double r, std::string_view style) {
  body_ += "<circle cx=\"" + num(x) + "\" cy=\"" + num(y) + "\" r=\"" + num(r) +
           "\" " + std::string(style) + "/>\n";
}

void Canvas::text(double x,
                  double y,
                  std::string_view s,
                  std::string_view style,
                  std::string_view anchor) {
  body_ += "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" +
           std::string(anchor) + "\" " + std::string(style) + ">" + escape(s) +
           "</text>\n";
}

std::string Canvas::str() const {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
         num(width_) + " " + num(height_) + "\" width=\"" + num(width_) +
         "\" height=\"" + num(height_) +
         "\" role=\"img\" font-family=\"Arial, Helvetica, sans-serif\" "
         "font-size=\"12\">\n<title>" +
         escape(title_) + "</title>\n<desc>" + escape(desc_) + "</desc>\n" +
         body_ + "</svg>\n";
}

void month_axes(Canvas& c, const Frame& f, std::string_view y_label) {
  const char* grid = "stroke=\"#BFBFBF\" stroke-width=\"0.5\"";
  const char* axis = "stroke=\"#3D3D3D\" stroke-width=\"1\"";
  const char* label = "fill=\"#3D3D3D\" font-size=\"11\"";
  for (const double t : ticks(f.y0, f.y1)) {
    c.line(f.left, f.y(t), f.left + f.width, f.y(t), grid);
    c.text(f.left - 6, f.y(t) + 4, svg::num(t), label, "end");
  }
  c.line(f.left, f.top + f.height, f.left + f.width, f.top + f.height, axis);
  c.line(f.left, f.top, f.left, f.top + f.height, axis);
  const int first = static_cast<int>(std::ceil(f.x0));
  const int last = static_cast<int>(std::floor(f.x1));
  const int span = last - first;
  for (int m = first; m <= last; ++m) {
    const YearMonth ym = YearMonth::from_index(m);
    const bool major = ym.month() == 4;
    if (!major && !(span <= 30 && ym.month() == 10)) continue;
    c.line(f.x(m), f.top + f.height, f.x(m), f.top + f.height + 4, axis);
    static constexpr std::array<const char*, 12> kNames = {"Jan",
                                                           "Feb",
                                                           "Mar",
                                                           "Apr",
                                                           "May",
                                                           "Jun",
                                                           "Jul",
                                                           "Aug",
                                                           "Sep",
                                                           "Oct",
                                                           "Nov",
                                                           "Dec"};
    c.text(f.x(m),
           f.top + f.height + 16,
           std::string(kNames[static_cast<std::size_t>(ym.month() - 1)]) + " " +
               std::to_string(ym.year()),
           label,
           "middle");
  }
  c.text(f.left - 52, f.top - 12, y_label, label, "start");
}

void value_axes(Canvas& c,
                const Frame& f,
                std::string_view x_label,
                std::string_view y_label) {
  const char* axis = "stroke=\"#3D3D3D\" stroke-width=\"1\"";
  const char* label = "fill=\"#3D3D3D\" font-size=\"11\"";
  c.line(f.left, f.top + f.height, f.left + f.width, f.top + f.height, axis);
  for (const double t : ticks(f.x0, f.x1, 6)) {
    c.line(f.x(t), f.top + f.height, f.x(t), f.top + f.height + 4, axis);
    c.text(f.x(t), f.top + f.height + 16, svg::num(t), label, "middle");
  }
  c.text(f.left + f.width / 2, f.top + f.height + 32, x_label, label, "middle");
  c.text(f.left, f.top - 10, y_label, label, "start");
}

}  // namespace cspcast::report::svg
