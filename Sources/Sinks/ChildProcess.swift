// ChildProcess: runs one command for the exec sink and the exec grader — argv through posix_spawnp (no shell), in its own process group
// so a timeout kills everything it started, with bytes on stdin, stdout and stderr captured (bounded), and a deadline.
// Stdin and the output are Unix socket pairs, created close-on-exec atomically, written without SIGPIPE.

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a child process ended.
package struct ChildResult: Sendable, Hashable {
    /// The exit status when it exited, the signal when a signal ended it.
    package var exitStatus: Int32?
    package var signal: Int32?
    /// The deadline passed (or shutdown asked) and the process group was killed.
    package var timedOut = false
    package var cancelled = false
    /// The first `outputLimit` bytes of stdout and stderr (interleaved as written), and how many there were.
    package var output: [UInt8] = []
    package var outputBytes = 0
}

package enum ChildProcess {
    /// Grace between SIGTERM and SIGKILL, and the longest wait for output after the child exited (a background
    /// process it left may hold the pipe open).
    static let killGrace = 2.0
    static let outputGrace = 1.0

    /// Runs `argv` (argv[0] searched in PATH) with `environment`, writes `input` to its stdin then closes it, and
    /// waits until it exits, `timeout` seconds pass, or `shouldStop` returns true (both kill its process group:
    /// SIGTERM, then SIGKILL after `killGrace`). Throws only when it cannot be started.
    package static func run(
        argv: [String], environment: [String: String], input: [UInt8], timeout: Double, outputLimit: Int,
        shouldStop: () -> Bool
    ) throws -> ChildResult {
        guard let program = argv.first, !program.isEmpty else { throw SinkError("the exec command is empty") }
        var stdinPair: [Int32] = [-1, -1]
        var outputPair: [Int32] = [-1, -1]
        guard makeSocketPair(&stdinPair) else { throw SinkError("cannot create a socket pair: \(lastError())") }
        guard makeSocketPair(&outputPair) else {
            close(stdinPair[0])
            close(stdinPair[1])
            throw SinkError("cannot create a socket pair: \(lastError())")
        }
        var inputFD: Int32 = stdinPair[0]
        var outputFD: Int32 = outputPair[0]
        defer {
            if inputFD >= 0 { close(inputFD) }
            if outputFD >= 0 { close(outputFD) }
        }
        let pid: pid_t
        do {
            defer {
                close(stdinPair[1])
                close(outputPair[1])
            }
            pid = try spawn(argv, environment: environment, stdin: stdinPair[1], output: outputPair[1])
        }
        _ = fcntl(inputFD, F_SETFL, fcntl(inputFD, F_GETFL) | O_NONBLOCK)
        _ = fcntl(outputFD, F_SETFL, fcntl(outputFD, F_GETFL) | O_NONBLOCK)

        var result = ChildResult()
        let deadline = Date(timeIntervalSinceNow: max(0, timeout))
        var written = 0
        var exited = false
        var exitedAt: Date?
        var killAt: Date?  // set once SIGTERM was sent: SIGKILL follows at this time
        var buffer = [UInt8](repeating: 0, count: 16384)

        while true {
            // Child status.
            if !exited {
                var status: Int32 = 0
                let r = waitpid(pid, &status, WNOHANG)
                if r == pid || (r < 0 && errno == ECHILD) {
                    exited = true
                    exitedAt = Date()
                    if r == pid {
                        if status & 0x7f == 0 {
                            result.exitStatus = (status >> 8) & 0xff
                        } else {
                            result.signal = status & 0x7f
                        }
                    }
                }
            }
            if exited, outputFD < 0 || Date().timeIntervalSince(exitedAt ?? Date()) > outputGrace { break }

            // Deadline, shutdown, and the kill escalation.
            if !exited {
                let now = Date()
                if killAt == nil, now >= deadline || shouldStop() {
                    if now >= deadline { result.timedOut = true } else { result.cancelled = true }
                    kill(-pid, SIGTERM)
                    killAt = now.addingTimeInterval(killGrace)
                } else if let at = killAt, now >= at {
                    kill(-pid, SIGKILL)
                    killAt = .distantFuture
                }
            }

            // I/O: write what is left of the input, read output, at most 50 ms at a time.
            var fds: [pollfd] = []
            if inputFD >= 0, written < input.count { fds.append(pollfd(fd: inputFD, events: Int16(POLLOUT), revents: 0)) }
            if inputFD >= 0, written >= input.count {
                close(inputFD)
                inputFD = -1
            }
            if outputFD >= 0 { fds.append(pollfd(fd: outputFD, events: Int16(POLLIN), revents: 0)) }
            if fds.isEmpty {
                usleep(10_000)
                continue
            }
            let ready = poll(&fds, nfds_t(fds.count), 50)
            if ready < 0, errno != EINTR { usleep(10_000) }
            guard ready > 0 else { continue }
            for p in fds where p.revents != 0 {
                if p.fd == inputFD {
                    let n = input.withUnsafeBytes { bytes in
                        sendNoSignal(inputFD, bytes.baseAddress.map { $0 + written }, bytes.count - written)
                    }
                    if n > 0 {
                        written += n
                    } else if n < 0, errno != EAGAIN, errno != EWOULDBLOCK, errno != EINTR {
                        close(inputFD)  // the command closed its stdin (EPIPE): it does not want the rest
                        inputFD = -1
                    }
                } else if p.fd == outputFD {
                    let n = buffer.withUnsafeMutableBytes { read(outputFD, $0.baseAddress, $0.count) }
                    if n > 0 {
                        result.outputBytes += n
                        let keep = min(n, max(0, outputLimit - result.output.count))
                        if keep > 0 { result.output += buffer[0..<keep] }
                    } else if n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                        close(outputFD)
                        outputFD = -1
                    }
                }
            }
        }
        return result
    }

    /// posix_spawnp with stdin and stdout/stderr redirected, a new process group, default signal handling.
    private static func spawn(_ argv: [String], environment: [String: String], stdin: Int32, output: Int32) throws -> pid_t {
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t? = nil
        var attributes: posix_spawnattr_t? = nil
        #else
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, output, 2)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGCHLD] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let cArguments = argv.map { strdup($0) }
        let cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") }
        defer {
            for p in cArguments { free(p) }
            for p in cEnvironment { free(p) }
        }
        var pid: pid_t = 0
        let argvArray = cArguments + [nil]
        let envArray = cEnvironment + [nil]
        let status = posix_spawnp(&pid, argv[0], &actions, &attributes, argvArray, envArray)
        guard status == 0 else {
            throw SinkError("cannot start \(argv[0]): \(String(cString: strerror(status)))")
        }
        return pid
    }

    private static func makeSocketPair(_ fds: inout [Int32]) -> Bool {
        #if canImport(Glibc)
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        #else
        let type = SOCK_STREAM
        #endif
        guard socketpair(AF_UNIX, type, 0, &fds) == 0 else { return false }
        #if canImport(Darwin)
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var on: Int32 = 1
        setsockopt(fds[0], SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        #endif
        return true
    }

    /// Writes to the stdin socket without raising SIGPIPE when the command has closed it.
    private static func sendNoSignal(_ fd: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
        guard let bytes, count > 0 else { return 0 }
        #if canImport(Glibc)
        return send(fd, bytes, count, Int32(MSG_NOSIGNAL))
        #else
        return send(fd, bytes, count, 0)
        #endif
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
