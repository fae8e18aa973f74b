// Endpoint and address text: the written-in-place IPv4 form against plain interpolation, edge values included.

import Testing
import Wire

@Suite struct EndpointTests {
    @Test(arguments: [
        (UInt32(0), UInt16(0)), (0x7f00_0001, 34871), (0xffff_ffff, 65535), (0x0a00_6401, 9), (0x0102_0304, 10),
        (0xc0a8_0064, 100), (0x6464_6464, 8080),
    ])
    func ipv4Text(value: UInt32, port: UInt16) {
        let address = IPAddress(ipv4: value)
        let dotted = "\(value >> 24).\((value >> 16) & 0xff).\((value >> 8) & 0xff).\(value & 0xff)"
        #expect(address.description == dotted)
        #expect(Endpoint(address: address, port: port).description == "\(dotted):\(port)")
    }

    @Test func ipv6KeepsBrackets() {
        let address = IPAddress(ipv6: [0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 0, count: 11) + [1])
        #expect(Endpoint(address: address, port: 443).description == "[2001:db8::1]:443")
    }
}
