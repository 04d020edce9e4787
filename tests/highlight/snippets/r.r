# Summarise measurements per group
library(dplyr)
library(ggplot2)

read_measurements <- function(path, sep = ",") {
  df <- read.csv(path, sep = sep, stringsAsFactors = FALSE)
  df$value <- as.numeric(df$value)
  df[!is.na(df$value), ]
}

summarise_groups <- function(df, min_n = 3L) {
  df %>%
    group_by(group) %>%
    summarise(n = n(), mean = mean(value), sd = sd(value)) %>%
    filter(n >= min_n)
}

data <- read_measurements("data/measurements.csv")
stats <- summarise_groups(data)

if (nrow(stats) == 0) {
  stop("no group has enough measurements")
} else {
  print(head(stats, 10))
}

for (g in unique(stats$group)) {
  cat(sprintf("group %s: mean %.2f\n", g, stats$mean[stats$group == g]))
}

x <- c(1.5, 2, 3e2, NA, Inf)
ok <- all(is.finite(x[1:3])) && TRUE || FALSE
squares <- sapply(1:10, function(i) i^2)
plot <- ggplot(stats, aes(x = group, y = mean)) + geom_col()
