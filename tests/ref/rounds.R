# rounds.R - reference changes.csv for `kysely compare`, computed
# independently in base R from the raw exports of two or more rounds (the
# label sets and reading of common.R).
#
#   Rscript tests/ref/rounds.R OUTDIR ROUND_A.csv ROUND_B.csv [...] [--group COLUMN]
#           [--names A,B,...] [--was 'NEW HEADER|OLD HEADER']...
#
# Items are matched by their header text (trimmed, case-folded), an old
# header renamed by --was; rounds are named by --names, else their file names.  For consecutive rounds (and first vs last with
# three or more), per item, overall and per group (a group present in both):
#   diff, diff_ci_*   mean(b) - mean(a); t.test(b, a)$conf.int (Welch)
#   top2_*            share of the two highest codes, percent; the difference's
#                     95 % Newcombe hybrid score interval (method 10) from the
#                     Wilson limits prop.test(x, n, correct = FALSE)$conf.int
#   p, effect         wilcox.test(b, a, exact = FALSE, correct = TRUE)$p.value;
#                     rank-biserial 2W/(n_a n_b) - 1
#   chi2*             chisq.test(rbind(table a, table b), correct = FALSE) on
#                     the codes used
#   p_holm, p_bh      p.adjust over the items of one question stem, per pair,
#                     grouping and group
args <- commandArgs(trailingOnly = TRUE)
gi <- which(args == "--group")
grouping <- if (length(gi)) args[gi + 1] else NULL
if (length(gi)) args <- args[-c(gi, gi + 1)]
ni <- which(args == "--names")
rnames <- if (length(ni)) strsplit(args[ni + 1], ",")[[1]] else NULL
if (length(ni)) args <- args[-c(ni, ni + 1)]
was <- list()
while (length(wi <- which(args == "--was"))) {
  pair <- strsplit(args[wi[1] + 1], "|", fixed = TRUE)[[1]]
  was[[tolower(gsub("[[:space:]]+", " ", trimws(pair[2])))]] <- pair[1]
  args <- args[-c(wi[1], wi[1] + 1)]
}
outdir <- args[1]
files <- args[-1]
here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
rounds <- list()
for (f in files) {
  path <- f
  source(file.path(here, "common.R"))
  items <- list()
  for (col in names(d)) {
    s <- pick_scale(col)
    key <- if (!is.null(was[[norm(col)]])) norm(was[[norm(col)]]) else norm(col)
    if (!is.null(s)) items[[key]] <- list(text = col, codes = codes(d[[col]], s),
                                          k = length(scales[[s]]))
  }
  g <- if (is.null(grouping)) NULL else d[[grouping]]
  rname <- if (is.null(rnames)) sub("\\.[^.]*$", "", basename(f)) else rnames[length(rounds) + 1]
  rounds[[length(rounds) + 1]] <- list(name = rname,
                                       items = items, group = g)
}
R <- length(rounds)
pairs <- lapply(seq_len(R - 1), function(k) c(k, k + 1))
if (R >= 3) pairs[[length(pairs) + 1]] <- c(1, R)

rows <- list()
one <- function(text, gname, group, a, b, ra, rb, k) {
  a <- a[!is.na(a)]; b <- b[!is.na(b)]
  na <- length(a); nb <- length(b)
  ci <- c(NA, NA)
  if (na >= 2 && nb >= 2) ci <- tryCatch(t.test(b, a)$conf.int, error = function(e) c(NA, NA))
  if (!na || !nb) {   # a group that did not answer in one of the rounds
    rows[[length(rows) + 1]] <<- data.frame(
      item_text = text, grouping = gname, group = group, round_a = ra, round_b = rb,
      n_a = na, n_b = nb, stem = sub(":.*", "", text), check.names = FALSE,
      stringsAsFactors = FALSE)
    return()
  }
  xa <- sum(a >= k - 1); xb <- sum(b >= k - 1)
  wa <- prop.test(xa, na, correct = FALSE)$conf.int
  wb <- prop.test(xb, nb, correct = FALSE)$conf.int
  pa <- xa / na; pb <- xb / nb
  lo <- (pb - pa) - sqrt((pb - wb[1])^2 + (wa[2] - pa)^2)
  hi <- (pb - pa) + sqrt((wb[2] - pb)^2 + (pa - wa[1])^2)
  w <- suppressWarnings(wilcox.test(b, a, exact = FALSE, correct = TRUE))
  tab <- rbind(table(factor(a, levels = 1:k)), table(factor(b, levels = 1:k)))
  tab <- tab[, colSums(tab) > 0, drop = FALSE]
  chi <- if (ncol(tab) >= 2) suppressWarnings(chisq.test(tab, correct = FALSE)) else NULL
  rows[[length(rows) + 1]] <<- data.frame(
    item_text = text, grouping = gname, group = group, round_a = ra, round_b = rb,
    n_a = na, n_b = nb, mean_a = mean(a), mean_b = mean(b), diff = mean(b) - mean(a),
    diff_ci_low = ci[1], diff_ci_high = ci[2], top2_a = 100 * pa, top2_b = 100 * pb,
    top2_diff = 100 * (pb - pa), top2_diff_ci_low = 100 * lo, top2_diff_ci_high = 100 * hi,
    p = w$p.value, effect = 2 * unname(w$statistic) / (na * nb) - 1,
    statistic = unname(w$statistic),
    chi2 = if (is.null(chi)) NA else unname(chi$statistic),
    chi2_df = if (is.null(chi)) NA else unname(chi$parameter),
    chi2_p = if (is.null(chi)) NA else chi$p.value,
    stem = sub(":.*", "", text), check.names = FALSE, stringsAsFactors = FALSE)
}
for (pr in pairs) {
  A <- rounds[[pr[1]]]; B <- rounds[[pr[2]]]
  for (key in names(B$items)) {
    if (is.null(A$items[[key]]) || A$items[[key]]$k != B$items[[key]]$k) next
    ia <- A$items[[key]]; ib <- B$items[[key]]
    one(ib$text, "*", "*", ia$codes, ib$codes, A$name, B$name, ib$k)
    if (!is.null(grouping))
      for (g in sort(unique(c(A$group, B$group)), method = "radix")) {
        if (g == "" || !(g %in% A$group) || !(g %in% B$group)) next
        one(ib$text, grouping, g, ia$codes[A$group == g], ib$codes[B$group == g],
            A$name, B$name, ib$k)
      }
  }
}
cols <- names(rows[[which.max(sapply(rows, ncol))]])
out <- do.call(rbind, lapply(rows, function(r) { r[setdiff(cols, names(r))] <- NA; r[cols] }))
fam <- paste(out$stem, out$round_a, out$round_b, out$grouping, out$group)
out$p_holm <- ave(out$p, fam, FUN = function(p) p.adjust(p, "holm"))
out$p_bh <- ave(out$p, fam, FUN = function(p) p.adjust(p, "BH"))
out$stem <- NULL
num <- sapply(out, is.numeric)
out[num] <- lapply(out[num], fmt)
dir.create(outdir, showWarnings = FALSE, recursive = TRUE)
write.csv(out, file.path(outdir, "changes.csv"), row.names = FALSE, fileEncoding = "UTF-8")
