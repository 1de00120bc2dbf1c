@testable import PathwayCore

/// Slow, obviously correct solvers to check the fast ones against. None shares code with them.
enum ReferenceSolvers {
    /// Every assignment of `set` (each student unplaced or at one candidate, seats respected),
    /// as 0-based candidate positions (-1 unplaced). Exponential: tiny instances only.
    static func allAssignments(_ set: CandidateSet) -> [[Int]] {
        let n = set.studentIDs.count
        var results: [[Int]] = []
        var current = [Int](repeating: -1, count: n)
        var load = [Int](repeating: 0, count: set.programIDs.count)
        func visit(_ s: Int) {
            if s == n {
                results.append(current)
                return
            }
            current[s] = -1
            visit(s + 1)
            for position in 0..<set.candidateCount(ofStudent: s) {
                let p = set.programIndex(ofStudent: s, rank: position + 1)
                guard load[p] < set.seats[p] else { continue }
                load[p] += 1
                current[s] = position
                visit(s + 1)
                load[p] -= 1
                current[s] = -1
            }
        }
        visit(0)
        return results
    }

    /// A blocking pair of an assignment, if any: a student and a candidate they rank above their
    /// seat whose programme has a free seat or admitted someone it ranks lower.
    static func blockingPair(_ set: CandidateSet, _ positions: [Int]) -> (student: Int, rank: Int)? {
        var admitted = [[Int]](repeating: [], count: set.programIDs.count)
        for (s, position) in positions.enumerated() where position >= 0 {
            admitted[set.programIndex(ofStudent: s, rank: position + 1)].append(s)
        }
        func priority(_ s: Int, _ p: Int) -> Double {
            for rank in 1...set.candidateCount(ofStudent: s) where set.programIndex(ofStudent: s, rank: rank) == p {
                return set.candidate(ofStudent: s, rank: rank).programPriority
            }
            return -1
        }
        for s in positions.indices {
            let limit = positions[s] >= 0 ? positions[s] : set.candidateCount(ofStudent: s)
            for position in 0..<limit {
                let p = set.programIndex(ofStudent: s, rank: position + 1)
                guard set.seats[p] > 0 else { continue }
                if admitted[p].count < set.seats[p] { return (s, position + 1) }
                let mine = priority(s, p)
                for other in admitted[p] {
                    let theirs = priority(other, p)
                    if mine > theirs || (mine == theirs && s < other) { return (s, position + 1) }
                }
            }
        }
        return nil
    }

    /// (placed, total score units) of the best assignment by brute force.
    static func bestPlacement(_ set: CandidateSet) -> (placed: Int, units: Int64) {
        var best = (placed: 0, units: Int64.min)
        for assignment in allAssignments(set) {
            let value = objective(set, assignment)
            if value.placed > best.placed || (value.placed == best.placed && value.units > best.units) {
                best = value
            }
        }
        return best
    }

    static func objective(_ set: CandidateSet, _ positions: [Int]) -> (placed: Int, units: Int64) {
        var placed = 0
        var units: Int64 = 0
        for (s, position) in positions.enumerated() where position >= 0 {
            placed += 1
            units += PlacementMaximizer.scoreUnits(set.candidate(ofStudent: s, rank: position + 1).score)
        }
        return (placed, units)
    }

    /// Maximum placements, then maximum total units, by successive shortest paths with
    /// Bellman–Ford on an explicit graph and a lexicographic (placed, units) cost. Polynomial, so it
    /// checks mid-size instances that brute force cannot.
    static func minCostFlowPlacement(_ set: CandidateSet) -> (placed: Int, units: Int64) {
        let n = set.studentIDs.count
        let programCount = set.programIDs.count
        let source = n + programCount
        let sink = source + 1
        struct Edge { var to: Int; var capacity: Int; var placed: Int; var units: Int64 }
        var edges: [Edge] = []
        var adjacency = [[Int]](repeating: [], count: sink + 1)
        func add(_ from: Int, _ to: Int, _ capacity: Int, _ placed: Int, _ units: Int64) {
            adjacency[from].append(edges.count)
            edges.append(Edge(to: to, capacity: capacity, placed: placed, units: units))
            adjacency[to].append(edges.count)
            edges.append(Edge(to: from, capacity: 0, placed: -placed, units: -units))
        }
        for s in 0..<n {
            add(source, s, 1, 0, 0)
            for rank in 0..<set.candidateCount(ofStudent: s) {
                let candidate = set.candidate(ofStudent: s, rank: rank + 1)
                // Costs are negated: the shortest path maximises (placed, units).
                add(s, n + set.programIndex(ofStudent: s, rank: rank + 1), 1, -1,
                    -PlacementMaximizer.scoreUnits(candidate.score))
            }
        }
        for p in 0..<programCount { add(n + p, sink, max(0, set.seats[p]), 0, 0) }

        var placed = 0
        var units: Int64 = 0
        while true {
            var distance = [(Int, Int64)?](repeating: nil, count: sink + 1)
            var via = [Int](repeating: -1, count: sink + 1)
            distance[source] = (0, 0)
            var changed = true
            while changed {
                changed = false
                for u in 0...sink {
                    guard let du = distance[u] else { continue }
                    for e in adjacency[u] where edges[e].capacity > 0 {
                        let candidate = (du.0 + edges[e].placed, du.1 + edges[e].units)
                        let v = edges[e].to
                        if distance[v].map({ candidate.0 < $0.0 || (candidate.0 == $0.0 && candidate.1 < $0.1) }) ?? true {
                            distance[v] = candidate
                            via[v] = e
                            changed = true
                        }
                    }
                }
            }
            // Stop when no augmenting path improves the objective (it can only be neutral or worse).
            guard let reach = distance[sink], reach.0 < 0 || (reach.0 == 0 && reach.1 < 0) else { break }
            var v = sink
            while v != source {
                let e = via[v]
                edges[e].capacity -= 1
                edges[e ^ 1].capacity += 1
                v = edges[e ^ 1].to
            }
            placed -= reach.0
            units -= reach.1
        }
        return (placed, units)
    }
}
