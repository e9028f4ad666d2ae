"""Print the killed share of `make mutation` from mutmut's mutants/mutmut-cicd-stats.json.

Killed share = (killed + timed out) / mutants checked. Survivors, mutants no test
reached, suspicious ones and segfaults all count against it; mutants a partial run
(MUTANTS=...) did not check are left out. Exits 1 below MIN_SCORE.
"""

import json
import os
import sys
from pathlib import Path

MIN_SCORE = float(os.environ.get("MUTATION_MIN_SCORE", "97"))


def main():
    stats = json.loads(Path("mutants/mutmut-cicd-stats.json").read_text())
    outcomes = ("killed", "timeout", "survived", "no_tests", "suspicious", "segfault")
    tested = sum(stats.get(key, 0) for key in outcomes)
    caught = stats["killed"] + stats["timeout"]
    score = 100 * caught / tested if tested else 0.0
    sys.stdout.write(
        f"mutation: {caught} of {tested} mutants killed ({score:.1f}%); "
        f"survived {stats['survived']}, no tests {stats['no_tests']}, "
        f"suspicious {stats['suspicious']}, timeout {stats['timeout']}\n"
    )
    return 0 if score >= MIN_SCORE else 1


if __name__ == "__main__":
    sys.exit(main())
