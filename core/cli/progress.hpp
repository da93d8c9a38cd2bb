// SPDX-License-Identifier: MIT
// A progress bar on stderr, drawn only when stderr is a terminal and only
// once the job has run for a second (short jobs stay silent).
#pragma once

#include <chrono>
#include <iostream>
#include <string>
#include <unistd.h>

namespace cspcast::cli {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label)
      : label_(std::move(label)),
        on_(isatty(STDERR_FILENO) != 0),
        start_(std::chrono::steady_clock::now()) {}
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  ProgressBar(ProgressBar&&) = delete;
  ProgressBar& operator=(ProgressBar&&) = delete;
  ~ProgressBar() {
    if (on_ && drawn_) std::cerr << "\r\033[K" << std::flush;
  }
  void operator()(int done, int total) {
    if (!on_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - start_ < std::chrono::seconds(1)) return;
    if (done < total && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    drawn_ = true;
    constexpr int kWidth = 30;
    const int fill = total > 0 ? done * kWidth / total : kWidth;
    std::cerr << '\r' << label_ << " ["
              << std::string(static_cast<std::size_t>(fill), '=')
              << std::string(static_cast<std::size_t>(kWidth - fill), ' ')
              << "] " << done << '/' << total << std::flush;
  }

 private:
  std::string label_;
  bool on_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace cspcast::cli
