/// Minimum-cost flow by cost scaling with push–relabel (Goldberg and Tarjan; Goldberg 1997), on
/// the network source → students → programmes → sink of the `optimal` strategy.
///
/// Works on an ε-optimal flow (every residual arc has reduced cost ≥ −ε) and divides ε by
/// `alpha` each phase, repairing the flow with pushes along arcs of negative reduced cost and
/// price decreases ("relabels"). Integer costs are multiplied by a number `L` larger than the
/// longest simple cycle the residual network can have; once ε reaches 1 every cycle's true cost
/// is above −1, hence at least 0, and the flow is optimal. Here a simple cycle alternates between
/// students and programmes and passes each programme, the source and the sink at most once, so
/// `L = 2 × programmes + 5`, which keeps scaled costs near 10^12 and far from overflow.
///
/// The algorithm is the generic one; the data layout is specialised so that each step touches
/// little memory:
/// - a programme's residual arcs back to students are exactly the pairs carrying flow into it,
///   kept as a member list that holds each member's student and arc cost, instead of a thousand
///   mostly empty reverse arcs;
/// - a student, whose excess is at most one unit, is discharged with one scan of its own arcs
///   that finds the cheapest, relabels if it is not admissible, and pushes;
/// - a global price update (`updatePrices`) moves whole regions of prices at once, reading the
///   arcs into each programme from a copy laid out by programme.
///
/// The flow value is fixed by the starting flow (the maximum placement): this solver only
/// reroutes it to the cheapest paths.
struct CostScalingFlow {
    /// One arc, its fields side by side so that scanning a student's arcs reads consecutive
    /// memory (the solver is bound by memory latency, not arithmetic).
    private struct Arc {
        var head: Int32
        var residual: Int32
        var cost: Int64
    }

    private struct Member {
        var student: Int32
        var arc: Int32
        var cost: Int64
    }

    private let studentCount: Int
    private let programCount: Int
    private let source: Int
    private let sink: Int
    private let nodeCount: Int
    /// Arcs out of students (to programmes, then back to the source), out of the source (to
    /// students) and out of the sink (back to programmes), plus one arc per programme to the sink.
    private let first: [Int]
    private var arcs: [Arc]
    /// Paired arc of each arc; -1 for student → programme arcs, whose other side is a member.
    private let reverse: [Int32]
    private var price: [Int64]
    private var excess: [Int]
    private var current: [Int]
    /// Per programme: the student → programme arcs that carry flow.
    private var members: [[Member]]
    /// Per arc: its position in its programme's member list, when it carries flow. (A student
    /// can send flow along several arcs at once within a phase: this is a pseudoflow.)
    private var memberSlot: [Int32]
    private var queue: [Int32] = []
    /// Relabels since the last price update.
    private var relabels = 0
    /// Forward arc of each candidate pair, to read the result.
    private let pairArc: [Int32]
    /// The student → programme arcs by programme, for the price update's backward search:
    /// `intoFirst[p] ..< intoFirst[p + 1]` are programme `p`'s entries, each with its student, its
    /// cost and whether it carries flow, side by side in this order so that the search reads them
    /// sequentially. `intoEntry` maps an arc to its entry (-1 for arcs not to a programme).
    private let intoFirst: [Int]
    private let intoStudent: [Int32]
    private let intoCost: [Int64]
    private var intoFlow: [Bool]
    private let intoEntry: [Int32]
    /// Scratch space of the price update, kept between calls.
    private var distance: [Int32]
    private var buckets: [[Int32]]
    private let maximumCost: Int64

    private static let alpha: Int64 = 8
    /// Distances (in units of ε) the price update looks at; nodes further away are lowered as if
    /// at this distance.
    private static let updateLimit = 4096

