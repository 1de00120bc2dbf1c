import Hummingbird
import Logging
import NIOCore
import PathwayLetters
import PostgresClient

/// The API server: `pathway serve` runs it, the tests drive it with `app.test(.router)`.
///
/// The caller owns `pool` and shuts it down after the application stops, and gives the
/// `logger` (nil: Hummingbird's default, level from `LOG_LEVEL`).
///
/// - Throws: when the letter templates cannot be loaded (a broken installation): better not
///   to start than to answer every letter with an error.
public func buildApplication(
    configuration: ServerConfiguration, pool: ConnectionPool, logger: Logger? = nil
) throws -> some ApplicationProtocol {
    let counter = ConnectionCounter(limits: configuration.connections, exempt: configuration.trustedProxies)
    return Application(
        router: try buildRouter(configuration: configuration, database: DatabaseGateway(pool: pool)),
        server: .http1(
            configuration: .init(
                additionalChannelHandlers: [ConnectionGuard(counter: counter)],
                idleTimeout: TimeAmount(configuration.connections.idleTimeout))),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port), serverName: "pathway"),
        logger: logger)
}

/// The routes: `/healthz` open to all, `/v1/referrals` behind the bearer token, the sign-in
/// pages open, the school portal (`/school`) behind a clerk's session, and the staff console
/// (`/console`) behind a county account's.
///
/// - Throws: when the letter or page templates cannot be loaded (a broken installation).
public func buildRouter(configuration: ServerConfiguration, database: DatabaseGateway) throws -> Router<SchoolRequestContext> {
    let letters = try LetterRenderer()
    let pages = try PortalPages()
    let router = Router(context: SchoolRequestContext.self)
    router.add(middleware: SecurityHeadersMiddleware(configuration: configuration))
    router.add(middleware: JSONErrorMiddleware())
    router.addRoutes(HealthController(database: database).endpoints)
    router.group("v1/referrals")
        .add(middleware: BearerTokenAuthenticator(database: database))
        .addRoutes(ReferralsController(database: database, configuration: configuration, letters: letters).endpoints)
    router.group()
        .add(middleware: PortalErrorMiddleware(pages: pages, configuration: configuration))
        .addRoutes(LoginController(database: database, configuration: configuration, pages: pages).endpoints)
    router.group("console")
        .add(middleware: PortalErrorMiddleware(pages: pages, configuration: configuration))
        .add(middleware: SessionAuthenticator(database: database, configuration: configuration, schoolsOnly: false))
        // Again inside the authenticator, so that a refusal's page has the person signed in
        // (their name, the way to sign out, their sections); the outer one answers its errors.
        .add(middleware: PortalErrorMiddleware(pages: pages, configuration: configuration))
        .addRoutes(
            ConsoleController(
                database: database, configuration: configuration, pages: pages, letters: letters, tasks: ConsoleTasks(),
                uploads: ConsoleUploads()
            ).endpoints)
    router.group("school")
        .add(middleware: PortalErrorMiddleware(pages: pages, configuration: configuration))
        .add(middleware: SessionAuthenticator(database: database, configuration: configuration, schoolsOnly: true))
        .add(middleware: PortalErrorMiddleware(pages: pages, configuration: configuration))
        .addRoutes(
            SchoolPortalController(database: database, configuration: configuration, pages: pages, letters: letters).endpoints)
    return router
}
