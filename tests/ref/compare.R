# compare.R - compares kysely's tables with describe.R's, groups.R's or
# types.R's for any export.
#
#   Rscript tests/ref/compare.R KYSELY_OUTDIR R_OUTDIR [TOLERANCE]
#
# Every table that R_OUTDIR holds is compared, rows matched by their keys
# (below); every number must agree to TOLERANCE (default 1e-9) relative (absolute below 1e-300)
# and every empty cell must be empty in both.  Only kysely rows of questions
# R knows take part.  Exits 1 when a table differs, printing the differences.

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 2) stop("usage: compare.R KYSELY_OUTDIR R_OUTDIR [TOLERANCE]")
tol <- if (length(args) >= 3) as.numeric(args[3]) else 1e-9

rd <- function(p) read.csv(p, colClasses = "character", check.names = FALSE,
                           na.strings = character(0), encoding = "UTF-8")

check <- function(name, keys) {
  ours <- rd(file.path(args[1], name))
  ref <- rd(file.path(args[2], name))
  if ("type" %in% names(ours)) ours <- ours[ours$type == "scale", ]
  if ("kind" %in% names(ours)) ours <- ours[ours$kind != "category", ]
  ours <- ours[ours[[keys[1]]] %in% ref[[keys[1]]], ]   # R knows fewer scales
  ko <- do.call(paste, c(ours[keys], sep = "\r"))
  kr <- do.call(paste, c(ref[keys], sep = "\r"))
  bad <- 0
  if (length(setdiff(kr, ko)) || length(setdiff(ko, kr))) {
    cat(name, ": rows only in R:", length(setdiff(kr, ko)),
        " rows only in kysely:", length(setdiff(ko, kr)), "\n")
    bad <- bad + 1
  }
  m <- match(kr, ko)
  numbers <- 0
  worst <- 0
  for (col in setdiff(names(ref), keys)) {
    a <- ours[[col]][m]
    e <- ref[[col]]
    both_empty <- a == "" & e == ""
    one_empty <- xor(a == "", e == "")
    if (any(one_empty, na.rm = TRUE)) {
      cat(name, col, ": empty in one table only, rows", head(which(one_empty)), "\n")
      bad <- bad + 1
    }
    use <- !both_empty & !one_empty & !is.na(a)
    x <- suppressWarnings(as.numeric(a[use]))
    y <- suppressWarnings(as.numeric(e[use]))
    if (all(is.na(y))) {              # a text column: must be equal as text
      if (any(a[use] != e[use])) { cat(name, col, ": text differs\n"); bad <- bad + 1 }
      next
    }
    rel <- abs(x - y) / pmax(abs(y), 1e-300)
    rel[x == y] <- 0
    worst <- max(worst, rel, na.rm = TRUE)
    numbers <- numbers + sum(!is.na(rel))
    if (any(rel > tol | is.na(rel))) {
      i <- which(rel > tol | is.na(rel))[1]
      cat(name, col, ": kysely", a[use][i], "R", e[use][i], "\n")
      bad <- bad + 1
    }
  }
  cat(sprintf("%s: %d rows, %d numbers compared, largest relative difference %.3g%s\n",
              name, nrow(ref), numbers, worst, if (bad) " - DIFFERENCES" else ""))
  bad == 0
}

tables <- list(
  "descriptives.csv" = c("item_text", "grouping", "group"),
  "frequencies.csv"  = c("item_text", "grouping", "group", "label"),
  "comparisons.csv"  = c("item_text", "grouping", "test", "group_a", "group_b"),
  "reliability.csv"  = c("item_text", "item_id"),
  "scales.csv"       = c("block_text", "grouping", "group"),
  "multiselect.csv"  = c("question_text", "grouping", "group", "option"),
  "ranking.csv"      = c("question_text", "grouping", "group", "option"),
  "nps.csv"          = c("item_text", "grouping", "group"),
  "changes.csv"      = c("item_text", "grouping", "group", "round_a", "round_b"))
ok <- TRUE
for (name in names(tables)) {
  f <- file.path(args[2], name)
  if (file.exists(f) && length(readLines(f, n = 2)) > 1)   # R wrote rows
    ok <- check(name, tables[[name]]) && ok
}
quit(status = if (ok) 0 else 1)
