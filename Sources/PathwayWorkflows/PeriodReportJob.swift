import Foundation
import PathwayCore
import PathwayReport
import PathwayStorage

/// `pathway report period --from … --to …`: the follow-up loop's figures for a month or a
/// quarter, per vocational school, junior school and township, as an HTML page or a workbook.
/// Aggregates only; the export is still recorded in the audit log.
public struct PeriodReportJob: Sendable {
    /// What the report is written as.
    public enum Format: String, Sendable, CaseIterable {
        case html
        case xlsx
    }

    public var from: CalendarDate
    public var to: CalendarDate
    public var cohort: Int?
    public var format: Format
    public var language: Language

    public init(from: CalendarDate, to: CalendarDate, cohort: Int? = nil, format: Format, language: Language) {
        self.from = from
        self.to = to
        self.cohort = cohort
        self.format = format
        self.language = language
    }

    /// The figures alone (for `--json` and tests).
    public func figures(in workspace: Workspace) throws -> (PeriodFigures, FollowupDay) {
        let day = try FollowupDay.judging(to, in: workspace)
        let facts = try workspace.ledger.facts(.init(cohort: cohort), on: to, timeZone: day.timeZone)
        let names = Dictionary(try workspace.directory.schools().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        return (PeriodFigures(facts: facts, from: from, to: to, deadlines: day.deadlines, schoolNames: names), day)
    }

    /// Writes the report to `path` (whole or not at all); returns its figures.
    @discardableResult
    public func run(in workspace: Workspace, to path: String) throws -> PeriodFigures {
        let (figures, day) = try figures(in: workspace)
        let bytes: [UInt8] = switch format {
        case .html:
            Array(PeriodReport.html(
                figures, region: workspace.region.rawValue, generatedAt: Date(), timeZone: day.timeZone,
                deadlines: day.deadlines).utf8)
        case .xlsx: try PeriodWorkbook.bytes(figures, language: language)
        }
        try workspace.connection.withTransaction { connection in
            try AtomicFile.write(to: path) { try $0.write(contentsOf: Data(bytes)) }
            var details: [String: JSONValue] = [
                "format": .string(format.rawValue), "from": .string(from.description), "to": .string(self.to.description),
                "output": .string(URL(fileURLWithPath: path).lastPathComponent),
            ]
            if let cohort { details["cohort"] = .integer(cohort) }
            try AuditLog.record(connection, actor: workspace.actor, action: "report.period", region: workspace.region, details: details)
        }
        return figures
    }
}
