# weights_rounds.R - reference changes.csv for `kysely compare` of two weighted
# rounds, from R's survey package: one design with a stratum per round,
#   svydesign(ids = ~1, strata = ~round, weights = ~w, data = rbind(a, b))
#
#   Rscript tests/ref/weights_rounds.R ROUND_A.csv ROUND_B.csv NAME_A NAME_B WEIGHT OUTDIR [GROUPING ...]
#
# Per scale item, all respondents and every group of each grouping (domain):
#   mean_a, mean_b, diff    svyby(~x, ~round, design, svymean, na.rm = TRUE) and
#                           svycontrast(b - a); interval with qt(0.975, degf(design))
#   top2_*                  the same for I(top2) over the valid answers
#   statistic, p, effect    svyranktest(x ~ round) with weighted mid-ranks (weights.R's
#                           ranktest()), t for b - a, df = degf - 1; effect 2 P(b > a) - 1
#   chi2, chi2_df, chi2_p   svychisq(~x + round, subset(design, valid)) statistic "F"
suppressMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
pa <- args[1]; pb <- args[2]; na <- args[3]; nb <- args[4]; wcol <- args[5]; outdir <- args[6]
groupings <- args[-(1:6)]
here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
path <- pa; source(file.path(here, "common.R")); da <- d
path <- pb; source(file.path(here, "common.R")); db <- d
d <- rbind(da, db)
round <- factor(rep(c(na, nb), c(nrow(da), nrow(db))), levels = c(na, nb))
w <- as.numeric(sub(",", ".", trimws(d[[wcol]]), fixed = TRUE))
fmt <- function(x) ifelse(is.na(x) | !is.finite(x), "", sprintf("%.15g", x))
f <- function(x) fmt(if (length(x) == 0 || is.null(x)) NA else unname(x))

ranktest2 <- function(design) {
  mf <- model.frame(x ~ round, model.frame(design), na.action = na.omit)
  if (!is.null(naa <- attr(mf, "na.action"))) design <- design[-naa, ]
  mf <- model.frame(x ~ round, model.frame(design))
  y <- mf[, 1]; g <- mf[, 2]
  ww <- weights(design, "sampling"); N <- sum(ww)
  tw <- tapply(ww, y, sum)
  score <- as.vector((cumsum(tw) - tw / 2)[as.character(y)]) / N
  m <- lm(score ~ g, weights = ww)
  infn <- (model.matrix(m) * (score - fitted(m))) %*% summary(m)$cov.unscaled
  tot <- svytotal(infn, design)
  t <- unname(coef(m)[2] / SE(tot)[2]); df <- degf(design) - 1
  rb <- sum((ww * score)[g == nb]) / sum(ww[g == nb])
  theta <- (rb * N - sum(ww[g == nb]) / 2) / sum(ww[g == na])
  c(t, 2 * pt(-abs(t), df), 2 * theta - 1)
}

rows <- list()
for (col in names(d)) {
  if (col %in% c(groupings, wcol)) next
  scale <- pick_scale(col)
  if (is.null(scale)) next
  k <- length(scales[[scale]])
  x <- codes(d[[col]], scale)
  dd <- data.frame(x = x, .top = as.numeric(x >= k - 1), round = round, .w = w)
  sets <- list(list("*", "*", rep(TRUE, nrow(d))))
  for (g in groupings) for (v in sort(unique(trimws(d[[g]][trimws(d[[g]]) != ""])), method = "radix"))
    sets[[length(sets) + 1]] <- list(g, v, trimws(d[[g]]) == v)
  for (s in sets) {
    dd$.in <- s[[3]]
    des <- svydesign(ids = ~1, strata = ~round, weights = ~.w, data = dd)
    dom <- subset(des, .in)
    ok <- !is.na(x) & s[[3]]
    tq <- qt(0.975, degf(des))
    by <- svyby(~x, ~round, dom, svymean, na.rm = TRUE)
    ct <- svycontrast(by, c(-1, 1))
    bt <- svyby(~.top, ~round, subset(des, .in & !is.na(x)), svymean)
    tt <- svycontrast(bt, c(-1, 1))
    rk <- ranktest2(dom)
    ch <- svychisq(~x + round, subset(des, .in & !is.na(x)))
    rows[[length(rows) + 1]] <- data.frame(
      item_text = col, grouping = s[[1]], group = s[[2]], round_a = na, round_b = nb,
      n_a = sum(ok & round == na), n_b = sum(ok & round == nb),
      mean_a = f(coef(by)[1]), mean_b = f(coef(by)[2]), diff = f(coef(ct)),
      diff_ci_low = f(coef(ct) - tq * SE(ct)), diff_ci_high = f(coef(ct) + tq * SE(ct)),
      top2_a = f(100 * coef(bt)[1]), top2_b = f(100 * coef(bt)[2]), top2_diff = f(100 * coef(tt)),
      top2_diff_ci_low = f(100 * (coef(tt) - tq * SE(tt))),
      top2_diff_ci_high = f(100 * (coef(tt) + tq * SE(tt))),
      statistic = f(rk[1]), p = f(rk[2]), effect = f(rk[3]),
      chi2 = f(ch$statistic), chi2_df = f(ch$parameter[1]), chi2_p = f(ch$p.value),
      check.names = FALSE, stringsAsFactors = FALSE)
  }
}
dir.create(outdir, showWarnings = FALSE, recursive = TRUE)
write.csv(do.call(rbind, rows), file.path(outdir, "changes.csv"), row.names = FALSE,
          fileEncoding = "UTF-8")
cat(sprintf("%s: %d change rows\n", outdir, length(rows)))
