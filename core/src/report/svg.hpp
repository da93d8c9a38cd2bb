// SPDX-License-Identifier: MIT
// Private: a small SVG writer for the report's charts (inline in the HTML
// page and as files). Coordinates in user units (CSS pixels at 100%);
// every number is written with two decimals at most, every text escaped.
// Charts follow the Government Analysis Function's guidance: its
// categorical palette, no colour alone (dashes and labels too), text at
// least 11px, titles and descriptions for screen readers.
#pragma once

#include <cspcast/year_month.hpp>

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cspcast::report::svg {

/// The Analysis Function categorical palette, in order.
inline constexpr std::array<const char*, 6> kPalette = {
    "#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1"};
/// Dash patterns that go with the palette (never colour alone).
inline constexpr std::array<const char*, 6> kDashes = {
    "", "6 3", "2 2", "8 3 2 3", "1 3", "4 4"};

std::string escape(std::string_view text);
std::string num(double v);

/// Evenly spaced round ticks covering [lo, hi] (about `count`).
std::vector<double> ticks(double lo, double hi, int count = 5);

class Canvas {
 public:
  Canvas(double width, double height, std::string title, std::string desc);
  void rect(double x, double y, double w, double h, std::string_view style);
  void line(double x1, double y1, double x2, double y2, std::string_view style);
  void polyline(const std::vector<std::pair<double, double>>& pts,
                std::string_view style);
  void polygon(const std::vector<std::pair<double, double>>& pts,
               std::string_view style);
  void circle(double x, double y, double r, std::string_view style);
  void text(double x,
            double y,
            std::string_view s,
            std::string_view style,
            std::string_view anchor = "start");
  [[nodiscard]] std::string str() const;

 private:
  double width_;
  double height_;
  std::string body_;
  std::string title_;
  std::string desc_;
};

/// A plot area inside a canvas with linear scales.
struct Frame {
  double left = 64;
  double top = 28;
  double width = 500;
  double height = 220;
  double x0 = 0;  // data range
  double x1 = 1;
  double y0 = 0;
  double y1 = 1;
  [[nodiscard]] double x(double v) const {
    return left + (v - x0) / (x1 - x0) * width;
  }
  [[nodiscard]] double y(double v) const {
    return top + height - (v - y0) / (y1 - y0) * height;
  }
};

/// Axes with y ticks and gridlines, and month labels on x (x in month
/// indices): a tick each year, labelled at January or April.
void month_axes(Canvas& c, const Frame& f, std::string_view y_label);
/// Axes for a numeric x (histograms).
void value_axes(Canvas& c,
                const Frame& f,
                std::string_view x_label,
                std::string_view y_label);

}  // namespace cspcast::report::svg
