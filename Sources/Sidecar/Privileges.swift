// Privileges: what the sidecar gives up once its capture handle is open — root becomes an unprivileged
// user (files it must still write are handed over first), every capability is cleared, and no program it
// starts (an exec sink) can gain privileges again.

import CLinux
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The privilege state after `Privileges.drop`.
public struct PrivilegeReport: Sendable, CustomStringConvertible {
    public var uid: UInt32
    public var gid: UInt32
    public var effectiveCapabilities: UInt64

    public var description: String {
        "uid \(uid), gid \(gid), capabilities " + (effectiveCapabilities == 0 ? "none" : String(effectiveCapabilities, radix: 16))
    }
}

/// Why privileges could not be dropped.
public struct PrivilegeError: Error, CustomStringConvertible {
    public var description: String
}

public enum Privileges {
    /// Drops privileges: as root with a `user` to become, switches to that user (after giving it `ownedPaths`,
    /// e.g. the store files); then clears all capabilities and sets no_new_privs. Throws when a step fails — a
    /// sidecar that meant to drop privileges must not go on holding them.
    public static func drop(switchingTo user: String?, ownedPaths: [String] = []) throws -> PrivilegeReport {
        if let user, geteuid() == 0 {
            guard let entry = getpwnam(user) else { throw PrivilegeError(description: "capture.user \"\(user)\": no such user") }
            let uid = entry.pointee.pw_uid
            let gid = entry.pointee.pw_gid
            for path in ownedPaths where FileManager.default.fileExists(atPath: path) {
                guard chown(path, uid, gid) == 0 else {
                    throw PrivilegeError(description: "cannot hand \(path) to \(user): \(String(cString: strerror(errno)))")
                }
            }
            guard setgroups(0, nil) == 0, setgid(gid) == 0, setuid(uid) == 0 else {
                throw PrivilegeError(description: "cannot switch to user \(user): \(String(cString: strerror(errno)))")
            }
            guard setuid(0) != 0 else { throw PrivilegeError(description: "still able to become root after switching to \(user)") }
        }
        guard slicewatch_clear_capabilities() == 0 else {
            throw PrivilegeError(description: "cannot clear capabilities: \(String(cString: strerror(errno)))")
        }
        guard slicewatch_no_new_privileges() == 0 else {
            throw PrivilegeError(description: "cannot set no_new_privs: \(String(cString: strerror(errno)))")
        }
        return current()
    }

    /// This process's user, group and effective capabilities.
    public static func current() -> PrivilegeReport {
        var low: UInt32 = 0
        var high: UInt32 = 0
        _ = slicewatch_effective_capabilities(&low, &high)
        return PrivilegeReport(uid: getuid(), gid: getgid(), effectiveCapabilities: UInt64(high) << 32 | UInt64(low))
    }
}
