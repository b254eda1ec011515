# describe.R - reference tables for kysely's descriptives.csv and
# frequencies.csv, computed independently in base R from the raw export.
#
#   Rscript tests/ref/describe.R EXPORT.csv OUTDIR [GROUPING_COLUMN ...]
#
# Reads the export with read.table (UTF-8, BOM stripped, delimiter guessed
# from the header line), finds the Likert items itself from the label lists
# below, codes them 1..k from the negative pole, and writes
# OUTDIR/descriptives.csv and OUTDIR/frequencies.csv with kysely's column
# names, rows for all respondents (grouping "*", group "*") and for every
# value of each grouping column.  Only scale items are written; categorical
# and open columns are not compared.
#
# Statistics: mean(), sd(), quantile(type = 7), t.test()$conf.int,
# prop.test(correct = FALSE)$conf.int (the Wilson score interval) times 100.
# Numbers are printed with 15 significant digits; undefined values are empty.

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 2) stop("usage: describe.R EXPORT.csv OUTDIR [GROUPING ...]")
path <- args[1]
outdir <- args[2]
groupings <- args[-(1:2)]

source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "common.R"))


desc_rows <- list()
freq_rows <- list()

# v: the answers of this set of respondents; whole: the whole column, whose
# first spelling of each label is the one reported
describe <- function(item, v, grouping, group, scale, whole) {
  labels <- scales[[scale]]
  k <- length(labels)
  m <- code_map(labels)
  nv <- norm(v)
  empty <- trimws(v) == ""
  is_ns <- !empty & nv %in% nonsub
  x <- unname(m[nv[!empty & !is_ns]])
  n <- length(x)
  mean_ <- if (n >= 1) mean(x) else NA
  sd_ <- if (n >= 2) sd(x) else NA
  q <- if (n >= 1) quantile(x, c(.25, .5, .75), type = 7, names = FALSE) else rep(NA, 3)
  ci <- c(NA, NA)
  if (n >= 2 && sd_ > 0) ci <- t.test(x, conf.level = 0.95)$conf.int
  top <- sum(x >= k - 1)
  tp <- if (n >= 1) 100 * top / n else NA
  tci <- if (n >= 1) 100 * suppressWarnings(prop.test(top, n, correct = FALSE))$conf.int else c(NA, NA)
  desc_rows[[length(desc_rows) + 1]] <<- data.frame(
    item_text = item, grouping = grouping, group = group,
    n_valid = n, n_nonsubstantive = sum(is_ns), n_missing = sum(empty),
    mean = fmt(mean_), sd = fmt(sd_), median = fmt(q[2]), q1 = fmt(q[1]), q3 = fmt(q[3]),
    mean_ci_low = fmt(ci[1]), mean_ci_high = fmt(ci[2]),
    top2_pct = fmt(tp), top2_ci_low = fmt(tci[1]), top2_ci_high = fmt(tci[2]),
    check.names = FALSE, stringsAsFactors = FALSE)
  # one row per code, then one per non-substantive answer found in the column
  first_label <- sapply(strsplit(labels, "|", fixed = TRUE), `[`, 1)
  raw_label <- sapply(seq_len(k), function(c) {
    hit <- whole[norm(whole) %in% names(m)[m == c]]
    if (length(hit)) trimws(hit[1])
    else paste0(toupper(substr(first_label[c], 1, 1)), substring(first_label[c], 2))
  })
  for (c in seq_len(k)) {
    cnt <- sum(x == c)
    freq_rows[[length(freq_rows) + 1]] <<- data.frame(
      item_text = item, grouping = grouping, group = group, code = as.character(c),
      label = raw_label[c], count = cnt, percent_valid = fmt(if (n) 100 * cnt / n else NA),
      check.names = FALSE, stringsAsFactors = FALSE)
  }
  whole_ns <- trimws(whole[trimws(whole) != "" & norm(whole) %in% nonsub])
  for (ns in unique(whole_ns)) {
    freq_rows[[length(freq_rows) + 1]] <<- data.frame(
      item_text = item, grouping = grouping, group = group, code = "",
      label = ns, count = sum(trimws(v) == ns & is_ns), percent_valid = "",
      check.names = FALSE, stringsAsFactors = FALSE)
  }
}

for (col in names(d)) {
  if (col %in% groupings) next
  scale <- pick_scale(col)
  if (is.null(scale)) next
  describe(col, d[[col]], "*", "*", scale, d[[col]])
  for (g in groupings) {
    for (val in sort(unique(d[[g]][trimws(d[[g]]) != ""])))
      describe(col, d[[col]][d[[g]] == val], g, val, scale, d[[col]])
  }
}

dir.create(outdir, showWarnings = FALSE, recursive = TRUE)
write.csv(do.call(rbind, desc_rows), file.path(outdir, "descriptives.csv"),
          row.names = FALSE, fileEncoding = "UTF-8")
write.csv(do.call(rbind, freq_rows), file.path(outdir, "frequencies.csv"),
          row.names = FALSE, fileEncoding = "UTF-8")
cat(sprintf("%s: %d descriptive rows, %d frequency rows\n", outdir,
            length(desc_rows), length(freq_rows)))
