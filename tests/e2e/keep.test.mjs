// Keeping the user's work (issue 14 item 5): the address says what is shown — an example's
// route, an edit's `#w=` link replaced in place without history entries — the page title names the
// workload, an edit is kept in local storage and offered back on the next visit, and leaving with an
// edit asks first.
import assert from "node:assert/strict";
import { test } from "node:test";
import { useServerAndBrowser } from "./harness.mjs";

const env = useServerAndBrowser();
const EDITOR = '[data-testid="editor"]';

/** Types `text` at the end of the editor as a user would (trusted key events). */
async function typeAtEnd(p, text) {
  await p.click(EDITOR);
  await p.keyboard.press("Control+End");
  await p.keyboard.type(text);
}

/** Waits until the address is a `#w=` link that holds `marker` once decoded by reloading. */
async function waitForLink(p) {
  await p.waitForFunction(() => location.hash.startsWith("#w="), null, { timeout: 5000 });
  return p.evaluate(() => location.hash);
}

test("issue 14: an edit is in the address as a #w= link, replaced in place, and a reload brings it back", async () => {
  const context = await env.browser.newContext();
  const p = await context.newPage();
  p.on("dialog", (d) => d.accept());
  await p.goto(env.server.url);
  await p.click('[data-testid="example-s1"]');
  await p.waitForSelector('[data-testid="verdict"]');
  assert.equal(await p.evaluate(() => location.hash), "#/example/s1", "the address names the example");
  assert.equal(await p.title(), "Logistics platform — storewise");
  const before = await p.evaluate(() => history.length);
  await typeAtEnd(p, "\n# first note");
  const first = await waitForLink(p);
  await typeAtEnd(p, "\n# second note");
  await p.waitForFunction((was) => location.hash !== was, first, { timeout: 5000 });
  assert.equal(await p.evaluate(() => history.length), before, "typing adds no history entries");
  await p.reload();
  await p.waitForSelector('[data-testid="verdict"]');
  const text = await p.inputValue(EDITOR);
  assert.ok(text.includes("# first note") && text.includes("# second note"), text.slice(-80));
  assert.equal(await p.locator('[data-testid="draft-offer"]').count(), 0, "a link is not covered by the draft offer");
  await context.close();
});

test("issue 14: unsaved work is offered back on the next visit, restored or discarded", async () => {
  const context = await env.browser.newContext();
  const p = await context.newPage();
  p.on("dialog", (d) => d.accept());
  await p.goto(env.server.url);
  await p.click('[data-testid="example-s2"]');
  await p.waitForSelector('[data-testid="verdict"]');
  await typeAtEnd(p, "\n# kept in the browser");
  await waitForLink(p);
  await p.close({ runBeforeUnload: false });

  const again = await context.newPage();
  await again.goto(env.server.url);
  const offer = again.locator('[data-testid="draft-offer"]');
  await offer.waitFor();
  assert.match(await offer.textContent(), /unsaved work from \d\d:\d\d \(Package status with dual writes\)/);
  await again.click('[data-testid="draft-restore"]');
  await again.waitForSelector('[data-testid="verdict"]');
  assert.ok((await again.inputValue(EDITOR)).endsWith("# kept in the browser"));
  assert.equal(await offer.count(), 0);
  await waitForLink(again);
  await again.close({ runBeforeUnload: false });

  const third = await context.newPage();
  await third.goto(env.server.url);
  await third.locator('[data-testid="draft-offer"]').waitFor();
  await third.click('[data-testid="draft-discard"]');
  assert.equal(await third.locator('[data-testid="draft-offer"]').count(), 0);
  await third.close();
  const fourth = await context.newPage();
  await fourth.goto(env.server.url);
  await fourth.waitForSelector(EDITOR);
  assert.equal(await fourth.locator('[data-testid="draft-offer"]').count(), 0, "discarded for good");
  await context.close();
});

test("issue 14: leaving with an edit asks first; leaving without one does not", async () => {
  const context = await env.browser.newContext();
  const dialogs = [];
  const open = async () => {
    const p = await context.newPage();
    p.on("dialog", (d) => {
      dialogs.push(d.type());
      d.accept();
    });
    await p.goto(env.server.url);
    await p.click('[data-testid="example-s3"]');
    await p.waitForSelector('[data-testid="verdict"]');
    return p;
  };
  const clean = await open();
  await clean.close({ runBeforeUnload: true });
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(dialogs, [], "no question without an edit");
  const edited = await open();
  await typeAtEnd(edited, "\n# not saved anywhere else");
  await waitForLink(edited);
  const closed = new Promise((r) => edited.once("close", r));
  await edited.close({ runBeforeUnload: true });
  await closed;
  assert.deepEqual(dialogs, ["beforeunload"]);
  await context.close();
});
