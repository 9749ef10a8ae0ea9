// The workload JSON Schema in a real editor engine (issue 16): yaml-language-server, the server
// behind VS Code's YAML extension, is started over stdio LSP with the generated schema mapped
// to workload files the way the README says (`yaml.schemas`), and must
//
//   - offer a store type (`postgresql`, with the catalog's description) at `type: `,
//     an access pattern at `pattern: ` and a role at `role: `, and never `null`;
//   - flag a misspelt store type (`elasticsaerch`) on its line;
//   - say a unit pattern's `patternErrorMessage` for a duration without a valid unit;
//   - show a field's own description on hover (not its shared type's).
//
//   cargo run -q -p storewise -- schema > /tmp/workload.schema.json
//   node tests/schema/lsp.mjs /tmp/workload.schema.json

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const TIMEOUT_MS = 60_000;

const schemaArg = process.argv[2];
if (!schemaArg) {
  console.error('usage: node tests/schema/lsp.mjs SCHEMA.json');
  process.exit(2);
}
const schemaPath = resolve(schemaArg);
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
const durationMessage = schema.$defs?.Duration?.patternErrorMessage;
const stalenessDescription = schema.$defs?.Store?.properties?.staleness_budget?.description;
const durationDescription = schema.$defs?.Duration?.description;
for (const [what, value] of [
  ['$defs.Duration.patternErrorMessage', durationMessage],
  ['$defs.Store.properties.staleness_budget.description', stalenessDescription],
  ['$defs.Duration.description', durationDescription],
]) {
  if (!value) {
    console.error(`${schemaPath}: no ${what}`);
    process.exit(1);
  }
}

// The documents, in a scratch directory: yaml-language-server reads them from the client, but
// a real path keeps the URIs honest.
const dir = mkdtempSync(join(tmpdir(), 'storewise-lsp-'));
const docs = {
  completion: {
    file: join(dir, 'completion.storewise.yaml'),
    text: [
      'version: 2',
      'name: Completion',
      'stores:',
      '  - id: main-db',
      '    type: ',
      '    role: ',
      'workloads:',
      '  - id: lookup',
      '    pattern: ',
      '    store: main-db',
      '',
    ].join('\n'),
  },
  diagnostics: {
    file: join(dir, 'diagnostics.storewise.yaml'),
    text: [
      'version: 2',
      'name: Diagnostics',
      'stores:',
      '  - id: main-db',
      '    type: postgresql',
      '    role: source_of_truth',
      '  - id: search',
      '    type: elasticsaerch',
      '    role: derived',
      '    fed_by: { from: main-db, via: cdc }',
      '    staleness_budget: 5 minutez',
      '',
    ].join('\n'),
  },
};
for (const doc of Object.values(docs)) {
  doc.uri = pathToFileURL(doc.file).href;
  writeFileSync(doc.file, doc.text);
}

/** The 0-based position just after `needle` on the line that holds it. */
function after(text, needle) {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`no line holds ${JSON.stringify(needle)}`);
  return { line, character: lines[line].indexOf(needle) + needle.length };
}

function lineOf(text, needle) {
  return after(text, needle).line;
}

// --- a minimal LSP client over stdio ---------------------------------------------------------

const require = createRequire(import.meta.url);
const serverMain = join(require.resolve('yaml-language-server/package.json'), '..', 'bin', 'yaml-language-server');
const server = spawn(process.execPath, [serverMain, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
let serverErr = '';
server.stderr.on('data', (d) => {
  serverErr += d;
});

const settings = {
  yaml: {
    validate: true,
    completion: true,
    hover: true,
    format: { enable: false },
    schemaStore: { enable: false },
    schemas: { [pathToFileURL(schemaPath).href]: ['*.storewise.yaml'] },
  },
};

let nextId = 1;
const pending = new Map();
const diagnostics = new Map();
const diagnosticWaiters = [];

function send(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
  server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  server.stdin.write(body);
}

function request(method, params) {
  const id = nextId++;
  send({ id, method, params });
  return new Promise((resolveRequest, reject) => pending.set(id, { resolve: resolveRequest, reject, method }));
}

function notify(method, params) {
  send({ method, params });
}

/** Resolves with the first diagnostics published for `uri` that satisfy `test`. */
function diagnosticsFor(uri, test) {
  const now = diagnostics.get(uri);
  if (now && test(now)) return Promise.resolve(now);
  return new Promise((resolveWait) => diagnosticWaiters.push({ uri, test, resolve: resolveWait }));
}

function handle(message) {
  if (message.id !== undefined && message.method === undefined) {
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (!waiter) return;
    if (message.error) waiter.reject(new Error(`${waiter.method}: ${message.error.message}`));
    else waiter.resolve(message.result);
    return;
  }
  if (message.id !== undefined) {
    // A request from the server.
    let result = null;
    if (message.method === 'workspace/configuration') {
      result = (message.params?.items ?? []).map((item) => {
        const path = (item.section ?? '').split('.').filter(Boolean);
        return path.reduce((at, key) => (at == null ? at : at[key]), settings) ?? null;
      });
    }
    send({ id: message.id, result });
    return;
  }
  if (message.method === 'textDocument/publishDiagnostics') {
    const { uri, diagnostics: list } = message.params;
    diagnostics.set(uri, list);
    for (const waiter of [...diagnosticWaiters]) {
      if (waiter.uri === uri && waiter.test(list)) {
        diagnosticWaiters.splice(diagnosticWaiters.indexOf(waiter), 1);
        waiter.resolve(list);
      }
    }
  }
}

let buffer = Buffer.alloc(0);
server.stdout.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const headerEnd = buffer.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const header = buffer.subarray(0, headerEnd).toString('ascii');
    const length = Number(/Content-Length: *(\d+)/i.exec(header)?.[1]);
    if (!Number.isFinite(length)) throw new Error(`bad LSP header: ${header}`);
    if (buffer.length < headerEnd + 4 + length) return;
    const body = buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
    buffer = buffer.subarray(headerEnd + 4 + length);
    handle(JSON.parse(body));
  }
});

