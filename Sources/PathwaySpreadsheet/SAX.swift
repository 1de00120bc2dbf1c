import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// What a part's reader does with the parser's events. Element names arrive without their
/// namespace prefix.
protocol SAXHandler: AnyObject {
    /// The error that made the handler stop the parse, if it stopped it.
    var failure: SpreadsheetError? { get }
    func startElement(_ name: String, attributes: [String: String], parser: XMLParser)
    func endElement(_ name: String, parser: XMLParser)
    func characters(_ text: String)
}

extension SAXHandler {
    func endElement(_ name: String, parser: XMLParser) {}
    func characters(_ text: String) {}
}

/// Streaming XML parsing with Foundation's `XMLParser`, so that no document tree of a large
/// sheet is ever built.
///
/// Two properties of `XMLParser` on Linux (swift-corelibs-foundation over libxml2) shape this.
/// It parses in recovery mode, so `parse()` can return true for XML that is not well-formed;
/// the errors (and warnings) still reach the delegate. And without libxml2's "huge" option,
/// which it does not expose, it reports an internal error at the very end of any document over
/// 10 MB, after every element has been delivered. So a part is malformed when an error is
/// reported while its root element is still open; errors after the root element has closed
/// are ignored, since nothing but comments may follow it anyway.
enum SAX {
    /// Parses `data`, the part named `part`, feeding `handler`; throws the handler's failure, or
    /// `malformed` when the XML is not well-formed.
    static func parse(_ data: Data, part: String, with handler: some SAXHandler) throws(SpreadsheetError) {
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        let driver = Driver(handler)
        parser.delegate = driver
        let succeeded = parser.parse()
        parser.delegate = nil
        if let failure = handler.failure { throw failure }
        if let error = driver.firstError {
            throw SpreadsheetError.malformed(
                part, "not well-formed XML near line \(error.line), column \(error.column)")
        }
        guard driver.rootClosed || succeeded else {
            throw SpreadsheetError.malformed(part, "the XML ends before its root element is closed")
        }
        guard driver.rootClosed else {
            throw SpreadsheetError.malformed(part, "the XML has no root element")
        }
    }

    /// An element name without its namespace prefix (`x:row` → `row`): namespace processing is
    /// off for speed, and some writers (.NET's Open XML SDK) prefix every element.
    static func localName(_ name: String) -> String {
        switch name {
        // The names of a sheet's bulk, checked first so that most elements cost no scan.
        case "c", "v", "row", "f", "is", "t", "r", "si": return name
        default:
            guard let colon = name.utf8.lastIndex(of: UInt8(ascii: ":")) else { return name }
            return String(name[name.utf8.index(after: colon)...])
        }
    }

    /// The value of the attribute whose local name is `name`, whatever its prefix (`r:id`,
    /// `ns1:id`); a prefixed attribute is only taken when there is no unprefixed one.
    static func attribute(_ name: String, in attributes: [String: String]) -> String? {
        if let value = attributes[name] { return value }
        let suffix = ":" + name
        return attributes.first { $0.key.hasSuffix(suffix) }?.value
    }

    /// The parser's delegate: tracks the element depth for the error rule above and forwards
    /// events to the handler. One non-generic class conforming to `XMLParserDelegate` itself,
    /// because on Linux the delegate methods are protocol requirements with default
    /// implementations that a subclass could not override.
    private final class Driver: NSObject, XMLParserDelegate {
        let handler: any SAXHandler
        var depth = 0
        var rootClosed = false
        var firstError: (line: Int, column: Int)?

        init(_ handler: any SAXHandler) {
            self.handler = handler
        }

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes attributeDict: [String: String]
        ) {
            depth += 1
            handler.startElement(SAX.localName(elementName), attributes: attributeDict, parser: parser)
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
        ) {
            handler.endElement(SAX.localName(elementName), parser: parser)
            depth -= 1
            if depth == 0 { rootClosed = true }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            handler.characters(string)
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            handler.characters(String(decoding: CDATABlock, as: UTF8.self))
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            guard !Self.isWarning((parseError as NSError).code) else { return }
            if !rootClosed, firstError == nil, handler.failure == nil {
                firstError = (parser.lineNumber, parser.columnNumber)
            }
        }

        /// libxml2's codes for warnings (an unknown XML version, an odd `xml:space` value, a
        /// relative namespace URI) and namespace errors (an undeclared prefix), which arrive
        /// through the same callback but do not make a part unreadable: elements are matched by
        /// local name anyway.
        static func isWarning(_ code: Int) -> Bool {
            switch code {
            case 27, 93, 97, 98, 99, 100, 101, 102, 106, 107, 200...299: true
            default: false
            }
        }
    }
}
