#!/bin/sh
# SPEC 2.1: a rewrite is surgical.  On a hand-written portfolio.md and
# case-study.md (comments, quotes, CRLF, unknown keys, a body), `git diff`
# after each writing command shows the lines of the keys it set and
# nothing else (today is 2026-01-15).
. "$(dirname "$0")/lib.sh"

# The diff's changed lines, without the headers: "+x" and "-x" a line.
changed() {	# changed DIR [REV]
	git -C "$1" diff "${2:-HEAD~1}" -- . | sed -n '/^@@/,$p' | grep -E '^[-+]' | tr -d '\r'
}

mkdir -p ada/evidence
printf '%s\r\n' '---' 'name: Ada Lovelace' 'id: ada' \
	'commenced: 2025-09-01   # start date' \
	'phase: "deliver"   # EEF phase' \
	'' \
	"# The school's own keys, kept:" \
	"mentor: 'Jo Head'" \
	'tags:' '  - oracy' '  - ks2' \
	'---' \
	'Notes for **moderators**,' 'in CRLF.' >ada/portfolio.md
cp ada/portfolio.md portfolio.orig
git init -q ada && git -C ada add -A && git -C ada commit -q -m start

run lp-window outcome referred ada
is_rc 0 "outcome referred: exit 0"
is "$(changed ada)" "+outcome: referred" "outcome: git diff shows the one added line"
cmp -s portfolio.orig ada/portfolio.md && not_ok "outcome: the file changed" || ok "outcome: the file changed"
is "$(head -c 5 ada/portfolio.md | od -An -c | tr -s ' ')" " - - - \r \n" "outcome: CRLF kept"
is "$(grep -c "$(printf '\r')\$" ada/portfolio.md)" "$(($(wc -l <ada/portfolio.md)))" \
	"outcome: every line still ends CRLF, the new one too"
run lp-window outcome referred ada
is "$rc:$(git -C ada rev-list --count HEAD)" "0:2" "outcome again: nothing to commit, no new commit"

# Changing a key in place keeps its comment and the lines around it.
sed -i 's/^outcome: referred/outcome: "referred"   # moderation, round 1/' ada/portfolio.md
git -C ada commit -q -am "hand edit"
run lp-window outcome accredited --date 2026-01-10 ada
is_rc 0 "outcome accredited: exit 0"
is "$(changed ada)" '-outcome: "referred"   # moderation, round 1
+outcome: accredited   # moderation, round 1
+accredited: 2026-01-10' "outcome accredited: the changed line keeps its comment, the new key is added"

# lp-window submit after a referral: submitted and window set, outcome dropped.
mkdir -p cy/evidence
printf '%s\r\n' '---' 'name: Cy' 'id: cy' 'commenced: 2025-09-01   # start date' \
	'phase: "deliver"   # EEF phase' 'outcome: referred' 'submitted: 2025-11-20' \
	'window: 2025-12   # first try' 'x-unknown: [a, "b"]' '---' 'Body.' >cy/portfolio.md
git init -q cy && git -C cy add -A && git -C cy commit -q -m start
run lp-window submit --force cy
is_rc 0 "window submit: exit 0"
is "$(changed cy)" '-outcome: referred
-submitted: 2025-11-20
-window: 2025-12   # first try
+submitted: 2026-01-15
+window: 2026-03   # first try' "window submit: only the lines of the keys it sets"

# The case study: submit sets one key.
mkdir -p bea/evidence
printf '%s\n' '---' 'name: Bea' 'id: bea' 'commenced: 2020-01-10' 'outcome: accredited' \
	'submitted: 2022-05-01' 'accredited: 2023-07-01' '---' >bea/portfolio.md
sed -n "/^cat >good.md <<'W'\$/,/^W\$/p" "$SRC_DIR/tests/440-reaccredit-check.t" | sed '1d;$d' |
	sed 's/^theme: Oracy across the trust$/theme: "Oracy across the trust"   # as agreed/' |
	sed 's/^title: /status: draft\ntitle: /' | sed 's/$/\r/' >bea/case-study.md
git init -q bea && git -C bea add -A && git -C bea commit -q -m start
run lp-reaccredit submit bea
is_rc 0 "reaccredit submit: exit 0"
is "$(changed bea)" "+submitted: 2026-01-15" "reaccredit submit: git diff shows the one added line"
is "$(git -C bea diff HEAD~1 --stat | tail -1)" " 1 file changed, 1 insertion(+)" \
	"reaccredit submit: one insertion, CRLF file not rewritten"

done_testing
