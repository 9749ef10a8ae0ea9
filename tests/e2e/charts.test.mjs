// Issue 14, item 3: charts drawn for the width they get (text at 11 CSS px or more on a phone),
// in the page's colour scheme (light on paper), and full screen with zoom and pan.
import assert from "node:assert/strict";
import { test } from "node:test";
import { join } from "node:path";
import { SHOTS, useServerAndBrowser } from "./harness.mjs";

const env = useServerAndBrowser();
const KINDS = ["overhead", "growth", "table", "architecture"];
const BACKGROUND = { light: "#FFFFFF", dark: "#0F1115" };

async function open(viewport, colorScheme, example = "s6") {
  const context = await env.browser.newContext({ viewport, colorScheme });
  const p = await context.newPage();
  const errors = [];
  p.on("pageerror", (e) => errors.push(String(e)));
  p.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  p.errors = errors;
  await p.goto(`${env.server.url}#/example/${example}`);
  for (const kind of KINDS) await p.waitForSelector(`[data-testid="chart-${kind}"] .chart-svg svg`);
  return p;
}

/** Per chart: its box's width, the SVG's drawn width and its width on screen, the smallest text on
 * screen in CSS px, the background it is drawn on, and whether some text starts off the canvas. */
function measure(p) {
  return p.$$eval(".chart-svg", (boxes) =>
    boxes.map((box) => {
      const svg = box.querySelector("svg");
      const drawn = Number(svg.getAttribute("width"));
      const shown = svg.getBoundingClientRect().width;
      const sizes = [...svg.querySelectorAll("text")].map((t) => Number(t.getAttribute("font-size")) * (shown / drawn));
      const offCanvas = [...svg.querySelectorAll("text")].filter((t) => Number(t.getAttribute("x")) > drawn).length;
      return {
        kind: box.closest("figure").dataset.testid.replace("chart-", ""),
        box: box.clientWidth,
        drawn,
        shown,
        smallest: Math.min(...sizes),
        background: svg.querySelector("rect").getAttribute("fill"),
        offCanvas,
      };
    }),
  );
}

for (const scheme of ["light", "dark"]) {
  for (const [label, viewport] of [
    ["phone", { width: 390, height: 844 }],
    ["laptop", { width: 1366, height: 768 }],
  ]) {
    test(`issue 14: on a ${label} in ${scheme} mode every chart is drawn for its box, text at 11 px or more, on the page's background`, async () => {
      const p = await open(viewport, scheme);
      const charts = await measure(p);
      assert.equal(charts.length, 4);
      for (const c of charts) {
        if (c.kind === "architecture") {
          assert.ok(c.drawn >= c.box, `${c.kind}: drawn ${c.drawn} px for a ${c.box} px box`);
        } else {
          assert.equal(c.drawn, c.box, `${c.kind}: drawn for its ${c.box} px box`);
        }
        assert.ok(Math.abs(c.shown - c.drawn) < 1, `${c.kind}: one SVG pixel per CSS pixel (${c.shown} for ${c.drawn})`);
        assert.ok(c.smallest >= 11 - 1e-6, `${c.kind}: smallest text ${c.smallest.toFixed(2)} px`);
        assert.equal(c.background, BACKGROUND[scheme], `${c.kind} on the ${scheme} background`);
        assert.equal(c.offCanvas, 0, `${c.kind}: no text starts off the canvas`);
      }
      for (const kind of KINDS) {
        const figure = p.locator(`[data-testid="chart-${kind}"]`);
        await figure.scrollIntoViewIfNeeded();
        await figure.screenshot({ path: join(SHOTS, `chart-${kind}-${label}-${scheme}.png`) });
      }
      assert.deepEqual(p.errors, []);
      await p.context().close();
    });
  }
}

