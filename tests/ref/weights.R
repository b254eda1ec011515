# weights.R - reference tables for kysely's weighted runs, from R's survey
# package (Debian r-cran-survey), reading the raw export itself (common.R).
#
#   Rscript tests/ref/weights.R EXPORT OUTDIR (--weight COL | --margins FILE [--weight COL])
#                                [--weights-out FILE] GROUPING ...
#
# The design is svydesign(ids = ~1, weights = ~w, data = d): w the weight
# column, or with --margins the weights of
#   rake(svydesign(ids = ~1, weights = ~base), sample.margins, population.margins,
#        control = list(maxit = 1000, epsilon = 1e-12))
# (base the weight column, else 1) - the raked weights taken as given.
# Per scale item, over all respondents and per group:
#   mean, mean_se      svymean(~x, design, na.rm = TRUE) (groups: svyby(~x, ~g,
#                      design, svymean, na.rm = TRUE)); interval with
#                      qt(0.975, degf(design))
#   sd                 sqrt(svyvar(~x, subset(design, !is.na(x) & in group)))
#   q1, median, q3     svyquantile(~x, subset(...), c(.25, .5, .75)) (qrule "math")
#   top2_*             svyciprop(~I(x >= k - 1), subset(...), method = "logit")
#   weighted_n, n_eff  sum(w), sum(w)^2 / sum(w^2) over the valid answers
#   percent_valid      svymean(~factor(x), ..., na.rm = TRUE); weighted_count sum(w)
# Comparisons, per grouping, over subset(design, valid answer & group given):
#   welch_t            svyttest(x ~ g, subset(design, g %in% c(a, b))), t for a - b;
#                      effect Cohen's d with the svyvar SDs pooled by m - 1
#   mann_whitney       svyranktest(x ~ g) for the pair with WEIGHTED MID-RANKS
#   kruskal_wallis     (3+ groups) the same for all groups: F = chisq / ndf, df, df2;
#                      effect: between / total weighted sum of squares of rank scores
#                      (svyranktest itself averages cumsum(w) - w/2 within ties in file
#                      order; ranktest() below is its code with that one line replaced)
#   chi_square         svychisq(~x + g, subset(...)) default statistic "F": F, ndf, ddf;
#                      effect Cramer's V of svytable(~x + g, Ntotal = n)
# p.adjust(holm / BH) within the items of one question stem per grouping, test, pair.

suppressMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
path <- args[1]
outdir <- args[2]
args <- args[-(1:2)]
wcol <- NULL; margins <- NULL; wout <- NULL
while (length(args) && startsWith(args[1], "--")) {
  if (args[1] == "--weight") wcol <- args[2]
  else if (args[1] == "--margins") margins <- args[2]
  else if (args[1] == "--weights-out") wout <- args[2]
  else stop("unknown option ", args[1])
  args <- args[-(1:2)]
}
groupings <- args
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "common.R"))

num_w <- function(v) as.numeric(sub(",", ".", trimws(v), fixed = TRUE))
base <- if (is.null(wcol)) rep(1, nrow(d)) else num_w(d[[wcol]])
if (!is.null(margins)) {
  mg <- read.csv(margins, colClasses = "character", check.names = FALSE, encoding = "UTF-8")
  vars <- unique(mg$variable)
  rd <- data.frame(.base = base)
  for (v in vars) rd[[make.names(v)]] <- factor(trimws(d[[v]]), levels = mg$category[mg$variable == v])
  des0 <- svydesign(ids = ~1, weights = ~.base, data = rd)
  sm <- lapply(vars, function(v) as.formula(paste0("~", make.names(v))))
  pm <- lapply(vars, function(v) {
    x <- data.frame(factor(mg$category[mg$variable == v], levels = mg$category[mg$variable == v]),
                    Freq = as.numeric(mg$population[mg$variable == v]))
    names(x)[1] <- make.names(v)
    x
  })
  raked <- rake(des0, sm, pm, control = list(maxit = 1000, epsilon = 1e-12))
  w <- unname(weights(raked))
  cat(sprintf("raked: weights %.10g .. %.10g, sum %.10g, Kish deff %.10g, n_eff %.10g\n",
              min(w), max(w), sum(w), length(w) * sum(w^2) / sum(w)^2, sum(w)^2 / sum(w^2)))
} else {
  w <- base
}
if (!is.null(wout)) writeLines(sprintf("%.17g", w), wout)

