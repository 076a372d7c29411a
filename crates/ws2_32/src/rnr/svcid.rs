//! Service class GUIDs of svcguid.h that the TCP/IP namespace understands.

use crate::abi::GUID;

const fn inet(n: u32) -> GUID {
    GUID { data1: n, data2: 0, data3: 0, data4: [0xc0, 0, 0, 0, 0, 0, 0, 0x46] }
}

/// SVCID_HOSTNAME: the local host name (no instance name), else as HOSTADDRBYNAME.
pub const HOSTNAME: GUID = inet(0x0002_a800);
/// SVCID_INET_HOSTADDRBYINETSTRING: an address in text form → its host name.
pub const HOSTADDRBYINETSTRING: GUID = inet(0x0002_a801);
/// SVCID_INET_SERVICEBYNAME: a service name ("http" or "http/tcp") → its servent.
pub const SERVICEBYNAME: GUID = inet(0x0002_a802);
/// SVCID_INET_HOSTADDRBYNAME: a host name → its addresses.
pub const HOSTADDRBYNAME: GUID = inet(0x0002_a803);
