extension String {
    /// Without leading and trailing white space (Swift's `Character.isWhitespace`, line breaks
    /// included), the same on every platform and without Foundation.
    public func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
