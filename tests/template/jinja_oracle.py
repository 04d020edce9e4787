"""Renders the differential corpus with Jinja2, once for all cases.

Usage: /usr/bin/python3 jinja_oracle.py REQUEST.json RESPONSE.json

REQUEST is a list of cases: {"name", "entry", "templates": {name: text},
"context": {...}, "options": {"lenient", "trim_blocks", "lstrip_blocks"}}.
RESPONSE is a list of {"ok": bool, "output": str, "error": str} in the same
order. Exit code 3 (with a message on stderr) when jinja2 is not installed.
"""
import json
import sys

try:
    import jinja2
except ImportError:
    sys.stderr.write(
        "python3-jinja2 is not installed for /usr/bin/python3: "
        "run scripts/deps.sh test (apt-get install python3-jinja2)\n")
    sys.exit(3)


def render(case):
    opts = case.get("options", {})
    env = jinja2.Environment(
        loader=jinja2.DictLoader(case["templates"]),
        autoescape=jinja2.select_autoescape(["html", "htm", "xml"], default_for_string=False),
        undefined=jinja2.Undefined if opts.get("lenient") else jinja2.StrictUndefined,
        trim_blocks=bool(opts.get("trim_blocks")),
        lstrip_blocks=bool(opts.get("lstrip_blocks")),
        extensions=["jinja2.ext.loopcontrols", "jinja2.ext.do"],
    )
    try:
        out = env.get_template(case["entry"]).render(**case.get("context", {}))
        return {"ok": True, "output": out, "error": ""}
    except Exception as e:  # any Jinja error is an expected outcome to compare
        return {"ok": False, "output": "", "error": f"{type(e).__name__}: {e}"}


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        cases = json.load(f)
    results = [render(c) for c in cases]
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main()
