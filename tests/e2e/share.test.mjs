// Share links in a real browser: a link made in one browser profile opens the same findings in a
// fresh one (fragment and short links), an old-format link opens, links made with other rules
// say what changed, and damaged or unknown links explain themselves instead of a blank page.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { deflateSync } from "node:zlib";
import { ROOT, SHOTS, useServerAndBrowser } from "./harness.mjs";

const env = useServerAndBrowser();

/** A page in a fresh browser profile (a new context shares nothing with the others). */
async function freshPage() {
  const context = await env.browser.newContext({
    viewport: { width: 1280, height: 900 },
    permissions: ["clipboard-read", "clipboard-write"],
  });
  const p = await context.newPage();
  p.errors = [];
  p.on("pageerror", (e) => p.errors.push(String(e)));
  return p;
}

/** Every finding card's text, in page order. */
async function findings(p) {
  await p.waitForSelector('[data-testid="finding"]');
  return p.$$eval('[data-testid="finding"]', (cards) => cards.map((c) => c.innerText.trim()));
}

async function uploaded(file) {
  const p = await freshPage();
  await p.goto(env.server.url);
  await p.setInputFiles('[data-testid="file-input"]', join(ROOT, "examples", file));
  return { p, shown: await findings(p) };
}

async function linkFrom(p, button) {
  await p.click(`[data-testid="${button}"]`);
  await p.waitForFunction(() => /^(Copied|Select)/.test(document.querySelector('[data-testid="share-status"]')?.textContent ?? ""));
  const url = await p.inputValue('[data-testid="share-url"]');
  const clipboard = await p.evaluate(() => navigator.clipboard.readText());
  assert.equal(clipboard, url, "the link is on the clipboard");
  return url;
}

test("a fragment link opens the same findings in a fresh browser profile", async () => {
  const { p, shown } = await uploaded("s6-ecommerce.yaml");
  const url = await linkFrom(p, "share-copy");
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/#w=1\.[A-Za-z0-9_-]+$/);
  assert.ok(url.length <= 2000, `S6 fits in a fragment link (${url.length} characters)`);
  const q = await freshPage();
  await q.goto(url);
  assert.deepEqual(await findings(q), shown);
  assert.equal(await q.getAttribute('[data-testid="link-note"]', "data-same"), "true");
  await q.screenshot({ path: join(SHOTS, "share-fragment.png") });
  assert.deepEqual([...p.errors, ...q.errors], []);
  await p.context().close();
  await q.context().close();
});

test("a short link opens the same findings in a fresh browser profile, with a preview", async () => {
  const { p, shown } = await uploaded("s2-dual-write.yaml");
  const url = await linkFrom(p, "share-short");
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/r\/[a-z2-7]{24}$/);
  const q = await freshPage();
  await q.goto(url);
  assert.deepEqual(await findings(q), shown);
  assert.match(await q.title(), /^Package status with dual writes — storewise$/);
  const description = await q.getAttribute('meta[property="og:description"]', "content");
  assert.match(description, /2 findings: 2 critical/);
  const note = await q.textContent('[data-testid="link-note"]');
  assert.match(note, /shared on \d{4}-\d\d-\d\d with catalog 2\+[0-9a-f]+ and rules 2\.0/);
  // the same workload shared again gets the same link
  assert.equal(await linkFrom(q, "share-short"), url);
  await q.screenshot({ path: join(SHOTS, "share-short.png") });
  assert.deepEqual([...p.errors, ...q.errors], []);
  await p.context().close();
  await q.context().close();
});

test("a link from the first link format still opens", async () => {
  const payload = readFileSync(join(ROOT, "tests", "links", "v1-s1.link"), "utf8").trim();
  const p = await freshPage();
  await p.goto(`${env.server.url}#w=${payload}`);
  const shown = await findings(p);
  assert.ok(shown.some((f) => f.includes("SW011")), shown.join("\n"));
  await p.waitForSelector('[data-testid="link-note"]');
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test("a link made with other rules says what changed in the findings", async () => {
  const workload = readFileSync(join(ROOT, "examples", "s1-logistics.yaml"), "utf8");
  const record = {
    workload,
    made_with: { catalog: "1+00000000", rules: "0.9" },
    findings: [{ code: "SW999", subjects: ["retired-rule"], severity: "low" }],
  };
  const payload = "1." + deflateSync(Buffer.from(JSON.stringify(record))).toString("base64url");
  const p = await freshPage();
  await p.goto(`${env.server.url}#w=${payload}`);
  await findings(p);
  assert.equal(await p.getAttribute('[data-testid="link-note"]', "data-same"), "false");
  const changes = await p.textContent('[data-testid="link-changes"]');
  assert.match(changes, /Rules 0\.9 then, 2\.0 now\./);
  assert.match(changes, /No longer found: SW999 on retired-rule \(low\)\./);
  assert.match(changes, /New: SW011 on main-db/);
  await p.screenshot({ path: join(SHOTS, "share-changed.png") });
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test("a damaged fragment link gives a clear message, not a blank page", async () => {
  const payload = readFileSync(join(ROOT, "tests", "links", "v1-s1.link"), "utf8").trim();
  for (const [broken, expected] of [
    [payload.slice(0, 400), /cut short or altered/],
    [payload.slice(0, 300) + "~" + payload.slice(301), /never has/],
    ["7." + payload.slice(2), /format 7, newer/],
  ]) {
    const p = await freshPage();
    await p.goto(`${env.server.url}#w=${broken}`);
    const notice = await p.textContent('[data-testid="notice"]');
    assert.match(notice, /This share link cannot be opened/);
    assert.match(notice, expected);
    assert.ok(await p.isVisible("#page-title"), "the page is there, with its input");
    assert.ok(await p.isVisible('[data-testid="file-input"], [data-testid="editor"]'));
    if (expected.source.includes("cut")) await p.screenshot({ path: join(SHOTS, "share-damaged.png") });
    assert.deepEqual(p.errors, []);
    await p.context().close();
  }
});

test("an unknown short link says so", async () => {
  const p = await freshPage();
  const response = await p.goto(`${env.server.url}r/aaaaaaaaaaaaaaaaaaaaaaaa`);
  assert.equal(response.status(), 404);
  const notice = await p.textContent('[data-testid="notice"]');
  assert.match(notice, /There is no share link `aaaaaaaaaaaaaaaaaaaaaaaa`/);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});
