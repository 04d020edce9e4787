#include "core/date.h"

#include <chrono>
#include <cstdio>

namespace bengal {

namespace {

constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
constexpr const char* kDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

int days_in_month(int y, int m) {
  static constexpr int kDaysIn[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDaysIn[m - 1];
}

}  // namespace

// Howard Hinnant's days_from_civil: days since 1970-01-01 for a proleptic
// Gregorian date.
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = static_cast<unsigned>((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::optional<DateTime> parse_datetime(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  int y, mo, d;
  if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d)) {
    return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo)) return std::nullopt;
  DateTime dt;
  std::int64_t secs = days_from_civil(y, mo, d) * 86400;
  std::size_t pos = 10;
  if (pos < s.size()) {
    if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return std::nullopt;
    ++pos;
    int h, mi, sec = 0;
    if (!digits(s, pos, 2, h) || pos + 2 >= s.size() || s[pos + 2] != ':' || !digits(s, pos + 3, 2, mi)) {
      return std::nullopt;
    }
    pos += 5;
    if (pos < s.size() && s[pos] == ':') {
      if (!digits(s, pos + 1, 2, sec)) return std::nullopt;
      pos += 3;
      if (pos < s.size() && s[pos] == '.') {
        ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      }
    }
    if (h > 23 || mi > 59 || sec > 60) return std::nullopt;
    secs += h * 3600 + mi * 60 + sec;
    dt.has_time = true;
    while (pos < s.size() && s[pos] == ' ') ++pos;
    if (pos < s.size()) {
      if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
      } else if (s[pos] == '+' || s[pos] == '-') {
        int sign = s[pos] == '-' ? -1 : 1;
        int oh, om = 0;
        if (!digits(s, pos + 1, 2, oh)) return std::nullopt;
        pos += 3;
        if (pos < s.size() && s[pos] == ':') ++pos;
        if (pos < s.size()) {
          if (!digits(s, pos, 2, om)) return std::nullopt;
          pos += 2;
        }
        if (oh > 23 || om > 59) return std::nullopt;
        dt.offset_minutes = sign * (oh * 60 + om);
        secs -= static_cast<std::int64_t>(dt.offset_minutes) * 60;
      } else {
        return std::nullopt;
      }
    }
    if (pos != s.size()) return std::nullopt;
  }
  dt.epoch_seconds = secs;
  return dt;
}

CivilTime to_civil(const DateTime& dt) {
  std::int64_t local = dt.epoch_seconds + static_cast<std::int64_t>(dt.offset_minutes) * 60;
  std::int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  std::int64_t rem = local - days * 86400;
  CivilTime c{};
  // civil_from_days (Hinnant).
  std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  c.year = static_cast<int>(yoe + era * 400 + (c.month <= 2));
  c.hour = static_cast<int>(rem / 3600);
  c.minute = static_cast<int>((rem % 3600) / 60);
  c.second = static_cast<int>(rem % 60);
  c.weekday = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday
  c.yday = static_cast<int>(days - days_from_civil(c.year, 1, 1) + 1);
  return c;
}

namespace {

// Zero-padded decimal digits; dates are formatted for every list entry of
// every page, so this avoids snprintf.
void append_digits(std::string& out, int v, int width) {
  char buf[12];
  int n = 0;
  bool negative = v < 0;
  unsigned u = negative ? 0u - static_cast<unsigned>(v) : static_cast<unsigned>(v);
  do {
    buf[n++] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  if (negative) out += '-';
  for (int i = n; i < width; ++i) out += '0';
  while (n > 0) out += buf[--n];
}

void append_offset(std::string& out, int minutes, bool colon) {
  int a = minutes < 0 ? -minutes : minutes;
  out += minutes < 0 ? '-' : '+';
  append_digits(out, a / 60, 2);
  if (colon) out += ':';
  append_digits(out, a % 60, 2);
}

void append_date(std::string& out, const CivilTime& c) {
  append_digits(out, c.year, 4);
  out += '-';
  append_digits(out, c.month, 2);
  out += '-';
  append_digits(out, c.day, 2);
}

void append_time(std::string& out, const CivilTime& c) {
  append_digits(out, c.hour, 2);
  out += ':';
  append_digits(out, c.minute, 2);
  out += ':';
  append_digits(out, c.second, 2);
}

}  // namespace

std::string format_rfc3339(const DateTime& dt) {
  CivilTime c = to_civil(dt);
  std::string out;
  out.reserve(25);
  append_date(out, c);
  out += 'T';
  append_time(out, c);
  if (dt.offset_minutes == 0) {
    out += 'Z';
  } else {
    append_offset(out, dt.offset_minutes, true);
  }
  return out;
}

std::string format_rfc1123z(const DateTime& dt) {
  CivilTime c = to_civil(dt);
  std::string out;
  out.reserve(31);
  out.append(kDays[c.weekday], 3);
  out += ", ";
  append_digits(out, c.day, 2);
  out += ' ';
  out.append(kMonths[c.month - 1], 3);
  out += ' ';
  append_digits(out, c.year, 4);
  out += ' ';
  append_time(out, c);
  out += ' ';
  append_offset(out, dt.offset_minutes, false);
  return out;
}

std::string format_iso_date(const DateTime& dt) {
  std::string out;
  append_date(out, to_civil(dt));
  return out;
}

std::string format_strftime(const DateTime& dt, std::string_view f) {
  CivilTime c = to_civil(dt);
  std::string out;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f[i] != '%' || i + 1 >= f.size()) {
      out += f[i];
      continue;
    }
    char spec = f[++i];
    bool no_pad = false;
    if (spec == '-' && i + 1 < f.size()) {
      no_pad = true;
      spec = f[++i];
    }
    auto num = [&](int v, int width) { append_digits(out, v, no_pad ? 1 : width); };
    switch (spec) {
      case 'Y': num(c.year, 4); break;
      case 'y': num(c.year % 100, 2); break;
      case 'm': num(c.month, 2); break;
      case 'd': num(c.day, 2); break;
      case 'e': if (c.day < 10) out += ' '; append_digits(out, c.day, 1); break;
      case 'H': num(c.hour, 2); break;
      case 'I': num(c.hour % 12 == 0 ? 12 : c.hour % 12, 2); break;
      case 'M': num(c.minute, 2); break;
      case 'S': num(c.second, 2); break;
      case 'p': out += c.hour < 12 ? "AM" : "PM"; break;
      case 'B': out += kMonths[c.month - 1]; break;
      case 'b': case 'h': out.append(kMonths[c.month - 1], 3); break;
      case 'A': out += kDays[c.weekday]; break;
      case 'a': out.append(kDays[c.weekday], 3); break;
      case 'j': num(c.yday, 3); break;
      case 'z': append_offset(out, dt.offset_minutes, false); break;
      case 'Z': if (dt.offset_minutes == 0) out += "UTC"; else append_offset(out, dt.offset_minutes, true); break;
      case 'F': append_date(out, c); break;
      case 'T': append_time(out, c); break;
      case 's': out += std::to_string(dt.epoch_seconds); break;
      case '%': out += '%'; break;
      default: out += '%'; out += spec; break;
    }
  }
  return out;
}

DateTime now_utc() {
  auto now = std::chrono::system_clock::now();
  DateTime dt;
  dt.epoch_seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  dt.has_time = true;
  return dt;
}

}  // namespace bengal
