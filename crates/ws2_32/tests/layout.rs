//! The C headers in `include/` and the Rust side (windows-sys, 64-bit Windows layouts) must agree
//! on every shared structure. `tests/c/layout.c` prints the C view, one line per item
//! (`sizeof NAME N`, `offsetof NAME.FIELD N`); this test computes the same lines with
//! `size_of`/`offset_of!` and compares them all, in both directions.

use std::collections::BTreeMap;
use std::mem::{offset_of, size_of};
use std::path::PathBuf;
use std::process::Command;

use windows_sys::core::GUID;
use windows_sys::Win32::Networking::WinSock::*;
use windows_sys::Win32::System::IO::OVERLAPPED;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Compiles and runs `tests/c/layout.c`; returns its lines as `key -> value`.
fn c_layout() -> BTreeMap<String, usize> {
    let root = repo_root();
    let exe = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("ws2_layout_c-{}", std::process::id()));
    let out = Command::new("gcc")
        .args(["-std=c11", "-Wall", "-Wextra", "-Werror", "-I"])
        .arg(root.join("include"))
        .arg(root.join("tests/c/layout.c"))
        .arg("-o")
        .arg(&exe)
        .output()
        .expect("cannot run gcc");
    assert!(out.status.success(), "gcc failed on tests/c/layout.c:\n{}", String::from_utf8_lossy(&out.stderr));
    let out = Command::new(&exe).output().expect("cannot run the layout program");
    assert!(out.status.success(), "the layout program failed");
    let mut lines = BTreeMap::new();
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let (key, value) = line.rsplit_once(' ').unwrap_or_else(|| panic!("bad line {line:?}"));
        let value = value.parse().unwrap_or_else(|_| panic!("bad value in {line:?}"));
        assert!(lines.insert(key.to_string(), value).is_none(), "duplicate line {key:?}");
    }
    lines
}

