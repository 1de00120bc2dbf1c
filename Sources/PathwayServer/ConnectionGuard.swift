import NIOCore
import NIOHTTPTypes
import PathwayCore
import Synchronization

/// How many connections `pathway serve` holds at once, from one address and in all, and how
/// long it waits for a client that sends nothing.
///
/// Without them, 19,990 slow clients holding half-sent requests for 45 s left none of four
/// ordinary requests answered. With them, an address may hold `maximumPerAddress` connections
/// (more are closed as they arrive), the server `maximumConnections` (a newcomer then takes the
/// place of the connection that has waited longest for a request), and a connection that
/// sends no part of a request for `idleTimeout` is closed: a request's head must be whole that
/// long after connecting or after the previous response, and a body may pause no longer. A
/// response being written is never cut (a school's letter for a big run takes as long as it
/// takes). The trusted proxies (`ServerConfiguration.trustedProxies`) carry everyone's
/// connections, so the per-address limit does not apply to them; the proxy limits its own
/// clients.
public struct ConnectionLimits: Sendable, Hashable {
    public var maximumConnections: Int
    public var maximumPerAddress: Int
    public var idleTimeout: Duration
    /// A request body that has been arriving for longer than `slowBodyGrace` at under
    /// `minimumBodyRate` bytes a second may make room for a newcomer when the server is full:
    /// a byte every 19 s never trips the idle timeout, while a 64 MB upload over a poor county
    /// line still runs at tens of kilobytes a second.
    public var slowBodyGrace: Duration
    public var minimumBodyRate: Int

    public init(
        maximumConnections: Int = 2048, maximumPerAddress: Int = 64, idleTimeout: Duration = .seconds(20),
        slowBodyGrace: Duration = .seconds(2), minimumBodyRate: Int = 1024
    ) {
        self.maximumConnections = max(1, maximumConnections)
        self.maximumPerAddress = max(1, maximumPerAddress)
        self.idleTimeout = idleTimeout
        self.slowBodyGrace = slowBodyGrace
        self.minimumBodyRate = max(0, minimumBodyRate)
    }
}

/// The connections open now, in all and by address, shared by every connection's guard.
///
/// When the server is full, a new connection takes the place of the one that has waited
/// longest for a request head (since it connected, or since its last answer): an ordinary
/// client sends its head within milliseconds, so the connections that go are those of clients
/// that open connections and send nothing, which would otherwise keep everyone out once there
/// are enough of them. Failing those, it takes the place of the slowest request body below
/// `minimumBodyRate` (after `slowBodyGrace`). Only when every connection is busy with a request
/// or a body arriving at a fair rate is the newcomer refused. An answer is never cut.
final class ConnectionCounter: Sendable {
    let limits: ConnectionLimits
    /// Addresses the per-address limit does not apply to.
    let exempt: Set<String>

    /// One open connection: where it comes from, its requests, and the body being read. It
    /// waits for a head while no request is in flight, since `idleSince`.
    private struct Entry {
        let channel: any Channel
        let address: String
        /// When it connected, or when its last answer ended.
        var idleSince: NIODeadline
        /// Requests whose head has arrived and whose answer has not ended (pipelined requests
        /// can overlap).
        var inFlight = 0
        var body: (since: NIODeadline, bytes: Int)?
    }

    private struct State {
        var entries: [ObjectIdentifier: Entry] = [:]
        var byAddress: [String: Int] = [:]
    }

    private let state = Mutex(State())

    init(limits: ConnectionLimits, exempt: Set<String>) {
        self.limits = limits
        self.exempt = exempt
    }

    /// Counts `channel` in under `key`, making room when the server is full; false when it
    /// would pass its address's limit or no connection may make room.
    func admit(_ channel: any Channel, key: ObjectIdentifier, address: String) -> Bool {
        enum Decision {
            case refused
            case admitted(evicting: (any Channel)?)
        }
        let decision: Decision = state.withLock { state in
            let fromAddress = state.byAddress[address, default: 0]
            if !exempt.contains(address), fromAddress >= limits.maximumPerAddress { return .refused }
            var evicted: (any Channel)?
            if state.entries.count >= limits.maximumConnections {
                guard let victim = victim(in: state) else { return .refused }
                evicted = Self.remove(victim, from: &state)
            }
            state.entries[key] = Entry(channel: channel, address: address, idleSince: .now())
            state.byAddress[address, default: 0] += 1
            return .admitted(evicting: evicted)
        }
        guard case .admitted(let evicted) = decision else { return false }
        evicted?.close(promise: nil)
        return true
    }

