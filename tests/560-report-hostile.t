#!/bin/sh
. "$(dirname "$0")/lib.sh"
# Hostile text in portfolios never reaches lp-report's output live: HTML
# is escaped (or dropped by cmark's safe mode), links to javascript: lose
# their target, images fetch nothing, formulas are neutralised in CSV.
. "$TESTS_DIR/report-lib.sh"

mkdir -p evil/evidence evil/attachments
cat >evil/portfolio.md <<'M'
---
name: "<script>alert('name')</script>"
id: evil
commenced: 2025-01-01
school: "\" onerror=\"alert(1)"
cohort: "=HYPERLINK(\"http://evil.example/\",\"click\")"
role: "<img src=x onerror=alert(2)>"
focus: "javascript:alert(3)"
---
<iframe src="http://evil.example/frame"></iframe>
<script>alert('body')</script>
M
cat >evil/assessment.csv <<'M'
standard,level,date,note
LP1,extending,2025-03-01,"=cmd|' /C calc'!A0"
LP2,developing,2025-03-01,<b onmouseover=alert(10)>note</b>
M
printf 'x' >'evil/attachments/<script>.txt'
cat >evil/evidence/2025-03-01-evil.md <<'M'
---
title: "<img src=x onerror=alert(4)> & \"quotes\""
date: 2025-03-01
standards: [LP1, LP2]
reach: team
type: "<b>bold</b>"
where: "' onmouseover='alert(5)"
attachments: ["attachments/<script>.txt"]
---
Click [here](javascript:alert(6)) or [there](JAVASCRIPT:alert(7)) or <a href="javascript:alert(8)">raw</a>.

<iframe src="http://evil.example/frame"></iframe>

![track](http://evil.example/pixel.png)

<script>alert(9)</script>

[data](data:text/html;base64,PHNjcmlwdD4=) and <javascript:alert(11)>

`code <script>`

Unclosed *emphasis and **broken [link(
M

# What no HTML output may contain: live tags, event handlers, script
# links.  Attribute values are taken out first (lp-report quotes every
# one, and a quote inside is always &quot;), so that only live markup is
# left to match.
live() {
	grep -ioE '<(script|iframe|img|object|embed)|(href|src)="?(javascript|vbscript|data):' "$1"
	sed -E 's/"[^"]*"/""/g' "$1" | grep -ioE '<[a-z][^>]*[[:space:]]on[a-z]+='
}

run lp-report summary evil
is_rc 0 "summary of a hostile portfolio: exit 0"
same_text "csv: formula-like cells neutralised, the rest as they are" <<'W'
id,name,school,cohort,stage,commenced,deadline,next_window,assessed,ready,unsupported,evidence,accredited,expires,path,last_activity,target_window,signed_off
evil,<script>alert('name')</script>,""" onerror=""alert(1)","'=HYPERLINK(""http://evil.example/"",""click"")",in-progress,2025-01-01,2027-01-01,2026-03,2,no,1,1,,,evil,2025-03-01,,
W
run lp-report summary -o tsv evil
like "$out" "	'=HYPERLINK" "tsv: neutralised too"

run lp-report html --title '<script>alert("t")</script>' evil
is_rc 0 "html: exit 0"
printf '%s\n' "$out" >evil.html
htmlcheck evil.html "html: well-formed, nothing live"
is "$(live evil.html)" "" "html: no live tag, handler or script link"
like "$out" '<td>&lt;script&gt;alert\(&#39;name&#39;\)&lt;/script&gt;</td>' "html: the name escaped"
like "$out" '<title>&lt;script&gt;alert\(&quot;t&quot;\)&lt;/script&gt;</title>' "html: the title escaped"
like "$out" '<tr><th scope="row">&quot; onerror=&quot;alert\(1\)</th>' "html: a quote cannot leave a cell"
like "$out" 'title="&quot; onerror=&quot;alert\(1\), LP1: mean' "html: ... nor an attribute"

run lp-report pack evil
is_rc 0 "pack: exit 0"
printf '%s\n' "$out" >evil-pack.html
htmlcheck evil-pack.html "pack: well-formed, nothing live"
is "$(live evil-pack.html)" "" "pack: no live tag, handler or script link"
like "$out" '<h3>&lt;img src=x onerror=alert\(4\)&gt; &amp; &quot;quotes&quot;</h3>' "pack: the title escaped"
like "$out" '<dt>Role</dt><dd>&lt;img src=x onerror=alert\(2\)&gt;</dd>' "pack: front matter escaped"
like "$out" '<dt>Focus</dt><dd>javascript:alert\(3\)</dd>' "pack: a javascript: text stays text"
like "$out" '<dt>Where</dt><dd>&#39; onmouseover=&#39;alert\(5\)</dd>' "pack: single quotes escaped"
like "$out" '<td>&lt;b onmouseover=alert\(10\)&gt;note&lt;/b&gt;</td>' "pack: an assessment note escaped"
like "$out" '<a href="">here</a>' "pack: a javascript: link loses its target"
like "$out" '<a href="">there</a>' "pack: ... in any case"
like "$out" '<!-- raw HTML omitted -->raw<!-- raw HTML omitted -->' "pack: raw HTML in Markdown is dropped"
like "$out" '<a href="http://evil.example/pixel.png">track</a>' "pack: an image becomes a link, fetched by nobody"
like "$out" '<code>code &lt;script&gt;</code>' "pack: code spans escaped"
like "$out" 'Unclosed \*emphasis and \*\*broken \[link\(' "pack: broken Markdown is shown as text"
like "$out" '<tr><td>attachments/&lt;script&gt;.txt</td>' "pack: an attachment's name escaped"
like "$out" 'http-equiv="Content-Security-Policy"' "pack: a CSP too"

lp-report summary evil >evil.csv
run_in evil.csv lp-report render -o html --title '"><script>x</script>'
printf '%s\n' "$out" >evil-rows.html
htmlcheck evil-rows.html "render -o html: well-formed, nothing live"
is "$(live evil-rows.html)" "" "render -o html: no live tag, handler or script link"
like "$out" "<td[^>]*>=HYPERLINK\\(&quot;http://evil.example/&quot;,&quot;click&quot;\\)</td>" \
	"render: the reader took the ' off; the page shows the text, escaped"
run_in evil.csv lp-report render -o md
like "$out" "\\| \\\\<script\\\\>alert\\('name'\\)\\\\</script\\\\> \\|" "render -o md: < and > escaped"
run_in evil.csv lp-report render -o csv
like "$out" "'=HYPERLINK" "render -o csv: neutralised again"

done_testing
