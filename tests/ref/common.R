# common.R - shared by describe.R and groups.R: reads an export and knows
# the label sets.  Needs `path` set by the caller; defines d (the export as
# character columns), scales, nonsub, norm(), code_map(), pick_scale(),
# codes() and fmt().

# Label sets: one vector element per code (1..k), alternatives separated by "|".
scales <- list(
  "agreement-4-en" = c("strongly disagree|strong disagree", "disagree", "agree",
                       "strongly agree|strong agree"),
  "agreement-5-en" = c("strongly disagree|strong disagree", "disagree",
                       "neither agree nor disagree|neither|neutral", "agree",
                       "strongly agree|strong agree"),
  "agreement-4-fi" = c("täysin eri mieltä", "jokseenkin eri mieltä",
                       "jokseenkin samaa mieltä", "täysin samaa mieltä"),
  "agreement-5-fi" = c("täysin eri mieltä", "jokseenkin eri mieltä",
                       "ei samaa eikä eri mieltä", "jokseenkin samaa mieltä",
                       "täysin samaa mieltä"),
  "impact-5-fi"    = c("ei vaikutusta", "vähäinen vaikutus", "kohtalainen vaikutus",
                       "merkittävä vaikutus", "erittäin merkittävä vaikutus")
)
nonsub <- c("en osaa sanoa", "en ole käyttänyt", "ei koske minua", "don't know",
            "vet ej")

norm <- function(x) tolower(gsub("[[:space:]]+", " ", trimws(x)))

first <- readLines(path, n = 1, encoding = "UTF-8", warn = FALSE)
seps <- c(";", ",", "\t")
sep <- seps[which.max(sapply(seps, function(s) lengths(regmatches(first, gregexpr(s, first, fixed = TRUE)))))]
d <- read.table(path, sep = sep, quote = "\"", header = TRUE, check.names = FALSE,
                colClasses = "character", na.strings = character(0),
                fileEncoding = "UTF-8-BOM", encoding = "UTF-8", comment.char = "",
                strip.white = FALSE, blank.lines.skip = TRUE)

# label -> code map of a scale
code_map <- function(labels) {
  m <- integer(0)
  for (k in seq_along(labels))
    for (alt in strsplit(labels[k], "|", fixed = TRUE)[[1]]) m[alt] <- k
  m
}

# the smallest scale whose labels (plus non-substantive answers) cover every
# answer in the column; NULL when none does
pick_scale_of <- function(v) {
  vals <- unique(norm(v[trimws(v) != ""]))
  best <- NULL
  for (s in names(scales)) {
    m <- code_map(scales[[s]])
    if (length(vals) && all(vals %in% c(names(m), nonsub)) && any(vals %in% names(m)))
      if (is.null(best) || length(scales[[s]]) < length(scales[[best]])) best <- s
  }
  best
}

fmt <- function(x) ifelse(is.na(x), "", sprintf("%.15g", x))

# the codes of the answers V on SCALE (NA for empty and non-substantive)
codes <- function(v, scale) unname(code_map(scales[[scale]])[norm(v)])

# the scale of column COL: chosen on the answers of every column sharing its
# question stem ("Stem:Statement"), as items of one question share one scale;
# on the column alone when the stem's columns fit no single scale
pick_scale <- function(col) {
  stem <- sub(":.*", "", col)
  same <- if (grepl(":", col)) names(d)[sub(":.*", "", names(d)) == stem] else col
  s <- pick_scale_of(unlist(d[same]))
  if (is.null(s) || is.null(pick_scale_of(d[[col]]))) pick_scale_of(d[[col]]) else s
}
