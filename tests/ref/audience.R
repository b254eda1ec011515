# audience.R - reference tables for the same statements asked of several
# audiences, computed independently in base R from the raw exports.
#
#   Rscript tests/ref/audience.R OUTDIR exports FILE1 FILE2 [FILE...] -- [GROUPING ...]
#   Rscript tests/ref/audience.R OUTDIR blocks FILE ROUTE -- [GROUPING ...]
#
# exports: one export per audience, the audience named by the file name
#   without its extension; a statement is the header text after the question
#   stem ("Stem:Statement"), matched across the files after case folding and
#   white space; other columns present in every file by their whole header.
# blocks: one export whose statement blocks (one per question stem) were
#   answered by different respondents; each respondent's answers are taken
#   from the block with the most answers (the first on a tie), the audience
#   is the respondent's answer to ROUTE.
# The answers are stacked into one table with the column "audience" and the
# statements under one stem ("B:statement"), written to a temporary CSV, and
# describe.R and groups.R (base R: mean, sd, quantile type 7, t.test,
# prop.test, wilcox.test(exact = FALSE, correct = TRUE), t.test (Welch),
# kruskal.test, chisq.test, p.adjust holm/BH over the statements of the block)
# make OUTDIR/{descriptives,frequencies,comparisons}.csv from it, with
# item_text the statement.

args <- commandArgs(trailingOnly = TRUE)
dash <- match("--", args)
if (length(args) < 3 || is.na(dash)) stop("usage: audience.R OUTDIR exports|blocks FILES... -- [GROUPING...]")
outdir <- args[1]
mode <- args[2]
files <- args[3:(dash - 1)]
groupings <- if (dash < length(args)) args[(dash + 1):length(args)] else character(0)
here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))

rd <- function(p) {
  first <- readLines(p, n = 1, encoding = "UTF-8", warn = FALSE)
  seps <- c(";", ",", "\t")
  sep <- seps[which.max(sapply(seps, function(s) lengths(regmatches(first, gregexpr(s, first, fixed = TRUE)))))]
  read.table(p, sep = sep, quote = "\"", header = TRUE, check.names = FALSE,
             colClasses = "character", na.strings = character(0),
             fileEncoding = "UTF-8-BOM", encoding = "UTF-8", comment.char = "",
             strip.white = FALSE, blank.lines.skip = TRUE)
}
key <- function(x) tolower(gsub("[[:space:]]+", " ", trimws(x)))
statement <- function(h) ifelse(grepl(":", h), sub("^[^:]*:", "", h), NA)
stem <- function(h) ifelse(grepl(":", h), sub(":.*$", "", h), NA)

if (mode == "exports") {
  ds <- lapply(files, rd)
  names_ <- sub("\\.[^.]*$", "", basename(files))
  st <- statement(names(ds[[1]]))
  items <- st[!is.na(st)]
  parts <- list()
  for (k in seq_along(ds)) {
    d <- ds[[k]]
    sk <- key(statement(names(d)))
    out <- data.frame(audience = rep(names_[k], nrow(d)), stringsAsFactors = FALSE)
    for (g in groupings) out[[g]] <- d[[g]]
    for (s in items) {
      j <- which(sk == key(s))
      out[[paste0("B:", s)]] <- if (length(j)) d[[j[1]]] else rep("", nrow(d))
    }
    parts[[k]] <- out
  }
  m <- do.call(rbind, parts)
} else if (mode == "blocks") {
  d <- rd(files[1])
  route <- files[2]
  h <- names(d)
  stems <- unique(stem(h[!is.na(stem(h))]))
  blocks <- lapply(stems, function(s) which(stem(h) == s))
  items <- statement(h[blocks[[1]]])
  answered <- sapply(blocks, function(b) rowSums(trimws(as.matrix(d[, b, drop = FALSE])) != ""))
  pick <- apply(answered, 1, function(x) if (max(x) == 0) NA else which.max(x))
  m <- data.frame(audience = ifelse(is.na(pick), "", d[[route]]), stringsAsFactors = FALSE)
  for (g in groupings) m[[g]] <- d[[g]]
  for (s in items) {
    v <- rep("", nrow(d))
    for (b in seq_along(blocks)) {
      j <- blocks[[b]][key(statement(h[blocks[[b]]])) == key(s)]
      use <- !is.na(pick) & pick == b
      if (length(j)) v[use] <- d[[j[1]]][use]
    }
    m[[paste0("B:", s)]] <- v
  }
} else stop("mode: exports or blocks")

tmp <- tempfile(fileext = ".csv")
write.table(m, tmp, sep = ";", quote = TRUE, row.names = FALSE, fileEncoding = "UTF-8")
for (script in c("describe.R", "groups.R"))
  if (system2("Rscript", c(file.path(here, script), tmp, outdir, "audience", groupings)) != 0)
    stop(script, " failed")
for (f in c("descriptives.csv", "frequencies.csv", "comparisons.csv")) {
  p <- file.path(outdir, f)
  t <- read.csv(p, colClasses = "character", check.names = FALSE, na.strings = character(0),
                encoding = "UTF-8")
  t$item_text <- sub("^B:", "", t$item_text)
  write.csv(t, p, row.names = FALSE, fileEncoding = "UTF-8")
}
unlink(tmp)
