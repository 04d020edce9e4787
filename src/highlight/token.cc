#include "highlight/token.h"

#include <array>

namespace bengal::highlight {
namespace {

constexpr std::array<std::string_view, static_cast<std::size_t>(Token::kCount)> kCss = {
#define BENGAL_HIGHLIGHT_CSS(name, css, pygments) css,
    BENGAL_HIGHLIGHT_TOKENS(BENGAL_HIGHLIGHT_CSS)
#undef BENGAL_HIGHLIGHT_CSS
};

constexpr std::array<std::string_view, static_cast<std::size_t>(Token::kCount)> kPygments = {
#define BENGAL_HIGHLIGHT_PYG(name, css, pygments) pygments,
    BENGAL_HIGHLIGHT_TOKENS(BENGAL_HIGHLIGHT_PYG)
#undef BENGAL_HIGHLIGHT_PYG
};

}  // namespace

std::string_view css_class(Token t) { return kCss[static_cast<std::size_t>(t)]; }
std::string_view pygments_name(Token t) { return kPygments[static_cast<std::size_t>(t)]; }

}  // namespace bengal::highlight
