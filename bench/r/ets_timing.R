# Times R's forecast::ets (automatic) + forecast() per series, one thread,
# on a long CSV (series_id,period,value,split or series_id,month,value).
# Usage: Rscript ets_timing.R INPUT.csv HORIZON OUT_FORECAST.csv [HOLDOUT]
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], colClasses = c(series_id = "character"))
h <- as.integer(args[2])
holdout <- if (length(args) >= 4) as.integer(args[4]) else 0L
if ("split" %in% names(d)) d <- d[d$split == "train", ]
ids <- unique(d$series_id)
out <- vector("list", length(ids))
ms <- numeric(length(ids))
for (i in seq_along(ids)) {
  y <- d$value[d$series_id == ids[i]]
  if (holdout > 0) y <- head(y, length(y) - holdout)
  t0 <- proc.time()[["elapsed"]]
  fc <- forecast(ets(ts(y, frequency = 12)), h = h, level = c(80, 95))
  ms[i] <- 1000 * (proc.time()[["elapsed"]] - t0)
  out[[i]] <- data.frame(series_id = ids[i], h = seq_len(h),
                         point = as.numeric(fc$mean),
                         lo80 = as.numeric(fc$lower[, 1]),
                         hi80 = as.numeric(fc$upper[, 1]),
                         lo95 = as.numeric(fc$lower[, 2]),
                         hi95 = as.numeric(fc$upper[, 2]))
}
write.csv(do.call(rbind, out), args[3], row.names = FALSE)
stem <- sub("\\.csv$", "", args[3])
write.csv(data.frame(per_series_ms = mean(ms), n_series = length(ids),
                     n_fallback = 0), paste0(stem, "_timing.csv"),
          row.names = FALSE)
cat(sprintf("R forecast::ets: %d series, %.1f ms per series\n",
            length(ids), mean(ms)))
