# SPDX-FileCopyrightText: 2026 The commonscheck authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Everything about people: who builds a repository, from which organizations, how concentrated.

Pipeline (one pass over the history, memory bounded by people and files, not by commits):

    history.read_history(root, options)  -> Commit records streamed from one `git log` process
    identity.IdentityResolver.add(name, email) -> a raw identity index, for author, committer and
                                            every person a trailer names
    metrics.Aggregate.add(commit, ...)    -> per-identity, per-file and per-period counts
    identity.IdentityResolver.resolve()   -> Identities: mailmap, merges, bots, affiliations
    metrics.Aggregate.finish(identities)  -> contributors, organizations, metrics
    network.build_graph(...)              -> the networkx graph for exports
"""
