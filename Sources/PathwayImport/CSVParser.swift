/// The byte-level RFC 4180 scanner behind `CSVReader`.
///
/// It walks UTF-8 bytes with a pointer instead of iterating `Character`s, which would cost
/// grapheme breaking on every byte of a 20 MB file. All the bytes it looks for (`"`, the
/// delimiter, CR, LF) are ASCII, and ASCII bytes never occur inside a multi-byte UTF-8 sequence,
/// so field boundaries found on bytes are always character boundaries.
///
/// Where RFC 4180 is silent or strict it does what Excel does: a quote that is not the first
/// byte of a field is an ordinary character, text after a closing quote is appended to the field
/// (`"ab"c` reads `abc`), and a lone CR ends a record like LF and CRLF do.
struct CSVParser {
    let fileName: String
    let delimiter: UInt8

    private static let quote = UInt8(ascii: "\"")
    private static let cr: UInt8 = 0x0D
    private static let lf: UInt8 = 0x0A

    /// Reads every record into the table.
    func parse(
        _ buffer: UnsafeBufferPointer<UInt8>, encoding: CSVTable.SourceEncoding
    ) throws(ImportIssue) -> CSVTable {
        var rows: [CSVRow] = []
        var table = try scan(buffer, encoding: encoding) { row, _ in
            rows.append(row)
            return true
        }
        table.rows = rows
        return table
    }

