# types.R - reference tables for kysely's reliability.csv, scales.csv,
# scale-score comparisons, multiselect.csv, ranking.csv and nps.csv,
# computed independently in R from the raw export (reading and label sets in
# common.R; Cronbach's alpha with the psych package, Debian r-cran-psych).
#
#   Rscript tests/ref/types.R EXPORT.csv OUTDIR [--reverse COLUMN_HEADER ...] \
#           [GROUPING_COLUMN ...]
#
# Blocks: runs of adjacent columns with one question stem ("Stem:Statement",
# or no stem) whose answers all fit one label set, two or more columns.
# Reversed items are recoded k + 1 - code before anything is computed.
#   reliability  psych::alpha(X, check.keys = FALSE) on complete rows:
#                total$raw_alpha, total$std.alpha, item.stats$r.drop,
#                alpha.drop$raw_alpha (only for 3+ items); psych leaves out
#                items that do not vary, and so does kysely
#   scale score  rowMeans(X) per complete respondent; mean, sd,
#                quantile(type = 7), t.test()$conf.int; per grouping
#                wilcox.test(exact = FALSE, correct = TRUE) and t.test (Welch)
#                for each pair, kruskal.test for 3+ groups
#   multi-select one column per option under one stem holding 1 / x / the
#                option text (0 = not chosen), or one column whose cells end
#                in ';' (options joined by ';'); n = respondents with any
#                answer to the question
#   ranking      one column per option under one stem holding "1." "2." ...,
#                or one column listing every option in order joined by ';';
#                Borda points K - r + 1 for rank r of K positions
#   NPS          a 0-10 column whose header asks about recommending; score
#                = mean of +100 (9-10) / 0 (7-8) / -100 (0-6), t.test CI
# Groups in byte order; undefined values empty.

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 2) stop("usage: types.R EXPORT.csv OUTDIR [--reverse COL ...] [GROUPING ...]")
path <- args[1]
outdir <- args[2]
rest <- args[-(1:2)]
reverse <- character(0)
groupings <- character(0)
i <- 1
while (i <= length(rest)) {
  if (rest[i] == "--reverse") { reverse <- c(reverse, rest[i + 1]); i <- i + 2 }
  else { groupings <- c(groupings, rest[i]); i <- i + 1 }
}
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "common.R"))
suppressPackageStartupMessages(library(psych))

hdr <- names(d)
ids <- ifelse(grepl("^[A-Za-z][A-Za-z0-9_.\\[\\]-]{0,31}$", hdr), hdr, paste0("Q", seq_along(hdr)))
stem_of <- function(h) if (grepl(":", h)) sub(":.*", "", h) else NA_character_
stems <- sapply(hdr, stem_of)
same_stem <- function(a, b) (is.na(stems[a]) && is.na(stems[b])) ||
  (!is.na(stems[a]) && !is.na(stems[b]) && stems[a] == stems[b])
groups_of <- function(g) sort(unique(d[[g]][trimws(d[[g]]) != ""]), method = "radix")
out <- function(rows, file) {
  dir.create(outdir, showWarnings = FALSE, recursive = TRUE)
  df <- if (length(rows)) do.call(rbind, rows) else data.frame()
  write.csv(df, file.path(outdir, file), row.names = FALSE, fileEncoding = "UTF-8")
}
df_row <- function(...) data.frame(..., check.names = FALSE, stringsAsFactors = FALSE)

# ---- blocks of one label set -------------------------------------------------
# the label sets that fit every answer of a column
fits <- lapply(hdr, function(h) {
  vals <- unique(norm(d[[h]][trimws(d[[h]]) != ""]))
  Filter(function(s) { m <- code_map(scales[[s]])
    length(vals) && all(vals %in% c(names(m), nonsub)) && any(vals %in% names(m)) }, names(scales))
})
smallest <- function(set) set[which.min(sapply(set, function(s) length(scales[[s]])))]
blocks <- list(); block_scale <- character(0)
j <- 1
while (j <= length(hdr)) {
  k <- j
  common <- fits[[j]]
  if (length(common) && !(hdr[j] %in% groupings)) {
    while (k < length(hdr) && same_stem(j, k + 1) && length(intersect(common, fits[[k + 1]]))) {
      common <- intersect(common, fits[[k + 1]])
      k <- k + 1
    }
    if (k > j) { blocks[[length(blocks) + 1]] <- j:k; block_scale <- c(block_scale, smallest(common)) }
  }
  j <- k + 1
}

