// Accessibility (issue 14): axe-core, the engine behind Lighthouse's accessibility audit, on every
// page a user reaches — home, the results of S1–S7, a chart full screen, the catalog, a store page
// and the error state — in light and dark colour schemes. No serious or critical violation is allowed.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { test } from "node:test";
import { SHOTS, useServerAndBrowser } from "./harness.mjs";

const env = useServerAndBrowser();
// axe is evaluated through the DevTools protocol, as the tests' own scripts are: the page's
// Content-Security-Policy stays in force and is audited as served.
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Runs axe on the page as it is; returns the serious and critical violations, described. */
async function audit(p) {
  await p.evaluate(AXE);
  const result = await p.evaluate(() =>
    globalThis.axe.run(document, { resultTypes: ["violations"], runOnly: ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"] }),
  );
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ") + ": " + (n.failureSummary ?? "").replace(/\s+/g, " ")).join(" | ")}`);
}

const PAGES = [
  { name: "home", open: async (p) => p.waitForSelector('[data-testid="editor"]') },
  ...[1, 2, 3, 4, 5, 6, 7].map((n) => ({
    name: `s${n}`,
    open: async (p) => {
      await p.click(`[data-testid="example-s${n}"]`);
      await p.waitForSelector('[data-testid="verdict"]');
      // the options tables open, so their contents are audited too
      for (const d of await p.locator('[data-testid="options"]').all()) await d.evaluate((e) => (e.open = true));
    },
  })),
  {
    name: "error",
    open: async (p) => {
      await p.fill('[data-testid="editor"]', "version: 1\nname: typo\nstores:\n  - { id: db, typ: postgres, role: source_of_truth }\n");
      await p.waitForSelector('[data-testid="diagnostic"]');
    },
  },
  {
    name: "chart-full-screen",
    open: async (p) => {
      await p.click('[data-testid="example-s6"]');
      await p.click('[data-testid="full-chart-overhead"]');
      await p.waitForSelector('[data-testid="chart-viewer"] svg');
    },
  },
  { name: "catalog", hash: "#/catalog", open: async (p) => p.waitForSelector('[data-testid="catalog-row"]') },
  { name: "store-page", hash: "#/catalog/postgresql", open: async (p) => p.waitForSelector("h1") },
];

for (const scheme of ["light", "dark"]) {
  for (const page of PAGES) {
    test(`issue 14: ${page.name} (${scheme}) has no serious or critical accessibility violation`, async () => {
      const context = await env.browser.newContext({ viewport: { width: 1366, height: 768 }, colorScheme: scheme });
      const p = await context.newPage();
      const errors = [];
      p.on("pageerror", (e) => errors.push(String(e)));
      await p.goto(new URL(page.hash ?? "", env.server.url).href);
      await page.open(p);
      const violations = await audit(p);
      await p.screenshot({ path: join(SHOTS, `a11y-${page.name}-${scheme}.png`) });
      assert.deepEqual(violations, [], violations.join("\n"));
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}
