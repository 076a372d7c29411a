/*
 * ws2tcpip.h - Winsock 2 TCP/IP extensions (ws2 for Linux; 64-bit Windows values and layouts).
 *
 * getaddrinfo, freeaddrinfo, getnameinfo, inet_pton and inet_ntop share their names with libc:
 * they are bound with asm labels to the library symbols ws2_<name> (see winsock2.h).
 * InetPtonA, InetNtopA, GetAddrInfoA, FreeAddrInfoA and GetNameInfoA are macros for them, as
 * on Windows. gai_strerrorA/W are inline, as on Windows.
 */
#ifndef _WS2TCPIP_H_
#define _WS2TCPIP_H_

#include <winsock2.h>
#include <ws2ipdef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Options at the IPPROTO_UDP level ---- */
#define UDP_NOCHECKSUM          1
#define UDP_CHECKSUM_COVERAGE   20
#define UDP_SEND_MSG_SIZE       2
#define UDP_RECV_MAX_COALESCED_SIZE 3
#define UDP_COALESCED_INFO      3

/* ---- Interface list ioctls ---- */
#define SIO_GET_INTERFACE_LIST      _IOR('t', 127, u_long)
#define SIO_GET_INTERFACE_LIST_EX   _IOR('t', 126, u_long)
#define SIO_SET_MULTICAST_FILTER    _IOW('t', 125, u_long)
#define SIO_GET_MULTICAST_FILTER    _IOW('t', 124 | IOC_IN, u_long)
#define SIOCSIPMSFILTER             SIO_SET_MULTICAST_FILTER
#define SIOCGIPMSFILTER             SIO_GET_MULTICAST_FILTER
#define SIOCSMSFILTER               _IOW('t', 126, u_long)
#define SIOCGMSFILTER               _IOW('t', 127 | IOC_IN, u_long)

#define SS_PORT(ssp) (((struct sockaddr_in *)(ssp))->sin_port)

/* ---- getaddrinfo errors (Windows values) ---- */
#define EAI_AGAIN       WSATRY_AGAIN
#define EAI_BADFLAGS    WSAEINVAL
#define EAI_FAIL        WSANO_RECOVERY
#define EAI_FAMILY      WSAEAFNOSUPPORT
#define EAI_MEMORY      WSA_NOT_ENOUGH_MEMORY
#define EAI_NOSECURENAME WSA_SECURE_HOST_NOT_FOUND
#define EAI_NONAME      WSAHOST_NOT_FOUND
#define EAI_SERVICE     WSATYPE_NOT_FOUND
#define EAI_SOCKTYPE    WSAESOCKTNOSUPPORT
#define EAI_IPSECPOLICY WSA_IPSEC_NAME_POLICY_ERROR
#define EAI_NODATA      EAI_NONAME

#ifdef UNICODE
typedef ADDRINFOW ADDRINFOT, *PADDRINFOT;
typedef ADDRINFOEXW ADDRINFOEX, *PADDRINFOEX;
#else
typedef ADDRINFOA ADDRINFOT, *PADDRINFOT;
typedef ADDRINFOEXA ADDRINFOEX, *PADDRINFOEX;
#endif
typedef ADDRINFOA ADDRINFO, *LPADDRINFO;

/* socklen_t is int on Windows; glibc (<unistd.h>, <sys/socket.h>) says unsigned int. */
#ifdef __socklen_t_defined
#define socklen_t ws2_socklen_t
#endif
typedef int socklen_t;
#ifndef __socklen_t_defined
#define __socklen_t_defined 1
#endif

typedef void (CALLBACK *LPLOOKUPSERVICE_COMPLETION_ROUTINE)(DWORD dwError, DWORD dwBytes,
                                                            LPWSAOVERLAPPED lpOverlapped);

#if INCL_WINSOCK_API_PROTOTYPES

/* Names that libc also exports: bound to the library's ws2_<name> symbols. */
WINSOCK_API_LINKAGE INT WSAAPI getaddrinfo(PCSTR pNodeName, PCSTR pServiceName, const ADDRINFOA *pHints, PADDRINFOA *ppResult) __WS2_SYM(getaddrinfo);
WINSOCK_API_LINKAGE VOID WSAAPI freeaddrinfo(PADDRINFOA pAddrInfo) __WS2_SYM(freeaddrinfo);
WINSOCK_API_LINKAGE INT WSAAPI getnameinfo(const SOCKADDR *pSockaddr, socklen_t SockaddrLength, PCHAR pNodeBuffer, DWORD NodeBufferSize, PCHAR pServiceBuffer, DWORD ServiceBufferSize, INT Flags) __WS2_SYM(getnameinfo);
WINSOCK_API_LINKAGE INT WSAAPI inet_pton(INT Family, PCSTR pszAddrString, PVOID pAddrBuf) __WS2_SYM(inet_pton);
WINSOCK_API_LINKAGE PCSTR WSAAPI inet_ntop(INT Family, const VOID *pAddr, PSTR pStringBuf, size_t StringBufSize) __WS2_SYM(inet_ntop);

