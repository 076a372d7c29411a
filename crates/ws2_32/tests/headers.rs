//! The C headers in `include/` must build Winsock programs unmodified with gcc and g++ on Linux:
//! in either include order with the C library headers, without warnings, with the Windows
//! values, and with every Winsock name that libc also has bound to the library's `ws2_<name>`.
//! Nothing here needs libws2_32 itself.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn scratch_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("ws2_headers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A compiler and language mode the headers must support.
struct Mode {
    name: &'static str,
    command: &'static [&'static str],
    ext: &'static str,
}

const C11: Mode = Mode { name: "c11", command: &["gcc", "-std=c11"], ext: "c" };
const GNU11: Mode = Mode { name: "gnu11", command: &["gcc", "-std=gnu11"], ext: "c" };
const CXX17: Mode = Mode { name: "c++17", command: &["g++", "-std=c++17"], ext: "cpp" };
const MODES: [Mode; 3] = [C11, GNU11, CXX17];

const LIBC: &[&str] = &["stdlib.h", "stdio.h", "string.h", "pthread.h"];
const WS_ALL: &[&str] = &["windows.h", "winsock2.h", "ws2tcpip.h", "mswsock.h", "mstcpip.h", "ws2spi.h"];

/// `SA(expr)`: a compile-time assertion in C and C++.
const PRELUDE: &str = "\
#ifdef __cplusplus
#define SA(e) static_assert(e, #e)
#else
#define SA(e) _Static_assert(e, #e)
#endif
";

/// Includes `first` then `second`, then `body`.
fn tu(first: &[&str], second: &[&str], body: &str) -> String {
    let mut s = String::new();
    for h in first.iter().chain(second) {
        s.push_str(&format!("#include <{h}>\n"));
    }
    s.push_str(PRELUDE);
    s.push_str(body);
    s
}

