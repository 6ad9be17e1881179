#!/usr/bin/env bash
# Installs what is missing, builds coupled-driver and runs every test: unit tests and the
# multi-rank tests, which launch mpirun with 1, 2, 3 and 4 ranks.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
source scripts/environment.sh
swift build -c release
# No test uses @testable: without testable imports the tests link the modules just built
# instead of compiling every module a second time, and the Swift component example's test
# builds against them too.
swift test -c release --disable-testable-imports --no-parallel
