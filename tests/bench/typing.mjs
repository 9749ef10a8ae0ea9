// Benchmark (not a test; issue 14 item 2): does typing freeze the page on a large file? Loads a
// generated workload of STORES stores (default 500, four workloads each, the same shape as the
// criterion benchmark's generated file) into the real app on the real server, then types a
// character at the end of a line five times, pausing past the debounce each time, and records
// every long task (PerformanceObserver `longtask`, tasks over 50 ms) while it does.
// Usage: node tests/bench/typing.mjs [STORES]  (after scripts/build-app.sh and a release build)
import { generated } from "../e2e/generated.mjs";
import { launchBrowser, startServer } from "../e2e/harness.mjs";

const STORES = Number(process.argv[2] ?? 500);
const text = generated(STORES);
const server = await startServer();
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  });
  await page.goto(server.url);
  const editor = page.getByTestId("editor");
  await editor.waitFor();
  // the file arrives as one paste; wait for its analysis to show
  const t0 = Date.now();
  await page.evaluate((value) => {
    const t = document.querySelector('[data-testid="editor"]');
    t.value = value;
    t.dispatchEvent(new Event("input", { bubbles: true }));
  }, text);
  await page.getByTestId("finding").first().waitFor({ timeout: 60000 });
  console.log(`pasted and analysed in ${Date.now() - t0} ms`);
  await page.waitForTimeout(1500);
  await page.evaluate(() => (window.__long = []));
  const started = await page.evaluate(() => performance.now());
  // type at the end of the name line, pausing past the debounce each time
  for (let i = 0; i < 5; i++) {
    await page.evaluate(() => {
      const t = document.querySelector('[data-testid="editor"]');
      const at = t.value.indexOf("\n", t.value.indexOf("\n") + 1);
      t.focus();
      t.setSelectionRange(at, at);
    });
    await page.keyboard.type("x");
    await page.waitForTimeout(1200);
  }
  const long = await page.evaluate((t0) => window.__long.filter((e) => e.start >= t0), started);
  const durations = long.map((e) => e.duration).sort((a, b) => b - a);
  console.log(`${STORES} stores, ${text.length} bytes: ${long.length} long tasks while typing 5 characters`);
  console.log(`longest ${durations.slice(0, 8).map((d) => d.toFixed(0)).join(", ")} ms`);
  console.log(`over 100 ms: ${durations.filter((d) => d > 100).length}`);
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}
