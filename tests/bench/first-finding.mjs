// Benchmark (not a test): time from navigation to the first rendered finding for S1, in headless
// Chromium against the real server and bundle. Five runs, each in a fresh browser context (cold
// cache), median reported; then, in each context, a repeat visit (the service worker's cache). Usage: node tests/bench/first-finding.mjs [--throttled]  (after
// scripts/build-app.sh). --throttled: issue 14's slow profile through the DevTools protocol —
// 9 Mbit/s down, 150 ms round trip, the CPU slowed 4×.
import { launchBrowser, startServer } from "../e2e/harness.mjs";

const RUNS = 5;
const THROTTLED = process.argv.includes("--throttled");
const server = await startServer();
const browser = await launchBrowser();
const times = [];
const repeats = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    if (THROTTLED) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: 150,
        downloadThroughput: (9 * 1000 * 1000) / 8,
        uploadThroughput: (9 * 1000 * 1000) / 8,
      });
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    }
    // Records, in the page's own clock (ms since navigation start), when the first finding appears.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.querySelector('[data-testid="finding"]')) {
          window.__firstFinding = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    const measure = async () => {
      await page.waitForFunction(() => window.__firstFinding !== undefined, null, { timeout: 20000 });
      return page.evaluate(() => ({
        finding: window.__firstFinding,
        domContentLoaded: performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd,
      }));
    };
    await page.goto(new URL("#/example/s1", server.url).href);
    const t = await measure();
    times.push(t);
    console.log(`run ${i + 1}: first finding at ${t.finding.toFixed(1)} ms (DOMContentLoaded ${t.domContentLoaded.toFixed(1)} ms)`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    const again = await measure();
    repeats.push(again);
    console.log(`       repeat visit: first finding at ${again.finding.toFixed(1)} ms`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
const median = (ts) => ts.map((t) => t.finding).sort((a, b) => a - b)[Math.floor(RUNS / 2)].toFixed(1);
const profile = THROTTLED ? " (throttled)" : "";
console.log(`median time to first finding over ${RUNS} runs${profile}: ${median(times)} ms; repeat visit: ${median(repeats)} ms`);