    /// The connection that makes room: the one waiting longest for a head, else the slowest
    /// body under the minimum rate.
    private func victim(in state: State) -> ObjectIdentifier? {
        let now = NIODeadline.now()
        var idlest: (key: ObjectIdentifier, since: NIODeadline)?
        var slowest: (key: ObjectIdentifier, rate: Double)?
        for (key, entry) in state.entries {
            if entry.inFlight == 0 {
                if idlest.map({ entry.idleSince < $0.since }) ?? true { idlest = (key, entry.idleSince) }
            } else if let body = entry.body {
                let seconds = Double((now - body.since).nanoseconds) / 1e9
                guard seconds >= limits.slowBodyGrace.seconds, seconds > 0 else { continue }
                let rate = Double(body.bytes) / seconds
                if rate < Double(limits.minimumBodyRate), slowest.map({ rate < $0.rate }) ?? true { slowest = (key, rate) }
            }
        }
        return idlest?.key ?? slowest?.key
    }

    /// A request head arrived on `key`.
    func requestStarted(_ key: ObjectIdentifier) {
        state.withLock { state in
            state.entries[key]?.inFlight += 1
            state.entries[key]?.body = (.now(), 0)
        }
    }

    /// `bytes` more of the request body arrived on `key`.
    func bodyRead(_ key: ObjectIdentifier, bytes: Int) {
        state.withLock { $0.entries[key]?.body?.bytes += bytes }
    }

    /// The request's body is whole.
    func requestRead(_ key: ObjectIdentifier) {
        state.withLock { $0.entries[key]?.body = nil }
    }

    /// An answer on `key` ended: once none is left in flight, the connection waits again.
    func answered(_ key: ObjectIdentifier) {
        state.withLock { state in
            guard var entry = state.entries[key] else { return }
            entry.inFlight = max(0, entry.inFlight - 1)
            if entry.inFlight == 0 { entry.idleSince = .now() }
            state.entries[key] = entry
        }
    }

    /// Counts `key` out; nothing when it was already counted out to make room.
    func release(_ key: ObjectIdentifier) {
        state.withLock { state in _ = Self.remove(key, from: &state) }
    }

    private static func remove(_ key: ObjectIdentifier, from state: inout State) -> (any Channel)? {
        guard let entry = state.entries.removeValue(forKey: key) else { return nil }
        let left = state.byAddress[entry.address, default: 1] - 1
        state.byAddress[entry.address] = left > 0 ? left : nil
        return entry.channel
    }
}

/// Closes a connection that would pass a `ConnectionLimits` limit as soon as it opens, before
/// anything is read from it, tells the counter when the connection waits for a request, and
/// counts it out when it closes.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let counter: ConnectionCounter
    private var key: ObjectIdentifier { ObjectIdentifier(self) }
    /// Whether the counter admitted it; nil until it is judged.
    private var admitted: Bool?

    init(counter: ConnectionCounter) {
        self.counter = counter
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { judge(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        // A refused connection is already closed: the handlers after this one must not hear
        // it become active after they heard it close.
        if judge(context) { context.fireChannelActive() }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: counter.requestStarted(key)
        case .body(let buffer): counter.bodyRead(key, bytes: buffer.readableBytes)
        case .end: counter.requestRead(key)
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { counter.answered(key) }
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        counter.release(key)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        counter.release(key)
    }

    /// Admits or closes the connection, once; whether it is open.
    @discardableResult
    private func judge(_ context: ChannelHandlerContext) -> Bool {
        if let admitted { return admitted }
        let admitted = counter.admit(context.channel, key: key, address: Self.address(of: context.channel))
        self.admitted = admitted
        if !admitted { context.close(promise: nil) }
        return admitted
    }

    /// The peer's address as the trusted proxies are written: an IPv4 peer of a server
    /// listening on `::` arrives as `::ffff:127.0.0.1`.
    static func address(of channel: any Channel) -> String {
        let address = channel.remoteAddress?.ipAddress ?? "unknown"
        if address.hasPrefix("::ffff:"), address.contains(".") { return String(address.dropFirst("::ffff:".count)) }
        return address
    }
}