/* Windows-only names. */
WINSOCK_API_LINKAGE INT WSAAPI GetAddrInfoW(PCWSTR pNodeName, PCWSTR pServiceName, const ADDRINFOW *pHints, PADDRINFOW *ppResult);
WINSOCK_API_LINKAGE VOID WSAAPI FreeAddrInfoW(PADDRINFOW pAddrInfo);
WINSOCK_API_LINKAGE INT WSAAPI GetNameInfoW(const SOCKADDR *pSockaddr, socklen_t SockaddrLength, PWCHAR pNodeBuffer, DWORD NodeBufferSize, PWCHAR pServiceBuffer, DWORD ServiceBufferSize, INT Flags);
WINSOCK_API_LINKAGE INT WSAAPI InetPtonW(INT Family, PCWSTR pszAddrString, PVOID pAddrBuf);
WINSOCK_API_LINKAGE PCWSTR WSAAPI InetNtopW(INT Family, const VOID *pAddr, PWSTR pStringBuf, size_t StringBufSize);

WINSOCK_API_LINKAGE INT WSAAPI GetAddrInfoExA(PCSTR pName, PCSTR pServiceName, DWORD dwNameSpace, LPGUID lpNspId, const ADDRINFOEXA *hints, PADDRINFOEXA *ppResult, struct timeval *timeout, LPOVERLAPPED lpOverlapped, LPLOOKUPSERVICE_COMPLETION_ROUTINE lpCompletionRoutine, LPHANDLE lpNameHandle);
WINSOCK_API_LINKAGE INT WSAAPI GetAddrInfoExW(PCWSTR pName, PCWSTR pServiceName, DWORD dwNameSpace, LPGUID lpNspId, const ADDRINFOEXW *hints, PADDRINFOEXW *ppResult, struct timeval *timeout, LPOVERLAPPED lpOverlapped, LPLOOKUPSERVICE_COMPLETION_ROUTINE lpCompletionRoutine, LPHANDLE lpHandle);
WINSOCK_API_LINKAGE INT WSAAPI GetAddrInfoExCancel(LPHANDLE lpHandle);
WINSOCK_API_LINKAGE INT WSAAPI GetAddrInfoExOverlappedResult(LPOVERLAPPED lpOverlapped);
WINSOCK_API_LINKAGE INT WSAAPI SetAddrInfoExA(PCSTR pName, PCSTR pServiceName, SOCKET_ADDRESS *pAddresses, DWORD dwAddressCount, LPBLOB lpBlob, DWORD dwFlags, DWORD dwNameSpace, LPGUID lpNspId, struct timeval *timeout, LPOVERLAPPED lpOverlapped, LPLOOKUPSERVICE_COMPLETION_ROUTINE lpCompletionRoutine, LPHANDLE lpNameHandle);
WINSOCK_API_LINKAGE INT WSAAPI SetAddrInfoExW(PCWSTR pName, PCWSTR pServiceName, SOCKET_ADDRESS *pAddresses, DWORD dwAddressCount, LPBLOB lpBlob, DWORD dwFlags, DWORD dwNameSpace, LPGUID lpNspId, struct timeval *timeout, LPOVERLAPPED lpOverlapped, LPLOOKUPSERVICE_COMPLETION_ROUTINE lpCompletionRoutine, LPHANDLE lpNameHandle);
WINSOCK_API_LINKAGE void WSAAPI FreeAddrInfoEx(PADDRINFOEXA pAddrInfoEx);
WINSOCK_API_LINKAGE void WSAAPI FreeAddrInfoExW(PADDRINFOEXW pAddrInfoEx);

#endif /* INCL_WINSOCK_API_PROTOTYPES */

