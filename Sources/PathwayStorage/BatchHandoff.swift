import Foundation

/// Hands batches of records from the thread that reads a file to the thread that encodes and
/// sends them, at most `capacity` batches ahead: on two cores, checking one batch, encoding the
/// one before and the server storing the one before that then overlap.
///
/// The reader calls `put` and finally `close`; the sender calls `take` until it returns nil, or
/// `stop` when it fails. Either side's giving up wakes the other.
final class BatchHandoff<Batch: Sendable>: @unchecked Sendable {
    /// Thrown by `take` when the reader gave up: whatever was sent must be taken back.
    struct Cancelled: Error {}

    private enum State { case open, finished, cancelled, stopped }

    // Everything below is guarded by `condition`.
    private let condition = NSCondition()
    private var batches: [Batch] = []
    private var state = State.open
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Reader: queues a batch, waiting while `capacity` are queued. False once the sender
    /// stopped (its error explains why).
    func put(_ batch: Batch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= capacity, state == .open { condition.wait() }
        guard state == .open else { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    /// Reader: no more batches. With `cancel`, the sender throws `Cancelled` instead of
    /// finishing.
    func close(cancel: Bool) {
        condition.lock()
        if state == .open { state = cancel ? .cancelled : .finished }
        condition.broadcast()
        condition.unlock()
    }

    /// Sender: the next batch, waiting for one; nil once the reader has closed and every batch
    /// was taken.
    func take() throws(Cancelled) -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty, state == .open { condition.wait() }
        if state == .cancelled { throw Cancelled() }
        guard !batches.isEmpty else { return nil }
        condition.broadcast()
        return batches.removeFirst()
    }

    /// Sender: gave up; a waiting reader wakes and its `put` returns false.
    func stop() {
        condition.lock()
        state = .stopped
        batches.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}

/// Runs `work` on a thread of its own (it blocks in libpq, so not on a shared pool), and hands
/// its result to whoever `join`s it.
final class WorkerThread<Value: Sendable>: @unchecked Sendable {
    /// What `join` reports if it could ever run before the thread ended (it cannot).
    private struct Unfinished: Error {}

    private let done = DispatchSemaphore(value: 0)
    // Written once by the thread before `done` is signalled, read only after waiting for it.
    private var result: Result<Value, any Error> = .failure(Unfinished())

    init(_ work: @escaping @Sendable () throws -> Value) {
        let thread = Thread { [self] in
            result = Result { try work() }
            done.signal()
        }
        thread.start()
    }

    /// Waits for the work to end and returns its value or rethrows its error. Call it, or
    /// `failure()`, once.
    func join() throws -> Value {
        done.wait()
        return try result.get()
    }

    /// Waits for the work to end and returns its error, if it failed.
    func failure() -> (any Error)? {
        done.wait()
        if case .failure(let error) = result { return error }
        return nil
    }
}
