# groups.R - reference comparisons.csv for kysely, computed independently in
# base R from the raw export (label sets and reading in common.R).
#
#   Rscript tests/ref/groups.R EXPORT.csv OUTDIR GROUPING_COLUMN [...]
#
# For every scale item and grouping column, over respondents with a valid
# answer and a non-empty group; groups in byte order (sort(method = "radix")):
#   each pair a < b  wilcox.test(xa, xb, exact = FALSE, correct = TRUE): W, p;
#                    rank-biserial 2W/(na nb) - 1
#                    t.test(xa, xb) (Welch): t, df, p; Cohen's d with the
#                    pooled SD (computed here: R has no base function)
#   3+ groups        kruskal.test: H, df, p; epsilon^2 = H/(n - 1)
#   every grouping   chisq.test(table, correct = FALSE) on groups x codes with
#                    empty rows/columns dropped: X2, df, p; Cramer's V;
#                    fisher.test(table)$p.value for a 2x2 table with an
#                    expected count below 5
# p.adjust(method = "holm" / "BH") within the items of one question stem,
# per grouping, test and pair.  Undefined values (R's NA/NaN, or a test R
# refuses) are empty.

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 3) stop("usage: groups.R EXPORT.csv OUTDIR GROUPING [...]")
path <- args[1]
outdir <- args[2]
groupings <- args[-(1:2)]
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "common.R"))

rows <- list()
row <- function(item, grouping, test, ga, gb, na, nb, stat, df, p, effect, en) {
  rows[[length(rows) + 1]] <<- data.frame(
    item_text = item, grouping = grouping, test = test, group_a = ga, group_b = gb,
    n_a = as.character(na), n_b = as.character(nb), statistic = stat, df = df, p = p,
    effect = effect, effect_name = en, stem = sub(":.*", "", item),
    check.names = FALSE, stringsAsFactors = FALSE)
}
num <- function(x) if (length(x) == 0 || is.null(x) || !is.finite(x)) NA_real_ else unname(x)
safe <- function(expr) tryCatch(expr, error = function(e) NULL)

for (col in names(d)) {
  if (col %in% groupings) next
  scale <- pick_scale(col)
  if (is.null(scale)) next
  x_all <- codes(d[[col]], scale)
  for (g in groupings) {
    gv <- trimws(d[[g]])
    groups <- sort(unique(gv[gv != ""]), method = "radix")
    ok <- !is.na(x_all) & gv != ""
    x <- x_all[ok]; gx <- gv[ok]
    by <- lapply(groups, function(v) x[gx == v])
    n <- lengths(by)
    pairs <- if (length(groups) > 1) combn(length(groups), 2, simplify = FALSE) else list()
    for (pr in pairs) {
      a <- by[[pr[1]]]; b <- by[[pr[2]]]
      w <- if (length(a) && length(b)) safe(suppressWarnings(wilcox.test(a, b, exact = FALSE, correct = TRUE)))
      W <- if (is.null(w)) NA else unname(w$statistic)
      row(col, g, "mann_whitney", groups[pr[1]], groups[pr[2]], length(a), length(b),
          num(W), NA, num(if (is.null(w)) NA else w$p.value),
          num(2 * W / (length(a) * length(b)) - 1), "rank_biserial")
    }
    for (pr in pairs) {
      a <- by[[pr[1]]]; b <- by[[pr[2]]]
      na <- length(a); nb <- length(b)
      tt <- if (na >= 2 && nb >= 2) safe(t.test(a, b))
      va <- if (na >= 2) var(a) else 0; vb <- if (nb >= 2) var(b) else 0
      sp <- if (na + nb > 2) sqrt(((na - 1) * va + (nb - 1) * vb) / (na + nb - 2)) else NA
      d_ <- if (!is.na(sp) && sp > 0) (mean(a) - mean(b)) / sp else NA
      row(col, g, "welch_t", groups[pr[1]], groups[pr[2]], na, nb,
          num(tt$statistic), num(tt$parameter), num(tt$p.value), num(d_), "cohens_d")
    }
    if (length(groups) >= 3) {
      use <- gx %in% groups[n > 0]
      kw <- if (sum(n > 0) >= 3) safe(kruskal.test(x[use], factor(gx[use])))
      H <- if (is.null(kw)) NA else unname(kw$statistic)
      row(col, g, "kruskal_wallis", "", "", sum(n), "", num(H),
          if (is.null(kw) || !is.finite(H)) NA else unname(kw$parameter),
          num(kw$p.value), num(H / (sum(n) - 1)), "epsilon_squared")
    }
    tab <- table(factor(gx, levels = groups), factor(x, levels = seq_along(scales[[scale]])))
    tab <- tab[rowSums(tab) > 0, colSums(tab) > 0, drop = FALSE]
    if (all(dim(tab) >= 2)) {
      ch <- suppressWarnings(chisq.test(tab, correct = FALSE))
      V <- sqrt(unname(ch$statistic) / (sum(tab) * (min(dim(tab)) - 1)))
      row(col, g, "chi_square", "", "", sum(tab), "", unname(ch$statistic),
          unname(ch$parameter), ch$p.value, V, "cramers_v")
      if (all(dim(tab) == 2) && min(ch$expected) < 5)
        row(col, g, "fisher_exact", "", "", sum(tab), "", NA, NA,
            fisher.test(tab)$p.value, V, "cramers_v")
    } else {
      row(col, g, "chi_square", "", "", sum(tab), "", NA, NA, NA, NA, "cramers_v")
    }
  }
}

out <- do.call(rbind, rows)
fam <- paste(out$stem, out$grouping, out$test, out$group_a, out$group_b, sep = "\r")
out$p_holm <- NA_real_
out$p_bh <- NA_real_
for (f in unique(fam)) {
  i <- which(fam == f)
  out$p_holm[i] <- p.adjust(out$p[i], "holm")
  out$p_bh[i] <- p.adjust(out$p[i], "BH")
}
for (c in c("statistic", "df", "p", "effect", "p_holm", "p_bh")) out[[c]] <- fmt(out[[c]])
out$stem <- NULL
out <- out[, c("item_text", "grouping", "test", "group_a", "group_b", "n_a", "n_b",
               "statistic", "df", "p", "p_holm", "p_bh", "effect", "effect_name")]
dir.create(outdir, showWarnings = FALSE, recursive = TRUE)
write.csv(out, file.path(outdir, "comparisons.csv"), row.names = FALSE, fileEncoding = "UTF-8")
cat(sprintf("%s: %d comparison rows\n", outdir, nrow(out)))
