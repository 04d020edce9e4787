#!/usr/bin/python3
"""Tokenizes snippets with Pygments, for the agreement test.

Reads lines "PATH ALIAS" on stdin; for each prints "== PATH" and then one
line per token: "BYTE_LENGTH TOKEN_TYPE", where TOKEN_TYPE is the nearest
Pygments standard type (Token.Text for whitespace and Token.Other). Runs
once for every snippet, so the test pays Python's start-up a single time.
Exits 3 with a message when Pygments is not installed.
"""
import sys

try:
    from pygments.lexers import get_lexer_by_name
    from pygments.token import STANDARD_TYPES, Token
except ImportError:
    sys.stderr.write("python3-pygments is missing: install it (scripts/deps.sh, apt-get install python3-pygments)\n")
    sys.exit(3)


def standard(ttype):
    if ttype in (Token.Text.Whitespace, Token.Other, Token.Escape):
        return Token.Text
    if ttype == Token.Punctuation.Marker:
        return Token.Punctuation
    while ttype not in STANDARD_TYPES:
        ttype = ttype.parent
    return ttype


def main():
    out = []
    for line in sys.stdin:
        parts = line.split()
        if len(parts) != 2:
            continue
        path, alias = parts
        with open(path, encoding="utf-8") as f:
            text = f.read()
        lexer = get_lexer_by_name(alias, stripnl=False, ensurenl=False)
        out.append("== " + path)
        remaining = len(text.encode("utf-8"))
        for ttype, value in lexer.get_tokens(text):
            n = min(len(value.encode("utf-8")), remaining)
            if n <= 0:
                continue
            remaining -= n
            out.append("%d %s" % (n, str(standard(ttype))))
    sys.stdout.write("\n".join(out) + "\n")


main()
