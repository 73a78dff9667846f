#!/bin/sh
. "$(dirname "$0")/lib.sh"
# lp-report pack: one portfolio as one HTML document for moderation, with
# narratives rendered from Markdown (cmark, safe mode) and every
# attachment's size and SHA-256.
. "$TESTS_DIR/report-lib.sh"

mkportfolio p pk "Pat Keen" 2025-01-10 "school: Ash Primary" "role: phase leader" "focus: reading fluency"
printf 'My journey: *fluency* first.\n' >>p/portfolio.md
mkassessment p "LP1,extending,2025-06-01,led the INSET" "LP2,extending,2025-06-01," "LP3,developing,2025-06-01,"
mkdir -p p/attachments
printf 'abc' >p/attachments/abc.txt
printf '\000\001\002binary\377' >p/attachments/data.bin
mkevidence p 2025-03-01-inset "Whole-school INSET" 2025-03-01 "LP1, LP3" institution \
	"type: training" "colleagues: 24" "where: the whole school" \
	"attachments: [attachments/abc.txt, attachments/data.bin]"
cat >>p/evidence/2025-03-01-inset.md <<'M'

We changed **how reading is modelled**:

- paired reading every morning
- a shared text each week
M
printf 'x' >p/attachments/one.txt
mkevidence p 2025-04-01-chat "A chat with a colleague" 2025-04-01 LP2 colleague \
	"attachments: [attachments/one.txt]"
cat >p/case-study.md <<'M'
---
title: Fluency across the trust
theme: reading
signed-off-by: A. Head
signed-off-on: 2025-12-01
---
## Focus and rationale

Reading fluency in KS2.
M

run lp-report pack p
is_rc 0 "pack: exit 0"
is "$err" "" "pack: nothing on stderr"
printf '%s\n' "$out" >pack.html
htmlcheck pack.html "pack: well-formed, nothing that runs or fetches"
like "$out" '<title>Moderation pack: Pat Keen \(pk\)</title>' "the title names the practitioner"
like "$out" '<dt>Role</dt><dd>phase leader</dd>' "the practitioner's facts"
like "$out" '<dt>Deadline</dt><dd>2027-01-10</dd>' "the deadline, from the rules"
like "$out" '<p>My journey: <em>fluency</em> first.</p>' "portfolio.md's text, rendered"

# The self-assessment: level, evidence level, items, supported, status.
like "$out" '<a href="#std-LP1">LP1</a> Communicating and presenting</th><td class="l l3">E extending</td><td>extending</td><td class="n">1</td><td class="yes">✓ yes</td><td class="s">ok</td><td class="d">2025-06-01</td><td>led the INSET</td></tr>' \
	"LP1: extending, supported by the INSET"
like "$out" '<a href="#std-LP2">LP2</a> Negotiating and influencing</th><td class="l l3 u">E extending !</td><td>underlying</td><td class="n">1</td><td class="no">✗ no</td><td class="s">unsupported</td>' \
	"LP2: extending claimed, only underlying supported: marked in words and sign"
like "$out" '<a href="#std-LP4">LP4</a> Always learning</th><td class="l l0">– none</td><td>none</td><td class="n">0</td><td>–</td><td class="s">not-assessed</td>' \
	"LP4: not assessed"

# Evidence by standard, then each item.
like "$out" '<h3 id="std-LP3">LP3 Challenging, developing and innovating</h3>' "a heading per standard"
like "$out" '<li>2025-03-01 <a dir="auto" href="#ev-2025-03-01-inset">Whole-school INSET</a> <span class="meta">\(reach institution, supports up to extending\)</span></li>' \
	"a standard lists the items that name it"
like "$out" '<p>No evidence item names this standard.</p>' "a standard without evidence says so"
like "$out" '<article class="ev" id="ev-2025-03-01-inset">' "an article per item"
like "$out" '<dt>Colleagues</dt><dd>24</dd>' "the item's facts"
like "$out" '<p>We changed <strong>how reading is modelled</strong>:</p>' "the narrative rendered by cmark"
like "$out" '<li>paired reading every morning</li>' "... lists too"

