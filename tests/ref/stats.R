# stats.R - reference values for tests/test_stats.c, from base R on the
# expanded answers (one element per respondent), never from count formulas.
#
#   Rscript tests/ref/stats.R > tests/ref/stats.out
#
# Lines (whitespace-separated, NA = undefined):
#   D name k values[k] counts[k] n mean sd median q1 q3 ci_low ci_high top2 top2_low top2_high
#   Q name k values[k] counts[k] p quantile(type = 7)
#   W x n conf low high        prop.test(x, n, conf.level = conf, correct = FALSE)$conf.int
#   T name k values[k] counts[k] conf low high     t.test(x, conf.level = conf)$conf.int
#   P n p[n] holm[n] bh[n]     p.adjust(p, "holm"), p.adjust(p, "BH")

f <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
head_ <- function(tag, name, v, cn) paste(tag, name, length(v), paste(f(v), collapse = " "),
                                          paste(format(cn, scientific = FALSE, trim = TRUE), collapse = " "))
cases <- list(
  sample_item = list(1:5, c(11, 20, 28, 23, 10)),
  one_answer = list(1:5, c(0, 0, 1, 0, 0)),
  all_same = list(1:4, c(0, 7, 0, 0)),
  two_poles = list(1:4, c(1, 0, 0, 1)),
  pisa_like = list(1:4, c(14947, 23515, 20000, 7029)),
  empty = list(1:5, c(0, 0, 0, 0, 0)),
  all_top = list(1:5, c(0, 0, 0, 5, 5)),
  none_top = list(1:5, c(3, 4, 2, 0, 0)),
  outlier = list(1:5, c(1000000, 0, 0, 0, 1)),
  rating_0_10 = list(0:10, c(2, 0, 1, 3, 5, 8, 13, 21, 34, 55, 89)),
  two_codes = list(1:2, c(37, 63)),
  large = list(1:5, c(400000, 300000, 500000, 450000, 350001))
)
for (name in names(cases)) {
  v <- cases[[name]][[1]]; cn <- cases[[name]][[2]]
  x <- rep(v, cn); n <- length(x); k <- length(v)
  m <- if (n) mean(x) else NA
  s <- if (n > 1) sd(x) else NA
  q <- if (n) quantile(x, c(.5, .25, .75), type = 7, names = FALSE) else rep(NA, 3)
  ci <- if (n > 1 && s > 0) t.test(x)$conf.int else c(NA, NA)
  top <- sum(x >= v[k - 1])
  tp <- if (n) 100 * top / n else NA
  tci <- if (n) 100 * suppressWarnings(prop.test(top, n, correct = FALSE))$conf.int else c(NA, NA)
  cat(head_("D", name, v, cn), n, f(c(m, s, q, ci, tp, tci)), "\n")
  if (n) for (p in c(0, 0.1, 0.25, 1/3, 0.5, 0.9, 0.975, 1))
    cat(head_("Q", name, v, cn), f(p), f(quantile(x, p, type = 7, names = FALSE)), "\n")
  if (n > 1 && s > 0) for (conf in c(0.9, 0.99))
    cat(head_("T", name, v, cn), conf, f(t.test(x, conf.level = conf)$conf.int), "\n")
}
for (xn in list(c(0, 1), c(1, 1), c(0, 10), c(10, 10), c(3, 7), c(1, 400), c(399, 400),
                c(123456, 1000000), c(5, 6)))
  for (conf in c(0.9, 0.95, 0.99))
    cat("W", format(xn[1], scientific = FALSE), format(xn[2], scientific = FALSE), conf,
        f(suppressWarnings(prop.test(xn[1], xn[2], conf.level = conf, correct = FALSE))$conf.int), "\n")
# P n p[n] holm[n] bh[n]      p.adjust(p, "holm"), p.adjust(p, "BH"); NA left out
for (p in list(c(0.01, 0.04, NA, 0.03, 0.2, 0.04), c(0.5), c(1e-300, 0.049, 0.051, 1),
               c(NA, NA), c(0.02, 0.02, 0.02)))
  cat("P", length(p), f(p), f(p.adjust(p, "holm")), f(p.adjust(p, "BH")), "\n")