/// Writes `source` and runs the mode's compiler on it with `args`; returns the failure report.
fn compile(mode: &Mode, label: &str, source: &str, args: &[&str]) -> Result<PathBuf, String> {
    let dir = scratch_dir();
    let file_name: String =
        format!("{label}-{}", mode.name).chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    let src = dir.join(format!("{file_name}.{}", mode.ext));
    std::fs::write(&src, source).unwrap();
    let out_path = dir.join(&file_name);
    let out = Command::new(mode.command[0])
        .args(&mode.command[1..])
        .args(["-Wall", "-Wextra", "-Werror", "-I"])
        .arg(repo_root().join("include"))
        .args(args)
        .arg(&src)
        .arg("-o")
        .arg(&out_path)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", mode.command[0]));
    if out.status.success() {
        Ok(out_path)
    } else {
        Err(format!(
            "[{}] {label}: {} failed\n--- source {} ---\n{source}--- compiler output ---\n{}",
            mode.name,
            mode.command.join(" "),
            src.display(),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

fn syntax_only(mode: &Mode, label: &str, source: &str) -> Result<(), String> {
    compile(mode, label, source, &["-fsyntax-only"]).map(|_| ())
}

fn check_all(results: Vec<Result<(), String>>) {
    let failures: Vec<String> = results.into_iter().filter_map(Result::err).collect();
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n"));
}

/// Code a Winsock program writes: every line must compile without a warning.
const USAGE: &str = r#"
static int use_winsock(void)
{
    WSADATA wsa;
    SOCKET s;
    fd_set readfds;
    struct timeval tv = { 1, 500000 };
    struct sockaddr_in sin;
    SOCKADDR_IN6 sin6;
    SOCKADDR_STORAGE ss;
    ADDRINFOA hints, *res = NULL;
    struct hostent *he;
    u_long nonblocking = 1;
    char host[NI_MAXHOST], serv[NI_MAXSERV], text[INET6_ADDRSTRLEN];
    GUID acceptex_guid = WSAID_ACCEPTEX;
    LPFN_ACCEPTEX acceptex = NULL;
    DWORD bytes = 0;
    WSABUF buf;
    WSAOVERLAPPED ov;
    WSAPOLLFD pfd;
    WSAMSG msg;
    WSPPROC_TABLE procs;
    int len = (int)sizeof(ss);

    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0 || LOBYTE(wsa.wVersion) != 2)
        return 1;
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (s == INVALID_SOCKET)
        return WSAGetLastError() == WSAEAFNOSUPPORT;
    ioctlsocket(s, FIONBIO, &nonblocking);
    ZeroMemory(&sin, sizeof(sin));
    sin.sin_family = AF_INET;
    sin.sin_port = htons(80);
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(s, (struct sockaddr *)&sin, sizeof(sin)) == SOCKET_ERROR &&
        WSAGetLastError() != WSAEWOULDBLOCK)
        return 2;
    FD_ZERO(&readfds);
    FD_SET(s, &readfds);
    if (select(0, &readfds, NULL, NULL, &tv) > 0 && FD_ISSET(s, &readfds))
        FD_CLR(s, &readfds);
    if (timerisset(&tv) && timercmp(&tv, &tv, ==))
        timerclear(&tv);
    getsockname(s, (struct sockaddr *)&ss, &len);
    getnameinfo((struct sockaddr *)&ss, len, host, sizeof(host), serv, sizeof(serv),
                NI_NUMERICHOST | NI_NUMERICSERV);
    inet_ntop(AF_INET, &sin.sin_addr, text, sizeof(text));
    IN6ADDR_SETANY(&sin6);
    if (IN6_IS_ADDR_LOOPBACK(&in6addr_loopback) && sin6.sin6_scope_id == 0)
        sin6.sin6_addr = in6addr_any;
    ZeroMemory(&hints, sizeof(hints));
    hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST;
    if (getaddrinfo("127.0.0.1", "80", &hints, &res) == EAI_NONAME)
        puts(gai_strerror(EAI_NONAME));
    if (res != NULL)
        freeaddrinfo(res);
    he = gethostbyname("localhost");
    if (he != NULL && he->h_addr != NULL)
        memcpy(&sin.sin_addr, he->h_addr, sizeof(sin.sin_addr));
    WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &acceptex_guid, sizeof(acceptex_guid),
             &acceptex, sizeof(acceptex), &bytes, NULL, NULL);
    buf.buf = text;
    buf.len = sizeof(text);
    ZeroMemory(&ov, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    if (WSARecv(s, &buf, 1, &bytes, &bytes, &ov, NULL) == SOCKET_ERROR &&
        WSAGetLastError() == WSA_IO_PENDING)
        WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, WSA_INFINITE, FALSE);
    WSACloseEvent(ov.hEvent);
    pfd.fd = s;
    pfd.events = POLLRDNORM;
    WSAPoll(&pfd, 1, 0);
    ZeroMemory(&msg, sizeof(msg));
    if (WSA_CMSG_FIRSTHDR(&msg) != NULL)
        return 3;
    ZeroMemory(&procs, sizeof(procs));
    shutdown(s, SD_BOTH);
    closesocket(s);
    return WSACleanup();
}
int main(void) { return use_winsock(); }
"#;

#[test]
fn headers_compile_without_warnings_in_either_order_with_libc() {
    let mut results = Vec::new();
    for mode in &MODES {
        for header in WS_ALL.iter().chain(&["winsock.h", "ws2def.h", "ws2ipdef.h", "qos.h", "sporder.h"]) {
            let body = "int main(void) { return 0; }\n";
            results.push(syntax_only(mode, &format!("{header}-alone"), &tu(&[header], &[], body)));
            results.push(syntax_only(mode, &format!("{header}-before-libc"), &tu(&[header], LIBC, body)));
            results.push(syntax_only(mode, &format!("{header}-after-libc"), &tu(LIBC, &[header], body)));
        }
        results.push(syntax_only(mode, "use-before-libc", &tu(WS_ALL, LIBC, USAGE)));
        results.push(syntax_only(mode, "use-after-libc", &tu(LIBC, WS_ALL, USAGE)));
        let unicode = format!(
            "#define UNICODE\n#define _UNICODE\n{}",
            tu(
                LIBC,
                WS_ALL,
                r#"
int main(void)
{
    LPCTSTR t = TEXT("text");
    const TCHAR *u = _T("text");
    WSAPROTOCOL_INFO info;
    ADDRINFOT *ai = NULL;
    SOCKET (WSAAPI *make)(int, int, int, LPWSAPROTOCOL_INFOW, GROUP, DWORD) = WSASocket;
    INT (WSAAPI *lookup)(PCWSTR, PCWSTR, const ADDRINFOW *, PADDRINFOW *) = GetAddrInfo;
    SA(sizeof(info.szProtocol) == 2 * (WSAPROTOCOL_LEN + 1));
    SA(sizeof(t[0]) == 2 && sizeof(u[0]) == 2);
    SA(SO_PROTOCOL_INFO == SO_PROTOCOL_INFOW);
    (void)make; (void)lookup; (void)ai;
    return InetPton(AF_INET, TEXT("127.0.0.1"), &info) + (gai_strerror(0)[0] == 'T');
}
"#
            )
        );
        results.push(syntax_only(mode, "unicode", &unicode));
    }
    check_all(results);
}

/// Programs include more than the four libc headers: the rest of the C library (in GNU mode
/// <signal.h> pulls <unistd.h>, <time.h> uses struct timeval) and, in C++, the standard library.
#[test]
fn more_system_headers_coexist_in_either_order() {
    const C_HEADERS: &[&str] = &[
        "assert.h",
        "ctype.h",
        "errno.h",
        "inttypes.h",
        "limits.h",
        "locale.h",
        "math.h",
        "setjmp.h",
        "signal.h",
        "stdarg.h",
        "stdbool.h",
        "stddef.h",
        "stdint.h",
        "time.h",
        "wchar.h",
        "fcntl.h",
        "sys/stat.h",
        "unistd.h",
        "sys/wait.h",
        "dirent.h",
        "dlfcn.h",
        "sys/mman.h",
        "semaphore.h",
        "sched.h",
        "poll.h",
        "sys/time.h",
        "sys/select.h",
        "sys/resource.h",
        "sys/uio.h",
        "strings.h",
        "sys/epoll.h",
    ];
    const CXX_HEADERS: &[&str] = &[
        "algorithm",
        "atomic",
        "chrono",
        "condition_variable",
        "csignal",
        "cstdio",
        "cstdlib",
        "cstring",
        "ctime",
        "deque",
        "filesystem",
        "fstream",
        "functional",
        "future",
        "iostream",
        "map",
        "memory",
        "mutex",
        "optional",
        "random",
        "regex",
        "set",
        "shared_mutex",
        "sstream",
        "string",
        "string_view",
        "thread",
        "unordered_map",
        "variant",
        "vector",
    ];
    let body = "int main(void) { fd_set s; FD_ZERO(&s); SA(sizeof(s) == 8 + 64 * 8); return (int)s.fd_count; }\n";
    let mut results = Vec::new();
    for mode in &MODES {
        results.push(syntax_only(mode, "c-library-after", &tu(WS_ALL, C_HEADERS, body)));
        results.push(syntax_only(mode, "c-library-before", &tu(C_HEADERS, WS_ALL, body)));
    }
    results.push(syntax_only(&CXX17, "cxx-library-after", &tu(WS_ALL, CXX_HEADERS, body)));
    results.push(syntax_only(&CXX17, "cxx-library-before", &tu(CXX_HEADERS, WS_ALL, body)));
    check_all(results);
}

/// Every value the headers share with windows-sys (the Windows SDK metadata) must be the same.
/// Left out on purpose: AF_MAX/PF_MAX and SOMAXCONN (windows-sys has the winsock.h 1.1 values;
/// the headers have winsock2.h's), SO_PROTOCOL_INFO (depends on UNICODE), PROTECTION_LEVEL_DEFAULT
/// (windows-sys has the pre-Vista value).
#[test]
fn header_values_match_windows_sys() {
    use windows_sys::Win32::Foundation::*;
    use windows_sys::Win32::Networking::WinSock::*;
    use windows_sys::Win32::System::Threading::*;
    macro_rules! values {
        ($($name:ident),* $(,)?) => { vec![$((stringify!($name), $name as i64)),*] };
    }
    #[rustfmt::skip]
    let expected: Vec<(&str, i64)> = values![
    ADDR_ANY, AF_12844, AF_APPLETALK, AF_ATM, AF_BAN, AF_CCITT, AF_CHAOS, AF_CLUSTER, AF_DATAKIT,
    AF_DECnet, AF_DLI, AF_ECMA, AF_FIREFOX, AF_HYLINK, AF_HYPERV, AF_ICLFXBM, AF_IMPLINK, AF_INET,
    AF_INET6, AF_IPX, AF_IRDA, AF_ISO, AF_LAT, AF_LINK, AF_NETBIOS, AF_NETDES, AF_NS, AF_OSI,
    AF_PUP, AF_SNA, AF_TCNMESSAGE, AF_TCNPROCESS, AF_UNIX, AF_UNKNOWN1, AF_UNSPEC, AF_VOICEVIEW,
    AI_ADDRCONFIG, AI_ALL, AI_BYPASS_DNS_CACHE, AI_CANONNAME, AI_DISABLE_IDN_ENCODING,
    AI_DNS_ONLY, AI_EXCLUSIVE_CUSTOM_SERVERS, AI_EXTENDED, AI_FILESERVER, AI_FORCE_CLEAR_TEXT,
    AI_FQDN, AI_NON_AUTHORITATIVE, AI_NUMERICHOST, AI_NUMERICSERV, AI_PASSIVE, AI_REQUIRE_SECURE,
    AI_RESOLUTION_HANDLE, AI_RETURN_PREFERRED_NAMES, AI_RETURN_RESPONSE_FLAGS, AI_RETURN_TTL,
    AI_SECURE, AI_SECURE_WITH_FALLBACK, AI_V4MAPPED, BASE_PROTOCOL, BIGENDIAN, CF_ACCEPT,
    CF_DEFER, CF_REJECT, DE_REUSE_SOCKET, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
    ERROR_IO_INCOMPLETE, ERROR_IO_PENDING, ERROR_NOT_ENOUGH_MEMORY, ERROR_OPERATION_ABORTED,
    ERROR_SUCCESS, FD_ACCEPT, FD_ACCEPT_BIT, FD_ADDRESS_LIST_CHANGE_BIT, FD_CLOSE, FD_CLOSE_BIT,
    FD_CONNECT, FD_CONNECT_BIT, FD_GROUP_QOS_BIT, FD_MAX_EVENTS, FD_OOB, FD_OOB_BIT, FD_QOS_BIT,
    FD_READ, FD_READ_BIT, FD_ROUTING_INTERFACE_CHANGE_BIT, FD_WRITE, FD_WRITE_BIT, FIOASYNC,
    FIONBIO, FIONREAD, FROM_PROTOCOL_INFO, GAI_STRERROR_BUFFER_SIZE, IFF_BROADCAST, IFF_LOOPBACK,
    IFF_MULTICAST, IFF_POINTTOPOINT, IFF_UP, INADDR_ANY, INADDR_BROADCAST, INADDR_LOOPBACK,
    INADDR_NONE, INET6_ADDRSTRLEN,
    INET_ADDRSTRLEN, INFINITE, INVALID_SOCKET, IOCPARM_MASK, IOC_IN, IOC_INOUT, IOC_OUT,
    IOC_PROTOCOL, IOC_UNIX, IOC_VENDOR, IOC_VOID, IOC_WS2, IP6T_SO_ORIGINAL_DST, IPPROTO_AH,
    IPPROTO_CBT, IPPROTO_DSTOPTS, IPPROTO_EGP, IPPROTO_ESP, IPPROTO_FRAGMENT, IPPROTO_GGP,
    IPPROTO_HOPOPTS, IPPROTO_ICLFXBM, IPPROTO_ICMP, IPPROTO_ICMPV6, IPPROTO_IDP, IPPROTO_IGMP,
    IPPROTO_IGP, IPPROTO_IP, IPPROTO_IPV4, IPPROTO_IPV6, IPPROTO_L2TP, IPPROTO_MAX, IPPROTO_ND,
    IPPROTO_NONE, IPPROTO_PGM, IPPROTO_PIM, IPPROTO_PUP, IPPROTO_RAW, IPPROTO_RDP,
    IPPROTO_RESERVED_IPSEC, IPPROTO_RESERVED_IPSECOFFLOAD, IPPROTO_RESERVED_MAX,
    IPPROTO_RESERVED_RAW, IPPROTO_RESERVED_WNV, IPPROTO_RM, IPPROTO_ROUTING, IPPROTO_SCTP,
    IPPROTO_ST, IPPROTO_TCP, IPPROTO_UDP, IPV6_ADD_IFLIST, IPV6_ADD_MEMBERSHIP, IPV6_CHECKSUM,
    IPV6_DEL_IFLIST, IPV6_DONTFRAG, IPV6_DROP_MEMBERSHIP, IPV6_ECN, IPV6_GET_IFLIST, IPV6_HDRINCL,
    IPV6_HOPLIMIT, IPV6_HOPOPTS, IPV6_IFLIST, IPV6_JOIN_GROUP, IPV6_LEAVE_GROUP, IPV6_MTU,
    IPV6_MTU_DISCOVER, IPV6_MULTICAST_HOPS, IPV6_MULTICAST_IF, IPV6_MULTICAST_LOOP,
    IPV6_NRT_INTERFACE, IPV6_PKTINFO, IPV6_PKTINFO_EX, IPV6_PROTECTION_LEVEL, IPV6_RECVDSTADDR,
    IPV6_RECVECN, IPV6_RECVERR, IPV6_RECVIF, IPV6_RECVRTHDR, IPV6_RECVTCLASS, IPV6_RTHDR,
    IPV6_TCLASS, IPV6_UNICAST_HOPS, IPV6_UNICAST_IF, IPV6_USER_MTU, IPV6_V6ONLY,
    IPV6_WFP_REDIRECT_CONTEXT, IPV6_WFP_REDIRECT_RECORDS, IP_ADD_IFLIST, IP_ADD_MEMBERSHIP,
    IP_ADD_SOURCE_MEMBERSHIP, IP_BLOCK_SOURCE, IP_DEFAULT_MULTICAST_LOOP,
    IP_DEFAULT_MULTICAST_TTL, IP_DEL_IFLIST, IP_DONTFRAGMENT, IP_DROP_MEMBERSHIP,
    IP_DROP_SOURCE_MEMBERSHIP, IP_ECN, IP_GET_IFLIST, IP_HDRINCL, IP_HOPLIMIT, IP_IFLIST,
    IP_MAX_MEMBERSHIPS, IP_MTU, IP_MTU_DISCOVER, IP_MULTICAST_IF, IP_MULTICAST_LOOP,
    IP_MULTICAST_TTL, IP_NRT_INTERFACE, IP_OPTIONS, IP_ORIGINAL_ARRIVAL_IF, IP_PKTINFO,
    IP_PKTINFO_EX, IP_PROTECTION_LEVEL, IP_RECEIVE_BROADCAST, IP_RECVDSTADDR, IP_RECVECN,
    IP_RECVERR, IP_RECVIF, IP_RECVRTHDR, IP_RECVTCLASS, IP_RECVTOS, IP_RECVTTL, IP_RTHDR,
    IP_TCLASS, IP_TOS, IP_TTL, IP_UNBLOCK_SOURCE, IP_UNICAST_IF, IP_UNSPECIFIED_HOP_LIMIT,
    IP_UNSPECIFIED_TYPE_OF_SERVICE, IP_UNSPECIFIED_USER_MTU, IP_USER_MTU, IP_WFP_REDIRECT_CONTEXT,
    IP_WFP_REDIRECT_RECORDS, JL_BOTH, JL_RECEIVER_ONLY, JL_SENDER_ONLY, LAYERED_PROTOCOL,
    LITTLEENDIAN, MAXGETHOSTSTRUCT, MAX_PROTOCOL_CHAIN, MCAST_BLOCK_SOURCE, MCAST_JOIN_GROUP,
    MCAST_JOIN_SOURCE_GROUP, MCAST_LEAVE_GROUP, MCAST_LEAVE_SOURCE_GROUP, MCAST_UNBLOCK_SOURCE,
    MSG_BCAST, MSG_CTRUNC, MSG_DONTROUTE, MSG_ERRQUEUE, MSG_INTERRUPT, MSG_MAXIOVLEN, MSG_MCAST,
    MSG_OOB, MSG_PARTIAL, MSG_PEEK, MSG_PUSH_IMMEDIATE, MSG_TRUNC, MSG_WAITALL, NI_DGRAM,
    NI_MAXHOST, NI_MAXSERV, NI_NAMEREQD, NI_NOFQDN, NI_NUMERICHOST, NI_NUMERICSERV, NO_ERROR,
    PFL_HIDDEN, PFL_MATCHES_PROTOCOL_ZERO, PFL_MULTIPLE_PROTO_ENTRIES, PFL_NETWORKDIRECT_PROVIDER,
    PFL_RECOMMENDED_PROTO_ENTRY, PF_APPLETALK, PF_ATM, PF_BAN, PF_CCITT, PF_CHAOS, PF_DATAKIT,
    PF_DECnet, PF_DLI, PF_ECMA, PF_FIREFOX, PF_HYLINK, PF_IMPLINK, PF_IPX, PF_ISO, PF_LAT, PF_NS,
    PF_OSI, PF_PUP, PF_SNA, PF_UNIX, PF_UNKNOWN1, PF_VOICEVIEW, POLLERR, POLLHUP, POLLIN,
    POLLNVAL, POLLOUT, POLLPRI, POLLRDBAND, POLLRDNORM, POLLWRBAND, POLLWRNORM,
    PROTECTION_LEVEL_EDGERESTRICTED, PROTECTION_LEVEL_RESTRICTED, PROTECTION_LEVEL_UNRESTRICTED,
    PVD_CONFIG, SD_BOTH, SD_RECEIVE, SD_SEND, SECURITY_PROTOCOL_NONE, SG_CONSTRAINED_GROUP,
    SG_UNCONSTRAINED_GROUP, SIOCATMARK, SIOCGHIWAT, SIOCGLOWAT, SIOCSHIWAT, SIOCSLOWAT,
    SIO_ADDRESS_LIST_CHANGE, SIO_ADDRESS_LIST_QUERY, SIO_ADDRESS_LIST_SORT, SIO_ASSOCIATE_HANDLE,
    SIO_BASE_HANDLE, SIO_BSP_HANDLE, SIO_BSP_HANDLE_POLL, SIO_BSP_HANDLE_SELECT,
    SIO_ENABLE_CIRCULAR_QUEUEING, SIO_EXT_POLL, SIO_EXT_SELECT, SIO_EXT_SENDMSG, SIO_FIND_ROUTE,
    SIO_FLUSH, SIO_GET_BROADCAST_ADDRESS, SIO_GET_EXTENSION_FUNCTION_POINTER, SIO_GET_GROUP_QOS,
    SIO_GET_MULTIPLE_EXTENSION_FUNCTION_POINTER, SIO_GET_QOS, SIO_MULTICAST_SCOPE,
    SIO_MULTIPOINT_LOOPBACK, SIO_NSP_NOTIFY_CHANGE, SIO_QUERY_RSS_PROCESSOR_INFO,
    SIO_QUERY_TARGET_PNP_HANDLE, SIO_RESERVED_1, SIO_RESERVED_2, SIO_ROUTING_INTERFACE_CHANGE,
    SIO_ROUTING_INTERFACE_QUERY, SIO_SET_GROUP_QOS, SIO_SET_QOS, SIO_SOCKET_CLOSE_NOTIFY,
    SIO_TRANSLATE_HANDLE, SIO_UDP_CONNRESET, SIO_UDP_NETRESET, SOCKET_ERROR, SOCK_DGRAM, SOCK_RAW,
    SOCK_RDM, SOCK_SEQPACKET, SOCK_STREAM, SOL_IP, SOL_IPV6, SOL_SOCKET, SO_ACCEPTCONN,
    SO_BROADCAST, SO_BSP_STATE, SO_COMPARTMENT_ID, SO_CONDITIONAL_ACCEPT, SO_CONNDATA,
    SO_CONNDATALEN, SO_CONNECT_TIME, SO_CONNOPT, SO_CONNOPTLEN, SO_DEBUG, SO_DISCDATA,
    SO_DISCDATALEN, SO_DISCOPT, SO_DISCOPTLEN, SO_DONTLINGER, SO_DONTROUTE, SO_ERROR,
    SO_EXCLUSIVEADDRUSE, SO_GROUP_ID, SO_GROUP_PRIORITY, SO_KEEPALIVE, SO_LINGER, SO_MAXDG,
    SO_MAXPATHDG, SO_MAX_MSG_SIZE, SO_OOBINLINE, SO_OPENTYPE, SO_ORIGINAL_DST, SO_PAUSE_ACCEPT,
    SO_PORT_SCALABILITY, SO_PROTOCOL_INFOA, SO_PROTOCOL_INFOW, SO_RANDOMIZE_PORT, SO_RCVBUF,
    SO_RCVLOWAT, SO_RCVTIMEO, SO_REUSEADDR, SO_REUSE_MULTICASTPORT, SO_REUSE_UNICASTPORT,
    SO_SNDBUF, SO_SNDLOWAT, SO_SNDTIMEO, SO_SYNCHRONOUS_ALERT, SO_SYNCHRONOUS_NONALERT, SO_TYPE,
    SO_UPDATE_ACCEPT_CONTEXT, SO_UPDATE_CONNECT_CONTEXT, SO_USELOOPBACK, TCP_ATMARK,
    TCP_BSDURGENT, TCP_CONGESTION_ALGORITHM, TCP_DELAY_FIN_ACK, TCP_EXPEDITED_1122,
    TCP_FAIL_CONNECT_ON_ICMP_ERROR, TCP_FASTOPEN, TCP_ICMP_ERROR_INFO, TCP_KEEPALIVE, TCP_KEEPCNT,
    TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_MAXRT, TCP_MAXRTMS, TCP_MAXSEG, TCP_NODELAY,
    TCP_NOSYNRETRIES, TCP_NOURG, TCP_STDURG, TCP_TIMESTAMPS, TF_DISCONNECT, TF_REUSE_SOCKET,
    TF_USE_DEFAULT_WORKER, TF_USE_KERNEL_APC, TF_USE_SYSTEM_THREAD, TF_WRITE_BEHIND, TH_NETDEV,
    TH_TAPI, TP_DISCONNECT, TP_ELEMENT_EOP, TP_ELEMENT_FILE, TP_ELEMENT_MEMORY, TP_REUSE_SOCKET,
    TP_USE_DEFAULT_WORKER, TP_USE_KERNEL_APC, TP_USE_SYSTEM_THREAD, UDP_CHECKSUM_COVERAGE,
    UDP_COALESCED_INFO, UDP_NOCHECKSUM, UDP_RECV_MAX_COALESCED_SIZE, UDP_SEND_MSG_SIZE,
    WAIT_ABANDONED, WAIT_ABANDONED_0, WAIT_FAILED, WAIT_IO_COMPLETION, WAIT_OBJECT_0,
    WAIT_TIMEOUT, WSABASEERR, WSADESCRIPTION_LEN, WSAEACCES, WSAEADDRINUSE, WSAEADDRNOTAVAIL,
    WSAEAFNOSUPPORT, WSAEALREADY, WSAEBADF, WSAECANCELLED, WSAECONNABORTED, WSAECONNREFUSED,
    WSAECONNRESET, WSAEDESTADDRREQ, WSAEDISCON, WSAEDQUOT, WSAEFAULT, WSAEHOSTDOWN,
    WSAEHOSTUNREACH, WSAEINPROGRESS, WSAEINTR, WSAEINVAL, WSAEINVALIDPROCTABLE,
    WSAEINVALIDPROVIDER, WSAEISCONN, WSAELOOP, WSAEMFILE, WSAEMSGSIZE, WSAENAMETOOLONG,
    WSAENETDOWN, WSAENETRESET, WSAENETUNREACH, WSAENOBUFS, WSAENOMORE, WSAENOPROTOOPT,
    WSAENOTCONN, WSAENOTEMPTY, WSAENOTSOCK, WSAEOPNOTSUPP, WSAEPFNOSUPPORT, WSAEPROCLIM,
    WSAEPROTONOSUPPORT, WSAEPROTOTYPE, WSAEPROVIDERFAILEDINIT, WSAEREFUSED, WSAEREMOTE,
    WSAESHUTDOWN, WSAESOCKTNOSUPPORT, WSAESTALE, WSAETIMEDOUT, WSAETOOMANYREFS, WSAEUSERS,
    WSAEWOULDBLOCK, WSAHOST_NOT_FOUND, WSANOTINITIALISED, WSANO_DATA, WSANO_RECOVERY,
    WSAPROTOCOL_LEN, WSASERVICE_NOT_FOUND, WSASYSCALLFAILURE, WSASYSNOTREADY, WSASYS_STATUS_LEN,
    WSATRY_AGAIN, WSATYPE_NOT_FOUND, WSAVERNOTSUPPORTED, WSA_E_CANCELLED, WSA_E_NO_MORE,
    WSA_FLAG_ACCESS_SYSTEM_SECURITY, WSA_FLAG_MULTIPOINT_C_LEAF, WSA_FLAG_MULTIPOINT_C_ROOT,
    WSA_FLAG_MULTIPOINT_D_LEAF, WSA_FLAG_MULTIPOINT_D_ROOT, WSA_FLAG_NO_HANDLE_INHERIT,
    WSA_FLAG_OVERLAPPED, WSA_FLAG_REGISTERED_IO, WSA_INFINITE, WSA_INVALID_HANDLE,
    WSA_INVALID_PARAMETER, WSA_IO_INCOMPLETE, WSA_IO_PENDING, WSA_IPSEC_NAME_POLICY_ERROR,
    WSA_MAXIMUM_WAIT_EVENTS, WSA_NOT_ENOUGH_MEMORY, WSA_OPERATION_ABORTED,
    WSA_SECURE_HOST_NOT_FOUND, WSA_WAIT_EVENT_0, WSA_WAIT_FAILED, WSA_WAIT_IO_COMPLETION,
    WSA_WAIT_TIMEOUT, WSK_SO_BASE, WSPDESCRIPTION_LEN, WSS_OPERATION_IN_PROGRESS,
    XP1_CONNECTIONLESS, XP1_CONNECT_DATA, XP1_DISCONNECT_DATA, XP1_EXPEDITED_DATA,
    XP1_GRACEFUL_CLOSE, XP1_GUARANTEED_DELIVERY, XP1_GUARANTEED_ORDER, XP1_IFS_HANDLES,
    XP1_INTERRUPT, XP1_MESSAGE_ORIENTED, XP1_MULTIPOINT_CONTROL_PLANE, XP1_MULTIPOINT_DATA_PLANE,
    XP1_PARTIAL_MESSAGE, XP1_PSEUDO_STREAM, XP1_QOS_SUPPORTED, XP1_SAN_SUPPORT_SDP,
    XP1_SUPPORT_BROADCAST, XP1_SUPPORT_MULTIPOINT, XP1_UNI_RECV, XP1_UNI_SEND, _SS_MAXSIZE,
    ];
    let mut body = String::from("#include <stdio.h>\nint main(void)\n{\n");
    for (name, _) in &expected {
        body.push_str(&format!("    printf(\"%lld\\n\", (long long)({name}));\n"));
    }
    body.push_str("    return 0;\n}\n");
    let exe = compile(&GNU11, "values", &tu(WS_ALL, &["sporder.h"], &body), &[]).unwrap_or_else(|e| panic!("{e}"));
    let out = Command::new(&exe).output().expect("cannot run the values program");
    let printed: Vec<i64> = String::from_utf8_lossy(&out.stdout).lines().map(|l| l.parse().unwrap()).collect();
    assert_eq!(printed.len(), expected.len(), "the values program printed too few lines");
    let mismatches: Vec<String> = expected
        .iter()
        .zip(&printed)
        .filter(|((_, want), got)| (**got as u64 & 0xffff_ffff) != (*want as u64 & 0xffff_ffff))
        .map(|((name, want), got)| format!("{name}: C {got:#x}, windows-sys {want:#x}"))
        .collect();
    assert!(mismatches.is_empty(), "{} value(s) differ:\n  {}", mismatches.len(), mismatches.join("\n  "));
}

/// Compile-time checks of the Windows values and of which fd_set/select/FD_* are in force.
const KEY_VALUES: &str = r#"
SA(sizeof(BYTE) == 1 && sizeof(WORD) == 2 && sizeof(DWORD) == 4 && sizeof(LONG) == 4);
SA(sizeof(ULONG) == 4 && sizeof(BOOL) == 4 && sizeof(WCHAR) == 2 && sizeof(LONGLONG) == 8);
SA(sizeof(u_long) == 4 && sizeof(u_short) == 2 && sizeof(u_int) == 4);
SA(sizeof(SOCKET) == sizeof(void *) && sizeof(HANDLE) == 8 && sizeof(ULONG_PTR) == 8);
SA(sizeof(UINT_PTR) == 8 && sizeof(SIZE_T) == 8 && sizeof(DWORD_PTR) == 8 && sizeof(LPARAM) == 8);
SA(sizeof(GUID) == 16 && sizeof(OVERLAPPED) == 32 && sizeof(LARGE_INTEGER) == 8);
SA(AF_UNSPEC == 0 && AF_INET == 2 && AF_INET6 == 23 && PF_INET6 == AF_INET6);
SA(SOCK_STREAM == 1 && SOCK_DGRAM == 2 && SOCK_RAW == 3);
SA(SOL_SOCKET == 0xffff);
SA(IPPROTO_IP == 0 && IPPROTO_TCP == 6 && IPPROTO_UDP == 17 && IPPROTO_IPV6 == 41);
SA(IPPROTO_ICMP == 1 && IPPROTO_ICMPV6 == 58 && IPPROTO_RAW == 255);
SA(WSABASEERR == 10000 && WSAEINTR == 10004 && WSAEFAULT == 10014 && WSAEINVAL == 10022);
SA(WSAEWOULDBLOCK == 10035 && WSAEINPROGRESS == 10036 && WSAENOTSOCK == 10038);
SA(WSAECONNRESET == 10054 && WSAETIMEDOUT == 10060 && WSAECONNREFUSED == 10061);
SA(WSANOTINITIALISED == 10093 && WSAEPROVIDERFAILEDINIT == 10106 && WSASYSCALLFAILURE == 10107);
SA(WSATYPE_NOT_FOUND == 10109 && WSAHOST_NOT_FOUND == 11001 && WSATRY_AGAIN == 11002);
SA(WSANO_RECOVERY == 11003 && WSANO_DATA == 11004);
SA(WSA_IO_PENDING == 997 && WSA_IO_INCOMPLETE == 996 && WSA_INVALID_HANDLE == 6);
SA(WSA_NOT_ENOUGH_MEMORY == 8 && WSA_INVALID_PARAMETER == 87 && WSA_OPERATION_ABORTED == 995);
SA(EAI_NONAME == WSAHOST_NOT_FOUND && EAI_SERVICE == WSATYPE_NOT_FOUND);
SA(EAI_AGAIN == WSATRY_AGAIN && EAI_FAIL == WSANO_RECOVERY && EAI_FAMILY == WSAEAFNOSUPPORT);
SA(EAI_MEMORY == WSA_NOT_ENOUGH_MEMORY && EAI_BADFLAGS == WSAEINVAL);
SA(EAI_SOCKTYPE == WSAESOCKTNOSUPPORT && EAI_NODATA == EAI_NONAME);
SA(AI_PASSIVE == 1 && AI_CANONNAME == 2 && AI_NUMERICHOST == 4 && AI_NUMERICSERV == 8);
SA(AI_ALL == 0x100 && AI_ADDRCONFIG == 0x400 && AI_V4MAPPED == 0x800);
SA(NI_NOFQDN == 1 && NI_NUMERICHOST == 2 && NI_NAMEREQD == 4 && NI_NUMERICSERV == 8);
SA(NI_DGRAM == 16 && NI_MAXHOST == 1025 && NI_MAXSERV == 32);
SA(MSG_OOB == 1 && MSG_PEEK == 2 && MSG_DONTROUTE == 4 && MSG_WAITALL == 8);
SA(MSG_PARTIAL == 0x8000 && MSG_PUSH_IMMEDIATE == 0x20);
SA(SO_DEBUG == 1 && SO_ACCEPTCONN == 2 && SO_REUSEADDR == 4 && SO_KEEPALIVE == 8);
SA(SO_DONTROUTE == 0x10 && SO_BROADCAST == 0x20 && SO_USELOOPBACK == 0x40);
SA(SO_LINGER == 0x80 && SO_OOBINLINE == 0x100);
SA(SO_DONTLINGER == (int)(~SO_LINGER) && SO_EXCLUSIVEADDRUSE == (int)(~SO_REUSEADDR));
SA(SO_SNDBUF == 0x1001 && SO_RCVBUF == 0x1002 && SO_SNDLOWAT == 0x1003 && SO_RCVLOWAT == 0x1004);
SA(SO_SNDTIMEO == 0x1005 && SO_RCVTIMEO == 0x1006 && SO_ERROR == 0x1007 && SO_TYPE == 0x1008);
SA(SO_GROUP_ID == 0x2001 && SO_GROUP_PRIORITY == 0x2002 && SO_MAX_MSG_SIZE == 0x2003);
SA(SO_PROTOCOL_INFOA == 0x2004 && SO_PROTOCOL_INFOW == 0x2005 && PVD_CONFIG == 0x3001);
SA(SO_UPDATE_ACCEPT_CONTEXT == 0x700B && SO_CONNECT_TIME == 0x700C);
SA(SO_UPDATE_CONNECT_CONTEXT == 0x7010);
SA(IP_OPTIONS == 1 && IP_HDRINCL == 2 && IP_TOS == 3 && IP_TTL == 4);
SA(IP_MULTICAST_IF == 9 && IP_MULTICAST_TTL == 10 && IP_MULTICAST_LOOP == 11);
SA(IP_ADD_MEMBERSHIP == 12 && IP_DROP_MEMBERSHIP == 13 && IP_DONTFRAGMENT == 14);
SA(IP_PKTINFO == 19);
SA(IPV6_UNICAST_HOPS == 4 && IPV6_MULTICAST_IF == 9 && IPV6_MULTICAST_HOPS == 10);
SA(IPV6_MULTICAST_LOOP == 11 && IPV6_ADD_MEMBERSHIP == 12 && IPV6_JOIN_GROUP == 12);
SA(IPV6_DROP_MEMBERSHIP == 13 && IPV6_LEAVE_GROUP == 13 && IPV6_PKTINFO == 19);
SA(IPV6_HOPLIMIT == 21 && IPV6_V6ONLY == 27 && TCP_NODELAY == 1);
SA(FIONBIO == 0x8004667E && FIONREAD == 0x4004667F && SIOCATMARK == 0x40047307);
SA(SIO_GET_EXTENSION_FUNCTION_POINTER == 0xC8000006);
SA(SIO_ADDRESS_LIST_QUERY == 0x48000016 && SIO_UDP_CONNRESET == 0x9800000C);
SA(SD_RECEIVE == 0 && SD_SEND == 1 && SD_BOTH == 2);
SA(INVALID_SOCKET == (SOCKET)~(SOCKET)0 && SOCKET_ERROR == -1);
SA(SOMAXCONN == 0x7fffffff && SOMAXCONN_HINT(200) == -200);
SA(WSA_FLAG_OVERLAPPED == 1 && WSA_FLAG_NO_HANDLE_INHERIT == 0x80 && FROM_PROTOCOL_INFO == -1);
SA(XP1_CONNECTIONLESS == 1 && XP1_IFS_HANDLES == 0x20000 && PFL_HIDDEN == 4);
SA(BIGENDIAN == 0 && LITTLEENDIAN == 1 && SECURITY_PROTOCOL_NONE == 0);
SA(MAX_PROTOCOL_CHAIN == 7 && BASE_PROTOCOL == 1 && LAYERED_PROTOCOL == 0);
SA(WSAPROTOCOL_LEN == 255);
SA(FD_READ == 1 && FD_WRITE == 2 && FD_OOB == 4 && FD_ACCEPT == 8 && FD_CONNECT == 16);
SA(FD_CLOSE == 32 && FD_CLOSE_BIT == 5 && FD_MAX_EVENTS == 10 && FD_ALL_EVENTS == 0x3ff);
SA(WSA_INFINITE == 0xFFFFFFFF && WSA_WAIT_TIMEOUT == 258 && WSA_WAIT_EVENT_0 == 0);
SA(WSA_WAIT_FAILED == 0xFFFFFFFF && WSA_WAIT_IO_COMPLETION == 0xC0);
SA(WSA_MAXIMUM_WAIT_EVENTS == 64);
SA(POLLRDNORM == 0x100 && POLLRDBAND == 0x200 && POLLIN == 0x300 && POLLPRI == 0x400);
SA(POLLWRNORM == 0x10 && POLLOUT == 0x10 && POLLWRBAND == 0x20);
SA(POLLERR == 1 && POLLHUP == 2 && POLLNVAL == 4);
SA(INADDR_ANY == 0 && INADDR_LOOPBACK == 0x7f000001 && INADDR_BROADCAST == 0xffffffff);
SA(INADDR_NONE == 0xffffffff && INET_ADDRSTRLEN == 22 && INET6_ADDRSTRLEN == 65);
SA(MAKEWORD(2, 2) == 0x0202 && WINSOCK_VERSION == 0x0202 && HIBYTE(0x0102) == 1);
SA(TRUE == 1 && FALSE == 0 && INFINITE == 0xFFFFFFFF && ERROR_SUCCESS == 0);
SA(ERROR_IO_PENDING == 997 && WAIT_TIMEOUT == 258 && WAIT_OBJECT_0 == 0);
SA(sizeof(WSADATA) == 408 && sizeof(WSAPROTOCOL_INFOW) == 628 && sizeof(WSAPROTOCOL_INFOA) == 372);
SA(sizeof(struct sockaddr) == 16 && sizeof(struct sockaddr_in) == 16);
SA(sizeof(struct sockaddr_in6) == 28 && sizeof(SOCKADDR_STORAGE) == 128);
SA(sizeof(struct in_addr) == 4 && sizeof(IN6_ADDR) == 16 && sizeof(ADDRINFOA) == 48);
SA(sizeof(struct timeval) == 8 && sizeof(TIMEVAL) == 8 && sizeof(WSAPOLLFD) == 16);
SA(sizeof(struct linger) == 4 && sizeof(WSABUF) == 16 && sizeof(struct hostent) == 32);
SA(FD_SETSIZE == 64 && sizeof(fd_set) == 8 + 64 * 8 && sizeof(FD_SET) == sizeof(fd_set));

/* fd_set, timeval, select, FD_* and u_long are the Windows ones, whatever the include order. */
static int the_windows_versions(SOCKET s)
{
    fd_set set;
    struct timeval tv = { 1, 0 };
    int (*sel)(int, fd_set *, fd_set *, fd_set *, const struct timeval *) = select;
    int (*isset)(SOCKET, fd_set *) = __WSAFDIsSet;
    u_long *arg = NULL;
    int (*ioctl_fn)(SOCKET, LONG, ULONG *) = ioctlsocket;
    FD_ZERO(&set);
    FD_SET(s, &set);
    FD_CLR(s, &set);
    SA(sizeof(set.fd_array) / sizeof(set.fd_array[0]) == 64);
    (void)sel; (void)isset; (void)ioctl_fn; (void)arg;
    return FD_ISSET(s, &set) + (int)set.fd_count + (int)tv.tv_sec;
}
#define WS2_STR(x) WS2_STR_(x)
#define WS2_STR_(x) #x
SA(sizeof(WS2_STR(select)) == sizeof("ws2_select"));
SA(sizeof(WS2_STR(fd_set)) == sizeof("ws2_fd_set"));
int main(void) { return the_windows_versions((SOCKET)3); }
"#;

#[test]
fn windows_values_and_versions_are_in_force() {
    let mut results = Vec::new();
    for mode in &MODES {
        results.push(syntax_only(mode, "values-before-libc", &tu(WS_ALL, LIBC, KEY_VALUES)));
        results.push(syntax_only(mode, "values-after-libc", &tu(LIBC, WS_ALL, KEY_VALUES)));
    }
    check_all(results);
}

#[test]
fn program_can_choose_fd_setsize() {
    let body = "SA(FD_SETSIZE == 256 && sizeof(fd_set) == 8 + 256 * 8);\n\
                int main(void) { fd_set s; FD_ZERO(&s); FD_SET(1, &s); return (int)s.fd_count; }\n";
    let define = "#define FD_SETSIZE 256\n";
    let mut results = Vec::new();
    for mode in &MODES {
        // Defined before everything, Winsock headers first.
        results.push(syntax_only(mode, "fdsetsize-first", &format!("{define}{}", tu(WS_ALL, LIBC, body))));
        // After the C library: glibc (GNU mode) has defined its own FD_SETSIZE, so #undef first.
        results.push(syntax_only(
            mode,
            "fdsetsize-undef-after-libc",
            &tu(LIBC, &[], &format!("#undef FD_SETSIZE\n{define}{}", tu(WS_ALL, &[], body))),
        ));
    }
    // Defined before the C library headers, which come first: only strict C keeps
    // <sys/select.h> (and its own FD_SETSIZE) out of <stdlib.h>.
    results.push(syntax_only(&C11, "fdsetsize-before-libc-first", &format!("{define}{}", tu(LIBC, WS_ALL, body))));
    check_all(results);
}

/// Runs a program using only what the headers implement themselves (macros and inline functions).
#[test]
fn header_only_helpers_behave_like_windows() {
    let body = r#"
#define CHECK(e) do { if (!(e)) { printf("FAILED: %s\n", #e); return 1; } } while (0)
int main(void)
{
    fd_set s;
    unsigned i;
    SOCKADDR_IN6 sa6;
    IN6_ADDR a;
    FD_ZERO(&s);
    FD_SET(5, &s);
    FD_SET(5, &s);
    FD_SET(7, &s);
    FD_SET(9, &s);
    CHECK(s.fd_count == 3 && s.fd_array[0] == 5 && s.fd_array[1] == 7 && s.fd_array[2] == 9);
    FD_CLR(7, &s);
    CHECK(s.fd_count == 2 && s.fd_array[0] == 5 && s.fd_array[1] == 9);
    FD_CLR(42, &s);
    CHECK(s.fd_count == 2);
    FD_ZERO(&s);
    CHECK(s.fd_count == 0);
    for (i = 0; i < FD_SETSIZE + 10; i++)
        FD_SET(i + 100, &s);
    CHECK(s.fd_count == FD_SETSIZE && s.fd_array[FD_SETSIZE - 1] == 100 + FD_SETSIZE - 1);
    CHECK(htonll(0x0102030405060708ULL) == 0x0807060504030201ULL);
    CHECK(ntohll(htonll(12345)) == 12345);
    CHECK(IN6_IS_ADDR_LOOPBACK(&in6addr_loopback) && IN6_IS_ADDR_UNSPECIFIED(&in6addr_any));
    CHECK(!IN6_IS_ADDR_LOOPBACK(&in6addr_any) && IN6_ADDR_EQUAL(&in6addr_any, &in6addr_any));
    IN6ADDR_SETLOOPBACK(&sa6);
    CHECK(IN6ADDR_ISLOOPBACK(&sa6) && sa6.sin6_family == AF_INET6 && sa6.sin6_scope_id == 0);
    memset(&a, 0, sizeof(a));
    a.s6_bytes[0] = 0xfe;
    a.s6_bytes[1] = 0x80;
    CHECK(IN6_IS_ADDR_LINKLOCAL(&a) && !IN6_IS_ADDR_MULTICAST(&a));
    a.s6_words[5] = 0xffff;
    a.s6_bytes[0] = 0;
    a.s6_bytes[1] = 0;
    CHECK(IN6_IS_ADDR_V4MAPPED(&a));
    CHECK(strcmp(gai_strerrorA(EAI_NONAME), "No such host is known. ") == 0);
    CHECK(gai_strerrorW(EAI_NONAME)[0] == 'N' && gai_strerrorW(EAI_NONAME)[1] == 'o');
    CHECK(WSA_CMSG_LEN(4) == 20 && WSA_CMSG_SPACE(sizeof(IN_PKTINFO)) == 24);
    CHECK(MAKEWORD(2, 2) == 0x0202 && LOWORD(0x12345678) == 0x5678 && HIWORD(0x12345678) == 0x1234);
    CHECK(MAKELONG(1, 2) == 0x20001 && LOBYTE(0x1234) == 0x34 && HIBYTE(0x1234) == 0x12);
    puts("ok");
    return 0;
}
"#;
    let mut failures = Vec::new();
    for mode in [C11, CXX17] {
        match compile(&mode, "helpers", &tu(LIBC, WS_ALL, body), &[]) {
            Err(e) => failures.push(e),
            Ok(exe) => {
                let out = Command::new(&exe).output().expect("cannot run the helper program");
                let stdout = String::from_utf8_lossy(&out.stdout);
                if !out.status.success() || stdout.trim() != "ok" {
                    failures.push(format!("[{}] helper program: {stdout}", mode.name));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Winsock functions whose names libc also exports; the headers bind each to `ws2_<name>`.
const LIBC_NAMES: &[&str] = &[
    "accept",
    "bind",
    "connect",
    "getpeername",
    "getsockname",
    "getsockopt",
    "setsockopt",
    "listen",
    "recv",
    "recvfrom",
    "send",
    "sendto",
    "shutdown",
    "socket",
    "select",
    "htonl",
    "htons",
    "ntohl",
    "ntohs",
    "inet_addr",
    "inet_ntoa",
    "inet_pton",
    "inet_ntop",
    "gethostname",
    "gethostbyname",
    "gethostbyaddr",
    "getservbyname",
    "getservbyport",
    "getprotobyname",
    "getprotobynumber",
    "getaddrinfo",
    "freeaddrinfo",
    "getnameinfo",
];

fn undefined_symbols(object: &Path) -> Vec<String> {
    let out = Command::new("nm").arg("-u").arg(object).output().expect("cannot run nm");
    assert!(out.status.success(), "nm failed on {}", object.display());
    String::from_utf8_lossy(&out.stdout).lines().filter_map(|l| l.split_whitespace().last().map(str::to_string)).collect()
}

#[test]
fn libc_named_functions_bind_to_prefixed_symbols() {
    // Take the address of each function, so each is referenced by its symbol.
    let mut body = String::from("void *refs[] = {\n");
    for name in LIBC_NAMES {
        body.push_str(&format!("    (void *)&{name},\n"));
    }
    body.push_str("    (void *)&InetPtonA, (void *)&InetNtopA, (void *)&GetAddrInfoA, (void *)&GetNameInfoA,\n");
    body.push_str("    (void *)&closesocket, (void *)&WSAStartup, (void *)&__WSAFDIsSet,\n};\n");
    body.push_str("int main(void) { return refs[0] == 0; }\n");
    let mut failures = Vec::new();
    for mode in &MODES {
        let object = match compile(mode, "symbols", &tu(LIBC, WS_ALL, &body), &["-c"]) {
            Ok(o) => o,
            Err(e) => {
                failures.push(e);
                continue;
            }
        };
        let undefined = undefined_symbols(&object);
        for name in LIBC_NAMES {
            let prefixed = format!("ws2_{name}");
            if !undefined.contains(&prefixed) {
                failures.push(format!("[{}] {name} does not reference {prefixed}", mode.name));
            }
            if undefined.iter().any(|u| u == name) {
                failures.push(format!("[{}] {name} references the libc symbol {name}", mode.name));
            }
        }
        for name in ["closesocket", "WSAStartup", "__WSAFDIsSet"] {
            if !undefined.iter().any(|u| u == name) {
                failures.push(format!("[{}] {name} is not referenced under its own name", mode.name));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
