"""Pure analysis over tie graphs (see `scenarios.graph`): paths, centrality, dependency.

Functions take a networkx graph plus keyword parameters and return plain data or frozen
dataclasses. They never read files, talk to a database or print.
"""
