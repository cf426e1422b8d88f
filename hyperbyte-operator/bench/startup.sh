#!/bin/sh
# Start-up of the command line, side by side in one run: `--version` against one `render`, each
# with plain `java -jar` and through dist/kubectl-hyperbyte (C1 only, serial GC, the class-data-sharing
# archive the launcher makes on its first run, kept here in a cache of the run's own). Prints the
# median wall and CPU (user + sys) seconds of ROUNDS runs of each, the four commands interleaved so
# that load on the machine hits them alike.
#
#   mvn -B -q -pl hyperbyte-operator -am package -DskipTests   # hyperbyte.jar
#   hyperbyte-operator/bench/startup.sh [ROUNDS=7]
set -eu
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
root=$(dirname -- "$(dirname -- "$here")")
jar=$root/hyperbyte-operator/target/hyperbyte.jar
manifest=$root/examples/three-node.yaml
rounds=${1:-7}
[ -f "$jar" ] || { echo "build the jar first: mvn -B -q -pl hyperbyte-operator -am package -DskipTests" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (GNU time)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# the plugin installed as a user installs it: script and jar side by side
cp "$root/dist/kubectl-hyperbyte" "$jar" "$work/"
plugin=$work/kubectl-hyperbyte
HYPERBYTE_CACHE=$work/cache
export HYPERBYTE_CACHE

measure() { # name, command...
  name=$1
  shift
  /usr/bin/time -f "$name %e %U %S" -a -o "$work/times" "$@" >/dev/null 2>"$work/stderr" \
    || { echo "failed: $*" >&2; cat "$work/stderr" >&2; exit 1; }
}

java -jar "$jar" --version >/dev/null # warm the file cache
"$plugin" --version >/dev/null # the plugin's first run makes its archive
i=0
while [ "$i" -lt "$rounds" ]; do
  measure java-version java -jar "$jar" --version
  measure java-render java -jar "$jar" render -f "$manifest"
  measure plugin-version "$plugin" --version
  measure plugin-render "$plugin" render -f "$manifest"
  i=$((i + 1))
done

echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1), $rounds rounds (median)"
printf '%-16s %8s %8s\n' command wall_s cpu_s
for name in java-version java-render plugin-version plugin-render; do
  wall=$(awk -v n="$name" '$1 == n { print $2 }' "$work/times" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  cpu=$(awk -v n="$name" '$1 == n { print $3 + $4 }' "$work/times" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  printf '%-16s %8s %8s\n' "$name" "$wall" "$cpu"
done
