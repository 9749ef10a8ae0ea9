// A generated workload file of any number of stores (the shape of the criterion benchmark's
// generated file, engine/benches/analyze.rs), for the large-file browser test and benchmark.

const DERIVED = [
  ["redis", "cache_ttl"],
  ["clickhouse", "analytical_scan"],
  ["elasticsearch", "full_text_search"],
  ["mongodb", "flexible_documents"],
  ["neo4j", "graph_traversal"],
  ["influxdb", "timeseries_query"],
  ["qdrant", "vector_similarity"],
  ["cassandra", "point_lookup"],
];
const SOURCE = ["oltp_transaction", "point_lookup", "analytical_scan", "full_text_search", "range_scan"];

/** Lineages of ten stores (a PostgreSQL source of truth, a Kafka pipeline fed by CDC, eight
 * derived stores fed by stream, CDC, batch ETL or the odd dual write), workloads with a mix of
 * measured bottlenecks. */
export function generated(stores) {
  const workloads = stores * 4;
  let out = "version: 1\nname: generated\nteam: { engineers: 40, hourly_cost_usd: 110 }\nstores:\n";
  for (let i = 0; i < stores; i++) {
    const group = Math.floor(i / 10);
    const slot = i % 10;
    if (slot === 0) {
      out += `  - { id: s${i}, type: postgresql, role: source_of_truth, size: ${50 + (group % 700)}GB }\n`;
    } else if (slot === 1) {
      out += `  - { id: s${i}, type: kafka, role: pipeline, fed_by: { from: s${group * 10}, via: cdc }, staleness_budget: 2s }\n`;
    } else {
      const kind = DERIVED[(slot - 2) % DERIVED.length][0];
      const k = (group + slot) % 7;
      const feed =
        k === 0
          ? `{ from: s${group * 10}, via: batch_etl, every: 1h }`
          : k === 1
            ? `{ from: s${group * 10}, via: cdc }`
            : k === 2 && slot === 9
              ? `{ from: s${group * 10}, via: dual_write }`
              : `{ from: s${group * 10 + 1}, via: stream }`;
      const budget = ["5s", "1m", "1h", "1d"][Math.floor(i / 3) % 4];
      const queries = [48, 900, 20000, 500000][Math.floor(i / 5) % 4];
      const size = [2, 20, 200, 900][Math.floor(i / 7) % 4];
      out += `  - { id: s${i}, type: ${kind}, role: derived, fed_by: ${feed}, staleness_budget: ${budget}, queries: ${queries}/day, size: ${size}GB }\n`;
    }
  }
  out += "workloads:\n";
  for (let w = 0; w < workloads; w++) {
    const s = w % stores;
    const slot = s % 10;
    const pattern =
      slot === 0 ? SOURCE[Math.floor(w / stores) % SOURCE.length] : slot === 1 ? "event_streaming" : DERIVED[(slot - 2) % DERIVED.length][1];
    out += `  - id: w${w}\n    pattern: ${pattern}\n    store: s${s}\n    rate: ${1 + (w % 500)}/s\n`;
    switch (w % 6) {
      case 0:
        out += `    latency: { measured: 4m, target: 5s }\n    data_size: ${20 + (w % 900)}GB\n`;
        break;
      case 1:
        out += "    latency: { measured: 40ms, target: 200ms }\n";
        break;
      case 2:
        out += "    items: 300k\n";
        break;
      case 3:
        out += "    throughput: { measured: 200/s, target: 2k/s }\n";
        break;
    }
  }
  out += "proposals:\n";
  for (let p = 0; p < Math.max(1, Math.floor(workloads / 100)); p++) {
    out += `  - { add: elasticsearch, for: w${(p * 97) % workloads}, reason: it might be useful }\n`;
  }
  return out;
}
