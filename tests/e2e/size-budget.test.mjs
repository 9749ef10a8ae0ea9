// The bundle budget (issue 14 item 1): what a browser transfers before it can show the first
// finding — the page and every asset its <head> loads (stylesheets, module preloads, preloads,
// scripts; not the icon) — counted as the real server sends it to a browser that accepts brotli
// and gzip. The test fails when that grows more than 2 % over app/size-budget.txt; lowering the
// budget after a saving is a one-line change there.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ROOT, startServer } from "./harness.mjs";

/** The budget in bytes: the first number in app/size-budget.txt (lines starting with # are notes). */
function budget() {
  const text = readFileSync(join(ROOT, "app", "size-budget.txt"), "utf8");
  const line = text.split("\n").find((l) => l.trim() && !l.trim().startsWith("#"));
  const bytes = Number(line?.trim());
  assert.ok(Number.isInteger(bytes) && bytes > 0, `app/size-budget.txt holds no byte count: ${JSON.stringify(line)}`);
  return bytes;
}

/** GETs `path` as a browser would ask for it; resolves to { status, encoding, bytes, body } with
 * `bytes` the body as transferred (still compressed) and `body` only for uncompressed text. */
function get(base, path) {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { headers: { "accept-encoding": "br, gzip" } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const raw = Buffer.concat(chunks);
        const encoding = res.headers["content-encoding"] ?? "identity";
        resolve({ status: res.statusCode, encoding, bytes: raw.length, body: encoding === "identity" ? raw.toString("utf8") : null });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

/** The same-origin assets a page's <head> loads before the app can run (no icons). */
function criticalAssets(html) {
  const head = html.split("</head>")[0];
  const assets = [];
  for (const tag of head.match(/<(link|script)\b[^>]*>/g) ?? []) {
    const rel = /\brel="([^"]+)"/.exec(tag)?.[1] ?? "";
    const url = /\b(?:href|src)="([^"]+)"/.exec(tag)?.[1];
    const loads = tag.startsWith("<script") || ["stylesheet", "modulepreload", "preload"].includes(rel);
    if (url && loads && url.startsWith("/")) assets.push(url);
  }
  return assets;
}

let server;
before(async () => {
  server = await startServer();
});
after(async () => server?.stop());

test("issue 14: the critical path to the first finding stays within 2 % of app/size-budget.txt (brotli as served)", async () => {
  // index.html is asked for with compression accepted; its text is read from a plain request
  const page = await get(server.url, "/");
  assert.equal(page.status, 200);
  const html = await new Promise((resolve, reject) => {
    request(new URL("/", server.url), (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve(text));
    })
      .on("error", reject)
      .end();
  });
  const assets = criticalAssets(html);
  // content-hashed names (issue 14 item 1): app_bg-<10 hex>.wasm
  for (const needed of [/^\/app-[0-9a-f]{10}\.css$/, /^\/app-[0-9a-f]{10}\.js$/, /^\/app_bg-[0-9a-f]{10}\.wasm$/, /^\/boot-[0-9a-f]{10}\.js$/]) {
    assert.ok(assets.some((a) => needed.test(a)), `the page's head loads ${needed}: ${assets.join(", ")}`);
  }
  const rows = [["/", page.encoding, page.bytes]];
  for (const path of assets) {
    const r = await get(server.url, path);
    assert.equal(r.status, 200, path);
    rows.push([path, r.encoding, r.bytes]);
  }
  const total = rows.reduce((sum, [, , bytes]) => sum + bytes, 0);
  const limit = budget();
  const report = rows.map(([path, enc, bytes]) => `  ${path.padEnd(24)} ${enc.padEnd(8)} ${String(bytes).padStart(9)}`).join("\n");
  console.log(`critical path as served: ${total} bytes (budget ${limit}, limit ${Math.floor(limit * 1.02)})\n${report}`);
  const wasm = rows.find(([path]) => path.endsWith(".wasm"));
  assert.equal(wasm[1], "br", "the module is served brotli-compressed to a browser that accepts it");
  assert.ok(
    total <= limit * 1.02,
    `the critical path grew to ${total} bytes, more than 2 % over the budget of ${limit} (app/size-budget.txt):\n${report}`,
  );
});
