"""The heaviest workload file measured (issue 18): shared by memory-burst.py and hostile.py.

400 PostgreSQL sources at 70 % CPU, each with a search index, a column store and a cache fed by
dual writes, and six workloads each missing its latency target (473 KB; 2,400 bottlenecks, a
35 MB report).
"""


def heaviest() -> bytes:
    lines = ["version: 2", "name: heaviest", "stores:"]
    for g in range(400):
        lines.append(f"  - {{ id: db{g}, type: postgresql, role: source_of_truth, size: 500GB, "
                     f"cpu: {{ measured: 70%, limit: 80% }}, growth: 2x/year }}")
        for d, t in (("es", "elasticsearch"), ("ch", "clickhouse"), ("rd", "redis")):
            lines.append(f"  - {{ id: {d}{g}, type: {t}, role: derived, fed_by: {{ from: db{g}, via: dual_write }} }}")
    lines.append("workloads:")
    patterns = ["oltp_transaction", "analytical_scan", "full_text_search", "point_lookup", "range_scan", "timeseries_query"]
    for g in range(400):
        for k, p in enumerate(patterns):
            lines.append(f"  - {{ id: w{g}-{k}, pattern: {p}, store: db{g}, rate: 200/s, data_size: 400GB, "
                         f"latency: {{ measured: 9s, target: 100ms }} }}")
    return ("\n".join(lines) + "\n").encode()