    /// - Parameters:
    ///   - pairCost: non-negative integer cost of each candidate pair (lower is better).
    ///   - capacity: seats each programme can use.
    ///   - start: a maximum placement, per student the pair used or -1.
    init(_ set: CandidateSet, pairCost: [Int64], capacity: [Int], start: [Int32]) {
        let n = set.studentIDs.count
        let programCount = set.programIDs.count
        let source = n + programCount
        let sink = source + 1
        let nodeCount = n + programCount + 2
        studentCount = n
        self.programCount = programCount
        self.source = source
        self.sink = sink
        self.nodeCount = nodeCount
        let cycleBound = Int64(2 * programCount + 5)

        var degree = [Int](repeating: 0, count: nodeCount)
        for s in 0..<n where set.offsets[s + 1] > set.offsets[s] {
            degree[source] += 1
            degree[s] += 1 + set.offsets[s + 1] - set.offsets[s]
        }
        for p in 0..<programCount {
            degree[n + p] += 1
            degree[sink] += 1
        }
        var first = [Int](repeating: 0, count: nodeCount + 1)
        for v in 0..<nodeCount { first[v + 1] = first[v] + degree[v] }
        let arcCount = first[nodeCount]
        var arcs = [Arc](repeating: Arc(head: 0, residual: 0, cost: 0), count: arcCount)
        var reverse = [Int32](repeating: -1, count: arcCount)
        var fill = Array(first.prefix(nodeCount))

        func addPairedArc(_ tail: Int, _ to: Int, _ capacity: Int) -> Int {
            let a = fill[tail]
            fill[tail] += 1
            let b = fill[to]
            fill[to] += 1
            arcs[a] = Arc(head: Int32(to), residual: Int32(capacity), cost: 0)
            reverse[a] = Int32(b)
            arcs[b] = Arc(head: Int32(tail), residual: 0, cost: 0)
            reverse[b] = Int32(a)
            return a
        }

        var pairArc = [Int32](repeating: 0, count: set.pairCount)
        var maximumCost: Int64 = 0
        for s in 0..<n where set.offsets[s + 1] > set.offsets[s] {
            for pair in set.offsets[s]..<set.offsets[s + 1] {
                let a = fill[s]
                fill[s] += 1
                arcs[a] = Arc(head: Int32(n + Int(set.program[pair])), residual: 1, cost: pairCost[pair] * cycleBound)
                maximumCost = max(maximumCost, arcs[a].cost)
                pairArc[pair] = Int32(a)
            }
        }
        var sourceArc = [Int](repeating: -1, count: n)
        for s in 0..<n where set.offsets[s + 1] > set.offsets[s] {
            sourceArc[s] = addPairedArc(source, s, 1)
        }
        var sinkArc = [Int](repeating: 0, count: programCount)
        for p in 0..<programCount {
            sinkArc[p] = addPairedArc(n + p, sink, capacity[p])
        }

        // The starting flow: the maximum placement, routed source → student → programme → sink.
        var members = [[Member]](repeating: [], count: programCount)
        var memberSlot = [Int32](repeating: -1, count: arcCount)
        for s in 0..<n where start[s] >= 0 {
            let pair = Int(start[s])
            let p = Int(set.program[pair])
            let arc = Int(pairArc[pair])
            arcs[arc].residual = 0
            for a in [sourceArc[s], sinkArc[p]] {
                arcs[a].residual -= 1
                arcs[Int(reverse[a])].residual += 1
            }
            memberSlot[arc] = Int32(members[p].count)
            members[p].append(Member(student: Int32(s), arc: Int32(arc), cost: arcs[arc].cost))
        }

        var intoFirst = [Int](repeating: 0, count: programCount + 1)
        for pair in 0..<set.pairCount { intoFirst[Int(set.program[pair]) + 1] += 1 }
        for p in 0..<programCount { intoFirst[p + 1] += intoFirst[p] }
        var intoFill = Array(intoFirst.prefix(programCount))
        var intoStudent = [Int32](repeating: 0, count: set.pairCount)
        var intoCost = [Int64](repeating: 0, count: set.pairCount)
        var intoEntry = [Int32](repeating: -1, count: arcCount)
        for s in 0..<n {
            for pair in set.offsets[s]..<set.offsets[s + 1] {
                let p = Int(set.program[pair])
                let at = intoFill[p]
                intoStudent[at] = Int32(s)
                intoCost[at] = arcs[Int(pairArc[pair])].cost
                intoEntry[Int(pairArc[pair])] = Int32(at)
                intoFill[p] += 1
            }
        }
        self.intoFirst = intoFirst
        self.intoStudent = intoStudent
        self.intoCost = intoCost
        self.intoEntry = intoEntry
        intoFlow = [Bool](repeating: false, count: set.pairCount)
        for s in 0..<n where start[s] >= 0 { intoFlow[Int(intoEntry[Int(pairArc[Int(start[s])])])] = true }

        distance = [Int32](repeating: Int32.max, count: nodeCount)
        buckets = [[Int32]](repeating: [], count: CostScalingFlow.updateLimit)

        self.first = first
        self.arcs = arcs
        self.reverse = reverse
        self.pairArc = pairArc
        self.maximumCost = maximumCost
        self.members = members
        self.memberSlot = memberSlot
        price = [Int64](repeating: 0, count: nodeCount)
        excess = [Int](repeating: 0, count: nodeCount)
        current = Array(first.prefix(nodeCount))
    }

