// The workload JSON Schema compiles with ajv in strict mode (issue 16), so it works with any
// standard validator, not only with boon (the Rust tests) and yaml-language-server.
//
//   cargo run -q -p storewise -- schema > /tmp/workload.schema.json
//   node tests/schema/ajv.mjs /tmp/workload.schema.json [WORKLOAD.yaml ...]
//
// Strict mode rejects unknown keywords, non-standard formats, ambiguous types and required
// properties that are never defined. The only keywords outside JSON Schema the schema may use
// are the editor annotations VS Code and yaml-language-server read; they are declared here as
// annotations (they validate nothing). Workload files given after the schema are validated too.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);
const YAML = require('yaml');

// Keyword → the JSON type of its value.
const EDITOR_ANNOTATIONS = {
  enumDescriptions: 'array',
  markdownEnumDescriptions: 'array',
  markdownDescription: 'string',
  patternErrorMessage: 'string',
};

// Must be rejected: a misspelt store type (the names the catalog defines are enums).
const MISSPELT = {
  version: 2,
  name: 'misspelt',
  stores: [{ id: 'search', type: 'elasticsaerch', role: 'source_of_truth' }],
};

const [schemaPath, ...workloads] = process.argv.slice(2);
if (!schemaPath) {
  console.error('usage: node tests/schema/ajv.mjs SCHEMA.json [WORKLOAD.yaml ...]');
  process.exit(2);
}

const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
for (const [keyword, schemaType] of Object.entries(EDITOR_ANNOTATIONS)) {
  ajv.addKeyword({ keyword, schemaType });
}

let validate;
try {
  validate = ajv.compile(schema);
} catch (e) {
  console.error(`${schemaPath}: does not compile in ajv strict mode: ${e.message}`);
  process.exit(1);
}
console.log(`ok: ${schemaPath} compiles in ajv strict mode (draft 2020-12)`);
if (validate(MISSPELT)) {
  console.error(`${schemaPath}: accepts the store type \`elasticsaerch\``);
  process.exit(1);
}

let failed = 0;
for (const file of workloads) {
  let doc;
  try {
    doc = YAML.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    failed += 1;
    console.error(`${file}: not YAML: ${e.message.split('\n')[0]}`);
    continue;
  }
  if (validate(doc)) {
    console.log(`ok: ${file}`);
  } else {
    failed += 1;
    console.error(`${file}: ${ajv.errorsText(validate.errors, { separator: '\n  ' })}`);
  }
}
process.exit(failed ? 1 : 0);
