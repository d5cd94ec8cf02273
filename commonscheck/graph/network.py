# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The networkx graph of a repository's people, organizations, modules and files, for exports.

Nodes are prefixed by kind ("contributor:<id>", "organization:<name>", "module:<dir>", "file:<path>")
and carry `kind` and `label`; edges are keyed by their kind and carry `kind` too:

    authored       contributor -> file          commits, lines_added, lines_deleted, created
    part-of        file -> module
    co-authored    co-author -> author          commits (Co-authored-by trailers)
    signed-off     signer -> author             commits (Signed-off-by trailers)
    reviewed       reviewer -> author           commits (Reviewed-by and similar trailers)
    committed-for  committer -> author          commits where the committer is another person
    member-of      contributor -> organization  commits made while affiliated

Attributes are str, int, float or bool only (never None, lists or dicts), so nx.write_graphml,
nx.write_gexf and nx.node_link_data take the graph as it is. (`kind`, not `type`: GEXF reserves an
edge's `type` for its direction.)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import networkx as nx

if TYPE_CHECKING:
    from commonscheck.graph.metrics import GraphResult


def contributor_node(contributor_id: str) -> str:
    return f"contributor:{contributor_id}"


def organization_node(name: str) -> str:
    return f"organization:{name}"


def module_node(module: str) -> str:
    return f"module:{module}"


def file_node(path: str) -> str:
    return f"file:{path}"


def build_graph(result: GraphResult) -> nx.MultiDiGraph:
    """The typed multigraph of `result` (module docstring). Deterministic: nodes and edges are added
    in sorted order."""
    graph = nx.MultiDiGraph()
    community: dict[str, int] = {}
    for number, members in enumerate(result.communities):
        for member in members:
            community[member] = number
    core = set(result.core)
    for c in result.contributors:
        graph.add_node(
            contributor_node(c.id),
            kind="contributor",
            label=c.name,
            emails=", ".join(c.emails),
            organization=c.organization or "",
            bot=c.bot,
            commits=c.commits,
            lines_added=c.lines_added,
            lines_deleted=c.lines_deleted,
            first=c.first,
            last=c.last,
            core=c.id in core,
            community=community.get(c.id, -1),
        )
    for o in result.organizations:
        graph.add_node(
            organization_node(o.name),
            kind="organization",
            label=o.name,
            domains=", ".join(o.domains),
            contributors=o.contributors,
            commits=o.commits,
        )
    modules: dict[str, list[int]] = {}
    for f in result.files:
        totals = modules.setdefault(f.module, [0, 0])
        totals[0] += 1
        totals[1] += f.commits
    for module, (files, commits) in sorted(modules.items()):
        graph.add_node(module_node(module), kind="module", label=module, files=files, commits=commits)
    for f in result.files:
        node = file_node(f.path)
        graph.add_node(
            node,
            kind="file",
            label=f.path,
            module=f.module,
            commits=f.commits,
            lines_added=f.lines_added,
            lines_deleted=f.lines_deleted,
            exists=f.exists,
        )
        graph.add_edge(node, module_node(f.module), key="part-of", kind="part-of")
    for a in result.authorship:
        graph.add_edge(
            contributor_node(a.contributor),
            file_node(a.path),
            key="authored",
            kind="authored",
            commits=a.commits,
            lines_added=a.lines_added,
            lines_deleted=a.lines_deleted,
            created=a.created,
        )
    for r in result.relations:
        graph.add_edge(
            contributor_node(r.source), contributor_node(r.target), key=r.kind, kind=r.kind, commits=r.commits
        )
    for m in result.memberships:
        graph.add_edge(
            contributor_node(m.contributor),
            organization_node(m.organization),
            key="member-of",
            kind="member-of",
            commits=m.commits,
        )
    # An edge to a node nobody described (e.g. an organization only bots worked for) still gets a kind.
    for node, data in graph.nodes(data=True):
        if "kind" not in data:
            kind, _, label = node.partition(":")
            data.update(kind=kind, label=label)
    return graph


def projection_graph(contributors: Iterable[str], shared: Iterable[tuple[str, str, int]]) -> nx.Graph:
    """Contributors (plain ids) joined by edges weighted by the files both changed; nodes and edges
    added in the order given (sorted by the caller), which keeps Louvain with a seed deterministic."""
    graph = nx.Graph()
    graph.add_nodes_from(contributors)
    for a, b, weight in shared:
        graph.add_edge(a, b, weight=weight)
    return graph


def projection(result: GraphResult) -> nx.Graph:
    """The contributor-to-contributor projection of `result` (bots left out), edges weighted by
    shared files (`weight`), nodes prefixed and typed as in build_graph with their community."""
    community: dict[str, int] = {}
    for number, members in enumerate(result.communities):
        for member in members:
            community[member] = number
    graph = nx.Graph()
    for c in result.contributors:
        if c.bot:
            continue
        graph.add_node(
            contributor_node(c.id),
            kind="contributor",
            label=c.name,
            organization=c.organization or "",
            commits=c.commits,
            community=community.get(c.id, -1),
        )
    for a, b, weight in result.shared_files:
        graph.add_edge(contributor_node(a), contributor_node(b), kind="shared-files", weight=weight)
    return graph