#if INCL_WINSOCK_API_TYPEDEFS
typedef INT (WSAAPI *LPFN_GETADDRINFO)(PCSTR pNodeName, PCSTR pServiceName, const ADDRINFOA *pHints, PADDRINFOA *ppResult);
typedef INT (WSAAPI *LPFN_GETADDRINFOW)(PCWSTR pNodeName, PCWSTR pServiceName, const ADDRINFOW *pHints, PADDRINFOW *ppResult);
typedef VOID (WSAAPI *LPFN_FREEADDRINFO)(PADDRINFOA pAddrInfo);
typedef VOID (WSAAPI *LPFN_FREEADDRINFOW)(PADDRINFOW pAddrInfo);
typedef int (WSAAPI *LPFN_GETNAMEINFO)(const SOCKADDR *pSockaddr, socklen_t SockaddrLength, PCHAR pNodeBuffer, DWORD NodeBufferSize, PCHAR pServiceBuffer, DWORD ServiceBufferSize, INT Flags);
typedef INT (WSAAPI *LPFN_GETNAMEINFOW)(const SOCKADDR *pSockaddr, socklen_t SockaddrLength, PWCHAR pNodeBuffer, DWORD NodeBufferSize, PWCHAR pServiceBuffer, DWORD ServiceBufferSize, INT Flags);
typedef INT (WSAAPI *LPFN_INET_PTONA)(INT Family, PCSTR pszAddrString, PVOID pAddrBuf);
typedef INT (WSAAPI *LPFN_INET_PTONW)(INT Family, PCWSTR pszAddrString, PVOID pAddrBuf);
typedef PCSTR (WSAAPI *LPFN_INET_NTOPA)(INT Family, PVOID pAddr, PSTR pStringBuf, size_t StringBufSize);
typedef PCWSTR (WSAAPI *LPFN_INET_NTOPW)(INT Family, PVOID pAddr, PWSTR pStringBuf, size_t StringBufSize);
#define LPFN_GETADDRINFOA   LPFN_GETADDRINFO
#define LPFN_FREEADDRINFOA  LPFN_FREEADDRINFO
#define LPFN_GETNAMEINFOA   LPFN_GETNAMEINFO
#ifdef UNICODE
#define LPFN_GETADDRINFOT   LPFN_GETADDRINFOW
#define LPFN_FREEADDRINFOT  LPFN_FREEADDRINFOW
#define LPFN_GETNAMEINFOT   LPFN_GETNAMEINFOW
#define LPFN_INET_PTON      LPFN_INET_PTONW
#define LPFN_INET_NTOP      LPFN_INET_NTOPW
#else
#define LPFN_GETADDRINFOT   LPFN_GETADDRINFOA
#define LPFN_FREEADDRINFOT  LPFN_FREEADDRINFOA
#define LPFN_GETNAMEINFOT   LPFN_GETNAMEINFOA
#define LPFN_INET_PTON      LPFN_INET_PTONA
#define LPFN_INET_NTOP      LPFN_INET_NTOPA
#endif
#endif /* INCL_WINSOCK_API_TYPEDEFS */

#define GetAddrInfoA    getaddrinfo
#define FreeAddrInfoA   freeaddrinfo
#define GetNameInfoA    getnameinfo
#define InetPtonA       inet_pton
#define InetNtopA       inet_ntop
#define FreeAddrInfoExA FreeAddrInfoEx

#ifdef UNICODE
#define GetAddrInfo     GetAddrInfoW
#define FreeAddrInfo    FreeAddrInfoW
#define GetNameInfo     GetNameInfoW
#define InetPton        InetPtonW
#define InetNtop        InetNtopW
#define GetAddrInfoEx   GetAddrInfoExW
#define SetAddrInfoEx   SetAddrInfoExW
#define FreeAddrInfoEx  FreeAddrInfoExW
#define gai_strerror    gai_strerrorW
#else
#define GetAddrInfo     GetAddrInfoA
#define FreeAddrInfo    FreeAddrInfoA
#define GetNameInfo     GetNameInfoA
#define InetPton        InetPtonA
#define InetNtop        InetNtopA
#define GetAddrInfoEx   GetAddrInfoExA
#define SetAddrInfoEx   SetAddrInfoExA
#define gai_strerror    gai_strerrorA
#endif

/* ---- gai_strerror: inline on Windows too (static buffer, not thread-safe) ---- */
#define GAI_STRERROR_BUFFER_SIZE 1024

#define WS2TCPIP_INLINE static __inline__

