// A store and a workload named like an HTML injection (issue 7) show as text everywhere: in the
// page, in the charts, in the downloaded Markdown and in the SARIF from the API. Nothing runs.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { useServerAndBrowser } from "./harness.mjs";

const EVIL = "<img src=x onerror=alert(1)>";
const YAML = `version: 1
name: "${EVIL}"
stores:
  - id: "${EVIL}"
    type: postgresql
    role: source_of_truth
  - id: cache
    type: redis
    role: derived
    fed_by: { from: "${EVIL}", via: dual_write }
`;

const env = useServerAndBrowser();

test("an HTML-injection name is text in the page, the charts and the Markdown", async () => {
  const context = await env.browser.newContext({ acceptDownloads: true });
  const p = await context.newPage();
  const dialogs = [];
  p.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await p.goto(env.server.url);
  await p.fill('[data-testid="editor"]', YAML);
  await p.waitForSelector('[data-testid="finding"]');
  assert.ok((await p.textContent('[data-testid="verdict"]')).includes(EVIL), "the name is shown as text");
  assert.ok((await p.textContent(".findings, main")).includes(EVIL));
  for (const kind of ["overhead", "growth", "table", "architecture"]) {
    await p.waitForSelector(`[data-testid="chart-${kind}"] svg`);
  }
  assert.equal(await p.$$eval("img[src='x'], svg img, svg foreignObject", (found) => found.length), 0);
  const svgText = await p.$eval('[data-testid="chart-architecture"] svg', (svg) => svg.textContent);
  assert.ok(svgText.includes("<img"), "the architecture chart draws the name as text");
  const download = p.waitForEvent("download");
  await p.click('[data-testid="download-markdown"]');
  const markdown = readFileSync(await (await download).path(), "utf8");
  assert.ok(markdown.includes("&lt;img src=x onerror=alert(1)&gt;"), markdown.slice(0, 400));
  // code spans show their content literally; outside them there must be no raw HTML
  assert.ok(!markdown.replace(/`[^`\n]*`/g, "").includes("<img"), "no raw HTML in the Markdown");
  await p.waitForTimeout(200);
  assert.deepEqual(dialogs, [], "no script ran");
  await context.close();
});

test("the SARIF from the API carries the name as data", async () => {
  const response = await fetch(`${env.server.url}api/analyze?format=sarif`, { method: "POST", body: YAML });
  assert.equal(response.status, 200);
  const sarif = await response.json();
  const results = sarif.runs[0].results;
  assert.ok(results.some((r) => r.message.text.includes(EVIL)), "plain-text messages keep the name");
  const markdownFields = JSON.stringify(sarif).match(/"markdown":"[^"]*"/g) ?? [];
  assert.ok(markdownFields.every((m) => !m.includes("<img")), "no raw HTML in SARIF markdown");
});
