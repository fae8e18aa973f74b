// HMACTests: SHA-256 raw digests, hex, and HMAC-SHA256 against the RFC 4231 test vectors (cases 1-4, 6, 7; case 5
// is a truncated MAC).

import Digest
import Testing

struct HMACTests {
    @Test func sha256DigestMatchesHex() {
        let abc = SHA256.digest("abc".utf8)
        #expect(Hex.encode(abc) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Hex.encode(SHA256.digest([UInt8]())) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let long = [UInt8](repeating: 0x61, count: 1000)
        #expect(Hex.encode(SHA256.digest(long)) == long.withUnsafeBytes { SHA256.hex($0) })
    }

    @Test func hexRoundTrip() {
        #expect(Hex.decode("00ff10Ab") == [0x00, 0xff, 0x10, 0xab])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
        #expect(Hex.encode([0x00, 0xff, 0x10, 0xab]) == "00ff10ab")
    }

    @Test(arguments: [
        // 1: 20-byte key of 0x0b, "Hi There".
        ("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265",
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        // 2: key "Jefe", "what do ya want for nothing?".
        ("4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        // 3: 20 bytes of 0xaa, 50 bytes of 0xdd.
        (String(repeating: "aa", count: 20), String(repeating: "dd", count: 50),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        // 4: key 0x01...0x19, 50 bytes of 0xcd.
        ("0102030405060708090a0b0c0d0e0f10111213141516171819", String(repeating: "cd", count: 50),
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        // 6: 131-byte key (hashed first), "Test Using Larger Than Block-Size Key - Hash Key First".
        (String(repeating: "aa", count: 131),
         "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374",
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        // 7: 131-byte key, a larger-than-block-size message.
        (String(repeating: "aa", count: 131),
         "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484d414320616c676f726974686d2e",
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ])
    func rfc4231(key: String, data: String, mac: String) throws {
        let key = try #require(Hex.decode(key))
        let data = try #require(Hex.decode(data))
        #expect(HMAC.sha256Hex(key: key, message: data) == mac)
        #expect(HMAC.equal(HMAC.sha256(key: key, message: data), try #require(Hex.decode(mac))))
    }

    @Test func equalRejectsDifferences() {
        #expect(!HMAC.equal([1, 2, 3], [1, 2, 4]))
        #expect(!HMAC.equal([1, 2, 3], [1, 2]))
        #expect(HMAC.equal([], []))
    }
}
