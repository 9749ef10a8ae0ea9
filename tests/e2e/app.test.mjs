// Browser tests: the real bundle served by the real server, driven in headless Chromium.
import assert from "node:assert/strict";
import { test } from "node:test";
import { join } from "node:path";
import { ROOT, SHOTS, useServerAndBrowser } from "./harness.mjs";

const env = useServerAndBrowser();

async function page() {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p = await context.newPage();
  const errors = [];
  p.on("pageerror", (e) => errors.push(String(e)));
  p.errors = errors;
  return p;
}

test("upload S1 through the file input: findings with their codes and four charts", async () => {
  const p = await page();
  await p.goto(env.server.url);
  await p.setInputFiles('[data-testid="file-input"]', join(ROOT, "examples", "s1-logistics.yaml"));
  await p.waitForSelector('[data-testid="finding"]');
  const codes = await p.$$eval('[data-testid="finding"]', (cards) => cards.map((c) => c.dataset.code));
  assert.ok(codes.length >= 1 && codes.every((c) => /^SW\d{3}$/.test(c)), `codes: ${codes}`);
  assert.ok(codes.includes("SW011"), `S1 reports at-least-once delivery: ${codes}`);
  for (const kind of ["overhead", "growth", "table", "architecture"]) {
    await p.waitForSelector(`[data-testid="chart-${kind}"] svg`);
  }
  const verdict = await p.textContent('[data-testid="verdict"]');
  assert.match(verdict, /8\.\d+×|8\.\d+x/, `the verdict shows S1's ≈8× overhead: ${verdict}`);
  await p.screenshot({ path: join(SHOTS, "s1-upload.png"), fullPage: false });
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test("typing an error into the editor shows its line number", async () => {
  const p = await page();
  await p.goto(env.server.url);
  const text = "version: 1\nname: typo\nstores:\n  - { id: db, typ: postgres, role: source_of_truth }\n";
  await p.fill('[data-testid="editor"]', text);
  const diagnostic = p.locator('[data-testid="diagnostic"]').filter({ hasText: "did you mean `type`?" }).first();
  await diagnostic.waitFor();
  const shown = await diagnostic.textContent();
  assert.match(shown, /line 4, column 15/, shown);
  await p.screenshot({ path: join(SHOTS, "editor-error.png") });
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test("loading S2 puts the critical dual-write card first", async () => {
  const p = await page();
  await p.goto(env.server.url);
  await p.click('[data-testid="example-s2"]');
  const first = p.locator('[data-testid="finding"]').first();
  await first.waitFor();
  assert.equal(await first.getAttribute("data-code"), "SW001");
  assert.equal(await first.getAttribute("data-severity"), "critical");
  await p.screenshot({ path: join(SHOTS, "s2-dual-write.png") });
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test("the catalog page lists at least 20 stores", async () => {
  const p = await page();
  await p.goto(new URL("#/catalog", env.server.url).href);
  await p.waitForSelector('[data-testid="catalog-row"]');
  const rows = await p.locator('[data-testid="catalog-row"]').count();
  assert.ok(rows >= 20, `${rows} stores`);
  await p.screenshot({ path: join(SHOTS, "catalog.png") });
  assert.deepEqual(p.errors, []);
  await p.context().close();
});
