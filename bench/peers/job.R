# job.R - the benchmark job as an R user would write it with data.table.
# usage: Rscript job.R EXPORT.csv OUTDIR
# Labels -> codes 1..5 ("En ole käyttänyt" and empty cells are NA); per item
# and group (and all, "*") the frequencies, n, mean, SD, median, quartiles
# (type 7); Mann-Whitney U (Asukas vs Henkilöstö) and Kruskal-Wallis over the
# three groups; written as CSV (stats.csv, freq.csv, tests.csv).
suppressMessages(library(data.table))
a <- commandArgs(TRUE)
d <- fread(a[1], sep = ";", encoding = "UTF-8", colClasses = "character")
dir.create(a[2], showWarnings = FALSE)
levels <- c("Ei vaikutusta", "Vähäinen vaikutus", "Kohtalainen vaikutus",
            "Merkittävä vaikutus", "Erittäin merkittävä vaikutus")
grp <- d[[2]]
items <- 3:(ncol(d) - 1)
st <- list(); fr <- list(); te <- list()
for (j in items) {
  id <- paste0("Q", j)
  x <- match(d[[j]], levels)          # NA for non-substantive and empty
  for (g in c("*", "Asukas", "Henkilöstö", "Yhteistyökumppani")) {
    v <- if (g == "*") x else x[grp == g]
    v <- v[!is.na(v)]
    q <- quantile(v, c(.25, .5, .75), type = 7, names = FALSE)
    st[[length(st) + 1]] <- data.table(item = id, group = g, n = length(v), mean = mean(v),
                                       sd = sd(v), median = q[2], q1 = q[1], q3 = q[3])
    fr[[length(fr) + 1]] <- data.table(item = id, group = g, code = 1:5,
                                       count = tabulate(v, 5))
  }
  w <- suppressWarnings(wilcox.test(x[grp == "Asukas"], x[grp == "Henkilöstö"]))
  k <- kruskal.test(x, factor(grp))
  te[[length(te) + 1]] <- data.table(item = id, test = c("mann_whitney", "kruskal_wallis"),
                                     statistic = c(w$statistic, k$statistic),
                                     p = c(w$p.value, k$p.value))
}
fwrite(rbindlist(st), file.path(a[2], "stats.csv"))
fwrite(rbindlist(fr), file.path(a[2], "freq.csv"))
fwrite(rbindlist(te), file.path(a[2], "tests.csv"))