rel_rows <- list(); score_rows <- list(); cmp_rows <- list()
for (bi in seq_along(blocks)) {
  b <- blocks[[bi]]
  sc <- block_scale[bi]
  kk <- length(scales[[sc]])
  X <- sapply(b, function(c) codes(d[[c]], sc))
  for (m in seq_along(b)) if (hdr[b[m]] %in% reverse) X[, m] <- kk + 1 - X[, m]
  label <- if (is.na(stems[b[1]])) paste0("Items ", ids[b[1]], "\u2013", ids[b[length(b)]]) else stems[b[1]]
  ok <- complete.cases(X)
  Xc <- X[ok, , drop = FALSE]
  a <- suppressWarnings(suppressMessages(psych::alpha(as.data.frame(Xc), check.keys = FALSE,
                                                       warnings = FALSE)))
  rel_rows[[length(rel_rows) + 1]] <- df_row(item_id = "", item_text = label, n_items = length(b),
    n_complete = nrow(Xc), alpha = fmt(a$total$raw_alpha), alpha_std = fmt(a$total$std.alpha),
    r_item_total = "", alpha_if_deleted = "")
  # psych leaves out items without variance; look the others up by name
  kept <- rownames(a$item.stats)
  for (m in seq_along(b)) {
    nm <- colnames(as.data.frame(Xc))[m]
    in_alpha <- nm %in% kept
    rd <- if (in_alpha) a$item.stats[nm, "r.drop"] else NA
    ad <- if (in_alpha && length(kept) >= 3) a$alpha.drop[nm, "raw_alpha"] else NA
    rel_rows[[length(rel_rows) + 1]] <- df_row(item_id = ids[b[m]], item_text = hdr[b[m]],
      n_items = length(b), n_complete = nrow(Xc), alpha = "", alpha_std = "",
      r_item_total = fmt(rd), alpha_if_deleted = fmt(ad))
  }
  score <- rowMeans(X)          # NA unless complete
  describe_score <- function(x, grouping, group) {
    x <- x[!is.na(x)]
    n <- length(x)
    q <- if (n) quantile(x, c(.25, .5, .75), type = 7, names = FALSE) else rep(NA, 3)
    ci <- if (n >= 2 && sd(x) > 0) t.test(x)$conf.int else c(NA, NA)
    score_rows[[length(score_rows) + 1]] <<- df_row(block_text = label, grouping = grouping,
      group = group, n = n, mean = fmt(if (n) mean(x) else NA),
      sd = fmt(if (n >= 2) sd(x) else NA), median = fmt(q[2]), q1 = fmt(q[1]), q3 = fmt(q[3]),
      mean_ci_low = fmt(ci[1]), mean_ci_high = fmt(ci[2]))
  }
  describe_score(score, "*", "*")
  for (g in groupings) {
    gs <- groups_of(g)
    for (v in gs) describe_score(score[d[[g]] == v], g, v)
    xs <- lapply(gs, function(v) { x <- score[d[[g]] == v]; x[!is.na(x)] })
    item <- paste0("Scale score: ", label)
    for (p in seq_along(gs)) for (q in seq_along(gs)) if (p < q) {
      xa <- xs[[p]]; xb <- xs[[q]]
      # every pair has its rows; a test R cannot run leaves them empty
      w <- if (length(xa) && length(xb))
        suppressWarnings(wilcox.test(xa, xb, exact = FALSE, correct = TRUE)) else NULL
      cmp_rows[[length(cmp_rows) + 1]] <- df_row(item_text = item, grouping = g,
        test = "mann_whitney", group_a = gs[p], group_b = gs[q], n_a = length(xa),
        n_b = length(xb), statistic = fmt(if (is.null(w)) NA else w$statistic), df = "",
        p = fmt(if (is.null(w)) NA else w$p.value),
        effect = fmt(if (is.null(w)) NA else 2 * w$statistic / (length(xa) * length(xb)) - 1))
      t <- if (length(xa) >= 2 && length(xb) >= 2 && (sd(xa) > 0 || sd(xb) > 0))
        t.test(xa, xb) else NULL
      # Cohen's d whenever the pooled SD exists (a group of one adds no variance)
      na <- length(xa); nb <- length(xb)
      va <- if (na >= 2) var(xa) else 0; vb <- if (nb >= 2) var(xb) else 0
      sp <- if (na >= 1 && nb >= 1 && na + nb > 2) sqrt(((na - 1) * va + (nb - 1) * vb) / (na + nb - 2)) else NA
      dd <- if (!is.na(sp) && sp > 0) (mean(xa) - mean(xb)) / sp else NA
      cmp_rows[[length(cmp_rows) + 1]] <- df_row(item_text = item, grouping = g,
        test = "welch_t", group_a = gs[p], group_b = gs[q], n_a = length(xa),
        n_b = length(xb), statistic = fmt(if (is.null(t)) NA else t$statistic),
        df = fmt(if (is.null(t)) NA else t$parameter), p = fmt(if (is.null(t)) NA else t$p.value),
        effect = fmt(dd))
    }
    used <- sum(lengths(xs) > 0)
    if (length(gs) >= 3 && used >= 2) {
      all <- unlist(xs); grp <- rep(seq_along(xs), lengths(xs))
      kw <- kruskal.test(all, grp)
      cmp_rows[[length(cmp_rows) + 1]] <- df_row(item_text = item, grouping = g,
        test = "kruskal_wallis", group_a = "", group_b = "", n_a = length(all), n_b = "",
        statistic = fmt(kw$statistic), df = fmt(kw$parameter), p = fmt(kw$p.value),
        effect = fmt(kw$statistic / (length(all) - 1)))
    }
  }
}
out(rel_rows, "reliability.csv")
out(score_rows, "scales.csv")
out(cmp_rows, "comparisons.csv")

