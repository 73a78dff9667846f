#!/bin/sh
. "$(dirname "$0")/lib.sh"
# --git reads any layout a checkout can have (SPEC 5.6): a cohort at any
# depth of one repository, the newest of several refs holding one
# portfolio, and --submitted, each portfolio at its own latest
# submission tag, in one repository for the cohort or one per
# practitioner, old-style tags included.
. "$TESTS_DIR/report-lib.sh"

commit() {	# commit DIR DATE MESSAGE
	git -C "$1" add -A && GIT_COMMITTER_DATE="$2" GIT_AUTHOR_DATE="$2" git -C "$1" commit -q -m "$3"
}
tag() {		# tag DIR NAME DATE: an annotated tag, as lp-window submit makes
	GIT_COMMITTER_DATE="$3" git -C "$1" tag -a -m "$2" "$2"
}
tsv_but_path() {	# every column but path (15)
	printf '%s\n' "$1" | cut -f1-14,16-
}

# ---- a whole cohort at any depth of one repository ----
mkdir mono
mkcohort mono/oak/2025
mv mono/oak/2025/cat mono/cat			# depth 1
mkdir -p mono/elm/deep/er/still && mv mono/oak/2025/dev mono/elm/deep/er/still/dev
mkportfolio mono/.hidden/x x1 "Hidden" 2025-01-01	# never searched
mkportfolio mono/cat/sub s1 "Inside" 2025-01-01	# inside a portfolio: not one
printf 'a cohort\n' >mono/README.md
git -C mono init -q
commit mono 2026-01-10T10:00:00Z "cohort"
git clone -q --bare mono mono.git

run lp-report summary -o tsv mono
dirs=$out
run lp-report summary -o tsv --git mono.git
is_rc 0 "summary --git on a cohort repository: exit 0"
is "$(tsv_but_path "$out")" "$(tsv_but_path "$dirs")" "the same rows as the checkout, at every depth"
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 11 "ten portfolios: hidden directories and portfolios' own subdirectories are not searched"
like "$out" '	mono.git/elm/deep/er/still/dev@HEAD	' "the path names the repository, the directory and the ref"
run lp-report summary -o tsv --git mono
is "$(tsv_but_path "$out")" "$(tsv_but_path "$dirs")" "a repository with a work tree reads the same, from its objects"
run lp-report summary -o tsv --git mono/.git
is "$rc:$(tsv_but_path "$out")" "0:$(tsv_but_path "$dirs")" "--git REPO/.git, the README's form (issue 12): the same rows"
run lp-report coverage --git mono.git
cov=$out
is "$cov" "$(lp-report coverage mono)" "coverage --git: the same counts"
run lp-report html --git mono.git
is_rc 0 "html --git on a cohort repository: exit 0"
like "$out" '10 practitioners' "html --git: every practitioner"
run lp-report pack --git mono.git
is_rc 2 "pack --git of a cohort: more than one portfolio"
run lp-report summary -o tsv --school 'Elm Academy' --git mono.git
is "$(printf '%s\n' "$out" | sed 1d | cut -f1 | tr '\n' ' ')" "c3 d4 " "--school with --git"

# Two directories with one id: an error naming both, as in a checkout.
mkportfolio mono/copy a1 "Ann Again" 2025-09-01
commit mono 2026-01-11T10:00:00Z "a copy"
run lp-report summary --git mono
is_rc 2 "one id twice in a tree: exit 2"
like "$err" "two portfolios have the id 'a1': mono/copy@HEAD and mono/oak/2025/ann@HEAD" "... naming both"
git -C mono rm -rq copy && commit mono 2026-01-12T10:00:00Z "no copy"

# A repository with no portfolio at HEAD is named.
mkdir nothing && git -C nothing init -q && printf 'x\n' >nothing/x && commit nothing 2026-01-01T00:00:00Z x
run lp-report summary --git nothing
is "$rc" 2 "a repository holding no portfolio: exit 2"
like "$err" "no portfolio found in nothing at HEAD" "... says so"

# ---- --ref GLOB: where several refs hold one portfolio, the newest wins ----
mkdir solo
mkportfolio solo/p p1 "Pip" 2025-09-01
git -C solo init -q
commit solo 2025-10-01T10:00:00Z one
tag solo lp/submitted/2026-06 2025-10-01T10:00:00Z	# a later window name, made first
mkevidence solo/p 2025-11-01-x "X" 2025-11-01 LP1 team
commit solo 2025-11-02T10:00:00Z two
tag solo lp/submitted/2025-11 2025-11-02T10:00:00Z
run lp-report summary -o tsv --git solo --ref 'refs/tags/*'
is_rc 0 "--ref over two tags of one portfolio: exit 0"
is "$(printf '%s\n' "$out" | sed 1d | cut -f1,12,15)" "p1	1	solo/p@refs/tags/lp/submitted/2025-11" \
	"the newest tag (tagger date) wins, whatever its name"
