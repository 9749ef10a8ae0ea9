// Runs Microsoft's SARIF Multitool (`sarif-multitool validate`, the npm package
// @microsoft/sarif-multitool pinned in tests/package.json, a self-contained .NET binary per
// platform; nothing is downloaded at run time) on SARIF files, with its SARIF rules and its
// GitHub code scanning rules (`--rule-kind "Sarif;Ghas"`). The Multitool exits 0 even when it
// reports errors, so this reads its own SARIF output: any error or warning fails.
// Usage: node sarif/multitool.mjs FILE.sarif...
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

const require = createRequire(import.meta.url);
// The package's index names the binary of this platform (it is an optional dependency per OS).
const binary = require("@microsoft/sarif-multitool");
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node sarif/multitool.mjs FILE.sarif...");
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), "storewise-multitool-"));
let failed = 0;
try {
  for (const file of files) {
    const out = join(scratch, "out.sarif");
    // Called directly, not through the package's bin.js, which runs a shell (`;` would split).
    const run = spawnSync(
      binary,
      ["validate", file, "--rule-kind", "Sarif;Ghas", "--output", out, "--log", "ForceOverwrite", "--quiet"],
      { encoding: "utf8", env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: "1" } },
    );
    if (run.error || run.status !== 0) {
      failed++;
      console.error(`sarif-multitool did not run on ${file}: ${run.error ?? `exit ${run.status}`}`);
      console.error(run.stdout, run.stderr);
      continue;
    }
    const log = JSON.parse(readFileSync(out, "utf8"));
    const problems = [];
    for (const r of log.runs.flatMap((run) => run.results ?? [])) {
      const rule = log.runs[0].tool.driver.rules?.[r.ruleIndex];
      const level = r.level ?? rule?.defaultConfiguration?.level ?? "warning";
      const where = r.locations?.[0]?.physicalLocation?.region?.startLine ?? "?";
      const text = r.message.text ?? rule?.messageStrings?.[r.message.id]?.text ?? r.message.id;
      const args = r.message.arguments ?? [];
      const message = text.replace(/\{(\d+)\}/g, (_, i) => args[Number(i)] ?? "");
      problems.push({ level, line: `${level} ${r.ruleId} (line ${where}): ${message}` });
    }
    const bad = problems.filter((p) => p.level === "error" || p.level === "warning");
    for (const p of problems) (bad.includes(p) ? console.error : console.log)(`  ${p.line}`);
    if (bad.length) {
      failed++;
      console.error(`sarif-multitool: ${file}: ${bad.length} errors or warnings`);
    } else {
      const notes = problems.length ? ` (${problems.length} notes)` : "";
      console.log(`sarif-multitool: ${file}: 0 errors, 0 warnings${notes}`);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
