#!/usr/bin/env bash
# Scores storewise's advice on the real-case corpus (tests/cases/, issue 12): prints, per case,
# what the engine recommended (its typed changes), the score (2 right, 1 partly, 0 wrong, nothing
# or harmful) and why, then the total per class and the count of harmful answers.
#   ./scripts/fidelity.sh              the table
#   ./scripts/fidelity.sh --markdown   the table as Markdown, for BENCHMARKS.md
#   ./scripts/fidelity.sh --raise      also record today's scores in tests/cases/ratchet.toml
#                                      (refused while any case scores lower than recorded)
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo run --quiet --locked -p storewise-fidelity --bin fidelity -- "$@"
