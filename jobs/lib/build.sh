# Shared by the scripts that run a class of the tools module: build unless SKIP_BUILD=1, then check
# that what they run is there. Sourced, not run; the caller is at the repository's root.
#   ensure_built [EXIT_STATUS]   (2 unless given: the scripts' status for bad input)
ensure_built() {
  if [ "${SKIP_BUILD:-}" != "1" ]; then
    echo "Building (mvn package, tests skipped)..." >&2
    mvn -B -q -DskipTests package
  fi
  for f in tools/target/classes tools/target/classpath-runtime.txt; do
    [ -e "$f" ] || { echo "$f is missing: run without SKIP_BUILD=1 to build" >&2; exit "${1:-2}"; }
  done
}
