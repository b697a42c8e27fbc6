"""Reads petition's HTML pages for the tests (Python's own HTML parser, not
petition's code): the sections, their tables and charts, and what a page
must not hold. Run as a script: htmlcheck.py PAGE prints the page as JSON,
{"sections": [{"title", "tables": [[row, ...]], "svgs", "bars"}], "scripts",
"csp", "links"}; htmlcheck.py compare REF.png NEW.png [TOLERANCE] compares two
screenshots (exit 1 when too many pixels differ)."""
import json
import sys
from html.parser import HTMLParser


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections, self.scripts, self.csp, self.links = [], 0, [], []
        self.cell = None
        self.in_h2 = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for k in ("src", "href", "action", "srcset", "poster", "data"):
            if k in a:
                self.links.append(a[k])
        if tag == "script":
            self.scripts += 1
        elif tag == "meta" and a.get("http-equiv", "").lower() == "content-security-policy":
            self.csp.append(a.get("content"))
        elif tag == "section":
            self.sections.append({"title": "", "tables": [], "svgs": 0, "bars": 0})
        elif tag == "h2":
            self.in_h2 = True
        elif tag == "svg" and self.sections:
            self.sections[-1]["svgs"] += 1
        elif tag == "rect" and self.sections:
            self.sections[-1]["bars"] += 1
        elif tag == "table" and self.sections:
            self.sections[-1]["tables"].append([])
        elif tag == "tr" and self.sections and self.sections[-1]["tables"]:
            self.sections[-1]["tables"][-1].append([])
        elif tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "h2":
            self.in_h2 = False
        elif tag in ("td", "th") and self.cell is not None:
            self.sections[-1]["tables"][-1][-1].append(self.cell)
            self.cell = None

    def handle_data(self, data):
        if self.in_h2 and self.sections:
            self.sections[-1]["title"] += data
        elif self.cell is not None:
            self.cell += data


def read(path):
    p = Page()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    return {"sections": p.sections, "scripts": p.scripts, "csp": p.csp, "links": p.links}


def table(page, title):
    """The first table of the section titled so, as a list of rows."""
    for s in page["sections"]:
        if s["title"] == title:
            return s["tables"][0] if s["tables"] else []
    raise KeyError(title)


def compare(ref, new, tolerance=0.005):
    from PIL import Image, ImageChops
    a, b = Image.open(ref).convert("RGB"), Image.open(new).convert("RGB")
    if a.size != b.size:
        return "sizes differ: %s against %s" % (a.size, b.size)
    diff = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > 48 else 0)
    hist = diff.histogram()
    share = hist[255] / (a.size[0] * a.size[1])
    if share > tolerance:
        return "%.2f%% of the pixels differ (at most %.2f%%)" % (100 * share, 100 * tolerance)
    return None


if __name__ == "__main__":
    if sys.argv[1] == "compare":
        bad = compare(sys.argv[2], sys.argv[3], *map(float, sys.argv[4:5]))
        if bad:
            print(bad)
            sys.exit(1)
    else:
        json.dump(read(sys.argv[1]), sys.stdout, ensure_ascii=False)
