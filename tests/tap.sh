# tap.sh - TAP helpers shared by the shell tests: source it after
# setting $tmp (a scratch directory); it counts in $n and $fails.
fails=0
n=0

check() {
	# check NAME EXPECTED_STATUS COMMAND...
	name=$1 want=$2
	shift 2
	n=$((n + 1))
	"$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "not ok $n - $name: exit $got, want $want"
		sed 's/^/#   /' "$tmp/out" "$tmp/err"
		fails=$((fails + 1))
	else
		echo "ok $n - $name"
	fi
}

contains() {
	# contains NAME FILE TEXT
	n=$((n + 1))
	if grep -qF -- "$3" "$2"; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1: '$3' not in $2"
		sed 's/^/#   /' "$2"
		fails=$((fails + 1))
	fi
}

lacks() {
	n=$((n + 1))
	if grep -qF -- "$3" "$2"; then
		echo "not ok $n - $1: '$3' in $2"
		fails=$((fails + 1))
	else
		echo "ok $n - $1"
	fi
}