WS2TCPIP_INLINE const char *__ws2_gai_message(int ecode)
{
    switch (ecode) {
    case 0: return "The operation completed successfully. ";
    case EAI_AGAIN: return "This is usually a temporary error during hostname resolution and means that the local server did not receive a response from an authoritative server. ";
    case EAI_BADFLAGS: return "An invalid argument was supplied. ";
    case EAI_FAIL: return "A non-recoverable error occurred during a database lookup. ";
    case EAI_FAMILY: return "An address incompatible with the requested protocol was used. ";
    case EAI_MEMORY: return "Not enough memory resources are available to process this command. ";
    case EAI_NONAME: return "No such host is known. ";
    case EAI_SERVICE: return "The specified class was not found. ";
    case EAI_SOCKTYPE: return "The support for the specified socket type does not exist in this address family. ";
    case WSANO_DATA: return "The requested name is valid, but no data of the requested type was found. ";
    default: return "Unknown error. ";
    }
}

WS2TCPIP_INLINE char *gai_strerrorA(int ecode)
{
    static char buff[GAI_STRERROR_BUFFER_SIZE + 1];
    const char *msg = __ws2_gai_message(ecode);
    size_t i;
    for (i = 0; msg[i] != '\0' && i < GAI_STRERROR_BUFFER_SIZE; i++)
        buff[i] = msg[i];
    buff[i] = '\0';
    return buff;
}

WS2TCPIP_INLINE WCHAR *gai_strerrorW(int ecode)
{
    static WCHAR buff[GAI_STRERROR_BUFFER_SIZE + 1];
    const char *msg = __ws2_gai_message(ecode);
    size_t i;
    for (i = 0; msg[i] != '\0' && i < GAI_STRERROR_BUFFER_SIZE; i++)
        buff[i] = (WCHAR)msg[i];
    buff[i] = 0;
    return buff;
}

/* ---- IPv6 address tests and setters (inline on Windows too) ---- */
WS2TCPIP_INLINE int IN6_IS_ADDR_UNSPECIFIED(const IN6_ADDR *a)
{
    return a->s6_words[0] == 0 && a->s6_words[1] == 0 && a->s6_words[2] == 0 &&
           a->s6_words[3] == 0 && a->s6_words[4] == 0 && a->s6_words[5] == 0 &&
           a->s6_words[6] == 0 && a->s6_words[7] == 0;
}
WS2TCPIP_INLINE int IN6_IS_ADDR_LOOPBACK(const IN6_ADDR *a)
{
    return a->s6_words[0] == 0 && a->s6_words[1] == 0 && a->s6_words[2] == 0 &&
           a->s6_words[3] == 0 && a->s6_words[4] == 0 && a->s6_words[5] == 0 &&
           a->s6_words[6] == 0 && a->s6_bytes[14] == 0 && a->s6_bytes[15] == 1;
}
WS2TCPIP_INLINE int IN6_IS_ADDR_MULTICAST(const IN6_ADDR *a)
{
    return a->s6_bytes[0] == 0xff;
}
WS2TCPIP_INLINE int IN6_IS_ADDR_EUI64(const IN6_ADDR *a)
{
    return a->s6_bytes[0] != 0 && !IN6_IS_ADDR_MULTICAST(a);
}
WS2TCPIP_INLINE int IN6_IS_ADDR_LINKLOCAL(const IN6_ADDR *a)
{
    return a->s6_bytes[0] == 0xfe && (a->s6_bytes[1] & 0xc0) == 0x80;
}
WS2TCPIP_INLINE int IN6_IS_ADDR_SITELOCAL(const IN6_ADDR *a)
{
    return a->s6_bytes[0] == 0xfe && (a->s6_bytes[1] & 0xc0) == 0xc0;
}
WS2TCPIP_INLINE int IN6_IS_ADDR_GLOBAL(const IN6_ADDR *a)
{
    return (a->s6_bytes[0] & 0xe0) == 0x20;
}
WS2TCPIP_INLINE int IN6_IS_ADDR_V4MAPPED(const IN6_ADDR *a)
{
    return a->s6_words[0] == 0 && a->s6_words[1] == 0 && a->s6_words[2] == 0 &&
           a->s6_words[3] == 0 && a->s6_words[4] == 0 && a->s6_words[5] == 0xffff;
}
WS2TCPIP_INLINE int IN6_IS_ADDR_V4COMPAT(const IN6_ADDR *a)
{
    return a->s6_words[0] == 0 && a->s6_words[1] == 0 && a->s6_words[2] == 0 &&
           a->s6_words[3] == 0 && a->s6_words[4] == 0 && a->s6_words[5] == 0 &&
           !(a->s6_words[6] == 0 && a->s6_bytes[14] == 0 &&
             (a->s6_bytes[15] == 0 || a->s6_bytes[15] == 1));
}
WS2TCPIP_INLINE int IN6_IS_ADDR_V4TRANSLATED(const IN6_ADDR *a)
{
    return a->s6_words[0] == 0 && a->s6_words[1] == 0 && a->s6_words[2] == 0 &&
           a->s6_words[3] == 0 && a->s6_words[4] == 0xffff && a->s6_words[5] == 0;
}
WS2TCPIP_INLINE int IN6_IS_ADDR_MC_NODELOCAL(const IN6_ADDR *a)
{
    return IN6_IS_ADDR_MULTICAST(a) && (a->s6_bytes[1] & 0xf) == 1;
}
WS2TCPIP_INLINE int IN6_IS_ADDR_MC_LINKLOCAL(const IN6_ADDR *a)
{
    return IN6_IS_ADDR_MULTICAST(a) && (a->s6_bytes[1] & 0xf) == 2;
}
WS2TCPIP_INLINE int IN6_IS_ADDR_MC_SITELOCAL(const IN6_ADDR *a)
{
    return IN6_IS_ADDR_MULTICAST(a) && (a->s6_bytes[1] & 0xf) == 5;
}
WS2TCPIP_INLINE int IN6_IS_ADDR_MC_ORGLOCAL(const IN6_ADDR *a)
{
    return IN6_IS_ADDR_MULTICAST(a) && (a->s6_bytes[1] & 0xf) == 8;
}
WS2TCPIP_INLINE int IN6_IS_ADDR_MC_GLOBAL(const IN6_ADDR *a)
{
    return IN6_IS_ADDR_MULTICAST(a) && (a->s6_bytes[1] & 0xf) == 0xe;
}
WS2TCPIP_INLINE void IN6_SET_ADDR_UNSPECIFIED(IN6_ADDR *a)
{
    memset(a->s6_bytes, 0, sizeof(IN6_ADDR));
}
WS2TCPIP_INLINE void IN6_SET_ADDR_LOOPBACK(IN6_ADDR *a)
{
    memset(a->s6_bytes, 0, sizeof(IN6_ADDR));
    a->s6_bytes[15] = 1;
}
WS2TCPIP_INLINE int IN6ADDR_ISANY(const SOCKADDR_IN6 *a)
{
    return a->sin6_family == AF_INET6 && IN6_IS_ADDR_UNSPECIFIED(&a->sin6_addr);
}
WS2TCPIP_INLINE int IN6ADDR_ISLOOPBACK(const SOCKADDR_IN6 *a)
{
    return a->sin6_family == AF_INET6 && IN6_IS_ADDR_LOOPBACK(&a->sin6_addr);
}
WS2TCPIP_INLINE void IN6ADDR_SETANY(SOCKADDR_IN6 *a)
{
    a->sin6_family = AF_INET6;
    a->sin6_port = 0;
    a->sin6_flowinfo = 0;
    IN6_SET_ADDR_UNSPECIFIED(&a->sin6_addr);
    a->sin6_scope_id = 0;
}
WS2TCPIP_INLINE void IN6ADDR_SETLOOPBACK(SOCKADDR_IN6 *a)
{
    a->sin6_family = AF_INET6;
    a->sin6_port = 0;
    a->sin6_flowinfo = 0;
    IN6_SET_ADDR_LOOPBACK(&a->sin6_addr);
    a->sin6_scope_id = 0;
}