test("issue 14: charts are drawn again for a new width when the window is resized, and the architecture scrolls inside its box on a phone", async () => {
  const p = await open({ width: 1366, height: 768 }, "light");
  const wide = await measure(p);
  await p.setViewportSize({ width: 390, height: 844 });
  await p.waitForFunction(() =>
    [...document.querySelectorAll(".chart-svg")].every((b) => {
      const w = Number(b.querySelector("svg")?.getAttribute("width"));
      return b.closest('[data-testid="chart-architecture"]') ? w >= b.clientWidth : w === b.clientWidth;
    }),
  );
  const narrow = await measure(p);
  for (const [before, after] of wide.map((w, i) => [w, narrow[i]])) {
    assert.ok(after.box < before.box, `${after.kind}: its box narrowed (${before.box} → ${after.box})`);
  }
  const overhead = narrow.find((c) => c.kind === "overhead");
  assert.ok(overhead.drawn < 400, `the overhead chart is drawn ${overhead.drawn} px wide on a phone`);
  // as the user sees it: on screen (off screen the diagram is not laid out, issue 14 item 2)
  await p.locator('[data-testid="chart-architecture"] .chart-svg').scrollIntoViewIfNeeded();
  await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const diagram = await p.$eval('[data-testid="chart-architecture"] .chart-svg', (b) => ({
    scroll: b.scrollWidth,
    client: b.clientWidth,
    overflow: getComputedStyle(b).overflowX,
  }));
  assert.ok(diagram.scroll > diagram.client && diagram.overflow === "auto", `the diagram scrolls: ${JSON.stringify(diagram)}`);
  await p.locator('[data-testid="chart-scroll-hint"]').waitFor();
  assert.match(await p.textContent('[data-testid="chart-scroll-hint"]'), /scroll it sideways, or open it full screen/);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

/** The viewer's zoom (a number) and pan (x, y) from the content's CSS transform. */
function viewState(p) {
  return p.$eval('[data-testid="chart-viewer"] .viewer-content', (c) => {
    const m = new DOMMatrixReadOnly(getComputedStyle(c).transform);
    return { zoom: m.a, x: m.e, y: m.f };
  });
}

for (const [label, viewport] of [
  ["phone", { width: 390, height: 844 }],
  ["laptop", { width: 1366, height: 768 }],
]) {
  test(`issue 14: on a ${label} a chart opens full screen; buttons, the wheel, a drag and keys zoom and pan it; Escape closes it`, async () => {
    const p = await open(viewport, "dark");
    const button = p.locator('[data-testid="full-chart-architecture"]');
    await button.click();
    const viewer = p.locator('[data-testid="chart-viewer"]');
    await viewer.waitFor();
    assert.equal(await viewer.evaluate((d) => d.open && d.matches(":modal")), true, "a modal dialog");
    await p.waitForFunction(() => document.querySelector('[data-testid="chart-viewer"] svg'));
    const stage = p.locator('[data-testid="viewer-stage"]');
    const box = await stage.boundingBox();
    assert.ok(box.width >= viewport.width - 2, `the stage fills the window (${box.width} of ${viewport.width})`);
    // Fitted to the width at first: the whole diagram's width is on screen.
    await p.waitForFunction(() => {
      const c = document.querySelector('[data-testid="chart-viewer"] .viewer-content');
      return c && c.getBoundingClientRect().width <= document.querySelector('[data-testid="viewer-stage"]').clientWidth + 1;
    });
    const fitted = await viewState(p);
    assert.ok(fitted.zoom <= 1, `fitted at ${fitted.zoom}`);
    await p.screenshot({ path: join(SHOTS, `chart-viewer-${label}.png`) });

    await p.click('[data-testid="viewer-zoom-in"]');
    const zoomed = await viewState(p);
    assert.ok(Math.abs(zoomed.zoom / fitted.zoom - 1.25) < 0.01, `+ zooms 1.25× (${fitted.zoom} → ${zoomed.zoom})`);
    assert.match(await p.textContent('[data-testid="viewer-zoom"]'), new RegExp(`^${Math.round(zoomed.zoom * 100)} %$`));

    // The wheel zooms about the pointer: the chart point under it stays put.
    const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const scrolled = await p.evaluate(() => window.scrollY);
    await p.mouse.move(at.x, at.y);
    await p.mouse.wheel(0, -300);
    await p.waitForFunction((z) => {
      const c = document.querySelector('[data-testid="chart-viewer"] .viewer-content');
      return new DOMMatrixReadOnly(getComputedStyle(c).transform).a > z * 1.2;
    }, zoomed.zoom);
    const wheeled = await viewState(p);
    const under = (v) => [(at.x - box.x - v.x) / v.zoom, (at.y - box.y - v.y) / v.zoom];
    for (const [a, b] of under(wheeled).map((v, i) => [v, under(zoomed)[i]])) {
      assert.ok(Math.abs(a - b) < 0.5, `the chart point under the pointer stays under it (${a} vs ${b})`);
    }
    assert.equal(await p.evaluate(() => window.scrollY), scrolled, "the page behind does not scroll");

    // A drag moves the chart by as much as the pointer.
    await p.mouse.down();
    await p.mouse.move(at.x - 120, at.y - 40, { steps: 4 });
    await p.mouse.up();
    const dragged = await viewState(p);
    assert.ok(Math.abs(dragged.x - (wheeled.x - 120)) < 1 && Math.abs(dragged.y - (wheeled.y - 40)) < 1, JSON.stringify({ wheeled, dragged }));

    // Keys: an arrow moves, 0 fits again, − zooms out.
    await stage.focus();
    await p.keyboard.press("ArrowRight");
    assert.ok(Math.abs((await viewState(p)).x - (dragged.x - 48)) < 1, "→ moves the view");
    await p.keyboard.press("0");
    assert.deepEqual(await viewState(p), fitted, "0 fits the width again");
    await p.keyboard.press("-");
    assert.ok((await viewState(p)).zoom < fitted.zoom, "− zooms out");

    await p.keyboard.press("Escape");
    await viewer.waitFor({ state: "detached" });
    assert.equal(await p.evaluate(() => document.activeElement?.dataset.testid), "full-chart-architecture", "focus returns to the button");
    assert.deepEqual(p.errors, []);
    await p.context().close();
  });
}

test("issue 14: in dark mode the charts are dark on screen and light when printed", async () => {
  const p = await open({ width: 1366, height: 768 }, "dark", "s1");
  assert.ok((await measure(p)).every((c) => c.background === BACKGROUND.dark));
  await p.emulateMedia({ media: "print" });
  await p.waitForFunction(() => [...document.querySelectorAll(".chart-svg svg")].every((s) => s.querySelector("rect").getAttribute("fill") === "#FFFFFF"));
  await p.emulateMedia({ media: "screen" });
  await p.waitForFunction(() => [...document.querySelectorAll(".chart-svg svg")].every((s) => s.querySelector("rect").getAttribute("fill") === "#0F1115"));
  // The scheme follows the user's preference as it changes.
  await p.emulateMedia({ colorScheme: "light" });
  await p.waitForFunction(() => [...document.querySelectorAll(".chart-svg svg")].every((s) => s.querySelector("rect").getAttribute("fill") === "#FFFFFF"));
  assert.deepEqual(p.errors, []);
  await p.context().close();
});
