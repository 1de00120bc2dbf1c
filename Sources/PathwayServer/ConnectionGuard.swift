import NIOCore
import NIOHTTPTypes
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

    public init(maximumConnections: Int = 2048, maximumPerAddress: Int = 64, idleTimeout: Duration = .seconds(20)) {
        self.maximumConnections = max(1, maximumConnections)
        self.maximumPerAddress = max(1, maximumPerAddress)
        self.idleTimeout = idleTimeout
    }
}

/// The connections open now, in all and by address, shared by every connection's guard.
///
/// When the server is full, a new connection takes the place of the one that has waited
/// longest for a request head (since it connected, or since its last answer): an ordinary
/// client sends its head within milliseconds, so the connections that go are those of clients
/// that open connections and send nothing, which would otherwise keep everyone out once there
/// are enough of them. Only when every connection is busy with a request is the newcomer
/// refused.
final class ConnectionCounter: Sendable {
    let limits: ConnectionLimits
    /// Addresses the per-address limit does not apply to.
    let exempt: Set<String>

    /// One open connection: where it comes from, and since when it has been waiting for a
    /// request head (nil while a request is read or answered).
    private struct Entry {
        let channel: any Channel
        let address: String
        var waitingSince: NIODeadline?
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

    /// Counts `channel` in under `key`, making room by closing the connection that has waited
    /// longest for a head when the server is full; false when it would pass its address's
    /// limit or every connection is busy.
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
                let idlest = state.entries.compactMap { key, entry in entry.waitingSince.map { (key, $0) } }
                    .min { $0.1 < $1.1 }
                guard let idlest else { return .refused }
                evicted = Self.remove(idlest.0, from: &state)
            }
            state.entries[key] = Entry(channel: channel, address: address, waitingSince: .now())
            state.byAddress[address, default: 0] += 1
            return .admitted(evicting: evicted)
        }
        guard case .admitted(let evicted) = decision else { return false }
        evicted?.close(promise: nil)
        return true
    }

    /// A request head arrived on `key` (`waiting` false), or its answer ended (true).
    func set(_ key: ObjectIdentifier, waiting: Bool) {
        state.withLock { $0.entries[key]?.waitingSince = waiting ? .now() : nil }
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
    private var judged = false

    init(counter: ConnectionCounter) {
        self.counter = counter
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { judge(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        judge(context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { counter.set(key, waiting: false) }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { counter.set(key, waiting: true) }
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        counter.release(key)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        counter.release(key)
    }

    private func judge(_ context: ChannelHandlerContext) {
        guard !judged else { return }
        judged = true
        let address = context.channel.remoteAddress?.ipAddress ?? "unknown"
        if !counter.admit(context.channel, key: key, address: address) {
            context.close(promise: nil)
        }
    }
}
