/// One `subject:number` entry of a `scores` or `key_subjects` cell, before it becomes a
/// `SubjectScore` or a `SubjectWeight`.
public struct SubjectNumber: Sendable, Hashable {
    /// Canonical subject name (see `SubjectName`).
    public var subject: String
    public var value: Double

    public init(subject: String, value: Double) {
        self.subject = subject
        self.value = value
    }
}
