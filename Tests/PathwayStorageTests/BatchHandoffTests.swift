import Foundation
@testable import PathwayStorage
import Testing

/// The hand-over between the thread that reads a file and the one that sends it.
@Suite("Batch handoff between reader and sender")
struct BatchHandoffTests {
    /// Every batch arrives once, in order, though the reader is held back to `capacity`.
    @Test func batchesArriveInOrderWhateverTheCapacity() throws {
        let handoff = BatchHandoff<[Int]>(capacity: 2)
        let sender = WorkerThread { () throws -> [Int] in
            var received: [Int] = []
            while let batch = try handoff.take() { received += batch }
            return received
        }
        for start in stride(from: 0, to: 1_000, by: 10) {
            #expect(handoff.put(Array(start..<start + 10)))
        }
        handoff.close(cancel: false)
        #expect(try sender.join() == Array(0..<1_000))
    }

    /// A reader that gives up makes the sender throw, so what it sent is taken back.
    @Test func aCancelledReaderStopsTheSender() {
        let handoff = BatchHandoff<[Int]>(capacity: 4)
        let sender = WorkerThread { () throws -> Int in
            var count = 0
            while let batch = try handoff.take() { count += batch.count }
            return count
        }
        #expect(handoff.put([1, 2, 3]))
        handoff.close(cancel: true)
        #expect(sender.failure() is BatchHandoff<[Int]>.Cancelled)
    }

    /// A sender that fails wakes a reader waiting for room, whose `put` then says so.
    @Test func aFailedSenderReleasesAWaitingReader() {
        struct Lost: Error {}
        let handoff = BatchHandoff<[Int]>(capacity: 1)
        let sender = WorkerThread { () throws -> Int in
            _ = try handoff.take()
            Thread.sleep(forTimeInterval: 0.05)
            handoff.stop()
            throw Lost()
        }
        var accepted = 0
        while handoff.put([accepted]) { accepted += 1 }
        #expect(accepted >= 1)
        #expect(sender.failure() is Lost)
    }
}
