/// The best K scored programmes seen so far for one student, kept in a heap with the worst on top.
///
/// "Better" is a total order: higher score, then lower programme index (the programmes are in id
/// order, so this is the "equal scores by program_id ascending"). Because the order is
/// total, the K kept are the same whatever order programmes are offered in, which lets the scorer
/// visit likely winners first and prune the rest.
struct TopCandidates {
    struct Entry {
        var program: Int32
        var score: Double
        var interest: Double
        var grades: Double
        var location: Double
        var distanceKm: Double
    }

    let limit: Int
    private(set) var entries: [Entry] = []

    init(limit: Int) {
        self.limit = limit
        entries.reserveCapacity(min(limit, 64))
    }

    mutating func removeAll() { entries.removeAll(keepingCapacity: true) }

    @inline(__always)
    static func isBetter(_ score: Double, _ program: Int32, than other: Entry) -> Bool {
        score > other.score || (score == other.score && program < other.program)
    }

    /// The same order for pairs outside the heap (explanations rank all eligible programmes).
    @inline(__always)
    static func isBetterPair(_ score: Double, _ program: Int, than otherScore: Double, _ otherProgram: Int) -> Bool {
        score > otherScore || (score == otherScore && program < otherProgram)
    }

    /// Whether K entries are held, so that bounds can start pruning.
    var isFull: Bool { entries.count >= limit }

    /// Score of the weakest kept entry; meaningful only when `isFull`.
    var weakestScore: Double { entries.first?.score ?? -Double.infinity }

    /// Whether an entry with this score and programme would be kept; used with an upper bound on
    /// the score to skip computing a distance that cannot matter.
    @inline(__always)
    func admits(score: Double, program: Int32) -> Bool {
        entries.count < limit || TopCandidates.isBetter(score, program, than: entries[0])
    }

    mutating func offer(_ entry: Entry) {
        if entries.count < limit {
            entries.append(entry)
            var child = entries.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard TopCandidates.isBetter(entries[parent].score, entries[parent].program, than: entries[child])
                else { break }
                entries.swapAt(parent, child)
                child = parent
            }
            return
        }
        guard TopCandidates.isBetter(entry.score, entry.program, than: entries[0]) else { return }
        entries[0] = entry
        var parent = 0
        while true {
            let left = 2 * parent + 1
            guard left < entries.count else { break }
            var worse = left
            let right = left + 1
            if right < entries.count,
                TopCandidates.isBetter(entries[left].score, entries[left].program, than: entries[right]) {
                worse = right
            }
            guard TopCandidates.isBetter(entries[parent].score, entries[parent].program, than: entries[worse])
            else { break }
            entries.swapAt(parent, worse)
            parent = worse
        }
    }

    /// The kept entries, best first.
    func ranked() -> [Entry] {
        entries.sorted { TopCandidates.isBetter($0.score, $0.program, than: $1) }
    }
}
