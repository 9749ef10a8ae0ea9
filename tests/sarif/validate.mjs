// Validates SARIF files against the official SARIF 2.1.0 JSON schema (draft-04; shipped in the
// @microsoft/jest-sarif package). Usage: node sarif/validate.mjs FILE.sarif...
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);
const schema = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

let failed = 0;
for (const file of process.argv.slice(2)) {
  const log = JSON.parse(readFileSync(file, "utf8"));
  if (validate(log)) {
    const results = log.runs.reduce((n, run) => n + run.results.length, 0);
    console.log(`valid SARIF 2.1.0: ${file} (${log.runs.length} runs, ${results} results)`);
  } else {
    failed++;
    console.error(`INVALID SARIF: ${file}`);
    for (const e of validate.errors) console.error(`  ${e.instancePath} ${e.message}`);
  }
}
if (process.argv.length < 3) {
  console.error("usage: node sarif/validate.mjs FILE.sarif...");
  process.exit(2);
}
process.exit(failed ? 1 : 0);
