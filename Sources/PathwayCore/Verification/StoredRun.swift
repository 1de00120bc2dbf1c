/// A run as the database holds it, for `RunVerifier`: nothing computed, only what was stored.
public struct StoredRun: Sendable, Hashable {
    /// A programme of the run, with the seats and batch the run gave it.
    public struct Program: Sendable, Hashable {
        public var id: String
        public var seats: Int
        public var batch: Int
        /// The certificate's price `v`, for an `optimal` run.
        public var price: Int64?

        public init(id: String, seats: Int, batch: Int, price: Int64?) {
            self.id = id
            self.seats = seats
            self.batch = batch
            self.price = price
        }
    }

    /// A student of the run and where they were placed.
    public struct Assignment: Sendable, Hashable {
        public var studentID: String
        public var programID: String?
        public var studentRank: Int?
        public var lottery: UInt64?
        /// The certificate's price `u`, for an `optimal` run.
        public var price: Int64?
        /// For a `parallel` run.
        public var admission: AdmissionRecord?

        public init(
            studentID: String, programID: String?, studentRank: Int?, lottery: UInt64?, price: Int64?, admission: AdmissionRecord?
        ) {
            self.studentID = studentID
            self.programID = programID
            self.studentRank = studentRank
            self.lottery = lottery
            self.price = price
            self.admission = admission
        }
    }

    public var runID: Int64
    public var settings: MatchSettings
    public var programs: [Program]
    public var candidates: [Candidate]
    public var assignments: [Assignment]

    public init(runID: Int64, settings: MatchSettings, programs: [Program], candidates: [Candidate], assignments: [Assignment]) {
        self.runID = runID
        self.settings = settings
        self.programs = programs
        self.candidates = candidates
        self.assignments = assignments
    }
}

/// What a `parallel` run records about a student to order and place them, stored with the run
/// so that `match verify` needs nothing else.
public struct AdmissionRecord: Sendable, Hashable {
    /// The total score, then the tie-break subjects' marks; nil where missing.
    public var keys: [Double?]
    /// The student's wishes as candidate programmes, in the order listed.
    public var wishes: [String]
    public var acceptsReassignment: Bool

    public init(keys: [Double?], wishes: [String], acceptsReassignment: Bool) {
        self.keys = keys
        self.wishes = wishes
        self.acceptsReassignment = acceptsReassignment
    }
}


extension StoredRun {
    /// The rows a run of `result` stores, as `MatchRunStore` writes them.
    public init(_ result: MatchResult, runID: Int64 = 0) {
        let set = result.candidateSet
        let lottery = result.settings.lottery
        let assignments = result.assignments ?? set.studentIDs.map {
            PathwayCore.Assignment(studentID: $0, programID: nil, schoolID: nil, score: nil, studentRank: nil)
        }
        self.init(
            runID: runID, settings: result.settings,
            programs: set.programIDs.indices.map {
                Program(id: set.programIDs[$0], seats: set.seats[$0], batch: set.batches[$0],
                        price: result.certificate?.programPrices[$0])
            },
            candidates: result.candidates,
            assignments: assignments.enumerated().map { s, a in
                Assignment(
                    studentID: a.studentID, programID: a.programID, studentRank: a.studentRank,
                    lottery: lottery?.number(forStudent: a.studentID), price: result.certificate?.studentPrices[s],
                    admission: result.admissions?[s])
            })
    }
}
