"""The call graph of internal calls: recursion is rejected, and the error names
the cycle (`a -> b -> a`). Bounded loops plus no recursion make every
function's work bounded."""

from __future__ import annotations

from .errors import Diagnostics


def check_recursion(contract, facts: dict, diags: Diagnostics) -> None:
    edges = {name: [(callee.name, span) for callee, span in f.callees] for name, f in facts.items()}
    state: dict[str, int] = {}  # 0 unvisited, 1 on stack, 2 done
    reported: set[tuple] = set()
    for root in facts:
        if state.get(root):
            continue
        # Iterative DFS keeping the current path.
        stack = [(root, 0)]
        path = [root]
        state[root] = 1
        while stack:
            node, i = stack[-1]
            out = edges.get(node, [])
            if i >= len(out):
                stack.pop()
                path.pop()
                state[node] = 2
                continue
            stack[-1] = (node, i + 1)
            callee, span = out[i]
            s = state.get(callee, 0)
            if s == 1:
                cycle = path[path.index(callee):] + [callee]
                key = tuple(sorted(set(cycle)))
                if key not in reported:
                    reported.add(key)
                    diags.error("E0304", "recursion: " + " -> ".join(cycle), span,
                                "recursion is not allowed (it has no visible bound); use a bounded loop")
            elif s == 0 and callee in edges:
                state[callee] = 1
                stack.append((callee, 0))
                path.append(callee)
