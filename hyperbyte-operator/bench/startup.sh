#!/bin/sh
# Start-up of the command line, side by side in one run: `--version` against one `render`, each
# with plain `java -jar` and through dist/kubectl-hyperbyte (C1 only, serial GC, the class-data-sharing
# archive the launcher makes on its first run, kept here in a cache of the run's own). Prints the
# median wall and CPU (user + sys) seconds of ROUNDS runs of each, the commands interleaved so that
# load on the machine hits them alike. With BEFORE_JAR (another build's hyperbyte.jar, e.g. main's),
# that jar is installed beside it the same way (its own directory and archive) and measured too.
#
#   mvn -B -q -pl hyperbyte-operator -am package -DskipTests   # hyperbyte.jar
#   hyperbyte-operator/bench/startup.sh [ROUNDS=7] [BEFORE_JAR]
set -eu
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
root=$(dirname -- "$(dirname -- "$here")")
jar=$root/hyperbyte-operator/target/hyperbyte.jar
manifest=$root/examples/three-node.yaml
rounds=${1:-7}
before=${2:-}
[ -f "$jar" ] || { echo "build the jar first: mvn -B -q -pl hyperbyte-operator -am package -DskipTests" >&2; exit 1; }
[ -z "$before" ] || [ -f "$before" ] || { echo "no jar at $before" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (GNU time)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# each jar installed as a user installs the plugin: script and jar side by side, its own archive
install() { # name, jar
  mkdir -p "$work/$1"
  cp "$root/dist/kubectl-hyperbyte" "$work/$1/"
  cp "$2" "$work/$1/hyperbyte.jar"
  HYPERBYTE_CACHE=$work/$1/cache "$work/$1/kubectl-hyperbyte" --version >/dev/null # makes its archive
}

measure() { # name, command...
  name=$1
  shift
  /usr/bin/time -f "$name %e %U %S" -a -o "$work/times" "$@" >/dev/null 2>"$work/stderr" \
    || { echo "failed: $*" >&2; cat "$work/stderr" >&2; exit 1; }
}

names="java-version java-render plugin-version plugin-render"
install after "$jar"
if [ -n "$before" ]; then
  install before "$before"
  names="before-java-version before-java-render before-plugin-version before-plugin-render $names"
fi
java -jar "$jar" --version >/dev/null # warm the file cache
i=0
while [ "$i" -lt "$rounds" ]; do
  for build in ${before:+before} after; do
    prefix=
    [ "$build" = after ] || prefix=before-
    measure "${prefix}java-version" java -jar "$work/$build/hyperbyte.jar" --version
    measure "${prefix}java-render" java -jar "$work/$build/hyperbyte.jar" render -f "$manifest"
    measure "${prefix}plugin-version" env "HYPERBYTE_CACHE=$work/$build/cache" "$work/$build/kubectl-hyperbyte" --version
    measure "${prefix}plugin-render" env "HYPERBYTE_CACHE=$work/$build/cache" "$work/$build/kubectl-hyperbyte" \
      render -f "$manifest"
  done
  i=$((i + 1))
done

echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1), $rounds rounds (median)"
printf '%-22s %8s %8s\n' command wall_s cpu_s
for name in $names; do
  wall=$(awk -v n="$name" '$1 == n { print $2 }' "$work/times" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  cpu=$(awk -v n="$name" '$1 == n { print $3 + $4 }' "$work/times" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  printf '%-22s %8s %8s\n' "$name" "$wall" "$cpu"
done