    /// Runs the scaling phases down to ε = 1.
    mutating func solve() {
        var epsilon = maximumCost
        while epsilon > 1 {
            epsilon = max(1, epsilon / CostScalingFlow.alpha)
            refine(epsilon)
        }
    }

    /// Per pair, whether flow uses it.
    func usesPair(_ pair: Int) -> Bool { arcs[Int(pairArc[pair])].residual == 0 }

    @inline(__always)
    private func isProgram(_ v: Int) -> Bool { v >= studentCount && v < source }

    @inline(__always)
    private func reducedCost(_ a: Int, from v: Int) -> Int64 {
        let arc = arcs[a]
        return arc.cost + price[v] - price[Int(arc.head)]
    }

    /// Reduced cost of the residual arc from programme `v` back to a member.
    @inline(__always)
    private func reducedCost(backTo member: Member, from v: Int) -> Int64 {
        -member.cost + price[v] - price[Int(member.student)]
    }

    @inline(__always)
    private mutating func addExcess(_ v: Int, _ amount: Int, enqueue: Bool) {
        let before = excess[v]
        excess[v] += amount
        if enqueue && before <= 0 && excess[v] > 0 { queue.append(Int32(v)) }
    }

    /// Pushes `amount` along arc `a` out of student, source, sink or programme (to the sink).
    @inline(__always)
    private mutating func push(_ a: Int, from v: Int, amount: Int, enqueue: Bool = true) {
        let w = Int(arcs[a].head)
        arcs[a].residual -= Int32(amount)
        if v < studentCount && w < source {
            let p = w - studentCount
            memberSlot[a] = Int32(members[p].count)
            intoFlow[Int(intoEntry[a])] = true
            members[p].append(Member(student: Int32(v), arc: Int32(a), cost: arcs[a].cost))
        } else {
            arcs[Int(reverse[a])].residual += Int32(amount)
        }
        excess[v] -= amount
        addExcess(w, amount, enqueue: enqueue)
    }

    /// Sends the unit of member `slot` of programme `p` back to its student.
    @inline(__always)
    private mutating func pushBack(_ slot: Int, of p: Int, enqueue: Bool = true) {
        let member = members[p][slot]
        arcs[Int(member.arc)].residual = 1
        memberSlot[Int(member.arc)] = -1
        intoFlow[Int(intoEntry[Int(member.arc)])] = false
        let moved = members[p].removeLast()
        if slot < members[p].count {
            members[p][slot] = moved
            memberSlot[Int(moved.arc)] = Int32(slot)
        }
        excess[studentCount + p] -= 1
        addExcess(Int(member.student), 1, enqueue: enqueue)
    }

    private mutating func refine(_ epsilon: Int64) {
        queue.removeAll(keepingCapacity: true)
        // Make the flow 0-optimal by saturating every residual arc of negative reduced cost.
        for v in 0..<nodeCount {
            if isProgram(v) {
                let p = v - studentCount
                var slot = 0
                while slot < members[p].count {
                    if reducedCost(backTo: members[p][slot], from: v) < 0 {
                        pushBack(slot, of: p, enqueue: false)
                    } else {
                        slot += 1
                    }
                }
            }
            for a in first[v]..<first[v + 1] where arcs[a].residual > 0 && reducedCost(a, from: v) < 0 {
                push(a, from: v, amount: Int(arcs[a].residual), enqueue: false)
            }
        }
        updatePrices(epsilon)
        for v in 0..<nodeCount where excess[v] > 0 { queue.append(Int32(v)) }
        var next = 0
        while next < queue.count {
            let v = Int(queue[next])
            next += 1
            if relabels >= nodeCount { updatePrices(epsilon) }
            if v < studentCount {
                dischargeStudent(v, epsilon)
            } else if isProgram(v) {
                dischargeProgram(v, epsilon)
            } else {
                discharge(v, epsilon)
            }
            if next > 1 << 16 && next * 2 > queue.count {
                queue.removeFirst(next)
                next = 0
            }
        }
    }

