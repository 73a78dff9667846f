#!/bin/sh
. "$(dirname "$0")/lib.sh"
# Reaching outside the portfolio through discovery: a .git file naming
# another repository, a portfolio.md or windows.csv planted above the
# user's directory (by another user, above the work tree's root).  lp
# refuses, writes nothing anywhere, and says why.

SECRET=TOPSECRET-77d1
repo_sum() {	# every file of a repository, its HEAD and its index
	(cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum 2>/dev/null
	 git -C "$1" rev-parse HEAD 2>/dev/null) | sha256sum
}

# --------------------------------------------------------------------
# 1. A .git file (or link) naming a repository that does not name us back.

git init -q "$TMP/elsewhere"
(cd "$TMP/elsewhere" && echo "$SECRET" >secret.txt && git add secret.txt && git commit -qm one)
echo "$TMP/body" >/dev/null; echo "What happened." >"$TMP/body"

# plant_link SHAPE DIR: make DIR's .git send git to $TMP/elsewhere.
plant_link() {
	rm -rf "$2/.git"
	case $1 in
	absolute) echo "gitdir: $TMP/elsewhere/.git" >"$2/.git" ;;
	relative) echo "gitdir: $(python3 -c 'import os,sys; print(os.path.relpath(sys.argv[1], sys.argv[2]))' "$TMP/elsewhere/.git" "$2" 2>/dev/null || echo "../elsewhere/.git")" >"$2/.git" ;;
	symlink) ln -s "$TMP/elsewhere/.git" "$2/.git" ;;
	fake-worktree) mkdir -p "$TMP/elsewhere/.git/worktrees/x"
		echo "$TMP/someone-else/.git" >"$TMP/elsewhere/.git/worktrees/x/gitdir"
		echo ../.. >"$TMP/elsewhere/.git/worktrees/x/commondir"
		git -C "$TMP/elsewhere" rev-parse HEAD >"$TMP/elsewhere/.git/worktrees/x/HEAD"
		echo "gitdir: $TMP/elsewhere/.git/worktrees/x" >"$2/.git" ;;
	esac
}

for shape in absolute relative symlink; do
	for level in portfolio cohort; do
		rm -rf "$TMP/c" && mkdir -p "$TMP/c"
		run lp init "$TMP/c/p" --name "Lin K" --id link --commenced 2024-09-01
		rm -rf "$TMP/c/p/.git"
		[ $level = portfolio ] && plant_link $shape "$TMP/c/p" || plant_link $shape "$TMP/c"
		before=$(repo_sum "$TMP/elsewhere")
		for cmd in "lp-assess set -C $TMP/c/p LP1=developing" \
		    "lp-evidence add -C $TMP/c/p --title Planted --standards LP1 --reach team --date 2025-03-01 $TMP/body" \
		    "lp-assess show --at HEAD -C $TMP/c/p" "lp-assess history -C $TMP/c/p"; do
			run $cmd
			is_rc 2 "a $shape .git in the $level: $cmd exits 2"
			like "$err" "does not point back" "a $shape .git in the $level: $(echo $cmd | cut -d' ' -f1-2) says why"
			case "$out" in *"$SECRET"*) not_ok "a $shape .git: nothing of the other repository shown" ;;
			*) ok "a $shape .git in the $level: nothing of the other repository shown" ;; esac
		done
		if [ $level = portfolio ]; then
			run lp-report summary --git "$TMP/c/p"
			is_rc 2 "a $shape .git: lp-report summary --git on the work tree exits 2"
		fi
		is "$(repo_sum "$TMP/elsewhere")" "$before" "a $shape .git in the $level: the other repository is untouched"
	done
done

# A worktree admin directory that names a different work tree.
rm -rf "$TMP/c" && mkdir -p "$TMP/c"
run lp init "$TMP/c/p" --name "Lin K" --id link --commenced 2024-09-01
plant_link fake-worktree "$TMP/c/p"
before=$(repo_sum "$TMP/elsewhere")
run lp-assess set -C "$TMP/c/p" LP1=developing
is_rc 2 "a worktree link that names another work tree: exit 2"
is "$(repo_sum "$TMP/elsewhere")" "$before" "a worktree link that names another work tree: the other repository is untouched"
rm -rf "$TMP/elsewhere/.git/worktrees"

# A .git file naming nothing at all: refused, not taken for "outside git".
rm -rf "$TMP/c" && mkdir -p "$TMP/c"
mkportfolio "$TMP/c/p" dangle "Dan Gle" 2024-09-01
echo "gitdir: $TMP/nowhere/.git" >"$TMP/c/p/.git"
unchanged "$TMP/c/p" "a .git file naming nothing: lp-assess set changes nothing" \
    lp-assess set -C "$TMP/c/p" LP1=developing
is_rc 2 "a .git file naming nothing: exit 2"
like "$err" "\.git: names no git repository" "a .git file naming nothing: the message says why"

# What git itself writes still works: a linked worktree and a submodule.
run lp init "$TMP/main" --name "Mai N" --id main --commenced 2024-09-01
git -C "$TMP/main" worktree add -q "$TMP/wt2" 2>/dev/null
run lp-assess set -C "$TMP/wt2" LP1=developing
is_rc 0 "a linked worktree: lp-assess set commits"
like "$(git -C "$TMP/wt2" log -1 --format=%s)" "LP1" "a linked worktree: the commit is on its branch"
git init -q "$TMP/super"
(cd "$TMP/super" && git -c protocol.file.allow=always submodule add -q "$TMP/main" sub 2>/dev/null && git commit -qm sub)
if [ -f "$TMP/super/sub/.git" ]; then
	run lp-assess set -C "$TMP/super/sub" LP2=developing
	is_rc 0 "a submodule: lp-assess set commits"
	like "$(git -C "$TMP/super/sub" log -1 --format=%s)" "LP2" "a submodule: the commit is in the submodule"
