#!/bin/sh
# What a render costs beyond what any JVM program that reads the manifest and writes the rendered
# objects must cost. Five commands, each a plain `java` with the launcher's flags (C1 only, serial
# GC) and a class-data-sharing archive (the floor's holds what version+yaml loads), interleaved,
# median wall and CPU (user + sys) of ROUNDS runs:
#   jvm         a program that prints one line (the JVM's own start-up)
#   version     hyperbyte.jar --version, with the archive dist/kubectl-hyperbyte makes
#   yaml-floor  floor/YamlFloor.java: reads the manifest and writes render's output objects with the
#               render's YAML library (snakeyaml-engine, from hyperbyte.jar), nothing else
#   version+yaml  the same after running the command line's --version in the same JVM: the least a
#               render through this command line can cost before it checks, binds or renders anything
#   render      hyperbyte.jar render -f MANIFEST, with the same archive as version
#
#   mvn -B -q -pl hyperbyte-operator -am package -DskipTests   # hyperbyte.jar
#   hyperbyte-operator/bench/startup-floor.sh [ROUNDS=9] [MANIFEST=examples/three-node.yaml]
set -eu
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
root=$(dirname -- "$(dirname -- "$here")")
jar=$root/hyperbyte-operator/target/hyperbyte.jar
rounds=${1:-9}
manifest=${2:-$root/examples/three-node.yaml}
[ -f "$jar" ] || { echo "build the jar first: mvn -B -q -pl hyperbyte-operator -am package -DskipTests" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (GNU time)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off"

# hyperbyte.jar installed as users install the plugin; its first run writes the archive
mkdir -p "$work/plugin"
cp "$root/dist/kubectl-hyperbyte" "$jar" "$work/plugin/"
HYPERBYTE_CACHE=$work/plugin/cache "$work/plugin/kubectl-hyperbyte" --version >/dev/null
archive=$(ls "$work"/plugin/cache/*.jsa)
java -jar "$work/plugin/hyperbyte.jar" render -f "$manifest" >"$work/rendered.yaml"

# the floor program, on the same jar's classes, with an archive of what it loads
mkdir -p "$work/floor"
javac -nowarn -cp "$work/plugin/hyperbyte.jar" -d "$work/floor" "$here/floor/YamlFloor.java"
printf 'Main-Class: YamlFloor\nClass-Path: ../plugin/hyperbyte.jar\n' >"$work/floor/manifest.txt"
(cd "$work/floor" && jar cfm floor.jar manifest.txt YamlFloor.class)
# shellcheck disable=SC2086
java $flags "-XX:DumpLoadedClassList=$work/floor/classes" -jar "$work/floor/floor.jar" --version "$manifest" \
  "$work/rendered.yaml" >/dev/null
java -Xshare:dump -XX:+UseSerialGC "-XX:SharedClassListFile=$work/floor/classes" \
  "-XX:SharedArchiveFile=$work/floor/floor.jsa" -cp "$work/floor/floor.jar" >/dev/null 2>&1

measure() { # name, command...
  name=$1
  shift
  /usr/bin/time -f "$name %e %U %S" -a -o "$work/times" "$@" >/dev/null 2>"$work/stderr" \
    || { echo "failed: $*" >&2; cat "$work/stderr" >&2; exit 1; }
}

i=0
while [ "$i" -lt "$rounds" ]; do
  # shellcheck disable=SC2086
  {
    measure jvm java $flags "-XX:SharedArchiveFile=$work/floor/floor.jsa" -jar "$work/floor/floor.jar"
    measure version java $flags "-XX:SharedArchiveFile=$archive" -jar "$work/plugin/hyperbyte.jar" --version
    measure yaml-floor java $flags "-XX:SharedArchiveFile=$work/floor/floor.jsa" -jar "$work/floor/floor.jar" \
      "$manifest" "$work/rendered.yaml"
    measure version+yaml java $flags "-XX:SharedArchiveFile=$work/floor/floor.jsa" -jar "$work/floor/floor.jar" \
      --version "$manifest" "$work/rendered.yaml"
    measure render java $flags "-XX:SharedArchiveFile=$archive" -jar "$work/plugin/hyperbyte.jar" render -f "$manifest"
  }
  i=$((i + 1))
done

echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1), $rounds rounds (median)"
printf '%-14s %8s %8s\n' command wall_s cpu_s
for name in jvm version yaml-floor version+yaml render; do
  wall=$(awk -v n="$name" '$1 == n { print $2 }' "$work/times" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  cpu=$(awk -v n="$name" '$1 == n { print $3 + $4 }' "$work/times" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  printf '%-14s %8s %8s\n' "$name" "$wall" "$cpu"
done