# ---- multi-select and ranking ------------------------------------------------
ne <- function(v) trimws(v) != ""
questions <- list()   # kind, title, cols, joined
j <- 1
while (j <= length(hdr)) {
  k <- j
  if (!is.na(stems[j])) {
    while (k < length(hdr) && same_stem(j, k + 1)) k <- k + 1
    cols <- j:k
    opt <- sub("^[^:]*:", "", hdr[cols])
    is_multi <- sapply(seq_along(cols), function(m) {
      v <- trimws(d[[cols[m]]]); v <- v[v != ""]
      length(v) > 0 && all(v %in% c("1", "x", "X", "0") | norm(v) == norm(opt[m])) &&
        any(v != "0") })
    is_rank <- sapply(cols, function(c) { v <- trimws(d[[c]]); v <- v[v != ""]
      length(v) > 0 && all(grepl("^[0-9]{1,3}\\.$", v)) })
    if (length(cols) >= 2 && all(is_multi))
      questions[[length(questions) + 1]] <- list(kind = "multi", title = stems[j], cols = cols, opt = opt)
    else if (length(cols) >= 2 && all(is_rank))
      questions[[length(questions) + 1]] <- list(kind = "rank", title = stems[j], cols = cols, opt = opt)
  }
  j <- k + 1
}
split_cell <- function(x) { p <- trimws(strsplit(x, ";", fixed = TRUE)[[1]]); unique(p[p != ""]) }
for (c in seq_along(hdr)) {
  v <- trimws(d[[c]]); v <- v[v != ""]
  if (!length(v) || !any(grepl(";", v))) next
  sets <- lapply(v, function(x) sort(split_cell(x)))
  same <- all(sapply(sets, identical, sets[[1]])) && length(sets[[1]]) >= 2
  if (same && (length(unique(v)) >= 2 || !any(grepl(";$", v))))
    questions[[length(questions) + 1]] <- list(kind = "rank", title = hdr[c], cols = c, joined = TRUE)
  else if (mean(grepl(";$", v)) >= 0.8)
    questions[[length(questions) + 1]] <- list(kind = "multi", title = hdr[c], cols = c, joined = TRUE)
}

