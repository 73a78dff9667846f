#!/usr/bin/env python3
"""report-htmlcheck.py FILE - the structural checks lp-report's HTML must pass.

Used by tests/5NN-report-*.t, so that make check needs no browser.  It
prints one line per problem and exits 1 when there is any:

- the file starts with <!DOCTYPE html> and <html lang=...>, has one <title>
  and a charset;
- nothing runs and nothing is fetched: no <script>, <iframe>, <object>,
  <embed>, <img>, <link>, <base>, <form> or <meta http-equiv=refresh>, no
  on* event attribute, no src/srcset/action attribute, no href or
  xlink:href that is javascript:, vbscript: or data:;
- every element that is not void is closed, in order (lp-report closes
  every element it opens, even where HTML would allow leaving it open);
- id attributes are unique, and every in-page link (#x) has its target;
- every <svg> is either hidden from assistive technology (aria-hidden) or
  an image with a <title>; every table has header cells.
"""
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}
# SVG elements lp-report writes self-closed (<rect .../>).
SELF_CLOSED_OK = {"rect", "line", "path", "circle"}
FORBIDDEN = {"script", "iframe", "object", "embed", "img", "link", "base",
             "form", "frame", "frameset", "applet", "audio", "video", "source"}


class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.stack = []
        self.ids = set()
        self.links = []
        self.titles = 0
        self.charset = False
        self.svg = []          # (has_title, hidden) for open <svg>
        self.tables = []       # header cells seen, per open table
        self.first_tag = None

    def where(self):
        return "line %d" % self.getpos()[0]

    def problem(self, msg):
        self.problems.append("%s: %s" % (self.where(), msg))

    def attrs_check(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problem("<%s> has an event attribute %s" % (tag, name))
            if name in ("src", "srcset", "action", "formaction", "background", "poster"):
                self.problem("<%s> fetches something: %s=%r" % (tag, name, value))
            if name in ("href", "xlink:href"):
                v = "".join(value.split()).lower()
                if v.startswith(("javascript:", "vbscript:", "data:")):
                    self.problem("<%s> links to %r" % (tag, value))
                if value.startswith("#"):
                    self.links.append((self.where(), value[1:]))
            if name == "id":
                if value in self.ids:
                    self.problem("id %r is used twice" % value)
                self.ids.add(value)
            if name == "style" and "url(" in value:
                self.problem("<%s> style fetches something" % tag)
        if tag == "meta":
            d = dict(attrs)
            if (d.get("http-equiv") or "").lower() == "refresh":
                self.problem("<meta http-equiv=refresh>")
            if d.get("charset"):
                self.charset = True

    def handle_decl(self, decl):
        if self.first_tag is None and decl.lower() == "doctype html":
            self.first_tag = "!doctype"

    def handle_starttag(self, tag, attrs):
        if self.first_tag is None:
            self.problem("the file does not start with <!DOCTYPE html>")
            self.first_tag = tag
        if tag in FORBIDDEN:
            self.problem("<%s> is not allowed" % tag)
        self.attrs_check(tag, attrs)
        if tag == "html" and not dict(attrs).get("lang"):
            self.problem("<html> without lang")
        if tag == "title" and not self.svg:
            self.titles += 1
        if tag == "title" and self.svg:
            self.svg[-1][0] = True
        if tag == "svg":
            d = dict(attrs)
            self.svg.append([False, d.get("aria-hidden") == "true", d.get("role") == "img"])
        if tag == "table":
            self.tables.append(0)
        if tag == "th" and self.tables:
            self.tables[-1] += 1
        if tag not in VOID:
            self.stack.append((tag, self.where()))

    def handle_startendtag(self, tag, attrs):
        if tag in FORBIDDEN:
            self.problem("<%s> is not allowed" % tag)
        self.attrs_check(tag, attrs)
        if tag not in VOID and tag not in SELF_CLOSED_OK:
            self.problem("<%s/> self-closed" % tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            self.problem("</%s> closes a void element" % tag)
            return
        if not self.stack:
            self.problem("</%s> closes nothing" % tag)
            return
        open_tag, line = self.stack.pop()
        if open_tag != tag:
            self.problem("</%s> closes <%s> opened on %s" % (tag, open_tag, line))
        if tag == "svg":
            has_title, hidden, img = self.svg.pop()
            if not hidden and not (img and has_title):
                self.problem("<svg> is neither aria-hidden nor role=img with a <title>")
        if tag == "table":
            if self.tables.pop() == 0:
                self.problem("<table> without header cells")


def main():
    if len(sys.argv) != 2:
        print("usage: report-htmlcheck.py FILE", file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        text = f.read()
    c = Checker()
    c.feed(text)
    c.close()
    for tag, line in c.stack:
        c.problems.append("<%s> opened on %s is never closed" % (tag, line))
    if c.titles != 1:
        c.problems.append("%d <title> elements, want 1" % c.titles)
    if not c.charset:
        c.problems.append("no <meta charset>")
    for where, target in c.links:
        if target not in c.ids:
            c.problems.append("%s: link to #%s, which is not there" % (where, target))
    for p in c.problems:
        print(p)
    return 1 if c.problems else 0


if __name__ == "__main__":
    sys.exit(main())