desc_rows <- list(); freq_rows <- list(); cmp_rows <- list()
f <- function(x) fmt(if (length(x) == 0 || is.null(x)) NA else unname(x))

describe <- function(item, x, des, ing, grouping, group, k, labels, ns_raw, whole) {
  v <- !is.na(x) & ing
  dom <- subset(des, v)
  n <- sum(v)
  ww <- w[v]
  mean_ <- se <- sd_ <- NA; q <- rep(NA, 3); ci <- c(NA, NA); tp <- NA; tci <- c(NA, NA)
  if (n >= 1 && sum(ww) > 0) {
    if (grouping == "*") {
      m <- svymean(~x, des, na.rm = TRUE)
      mean_ <- coef(m)[[1]]; se <- SE(m)[[1]]
    } else {
      b <- svyby(~x, ~.g, des, svymean, na.rm = TRUE)
      mean_ <- b[group, "x"]; se <- b[group, "se"]
    }
    q <- coef(svyquantile(~x, dom, c(.25, .5, .75), ci = FALSE))
    cp <- svyciprop(~I(.top == 1), dom, method = "logit")
    tp <- 100 * coef(cp); tci <- 100 * attr(cp, "ci")
    if (sum(ww > 0) >= 2) {
      sd_ <- sqrt(coef(svyvar(~x, dom)))
      if (se > 0) ci <- mean_ + c(-1, 1) * qt(0.975, degf(des)) * se
    }
    if (sum(ww > 0) < 2) { tci <- c(NA, NA) }
    if (tp == 0 || tp == 100) tci <- c(tp, tp)
  }
  desc_rows[[length(desc_rows) + 1]] <<- data.frame(
    item_text = item, grouping = grouping, group = group, n_valid = n,
    mean = f(mean_), sd = f(sd_), median = f(q[2]), q1 = f(q[1]), q3 = f(q[3]),
    mean_ci_low = f(ci[1]), mean_ci_high = f(ci[2]),
    top2_pct = f(tp), top2_ci_low = f(tci[1]), top2_ci_high = f(tci[2]),
    weighted_n = f(sum(ww)), n_eff = f(sum(ww)^2 / sum(ww^2)), mean_se = f(se),
    check.names = FALSE, stringsAsFactors = FALSE)
  pv <- if (n >= 1) coef(svymean(~factor(x, levels = 1:k), dom)) else rep(NA, k)
  for (c in seq_len(k))
    freq_rows[[length(freq_rows) + 1]] <<- data.frame(
      item_text = item, grouping = grouping, group = group, label = labels[c],
      count = sum(x[v] == c), percent_valid = f(100 * pv[c]),
      weighted_count = f(sum(ww[x[v] == c])), check.names = FALSE, stringsAsFactors = FALSE)
  for (l in ns_raw)
    freq_rows[[length(freq_rows) + 1]] <<- data.frame(
      item_text = item, grouping = grouping, group = group, label = l,
      count = sum(trimws(whole) == l & ing), percent_valid = "",
      weighted_count = f(sum(w[trimws(whole) == l & ing])), check.names = FALSE,
      stringsAsFactors = FALSE)
}

