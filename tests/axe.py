"""axe-core in a real browser: the one way every accessibility test runs it.

axe.min.js comes from the pinned npm package (node_modules, installed by `make
setup`), never from the network. Zero violations of any impact are allowed at
the WCAG 2.0, 2.1 and 2.2 A and AA tags.
"""

from pathlib import Path

AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

RUN_AXE = """async (tags) => {
  // Closed <details> (the clinicians' panel) hide content axe would skip.
  document.querySelectorAll("details").forEach((d) => { d.open = true; });
  const results = await axe.run(document, {
    runOnly: { type: "tag", values: tags },
    resultTypes: ["violations"],
  });
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
  }));
}"""


def axe_violations(page):
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE, WCAG_TAGS)


def readable(found):
    """{page: violations} as a report a person can act on."""
    lines = []
    for where, violations in found.items():
        lines.append(f"\n{where}:")
        for v in violations:
            lines.append(f"  [{v['impact']}] {v['id']}: {v['help']}")
            for node in v["nodes"][:5]:
                lines.append(f"    at {node['target']}")
                lines.extend(f"      {line}" for line in node["summary"].splitlines())
            if len(v["nodes"]) > 5:
                lines.append(f"    ... and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


def check(page, where, found):
    """Run axe on the page; its violations, if any, go into `found` under `where`."""
    violations = axe_violations(page)
    if violations:
        found[where] = violations