multi_rows <- list(); rank_rows <- list()
for (q in questions) {
  joined <- !is.null(q$joined)
  if (joined) {
    cells <- trimws(d[[q$cols]])
    q$opt <- unique(unlist(lapply(cells[cells != ""], split_cell)))
  }
  # per respondent: chosen (logical) and rank (NA if unranked) per option
  chosen <- matrix(FALSE, nrow(d), length(q$opt)); rk <- matrix(NA_integer_, nrow(d), length(q$opt))
  answered <- logical(nrow(d))
  for (r in seq_len(nrow(d))) {
    if (joined) {
      parts <- split_cell(d[[q$cols]][r])
      answered[r] <- length(parts) > 0
      chosen[r, ] <- q$opt %in% parts
      rk[r, ] <- match(q$opt, parts)
    } else {
      v <- trimws(unlist(d[r, q$cols]))
      answered[r] <- any(v != "")
      chosen[r, ] <- v != "" & v != "0"
      rk[r, ] <- suppressWarnings(as.integer(sub("\\.$", "", v)))
    }
  }
  K <- max(rk, na.rm = TRUE)
  emit <- function(rows_sel, grouping, group) {
    n <- sum(answered & rows_sel)
    tot <- sum(chosen[answered & rows_sel, ])
    for (o in seq_along(q$opt)) {
      sel <- answered & rows_sel
      if (q$kind == "multi") {
        cnt <- sum(chosen[sel, o])
        multi_rows[[length(multi_rows) + 1]] <<- df_row(question_text = q$title,
          grouping = grouping, group = group, option = q$opt[o], n_respondents = n,
          count = cnt, pct_respondents = fmt(if (n) 100 * cnt / n else NA),
          pct_selections = fmt(if (tot) 100 * cnt / tot else NA))
      } else {
        r <- rk[sel, o]; r <- r[!is.na(r)]
        row <- df_row(question_text = q$title, grouping = grouping, group = group,
          option = q$opt[o], n_respondents = n, n_ranked = length(r),
          pct_ranked = fmt(if (n) 100 * length(r) / n else NA),
          mean_rank = fmt(if (length(r)) mean(r) else NA), borda = sum(K - r + 1),
          borda_mean = fmt(if (n) sum(K - r + 1) / n else NA))
        for (p in seq_len(K)) row[[paste0("rank_", p)]] <- sum(r == p)
        rank_rows[[length(rank_rows) + 1]] <<- row
      }
    }
  }
  emit(rep(TRUE, nrow(d)), "*", "*")
  for (g in groupings) for (v in groups_of(g)) emit(d[[g]] == v, g, v)
}
out(multi_rows, "multiselect.csv")
# ranking questions may have different numbers of positions: pad the columns
if (length(rank_rows)) {
  allc <- unique(unlist(lapply(rank_rows, names)))
  rank_rows <- lapply(rank_rows, function(r) { for (m in setdiff(allc, names(r))) r[[m]] <- ""; r[allc] })
}
out(rank_rows, "ranking.csv")

# ---- Net Promoter ------------------------------------------------------------
nps_rows <- list()
for (c in seq_along(hdr)) {
  if (!grepl("suosittel|recommend|rekommender", tolower(hdr[c]))) next
  v <- trimws(d[[c]])
  x <- suppressWarnings(as.numeric(v[v != ""]))
  if (!length(x) || any(is.na(x)) || any(x != round(x)) || min(x) < 0 || max(x) > 10 || max(x) < 9) next
  emit <- function(x, grouping, group) {
    s <- ifelse(x >= 9, 100, ifelse(x >= 7, 0, -100))
    n <- length(s)
    ci <- if (n >= 2 && sd(s) > 0) t.test(s)$conf.int else c(NA, NA)
    # kysely shows the question without the code legend at its end ("(0 = ..., 10 = ...)")
    text <- sub("\\s*\\([0-9]+ *=[^)]*\\)\\s*$", "", hdr[c])
    nps_rows[[length(nps_rows) + 1]] <<- df_row(item_text = text, grouping = grouping,
      group = group, n = n, promoters = sum(s == 100), passives = sum(s == 0),
      detractors = sum(s == -100), nps = fmt(if (n) mean(s) else NA),
      nps_ci_low = fmt(ci[1]), nps_ci_high = fmt(ci[2]))
  }
  val <- function(sel) { w <- trimws(d[[c]][sel]); as.numeric(w[w != ""]) }
  emit(val(rep(TRUE, nrow(d))), "*", "*")
  for (g in groupings) for (gv in groups_of(g)) emit(val(d[[g]] == gv), g, gv)
}
out(nps_rows, "nps.csv")
cat(sprintf("%s: %d reliability, %d scale, %d comparison, %d multi-select, %d ranking, %d NPS rows\n",
            outdir, length(rel_rows), length(score_rows), length(cmp_rows), length(multi_rows),
            length(rank_rows), length(nps_rows)))