    /// Hands each record to `record` (with the header) as soon as it is read, and returns the
    /// table without rows. Stops early, without error, once `record` returns false.
    func scan(
        _ buffer: UnsafeBufferPointer<UInt8>, encoding: CSVTable.SourceEncoding,
        record: (CSVRow, _ header: (fields: [String], row: Int)) -> Bool
    ) throws(ImportIssue) -> CSVTable {
        let quote = Self.quote, cr = Self.cr, lf = Self.lf, delimiter = self.delimiter
        let end = buffer.count
        guard let base = buffer.baseAddress, end > 0 else {
            throw ImportIssue(
                file: fileName, message: "the file is empty; expected a header row",
                chineseMessage: "文件是空的；应当有一行表头")
        }

        var header: [String]?
        var headerRow = 0
        var titles: [CSVRow] = []
        var issues: [ImportIssue] = []
        var skippedBlankRows = 0
        var scratch: [UInt8] = []
        var index = 0
        var line = 1
        var recordNumber = 0

        records: while index < end {
            recordNumber += 1
            let recordLine = line
            var fields: [String] = []
            fields.reserveCapacity(header?.count ?? 16)

            fieldLoop: while true {
                if index < end, base[index] == quote {
                    let quoteLine = line
                    index += 1
                    scratch.removeAll(keepingCapacity: true)
                    var sawCR = false
                    var segmentStart = index
                    while true {
                        while index < end {
                            let byte = base[index]
                            if byte == quote { break }
                            if byte == lf {
                                line += 1
                            } else if byte == cr {
                                sawCR = true
                                if index + 1 >= end || base[index + 1] != lf { line += 1 }
                            }
                            index += 1
                        }
                        scratch.append(
                            contentsOf: UnsafeBufferPointer(
                                start: base + segmentStart, count: index - segmentStart))
                        if index >= end {
                            throw unterminatedQuote(
                                row: recordNumber, fieldIndex: fields.count, header: header,
                                line: quoteLine, text: scratch)
                        }
                        if index + 1 < end, base[index + 1] == quote {
                            scratch.append(quote)
                            index += 2
                            segmentStart = index
                        } else {
                            index += 1
                            break
                        }
                    }
                    // Excel keeps whatever follows the closing quote up to the delimiter.
                    let tailStart = index
                    while index < end {
                        let byte = base[index]
                        if byte == delimiter || byte == cr || byte == lf { break }
                        index += 1
                    }
                    if index > tailStart {
                        scratch.append(
                            contentsOf: UnsafeBufferPointer(
                                start: base + tailStart, count: index - tailStart))
                    }
                    if sawCR { Self.normaliseLineBreaks(&scratch) }
                    fields.append(String(decoding: scratch, as: UTF8.self))
                } else {
                    let start = index
                    while index < end {
                        let byte = base[index]
                        if byte == delimiter || byte == cr || byte == lf { break }
                        index += 1
                    }
                    if index == start {
                        fields.append("")
                    } else {
                        fields.append(
                            String(
                                decoding: UnsafeBufferPointer(start: base + start, count: index - start),
                                as: UTF8.self))
                    }
                }

                if index >= end { break fieldLoop }
                let byte = base[index]
                index += 1
                if byte == delimiter { continue fieldLoop }
                if byte == cr, index < end, base[index] == lf { index += 1 }
                line += 1
                break fieldLoop
            }

            if fields.allSatisfy(\.isEmpty) {
                if header != nil { skippedBlankRows += 1 }
                continue
            }
            guard let header else {
                // A title above the header (`XX县2026届初中毕业生名单`, in one merged cell) is a
                // row with one value; the header is the first row with several.
                if HeaderLocator.isTitle(fields) {
                    titles.append(CSVRow(number: recordNumber, line: recordLine, fields: fields))
                    guard titles.count > HeaderLocator.maximumTitleRows else { continue }
                    // More rows of one value than titles can be: the first was the header.
                    let first = titles[0]
                    header = first.fields
                    headerRow = first.number
                    for row in titles.dropFirst() where !record(row, (first.fields, first.number)) { break records }
                    titles.removeAll()
                    continue
                }
                header = fields
                headerRow = recordNumber
                titles.removeAll()
                continue
            }
            if fields.count > header.count,
               let extra = fields[header.count...].firstIndex(where: { !$0.isEmpty }) {
                issues.append(
                    ImportIssue(
                        file: fileName, row: recordNumber, column: "column \(extra + 1)",
                        value: fields[extra],
                        message: "is beyond the \(header.count) columns the header names "
                            + "(an unquoted comma in an earlier value?)",
                        chineseMessage: "超出了表头的 \(header.count) 列（是不是前面某个值里有没加引号的逗号？）"))
            }
            guard record(CSVRow(number: recordNumber, line: recordLine, fields: fields), (header, headerRow)) else { break }
        }

        if header == nil, let first = titles.first {
            // Only rows of one value: the first was the header after all.
            header = first.fields
            headerRow = first.number
            for row in titles.dropFirst() {
                guard record(row, (first.fields, first.number)) else { break }
            }
        }
        guard let header else {
            throw ImportIssue(
                file: fileName, message: "the file has no header row: every line is blank",
                chineseMessage: "文件没有表头：每一行都是空的")
        }
        return CSVTable(
            fileName: fileName, encoding: encoding, header: header, headerRow: headerRow,
            rows: [], skippedBlankRows: skippedBlankRows, issues: issues)
    }

    /// Rewrites CRLF and lone CR inside a quoted field as LF, so that a note reads the same
    /// whether the file went through Windows or not.
    private static func normaliseLineBreaks(_ bytes: inout [UInt8]) {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == cr {
                output.append(lf)
                if index + 1 < bytes.count, bytes[index + 1] == lf { index += 1 }
            } else {
                output.append(byte)
            }
            index += 1
        }
        bytes = output
    }

    private func unterminatedQuote(
        row: Int, fieldIndex: Int, header: [String]?, line: Int, text: [UInt8]
    ) -> ImportIssue {
        var column = "column \(fieldIndex + 1)"
        if let header, fieldIndex < header.count {
            let name = header[fieldIndex].trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { column = name }
        }
        // Show the start of the runaway field: up to its first line break.
        let firstLine = text.prefix(while: { $0 != Self.lf && $0 != Self.cr })
        return ImportIssue(
            file: fileName, row: row, column: column,
            value: String(decoding: firstLine, as: UTF8.self),
            message: "opens a quote on line \(line) that is never closed; "
                + "a quote inside a quoted value must be doubled (\"\")",
            chineseMessage: "的引号（从文件的第\(line)行开始）一直没有结束；用引号括起来的值里面的引号要写两次（\"\"）")
    }
}
