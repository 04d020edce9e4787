#!/usr/bin/python3
"""Agreement with Pygments on code the lexers were not tuned on.

Generates the bench corpus (../shared/bench/gen_corpus.py), collects its
fenced code blocks per language, highlights each language's blocks with
`bengal highlight` and with Pygments, and prints the share of non-blank bytes
put in the same token class (the measure tests/highlight/agreement_test.cc
uses on the snippets).

    bench/highlight/heldout_agreement.py BENGAL_BINARY [PAGES]
"""
import collections
import glob
import html
import os
import re
import subprocess
import sys
import tempfile

from pygments.lexers import get_lexer_by_name
from pygments.token import STANDARD_TYPES, Token

HERE = os.path.dirname(os.path.abspath(__file__))
GEN = os.path.join(HERE, "..", "..", "..", "shared", "bench", "gen_corpus.py")
CLASS_TO_TYPE = {v: str(k) for k, v in STANDARD_TYPES.items() if v}


def standard(ttype):
    if ttype in (Token.Text.Whitespace, Token.Other, Token.Escape):
        return Token.Text
    if ttype == Token.Punctuation.Marker:
        return Token.Punctuation
    while ttype not in STANDARD_TYPES:
        ttype = ttype.parent
    return ttype


def pygments_classes(text, alias):
    out = []
    for ttype, value in get_lexer_by_name(alias, stripnl=False, ensurenl=False).get_tokens(text):
        out.extend([str(standard(ttype))] * len(value.encode("utf-8")))
    return out


def bengal_classes(binary, text, lang):
    page = subprocess.run([binary, "highlight", "--lang", lang], input=text.encode("utf-8"),
                          capture_output=True, check=True).stdout.decode("utf-8")
    body = page[page.index(">", page.index("<code")) + 1:page.rindex("</code>")]
    out = []
    for m in re.finditer(r'<span class="([a-z0-9]+)">(.*?)</span>|([^<]+)', body, re.S):
        cls, inner, plain = m.groups()
        value = html.unescape(inner if cls else plain)
        out.extend([CLASS_TO_TYPE.get(cls, "Token.Text") if cls else "Token.Text"] * len(value.encode("utf-8")))
    return out


def main():
    binary = sys.argv[1]
    pages = sys.argv[2] if len(sys.argv) > 2 else "300"
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, GEN, "--pages", pages, "--out", tmp], check=True, capture_output=True)
        blocks = collections.defaultdict(list)
        for path in sorted(glob.glob(os.path.join(tmp, "**", "*.md"), recursive=True)):
            with open(path, encoding="utf-8") as f:
                for m in re.finditer(r"^```(\w+)\n(.*?)^```", f.read(), re.S | re.M):
                    blocks[m.group(1)].append(m.group(2))
    print("%-10s %7s %10s %8s" % ("language", "blocks", "bytes", "share"))
    for lang, codes in sorted(blocks.items()):
        text = "".join(codes)
        ref = pygments_classes(text, "javascript" if lang == "js" else lang)
        ours = bengal_classes(binary, text, lang)
        raw = text.encode("utf-8")
        total = agree = 0
        for i in range(min(len(raw), len(ref), len(ours))):
            if raw[i] in b" \t\r\n":
                continue
            total += 1
            agree += ref[i] == ours[i]
        print("%-10s %7d %10d %7.2f%%" % (lang, len(codes), total, 100.0 * agree / max(total, 1)))


main()
