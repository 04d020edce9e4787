// The HTML writer behind render_block(): token runs in, escaped spans out.
#include <algorithm>
#include <array>
#include <charconv>

#include "highlight/highlight.h"

namespace bengal::highlight {
namespace {

constexpr std::array<bool, 256> kNeedsEscape = [] {
  std::array<bool, 256> t{};
  t['&'] = t['<'] = t['>'] = t['"'] = true;
  return t;
}();

// Hot path: most code bytes need no escaping, so copy maximal clean stretches.
void append_escaped(std::string& out, std::string_view s) {
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end) {
    const char* q = p;
    while (q < end && !kNeedsEscape[static_cast<unsigned char>(*q)]) ++q;
    out.append(p, q);
    if (q == end) break;
    switch (*q) {
      case '&': out.append("&amp;"); break;
      case '<': out.append("&lt;"); break;
      case '>': out.append("&gt;"); break;
      default: out.append("&quot;"); break;
    }
    p = q + 1;
  }
}

// "<span class=\"k\">" for every token class, as literals, so that a span
// costs one append to open it.
constexpr std::string_view kOpenTags[] = {
#define BENGAL_HIGHLIGHT_OPEN(name, css, pygments) "<span class=\"" css "\">",
    BENGAL_HIGHLIGHT_TOKENS(BENGAL_HIGHLIGHT_OPEN)
#undef BENGAL_HIGHLIGHT_OPEN
};

void append_span(std::string& out, Token token, std::string_view text) {
  if (token == Token::kText) {
    append_escaped(out, text);
    return;
  }
  out.append(kOpenTags[static_cast<std::size_t>(token)]);
  append_escaped(out, text);
  out.append("</span>", 7);
}

void append_int(std::string& out, long long v, int width) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  (void)ec;
  for (int pad = width - static_cast<int>(end - buf); pad > 0; --pad) out.push_back(' ');
  out.append(buf, end);
}

int digits(long long v) {
  int d = 1;
  for (v = v < 0 ? -v : v; v >= 10; v /= 10) ++d;
  return d;
}

std::size_t count_lines(std::string_view code) {
  if (code.empty()) return 0;
  std::size_t n = static_cast<std::size_t>(std::count(code.begin(), code.end(), '\n'));
  return code.back() == '\n' ? n : n + 1;
}

// Plain mode: runs go straight out as spans.
class PlainWriter final : public RunConsumer {
 public:
  explicit PlainWriter(std::string& out) : out_(out) {}
  void run(Token token, std::string_view text) override { append_span(out_, token, text); }

 private:
  std::string& out_;
};

// Line mode (highlighted lines or inline numbers): each line is opened and
// closed on its own, so spans never cross a line wrapper.
class LineWriter final : public RunConsumer {
 public:
  LineWriter(std::string& out, const Options& options, bool inline_numbers, int number_width)
      : out_(out), options_(options), inline_numbers_(inline_numbers), width_(number_width) {}

  void run(Token token, std::string_view text) override {
    while (!text.empty()) {
      std::size_t nl = text.find('\n');
      std::string_view piece = text.substr(0, nl);
      if (!open_) open_line();
      if (!piece.empty()) append_span(out_, token, piece);
      if (nl == std::string_view::npos) break;
      out_.push_back('\n');
      close_line();
      text.remove_prefix(nl + 1);
    }
  }

  void finish() {
    if (open_) close_line();
  }

 private:
  bool highlighted(int line) const {
    for (auto [from, to] : options_.hl_lines) {
      if (line >= from && line <= to) return true;
    }
    return false;
  }
  void open_line() {
    ++line_;
    open_ = true;
    hll_ = highlighted(line_);
    if (hll_) out_.append("<span class=\"hll\">");
    if (inline_numbers_) {
      out_.append("<span class=\"linenos\">");
      append_int(out_, static_cast<long long>(options_.linenostart) + line_ - 1, width_);
      out_.append("</span>");
    }
  }
  void close_line() {
    if (hll_) out_.append("</span>");
    open_ = false;
  }

  std::string& out_;
  const Options& options_;
  bool inline_numbers_;
  int width_;
  int line_ = 0;
  bool open_ = false;
  bool hll_ = false;
};

void lex_into(const Lexer* lexer, std::string_view code, RunConsumer& consumer) {
  TokenSink sink(code, consumer);
  if (lexer != nullptr) lexer->lex(code, sink);
  sink.finish();
}

void open_code(std::string& out, std::string_view lang) {
  if (lang.empty()) {
    out.append("<pre><code>");
    return;
  }
  out.append("<pre><code class=\"language-");
  append_escaped(out, lang);
  out.append("\" data-lang=\"");
  append_escaped(out, lang);
  out.append("\">");
}

}  // namespace

bool render_block(const Registry& registry, std::string_view code, std::string_view lang, const Options& options,
                  std::string& out) {
  const Lexer* lexer = lang.empty() ? nullptr : registry.find(lang);
  out.reserve(out.size() + code.size() + code.size() / 2 + 160);
  out.append("<div class=\"highlight\">");
  if (!options.title.empty()) {
    out.append("<span class=\"filename\">");
    append_escaped(out, options.title);
    out.append("</span>");
  }
  using LN = Options::LineNumbers;
  const std::size_t lines = options.linenos != LN::kNone ? count_lines(code) : 0;
  const long long last = static_cast<long long>(options.linenostart) + static_cast<long long>(lines) - 1;
  const int width = digits(std::max<long long>(last, options.linenostart));

  if (options.linenos == LN::kTable) {
    out.append("<table class=\"highlighttable\"><tr><td class=\"linenos\"><div class=\"linenodiv\"><pre>");
    for (std::size_t i = 0; i < lines; ++i) {
      if (i > 0) out.push_back('\n');
      out.append("<span class=\"normal\">");
      append_int(out, static_cast<long long>(options.linenostart) + static_cast<long long>(i), width);
      out.append("</span>");
    }
    out.append("</pre></div></td><td class=\"code\">");
  }
  open_code(out, lang);
  if (options.linenos == LN::kInline || !options.hl_lines.empty()) {
    LineWriter writer(out, options, options.linenos == LN::kInline, width);
    lex_into(lexer, code, writer);
    writer.finish();
  } else {
    PlainWriter writer(out);
    lex_into(lexer, code, writer);
  }
  out.append("</code></pre>");
  if (options.linenos == LN::kTable) out.append("</td></tr></table>");
  out.append("</div>");
  return lang.empty() || lexer != nullptr;
}

std::vector<TokenSpan> tokenize(const Lexer& lexer, std::string_view code) {
  class Recorder final : public RunConsumer {
   public:
    explicit Recorder(std::string_view code) : base_(code.data()) {}
    void run(Token token, std::string_view text) override {
      auto begin = static_cast<std::uint32_t>(text.data() - base_);
      spans.push_back({token, begin, begin + static_cast<std::uint32_t>(text.size())});
    }
    std::vector<TokenSpan> spans;

   private:
    const char* base_;
  } recorder(code);
  lex_into(&lexer, code, recorder);
  return std::move(recorder.spans);
}

}  // namespace bengal::highlight
