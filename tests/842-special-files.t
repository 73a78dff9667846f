#!/bin/sh
. "$(dirname "$0")/lib.sh"
# A FIFO, a socket, a device or a directory where a file belongs, and a
# windows.csv that leads out of its directory: an error at once (never a
# blocked open or read), nothing from outside shown, nothing changed.

command -v timeout >/dev/null 2>&1 || { echo "1..0 # SKIP timeout(1) is missing"; exit 0; }

SECRET=TOPSECRET-9e0c2
mkdir -p "$TMP/outside"
printf 'id,term,opens,closes\n%s,spring,2026-02-01,2026-02-20\n' "$SECRET" >"$TMP/outside/windows.csv"

P0=$TMP/p0
mkportfolio "$P0" spec "Spe Cial" 2024-09-01
mkassessment "$P0" "LP1,developing,,"
mkevidence "$P0" 2025-03-01-item "An item" 2025-03-01 LP1 team

# plant KIND PATH: a special file (or a link) where a file belongs.
plant() {
	rm -rf "$2"
	case $1 in
	fifo) mkfifo "$2" ;;
	socket) python3 -c 'import socket, sys; s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])' "$2" ;;
	device) ln -s /dev/zero "$2" ;;
	null) ln -s /dev/null "$2" ;;
	dir) mkdir "$2" ;;
	link-out) ln -s "$TMP/outside/windows.csv" "$2" ;;
	link-out-rel) ln -s "$3"outside/windows.csv "$2" ;;
	esac
}

# attack NAME WANT-RCS CMD...: no hang, an allowed exit status, nothing
# secret shown.  P is a fresh copy of P0 for each attack.
attack() {
	_name=$1 _want=$2; shift 2
	run timeout 20 "$@"
	if [ "$rc" = 124 ]; then not_ok "$_name: $* returns" "timed out"; return; fi
	case " $_want " in
	*" $rc "*) ok "$_name: $* exits $rc" ;;
	*) not_ok "$_name: $* exits one of $_want" "exit $rc: $err" ;;
	esac
	case "$out$err" in
	*"$SECRET"*) not_ok "$_name: nothing from outside is shown" ;;
	*) ok "$_name: nothing from outside is shown" ;;
	esac
}

kinds="fifo socket device null dir link-out link-out-rel"
command -v python3 >/dev/null 2>&1 || kinds="fifo device null dir link-out link-out-rel"

# windows.csv in the portfolio and in the cohort directory above it.
for kind in $kinds; do
	for where in portfolio cohort; do
		rm -rf "$TMP/c" && mkdir -p "$TMP/c" && cp -R "$P0" "$TMP/c/p"
		P=$TMP/c/p
		if [ $where = portfolio ]; then f=$P/windows.csv up=../../; else f=$TMP/c/windows.csv up=../; fi
		plant "$kind" "$f" "$up"
		for cmd in "lp-window status -C $P" "lp-window list -C $P" "lp-report summary $TMP/c" \
		    "lp-window check -C $P"; do
			_ntests_before=$_ntests
			attack "windows.csv is a $kind in the $where" "2" $cmd
		done
		unchanged "$TMP/c" "windows.csv is a $kind in the $where: lp-window outcome changes nothing" \
		    timeout 20 lp-window outcome -C "$P" --window 2026-02 accredited
		run timeout 20 lp-window status -C "$P"
		case $kind in fifo|socket|device|null|dir)
			like "$err" "windows\.csv.*(not a regular file|directory)" \
			    "windows.csv is a $kind in the $where: the message says why" ;;
		link-out*)
			like "$err" "windows\.csv.*outside" \
			    "windows.csv is a $kind in the $where: the message says why" ;;
		esac
	done
done

# --windows and LP_WINDOWS naming a FIFO: an error, not a wait.
mkfifo "$TMP/wfifo"
attack "--windows names a FIFO" "2" lp-window list --windows "$TMP/wfifo"
like "$err" "not a regular file" "--windows names a FIFO: the message says why"
attack "LP_WINDOWS names a FIFO" "2" env LP_WINDOWS="$TMP/wfifo" lp-window list
# A pipe handed over by the shell still works.
printf 'id,term,opens,closes\n2026-02,spring,2026-02-01,2026-02-20\n' >"$TMP/good.csv"
run sh -c "lp-window list --windows /dev/stdin <'$TMP/good.csv'"
is_rc 0 "--windows /dev/stdin (a pipe the user hands over) still reads"

# The framework file, and annotate's input.
attack "--framework names a FIFO" "2" lp-assess framework --framework "$TMP/wfifo"
attack "LP_FRAMEWORK names a FIFO" "2" env LP_FRAMEWORK="$TMP/wfifo" lp-assess show -C "$P0"
attack "annotate reads a FIFO" "2" lp-window annotate "$TMP/wfifo"

# Portfolio files: case-study.md, portfolio.md, assessment.csv, an evidence file.
for kind in fifo device dir; do
	for file in case-study.md portfolio.md assessment.csv evidence/2025-03-01-item.md; do
		rm -rf "$TMP/p" && cp -R "$P0" "$TMP/p"
		plant "$kind" "$TMP/p/$file"
		for cmd in "lp check -C $TMP/p" "lp-reaccredit check -C $TMP/p" "lp-assess show -C $TMP/p" \
		    "lp-report summary $TMP/p" "lp-report pack -C $TMP/p" "lp-evidence list -C $TMP/p"; do
			# A command that never reads the file may not notice it.
			case "$file:$cmd" in
			assessment.csv:lp-evidence*) want="0 1 2" ;;
			*) want="1 2" ;;
			esac
			attack "$file is a $kind" "$want" $cmd
		done
		case $file in
		evidence/*)
			attack "$file is a $kind: lp-assess set" "0 1 2" \
			    lp-assess set -C "$TMP/p" --no-commit LP2=developing ;;
		*)
			unchanged "$TMP/p" "$file is a $kind: lp-assess set changes nothing" \
			    timeout 20 lp-assess set -C "$TMP/p" --no-commit LP2=developing ;;
		esac
	done
done

done_testing
