// Browser tests: the real bundle served by the real server, driven in headless Chromium.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { join } from "node:path";
import { generated } from "./generated.mjs";
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

test("S3's first finding weighs its options: ClickHouse picked, the materialized view rejected with its reasons", async () => {
  const p = await page();
  await p.goto(env.server.url);
  await p.click('[data-testid="example-s3"]');
  const first = p.locator('[data-testid="finding"]').first();
  await first.waitFor();
  assert.equal(await first.getAttribute("data-code"), "SW002");

  // the engine's own words, from the same server's API
  const yaml = readFileSync(join(ROOT, "examples", "s3-analytics-bottleneck.yaml"), "utf8");
  const response = await fetch(`${env.server.url}api/analyze`, { method: "POST", body: yaml });
  assert.equal(response.status, 200);
  const apiFirst = (await response.json()).findings[0];
  const options = apiFirst.options;
  const pick = options.find((o) => o.verdict === "chosen");
  const view = options.find((o) => o.choice.kind === "remedy" && o.choice.remedy === "materialized_view");
  assert.ok(pick && view, JSON.stringify(options.map((o) => o.label)));

  // issue 14, item 9: the expected effect says whose latency it is, as the API does
  assert.equal(apiFirst.expected_effect.latency_of, "fleet-report");
  const terms = await first.locator("dl.effect dt").allTextContents();
  assert.ok(terms.includes("Latency of fleet-report"), terms.join(", "));
  const dd = await first.locator("dl.effect div", { hasText: "Latency of fleet-report" }).locator("dd").textContent();
  assert.equal(dd, pick.latency, "the pick's latency is the expected one");

  // collapsed by default behind its summary
  const table = first.locator('[data-testid="options"]');
  assert.equal(await table.evaluate((d) => d.open), false, "the options table starts collapsed");
  const summary = await table.locator("summary").textContent();
  assert.equal(summary, `${options.length} options weighed — picked: a new ClickHouse`);
  await table.locator("summary").click();
  assert.equal(await table.evaluate((d) => d.open), true);

  // a real table: column headers, one row header per option, the pick first
  const headers = await table.locator("thead th").evaluateAll((ths) => ths.map((th) => [th.scope, th.textContent]));
  assert.deepEqual(headers.map(([scope]) => scope), headers.map(() => "col"));
  assert.deepEqual(headers.map(([, text]) => text), ["Option", "Verdict", "Latency", "Added hours / month", "Reasons"]);
  const rows = table.locator('[data-testid="option"]');
  assert.equal(await rows.count(), options.length);
  const row = async (i) => {
    const r = rows.nth(i);
    return {
      name: await r.locator('th[scope="row"]').textContent(),
      verdict: await r.getAttribute("data-verdict"),
      badge: await r.locator(".verdict-badge").textContent(),
      latency: await r.locator("td.num").first().textContent(),
      reasons: await r.locator("td.reasons li").allTextContents(),
    };
  };
  const top = await row(0);
  assert.equal(top.name, "a new ClickHouse");
  assert.match(top.name, /ClickHouse/);
  assert.equal(top.verdict, "picked");
  assert.equal(top.badge, "picked");
  assert.equal(top.latency, pick.latency);
  assert.deepEqual(top.reasons, pick.why);
  const shown = [];
  for (let i = 0; i < options.length; i++) shown.push(await row(i));
  const mv = shown.find((r) => r.name === view.label);
  assert.ok(mv, `a materialized view row among ${shown.map((r) => r.name)}`);
  assert.equal(mv.name, "materialized view on main-db");
  assert.equal(mv.verdict, "rejected");
  assert.equal(mv.badge, "rejected");
  assert.deepEqual(mv.reasons, view.why, "the reasons are the engine's words");
  assert.ok(mv.reasons.includes("600GB is beyond its 500GB scale"), mv.reasons.join("; "));
  assert.ok(mv.reasons.some((r) => /more than the 15m the workload accepts/.test(r)), mv.reasons.join("; "));
  assert.equal(shown.filter((r) => r.verdict === "picked").length, 1);

  // the assumption behind it, and where to state the figure instead
  const assumed = await first.locator('[data-testid="assumptions"] li').allTextContents();
  assert.equal(assumed.length, 1, assumed.join("\n"));
  assert.match(assumed[0], /^Assumed: freshness of fleet-report = 15m — .+ — state it in workloads\[0\]\.freshness$/);
  await first.screenshot({ path: join(SHOTS, "s3-options.png") });

  // on a phone the table scrolls inside its box; the page itself does not scroll sideways
  await p.setViewportSize({ width: 390, height: 844 });
  const wrap = table.locator(".table-wrap");
  const { scroll, client } = await wrap.evaluate((w) => ({ scroll: w.scrollWidth, client: w.clientWidth }));
  assert.ok(scroll > client, `the table scrolls sideways (${scroll} > ${client})`);
  const pageWidth = await p.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(pageWidth <= 390, `the page fits the phone (${pageWidth} px)`);
  // issue 14, item 3: it shows that it scrolls — edge shadows under covers that travel with the
  // content, so the shadow shows at an edge with more table beyond it
  const hint = await wrap.evaluate((w) => {
    const s = getComputedStyle(w);
    return { image: s.backgroundImage, attachment: s.backgroundAttachment };
  });
  assert.equal((hint.image.match(/radial-gradient/g) ?? []).length, 2, hint.image);
  assert.equal(hint.attachment, "local, local, scroll, scroll");
  await first.screenshot({ path: join(SHOTS, "s3-options-phone.png") });
  await wrap.evaluate((w) => { w.scrollLeft = w.scrollWidth; });
  await first.screenshot({ path: join(SHOTS, "s3-options-phone-scrolled.png") });
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

test("issue 14: the catalog sorts by name, family, hours and fit, filters by family and pattern, and shows the patterns' descriptions", async () => {
  const p = await page();
  await p.goto(new URL("#/catalog", env.server.url).href);
  await p.waitForSelector('[data-testid="catalog-row"]');
  const column = (attribute) =>
    p.locator('[data-testid="catalog-row"]').evaluateAll((rows, a) => rows.map((r) => (a ? r.getAttribute(a) : r.querySelector("a").textContent.toLowerCase())), attribute);
  const sorted = (values, compare) => values.every((v, i) => i === 0 || compare(values[i - 1], v) <= 0);
  const all = (await column(null)).length;
  assert.ok(sorted(await column(null), (a, b) => a.localeCompare(b, "en")), "rows are ordered by the name shown");
  await p.selectOption('[data-testid="catalog-sort"]', "ops-hours");
  assert.ok(sorted((await column("data-hours")).map(Number), (a, b) => a - b), "fewest operations hours first");
  await p.selectOption('[data-testid="catalog-sort"]', "family");
  assert.ok(sorted(await column("data-family"), (a, b) => a.localeCompare(b, "en")), "grouped by family");
  const family = (await column("data-family"))[0];
  await p.selectOption('[data-testid="catalog-family"]', family);
  const families = await column("data-family");
  assert.ok(families.length > 0 && families.length < all && families.every((f) => f === family), families.join(", "));
  await p.selectOption('[data-testid="catalog-family"]', "");
  await p.selectOption('[data-testid="catalog-pattern"]', "full_text_search");
  await p.selectOption('[data-testid="catalog-sort"]', "fit");
  const shown = await p.locator('[data-testid="catalog-row"]').count();
  assert.ok(shown > 0 && shown < all, `${shown} of ${all} stores graded for full-text search`);
  assert.match(await p.textContent('[data-testid="catalog-count"]'), new RegExp(`^${shown} of ${all} stores`));
  const first = await p.locator('[data-testid="catalog-row"] td.chosen').first().getAttribute("class");
  assert.match(first, /g-strong/, "the best fit for the pattern comes first");
  const descriptions = p.locator('[data-testid="pattern-description"]');
  assert.ok((await descriptions.count()) >= 19);
  assert.ok(await descriptions.first().isVisible(), "pattern descriptions are on the page, not only on hover");
  await p.screenshot({ path: join(SHOTS, "catalog-sorted.png") });
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test("issue 14: printing gives the report without the input panel, in the light palette, charts fitted and options open", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 768 }, colorScheme: "dark" });
  const p = await context.newPage();
  const errors = [];
  p.on("pageerror", (e) => errors.push(String(e)));
  await p.goto(env.server.url);
  await p.click('[data-testid="example-s6"]');
  await p.waitForSelector('[data-testid="verdict"]');
  await p.emulateMedia({ media: "print" });
  for (const hidden of [".input-panel", "header.top", '[data-testid="share-copy"]', ".downloads"]) {
    assert.equal(await p.locator(hidden).first().isVisible(), false, `${hidden} is not printed`);
  }
  assert.ok(await p.locator('[data-testid="verdict"]').isVisible());
  const options = p.locator('[data-testid="options"] table').first();
  assert.ok(await options.isVisible(), "a closed options table is printed open");
  // a disclosure's body is built only once it opens, or when the page is printed (issue 14 item 2)
  const overhead = p.locator(".overhead-details table tbody tr").first();
  await overhead.waitFor({ timeout: 2000 });
  assert.ok(await overhead.isVisible(), "the closed overhead table is printed open");
  const background = await p.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, "rgb(255, 255, 255)", "the light palette on paper, even in dark mode");
  const page = await p.evaluate(() => document.querySelector(".results-panel").getBoundingClientRect().width);
  const charts = await p.locator(".chart-svg svg").evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect().width));
  assert.equal(charts.length, 4);
  for (const width of charts) assert.ok(width > 0.9 * page && width <= page + 1, `a chart ${width}px wide on a ${page}px page`);
  const pdf = await p.pdf({ path: join(SHOTS, "report-s6.pdf"), format: "A4" });
  assert.ok(pdf.length > 20_000, `${pdf.length} bytes of PDF`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("issue 14: errors where the user looks — the first error at the editor with a jump, downloads warn, a paste clears the file's name, a phone tap shows the verdict", async () => {
  const p = await page();
  await p.setViewportSize({ width: 1366, height: 768 });
  await p.goto(env.server.url);
  await p.setInputFiles('[data-testid="file-input"]', join(ROOT, "examples", "s1-logistics.yaml"));
  await p.waitForSelector('[data-testid="verdict"]');
  assert.match(await p.textContent('[data-testid="editor-source"]'), /s1-logistics\.yaml/);
  // break line 9 (`type:` of the first store): the first error shows at the editor, in view at 1366×768
  const text = await p.inputValue('[data-testid="editor"]');
  const broken = text.split("\n").map((l, i) => (i === 8 ? l.replace("type:", "typ:") : l)).join("\n");
  assert.notEqual(broken, text, "line 9 has a type");
  await p.fill('[data-testid="editor"]', broken);
  const first = p.locator('[data-testid="first-error"]');
  await first.waitFor();
  assert.match(await first.textContent(), /^Line \d+, column \d+: /);
  const line = Number(/^Line (\d+)/.exec(await first.textContent())[1]);
  const box = await first.boundingBox();
  assert.ok(box.y + box.height <= 768, `the first error is above the fold (${box.y + box.height} px)`);
  await p.click('[data-testid="first-error-jump"]');
  const selected = await p.evaluate(() => {
    const e = document.querySelector('[data-testid="editor"]');
    return e.value.slice(0, e.selectionStart).split("\n").length;
  });
  assert.equal(selected, line, "the jump selects the error's line");
  assert.ok(await p.locator('[data-testid="downloads-stale"]').isVisible(), "downloads say they describe the last valid version");
  // a paste that replaces the file's text drops the file's name
  await p.fill('[data-testid="editor"]', "version: 1\nname: Pasted\nstores:\n  - { id: db, type: postgresql, role: source_of_truth }\n");
  await p.waitForFunction(() => !document.querySelector('[data-testid="first-error"]'));
  assert.equal((await p.textContent('[data-testid="editor-source"]')).trim(), "");
  assert.equal(await p.locator('[data-testid="downloads-stale"]').count(), 0);
  // on a phone, tapping an example brings the verdict into view
  await p.setViewportSize({ width: 390, height: 844 });
  await p.evaluate(() => window.scrollTo(0, 0));
  await p.click('[data-testid="example-s2"]');
  await p.waitForFunction(() => {
    const r = document.getElementById("verdict-h").getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight;
  }, null, { timeout: 3000 });
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test("issue 14: findings filter by severity, fold to their titles, and a jump list reaches each one", async () => {
  const p = await page();
  await p.setViewportSize({ width: 1366, height: 768 });
  await p.goto(env.server.url);
  await p.click('[data-testid="example-s6"]');
  await p.waitForSelector('[data-testid="finding"]');
  const visible = () => p.locator('[data-testid="finding"]:visible').evaluateAll((cards) => cards.map((c) => c.dataset.severity));
  const all = await visible();
  assert.ok(all.length > 3, `${all.length} findings on S6`);
  const severity = all[all.length - 1];
  await p.uncheck(`[data-testid="filter-${severity}"]`);
  const filtered = await visible();
  assert.ok(filtered.length < all.length && !filtered.includes(severity), `${severity} hidden: ${filtered.join(", ")}`);
  await p.check(`[data-testid="filter-${severity}"]`);
  assert.equal((await visible()).length, all.length);
  const tall = await p.evaluate(() => document.querySelector(".findings").getBoundingClientRect().height);
  await p.click('[data-testid="findings-collapse"]');
  const short = await p.evaluate(() => document.querySelector(".findings").getBoundingClientRect().height);
  assert.ok(short < tall / 2, `folded: ${Math.round(tall)} → ${Math.round(short)} px`);
  await p.click('[data-testid="findings-collapse"]');
  await p.click('[data-testid="jump-list"] summary');
  await p.locator('[data-testid="jump-list"] button').last().click();
  await p.waitForFunction((n) => {
    const r = document.getElementById(`finding-${n - 1}`).getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight;
  }, all.length, { timeout: 3000 });
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test("issue 14: a report of hundreds of findings is drawn in batches — the first at once, the jump list reaches the last, all in the end", async () => {
  const p = await page();
  await p.goto(env.server.url);
  await p.waitForSelector('[data-testid="editor"]');
  await p.evaluate((value) => {
    const t = document.querySelector('[data-testid="editor"]');
    t.value = value;
    t.dispatchEvent(new Event("input", { bubbles: true }));
  }, generated(200));
  await p.waitForSelector('[data-testid="finding"]', { timeout: 30000 });
  const heading = await p.textContent("#findings-h");
  const total = Number(heading.match(/\((\d+)\)/)[1]);
  assert.ok(total > 60, `${total} findings on 200 stores`);
  // the jump list's thousand-odd buttons are built when it opens, not before (issue 14 item 2)
  assert.equal(await p.locator('[data-testid="jump-list"] button').count(), 0);
  // the last one is drawn when the jump list asks for it, drawn or not yet
  await p.click('[data-testid="jump-list"] summary');
  await p.locator('[data-testid="jump-list"] button').last().click();
  await p.waitForFunction((n) => {
    const r = document.getElementById(`finding-${n - 1}`).getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight;
  }, total, { timeout: 5000 });
  // every batch arrives, and the status line saying how many are drawn goes
  await p.waitForFunction((n) => document.querySelectorAll('[data-testid="finding"]').length === n, total, { timeout: 30000 });
  assert.equal(await p.locator(".findings-more").count(), 0);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test("issue 14: typing keeps the reader's place in the findings — the card at the top of the window stays there", async () => {
  const p = await page();
  await p.setViewportSize({ width: 1366, height: 768 });
  await p.goto(env.server.url);
  await p.click('[data-testid="example-s6"]');
  await p.waitForFunction(() => document.querySelectorAll('[data-testid="finding"]').length > 5 && !document.querySelector(".findings-more"));
  // read down to the fifth card, as a reader scrolls: the cards passed are laid out on the way
  const target = "finding-4";
  while (await p.evaluate((id) => document.getElementById(id).getBoundingClientRect().top > 40, target)) {
    await p.mouse.wheel(0, 300);
    await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  const top = () => p.evaluate((id) => document.getElementById(id).getBoundingClientRect().top, target);
  const before = await top();
  // the editor stays in view beside the results (the input panel is sticky at this width)
  await p.click('[data-testid="editor"]');
  await p.keyboard.press("Control+End");
  await p.keyboard.type("\n# a note while reading");
  await p.waitForFunction(() => location.hash.startsWith("#w="), null, { timeout: 5000 });
  await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const after = await top();
  assert.ok(Math.abs(after - before) < 2, `the fifth card was at ${before.toFixed(0)} px, after the edit at ${after.toFixed(0)} px`);
  await p.screenshot({ path: join(SHOTS, "typing-keeps-place.png") });
  assert.deepEqual(p.errors, []);
  await p.context().close();
});
