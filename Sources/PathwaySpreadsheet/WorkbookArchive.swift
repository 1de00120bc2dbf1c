import Foundation
import ZIPFoundation

/// A workbook's zip archive: its parts found by path and decompressed in memory under a size
/// limit.
///
/// ZIPFoundation does the zip work; this type adds what a spreadsheet reader needs on top: part
/// names matched the way OPC defines them (case-insensitively, with or without a leading `/`,
/// tolerating the backslashes some writers use), and a cap on each decompressed part so that a
/// small zip bomb cannot exhaust memory. The cap is enforced while decompressing, not only from
/// the size the zip claims, because that size can lie.
struct WorkbookArchive {
    /// The largest decompressed part accepted. Real sheets of Excel's maximum size stay well
    /// below it; compressed, such a part would still be a few megabytes.
    static let partLimit = 512 * 1024 * 1024

    /// The first bytes of an OLE compound file: an .xls, or an encrypted .xlsx.
    static let oleSignature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    private let archive: Archive
    private let entries: [String: Entry]

    /// Opens `bytes` as a zip archive; an OLE file is reported as `encrypted`, anything else
    /// that is not a zip as `notAWorkbook`.
    init(_ bytes: [UInt8]) throws(SpreadsheetError) {
        if bytes.starts(with: Self.oleSignature) { throw SpreadsheetError(.encrypted) }
        guard XLSXReader.looksLikeWorkbook(bytes) else { throw SpreadsheetError(.notAWorkbook) }
        let archive: Archive
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw SpreadsheetError(.notAWorkbook)
        }
        var entries: [String: Entry] = [:]
        for entry in archive where entry.type != .directory {
            let key = Self.key(entry.path)
            if entries[key] == nil { entries[key] = entry }
        }
        self.archive = archive
        self.entries = entries
    }

    /// Whether the archive has a part at `path`.
    func contains(_ path: String) -> Bool {
        entries[Self.key(path)] != nil
    }

    /// The decompressed bytes of the part at `path`, or nil when there is no such part.
    func part(_ path: String) throws(SpreadsheetError) -> Data? {
        guard let entry = entries[Self.key(path)] else { return nil }
        let limit = Self.partLimit
        guard entry.uncompressedSize <= UInt64(limit) else { throw Self.tooLarge }
        var result = Data()
        result.reserveCapacity(min(Int(entry.uncompressedSize), 64 * 1024 * 1024))
        do {
            _ = try archive.extract(entry, bufferSize: 64 * 1024) { chunk in
                guard result.count + chunk.count <= limit else { throw PartTooLarge() }
                result.append(chunk)
            }
        } catch is PartTooLarge {
            throw Self.tooLarge
        } catch {
            throw SpreadsheetError.malformed(path, "cannot be decompressed")
        }
        return result
    }

    private static var tooLarge: SpreadsheetError {
        .tooLarge("512 MiB in one decompressed part", chinese: "单个部件解压后 512 MiB 的上限")
    }

    /// Thrown from inside the extraction when the part passes the limit.
    private struct PartTooLarge: Error {}

    /// The lookup key of a part name: no leading slash, forward slashes, lower case.
    private static func key(_ path: String) -> String {
        var path = path.replacingOccurrences(of: "\\", with: "/")
        while path.hasPrefix("/") { path.removeFirst() }
        return path.lowercased()
    }

    /// The part a relationship `target` names, resolved against the part `base` whose
    /// relationships it is (`xl/workbook.xml` + `worksheets/sheet1.xml` →
    /// `xl/worksheets/sheet1.xml`). Absolute targets (`/xl/...`) start from the archive root.
    static func resolve(_ target: String, relativeTo base: String) -> String {
        var target = target.replacingOccurrences(of: "\\", with: "/")
        if target.contains("%"), let decoded = target.removingPercentEncoding { target = decoded }
        var segments: [Substring]
        if target.hasPrefix("/") {
            segments = []
        } else {
            segments = base.split(separator: "/", omittingEmptySubsequences: true)
            if !segments.isEmpty { segments.removeLast() }
        }
        for segment in target.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }
}
