// Starts the real storewise server on the real built bundle, and headless Chromium.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SHOTS = join(ROOT, "tests", "e2e", "screenshots");
mkdirSync(SHOTS, { recursive: true });

/** A fresh link database path in a temporary directory. */
export function tempDb() {
  return join(mkdtempSync(join(tmpdir(), "storewise-e2e-")), "links.db");
}

/** Starts `storewise serve` on a free port (its own link database unless `db` is given);
 * resolves to { url, db, stop }. */
export async function startServer({ db = tempDb(), args = [] } = {}) {
  const bin = process.env.STOREWISE_BIN ?? join(ROOT, "target", "release", "storewise");
  // STOREWISE_EMBEDDED=1: the binary carries the bundle (built with `--features embed-app`); it
  // runs from a directory with no dist/ in it and is given none, as an installed binary would.
  const embedded = process.env.STOREWISE_EMBEDDED === "1";
  const dist = embedded ? [] : ["--dist", join(ROOT, "dist")];
  const child = spawn(bin, ["serve", "--addr", "127.0.0.1:0", ...dist, "--db", db, ...args], {
    cwd: embedded ? mkdtempSync(join(tmpdir(), "storewise-cwd-")) : ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 15000);
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/open (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return {
    url,
    db,
    child,
    async stop(signal = "SIGTERM") {
      if (child.exitCode !== null) return;
      child.kill(signal);
      await once(child, "exit");
    },
  };
}

/** Headless Debian Chromium with the flags this machine needs. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Starts the server and Chromium before this file's tests and stops them after; returns an
 * object whose `server` and `browser` are set once they run. */
export function useServerAndBrowser(options) {
  const env = {};
  before(async () => {
    env.server = await startServer(options);
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}