    /// Global price update (Goldberg 1997): lowers every node's price by `eps` times its distance
    /// to a node of negative excess, an arc's length being `floor(reduced / eps) + 1` (0 for an
    /// admissible arc), so that excess finds admissible paths at once instead of through many
    /// small relabels. The flow stays `eps`-optimal. Dial's buckets, backwards from the deficits;
    /// the search stops once every node with excess is reached, and the nodes not reached by then
    /// are lowered as if at that distance (which their true distance is at least).
    ///
    /// Run at the start of each phase and after every `nodeCount` relabels: at 100 000 × 2 000 it
    /// cuts the discharges eightfold (Benchmarks/RESULTS-core.md). It is a heuristic only:
    /// skipping it (as is done should prices come near the limits of 64 bits) still ends in an
    /// optimal flow. Like everything else here it depends on the input alone, never on timing.
    private mutating func updatePrices(_ epsilon: Int64) {
        relabels = 0
        let limit = CostScalingFlow.updateLimit
        // Taken out of `self` while the search runs, so that `relax` may change them in place.
        var distance = self.distance
        var buckets = self.buckets
        self.distance = []
        self.buckets = []
        var waiting = 0
        for v in 0..<nodeCount {
            distance[v] = Int32.max
            if excess[v] < 0 {
                distance[v] = 0
                buckets[0].append(Int32(v))
            } else if excess[v] > 0 {
                waiting += 1
            }
        }
        var deepest = 0
        @inline(__always)
        func relax(_ v: Int, _ d: Int, _ reduced: Int64) {
            let through = d + (reduced < 0 ? 0 : Int(min(reduced / epsilon, Int64(limit))) + 1)
            if through < Int(distance[v]) && through < limit {
                distance[v] = Int32(through)
                buckets[through].append(Int32(v))
                deepest = max(deepest, through)
            }
        }
        var level = 0
        while level < limit && waiting > 0 {
            guard let popped = buckets[level].popLast() else {
                level += 1
                continue
            }
            let w = Int(popped)
            guard Int(distance[w]) == level else { continue }
            if excess[w] > 0 { waiting -= 1 }
            if w < studentCount {
                // Into a student: from its programme, along the member's reverse arc; from the source.
                for a in first[w]..<first[w + 1] {
                    let arc = arcs[a]
                    let head = Int(arc.head)
                    if head == source {
                        let fromSource = Int(reverse[a])
                        if arcs[fromSource].residual > 0 { relax(source, level, reducedCost(fromSource, from: source)) }
                    } else if arc.residual == 0 {
                        relax(head, level, -arc.cost + price[head] - price[w])
                    }
                }
            } else if isProgram(w) {
                let own = price[w]
                for i in intoFirst[w - studentCount]..<intoFirst[w - studentCount + 1] {
                    let v = Int(intoStudent[i])
                    guard !intoFlow[i] else { continue }
                    relax(v, level, intoCost[i] + price[v] - own)
                }
                // From the sink, when this programme sends flow to it.
                let fromSink = Int(reverse[first[w]])
                if arcs[fromSink].residual > 0 { relax(sink, level, reducedCost(fromSink, from: sink)) }
            } else {
                for a in first[w]..<first[w + 1] {
                    let b = Int(reverse[a])
                    guard arcs[b].residual > 0 else { continue }
                    let v = Int(arcs[a].head)
                    relax(v, level, reducedCost(b, from: v))
                }
            }
        }
        let reached = Int32(min(level, limit))
        for d in 0...deepest { buckets[d].removeAll(keepingCapacity: true) }
        let (drop, overflow) = Int64(reached).multipliedReportingOverflow(by: epsilon)
        if !overflow, let lowest = price.min(), lowest >= Int64.min / 4 + drop {
            for v in 0..<nodeCount {
                price[v] -= Int64(min(distance[v], reached)) * epsilon
            }
        }
        self.distance = distance
        self.buckets = buckets
        // Every cursor may now be behind an admissible arc.
        for v in studentCount..<nodeCount { current[v] = isProgram(v) ? 0 : first[v] }
        assert(isEpsilonOptimal(epsilon), "the price update broke ε-optimality")
    }

