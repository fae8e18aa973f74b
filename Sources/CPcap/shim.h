// CPcap: the libpcap C API for Swift (Debian package libpcap-dev).
#include <pcap/pcap.h>
