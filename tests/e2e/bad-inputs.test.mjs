// The bad-input corpus through the WASM app (issue 7): every file of tests/bad-inputs/ is
// uploaded through the file input and must show the outcome recorded in expected.json (which
// the library, the CLI and the API are held to as well), with no page error.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT, useServerAndBrowser } from "./harness.mjs";

const DIR = join(ROOT, "tests", "bad-inputs");
const EXPECTED = JSON.parse(readFileSync(join(DIR, "expected.json"), "utf8"));
/** workload::yaml::MAX_BYTES: the app refuses larger files before reading them. */
const MAX_BYTES = 4 * 1024 * 1024;

const env = useServerAndBrowser();

test("every corpus file shows its recorded outcome in the app", { timeout: 600_000 }, async () => {
  const p = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  p.on("pageerror", (e) => errors.push(String(e)));
  await p.goto(env.server.url);
  const files = Object.keys(EXPECTED);
  assert.ok(files.length >= 60);
  for (const file of files) {
    const want = EXPECTED[file];
    const bytes = readFileSync(join(DIR, file));
    await p.setInputFiles('[data-testid="file-input"]', join(DIR, file));
    if (want.bytes > MAX_BYTES) {
      await p.waitForFunction((f) => document.querySelector('[data-testid="notice"]')?.textContent.includes(f), file);
      assert.match(await p.textContent('[data-testid="notice"]'), /up to 4 MB/, file);
      continue;
    }
    // file names are unique, so the label naming this file means its results are on show
    await p.waitForFunction((f) => document.querySelector('[data-testid="editor-source"]')?.textContent === f, file);
    await p.evaluate(() => new Promise((done) => requestAnimationFrame(() => done())));
    const text = bytes.toString("utf8");
    if (want.first_error?.kind === "encoding" && /^enc-utf(16|32)/.test(file)) {
      // UTF-16 and UTF-32 are named, as the CLI and the API name them
      const notice = await p.textContent('[data-testid="notice"]');
      assert.match(notice, /is UTF-(16|32) \((little|big)-endian\) text; storewise reads UTF-8/, file);
    } else if (want.first_error?.kind === "encoding") {
      const { line, column } = want.first_error;
      const notice = await p.textContent('[data-testid="notice"]');
      assert.match(notice, new RegExp(`not valid UTF-8 text \\(first bad byte at line ${line}, column ${column}\\)`), file);
    } else if (text.replace(/^\uFEFF/, "").trim() === "") {
      // a blank file is "nothing loaded yet": the introduction, not an error
      assert.ok(await p.isVisible(".how"), file);
    } else if (!want.valid) {
      const { line, column } = want.first_error;
      const first = p.locator('[data-testid="diagnostic"].error').first();
      await first.waitFor();
      assert.match(await first.textContent(), new RegExp(`line ${line}, column ${column}(?!\\d)`), file);
    } else {
      await p.waitForSelector(".verdict-title");
      const shown = await p.$$eval('[data-testid="finding"]', (cards) => cards.length);
      assert.equal(shown, want.findings, file);
    }
  }
  assert.deepEqual(errors, []);
  await p.close();
});
