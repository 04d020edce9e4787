#include "template/lexer.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "core/text.h"

namespace bengal::tmpl {

std::string normalize_source(std::string_view source, bool keep_trailing_newline) {
  std::string out;
  out.reserve(source.size());
  for (std::size_t i = 0; i < source.size(); ++i) {
    char c = source[i];
    if (c == '\r') {
      if (i + 1 < source.size() && source[i + 1] == '\n') ++i;
      out += '\n';
    } else {
      out += c;
    }
  }
  if (!keep_trailing_newline && !out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

std::string_view op_text(Op op) {
  switch (op) {
    case Op::kNone:
      return "";
    case Op::kAdd:
      return "+";
    case Op::kSub:
      return "-";
    case Op::kDiv:
      return "/";
    case Op::kFloorDiv:
      return "//";
    case Op::kMul:
      return "*";
    case Op::kMod:
      return "%";
    case Op::kPow:
      return "**";
    case Op::kTilde:
      return "~";
    case Op::kLBracket:
      return "[";
    case Op::kRBracket:
      return "]";
    case Op::kLParen:
      return "(";
    case Op::kRParen:
      return ")";
    case Op::kLBrace:
      return "{";
    case Op::kRBrace:
      return "}";
    case Op::kEq:
      return "==";
    case Op::kNe:
      return "!=";
    case Op::kGt:
      return ">";
    case Op::kGe:
      return ">=";
    case Op::kLt:
      return "<";
    case Op::kLe:
      return "<=";
    case Op::kAssign:
      return "=";
    case Op::kDot:
      return ".";
    case Op::kColon:
      return ":";
    case Op::kPipe:
      return "|";
    case Op::kComma:
      return ",";
    case Op::kSemicolon:
      return ";";
    case Op::kCoalesce:
      return "??";
    case Op::kOptDot:
      return "?.";
  }
  return "";
}

namespace {

// Python's str.isspace for the ASCII range, which is what \s and rstrip()
// match in template text (non-ASCII spaces are rare enough in markup).
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
         (c >= 0x1c && c <= 0x1f);
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool is_name_char(char c) {
  return is_name_start(c) || is_digit(c);
}

std::string_view rstrip(std::string_view s) {
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

enum class TagKind { kVar, kBlock, kComment };

class Lexer {
 public:
  Lexer(std::string_view src, const LexOptions& opt, Arena& strings)
      : src_(src), opt_(opt), strings_(strings) {}

  Result<std::vector<Token>> run() {
    while (pos_ < src_.size()) {
      std::size_t open = find_tag_open(pos_);
      if (open == std::string_view::npos) {
        emit_data(src_.substr(pos_), pos_);
        break;
      }
      std::string_view text = src_.substr(pos_, open - pos_);
      std::size_t text_start = pos_;
      char kind_char = src_[open + 1];
      TagKind kind = kind_char == '{'   ? TagKind::kVar
                     : kind_char == '%' ? TagKind::kBlock
                                        : TagKind::kComment;
      std::size_t after = open + 2;
      char sign = 0;
      if (after < src_.size() && (src_[after] == '-' || src_[after] == '+')) sign = src_[after++];

      std::size_t raw_body = 0;
      bool is_raw = kind == TagKind::kBlock && match_raw_begin(after, raw_body);
      emit_data(strip_before(text, sign, kind), text_start);
      line_starting_ = false;

      if (is_raw) {
        if (!lex_raw(raw_body)) return error_;
        continue;
      }
      if (kind == TagKind::kComment) {
        if (!lex_comment(after)) return error_;
        continue;
      }
      Token begin;
      begin.type = kind == TagKind::kVar ? Tok::kVarBegin : Tok::kBlockBegin;
      begin.offset = static_cast<std::uint32_t>(open);
      tokens_.push_back(begin);
      if (!lex_tag(after, kind)) return error_;
    }
    Token eof;
    eof.type = Tok::kEof;
    eof.offset = static_cast<std::uint32_t>(src_.size());
    tokens_.push_back(eof);
    return std::move(tokens_);
  }

 private:
  std::size_t find_tag_open(std::size_t from) const {
    while (true) {
      std::size_t p = src_.find('{', from);
      if (p == std::string_view::npos || p + 1 >= src_.size()) return std::string_view::npos;
      char c = src_[p + 1];
      if (c == '{' || c == '%' || c == '#') return p;
      from = p + 1;
    }
  }

  // The OptionalLStrip rule of Jinja's lexer: "-" strips all whitespace
  // before the tag; otherwise lstrip_blocks strips spaces and tabs between
  // the start of the line and a block or comment tag.
  std::string_view strip_before(std::string_view text, char sign, TagKind kind) const {
    if (sign == '-') return rstrip(text);
    if (sign == '+' || !opt_.lstrip_blocks || kind == TagKind::kVar) return text;
    std::size_t nl = text.rfind('\n');
    std::size_t l_pos = nl == std::string_view::npos ? 0 : nl + 1;
    if (l_pos == 0 && !line_starting_) return text;
    if (l_pos == text.size()) return text;
    for (std::size_t i = l_pos; i < text.size(); ++i) {
      if (!is_space(text[i])) return text;
    }
    return text.substr(0, l_pos);
  }

  void emit_data(std::string_view text, std::size_t offset) {
    if (text.empty()) return;
    Token t;
    t.type = Tok::kData;
    t.offset = static_cast<std::uint32_t>(offset);
    t.text = text;
    tokens_.push_back(t);
  }

  std::size_t skip_spaces(std::size_t p) const {
    while (p < src_.size() && is_space(src_[p])) ++p;
    return p;
  }

  bool match_word(std::size_t p, std::string_view w) const { return src_.substr(p, w.size()) == w; }

  // `{%(-|+|)\s*raw\s*(-%}\s*|%})`: on success `body` is where the raw text starts.
  bool match_raw_begin(std::size_t p, std::size_t& body) {
    p = skip_spaces(p);
    if (!match_word(p, "raw")) return false;
    p = skip_spaces(p + 3);
    if (match_word(p, "-%}")) {
      std::size_t q = skip_spaces(p + 3);
      line_starting_after_raw_ = q > p + 3 && src_[q - 1] == '\n';
      body = q;
      return true;
    }
    if (match_word(p, "%}")) {
      line_starting_after_raw_ = false;
      body = p + 2;
      return true;
    }
    return false;
  }

  bool lex_raw(std::size_t body) {
    line_starting_ = line_starting_after_raw_;
    std::size_t from = body;
    while (true) {
      std::size_t open = src_.find("{%", from);
      if (open == std::string_view::npos) return fail(body, "Missing end of raw directive");
      std::size_t p = open + 2;
      char sign = 0;
      if (p < src_.size() && (src_[p] == '-' || src_[p] == '+')) sign = src_[p++];
      p = skip_spaces(p);
      if (!match_word(p, "endraw")) {
        from = open + 2;
        continue;
      }
      p = skip_spaces(p + 6);
      std::size_t end;
      if (!match_block_end(p, end)) {
        from = open + 2;
        continue;
      }
      emit_data(strip_before(src_.substr(body, open - body), sign, TagKind::kBlock), body);
      pos_ = end;
      return true;
    }
  }

  // `+%}` | `-%}\s*` | `%}\n?` (with trim_blocks); sets `end` past the match.
  bool match_block_end(std::size_t p, std::size_t& end) {
    if (match_word(p, "+%}")) {
      end = p + 3;
      line_starting_ = false;
      return true;
    }
    if (match_word(p, "-%}")) {
      end = skip_spaces(p + 3);
      line_starting_ = end > p + 3 && src_[end - 1] == '\n';
      return true;
    }
    if (match_word(p, "%}")) {
      end = p + 2;
      line_starting_ = false;
      if (opt_.trim_blocks && end < src_.size() && src_[end] == '\n') {
        ++end;
        line_starting_ = true;
      }
      return true;
    }
    return false;
  }

  bool lex_comment(std::size_t body) {
    std::size_t close = src_.find("#}", body);
    if (close == std::string_view::npos) return fail(body, "Missing end of comment tag");
    std::size_t end = close + 2;
    line_starting_ = false;
    if (close > body && src_[close - 1] == '-') {
      std::size_t q = skip_spaces(end);
      line_starting_ = q > end && src_[q - 1] == '\n';
      end = q;
    } else if (close > body && src_[close - 1] == '+') {
      // keep the newline
    } else if (opt_.trim_blocks && end < src_.size() && src_[end] == '\n') {
      ++end;
      line_starting_ = true;
    }
    pos_ = end;
    return true;
  }

  bool lex_tag(std::size_t p, TagKind kind) {
    std::vector<char> balance;
    while (true) {
      p = skip_spaces(p);
      if (p >= src_.size()) {
        return fail(p, kind == TagKind::kVar ? "unexpected end of template, expected '}}'"
                                             : "unexpected end of template, expected '%}'");
      }
      if (balance.empty()) {
        if (kind == TagKind::kBlock) {
          std::size_t end;
          std::size_t at = p;
          if (match_block_end(p, end)) {
            Token t;
            t.type = Tok::kBlockEnd;
            t.offset = static_cast<std::uint32_t>(at);
            tokens_.push_back(t);
            pos_ = end;
            return true;
          }
        } else {
          if (match_word(p, "-}}") || match_word(p, "}}")) {
            Token t;
            t.type = Tok::kVarEnd;
            t.offset = static_cast<std::uint32_t>(p);
            tokens_.push_back(t);
            if (src_[p] == '-') {
              std::size_t q = skip_spaces(p + 3);
              line_starting_ = q > p + 3 && src_[q - 1] == '\n';
              pos_ = q;
            } else {
              line_starting_ = false;
              pos_ = p + 2;
            }
            return true;
          }
        }
      }
      char c = src_[p];
      Token t;
      t.offset = static_cast<std::uint32_t>(p);
      std::size_t next = p;
      if (is_digit(c) && (p == 0 || src_[p - 1] != '.') && lex_float(p, t, next)) {
      } else if (is_digit(c)) {
        if (!lex_int(p, t, next)) return false;
      } else if (is_name_start(c)) {
        next = p;
        while (next < src_.size() && is_name_char(src_[next])) ++next;
        t.type = Tok::kName;
        t.text = src_.substr(p, next - p);
      } else if (c == '\'' || c == '"') {
        if (!lex_string(p, t, next)) return false;
      } else {
        if (!lex_operator(p, t, next)) return false;
        if (t.op == Op::kLBrace) balance.push_back('}');
        if (t.op == Op::kLParen) balance.push_back(')');
        if (t.op == Op::kLBracket) balance.push_back(']');
        if (t.op == Op::kRBrace || t.op == Op::kRParen || t.op == Op::kRBracket) {
          char closing = src_[p];
          if (balance.empty()) return fail(p, std::string("unexpected '") + closing + "'");
          if (balance.back() != closing) {
            return fail(
                p, std::string("unexpected '") + closing + "', expected '" + balance.back() + "'");
          }
          balance.pop_back();
        }
      }
      tokens_.push_back(t);
      p = next;
    }
  }

  // Digits with single '_' separators; returns the end, or `p` if none.
  std::size_t scan_digits(std::size_t p, bool (*ok)(char)) const {
    std::size_t q = p;
    if (q >= src_.size() || !ok(src_[q])) return p;
    while (q < src_.size()) {
      if (ok(src_[q])) {
        ++q;
      } else if (src_[q] == '_' && q + 1 < src_.size() && ok(src_[q + 1])) {
        q += 2;
      } else {
        break;
      }
    }
    return q;
  }

  bool lex_float(std::size_t p, Token& t, std::size_t& next) {
    std::size_t q = scan_digits(p, is_digit);
    std::size_t frac_end = q;
    if (q < src_.size() && src_[q] == '.') {
      std::size_t f = scan_digits(q + 1, is_digit);
      if (f > q + 1) frac_end = f;
    }
    std::size_t end = frac_end;
    if (end < src_.size() && (src_[end] == 'e' || src_[end] == 'E')) {
      std::size_t e = end + 1;
      if (e < src_.size() && (src_[e] == '+' || src_[e] == '-')) ++e;
      std::size_t d = scan_digits(e, is_digit);
      if (d > e) end = d;
    }
    if (end == q) return false;  // neither fraction nor exponent: an integer
    std::string digits;
    for (std::size_t i = p; i < end; ++i) {
      if (src_[i] != '_') digits += src_[i];
    }
    t.type = Tok::kFloat;
    t.text = src_.substr(p, end - p);
    t.float_value = std::strtod(digits.c_str(), nullptr);
    next = end;
    return true;
  }

  bool lex_int(std::size_t p, Token& t, std::size_t& next) {
    int base = 10;
    std::size_t start = p;
    std::size_t end;
    auto is_bin = [](char c) { return c == '0' || c == '1'; };
    auto is_oct = [](char c) { return c >= '0' && c <= '7'; };
    auto is_hex = [](char c) {
      return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    };
    auto prefixed = [&](char lower, int b, bool (*ok)(char)) -> bool {
      if (src_[p] != '0' || p + 1 >= src_.size() || (src_[p + 1] | 0x20) != lower) return false;
      // Jinja allows one '_' right after the prefix ("0x_ff").
      std::size_t d = p + 2;
      if (d < src_.size() && src_[d] == '_') ++d;
      std::size_t q = scan_digits(d, ok);
      if (q == d) return false;
      base = b;
      start = p + 2;
      end = q;
      return true;
    };
    if (!prefixed('b', 2, is_bin) && !prefixed('o', 8, is_oct) && !prefixed('x', 16, is_hex)) {
      if (src_[p] == '0') {
        end = p + 1;
        while (end < src_.size() &&
               (src_[end] == '0' ||
                (src_[end] == '_' && end + 1 < src_.size() && src_[end + 1] == '0'))) {
          ++end;
        }
      } else {
        end = scan_digits(p, is_digit);
      }
    }
    std::string digits;
    for (std::size_t i = start; i < end; ++i) {
      if (src_[i] != '_') digits += src_[i];
    }
    std::int64_t v = 0;
    auto r = std::from_chars(digits.data(), digits.data() + digits.size(), v, base);
    if (r.ec != std::errc()) return fail(p, "integer literal is too large");
    t.type = Tok::kInt;
    t.text = src_.substr(p, end - p);
    t.int_value = v;
    next = end;
    return true;
  }

  bool lex_string(std::size_t p, Token& t, std::size_t& next) {
    char quote = src_[p];
    std::size_t q = p + 1;
    bool has_escape = false;
    while (q < src_.size() && src_[q] != quote) {
      if (src_[q] == '\\') {
        has_escape = true;
        ++q;
      }
      ++q;
    }
    if (q >= src_.size()) return fail(p, std::string("unexpected char '") + quote + "'");
    std::string_view body = src_.substr(p + 1, q - p - 1);
    t.type = Tok::kString;
    t.text = has_escape ? unescape(body) : body;
    next = q + 1;
    return true;
  }

  // Python's "unicode-escape" decoding of a string literal body. Unknown
  // escapes ("\d") are kept as written, as Python does.
  std::string_view unescape(std::string_view body) {
    std::string out;
    out.reserve(body.size());
    for (std::size_t i = 0; i < body.size(); ++i) {
      char c = body[i];
      if (c != '\\' || i + 1 >= body.size()) {
        out += c;
        continue;
      }
      char e = body[++i];
      auto hex = [&](std::size_t digits) -> bool {
        if (i + digits >= body.size()) return false;
        char32_t cp = 0;
        for (std::size_t k = 1; k <= digits; ++k) {
          char h = body[i + k];
          int d = is_digit(h)                              ? h - '0'
                  : (h | 0x20) >= 'a' && (h | 0x20) <= 'f' ? (h | 0x20) - 'a' + 10
                                                           : -1;
          if (d < 0) return false;
          cp = cp * 16 + static_cast<char32_t>(d);
        }
        if (cp > 0x10FFFF) return false;
        append_utf8(out, cp);
        i += digits;
        return true;
      };
      switch (e) {
        case '\n':
          break;  // line continuation
        case '\\':
          out += '\\';
          break;
        case '\'':
          out += '\'';
          break;
        case '"':
          out += '"';
          break;
        case 'a':
          out += '\a';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'v':
          out += '\v';
          break;
        case 'x':
          if (!hex(2)) out += "\\x";
          break;
        case 'u':
          if (!hex(4)) out += "\\u";
          break;
        case 'U':
          if (!hex(8)) out += "\\U";
          break;
        default:
          if (e >= '0' && e <= '7') {
            int v = e - '0';
            for (int k = 0;
                 k < 2 && i + 1 < body.size() && body[i + 1] >= '0' && body[i + 1] <= '7'; ++k) {
              v = v * 8 + (body[++i] - '0');
            }
            append_utf8(out, static_cast<char32_t>(v));
          } else {
            out += '\\';
            out += e;
          }
      }
    }
    return strings_.copy(out);
  }

  bool lex_operator(std::size_t p, Token& t, std::size_t& next) {
    static constexpr struct {
      std::string_view text;
      Op op;
    } kOps[] = {
        {"//", Op::kFloorDiv}, {"**", Op::kPow},   {"==", Op::kEq},       {"!=", Op::kNe},
        {">=", Op::kGe},       {"<=", Op::kLe},    {"??", Op::kCoalesce}, {"?.", Op::kOptDot},
        {"+", Op::kAdd},       {"-", Op::kSub},    {"/", Op::kDiv},       {"*", Op::kMul},
        {"%", Op::kMod},       {"~", Op::kTilde},  {"[", Op::kLBracket},  {"]", Op::kRBracket},
        {"(", Op::kLParen},    {")", Op::kRParen}, {"{", Op::kLBrace},    {"}", Op::kRBrace},
        {">", Op::kGt},        {"<", Op::kLt},     {"=", Op::kAssign},    {".", Op::kDot},
        {":", Op::kColon},     {"|", Op::kPipe},   {",", Op::kComma},     {";", Op::kSemicolon},
    };
    for (const auto& o : kOps) {
      if (match_word(p, o.text)) {
        t.type = Tok::kOp;
        t.op = o.op;
        t.text = src_.substr(p, o.text.size());
        next = p + o.text.size();
        return true;
      }
    }
    std::string shown(1, src_[p]);
    return fail(p, "unexpected char '" + shown + "'");
  }

  bool fail(std::size_t offset, std::string message) {
    int line, col;
    offset_to_line_col(src_, offset, line, col);
    error_ = make_error(SourceLocation{"", line, col}, std::move(message));
    return false;
  }

  std::string_view src_;
  const LexOptions& opt_;
  Arena& strings_;
  std::size_t pos_ = 0;
  bool line_starting_ = true;
  bool line_starting_after_raw_ = false;
  std::vector<Token> tokens_;
  Diagnostic error_;
};

}  // namespace

Result<std::vector<Token>> tokenize(std::string_view source, const LexOptions& options,
                                    Arena& strings) {
  Lexer lexer(source, options, strings);
  return lexer.run();
}

}  // namespace bengal::tmpl
