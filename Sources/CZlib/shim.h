// CZlib: zlib's inflate API for Swift (Debian package zlib1g-dev), used for gzip/deflate bodies.
#include <zlib.h>
