import Foundation

/// Runs blocking work (a subprocess, a browser, raw sockets) to its end on a thread of its
/// own, and gives its result.
///
/// A server running in the test's own process needs the few threads every async task shares:
/// its accept loop and handlers are tasks. Work that blocks one of those threads for seconds
/// (two tests at once can block both on this machine) stalls the server it is testing.
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// An executor whose jobs run on Dispatch threads, outside the pool every async task shares.
///
/// A live server in a test (`app.test(.live)`) accepts connections in an async task. While the
/// rest of a suite keeps this machine's two shared threads busy with synchronous tests, that
/// task can wait a minute for a turn, which tells nothing about the server. Run under
/// `withTaskExecutorPreference(ThreadsExecutor())`, the server's tasks and every child task
/// they start run here instead.
public final class ThreadsExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "pathway.test-server", attributes: .concurrent)

    public init() {}

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
