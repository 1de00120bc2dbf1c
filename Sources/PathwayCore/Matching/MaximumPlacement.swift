/// A placement that seats as many students as possible, ignoring scores: Hopcroft–Karp on the
/// candidate graph, with a programme's seats as its capacity.
///
/// It is the first half of the `optimal` strategy: it fixes how many students can be seated
/// (`ν`), and gives the min-cost flow a feasible starting flow of that size. O(pairs · √students).
struct MaximumPlacement {
    /// Per student, the pair (index into the candidate set's columns) they are placed through, or -1.
    private(set) var placement: [Int32]
    private(set) var placedCount = 0

    init(_ set: CandidateSet, capacity: [Int]) {
        let n = set.studentIDs.count
        let programCount = set.programIDs.count
        placement = [Int32](repeating: -1, count: n)
        var load = [Int](repeating: 0, count: programCount)
        var membersStart = [0]
        for p in 0..<programCount { membersStart.append(membersStart[p] + capacity[p]) }
        var members = [Int32](repeating: 0, count: membersStart[programCount])

        // Greedy start: each student takes the first candidate with a free seat.
        for s in 0..<n {
            for pair in set.offsets[s]..<set.offsets[s + 1] {
                let p = Int(set.program[pair])
                if load[p] < capacity[p] {
                    members[membersStart[p] + load[p]] = Int32(s)
                    load[p] += 1
                    placement[s] = Int32(pair)
                    placedCount += 1
                    break
                }
            }
        }

        // Phases: BFS layers from unplaced students over alternating paths, then DFS along layers.
        var layer = [Int32](repeating: -1, count: n)
        var programLayer = [Int32](repeating: -1, count: programCount)
        var queue: [Int32] = []
        var cursor = [Int](repeating: 0, count: n)
        while true {
            for s in 0..<n { layer[s] = -1 }
            for p in 0..<programCount { programLayer[p] = -1 }
            queue.removeAll(keepingCapacity: true)
            for s in 0..<n where placement[s] < 0 && set.offsets[s + 1] > set.offsets[s] {
                layer[s] = 0
                queue.append(Int32(s))
            }
            var head = 0
            var freeLayer = Int32.max
            while head < queue.count {
                let s = Int(queue[head])
                head += 1
                if layer[s] >= freeLayer { break }
                for pair in set.offsets[s]..<set.offsets[s + 1] where Int32(pair) != placement[s] {
                    let p = Int(set.program[pair])
                    guard programLayer[p] < 0 else { continue }
                    programLayer[p] = layer[s]
                    if load[p] < capacity[p] {
                        freeLayer = min(freeLayer, layer[s] + 1)
                        continue
                    }
                    for slot in membersStart[p]..<(membersStart[p] + load[p]) {
                        let w = Int(members[slot])
                        if layer[w] < 0 {
                            layer[w] = layer[s] + 1
                            queue.append(Int32(w))
                        }
                    }
                }
            }
            guard freeLayer != Int32.max else { break }

            for s in 0..<n { cursor[s] = set.offsets[s] }
            var augmented = 0
            for s in 0..<n where placement[s] < 0 && layer[s] == 0 {
                if augment(s, set: set, capacity: capacity, layer: &layer, programLayer: programLayer,
                           freeLayer: freeLayer, cursor: &cursor, load: &load, members: &members,
                           membersStart: membersStart) {
                    augmented += 1
                }
            }
            placedCount += augmented
            if augmented == 0 { break }
        }
    }

    /// Iterative DFS along the layers from student `start` to a programme with a free seat.
    private mutating func augment(
        _ start: Int, set: CandidateSet, capacity: [Int], layer: inout [Int32], programLayer: [Int32],
        freeLayer: Int32, cursor: inout [Int], load: inout [Int], members: inout [Int32], membersStart: [Int]
    ) -> Bool {
        // Stack of (student, pair chosen); the displaced student of each step is the next entry.
        var path: [(student: Int, pair: Int, slot: Int)] = []
        var s = start
        while true {
            var advanced = false
            while cursor[s] < set.offsets[s + 1] {
                let pair = cursor[s]
                let p = Int(set.program[pair])
                guard Int32(pair) != placement[s], programLayer[p] == layer[s] else {
                    cursor[s] += 1
                    continue
                }
                if load[p] < capacity[p] {
                    guard layer[s] + 1 == freeLayer else {
                        cursor[s] += 1
                        continue
                    }
                    // Apply the path: each student moves to their chosen programme, taking the
                    // slot of the member they displace.
                    path.append((s, pair, -1))
                    for step in path.reversed() {
                        let q = Int(set.program[step.pair])
                        if step.slot >= 0 {
                            members[step.slot] = Int32(step.student)
                        } else {
                            members[membersStart[q] + load[q]] = Int32(step.student)
                            load[q] += 1
                        }
                        placement[step.student] = Int32(step.pair)
                    }
                    return true
                }
                // Full: continue through a member on the next layer. The cursor stays on this
                // pair, so when that member turns out a dead end (its layer is cleared) the next
                // member is tried.
                var next = -1
                for slot in membersStart[p]..<(membersStart[p] + load[p]) {
                    let w = Int(members[slot])
                    if layer[w] == layer[s] + 1 {
                        next = slot
                        break
                    }
                }
                guard next >= 0 else {
                    cursor[s] += 1
                    continue
                }
                path.append((s, pair, next))
                s = Int(members[next])
                advanced = true
                break
            }
            if advanced { continue }
            // Dead end: no augmenting path through `s` in this phase.
            layer[s] = -1
            guard let previous = path.popLast() else { return false }
            s = previous.student
        }
    }
}