#define IN6_IS_ADDR_UNSPECIFIED IN6_IS_ADDR_UNSPECIFIED
#define IN6_IS_ADDR_LOOPBACK    IN6_IS_ADDR_LOOPBACK
#define IN6_IS_ADDR_MULTICAST   IN6_IS_ADDR_MULTICAST
#define IN6_IS_ADDR_LINKLOCAL   IN6_IS_ADDR_LINKLOCAL
#define IN6_IS_ADDR_SITELOCAL   IN6_IS_ADDR_SITELOCAL
#define IN6_IS_ADDR_V4MAPPED    IN6_IS_ADDR_V4MAPPED
#define IN6_IS_ADDR_V4COMPAT    IN6_IS_ADDR_V4COMPAT
#define IN6_IS_ADDR_MC_NODELOCAL IN6_IS_ADDR_MC_NODELOCAL
#define IN6_IS_ADDR_MC_LINKLOCAL IN6_IS_ADDR_MC_LINKLOCAL
#define IN6_IS_ADDR_MC_SITELOCAL IN6_IS_ADDR_MC_SITELOCAL
#define IN6_IS_ADDR_MC_ORGLOCAL IN6_IS_ADDR_MC_ORGLOCAL
#define IN6_IS_ADDR_MC_GLOBAL   IN6_IS_ADDR_MC_GLOBAL

#ifdef __cplusplus
}
#endif

#endif /* _WS2TCPIP_H_ */
