#!/usr/bin/env python3
"""Writes the bad-input corpus (tests/bad-inputs/*.yaml). Run from anywhere; deterministic.

Each file is one kind of bad (or merely odd) input. Its expected outcome, through the CLI,
the API and the WASM app alike, is in expected.json, which `server/tests/bad_inputs.rs`
checks against the library (regenerate with STOREWISE_BLESS=1 after an intended change).
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = "version: 1\nname: corpus\nstores:\n  - id: db\n    type: postgresql\n    role: source_of_truth\n"


def store(extra="", id="db", type="postgresql", role="source_of_truth"):
    return f"version: 1\nname: corpus\nstores:\n  - id: {id}\n    type: {type}\n    role: {role}\n{extra}"


def wl(extra):
    return BASE + "workloads:\n  - id: q\n    pattern: point_lookup\n    store: db\n" + extra


files = {
    # --- YAML syntax
    "syntax-unclosed-bracket": "version: 1\nname: x\nstores: [\n  { id: db, type: postgresql, role: source_of_truth }\n",
    "syntax-unclosed-brace": "version: 1\nname: x\nstores:\n  - { id: db, type: postgresql, role: source_of_truth\n",
    "syntax-unclosed-quote": 'version: 1\nname: "never closed\nstores: []\n',
    "syntax-bad-indentation": "version: 1\nname: x\nstores:\n  - id: db\n   type: postgresql\n    role: source_of_truth\n",
    "syntax-tab-indentation": "version: 1\nname: x\nstores:\n\t- id: db\n\t  type: postgresql\n",
    "syntax-colon-in-plain-value": "version: 1\nname: a: b\nstores: []\n",
    "syntax-dash-in-mapping": "version: 1\n- name: x\nstores: []\n",
    "syntax-two-documents": BASE + "---\n" + BASE,
    "syntax-undefined-alias": "version: 1\nname: *nowhere\nstores: []\n",
    "syntax-invalid-escape": 'version: 1\nname: "bad \\q escape"\nstores: []\n',
    "syntax-control-character": "version: 1\nname: bell\x07here\n" + BASE[BASE.index("stores"):],
    "syntax-nul-byte": "version: 1\nname: nul\x00here\n" + BASE[BASE.index("stores"):],
    "syntax-block-scalar-misindented": "version: 1\nname: |\n  line one\n line two\nstores: []\n",
    "syntax-complex-key": "version: 1\n? [a, b]\n: c\nname: x\nstores: []\n",
    "syntax-document-end-only": "...\n",
    "syntax-directive-only": "%YAML 1.2\n---\n",
    # --- shape and types
    "shape-top-level-list": "- version: 1\n- name: x\n",
    "shape-top-level-scalar": "just a sentence\n",
    "shape-top-level-null": "~\n",
    "shape-stores-is-a-mapping": "version: 1\nname: x\nstores:\n  db: { type: postgresql, role: source_of_truth }\n",
    "shape-store-is-a-string": "version: 1\nname: x\nstores:\n  - postgresql\n",
    "shape-version-is-text": "version: one\nname: x\nstores: []\n",
    "shape-version-is-float": "version: 1.5\nname: x\nstores: []\n",
    "shape-version-huge-integer": "version: 99999999999999999999999999\nname: x\nstores: []\n",
    "shape-name-is-a-list": "version: 1\nname: [a, b]\nstores: []\n",
    "shape-fed-by-is-a-number": store(extra="  - id: cache\n    type: redis\n    role: derived\n    fed_by: 42\n"),
    "shape-missing-everything": "version: 1\n",
    # --- numbers
    "number-negative-cost": store().replace("role: source_of_truth\n", "role: source_of_truth\n    monthly_cost_usd: -100\n"),
    "number-nan-cost": store().replace("role: source_of_truth\n", "role: source_of_truth\n    monthly_cost_usd: .nan\n"),
    "number-infinite-cost": store().replace("role: source_of_truth\n", "role: source_of_truth\n    monthly_cost_usd: .inf\n"),
    "number-1e400-cost": store().replace("role: source_of_truth\n", "role: source_of_truth\n    monthly_cost_usd: 1e400\n"),
    "number-huge-integer-cost": store().replace("role: source_of_truth\n", "role: source_of_truth\n    monthly_cost_usd: 123456789012345678901234567890\n"),
    "number-boolean-cost": store().replace("role: source_of_truth\n", "role: source_of_truth\n    monthly_cost_usd: yes\n"),
    "number-negative-engineers": BASE + "team: { engineers: -3, hourly_cost_usd: 100 }\n",
    "number-fractional-engineers": BASE + "team: { engineers: 2.5, hourly_cost_usd: 100 }\n",
    "unit-negative-size": store().replace("role: source_of_truth\n", "role: source_of_truth\n    size: -5GB\n"),
    "unit-nan-size": store().replace("role: source_of_truth\n", "role: source_of_truth\n    size: NaNGB\n"),
    "unit-unknown-size-unit": store().replace("role: source_of_truth\n", "role: source_of_truth\n    size: 5 parsecs\n"),
    "unit-rate-bad-period": wl("    rate: 5/fortnight\n"),
    "unit-rate-words": wl("    rate: 48 per day\n"),
    "unit-negative-duration": wl("    latency: { measured: -3s, target: 1s }\n"),
    "unit-latency-is-a-word": wl("    latency: { measured: fast, target: 1s }\n"),
    "unit-huge-duration": wl("    latency: { measured: 1e400s, target: 1s }\n"),
    # --- unknown names
    "unknown-top-level-field": BASE + "colour: blue\n",
    "unknown-store-field": store().replace("type: postgresql", "typ: postgresql"),
    "unknown-store-type": store(type="postgress"),
    "unknown-role": store(role="primary"),
    "unknown-pattern": BASE + "workloads:\n  - id: q\n    pattern: analytics_scan\n    store: db\n",
    "unknown-remedy": wl("    tried: [indexx]\n"),
    "unknown-via": store(extra="  - id: cache\n    type: redis\n    role: derived\n    fed_by: { from: db, via: magic }\n"),
    "unknown-proposal-field": BASE + "proposals:\n  - add: elasticsearch\n    for: q\n    becuase: search\n",
    "unknown-override-store": BASE + "catalog_overrides:\n  postgress: { price: { usd_per_month: 10 } }\n",
    "unknown-override-path": BASE + "catalog_overrides:\n  postgresql: { ops: { deploymnt: { hours: 3 } } }\n",
    # --- references and duplicates
    "ref-duplicate-store-id": BASE + "  - id: db\n    type: redis\n    role: derived\n    fed_by: { from: db, via: cdc }\n",
    "ref-dangling-fed-by": store(extra="  - id: cache\n    type: redis\n    role: derived\n    fed_by: { from: nowhere, via: cdc }\n"),
    "ref-flow-cycle": "version: 1\nname: x\nstores:\n  - { id: db, type: postgresql, role: source_of_truth }\n  - { id: a, type: redis, role: derived, fed_by: { from: b, via: cdc } }\n  - { id: b, type: redis, role: derived, fed_by: { from: a, via: cdc } }\n",
    "ref-self-flow": store(extra="  - id: a\n    type: redis\n    role: derived\n    fed_by: { from: a, via: cdc }\n"),
    "ref-workload-unknown-store": BASE + "workloads:\n  - id: q\n    pattern: point_lookup\n    store: nope\n",
    "dup-top-level-key": BASE + "name: again\n",
    "dup-nested-key": store().replace("role: source_of_truth\n", "role: source_of_truth\n    type: redis\n"),
    # --- encodings and whitespace
    "enc-empty": "",
    "enc-only-comments": "# nothing here\n# at all\n",
    "enc-only-whitespace": "   \n\n  \n",
    "enc-bom-valid": "\ufeff" + BASE,
    "enc-crlf-valid": BASE.replace("\n", "\r\n"),
    "enc-cr-only": BASE.replace("\n", "\r"),
    "enc-unicode-names-valid": BASE.replace("name: corpus", "name: \"Plateforme — données ✓ 日本語 عربى\""),
    "hostile-html-name-valid": BASE.replace("name: corpus", "name: \"<img src=x onerror=alert(1)>\""),
    "hostile-html-store-id": store(id="\"<script>alert(1)</script>\""),
}

binary = {
    "enc-latin1-not-utf8": ("version: 1\nname: caf\xe9\n" + BASE[BASE.index("stores"):]).encode("latin-1"),
    "enc-utf16-with-bom": ("\ufeff" + BASE).encode("utf-16-le"),
    "enc-utf16-be-no-bom": BASE.encode("utf-16-be"),
    "enc-utf16-le-no-bom": BASE.encode("utf-16-le"),
    "enc-utf32-with-bom": ("\ufeff" + BASE).encode("utf-32-le"),
}

# --- size and hostile structure, generated
files["hostile-deep-flow-nesting-1000"] = "version: 1\nname: x\nstores: " + "[" * 1000 + "]" * 1000 + "\n"
files["hostile-deep-block-nesting-1000"] = "version: 1\nname: x\nextra:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(1000)) + "stores: []\n"
files["hostile-billion-laughs"] = "version: 1\nname: x\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8)
) + "stores: []\n"
files["hostile-ten-thousand-stores"] = "version: 1\nname: many\nstores:\n  - { id: db, type: postgresql, role: source_of_truth }\n" + "".join(
    f"  - {{ id: s{i}, type: redis, role: derived, fed_by: {{ from: db, via: cdc }} }}\n" for i in range(10_000)
)
files["hostile-one-megabyte-name"] = BASE.replace("name: corpus", "name: " + "x" * (1024 * 1024))
files["hostile-five-megabytes"] = BASE + "".join(f"# filler line {i:07d} " + "." * 60 + "\n" for i in range(5 * 1024 * 1024 // 80))
files["hostile-thousand-unknown-fields"] = BASE + "".join(f"unknown_{i}: {i}\n" for i in range(1000))

for name, text in files.items():
    with open(os.path.join(HERE, name + ".yaml"), "w", encoding="utf-8", newline="") as f:
        f.write(text)
for name, data in binary.items():
    with open(os.path.join(HERE, name + ".yaml"), "wb") as f:
        f.write(data)
print(f"{len(files) + len(binary)} files")
