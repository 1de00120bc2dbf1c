import Foundation

/// Runs a program and waits for it, with `posix_spawn` and `waitpid`.
///
/// Foundation's `Process` on Linux was seen to hang in `waitUntilExit` after `pg_ctl start`
/// (whose server outlives it), so the few programs Pathway runs go through this instead.
public enum Subprocess {
    /// Runs `arguments[0]` (an absolute path) with its output and errors appended to
    /// `outputPath` (or discarded), from `directory`; waits and returns the exit status.
    public static func run(
        _ arguments: [String], directory: String = "/", environment: [String: String],
        outputPath: String? = nil, wait: Bool = true
    ) throws(SubprocessError) -> Int32 {
        guard let program = arguments.first else { throw SubprocessError(message: "no program to run") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let output = outputPath ?? "/dev/null"
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // posix_spawn_file_actions_addchdir_np is not visible to Swift: a shell changes folder.
        let command = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory] + arguments
        let argv = command.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, envp)
        guard status == 0 else {
            throw SubprocessError(message: "cannot run \(program): \(String(cString: strerror(status)))")
        }
        guard wait else { return 0 }
        var exitStatus: Int32 = 0
        while waitpid(pid, &exitStatus, 0) < 0 {
            guard errno == EINTR else { throw SubprocessError(message: "lost track of \(program): \(String(cString: strerror(errno)))") }
        }
        // WIFEXITED / WEXITSTATUS are macros Swift does not import.
        if exitStatus & 0x7f == 0 { return (exitStatus >> 8) & 0xff }
        return 128 + (exitStatus & 0x7f)
    }
}

/// A program could not be started or waited for.
public struct SubprocessError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
