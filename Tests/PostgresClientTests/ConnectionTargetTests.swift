import PostgresClient
import Testing

/// The database given to `pg_dump` and `pg_restore` on their command line, without its password.
@Suite("Connection targets for libpq's programs")
struct ConnectionTargetTests {
    @Test func thePasswordComesOutOfAURLAndAKeyValueString() {
        let url = ConnectionTarget(conninfo: "postgresql://pathway:s%40cret@db.example:5433/pathway?sslmode=require")
            .database("county")
        let fromURL = url.passwordSeparated
        #expect(fromURL.password == "s@cret")
        #expect(!fromURL.conninfo.contains("cret"))
        #expect(fromURL.conninfo.contains("host='db.example'") && fromURL.conninfo.contains("port='5433'"))
        #expect(fromURL.conninfo.contains("dbname='county'") && fromURL.conninfo.contains("sslmode='require'"))

        let keyValue = ConnectionTarget(conninfo: #"host=/tmp/pg user=ann password='it\'s a secret' dbname=x"#).passwordSeparated
        #expect(keyValue.password == "it's a secret")
        #expect(!keyValue.conninfo.contains("secret") && keyValue.conninfo.contains("user='ann'"))

        let none = ConnectionTarget(conninfo: "host=/tmp/pg dbname=x").passwordSeparated
        #expect(none.password == nil && none.conninfo.contains("dbname='x'"))
        #expect(ConnectionTarget(conninfo: "").passwordSeparated == ("", nil), "empty: the PG* variables decide")
        let unparsable = ConnectionTarget(conninfo: "host=").passwordSeparated
        #expect(unparsable.password == nil)
    }
}
