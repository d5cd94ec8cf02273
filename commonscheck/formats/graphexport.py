# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The contributor network written for other tools: GraphML (Gephi, yEd, igraph), GEXF (Gephi),
node-link JSON (networkx, D3) and a CSV edge list (spreadsheets, pandas)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

EXPORT_FORMATS = {".graphml": "graphml", ".gexf": "gexf", ".json": "json", ".csv": "csv"}


def export_format(path: Path) -> str:
    """The export format a file name asks for; ValueError for another extension."""
    kind = EXPORT_FORMATS.get(path.suffix.lower())
    if kind is None:
        raise ValueError(f"{path}: unknown export format (use {', '.join(EXPORT_FORMATS)})")
    return kind


def export_text(graph: Any, kind: str) -> str:
    """The graph in `kind` (graphml, gexf, json, csv) as text; deterministic for one graph."""
    import networkx as nx

    if kind == "graphml":
        return "\n".join(nx.generate_graphml(graph)) + "\n"
    if kind == "gexf":
        return "\n".join(nx.generate_gexf(graph)) + "\n"
    if kind == "json":
        data = nx.node_link_data(graph, edges="edges")
        return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    buf = io.StringIO()
    keys = sorted({k for _, _, d in graph.edges(data=True) for k in d})
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["source", "target", *keys])
    for u, v, d in sorted(graph.edges(data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2]))):
        writer.writerow([u, v, *(d.get(k, "") for k in keys)])
    return buf.getvalue()
