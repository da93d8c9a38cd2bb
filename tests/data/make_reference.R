# Reference decompositions for tests/core/kernels/decompose_test.cpp, from
# R's stats package (R 4.2.2, Debian 12). Regenerate with
#   Rscript tests/data/make_reference.R
# nottem: monthly air temperatures at Nottingham Castle, 1920-1939 (R's
# datasets package). co2: Mauna Loa CO2, 1959-1997.
x <- as.numeric(nottem)
p <- stl(nottem, s.window = "periodic")
s7 <- stl(nottem, s.window = 7)
# Five robustness passes: from the twelfth on, R (whose partial sort for the
# median is its own) and cspcast (exact order statistics) drift apart by up
# to 0.25 on this series.
r <- stl(nottem, s.window = 7, inner = 1, outer = 5)
d <- decompose(co2, type = "additive")
m <- decompose(co2, type = "multiplicative")
out <- data.frame(
  nottem = x,
  stl_periodic_seasonal = p$time.series[, "seasonal"],
  stl_periodic_trend = p$time.series[, "trend"],
  stl7_seasonal = s7$time.series[, "seasonal"],
  stl7_trend = s7$time.series[, "trend"],
  stl7_robust_seasonal = r$time.series[, "seasonal"],
  stl7_robust_trend = r$time.series[, "trend"])
write.csv(out, "tests/data/stl_nottem.csv", row.names = FALSE)
co <- data.frame(
  co2 = as.numeric(co2),
  add_trend = as.numeric(d$trend),
  add_seasonal = as.numeric(d$seasonal),
  mult_trend = as.numeric(m$trend),
  mult_seasonal = as.numeric(m$seasonal))
write.csv(co, "tests/data/decompose_co2.csv", row.names = FALSE, na = "NA")
# Theta method (forecast::thetaf, forecast 8.20) on USAccDeaths (seasonal)
# and on the non-seasonal annual series WWWusage, 12 steps ahead.
suppressPackageStartupMessages(library(forecast))
t1 <- thetaf(USAccDeaths, h = 12)
t2 <- thetaf(ts(as.numeric(WWWusage), frequency = 12), h = 12)
write.csv(data.frame(y = as.numeric(USAccDeaths)), "tests/data/usaccdeaths.csv",
          row.names = FALSE)
write.csv(data.frame(y = as.numeric(WWWusage)), "tests/data/wwwusage.csv",
          row.names = FALSE)
write.csv(data.frame(usaccdeaths_point = as.numeric(t1$mean),
                     usaccdeaths_lo95 = as.numeric(t1$lower[, 2]),
                     usaccdeaths_hi95 = as.numeric(t1$upper[, 2]),
                     wwwusage_point = as.numeric(t2$mean),
                     wwwusage_lo95 = as.numeric(t2$lower[, 2]),
                     wwwusage_hi95 = as.numeric(t2$upper[, 2])),
          "tests/data/thetaf_reference.csv", row.names = FALSE)
