import NIOCore
import NIOHTTPTypes
import Synchronization

/// How many connections `pathway serve` holds at once, from one address and in all, and how
/// long it waits for a client that sends nothing.
///
/// Without them, 19,990 slow clients holding half-sent requests for 45 s left none of four
/// ordinary requests answered. With them, an address may hold `maximumPerAddress` connections
/// (more are closed as they arrive), the server `maximumConnections`, and a connection that
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
final class ConnectionCounter: Sendable {
    let limits: ConnectionLimits
    /// Addresses the per-address limit does not apply to.
    let exempt: Set<String>
    private let open = Mutex<(total: Int, byAddress: [String: Int])>((0, [:]))

    init(limits: ConnectionLimits, exempt: Set<String>) {
        self.limits = limits
        self.exempt = exempt
    }

    /// Counts a connection from `address` in, or answers false when it would pass a limit.
    func admit(_ address: String) -> Bool {
        open.withLock { open in
            guard open.total < limits.maximumConnections else { return false }
            let fromAddress = open.byAddress[address, default: 0]
            if !exempt.contains(address), fromAddress >= limits.maximumPerAddress { return false }
            open.total += 1
            open.byAddress[address] = fromAddress + 1
            return true
        }
    }

    func release(_ address: String) {
        open.withLock { open in
            open.total -= 1
            let left = open.byAddress[address, default: 1] - 1
            open.byAddress[address] = left > 0 ? left : nil
        }
    }

    /// Connections open now, for tests.
    var count: Int { open.withLock { $0.total } }
}

/// Closes a connection that would pass a `ConnectionLimits` limit as soon as it opens, before
/// anything is read from it, and counts the others out when they close.
final class ConnectionGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let counter: ConnectionCounter
    /// The address counted for this connection, until it is counted out.
    private var counted: String?
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

    func channelInactive(context: ChannelHandlerContext) {
        countOut()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        countOut()
    }

    private func judge(_ context: ChannelHandlerContext) {
        guard !judged else { return }
        judged = true
        let address = context.channel.remoteAddress?.ipAddress ?? "unknown"
        if counter.admit(address) {
            counted = address
        } else {
            context.close(promise: nil)
        }
    }

    private func countOut() {
        guard let address = counted else { return }
        counted = nil
        counter.release(address)
    }
}
