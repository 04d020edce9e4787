// The stylesheets Bengal ships. Selectors are Pygments' (".highlight .k"), so
// a user's existing Pygments or Chroma theme can replace them one for one.
#include "highlight/highlight.h"

namespace bengal::highlight {
namespace {

#define BENGAL_HIGHLIGHT_LAYOUT                                                                            \
  ".highlight pre { line-height: 1.45; overflow: auto; }\n"                                                \
  ".highlight .filename { display: block; font-weight: 600; padding: .3em .8em; }\n"                      \
  ".highlight .highlighttable { border-spacing: 0; }\n"                                                    \
  ".highlight .highlighttable td { padding: 0; vertical-align: top; }\n"                                   \
  ".highlight td.linenos .normal, .highlight span.linenos { padding: 0 .6em 0 .3em; user-select: none; }\n" \
  ".highlight .hll { display: block; }\n"

constexpr std::string_view kLight =
    "/* Bengal light highlight theme (Pygments token classes) */\n"
    ".highlight { background: #f8f8f8; color: #1f2328; }\n" BENGAL_HIGHLIGHT_LAYOUT
    ".highlight .filename { background: #eaeef2; }\n"
    ".highlight .hll { background-color: #fff8c5; }\n"
    ".highlight td.linenos .normal, .highlight span.linenos { color: #8c959f; }\n"
    ".highlight .c, .highlight .ch, .highlight .cm, .highlight .c1, .highlight .cs { color: #6e7781; font-style: italic; }\n"
    ".highlight .cp, .highlight .cpf { color: #953800; }\n"
    ".highlight .err { color: #cf222e; background-color: #ffebe9; }\n"
    ".highlight .k, .highlight .kd, .highlight .kn, .highlight .kp, .highlight .kr { color: #cf222e; }\n"
    ".highlight .kc { color: #0550ae; }\n"
    ".highlight .kt { color: #953800; }\n"
    ".highlight .o, .highlight .ow { color: #0550ae; }\n"
    ".highlight .p { color: #1f2328; }\n"
    ".highlight .n, .highlight .nx, .highlight .py { color: #1f2328; }\n"
    ".highlight .na { color: #116329; }\n"
    ".highlight .nb, .highlight .bp { color: #6639ba; }\n"
    ".highlight .nc, .highlight .ne, .highlight .nn { color: #953800; }\n"
    ".highlight .no, .highlight .nv, .highlight .vc, .highlight .vg, .highlight .vi, .highlight .vm { color: #0550ae; }\n"
    ".highlight .nd { color: #8250df; }\n"
    ".highlight .ni { color: #116329; }\n"
    ".highlight .nf, .highlight .fm { color: #8250df; }\n"
    ".highlight .nl { color: #0550ae; }\n"
    ".highlight .nt { color: #116329; }\n"
    ".highlight .l, .highlight .ld { color: #0550ae; }\n"
    ".highlight .s, .highlight .sa, .highlight .sb, .highlight .sc, .highlight .dl, .highlight .sd, "
    ".highlight .s2, .highlight .sh, .highlight .s1, .highlight .sx { color: #0a3069; }\n"
    ".highlight .se { color: #0550ae; font-weight: 600; }\n"
    ".highlight .si { color: #cf222e; }\n"
    ".highlight .sr { color: #116329; }\n"
    ".highlight .ss { color: #0550ae; }\n"
    ".highlight .m, .highlight .mb, .highlight .mf, .highlight .mh, .highlight .mi, .highlight .il, "
    ".highlight .mo { color: #0550ae; }\n"
    ".highlight .gd { color: #82071e; background-color: #ffebe9; }\n"
    ".highlight .gi { color: #116329; background-color: #dafbe1; }\n"
    ".highlight .gh { color: #0550ae; font-weight: bold; }\n"
    ".highlight .gu { color: #8250df; font-weight: bold; }\n"
    ".highlight .ge { font-style: italic; }\n"
    ".highlight .gs { font-weight: bold; }\n"
    ".highlight .gp { color: #6e7781; user-select: none; }\n"
    ".highlight .go { color: #57606a; }\n"
    ".highlight .gr, .highlight .gt { color: #cf222e; }\n";

constexpr std::string_view kDark =
    "/* Bengal dark highlight theme (Pygments token classes) */\n"
    ".highlight { background: #0d1117; color: #e6edf3; }\n" BENGAL_HIGHLIGHT_LAYOUT
    ".highlight .filename { background: #161b22; }\n"
    ".highlight .hll { background-color: #2d2a12; }\n"
    ".highlight td.linenos .normal, .highlight span.linenos { color: #6e7681; }\n"
    ".highlight .c, .highlight .ch, .highlight .cm, .highlight .c1, .highlight .cs { color: #8b949e; font-style: italic; }\n"
    ".highlight .cp, .highlight .cpf { color: #ffa657; }\n"
    ".highlight .err { color: #ffa198; background-color: #490202; }\n"
    ".highlight .k, .highlight .kd, .highlight .kn, .highlight .kp, .highlight .kr { color: #ff7b72; }\n"
    ".highlight .kc { color: #79c0ff; }\n"
    ".highlight .kt { color: #ffa657; }\n"
    ".highlight .o, .highlight .ow { color: #79c0ff; }\n"
    ".highlight .p { color: #e6edf3; }\n"
    ".highlight .n, .highlight .nx, .highlight .py { color: #e6edf3; }\n"
    ".highlight .na { color: #7ee787; }\n"
    ".highlight .nb, .highlight .bp { color: #d2a8ff; }\n"
    ".highlight .nc, .highlight .ne, .highlight .nn { color: #ffa657; }\n"
    ".highlight .no, .highlight .nv, .highlight .vc, .highlight .vg, .highlight .vi, .highlight .vm { color: #79c0ff; }\n"
    ".highlight .nd { color: #d2a8ff; }\n"
    ".highlight .ni { color: #7ee787; }\n"
    ".highlight .nf, .highlight .fm { color: #d2a8ff; }\n"
    ".highlight .nl { color: #79c0ff; }\n"
    ".highlight .nt { color: #7ee787; }\n"
    ".highlight .l, .highlight .ld { color: #79c0ff; }\n"
    ".highlight .s, .highlight .sa, .highlight .sb, .highlight .sc, .highlight .dl, .highlight .sd, "
    ".highlight .s2, .highlight .sh, .highlight .s1, .highlight .sx { color: #a5d6ff; }\n"
    ".highlight .se { color: #79c0ff; font-weight: 600; }\n"
    ".highlight .si { color: #ff7b72; }\n"
    ".highlight .sr { color: #7ee787; }\n"
    ".highlight .ss { color: #79c0ff; }\n"
    ".highlight .m, .highlight .mb, .highlight .mf, .highlight .mh, .highlight .mi, .highlight .il, "
    ".highlight .mo { color: #79c0ff; }\n"
    ".highlight .gd { color: #ffdcd7; background-color: #67060c; }\n"
    ".highlight .gi { color: #aff5b4; background-color: #033a16; }\n"
    ".highlight .gh { color: #79c0ff; font-weight: bold; }\n"
    ".highlight .gu { color: #d2a8ff; font-weight: bold; }\n"
    ".highlight .ge { font-style: italic; }\n"
    ".highlight .gs { font-weight: bold; }\n"
    ".highlight .gp { color: #8b949e; user-select: none; }\n"
    ".highlight .go { color: #8b949e; }\n"
    ".highlight .gr, .highlight .gt { color: #ffa198; }\n";

#undef BENGAL_HIGHLIGHT_LAYOUT

}  // namespace

std::string_view stylesheet(std::string_view style) {
  if (style == "light") return kLight;
  if (style == "dark") return kDark;
  return {};
}

std::vector<std::string_view> stylesheet_names() { return {"dark", "light"}; }

}  // namespace bengal::highlight
