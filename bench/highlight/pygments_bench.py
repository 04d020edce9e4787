#!/usr/bin/python3
"""Times Pygments on the benchmark inputs, for bench/highlight.

Reads lines "ALIAS PATH" on stdin and prints "ALIAS MB_PER_S" for each: the
best of three runs of pygments.highlight() with the HTML formatter (what
MkDocs and Sphinx do), in CPU time. Exits 3 when Pygments is missing.
"""
import sys
import time

try:
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import get_lexer_by_name
except ImportError:
    sys.stderr.write("python3-pygments is missing (apt-get install python3-pygments)\n")
    sys.exit(3)

formatter = HtmlFormatter()
for line in sys.stdin:
    parts = line.split()
    if len(parts) != 2:
        continue
    alias, path = parts
    with open(path, encoding="utf-8") as f:
        code = f.read()
    lexer = get_lexer_by_name(alias)
    best = None
    for _ in range(3):
        start = time.process_time()
        highlight(code, lexer, formatter)
        elapsed = time.process_time() - start
        best = elapsed if best is None else min(best, elapsed)
    print("%s %.3f" % (alias, len(code.encode("utf-8")) / best / 1e6), flush=True)
