import Dispatch

/// Runs independent iterations on all cores and returns their results in iteration order.
///
/// Use it for work that splits into pieces which share nothing mutable (students' candidate
/// lists, percentile tables per key-subject profile). Results are placed by index, never in
/// completion order, so the output is the same whichever thread finishes first: that is what
/// keeps a parallel run byte-identical to a sequential one.
enum ParallelLoop {
    static func map<Result: Sendable>(_ iterations: Int, _ body: @Sendable (Int) -> Result) -> [Result] {
        guard iterations > 0 else { return [] }
        if iterations == 1 { return [body(0)] }
        var slots = [Result?](repeating: nil, count: iterations)
        slots.withUnsafeMutableBufferPointer { buffer in
            let base = UnsafeMutableBufferPointerBox(buffer)
            DispatchQueue.concurrentPerform(iterations: iterations) { index in
                base.buffer[index] = body(index)
            }
        }
        return slots.map { slot in
            guard let slot else { preconditionFailure("concurrentPerform skipped an iteration") }
            return slot
        }
    }
}

/// Carries a buffer into `concurrentPerform`, whose iterations each write a different index.
private struct UnsafeMutableBufferPointerBox<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}