// --- the checks ------------------------------------------------------------------------------

const failures = [];
function check(ok, what) {
  console.log(`${ok ? 'ok' : 'FAIL'}: ${what}`);
  if (!ok) failures.push(what);
}

function labels(result) {
  const items = Array.isArray(result) ? result : (result?.items ?? []);
  return items;
}

function text(content) {
  if (content == null) return '';
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map(text).join('\n');
  return content.value ?? '';
}

async function main() {
  await request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
      textDocument: {
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        publishDiagnostics: { relatedInformation: true },
      },
    },
    initializationOptions: {},
  });
  notify('initialized', {});
  notify('workspace/didChangeConfiguration', { settings });
  for (const doc of Object.values(docs)) {
    notify('textDocument/didOpen', { textDocument: { uri: doc.uri, languageId: 'yaml', version: 1, text: doc.text } });
  }

  // Diagnostics (first: once they are published, the server has loaded the schema).
  const { completion: c, diagnostics: d } = docs;
  const typeLine = lineOf(d.text, 'elasticsaerch');
  const stalenessLine = lineOf(d.text, 'staleness_budget');
  // The unit error is there whatever else the schema gets wrong: wait for it.
  const list = await diagnosticsFor(d.uri, (l) => l.some((x) => x.range.start.line === stalenessLine));
  const onType = list.filter((x) => x.range.start.line === typeLine);
  check(onType.length > 0, `a diagnostic flags \`elasticsaerch\` on line ${typeLine + 1}: ${onType.map((x) => x.message).join(' | ')}`);
  const onUnit = list.filter((x) => x.range.start.line === stalenessLine);
  check(
    onUnit.some((x) => x.message.includes(durationMessage)),
    `\`5 minutez\` gets the duration's patternErrorMessage: ${onUnit.map((x) => x.message).join(' | ')}`,
  );
  const others = list.filter((x) => x.range.start.line !== typeLine && x.range.start.line !== stalenessLine);
  check(others.length === 0, `no other diagnostics (${others.map((x) => `${x.range.start.line + 1}: ${x.message}`).join(' | ')})`);

  // Completion.
  for (const [key, expected] of [
    ['    type: ', 'postgresql'],
    ['    role: ', 'source_of_truth'],
    ['    pattern: ', 'point_lookup'],
  ]) {
    const items = labels(
      await request('textDocument/completion', { textDocument: { uri: c.uri }, position: after(c.text, key) }),
    );
    const names = items.map((i) => i.label);
    check(names.includes(expected), `completion at \`${key.trim()} \` offers \`${expected}\` (${names.length} items)`);
    check(!names.includes('null'), `completion at \`${key.trim()} \` does not offer \`null\``);
    if (expected === 'postgresql') {
      const item = items.find((i) => i.label === 'postgresql');
      const documentation = text(item?.documentation);
      check(/postgres/i.test(documentation), `\`postgresql\` comes with the catalog's description (${JSON.stringify(documentation.slice(0, 60))})`);
      check(names.includes('elasticsearch') && names.includes('postgres'), 'store types and their aliases are offered');
    }
  }

  // Hover: the field's own description, not the shared Duration's.
  const hover = await request('textDocument/hover', {
    textDocument: { uri: d.uri },
    position: { line: stalenessLine, character: d.text.split('\n')[stalenessLine].indexOf('staleness') + 2 },
  });
  // Markdown escapes backticks; compare the words.
  const shown = text(hover?.contents).replaceAll('\\', '');
  check(
    shown.includes(stalenessDescription) && !shown.includes(durationDescription),
    `hover on \`staleness_budget\` shows its own description (${JSON.stringify(shown.slice(0, 80))})`,
  );

  await request('shutdown', null);
  notify('exit', null);
}

const timer = setTimeout(() => {
  console.error(`timed out after ${TIMEOUT_MS / 1000} s${serverErr ? `; server stderr:\n${serverErr}` : ''}`);
  server.kill();
  process.exit(1);
}, TIMEOUT_MS);

try {
  await main();
} catch (e) {
  failures.push(String(e?.stack ?? e));
  console.error(e);
  server.kill();
} finally {
  clearTimeout(timer);
  rmSync(dir, { recursive: true, force: true });
}
if (failures.length) {
  console.error(`\n${failures.length} check(s) failed${serverErr ? `; server stderr:\n${serverErr}` : ''}`);
  process.exit(1);
}
console.log('ok: yaml-language-server completes and validates workload files with the schema');
