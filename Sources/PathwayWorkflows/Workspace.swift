import PathwayCore
import PathwayStorage
import PostgresClient

/// One person's work in one region over one connection: what every job runs in.
///
/// The front end (a command, a request) decides the region and the actor once and makes a
/// workspace; every store a job uses is made from it, so no store ever falls back to a region
/// of its own choosing. The stores are the read side the front ends list from; what writes
/// goes through a job, but for API tokens and accounts, whose stores write their own audit entries.
public struct Workspace {
    public let connection: PostgresConnection
    public let region: Region
    /// Who acts: the name the audit log records.
    public let actor: String

    public init(connection: PostgresConnection, region: Region, actor: String) {
        self.connection = connection
        self.region = region
        self.actor = actor
    }

    public var directory: CountyDirectory { CountyDirectory(connection: connection, region: region) }
    public var runs: MatchRunStore { MatchRunStore(connection: connection, region: region) }
    public var referrals: ReferralStore { ReferralStore(connection: connection, region: region) }
    public var ledger: FollowupLedger { FollowupLedger(connection: connection, region: region) }
    public var tokens: TokenStore { TokenStore(connection: connection) }
    public var accounts: AccountStore { AccountStore(connection: connection) }
    public var sessions: SessionStore { SessionStore(connection: connection) }
    public var followup: FollowupStore { FollowupStore(connection: connection, region: region) }
    public var settings: CountySettingsStore { CountySettingsStore(connection: connection, region: region) }
    public var profile: CountyProfileStore { CountyProfileStore(connection: connection, region: region) }

    /// Closes the connection.
    public func close() { connection.close() }
}
