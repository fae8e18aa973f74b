// ReloadService: SIGHUP handling for the sidecar — every hangup signal re-reads the configuration and the
// baseline (see SidecarDaemon.reload); a failed reload is logged and changes nothing.

import Logging
import ServiceLifecycle
import UnixSignals

struct ReloadService: Service {
    let logger: Logger
    let reload: @Sendable () throws -> Void

    func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        for await _ in hangups.cancelOnGracefulShutdown() {
            logger.info("SIGHUP: reloading the configuration and the baseline")
            do { try reload() } catch { logger.error("reload failed, keeping the running configuration: \(error)") }
        }
    }
}