else
	echo "# skipped the submodule case: git made no .git file"
fi

# --------------------------------------------------------------------
# 2. windows.csv above the work tree's root is not git's, nor lp's.

mkdir -p "$TMP/up"
printf 'id,term,opens,closes\n2031-02,spring,2031-02-01,2031-02-20\n' >"$TMP/up/windows.csv"
run lp init "$TMP/up/p" --name "Up Per" --id up --commenced 2030-09-01
run lp-window list -C "$TMP/up/p"
unlike "$out" "2031-02,spring" "windows.csv above the work tree's root is not used"
git init -q "$TMP/up2"
mkdir -p "$TMP/up2/cohort"
printf 'id,term,opens,closes\n2031-02,spring,2031-02-01,2031-02-20\n' >"$TMP/up2/windows.csv"
run lp init "$TMP/up2/cohort/p" --name "In Side" --id inside --commenced 2030-09-01
rm -rf "$TMP/up2/cohort/p/.git"
run lp-window list -C "$TMP/up2/cohort/p"
like "$out" "2031-02,spring" "windows.csv at the work tree's root is used"
mkdir -p "$TMP/up2/cohort/p/evidence/deep"
(cd "$TMP/up2/cohort/p/evidence/deep" && lp-window list) >"$TMP/o" 2>&1
like "$(cat "$TMP/o")" "2031-02,spring" "windows.csv at the root is found from deep inside"

# A file-system boundary: the search does not cross onto the parent's.
M=$TMP/fsb/mnt
mkdir -p "$M"
printf 'id,term,opens,closes\n2031-02,spring,2031-02-01,2031-02-20\n' >"$TMP/fsb/windows.csv"
mkportfolio "$TMP/fsb" above "Ab Ove" 2030-09-01
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=4m tmpfs "$M" 2>/dev/null; then
	trap 'umount "$M" 2>/dev/null; rm -rf "$TMP"' EXIT
	mkportfolio "$M/p" below "Be Low" 2030-09-01
	run lp-window list -C "$M/p"
	unlike "$out" "2031-02,spring" "windows.csv across a file-system boundary is not used"
	mkdir -p "$M/x/y"
	run lp-assess set -C "$M/x/y" LP1=developing
	is_rc 2 "portfolio.md across a file-system boundary is not found"
	if [ -e "$TMP/fsb/assessment.csv" ]; then not_ok "nothing written across the boundary"; else
		ok "nothing written across the boundary"; fi
	umount "$M"
	trap 'rm -rf "$TMP"' EXIT
else
	echo "# skipped the file-system boundary: cannot mount a tmpfs here"
fi

# --------------------------------------------------------------------
# 3. Another user's directory above ours (git's safe.directory rule).

if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	T=$TMP/shared
	mkdir -p "$T/mine/sub"
	mkportfolio "$T" theirs "The Irs" 2024-09-01
	printf 'id,term,opens,closes\n%s,spring,2031-02-01,2031-02-20\n' 2031-02 >"$T/windows.csv"
	chown nobody "$T" "$T/portfolio.md" "$T/windows.csv"
	chmod 1777 "$T"
	before=$(sha256sum "$T/portfolio.md")
	run lp-assess set -C "$T/mine/sub" LP1=developing
	is_rc 2 "portfolio.md in another user's directory above: lp-assess set exits 2"
	like "$err" "owned by another user.*LP_SAFE_DIRECTORY" "another user's directory: the message says why and what to do"
	if [ -e "$T/assessment.csv" ]; then not_ok "another user's directory: nothing written there"; else
		ok "another user's directory: nothing written there"; fi
	is "$(sha256sum "$T/portfolio.md")" "$before" "another user's directory: their portfolio.md is untouched"
	(cd "$T/mine/sub" && lp-assess show) >/dev/null 2>&1
	is "$?" 2 "another user's directory: lp-assess show from below does not read it either"
	mkportfolio "$T/mine" mine "Mi Ne" 2030-09-01
	run lp-window list -C "$T/mine"
	unlike "$out" "2031-02,spring" "windows.csv in another user's directory above is not used"
	like "$err" "windows\.csv is not used: .* owned by another user .*LP_SAFE_DIRECTORY" \
	    "windows.csv in another user's directory: a warning says why and what to do"
	run env LP_SAFE_DIRECTORY="$T" lp-window list -C "$T/mine"
	like "$out" "2031-02,spring" "LP_SAFE_DIRECTORY trusts it"
	rm -f "$T/mine/portfolio.md"

	# Their portfolio.md in a directory of ours that anyone may write to.
	W=$TMP/world
	mkdir -p "$W/x/y"
	chmod 1777 "$W"
	mkportfolio "$W" planted "Plan Ted" 2024-09-01
	chown nobody "$W/portfolio.md"
	before=$(sha256sum "$W/portfolio.md")
	run lp-assess set -C "$W/x/y" LP1=developing
	is_rc 2 "their portfolio.md in our world-writable directory: exit 2"
	if [ -e "$W/assessment.csv" ]; then not_ok "their portfolio.md: nothing written beside it"; else
		ok "their portfolio.md: nothing written beside it"; fi
	is "$(sha256sum "$W/portfolio.md")" "$before" "their portfolio.md is untouched"
	run env LP_SAFE_DIRECTORY='*' lp-assess show -C "$W/x/y"
	is_rc 0 "LP_SAFE_DIRECTORY='*' trusts every directory"
else
	echo "# skipped another user's directory: needs root and a nobody user"
fi

done_testing