/// The same lines computed from the windows-sys types.
fn rust_layout() -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = Vec::new();
    // A structure whose C field names are its Rust field names.
    macro_rules! fields {
        ($c:literal, $t:ty; $($f:ident),* $(,)?) => {
            v.push((format!("sizeof {}", $c), size_of::<$t>()));
            $( v.push((format!("offsetof {}.{}", $c, stringify!($f)), offset_of!($t, $f))); )*
        };
    }
    // One field whose Rust path differs (anonymous unions and structs are named `Anonymous`).
    macro_rules! field {
        ($c:literal, $t:ty, $($path:tt)+) => {
            v.push((format!("offsetof {}", $c), offset_of!($t, $($path)+)));
        };
    }

    fields!("WSADATA", WSADATA; wVersion, wHighVersion, iMaxSockets, iMaxUdpDg, lpVendorInfo,
        szDescription, szSystemStatus);
    fields!("sockaddr", SOCKADDR; sa_family, sa_data);
    fields!("sockaddr_in", SOCKADDR_IN; sin_family, sin_port, sin_addr, sin_zero);
    fields!("sockaddr_in6", SOCKADDR_IN6; sin6_family, sin6_port, sin6_flowinfo, sin6_addr);
    field!("sockaddr_in6.sin6_scope_id", SOCKADDR_IN6, Anonymous.sin6_scope_id);
    field!("sockaddr_in6.sin6_scope_struct", SOCKADDR_IN6, Anonymous.sin6_scope_struct);
    fields!("sockaddr_storage", SOCKADDR_STORAGE; ss_family, __ss_pad1, __ss_align, __ss_pad2);
    fields!("in_addr", IN_ADDR; S_un);
    field!("in_addr.S_un.S_un_b", IN_ADDR, S_un.S_un_b);
    field!("in_addr.S_un.S_un_b.s_b1", IN_ADDR, S_un.S_un_b.s_b1);
    field!("in_addr.S_un.S_un_b.s_b2", IN_ADDR, S_un.S_un_b.s_b2);
    field!("in_addr.S_un.S_un_b.s_b3", IN_ADDR, S_un.S_un_b.s_b3);
    field!("in_addr.S_un.S_un_b.s_b4", IN_ADDR, S_un.S_un_b.s_b4);
    field!("in_addr.S_un.S_un_w", IN_ADDR, S_un.S_un_w);
    field!("in_addr.S_un.S_un_w.s_w1", IN_ADDR, S_un.S_un_w.s_w1);
    field!("in_addr.S_un.S_un_w.s_w2", IN_ADDR, S_un.S_un_w.s_w2);
    field!("in_addr.S_un.S_addr", IN_ADDR, S_un.S_addr);
    fields!("in6_addr", IN6_ADDR; u);
    field!("in6_addr.u.Byte", IN6_ADDR, u.Byte);
    field!("in6_addr.u.Word", IN6_ADDR, u.Word);
    // The C default FD_SETSIZE (64) is windows-sys's FD_SET.
    fields!("fd_set", FD_SET; fd_count, fd_array);
    fields!("timeval", TIMEVAL; tv_sec, tv_usec);
    fields!("WSABUF", WSABUF; len, buf);
    fields!("WSAPROTOCOL_INFOW", WSAPROTOCOL_INFOW; dwServiceFlags1, dwServiceFlags2,
        dwServiceFlags3, dwServiceFlags4, dwProviderFlags, ProviderId, dwCatalogEntryId,
        ProtocolChain, iVersion, iAddressFamily, iMaxSockAddr, iMinSockAddr, iSocketType,
        iProtocol, iProtocolMaxOffset, iNetworkByteOrder, iSecurityScheme, dwMessageSize,
        dwProviderReserved, szProtocol);
    fields!("WSAPROTOCOL_INFOA", WSAPROTOCOL_INFOA; dwServiceFlags1, dwServiceFlags2,
        dwServiceFlags3, dwServiceFlags4, dwProviderFlags, ProviderId, dwCatalogEntryId,
        ProtocolChain, iVersion, iAddressFamily, iMaxSockAddr, iMinSockAddr, iSocketType,
        iProtocol, iProtocolMaxOffset, iNetworkByteOrder, iSecurityScheme, dwMessageSize,
        dwProviderReserved, szProtocol);
    fields!("WSAPROTOCOLCHAIN", WSAPROTOCOLCHAIN; ChainLen, ChainEntries);
    fields!("WSAOVERLAPPED", OVERLAPPED; Internal, InternalHigh, hEvent);
    field!("WSAOVERLAPPED.Offset", OVERLAPPED, Anonymous.Anonymous.Offset);
    field!("WSAOVERLAPPED.OffsetHigh", OVERLAPPED, Anonymous.Anonymous.OffsetHigh);
    field!("WSAOVERLAPPED.Pointer", OVERLAPPED, Anonymous.Pointer);
    fields!("ADDRINFOA", ADDRINFOA; ai_flags, ai_family, ai_socktype, ai_protocol, ai_addrlen,
        ai_canonname, ai_addr, ai_next);
    fields!("ADDRINFOW", ADDRINFOW; ai_flags, ai_family, ai_socktype, ai_protocol, ai_addrlen,
        ai_canonname, ai_addr, ai_next);
    fields!("WSAPOLLFD", WSAPOLLFD; fd, events, revents);
    fields!("linger", LINGER; l_onoff, l_linger);
    fields!("hostent", HOSTENT; h_name, h_aliases, h_addrtype, h_length, h_addr_list);
    fields!("servent", SERVENT; s_name, s_aliases, s_proto, s_port);
    fields!("protoent", PROTOENT; p_name, p_aliases, p_proto);
    fields!("ip_mreq", IP_MREQ; imr_multiaddr, imr_interface);
    fields!("ipv6_mreq", IPV6_MREQ; ipv6mr_multiaddr, ipv6mr_interface);
    fields!("WSANETWORKEVENTS", WSANETWORKEVENTS; lNetworkEvents, iErrorCode);
    fields!("OVERLAPPED_ENTRY", windows_sys::Win32::System::IO::OVERLAPPED_ENTRY; lpCompletionKey, lpOverlapped,
        Internal, dwNumberOfBytesTransferred);
    // windows-sys gates CRITICAL_SECTION behind another feature: check ws2's own definition.
    {
        use ws2_32::kernel::misc::CriticalSection as Cs;
        v.push(("sizeof CRITICAL_SECTION".into(), size_of::<Cs>()));
        field!("CRITICAL_SECTION.DebugInfo", Cs, debug_info);
        field!("CRITICAL_SECTION.LockCount", Cs, lock_count);
        field!("CRITICAL_SECTION.RecursionCount", Cs, recursion_count);
        field!("CRITICAL_SECTION.OwningThread", Cs, owning_thread);
        field!("CRITICAL_SECTION.LockSemaphore", Cs, lock_semaphore);
        field!("CRITICAL_SECTION.SpinCount", Cs, spin_count);
    }

    fields!("WSPDATA", WSPDATA; wVersion, wHighVersion, szDescription);
    fields!("WSATHREADID", WSATHREADID; ThreadHandle, Reserved);
    {
        // ws2's private SIO_WS2_CANCEL_IO request (ws2spi.h).
        use ws2_32::provider::cancel::CancelRequest as Cr;
        v.push(("sizeof WS2_CANCEL_IO".into(), size_of::<Cr>()));
        field!("WS2_CANCEL_IO.lpOverlapped", Cr, ov);
        field!("WS2_CANCEL_IO.lpThreadId", Cr, thread);
    }
    fields!("WSPPROC_TABLE", WSPPROC_TABLE; lpWSPAccept, lpWSPAddressToString, lpWSPAsyncSelect,
        lpWSPBind, lpWSPCancelBlockingCall, lpWSPCleanup, lpWSPCloseSocket, lpWSPConnect,
        lpWSPDuplicateSocket, lpWSPEnumNetworkEvents, lpWSPEventSelect, lpWSPGetOverlappedResult,
        lpWSPGetPeerName, lpWSPGetSockName, lpWSPGetSockOpt, lpWSPGetQOSByName, lpWSPIoctl,
        lpWSPJoinLeaf, lpWSPListen, lpWSPRecv, lpWSPRecvDisconnect, lpWSPRecvFrom, lpWSPSelect,
        lpWSPSend, lpWSPSendDisconnect, lpWSPSendTo, lpWSPSetSockOpt, lpWSPShutdown, lpWSPSocket,
        lpWSPStringToAddress);
    fields!("WSPUPCALLTABLE", WSPUPCALLTABLE; lpWPUCloseEvent, lpWPUCloseSocketHandle,
        lpWPUCreateEvent, lpWPUCreateSocketHandle, lpWPUFDIsSet, lpWPUGetProviderPath,
        lpWPUModifyIFSHandle, lpWPUPostMessage, lpWPUQueryBlockingCallback,
        lpWPUQuerySocketHandleContext, lpWPUQueueApc, lpWPUResetEvent, lpWPUSetEvent,
        lpWPUOpenCurrentThread, lpWPUCloseThread);

    v.push(("sizeof GUID".into(), size_of::<GUID>()));
    field!("GUID.Data1", GUID, data1);
    field!("GUID.Data2", GUID, data2);
    field!("GUID.Data3", GUID, data3);
    field!("GUID.Data4", GUID, data4);
    fields!("FLOWSPEC", FLOWSPEC; TokenRate, TokenBucketSize, PeakBandwidth, Latency,
        DelayVariation, ServiceType, MaxSduSize, MinimumPolicedSize);
    fields!("QOS", QOS; SendingFlowspec, ReceivingFlowspec, ProviderSpecific);
    fields!("WSAMSG", WSAMSG; name, namelen, lpBuffers, dwBufferCount, Control, dwFlags);
    fields!("WSACMSGHDR", CMSGHDR; cmsg_len, cmsg_level, cmsg_type);
    fields!("SOCKET_ADDRESS", SOCKET_ADDRESS; lpSockaddr, iSockaddrLength);
    fields!("SOCKET_ADDRESS_LIST", SOCKET_ADDRESS_LIST; iAddressCount, Address);
    fields!("CSADDR_INFO", CSADDR_INFO; LocalAddr, RemoteAddr, iSocketType, iProtocol);
    fields!("SOCKADDR_INET", SOCKADDR_INET; Ipv4, Ipv6, si_family);
    v.push(("sizeof SCOPE_ID".into(), size_of::<SCOPE_ID>()));
    field!("SCOPE_ID.Value", SCOPE_ID, Anonymous.Value);
    fields!("ADDRINFOEXA", ADDRINFOEXA; ai_flags, ai_family, ai_socktype, ai_protocol,
        ai_addrlen, ai_canonname, ai_addr, ai_blob, ai_bloblen, ai_provider, ai_next);
    fields!("ADDRINFOEXW", ADDRINFOEXW; ai_flags, ai_family, ai_socktype, ai_protocol,
        ai_addrlen, ai_canonname, ai_addr, ai_blob, ai_bloblen, ai_provider, ai_next);
    fields!("in_pktinfo", IN_PKTINFO; ipi_addr, ipi_ifindex);
    fields!("in6_pktinfo", IN6_PKTINFO; ipi6_addr, ipi6_ifindex);
    fields!("ip_mreq_source", IP_MREQ_SOURCE; imr_multiaddr, imr_sourceaddr, imr_interface);
    fields!("group_req", GROUP_REQ; gr_interface, gr_group);
    fields!("group_source_req", GROUP_SOURCE_REQ; gsr_interface, gsr_group, gsr_source);
    fields!("AFPROTOCOLS", AFPROTOCOLS; iAddressFamily, iProtocol);
    fields!("WSANAMESPACE_INFOW", WSANAMESPACE_INFOW; NSProviderId, dwNameSpace, fActive,
        dwVersion, lpszIdentifier);
    fields!("WSACOMPLETION", WSACOMPLETION; Type, Parameters);
    fields!("INTERFACE_INFO", INTERFACE_INFO; iiFlags, iiAddress, iiBroadcastAddress, iiNetmask);
    fields!("TRANSMIT_FILE_BUFFERS", TRANSMIT_FILE_BUFFERS; Head, HeadLength, Tail, TailLength);
    fields!("TRANSMIT_PACKETS_ELEMENT", TRANSMIT_PACKETS_ELEMENT; dwElFlags, cLength);
    field!("TRANSMIT_PACKETS_ELEMENT.nFileOffset", TRANSMIT_PACKETS_ELEMENT, Anonymous.Anonymous.nFileOffset);
    field!("TRANSMIT_PACKETS_ELEMENT.hFile", TRANSMIT_PACKETS_ELEMENT, Anonymous.Anonymous.hFile);
    field!("TRANSMIT_PACKETS_ELEMENT.pBuffer", TRANSMIT_PACKETS_ELEMENT, Anonymous.pBuffer);
    fields!("WSASENDMSG", WSASENDMSG; lpMsg, dwFlags, lpNumberOfBytesSent, lpOverlapped,
        lpCompletionRoutine);
    v
}

#[test]
fn c_header_layouts_match_windows_sys() {
    let c = c_layout();
    let rust = rust_layout();
    let mut problems = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for (key, want) in &rust {
        assert!(seen.insert(key.clone()), "duplicate Rust entry {key:?}");
        match c.get(key) {
            None => problems.push(format!("{key}: no such line from layout.c (Rust says {want})")),
            Some(got) if got != want => problems.push(format!("{key}: C says {got}, Rust says {want}")),
            Some(_) => {}
        }
    }
    for (key, got) in &c {
        if !seen.contains(key) {
            problems.push(format!("{key}: printed by layout.c ({got}) but not checked on the Rust side"));
        }
    }
    assert!(problems.is_empty(), "{} layout mismatch(es) between include/ and windows-sys:\n  {}", problems.len(), problems.join("\n  "));
    assert!(rust.len() > 300, "suspiciously few layout items: {}", rust.len());
}
