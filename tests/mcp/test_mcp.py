"""`storewise mcp` driven by a real MCP client, the official `mcp` Python SDK (issue 15).

Run by scripts/test-mcp.sh: `python tests/mcp/test_mcp.py` with STOREWISE_BIN naming the binary.
The client starts `storewise mcp` over stdio, initializes, lists the tools and calls each one.
"""

import json
import os
import subprocess
import sys
import unittest
from contextlib import asynccontextmanager
from pathlib import Path

from mcp import ClientSession, StdioServerParameters, stdio_client

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("STOREWISE_BIN", str(ROOT / "target" / "debug" / "storewise"))
S2 = (ROOT / "examples" / "s2-dual-write.yaml").read_text(encoding="utf-8")
INVALID = "version: 1\nname: x\nstores:\n  - id: db\n    type: postgress\n    role: source_of_truth\n"
TOOLS = {"validate", "analyze", "diff", "catalog", "explain"}


@asynccontextmanager
async def connect():
    """A session with a fresh `storewise mcp`, initialized (entered and left in one task, as anyio wants)."""
    params = StdioServerParameters(command=BIN, args=["mcp"], env={"NO_COLOR": "1"})
    async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
        init = await session.initialize()
        yield session, init


class StorewiseMcp(unittest.IsolatedAsyncioTestCase):
    def text(self, result):
        return "\n".join(c.text for c in result.content if c.type == "text")

    async def test_initialize_names_the_server_and_offers_tools(self):
        async with connect() as (session, init):
            self.assertEqual(init.server_info.name, "storewise")
            self.assertIsNotNone(init.capabilities.tools)

    async def test_every_tool_is_listed_with_an_input_schema(self):
        async with connect() as (session, init):
            tools = {t.name: t for t in (await session.list_tools()).tools}
            self.assertEqual(set(tools), TOOLS)
            for name, tool in tools.items():
                self.assertEqual(tool.input_schema.get("type"), "object", name)
                self.assertTrue(tool.input_schema.get("properties"), name)
                self.assertTrue(tool.description, name)
            self.assertEqual(tools["analyze"].input_schema["required"], ["workload"])
            self.assertEqual(sorted(tools["diff"].input_schema["required"]), ["new", "old"])
            self.assertEqual(tools["explain"].input_schema["required"], ["code"])

    async def test_analyze_s2_gives_sw001_first_with_figures_sources_and_overhead(self):
        async with connect() as (session, init):
            result = await session.call_tool("analyze", {"workload": S2, "filename": "s2-dual-write.yaml"})
            self.assertFalse(result.is_error, self.text(result))
            report = result.structured_content
            first = report["findings"][0]
            self.assertEqual(first["code"], "SW001")
            self.assertEqual(first["severity"], "critical")
            self.assertTrue(first["evidence"], "the finding's figures")
            self.assertTrue(first["sources"], "the finding's sources")
            self.assertGreater(report["overhead"]["current"]["hours_per_month"], 0)
            self.assertIn("recommended", report["overhead"])
            self.assertIn("- SW001 critical", result.content[0].text)
            # the text blocks carry the same report as JSON, for clients that read only text
            self.assertEqual(json.loads(result.content[1].text), report)

    async def test_an_invalid_workload_is_a_tool_error_with_located_diagnostics(self):
        async with connect() as (session, init):
            for tool in ("validate", "analyze"):
                result = await session.call_tool(tool, {"workload": INVALID, "filename": "bad.yaml"})
                self.assertTrue(result.is_error, tool)
                diag = result.structured_content["diagnostics"][0]
                self.assertEqual(result.structured_content["path"], "bad.yaml")
                self.assertEqual(diag["path"], "stores[0].type")
                self.assertEqual((diag["span"]["line"], diag["span"]["column"]), (5, 11))
                self.assertIn("`postgresql`", diag["suggestion"])
                self.assertIn("bad.yaml:5:11", result.content[0].text)
            ok = await session.call_tool("validate", {"workload": S2})
            self.assertFalse(ok.is_error)
            self.assertTrue(ok.structured_content["valid"])

    async def test_diff_compares_two_versions(self):
        async with connect() as (session, init):
            new = S2.replace("via: dual_write", "via: cdc")
            result = await session.call_tool("diff", {"old": S2, "new": new})
            self.assertFalse(result.is_error, self.text(result))
            resolved = result.structured_content["resolved"]
            self.assertIn("SW001", [f["code"] for f in resolved])

    async def test_catalog_shows_one_store_or_pattern_in_full(self):
        async with connect() as (session, init):
            store = await session.call_tool("catalog", {"store": "postgresql"})
            self.assertFalse(store.is_error)
            self.assertEqual(store.structured_content["id"], "postgresql")
            self.assertTrue(store.structured_content["sources"])
            pattern = await session.call_tool("catalog", {"pattern": "oltp_transaction"})
            self.assertEqual(pattern.structured_content["pattern"]["id"], "oltp_transaction")
            ids = await session.call_tool("catalog", {})
            self.assertIn("postgresql", [s["id"] for s in ids.structured_content["stores"]])
            typo = await session.call_tool("catalog", {"store": "postgress"})
            self.assertTrue(typo.is_error)
            self.assertEqual(typo.structured_content["suggestion"], "postgresql")

    async def test_explain_gives_a_rules_docs(self):
        async with connect() as (session, init):
            result = await session.call_tool("explain", {"code": "SW001"})
            self.assertFalse(result.is_error)
            self.assertEqual(result.structured_content["name"], "dual-write")
            for heading in ("# What it checks", "# Why", "# Example", "# Instead"):
                self.assertIn(heading, result.structured_content["docs"])
            unknown = await session.call_tool("explain", {"code": "SW999"})
            self.assertTrue(unknown.is_error)


class StdoutIsProtocolOnly(unittest.TestCase):
    def test_every_line_on_stdout_is_a_json_rpc_message(self):
        messages = [
            {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
                "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}},
            {"jsonrpc": "2.0", "method": "notifications/initialized"},
            {"jsonrpc": "2.0", "id": 2, "method": "tools/call",
             "params": {"name": "analyze", "arguments": {"workload": INVALID}}},
        ]
        stdin = "".join(json.dumps(m) + "\n" for m in messages)
        out = subprocess.run([BIN, "mcp"], input=stdin, capture_output=True, text=True, timeout=60, check=True)
        replies = [json.loads(line) for line in out.stdout.splitlines()]
        self.assertEqual([r.get("id") for r in replies], [1, 2])
        self.assertTrue(replies[1]["result"]["isError"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
