import Foundation
import Hummingbird
import PathwayCore
import PathwayImport
import PathwayLetters
import PathwayStorage
import PathwayWorkflows

/// The task pages and the data pages: an upload is checked whole as a task (the preview: every
/// problem with its row, column and value, and what would change), then applied all or nothing
/// as another, from the copy the server kept.
extension ConsoleController {
    // MARK: Tasks

    @Sendable func taskList(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.staff(context)
        let frame = frame(request, session)
        let list = tasks.list(for: session.account).map { Self.taskLine($0, frame.language) }
        return pages.render("console_tasks", title: frame.word("tasks"), values: ["tasks": list, "empty": list.isEmpty], frame: frame)
    }

    /// A task's page: its progress while it runs (the page reloads itself every two seconds),
    /// then what it produced or why it failed.
    @Sendable func task(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.staff(context)
        let frame = frame(request, session)
        let language = frame.language
        guard let snapshot = tasks.snapshot(Int(try Self.number(context)), for: session.account) else { throw PortalError.notFound }
        var values = Self.taskLine(snapshot, language)
        switch snapshot.state {
        case .running:
            values["running"] = true
            values["refresh"] = 2
            values["progress"] = ConsoleText.step(snapshot.step, done: snapshot.done, total: snapshot.total, language)
            if let total = snapshot.total, total > 0 {
                values["done"] = snapshot.done
                values["total"] = total
            }
        case .failed(let error):
            values["failed"] = ConsoleMessages.describe(error, language)
            if case WorkflowError.refusedFile(_, let diagnostics) = error {
                values["issues"] = Self.issueLines(diagnostics.sorted, language)
                values["hasIssues"] = true
                if diagnostics.omittedCount > 0 { values["omitted"] = diagnostics.omittedCount }
            }
        case .succeeded(let product):
            values["succeeded"] = true
            switch product {
            case .imported(let summary, let kind, let upload, let warnings):
                var imported: [String: Any] = [
                    "rows": summary.rows, "inserted": summary.inserted, "updated": summary.updated,
                    "unchanged": summary.unchanged, "missing": summary.missing, "kind": ConsoleText.importKind(kind, language),
                    "file": summary.file,
                ]
                if let pruned = summary.pruned { imported["pruned"] = pruned }
                if !warnings.isEmpty {
                    imported["warnings"] = Self.issueLines(warnings, language)
                    imported["hasWarnings"] = true
                }
                if summary.dryRun, let upload { imported["upload"] = upload }
                if summary.dryRun { imported["preview"] = true }
                values["imported"] = imported
            case .matched(let run):
                values["matched"] = Self.runValues(run, language)
            case .backup(let file, let bytes):
                values["backup"] = [
                    "name": file.lastPathComponent, "megabytes": String(format: "%.1f", Double(bytes) / 1_048_576),
                    "url": "/console/tasks/\(snapshot.id)/files/0",
                ]
            case .letters(let batch, _):
                values["letters"] = [
                    "count": batch.letters.count,
                    "files": batch.prints.enumerated().map { index, print -> [String: Any] in
                        [
                            "name": print.file.lastPathComponent, "letters": print.letters,
                            "url": "/console/tasks/\(snapshot.id)/files/\(index)",
                        ]
                    },
                ] as [String: Any]
            }
        }
        return pages.render("console_task", title: values["title"] as? String ?? "", values: values, frame: frame)
    }

