// Browser tests (issue 14 item 1): every file the page loads has a content-hashed name the server
// caches for a year; the service worker keeps them, so a repeat visit asks the network for
// nothing and the app opens and analyses offline; a short link still goes to the server.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT, useServerAndBrowser } from "./harness.mjs";

const env = useServerAndBrowser();

/** A fresh context whose page records every response: its path and whether the worker gave it. */
async function visit() {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p = await context.newPage();
  const errors = [];
  p.on("pageerror", (e) => errors.push(String(e)));
  p.responses = [];
  p.on("response", (r) => p.responses.push({ path: new URL(r.url()).pathname, worker: r.fromServiceWorker() }));
  p.errors = errors;
  return p;
}

/** A page the service worker controls: a first visit installs it, a reload is its first answer. */
async function controlled() {
  const p = await visit();
  await p.goto(env.server.url);
  await p.waitForSelector('[data-testid="editor"]');
  await p.evaluate(() => navigator.serviceWorker.ready);
  p.responses = [];
  await p.reload();
  await p.waitForSelector('[data-testid="editor"]');
  return p;
}

/** The page's <head> assets (stylesheet, module, wasm, boot script, icon). */
function headAssets(p) {
  return p.$$eval("head link[href], head script[src]", (els) =>
    els.map((e) => new URL(e.href || e.src).pathname).filter((path) => path !== "/"),
  );
}

test("issue 14: assets have content-hashed names, cached for a year; the page and the worker are revalidated", async () => {
  const p = await visit();
  await p.goto(env.server.url);
  await p.waitForSelector('[data-testid="editor"]');
  const assets = await headAssets(p);
  assert.equal(assets.length, 5, `stylesheet, module, wasm, icon, boot script: ${assets.join(", ")}`);
  for (const path of assets) {
    assert.match(path, /^\/[a-z_]+-[0-9a-f]{10}\.(css|js|wasm|svg)$/, "a content-hashed name");
    const r = await p.request.get(new URL(path, env.server.url).href);
    assert.equal(r.status(), 200, path);
    assert.equal(r.headers()["cache-control"], "public, max-age=31536000, immutable", path);
  }
  for (const path of ["/", "/sw.js"]) {
    const r = await p.request.get(new URL(path, env.server.url).href);
    assert.equal(r.headers()["cache-control"], "no-cache", path);
  }
  const worker = await (await p.request.get(new URL("/sw.js", env.server.url).href)).text();
  for (const path of assets) assert.ok(worker.includes(`"${path}"`), `the worker keeps ${path}`);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test("issue 14: after one visit the service worker serves the app: a repeat visit uses no network, and offline it opens and analyses", async () => {
  // the next visit: the page and all it loads come from the worker's cache
  const p = await controlled();
  assert.ok(await p.evaluate(() => navigator.serviceWorker.controller !== null), "the worker controls the page");
  const app = p.responses.filter((r) => r.path === "/" || /-[0-9a-f]{10}\./.test(r.path));
  assert.ok(app.length >= 4, `the page and its files were loaded: ${JSON.stringify(p.responses)}`);
  assert.deepEqual(app.filter((r) => !r.worker), [], "nothing of the app came from the network");
  // offline: the app opens, loads an example and analyses an edit
  await p.context().setOffline(true);
  await p.reload();
  await p.click('[data-testid="example-s1"]');
  await p.waitForSelector('[data-testid="finding"]');
  const editor = p.getByTestId("editor");
  await editor.fill((await editor.inputValue()).replace(/^name: .*$/m, "name: offline edit"));
  await p.waitForFunction(() => document.querySelector(".verdict-title")?.textContent === "offline edit");
  await p.context().setOffline(false);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test("issue 14: the service worker leaves short links to the server, which fills their page in", async () => {
  const p = await controlled();
  p.responses = [];
  await p.goto(new URL("/r/AAAAAAAAAAAA", env.server.url).href);
  const page = p.responses.find((r) => r.path === "/r/AAAAAAAAAAAA");
  assert.ok(page && !page.worker, `the short link's page came from the server: ${JSON.stringify(p.responses)}`);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test("issue 14: the catalog's reasoning is an asset of its own, off the critical path: a store page fetches it and shows it, offline too", async () => {
  const p = await visit();
  await p.goto(env.server.url);
  await p.waitForSelector('[data-testid="editor"]');
  const prose = await p.$eval('meta[name="storewise-prose"]', (m) => m.content);
  assert.match(prose, /^\/catalog-prose-[0-9a-f]{10}\.json$/);
  assert.ok(!p.responses.some((r) => r.path === prose), "the analyser does not load it");
  const r = await p.request.get(new URL(prose, env.server.url).href);
  assert.equal(r.headers()["cache-control"], "public, max-age=31536000, immutable");
  const why = (text) => p.waitForFunction((t) => [...document.querySelectorAll("td.note")].some((c) => c.textContent === t), text);
  // a note and an estimate from catalog/data/stores/postgresql.toml
  await p.goto(new URL("#/catalog/postgresql", env.server.url).href);
  await why("B-tree point lookup about 0.1 ms server-side; 15-25K read-only TPS on 4 vCPU, 50-80K on 8 vCPU.");
  await why("Ordered B-tree ranges behave like point lookups plus the rows read; same size ceiling as OLTP.");
  assert.ok(p.responses.some((r) => r.path === prose), "the store page fetched it: the module does not carry it");
  assert.equal(await p.locator(".prose-note").count(), 0, "no loading or error line once it is shown");
  // offline, from the worker's cache
  await p.evaluate(() => navigator.serviceWorker.ready);
  await p.context().setOffline(true);
  await p.reload();
  await p.waitForSelector("h1");
  await why("B-tree point lookup about 0.1 ms server-side; 15-25K read-only TPS on 4 vCPU, 50-80K on 8 vCPU.");
  await p.context().setOffline(false);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test("issue 14: the app's catalog without its prose still takes a workload's catalog overrides (each figure still reads as sourced or estimated)", async () => {
  const p = await visit();
  await p.goto(env.server.url);
  await p.setInputFiles('[data-testid="file-input"]', join(ROOT, "tests", "v2", "01-logistics.yaml"));
  await p.waitForSelector('[data-testid="finding"]');
  assert.equal(await p.locator('[data-testid="diagnostic"]').count(), 0, "no problem with the overrides of kafka");
  assert.deepEqual(p.errors, []);
  await p.context().close();
});
