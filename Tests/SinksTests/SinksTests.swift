import Testing
@testable import Sinks
