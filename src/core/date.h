// Dates as front matter writes them, and as templates and feeds print them.
//
// A DateTime is an instant (seconds since the Unix epoch, UTC) plus the UTC
// offset it was written with, so "2024-03-01T10:00:00+02:00" prints back with
// its own offset. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bengal {

struct DateTime {
  std::int64_t epoch_seconds = 0;  // UTC instant
  std::int32_t offset_minutes = 0;  // offset the value was written in
  bool has_time = false;            // false for a bare "YYYY-MM-DD"

  auto operator<=>(const DateTime& o) const { return epoch_seconds <=> o.epoch_seconds; }
  bool operator==(const DateTime& o) const { return epoch_seconds == o.epoch_seconds; }
};

struct CivilTime {
  int year, month, day, hour, minute, second;
  int weekday;  // 0 = Sunday
  int yday;     // 1-based day of year
};

// Accepts RFC 3339 ("2024-01-02T03:04:05Z", "...+01:00", fractional seconds
// ignored), "YYYY-MM-DD", "YYYY-MM-DD HH:MM" and "YYYY-MM-DD HH:MM:SS" (UTC
// unless an offset follows).
std::optional<DateTime> parse_datetime(std::string_view text);

CivilTime to_civil(const DateTime& dt);  // in the value's own offset
std::int64_t days_from_civil(int y, int m, int d);

std::string format_rfc3339(const DateTime& dt);  // 2006-01-02T15:04:05Z / +01:00
std::string format_rfc1123z(const DateTime& dt);  // Mon, 02 Jan 2006 15:04:05 +0000
std::string format_iso_date(const DateTime& dt);  // 2006-01-02
// strftime-style: %Y %y %m %d %e %H %I %M %S %p %B %b %A %a %j %z %Z %F %T %%
// (%-d, %-m and %-H drop the leading zero). Locale-independent (English).
std::string format_strftime(const DateTime& dt, std::string_view format);

DateTime now_utc();

}  // namespace bengal
