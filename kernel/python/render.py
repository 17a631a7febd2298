"""Convert notebooks to HTML pages with nbconvert.

Run by `go run ./kernel html` and `grade` (kernel/python.go embeds this file).
Reads {"jobs": [{"in": ..., "out": ..., "mathjax": URL}]} on stdin.
"""
import json, sys
import nbformat
from traitlets.config import Config
from nbconvert import HTMLExporter

spec = json.load(sys.stdin)
c = Config()
# PNG before SVG: every plot becomes a self-contained <img>; text/html first
# so that rich error displays keep their formatting.
c.NbConvertBase.display_data_priority = [
    "text/html", "text/markdown", "image/png", "image/jpeg", "image/svg+xml",
    "text/latex", "text/plain"]
for job in spec["jobs"]:
    c.HTMLExporter.mathjax_url = job["mathjax"]
    exporter = HTMLExporter(config=c, template_name="lab")
    nb = nbformat.read(job["in"], as_version=4)
    body, _ = exporter.from_notebook_node(nb)
    with open(job["out"], "w", encoding="utf-8") as f:
        f.write(body)
    print("rendered", job["out"])