    /// One print file of a finished letters task.
    @Sendable func taskFile(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.staff(context)
        guard let snapshot = tasks.snapshot(Int(try Self.number(context)), for: session.account),
              case .succeeded(let product) = snapshot.state,
              let text = context.parameters.get("file"), let index = Int(text)
        else { throw PortalError.notFound }
        let file: URL
        switch product {
        case .letters(let batch, _) where batch.prints.indices.contains(index): file = batch.prints[index].file
        case .backup(let dump, _) where index == 0 && session.account.role == .administrator: file = dump
        default: throw PortalError.notFound
        }
        guard FileManager.default.fileExists(atPath: file.path) else { throw PortalError.notFound }
        let type = switch file.pathExtension {
        case "html": "text/html; charset=utf-8"
        case "txt": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: type, .cacheControl: "no-store",
                .contentDisposition: Self.attachment(file.lastPathComponent),
                .contentSecurityPolicy: SecurityHeadersMiddleware<SchoolRequestContext>.inlineStylePolicy,
            ],
            // Read from disk in chunks as it is sent: a backup is the size of the database.
            body: try await FileIO().loadFile(path: file.path, context: context))
    }

    /// `attachment; filename="S01.html"; filename*=UTF-8''青岚职校.html`: an ASCII name for old
    /// browsers and the real one for the rest.
    static func attachment(_ name: String) -> String {
        let ascii = String(String.UnicodeScalarView(name.unicodeScalars.filter { (0x20...0x7E).contains($0.value) && $0 != "\"" && $0 != "\\" }))
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: ".-_"))) ?? ascii
        return "attachment; filename=\"\(ascii.isEmpty ? "download" : ascii)\"; filename*=UTF-8''\(encoded)"
    }

    static func taskLine(_ task: ConsoleTasks.Snapshot, _ language: Language) -> [String: Any] {
        var values: [String: Any] = [
            "id": task.id, "title": ConsoleText.taskTitle(task.kind, language), "started": TimeText.minute(task.startedAt),
            "url": "/console/tasks/\(task.id)",
        ]
        switch task.state {
        case .running: values["state"] = language == .chinese ? "进行中" : "running"
        case .succeeded: values["state"] = language == .chinese ? "已完成" : "done"
        case .failed: values["state"] = language == .chinese ? "未完成" : "failed"
        }
        if let finished = task.finishedAt { values["finished"] = TimeText.minute(finished) }
        return values
    }

    static func issueLines(_ issues: [ImportIssue], _ language: Language) -> [[String: String]] {
        issues.map { issue in
            [
                "severity": issue.severityName(in: language), "row": issue.row.map { String($0) } ?? "",
                "column": issue.column ?? "", "value": issue.value.map { String($0.prefix(ImportIssue.displayedValueLimit)) } ?? "",
                "message": issue.message(in: language),
            ]
        }
    }

    // MARK: Data

    @Sendable func dataForm(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.administrator(context)
        let frame = frame(request, session)
        return pages.render("console_data", title: frame.word("data"), values: ["kinds": Self.kindOptions(frame.language)], frame: frame)
    }

    static func kindOptions(_ language: Language) -> [[String: String]] {
        ImportJob.Kind.allCases.map { ["value": $0.rawValue, "label": ConsoleText.importKind($0, language)] }
    }

    /// Keeps the file and checks it as a task: a dry run of the same import, with every problem.
    @Sendable func dataPreview(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.administrator(context)
        let form = try await PortalForm(request, expectedToken: session.csrfToken, maximumBytes: Self.maximumUploadBytes)
        var frame = frame(request, session)
        guard let kind = form.value("kind").flatMap(ImportJob.Kind.init(rawValue:)) else { throw PortalError.badField("kind") }
        guard let file = form.file("file"), !file.bytes.isEmpty else {
            frame.problem = frame.word("chooseFile")
            return pages.render(
                "console_data", title: frame.word("data"), values: ["kinds": Self.kindOptions(frame.language)], frame: frame,
                status: .badRequest)
        }
        let upload = ConsoleUploads.Upload(
            kind: kind, fileName: String(file.name.suffix(200)), bytes: file.bytes, prune: form.value("prune") == "1",
            ownerID: session.account.id, region: session.account.region, at: Date())
        // Kept only once its check has started: a refused upload holds no memory.
        let key = TokenStore.randomToken()
        let id = try startImport(upload, key: key, dryRun: true, session: session)
        uploads.keep(upload, as: key)
        return .redirect(to: "/console/tasks/\(id)", type: .normal)
    }

    /// Applies a previewed upload, all or nothing, as a task.
    @Sendable func dataApply(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.administrator(context)
        let form = try await PortalForm(request, expectedToken: session.csrfToken)
        let frame = frame(request, session)
        guard let key = form.value("upload"), let upload = uploads.upload(key, for: session.account) else {
            throw PortalError.refused(frame.word("uploadGone"))
        }
        let id = try startImport(upload, key: key, dryRun: false, session: session)
        return .redirect(to: "/console/tasks/\(id)", type: .normal)
    }

    /// A county's students file of 100,000 rows is about 15 MB as CSV; the console takes up to 64 MB.
    static let maximumUploadBytes = 64 * 1024 * 1024

    private func startImport(_ upload: ConsoleUploads.Upload, key: String, dryRun: Bool, session: Session) throws -> Int {
        var job = ImportJob(kind: upload.kind, bytes: upload.bytes, fileName: upload.fileName, dryRun: dryRun, prune: upload.prune)
        // The preview showed how many records a prune removes; applying it is the confirmation.
        job.confirmPrune = true
        let uploads = self.uploads
        return try tasks.start(dryRun ? .importPreview : .importApply, region: session.account.region, owner: session.account) {
            [job] reporter in
            reporter.report(.importing)
            let (summary, warnings) = try await runAlone(session) { workspace -> (ImportSummary, [ImportIssue]) in
                var warnings: [ImportIssue] = []
                let summary = try job.run(in: workspace, warnings: { warnings = $0.warnings }) { written in
                    reporter.report(.importing, done: written)
                }
                return (summary, warnings)
            }
            if !dryRun { uploads.remove(key) }
            return .imported(summary, upload.kind, upload: dryRun ? key : nil, warnings: warnings)
        }
    }
}
