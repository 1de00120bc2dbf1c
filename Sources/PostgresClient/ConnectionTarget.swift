import CLibPQ
import Foundation
/// Which database to connect to: a URL or conninfo string, and optionally another database
/// on the same server (the demo's own, or a test suite's).
public struct ConnectionTarget: Sendable, Hashable, CustomStringConvertible {
    /// A URL (`postgresql://user@host/db`), a conninfo string, or empty for the `PG*` variables.
    public var conninfo: String
    /// Replaces the database that `conninfo` names, when set.
    public var database: String?

    public init(conninfo: String, database: String? = nil) {
        self.conninfo = conninfo
        self.database = database
    }

    /// The same server, another database.
    public func database(_ name: String) -> ConnectionTarget {
        ConnectionTarget(conninfo: conninfo, database: name)
    }

    /// Opens a connection.
    public func connect() throws(PostgresError) -> PostgresConnection {
        try PostgresConnection(conninfo, database: database)
    }

    /// The target as one string a libpq program takes (`pg_dump --dbname=…`): the conninfo or
    /// URL, with the database replaced when `database` is set.
    public var libpqConnectionString: String {
        guard let database else { return conninfo }
        if conninfo.contains("://") {
            let name = database.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? database
            return conninfo + (conninfo.contains("?") ? "&" : "?") + "dbname=" + name
        }
        // In a conninfo string the last dbname given wins.
        return conninfo + " dbname=" + ConnectionTarget.quoted(database)
    }

    /// The target for a libpq program's command line (`pg_dump --dbname=…`) without its
    /// password, and the password apart, to be handed over in `PGPASSWORD`: a command line is
    /// readable by every user of the machine (`ps`), the environment only by its owner. Parsed by
    /// libpq itself (`PQconninfoParse`), so URLs and `key=value` strings alike; a string libpq
    /// cannot parse is returned as it is, for the program to report.
    public var passwordSeparated: (conninfo: String, password: String?) {
        let text = libpqConnectionString
        var problem: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(text, &problem) else {
            if let problem { PQfreemem(problem) }
            return (text, nil)
        }
        defer { PQconninfoFree(options) }
        var parts: [String] = []
        var password: String?
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val {
                let key = String(cString: keyword)
                if key == "password" { password = String(cString: value) } else { parts.append("\(key)=\(Self.quoted(String(cString: value)))") }
            }
            option += 1
        }
        return (parts.joined(separator: " "), password)
    }

    /// A conninfo value in single quotes, with `\` and `'` escaped as libpq reads them.
    public static func quoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    /// The target with any password masked, safe to print.
    public var description: String {
        var text = conninfo
            .replacingOccurrences(of: #"(://[^:/@]*):[^@/]*@"#, with: "$1:***@", options: .regularExpression)
            .replacingOccurrences(of: #"password\s*=\s*('[^']*'|\S+)"#, with: "password=***", options: .regularExpression)
        if let database { text += " (database \(database))" }
        return text
    }
}