# Attachments: size and SHA-256, as sha256sum computes them.
like "$out" '<tr><td>attachments/abc.txt</td><td class="n">3 bytes</td><td><code class="sha">ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad</code></td></tr>' \
	"an attachment's size and SHA-256 (the FIPS 'abc' vector)"
want=$(sha256sum p/attachments/data.bin | cut -c1-64)
like "$out" "<tr><td>attachments/data.bin</td><td class=\"n\">10 bytes</td><td><code class=\"sha\">$want</code></td></tr>" \
	"a binary attachment's digest matches sha256sum"
like "$out" '<tr><td>attachments/one.txt</td><td class="n">1 byte</td>' "one byte is '1 byte', not '1 bytes'"
like "$out" '<dt>Signed off by</dt><dd>A. Head</dd>' "the case study's sign-off"
like "$out" '<h3>Focus and rationale</h3>' "the case study's sections"

# From the work tree's parent or inside the portfolio: the same pack.
(cd p/evidence && lp-report pack) >inside.html 2>&1
same_file pack.html inside.html "pack inside the portfolio: the same document"
run lp-report pack -C p
is "$rc" 0 "pack -C DIR"

# --at REV: the portfolio as it was.
git -C p init -q && git -C p add . && git -C p commit -q -m one
git -C p tag v1
mkevidence p 2025-05-01-later "Later work" 2025-05-01 LP2 beyond
git -C p add . && git -C p commit -q -m two
run lp-report pack --at v1 p
is_rc 0 "pack --at: exit 0"
like "$out" '2 evidence items · as at v1' "pack --at v1: as it was, and says so"
unlike "$out" 'Later work' "pack --at v1: without the later item"
run lp-report pack p
like "$out" 'Later work' "pack: the work tree has the later item"

# Attachments that are missing or leave the portfolio: marked, reported, exit 2.
mkportfolio q qq "Quinn Q" 2025-01-10
mkdir -p q/attachments
printf 'secret\n' >outside.txt
ln -s ../../outside.txt q/attachments/link.txt
mkevidence q 2025-03-01-bad "Bad attachments" 2025-03-01 LP1 team \
	"attachments: [attachments/gone.pdf, ../outside.txt, attachments/link.txt]"
run lp-report pack q
is_rc 2 "missing or escaping attachments: exit 2"
printf '%s\n' "$out" >q.html
htmlcheck q.html "the pack is still written whole"
like "$err" "q/evidence/2025-03-01-bad.md: attachment 'attachments/gone.pdf': no such file in the portfolio" "a missing attachment is reported"
like "$out" '<tr><td>attachments/gone.pdf</td><td class="no" colspan="2">missing: no such file in the portfolio</td></tr>' \
	"a missing attachment is marked in the pack"
like "$err" "attachment '../outside.txt'" "a path that climbs out is refused"
like "$err" "q/attachments/link.txt" "a link that leads out is refused, and named"
like "$out" '<tr><td>attachments/link.txt</td><td class="no" colspan="2">not read: ' "... and marked in the pack"
unlike "$out" "$(sha256sum outside.txt | cut -c1-64)" "nothing outside the portfolio is read"

# A malformed portfolio is not packed.
mkportfolio r rr "Rae R" 2025-01-10
printf -- '---\ntitle: x\n---\n' >r/evidence/2025-01-01-x.md
run lp-report pack r
is_rc 2 "a malformed evidence file: exit 2"
is "$out" "" "... and nothing written"
like "$err" 'r/evidence/2025-01-01-x.md' "... naming the file"

run lp-report pack p q
is_rc 2 "pack takes one portfolio"
mkdir -p nothing
run lp-report pack nothing
is_rc 2 "no portfolio: exit 2"
like "$err" 'no portfolio found in nothing' "... says so (SPEC 4)"

done_testing
