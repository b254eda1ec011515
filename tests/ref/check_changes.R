# check_changes.R - kysely's changes.csv against rounds.R's, rows matched by
# item text, grouping, group and the two rounds; every number R gives must
# agree to 1e-9 relative (absolute below 1e-300), empty cells empty in both.
#
#   Rscript tests/ref/check_changes.R KYSELY/changes.csv R/changes.csv
args <- commandArgs(trailingOnly = TRUE)
rd <- function(p) read.csv(p, colClasses = "character", check.names = FALSE,
                           na.strings = character(0), encoding = "UTF-8")
ours <- rd(args[1]); ref <- rd(args[2])
keys <- c("item_text", "grouping", "group", "round_a", "round_b")
ko <- do.call(paste, c(ours[keys], sep = "\r")); kr <- do.call(paste, c(ref[keys], sep = "\r"))
missing <- setdiff(kr, ko)
bad <- length(missing)
if (bad) cat("rows of R not in kysely:", bad, "\n")
n <- 0
for (col in setdiff(names(ref), keys)) {
  a <- ours[[col]][match(kr, ko)]; b <- ref[[col]]
  ok <- !is.na(a)
  ea <- a[ok] == ""; eb <- b[ok] == ""
  if (any(ea != eb)) { cat(col, ": empty in one only:", sum(ea != eb), "\n"); bad <- bad + 1 }
  x <- as.numeric(a[ok][!ea & !eb]); y <- as.numeric(b[ok][!ea & !eb])
  d <- abs(x - y) / pmax(abs(y), 1e-300)
  d[abs(y) < 1e-300] <- abs(x - y)[abs(y) < 1e-300]
  n <- n + length(x)
  if (any(d > 1e-9)) { cat(col, ": max relative difference", max(d), "\n"); bad <- bad + 1 }
}
cat(sprintf("%d rows, %d numbers compared, %d problems\n", length(kr), n, bad))
quit(status = if (bad) 1 else 0)
