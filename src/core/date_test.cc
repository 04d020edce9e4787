#include "core/date.h"

#include <gtest/gtest.h>

namespace bengal {
namespace {

TEST(Date, ParsesRfc3339WithOffset) {
  auto d = parse_datetime("2024-03-01T10:00:00+02:00");
  ASSERT_TRUE(d);
  EXPECT_EQ(format_rfc3339(*d), "2024-03-01T10:00:00+02:00");
  auto utc = parse_datetime("2024-03-01T08:00:00Z");
  ASSERT_TRUE(utc);
  EXPECT_EQ(d->epoch_seconds, utc->epoch_seconds);
}

TEST(Date, ParsesBareDateAndSpaceSeparatedTime) {
  auto d = parse_datetime("2006-01-02");
  ASSERT_TRUE(d);
  EXPECT_FALSE(d->has_time);
  EXPECT_EQ(d->epoch_seconds, 1136160000);
  auto t = parse_datetime("2006-01-02 15:04");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->epoch_seconds, 1136160000 + 15 * 3600 + 4 * 60);
}

TEST(Date, RejectsImpossibleDates) {
  EXPECT_FALSE(parse_datetime("2023-02-29"));
  EXPECT_FALSE(parse_datetime("2024-13-01"));
  EXPECT_FALSE(parse_datetime("yesterday"));
  EXPECT_FALSE(parse_datetime("2024-01-01T25:00:00Z"));
  EXPECT_TRUE(parse_datetime("2024-02-29"));
}

TEST(Date, FormatsRfc1123zAndStrftime) {
  auto d = parse_datetime("2006-01-02T15:04:05Z");
  ASSERT_TRUE(d);
  EXPECT_EQ(format_rfc1123z(*d), "Mon, 02 Jan 2006 15:04:05 +0000");
  EXPECT_EQ(format_strftime(*d, "%B %-d, %Y"), "January 2, 2006");
  EXPECT_EQ(format_strftime(*d, "%Y-%m-%d %H:%M:%S %a %j %%"), "2006-01-02 15:04:05 Mon 002 %");
}

TEST(Date, FormatsNegativeOffsetsAndPaddedFields) {
  auto d = parse_datetime("2024-03-05T07:08:09-05:30");
  ASSERT_TRUE(d);
  EXPECT_EQ(format_rfc3339(*d), "2024-03-05T07:08:09-05:30");
  EXPECT_EQ(format_rfc1123z(*d), "Tue, 05 Mar 2024 07:08:09 -0530");
  EXPECT_EQ(format_strftime(*d, "[%e] %F %T %-m/%-d %I%p %y"), "[ 5] 2024-03-05 07:08:09 3/5 07AM 24");
  EXPECT_EQ(format_iso_date(*d), "2024-03-05");
}

TEST(Date, DaysFromCivilHandlesEpochAndLeapYears) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(2000, 3, 1) - days_from_civil(2000, 2, 28), 2);
  CivilTime c = to_civil(DateTime{-1, 0, true});
  EXPECT_EQ(c.year, 1969);
  EXPECT_EQ(c.second, 59);
}

}  // namespace
}  // namespace bengal