# svyranktest (survey 4.1) with weighted mid-ranks: the weight of the lower
# answers plus half the weight of the tied ones, over the total
ranktest <- function(formula, design) {
  mf <- model.frame(formula, model.frame(design), na.action = na.omit)
  if (!is.null(naa <- attr(mf, "na.action"))) {
    design <- design[-naa, ]
    mf <- model.frame(formula, model.frame(design))
  }
  y <- mf[, 1]; g <- mf[, 2]
  w <- weights(design, "sampling"); N <- sum(w)
  tw <- tapply(w, y, sum)                     # the one change: weighted mid-ranks
  rankhat <- as.vector((cumsum(tw) - tw / 2)[as.character(y)])
  rankscore <- rankhat / N
  if (length(unique(g)) == 2) {
    m <- lm(rankscore ~ g, weights = w)
    infn <- (model.matrix(m) * (rankscore - fitted(m))) %*% summary(m)$cov.unscaled
    tot <- svytotal(infn, design)
    return(list(t = unname(coef(m)[2] / SE(tot)[2]), df = degf(design) - 1,
                score = rankscore, g = g, w = w))
  }
  m <- glm(rankscore ~ factor(g), weights = w)
  m$na.action <- naa
  V <- survey:::svy.varcoef(m, design)[-1, -1]
  beta <- coef(m)[-1]
  chisq <- beta %*% solve(V, beta)
  ndf <- length(unique(g)) - 1
  list(F = drop(chisq) / ndf, ndf = ndf, ddf = degf(design) - ndf, score = rankscore, g = g, w = w)
}

cmp <- function(item, grouping, test, ga, gb, na, nb, stat, df, p, effect, en, df2 = "") {
  cmp_rows[[length(cmp_rows) + 1]] <<- data.frame(
    item_text = item, grouping = grouping, test = test, group_a = ga, group_b = gb,
    n_a = as.character(na), n_b = as.character(nb), statistic = stat, df = df, p = p,
    effect = effect, effect_name = en, df2 = df2, stem = sub(":.*", "", item),
    check.names = FALSE, stringsAsFactors = FALSE)
}

