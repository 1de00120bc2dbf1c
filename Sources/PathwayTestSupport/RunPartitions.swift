import PostgresClient

/// For tests that write a match run's rows by hand, with SQL, rather than through
/// `pathway match run`: since migration 0004 a run's candidates and assignments live in a
/// partition of their own, which must exist before the first row.
public enum RunPartitions {
    /// Creates the run's `candidates` and `assignments` partitions.
    public static func create(_ connection: PostgresConnection, runID: Int) throws {
        for table in ["candidates", "assignments"] {
            // DDL takes no parameters; the run id is an integer.
            try connection.execute("CREATE TABLE \(table)_run_\(runID) PARTITION OF \(table) FOR VALUES IN (\(runID))")
        }
    }
}
