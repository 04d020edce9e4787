"""Renders bench/template/fixture/page.html with Jinja2 (the same template and
context as template_bench) and prints ns per render and MB/s of output,
measured in this thread's CPU time like template_bench."""
import json
import os
import sys
import time

import jinja2

fixture = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "fixture")
seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 2.0
env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(fixture),
    autoescape=jinja2.select_autoescape(["html", "htm", "xml"]),
    undefined=jinja2.StrictUndefined,
)
ctx = json.load(open(os.path.join(fixture, "context.json"), encoding="utf-8"))
page = env.get_template("page.html")
out = page.render(**ctx)
for _ in range(50):
    page.render(**ctx)
n = 0
start = time.thread_time()
while True:
    for _ in range(20):
        page.render(**ctx)
    n += 20
    elapsed = time.thread_time() - start
    if elapsed >= seconds:
        break
size = len(out.encode("utf-8"))
print(f"output_bytes {size}")
print(f"jinja2_ns_per_render {elapsed * 1e9 / n:.0f}")
print(f"jinja2_mb_per_s {size * n / elapsed / 1e6:.1f}")