for (col in names(d)) {
  if (col %in% groupings) next
  scale <- pick_scale(col)
  if (is.null(scale)) next
  k <- length(scales[[scale]])
  x <- codes(d[[col]], scale)
  labels <- sapply(seq_len(k), function(c) {
    m <- code_map(scales[[scale]])
    hit <- d[[col]][norm(d[[col]]) %in% names(m)[m == c]]
    first <- strsplit(scales[[scale]][c], "|", fixed = TRUE)[[1]][1]
    if (length(hit)) trimws(hit[1]) else paste0(toupper(substr(first, 1, 1)), substring(first, 2))
  })
  whole <- d[[col]]
  ns_raw <- unique(trimws(whole[trimws(whole) != "" & norm(whole) %in% nonsub]))
  dd <- data.frame(x = x, .w = w, .top = as.numeric(x >= k - 1))
  des <- svydesign(ids = ~1, weights = ~.w, data = dd)
  describe(col, x, des, rep(TRUE, nrow(d)), "*", "*", k, labels, ns_raw, whole)
  for (g in groupings) {
    gv <- trimws(d[[g]])
    dd$.g <- ifelse(gv == "", NA, gv)
    des <- svydesign(ids = ~1, weights = ~.w, data = dd)
    groups <- sort(unique(gv[gv != ""]), method = "radix")
    for (val in groups)
      describe(col, x, des, !is.na(dd$.g) & dd$.g == val, g, val, k, labels, ns_raw, whole)
    ok <- !is.na(x) & !is.na(dd$.g)
    nby <- sapply(groups, function(v) sum(ok & dd$.g == v))
    pairs <- if (length(groups) > 1) combn(length(groups), 2, simplify = FALSE) else list()
    for (pr in pairs) {
      a <- groups[pr[1]]; b <- groups[pr[2]]
      sub <- subset(des, !is.na(.g) & .g %in% c(a, b))
      sub <- update(sub, .g = factor(.g, levels = c(a, b)))
      rt <- ranktest(x ~ .g, sub)
      ra <- sum((rt$w * rt$score)[rt$g == a]) / sum(rt$w[rt$g == a])
      theta <- (ra * sum(rt$w) - sum(rt$w[rt$g == a]) / 2) / sum(rt$w[rt$g == b])
      cmp(col, g, "mann_whitney", a, b, nby[a], nby[b], f(-rt$t), f(rt$df),
          f(2 * pt(-abs(rt$t), rt$df)), f(2 * theta - 1), "rank_biserial")
    }
    for (pr in pairs) {
      a <- groups[pr[1]]; b <- groups[pr[2]]
      sub <- subset(des, !is.na(.g) & .g %in% c(a, b))
      sub <- update(sub, .g = factor(.g, levels = c(a, b)))
      tt <- svyttest(x ~ .g, sub)
      sa <- coef(svyvar(~x, subset(des, ok & .g %in% a)))
      sb <- coef(svyvar(~x, subset(des, ok & .g %in% b)))
      ma <- sum(ok & dd$.g %in% a & w > 0); mb <- sum(ok & dd$.g %in% b & w > 0)
      dval <- (svymean(~x, subset(des, ok & .g %in% a))[1] - svymean(~x, subset(des, ok & .g %in% b))[1]) /
        sqrt(((ma - 1) * sa + (mb - 1) * sb) / (ma + mb - 2))
      cmp(col, g, "welch_t", a, b, nby[a], nby[b], f(-tt$statistic), f(tt$parameter),
          f(tt$p.value), f(dval), "cohens_d")
    }
    sub <- subset(des, ok)
    if (length(groups) >= 3) {
      rt <- ranktest(x ~ .g, sub)
      grand <- sum(rt$w * rt$score) / sum(rt$w)
      sst <- sum(rt$w * (rt$score - grand)^2)
      ssb <- sum(sapply(unique(rt$g), function(v) {
        i <- rt$g == v; sum(rt$w[i]) * (sum(rt$w[i] * rt$score[i]) / sum(rt$w[i]) - grand)^2 }))
      cmp(col, g, "kruskal_wallis", "", "", sum(ok), "", f(rt$F), f(rt$ndf),
          f(pf(rt$F, rt$ndf, rt$ddf, lower.tail = FALSE)), f(ssb / sst), "epsilon_squared",
          f(rt$ddf))
    }
    ch <- svychisq(~x + .g, sub)
    tab <- svytable(~x + .g, sub, Ntotal = sum(ok))
    x2 <- suppressWarnings(chisq.test(tab, correct = FALSE))$statistic
    cmp(col, g, "chi_square", "", "", sum(ok), "", f(ch$statistic), f(ch$parameter[1]),
        f(ch$p.value), f(sqrt(x2 / (sum(ok) * (min(dim(tab)) - 1)))), "cramers_v",
        f(ch$parameter[2]))
  }
}

out <- do.call(rbind, cmp_rows)
num <- function(s) suppressWarnings(as.numeric(s))
fam <- paste(out$stem, out$grouping, out$test, out$group_a, out$group_b, sep = "\r")
out$p_holm <- ""; out$p_bh <- ""
for (fm in unique(fam)) {
  i <- which(fam == fm)
  out$p_holm[i] <- fmt(p.adjust(num(out$p[i]), "holm"))
  out$p_bh[i] <- fmt(p.adjust(num(out$p[i]), "BH"))
}
out$stem <- NULL
dir.create(outdir, showWarnings = FALSE, recursive = TRUE)
write.csv(do.call(rbind, desc_rows), file.path(outdir, "descriptives.csv"), row.names = FALSE,
          fileEncoding = "UTF-8")
write.csv(do.call(rbind, freq_rows), file.path(outdir, "frequencies.csv"), row.names = FALSE,
          fileEncoding = "UTF-8")
write.csv(out, file.path(outdir, "comparisons.csv"), row.names = FALSE, fileEncoding = "UTF-8")
cat(sprintf("%s: %d descriptive, %d frequency, %d comparison rows\n", outdir,
            length(desc_rows), length(freq_rows), nrow(out)))