git -C solo branch later
GIT_COMMITTER_DATE=2025-12-01T00:00:00Z git -C solo commit -q --allow-empty -m later
git -C solo branch -f later HEAD
run lp-report summary -o tsv --git solo --ref 'refs/heads/later'
is "$(printf '%s\n' "$out" | sed 1d | cut -f15)" "solo/p@refs/heads/later" "a branch: read at its commit"

# ---- --submitted in one repository for the whole cohort ----
mkdir co
mkportfolio co/ann a1 "Ann" 2024-09-01 "school: Oak"
mkportfolio co/bob b1 "Bob" 2024-09-01 "school: Oak"
mkportfolio co/cy c1 "Cy" 2024-09-01 "school: Elm"
git -C co init -q
commit co 2025-06-01T10:00:00Z start
# Ann submits into 2025-11, is referred, resubmits into the same window, then 2026-03.
printf -- '---\nname: Ann\nid: a1\ncommenced: 2024-09-01\nschool: Oak\nwindow: 2025-11\nsubmitted: 2025-10-01\n---\n' >co/ann/portfolio.md
commit co 2025-10-01T10:00:00Z "ann submits"
tag co lp/submitted/a1/2025-11 2025-10-01T10:00:00Z
mkevidence co/ann 2025-10-20-more "More" 2025-10-20 LP1 team
commit co 2025-10-20T10:00:00Z "ann more"
tag co lp/submitted/a1/2025-11-2 2025-10-20T10:00:00Z
# Cy submitted with an old-style tag, naming only the window.
printf -- '---\nname: Cy\nid: c1\ncommenced: 2024-09-01\nschool: Elm\nwindow: 2025-11\nsubmitted: 2025-10-25\n---\n' >co/cy/portfolio.md
commit co 2025-10-25T10:00:00Z "cy submits"
tag co lp/submitted/2025-11 2025-10-25T10:00:00Z
# Work after the submissions, which the moderator must not see.
mkevidence co/ann 2025-12-01-late "Late" 2025-12-01 LP2 team
mkevidence co/cy 2025-12-01-late "Late" 2025-12-01 LP2 team
commit co 2025-12-01T10:00:00Z "after"
git clone -q --bare co co.git

run lp-report summary -o tsv --git co.git --submitted
is_rc 0 "--submitted on a cohort repository: exit 0"
is "$(printf '%s\n' "$out" | sed 1d | cut -f1,12,15,16)" \
"a1	1	co.git/ann@refs/tags/lp/submitted/a1/2025-11-2	2025-10-20
c1	0	co.git/cy@refs/tags/lp/submitted/2025-11	2025-10-25" \
	"each portfolio at its own latest submission (highest -N; old-style tags read); never submitted left out"
tag co lp/submitted/a1/2026-03 2026-01-05T10:00:00Z
run lp-report summary -o tsv --git co --submitted
is "$(printf '%s\n' "$out" | sed 1d | cut -f1,12,15)" \
"a1	2	co/ann@refs/tags/lp/submitted/a1/2026-03
c1	0	co/cy@refs/tags/lp/submitted/2025-11" "a resubmission into a later window wins"
run lp-report coverage --git co.git --submitted
is_rc 0 "coverage --submitted: exit 0"
run lp-report html --git co.git --submitted
like "$out" "latest submission" "html --submitted says what it read"

# ---- --submitted with one repository per practitioner, old-style tags ----
mkdir -p each
for n in dee eve; do
	mkportfolio "each/$n" "${n}1" "$n" 2024-09-01
	git -C "each/$n" init -q
	commit "each/$n" 2025-06-01T10:00:00Z start
done
printf -- '---\nname: dee\nid: dee1\ncommenced: 2024-09-01\nwindow: 2025-11\n---\n' >each/dee/portfolio.md
commit each/dee 2025-10-01T10:00:00Z submit
tag each/dee lp/submitted/2025-11 2025-10-01T10:00:00Z
mkevidence each/dee 2025-10-10-again "Again" 2025-10-10 LP1 team
commit each/dee 2025-10-10T10:00:00Z resubmit
tag each/dee lp/submitted/2025-11-2 2025-10-10T10:00:00Z
run lp-report summary -o tsv --git each --submitted
is "$(printf '%s\n' "$out" | sed 1d | cut -f1,12,15)" "dee1	1	each/dee@refs/tags/lp/submitted/2025-11-2" \
	"one repository each: the latest old-style tag; eve never submitted"

run lp-report summary --submitted co
is_rc 2 "--submitted needs --git"
run lp-report summary --git co --submitted --ref 'refs/*'
is_rc 2 "--submitted with --ref: a usage error"

done_testing