    /// Whether every residual arc has reduced cost ≥ −ε: the invariant of a phase, checked after
    /// each price update in debug builds (the tests), where a wrong update would otherwise be
    /// repaired by the next phase's saturation and go unseen.
    private func isEpsilonOptimal(_ epsilon: Int64) -> Bool {
        for v in 0..<nodeCount {
            for a in first[v]..<first[v + 1] where arcs[a].residual > 0 && reducedCost(a, from: v) < -epsilon {
                return false
            }
            if isProgram(v) && members[v - studentCount].contains(where: { reducedCost(backTo: $0, from: v) < -epsilon }) {
                return false
            }
        }
        return true
    }

    /// One scan finds the cheapest residual arc; relabel if it is not admissible, then push.
    private mutating func dischargeStudent(_ s: Int, _ epsilon: Int64) {
        while excess[s] > 0 {
            var best = -1
            var bestCost = Int64.max
            let own = price[s]
            for a in first[s]..<first[s + 1] {
                let arc = arcs[a]
                guard arc.residual > 0 else { continue }
                let reduced = arc.cost + own - price[Int(arc.head)]
                if reduced < bestCost {
                    bestCost = reduced
                    best = a
                }
            }
            guard best >= 0 else { return }
            if bestCost >= 0 {
                price[s] -= bestCost + epsilon
                relabels += 1
            }
            push(best, from: s, amount: min(excess[s], Int(arcs[best].residual)))
        }
    }

    /// Pushes to the sink and back to members along admissible arcs; relabels when none is left.
    ///
    /// Members before `current[v]` were not admissible when last looked at and stay so until
    /// this programme is relabelled (student prices only fall) or a price update moves every
    /// price (it resets the cursors); new members are appended, and a removal moves the last
    /// member into the removed slot, never behind the cursor.
    private mutating func dischargeProgram(_ v: Int, _ epsilon: Int64) {
        let p = v - studentCount
        let arc = first[v]
        while excess[v] > 0 {
            if arcs[arc].residual > 0 && reducedCost(arc, from: v) < 0 {
                push(arc, from: v, amount: min(excess[v], Int(arcs[arc].residual)))
                continue
            }
            var slot = current[v]
            while excess[v] > 0 && slot < members[p].count {
                if reducedCost(backTo: members[p][slot], from: v) < 0 {
                    pushBack(slot, of: p)
                } else {
                    slot += 1
                }
            }
            current[v] = slot
            guard excess[v] > 0 else { return }
            var highest = Int64.min
            if arcs[arc].residual > 0 { highest = price[sink] - arcs[arc].cost }
            for member in members[p] {
                highest = max(highest, price[Int(member.student)] + member.cost)
            }
            price[v] = highest - epsilon
            relabels += 1
            current[v] = 0
        }
    }

    /// The generic discharge, for the source and the sink.
    private mutating func discharge(_ v: Int, _ epsilon: Int64) {
        let end = first[v + 1]
        while excess[v] > 0 {
            var a = current[v]
            while a < end && !(arcs[a].residual > 0 && reducedCost(a, from: v) < 0) { a += 1 }
            if a == end {
                var highest = Int64.min
                for arc in arcs[first[v]..<end] where arc.residual > 0 {
                    highest = max(highest, price[Int(arc.head)] - arc.cost)
                }
                price[v] = highest - epsilon
                current[v] = first[v]
                continue
            }
            current[v] = a
            push(a, from: v, amount: min(excess[v], Int(arcs[a].residual)))
        }
    }
}
