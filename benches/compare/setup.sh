#!/bin/sh
# Install what benches/compare/compare.py compares routegraph with:
# NetworkX, igraph, rustworkx, matplotlib and pandas from PyPI, Graphviz from Debian.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
python3 -m pip install -r "$here/requirements.txt"
if ! command -v neato >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get update
    $SUDO apt-get install -y graphviz
fi
python3 - <<'PY'
import networkx, igraph, rustworkx, matplotlib, pandas
print("networkx", networkx.__version__, "| igraph", igraph.__version__,
      "| rustworkx", rustworkx.__version__, "| matplotlib", matplotlib.__version__,
      "| pandas", pandas.__version__)
PY
neato -V
