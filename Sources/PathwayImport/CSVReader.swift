import Foundation

/// Reads the bytes of a CSV file exported by Excel, WPS or the student-status system into a
/// `CSVTable`.
///
/// Use it for every imported file: it accepts what those programs actually write (UTF-8 with or
/// without a byte order mark, GBK/GB18030 from a Chinese Windows, CRLF or LF, RFC 4180 quoting
/// with commas, quotes and line breaks inside fields) and numbers records the way the
/// spreadsheet does, so that an error can point at the row a person will look at.
///
/// The reader works on bytes and decodes a GB18030 file to UTF-8 once, up front; 100,000
/// student rows take a fraction of a second. It keeps no state between calls.
public struct CSVReader: Sendable {
    /// How to decode the bytes.
    public var encoding: Encoding
    /// The field separator.
    public var delimiter: Delimiter

    public init(encoding: Encoding = .auto, delimiter: Delimiter = .comma) {
        self.encoding = encoding
        self.delimiter = delimiter
    }

    /// Reads a whole file.
    ///
    /// - Parameters:
    ///   - bytes: the file's contents.
    ///   - fileName: the name to put in issues, usually the file's last path component.
    /// - Throws: an `ImportIssue` when the file cannot be read at all: it is empty, cannot be
    ///   decoded, or a quoted field is never closed (every later row would be swallowed).
    ///   Problems confined to one row are returned in `CSVTable.issues` instead.
    public func read(_ bytes: [UInt8], fileName: String) throws(ImportIssue) -> CSVTable {
        let decoded = try decode(bytes, fileName: fileName)
        let parser = CSVParser(fileName: fileName, delimiter: delimiter.byte)
        return try decoded.bytes.withUnsafeBufferPointer { (buffer) throws(ImportIssue) -> CSVTable in
            let body = UnsafeBufferPointer(rebasing: buffer[decoded.start...])
            return try parser.parse(body, encoding: decoded.encoding)
        }
    }

    /// Reads a file record by record: `record` gets each one (with the header's fields and row
    /// number) as soon as it is read, so that checking and writing can start before the end of
    /// a large file. Returns the table without its rows; stops early once `record` returns false.
    ///
    /// - Throws: as `read(_:fileName:)`; records before an unclosed quote have been handed over.
    public func read(
        _ bytes: [UInt8], fileName: String, record: (CSVRow, _ header: (fields: [String], row: Int)) -> Bool
    ) throws(ImportIssue) -> CSVTable {
        let decoded = try decode(bytes, fileName: fileName)
        let parser = CSVParser(fileName: fileName, delimiter: delimiter.byte)
        return try decoded.bytes.withUnsafeBufferPointer { (buffer) throws(ImportIssue) -> CSVTable in
            let body = UnsafeBufferPointer(rebasing: buffer[decoded.start...])
            return try parser.scan(body, encoding: decoded.encoding, record: record)
        }
    }

    /// Reads a whole file from `Data` (as `FileManager` or `URLSession` hand it over).
    public func read(_ data: Data, fileName: String) throws(ImportIssue) -> CSVTable {
        try read([UInt8](data), fileName: fileName)
    }
}
