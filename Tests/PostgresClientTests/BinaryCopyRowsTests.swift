import PathwayTestSupport
import PostgresClient
import Testing

@Suite("Binary COPY rows")
struct BinaryCopyRowsTests {
    let target: ConnectionTarget

    init() throws {
        target = try TestDatabase.makeDatabase("binary_copy")
    }

    /// Every kind of field an import writes, with the awkward values, reads back as written.
    @Test func everyFieldKindRoundTrips() throws {
        let connection = try target.connect()
        try connection.execute(
            """
            CREATE TABLE copied (id int4, big int8, note text, score float8, flag bool, day date,
                                 tags text[], doc jsonb)
            """)
        let notes: [String?] = ["王 \r\n 李\t\\N", nil, "", "she said \"yes\"", "𠀀"]
        let scores: [Double?] = [36.5, nil, -0.0, 1e-300, 0.1 + 0.2]
        let days: [(Int, Int, Int)?] = [(2000, 1, 1), nil, (1999, 12, 31), (2011, 3, 6), (1900, 2, 28)]
        let tags: [[String]] = [[], ["P0001"], ["a,b", "quote\"d", "back\\slash", "{brace}", "王"], ["NULL"], [""]]
        let marks: [[(String, Double)]] = [
            [("math", 78), ("chinese", 36.5), ("pe", 0.05), ("art", -3)],
            [],
            [("odd \"key\"\n", 0.1 + 0.2), ("huge", 1e20), ("exact", 1234567.89)],
            [("nan", .nan)],
            [("语文", 92)],
        ]
        var rows = BinaryCopyRows()
        for index in notes.indices {
            rows.beginRow(fields: 8)
            rows.int4(index)
            rows.int8(Int64(index) << 40)
            rows.text(notes[index])
            rows.float8(scores[index])
            rows.bool(index.isMultiple(of: 2))
            if let (year, month, day) = days[index] { rows.date(year: year, month: month, day: day) } else { rows.null() }
            rows.textArray(tags[index])
            rows.jsonb { json in
                json.appendJSON("{")
                for (position, (key, value)) in marks[index].enumerated() {
                    if position > 0 { json.appendJSON(",") }
                    json.appendJSONString(key)
                    json.appendJSON(":")
                    json.appendJSONNumber(value)
                }
                json.appendJSON("}")
            }
        }
        rows.end()
        let copied = try connection.copyIn("COPY copied FROM STDIN (FORMAT binary)") { writer in
            try rows.send(to: &writer, force: true)
        }
        #expect(copied == notes.count)

        let result = try connection.query(
            "SELECT id, big, note, score, flag, day, cardinality(tags) AS tag_count FROM copied ORDER BY id")
        for (index, row) in result.rows.enumerated() {
            #expect(try row.decode("big", as: Int64.self) == Int64(index) << 40)
            #expect(try row.decode("note", as: String?.self) == notes[index])
            #expect(try row.decode("score", as: Double?.self)?.bitPattern == scores[index]?.bitPattern)
            #expect(try row.decode("flag", as: Bool.self) == index.isMultiple(of: 2))
            let day = try row.decode("day", as: PostgresDate?.self)
            #expect(day.map { [$0.year, $0.month, $0.day] } == days[index].map { [$0.0, $0.1, $0.2] })
            #expect(try row.decode("tag_count", as: Int.self) == tags[index].count)
        }

        for (index, expected) in tags.enumerated() where !expected.isEmpty {
            let elements = try connection.query(
                "SELECT tag FROM copied, unnest(tags) WITH ORDINALITY AS u(tag, position) WHERE id = $1 ORDER BY position",
                [index])
            #expect(try elements.rows.map { try $0.decode("tag", as: String.self) } == expected)
        }

        for (index, expected) in marks.enumerated() {
            for (key, value) in expected {
                let member = try connection.query(
                    "SELECT jsonb_typeof(doc -> $2) AS kind, (doc ->> $2)::float8 AS value FROM copied WHERE id = $1",
                    [index, key])
                if value.isFinite {
                    #expect(try member.rows[0].decode("value", as: Double.self) == value, "\(key)")
                } else {
                    #expect(try member.rows[0].decode("kind", as: String.self) == "null")
                }
            }
        }
    }

    /// Marks go over as short decimals, not as Swift's long forms of the same double.
    @Test func reportCardNumbersAreWrittenShort() {
        func json(_ value: Double) -> String {
            var rows = BinaryCopyRows()
            let header = rows.bytes.count
            rows.jsonb { $0.appendJSONNumber(value) }
            return String(decoding: rows.bytes[(header + 5)...], as: UTF8.self)
        }
        #expect(json(78) == "78")
        #expect(json(36.5) == "36.5")
        #expect(json(0.05) == "0.05")
        #expect(json(-3.25) == "-3.25")
        #expect(json(0) == "0")
        #expect(json(0.1 + 0.2) == "0.30000000000000004")
        #expect(json(1e20) == "1e+20")
        #expect(json(.infinity) == "null")
    }
}
