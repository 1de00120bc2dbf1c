/// A command that could not do what was asked, for a reason the user can act on.
///
/// Unlike `ValidationError` (a mistyped command line, answered with the usage), this prints
/// only the message, on stderr as `Error: ...`, and exits with status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
