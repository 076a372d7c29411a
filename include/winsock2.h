/*
 * winsock2.h - Windows Sockets 2 API (ws2 for Linux).
 *
 * Values, layouts and prototypes are those of 64-bit Windows. The functions are provided by
 * libws2_32.so.
 *
 * Coexistence with the C library: glibc's <sys/select.h> (pulled in by <stdlib.h> in GNU mode)
 * declares its own fd_set, FD_SET..., FD_SETSIZE, select, struct timeval and a 64-bit u_long;
 * <unistd.h> (pulled in by <signal.h> and C++ headers in GNU mode) declares gethostname with a
 * size_t length. This header includes those glibc headers first, so their include guards keep
 * them from coming back, and then renames the colliding names with macros:
 *
 *     fd_set  -> ws2_fd_set        struct timeval -> struct ws2_timeval
 *     u_long  -> ws2_u_long        struct pollfd  -> struct ws2_pollfd (WSAPOLLFD)
 *     select  -> ws2_select        gethostname    -> ws2_gethostname (exported under those names)
 *     FD_SET/FD_CLR/FD_ZERO/FD_ISSET, FD_SETSIZE, POLL*, timer*: the Windows definitions
 *
 * The other Winsock functions whose names libc also exports (socket, bind, connect, send, recv,
 * htonl, getaddrinfo, ...) are declared under their Windows names but bound with GCC asm labels
 * to library symbols named ws2_<name>, so libws2_32 never exports a name that libc exports.
 *
 * FD_SETSIZE: 64 as on Windows; a program may #define its own value before including this
 * header (before or after the C library headers; after glibc's <sys/select.h> it must
 * #undef FD_SETSIZE first, or the compiler warns about the redefinition).
 *
 * A translation unit that includes these headers must not also include the BSD socket headers
 * (<sys/socket.h>, <netinet/in.h>, <arpa/inet.h>, <netdb.h>, <sys/ioctl.h>): they declare the
 * same names with the Linux types and values.
 */
#ifndef _WINSOCK2API_
#define _WINSOCK2API_
#define _WINSOCKAPI_ /* keeps out an old winsock.h */

/* ---- glibc names that collide with Winsock names: include them now, then rename ---- */

/* Is a defined FD_SETSIZE glibc's (#define FD_SETSIZE __FD_SETSIZE) or the program's? */
#ifdef FD_SETSIZE
#pragma push_macro("__FD_SETSIZE")
#undef __FD_SETSIZE
#define __FD_SETSIZE (-1)
#if FD_SETSIZE == -1
#define __WS2_FD_SETSIZE_IS_GLIBC
#endif
#undef __FD_SETSIZE
#pragma pop_macro("__FD_SETSIZE")
#ifdef __WS2_FD_SETSIZE_IS_GLIBC
#undef FD_SETSIZE
#undef __WS2_FD_SETSIZE_IS_GLIBC
#endif
#endif

/* Every glibc header that declares one of the renamed names, or that uses struct timeval in a
 * structure (time.h's struct timex, sys/resource.h's struct rusage), so that none of them is
 * processed after the renames. <unistd.h> declares gethostname(char *, size_t); it comes with
 * <signal.h> and with many C++ standard headers in GNU mode. */
#pragma push_macro("FD_SETSIZE")
#undef FD_SETSIZE
#include <sys/types.h>
#include <time.h>
#include <sys/time.h>
#include <sys/select.h>
#include <sys/poll.h>
#include <sys/resource.h>
#include <unistd.h>
#include <string.h>
#undef FD_SETSIZE
#pragma pop_macro("FD_SETSIZE")

#undef FD_SET
#undef FD_CLR
#undef FD_ZERO
#undef FD_ISSET
#undef timerisset
#undef timercmp
#undef timerclear
#undef POLLIN
#undef POLLPRI
#undef POLLOUT
#undef POLLERR
#undef POLLHUP
#undef POLLNVAL
#undef POLLRDNORM
#undef POLLRDBAND
#undef POLLWRNORM
#undef POLLWRBAND

#define fd_set      ws2_fd_set
#define timeval     ws2_timeval
#define u_long      ws2_u_long
#define select      ws2_select
#define gethostname ws2_gethostname
#define pollfd      ws2_pollfd

#ifndef FD_SETSIZE
#define FD_SETSIZE 64
#endif

/* ---- Windows base definitions ---- */
#include <windows.h>

#ifndef INCL_WINSOCK_API_PROTOTYPES
#define INCL_WINSOCK_API_PROTOTYPES 1
#endif
#ifndef INCL_WINSOCK_API_TYPEDEFS
#define INCL_WINSOCK_API_TYPEDEFS 0
#endif
#ifndef WINSOCK_API_LINKAGE
#define WINSOCK_API_LINKAGE
#endif
#ifndef WINSOCK_VERSION
#define WINSOCK_VERSION MAKEWORD(2, 2)
#endif

/* Binds a Windows function name to the library symbol ws2_<name> (libc has the plain name). */
#define __WS2_SYM(name) __asm__("ws2_" #name)

#ifndef __u_char_defined /* glibc's <sys/types.h> (GNU mode) has the same three */
typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
#endif
typedef unsigned int ws2_u_long; /* u_long: 32 bits, as on Windows */
typedef unsigned long long u_int64;

#include <ws2def.h>
#include <inaddr.h>
#include <qos.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef UINT_PTR SOCKET;

#define INVALID_SOCKET (SOCKET)(~0)
#define SOCKET_ERROR   (-1)

/* ---- fd_set and select ---- */
typedef struct fd_set {
    u_int fd_count;
    SOCKET fd_array[FD_SETSIZE];
} fd_set, FD_SET, *PFD_SET, *LPFD_SET;

WINSOCK_API_LINKAGE int WSAAPI __WSAFDIsSet(SOCKET fd, fd_set *set);

#define FD_CLR(fd, set) do { \
    u_int __i; \
    for (__i = 0; __i < ((fd_set *)(set))->fd_count; __i++) { \
        if (((fd_set *)(set))->fd_array[__i] == (SOCKET)(fd)) { \
            while (__i < ((fd_set *)(set))->fd_count - 1) { \
                ((fd_set *)(set))->fd_array[__i] = ((fd_set *)(set))->fd_array[__i + 1]; \
                __i++; \
            } \
            ((fd_set *)(set))->fd_count--; \
            break; \
        } \
    } \
} while (0)

#define FD_SET(fd, set) do { \
    u_int __i; \
    for (__i = 0; __i < ((fd_set *)(set))->fd_count; __i++) { \
        if (((fd_set *)(set))->fd_array[__i] == (SOCKET)(fd)) { \
            break; \
        } \
    } \
    if (__i == ((fd_set *)(set))->fd_count) { \
        if (((fd_set *)(set))->fd_count < FD_SETSIZE) { \
            ((fd_set *)(set))->fd_array[__i] = (SOCKET)(fd); \
            ((fd_set *)(set))->fd_count++; \
        } \
    } \
} while (0)

#define FD_ZERO(set) (((fd_set *)(set))->fd_count = 0)

#define FD_ISSET(fd, set) __WSAFDIsSet((SOCKET)(fd), (fd_set *)(set))

struct timeval {
    LONG tv_sec;  /* long on Windows: 32 bits */
    LONG tv_usec;
};
typedef struct timeval TIMEVAL, *PTIMEVAL, *LPTIMEVAL;

#define timerisset(tvp) ((tvp)->tv_sec || (tvp)->tv_usec)
#define timercmp(tvp, uvp, cmp) \
    ((tvp)->tv_sec cmp (uvp)->tv_sec || \
     ((tvp)->tv_sec == (uvp)->tv_sec && (tvp)->tv_usec cmp (uvp)->tv_usec))
#define timerclear(tvp) ((tvp)->tv_sec = (tvp)->tv_usec = 0)

/* ---- ioctlsocket commands ---- */
#define _IO(x, y)       (IOC_VOID | ((x) << 8) | (y))
#define _IOR(x, y, t)   (IOC_OUT | (((LONG)sizeof(t) & IOCPARM_MASK) << 16) | ((x) << 8) | (y))
#define _IOW(x, y, t)   (IOC_IN | (((LONG)sizeof(t) & IOCPARM_MASK) << 16) | ((x) << 8) | (y))

#define FIONREAD    _IOR('f', 127, u_long) /* 0x4004667F */
#define FIONBIO     _IOW('f', 126, u_long) /* 0x8004667E */
#define FIOASYNC    _IOW('f', 125, u_long)
#define SIOCSHIWAT  _IOW('s', 0, u_long)
#define SIOCGHIWAT  _IOR('s', 1, u_long)
#define SIOCSLOWAT  _IOW('s', 2, u_long)
#define SIOCGLOWAT  _IOR('s', 3, u_long)
#define SIOCATMARK  _IOR('s', 7, u_long)   /* 0x40047307 */

/* ---- Database structures ---- */
struct hostent {
    char *h_name;
    char **h_aliases;
    short h_addrtype;
    short h_length;
    char **h_addr_list;
#define h_addr h_addr_list[0]
};

struct netent {
    char *n_name;
    char **n_aliases;
    short n_addrtype;
    u_long n_net;
};

struct servent {
    char *s_name;
    char **s_aliases;
    char *s_proto; /* 64-bit Windows order: s_proto before s_port */
    short s_port;
};

struct protoent {
    char *p_name;
    char **p_aliases;
    short p_proto;
};

typedef struct hostent HOSTENT, *PHOSTENT, *LPHOSTENT;
typedef struct servent SERVENT, *PSERVENT, *LPSERVENT;
typedef struct protoent PROTOENT, *PPROTOENT, *LPPROTOENT;

#define IMPLINK_IP          155
#define IMPLINK_LOWEXPER    156
#define IMPLINK_HIGHEXPER   158

/* ---- WSAStartup ---- */
#define WSADESCRIPTION_LEN  256
#define WSASYS_STATUS_LEN   128

typedef struct WSAData {
    WORD wVersion;
    WORD wHighVersion;
    unsigned short iMaxSockets; /* 64-bit Windows order */
    unsigned short iMaxUdpDg;
    char *lpVendorInfo;
    char szDescription[WSADESCRIPTION_LEN + 1];
    char szSystemStatus[WSASYS_STATUS_LEN + 1];
} WSADATA, *LPWSADATA;

/* ---- Protocol families ---- */
#define PF_UNSPEC       AF_UNSPEC
#define PF_UNIX         AF_UNIX
#define PF_INET         AF_INET
#define PF_IMPLINK      AF_IMPLINK
#define PF_PUP          AF_PUP
#define PF_CHAOS        AF_CHAOS
#define PF_NS           AF_NS
#define PF_IPX          AF_IPX
#define PF_ISO          AF_ISO
#define PF_OSI          AF_OSI
#define PF_ECMA         AF_ECMA
#define PF_DATAKIT      AF_DATAKIT
#define PF_CCITT        AF_CCITT
#define PF_SNA          AF_SNA
#define PF_DECnet       AF_DECnet
#define PF_DLI          AF_DLI
#define PF_LAT          AF_LAT
#define PF_HYLINK       AF_HYLINK
#define PF_APPLETALK    AF_APPLETALK
#define PF_VOICEVIEW    AF_VOICEVIEW
#define PF_FIREFOX      AF_FIREFOX
#define PF_UNKNOWN1     AF_UNKNOWN1
#define PF_BAN          AF_BAN
#define PF_ATM          AF_ATM
#define PF_INET6        AF_INET6
#define PF_BTH          AF_BTH
#define PF_MAX          AF_MAX

/* ---- Misc. socket options and constants ---- */
#define SO_PROTOCOL_INFOA   0x2004
#define SO_PROTOCOL_INFOW   0x2005
#ifdef UNICODE
#define SO_PROTOCOL_INFO    SO_PROTOCOL_INFOW
#else
#define SO_PROTOCOL_INFO    SO_PROTOCOL_INFOA
#endif
#define PVD_CONFIG          0x3001

struct sockproto {
    u_short sp_family;
    u_short sp_protocol;
};

struct linger {
    u_short l_onoff;
    u_short l_linger;
};
typedef struct linger LINGER, *PLINGER, *LPLINGER;

#define SOMAXCONN           0x7fffffff
#define SOMAXCONN_HINT(b)   (-(b))

#define MAXGETHOSTSTRUCT    1024

#define FROM_PROTOCOL_INFO  (-1)

/* ---- WSAAsyncSelect / WSAEventSelect events ---- */
#define FD_READ_BIT                     0
#define FD_READ                         (1 << FD_READ_BIT)
#define FD_WRITE_BIT                    1
#define FD_WRITE                        (1 << FD_WRITE_BIT)
#define FD_OOB_BIT                      2
#define FD_OOB                          (1 << FD_OOB_BIT)
#define FD_ACCEPT_BIT                   3
#define FD_ACCEPT                       (1 << FD_ACCEPT_BIT)
#define FD_CONNECT_BIT                  4
#define FD_CONNECT                      (1 << FD_CONNECT_BIT)
#define FD_CLOSE_BIT                    5
#define FD_CLOSE                        (1 << FD_CLOSE_BIT)
#define FD_QOS_BIT                      6
#define FD_QOS                          (1 << FD_QOS_BIT)
#define FD_GROUP_QOS_BIT                7
#define FD_GROUP_QOS                    (1 << FD_GROUP_QOS_BIT)
#define FD_ROUTING_INTERFACE_CHANGE_BIT 8
#define FD_ROUTING_INTERFACE_CHANGE     (1 << FD_ROUTING_INTERFACE_CHANGE_BIT)
#define FD_ADDRESS_LIST_CHANGE_BIT      9
#define FD_ADDRESS_LIST_CHANGE          (1 << FD_ADDRESS_LIST_CHANGE_BIT)
#define FD_MAX_EVENTS                   10
#define FD_ALL_EVENTS                   ((1 << FD_MAX_EVENTS) - 1)

/* ---- Error codes ---- */
#define WSABASEERR              10000
#define WSAEINTR                (WSABASEERR + 4)
#define WSAEBADF                (WSABASEERR + 9)
#define WSAEACCES               (WSABASEERR + 13)
#define WSAEFAULT               (WSABASEERR + 14)
#define WSAEINVAL               (WSABASEERR + 22)
#define WSAEMFILE               (WSABASEERR + 24)
#define WSAEWOULDBLOCK          (WSABASEERR + 35)
#define WSAEINPROGRESS          (WSABASEERR + 36)
#define WSAEALREADY             (WSABASEERR + 37)
#define WSAENOTSOCK             (WSABASEERR + 38)
#define WSAEDESTADDRREQ         (WSABASEERR + 39)
#define WSAEMSGSIZE             (WSABASEERR + 40)
#define WSAEPROTOTYPE           (WSABASEERR + 41)
#define WSAENOPROTOOPT          (WSABASEERR + 42)
#define WSAEPROTONOSUPPORT      (WSABASEERR + 43)
#define WSAESOCKTNOSUPPORT      (WSABASEERR + 44)
#define WSAEOPNOTSUPP           (WSABASEERR + 45)
#define WSAEPFNOSUPPORT         (WSABASEERR + 46)
#define WSAEAFNOSUPPORT         (WSABASEERR + 47)
#define WSAEADDRINUSE           (WSABASEERR + 48)
#define WSAEADDRNOTAVAIL        (WSABASEERR + 49)
#define WSAENETDOWN             (WSABASEERR + 50)
#define WSAENETUNREACH          (WSABASEERR + 51)
#define WSAENETRESET            (WSABASEERR + 52)
#define WSAECONNABORTED         (WSABASEERR + 53)
#define WSAECONNRESET           (WSABASEERR + 54)
#define WSAENOBUFS              (WSABASEERR + 55)
#define WSAEISCONN              (WSABASEERR + 56)
#define WSAENOTCONN             (WSABASEERR + 57)
#define WSAESHUTDOWN            (WSABASEERR + 58)
#define WSAETOOMANYREFS         (WSABASEERR + 59)
#define WSAETIMEDOUT            (WSABASEERR + 60)
#define WSAECONNREFUSED         (WSABASEERR + 61)
#define WSAELOOP                (WSABASEERR + 62)
#define WSAENAMETOOLONG         (WSABASEERR + 63)
#define WSAEHOSTDOWN            (WSABASEERR + 64)
#define WSAEHOSTUNREACH         (WSABASEERR + 65)
#define WSAENOTEMPTY            (WSABASEERR + 66)
#define WSAEPROCLIM             (WSABASEERR + 67)
#define WSAEUSERS               (WSABASEERR + 68)
#define WSAEDQUOT               (WSABASEERR + 69)
#define WSAESTALE               (WSABASEERR + 70)
#define WSAEREMOTE              (WSABASEERR + 71)
#define WSASYSNOTREADY          (WSABASEERR + 91)
#define WSAVERNOTSUPPORTED      (WSABASEERR + 92)
#define WSANOTINITIALISED       (WSABASEERR + 93)
#define WSAEDISCON              (WSABASEERR + 101)
#define WSAENOMORE              (WSABASEERR + 102)
#define WSAECANCELLED           (WSABASEERR + 103)
#define WSAEINVALIDPROCTABLE    (WSABASEERR + 104)
#define WSAEINVALIDPROVIDER     (WSABASEERR + 105)
#define WSAEPROVIDERFAILEDINIT  (WSABASEERR + 106)
#define WSASYSCALLFAILURE       (WSABASEERR + 107)
#define WSASERVICE_NOT_FOUND    (WSABASEERR + 108)
#define WSATYPE_NOT_FOUND       (WSABASEERR + 109)
#define WSA_E_NO_MORE           (WSABASEERR + 110)
#define WSA_E_CANCELLED         (WSABASEERR + 111)
#define WSAEREFUSED             (WSABASEERR + 112)
#define WSAHOST_NOT_FOUND       (WSABASEERR + 1001)
#define WSATRY_AGAIN            (WSABASEERR + 1002)
#define WSANO_RECOVERY          (WSABASEERR + 1003)
#define WSANO_DATA              (WSABASEERR + 1004)
#define WSA_QOS_RECEIVERS           (WSABASEERR + 1005)
#define WSA_QOS_SENDERS             (WSABASEERR + 1006)
#define WSA_QOS_NO_SENDERS          (WSABASEERR + 1007)
#define WSA_QOS_NO_RECEIVERS        (WSABASEERR + 1008)
#define WSA_QOS_REQUEST_CONFIRMED   (WSABASEERR + 1009)
#define WSA_QOS_ADMISSION_FAILURE   (WSABASEERR + 1010)
#define WSA_QOS_POLICY_FAILURE      (WSABASEERR + 1011)
#define WSA_QOS_BAD_STYLE           (WSABASEERR + 1012)
#define WSA_QOS_BAD_OBJECT          (WSABASEERR + 1013)
#define WSA_QOS_TRAFFIC_CTRL_ERROR  (WSABASEERR + 1014)
#define WSA_QOS_GENERIC_ERROR       (WSABASEERR + 1015)
#define WSA_QOS_ESERVICETYPE        (WSABASEERR + 1016)
#define WSA_QOS_EFLOWSPEC           (WSABASEERR + 1017)
#define WSA_QOS_EPROVSPECBUF        (WSABASEERR + 1018)
#define WSA_QOS_EFILTERSTYLE        (WSABASEERR + 1019)
#define WSA_QOS_EFILTERTYPE         (WSABASEERR + 1020)
#define WSA_QOS_EFILTERCOUNT        (WSABASEERR + 1021)
#define WSA_QOS_EOBJLENGTH          (WSABASEERR + 1022)
#define WSA_QOS_EFLOWCOUNT          (WSABASEERR + 1023)
#define WSA_QOS_EUNKOWNPSOBJ        (WSABASEERR + 1024) /* sic, as in the SDK */
#define WSA_QOS_EUNKNOWNPSOBJ       WSA_QOS_EUNKOWNPSOBJ
#define WSA_QOS_EPOLICYOBJ          (WSABASEERR + 1025)
#define WSA_QOS_EFLOWDESC           (WSABASEERR + 1026)
#define WSA_QOS_EPSFLOWSPEC         (WSABASEERR + 1027)
#define WSA_QOS_EPSFILTERSPEC       (WSABASEERR + 1028)
#define WSA_QOS_ESDMODEOBJ          (WSABASEERR + 1029)
#define WSA_QOS_ESHAPERATEOBJ       (WSABASEERR + 1030)
#define WSA_QOS_RESERVED_PETYPE     (WSABASEERR + 1031)
#define WSA_SECURE_HOST_NOT_FOUND   (WSABASEERR + 1032)
#define WSA_IPSEC_NAME_POLICY_ERROR (WSABASEERR + 1033)

/* Errors shared with the Win32 error space. */
#define WSA_IO_PENDING          (ERROR_IO_PENDING)
#define WSA_IO_INCOMPLETE       (ERROR_IO_INCOMPLETE)
#define WSA_INVALID_HANDLE      (ERROR_INVALID_HANDLE)
#define WSA_INVALID_PARAMETER   (ERROR_INVALID_PARAMETER)
#define WSA_NOT_ENOUGH_MEMORY   (ERROR_NOT_ENOUGH_MEMORY)
#define WSA_OPERATION_ABORTED   (ERROR_OPERATION_ABORTED)

/* Resolver errors as the BSD names (the BSD errno names are NOT defined, as on Windows). */
#define h_errno         WSAGetLastError()
#define HOST_NOT_FOUND  WSAHOST_NOT_FOUND
#define TRY_AGAIN       WSATRY_AGAIN
#define NO_RECOVERY     WSANO_RECOVERY
#define NO_DATA         WSANO_DATA
#define WSANO_ADDRESS   WSANO_DATA
#define NO_ADDRESS      WSANO_ADDRESS

/* ---- Events and overlapped I/O ---- */
#define WSAEVENT                HANDLE
#define LPWSAEVENT              LPHANDLE
#define WSAOVERLAPPED           OVERLAPPED
typedef struct _OVERLAPPED *LPWSAOVERLAPPED;

#define WSA_INVALID_EVENT       ((WSAEVENT)NULL)
#define WSA_MAXIMUM_WAIT_EVENTS (MAXIMUM_WAIT_OBJECTS)
#define WSA_WAIT_FAILED         (WAIT_FAILED)
#define WSA_WAIT_EVENT_0        (WAIT_OBJECT_0)
#define WSA_WAIT_IO_COMPLETION  (WAIT_IO_COMPLETION)
#define WSA_WAIT_TIMEOUT        (WAIT_TIMEOUT)
#define WSA_INFINITE            (INFINITE)

/* ---- QoS ---- */
typedef struct _QualityOfService {
    FLOWSPEC SendingFlowspec;
    FLOWSPEC ReceivingFlowspec;
    WSABUF ProviderSpecific;
} QOS, *LPQOS;

#define CF_ACCEPT       0x0000
#define CF_REJECT       0x0001
#define CF_DEFER        0x0002

#define SD_RECEIVE      0x00
#define SD_SEND         0x01
#define SD_BOTH         0x02

typedef unsigned int GROUP;
#define SG_UNCONSTRAINED_GROUP  0x01
#define SG_CONSTRAINED_GROUP    0x02

typedef struct _WSANETWORKEVENTS {
    LONG lNetworkEvents;
    int iErrorCode[FD_MAX_EVENTS];
} WSANETWORKEVENTS, *LPWSANETWORKEVENTS;

/* ---- Protocol information ---- */
#define MAX_PROTOCOL_CHAIN  7
#define BASE_PROTOCOL       1
#define LAYERED_PROTOCOL    0

typedef struct _WSAPROTOCOLCHAIN {
    int ChainLen;
    DWORD ChainEntries[MAX_PROTOCOL_CHAIN];
} WSAPROTOCOLCHAIN, *LPWSAPROTOCOLCHAIN;

#define WSAPROTOCOL_LEN     255

typedef struct _WSAPROTOCOL_INFOA {
    DWORD dwServiceFlags1;
    DWORD dwServiceFlags2;
    DWORD dwServiceFlags3;
    DWORD dwServiceFlags4;
    DWORD dwProviderFlags;
    GUID ProviderId;
    DWORD dwCatalogEntryId;
    WSAPROTOCOLCHAIN ProtocolChain;
    int iVersion;
    int iAddressFamily;
    int iMaxSockAddr;
    int iMinSockAddr;
    int iSocketType;
    int iProtocol;
    int iProtocolMaxOffset;
    int iNetworkByteOrder;
    int iSecurityScheme;
    DWORD dwMessageSize;
    DWORD dwProviderReserved;
    CHAR szProtocol[WSAPROTOCOL_LEN + 1];
} WSAPROTOCOL_INFOA, *LPWSAPROTOCOL_INFOA;

typedef struct _WSAPROTOCOL_INFOW {
    DWORD dwServiceFlags1;
    DWORD dwServiceFlags2;
    DWORD dwServiceFlags3;
    DWORD dwServiceFlags4;
    DWORD dwProviderFlags;
    GUID ProviderId;
    DWORD dwCatalogEntryId;
    WSAPROTOCOLCHAIN ProtocolChain;
    int iVersion;
    int iAddressFamily;
    int iMaxSockAddr;
    int iMinSockAddr;
    int iSocketType;
    int iProtocol;
    int iProtocolMaxOffset;
    int iNetworkByteOrder;
    int iSecurityScheme;
    DWORD dwMessageSize;
    DWORD dwProviderReserved;
    WCHAR szProtocol[WSAPROTOCOL_LEN + 1];
} WSAPROTOCOL_INFOW, *LPWSAPROTOCOL_INFOW;

#ifdef UNICODE
typedef WSAPROTOCOL_INFOW WSAPROTOCOL_INFO;
typedef LPWSAPROTOCOL_INFOW LPWSAPROTOCOL_INFO;
#else
typedef WSAPROTOCOL_INFOA WSAPROTOCOL_INFO;
typedef LPWSAPROTOCOL_INFOA LPWSAPROTOCOL_INFO;
#endif

#define PFL_MULTIPLE_PROTO_ENTRIES   0x00000001
#define PFL_RECOMMENDED_PROTO_ENTRY  0x00000002
#define PFL_HIDDEN                   0x00000004
#define PFL_MATCHES_PROTOCOL_ZERO    0x00000008
#define PFL_NETWORKDIRECT_PROVIDER   0x00000010

#define XP1_CONNECTIONLESS           0x00000001
#define XP1_GUARANTEED_DELIVERY      0x00000002
#define XP1_GUARANTEED_ORDER         0x00000004
#define XP1_MESSAGE_ORIENTED         0x00000008
#define XP1_PSEUDO_STREAM            0x00000010
#define XP1_GRACEFUL_CLOSE           0x00000020
#define XP1_EXPEDITED_DATA           0x00000040
#define XP1_CONNECT_DATA             0x00000080
#define XP1_DISCONNECT_DATA          0x00000100
#define XP1_SUPPORT_BROADCAST        0x00000200
#define XP1_SUPPORT_MULTIPOINT       0x00000400
#define XP1_MULTIPOINT_CONTROL_PLANE 0x00000800
#define XP1_MULTIPOINT_DATA_PLANE    0x00001000
#define XP1_QOS_SUPPORTED            0x00002000
#define XP1_INTERRUPT                0x00004000
#define XP1_UNI_SEND                 0x00008000
#define XP1_UNI_RECV                 0x00010000
#define XP1_IFS_HANDLES              0x00020000
#define XP1_PARTIAL_MESSAGE          0x00040000
#define XP1_SAN_SUPPORT_SDP          0x00080000

#define BIGENDIAN                    0x0000
#define LITTLEENDIAN                 0x0001

#define SECURITY_PROTOCOL_NONE       0x0000

#define JL_SENDER_ONLY      0x01
#define JL_RECEIVER_ONLY    0x02
#define JL_BOTH             0x04

#define WSA_FLAG_OVERLAPPED             0x01
#define WSA_FLAG_MULTIPOINT_C_ROOT      0x02
#define WSA_FLAG_MULTIPOINT_C_LEAF      0x04
#define WSA_FLAG_MULTIPOINT_D_ROOT      0x08
#define WSA_FLAG_MULTIPOINT_D_LEAF      0x10
#define WSA_FLAG_ACCESS_SYSTEM_SECURITY 0x40
#define WSA_FLAG_NO_HANDLE_INHERIT      0x80
#define WSA_FLAG_REGISTERED_IO          0x100

/* ---- Callbacks ---- */
typedef int (CALLBACK *LPCONDITIONPROC)(LPWSABUF lpCallerId, LPWSABUF lpCallerData, LPQOS lpSQOS,
                                        LPQOS lpGQOS, LPWSABUF lpCalleeId, LPWSABUF lpCalleeData,
                                        GROUP *g, DWORD_PTR dwCallbackData);

typedef void (CALLBACK *LPWSAOVERLAPPED_COMPLETION_ROUTINE)(DWORD dwError, DWORD cbTransferred,
                                                            LPWSAOVERLAPPED lpOverlapped,
                                                            DWORD dwFlags);

/* ---- Name-space notification (WSANSPIoctl) ---- */
typedef enum _WSACOMPLETIONTYPE {
    NSP_NOTIFY_IMMEDIATELY = 0,
    NSP_NOTIFY_HWND,
    NSP_NOTIFY_EVENT,
    NSP_NOTIFY_PORT,
    NSP_NOTIFY_APC
} WSACOMPLETIONTYPE, *PWSACOMPLETIONTYPE, *LPWSACOMPLETIONTYPE;

typedef struct _WSACOMPLETION {
    WSACOMPLETIONTYPE Type;
    union {
        struct {
            HWND hWnd;
            UINT uMsg;
            WPARAM context;
        } WindowMessage;
        struct {
            LPWSAOVERLAPPED lpOverlapped;
        } Event;
        struct {
            LPWSAOVERLAPPED lpOverlapped;
            LPWSAOVERLAPPED_COMPLETION_ROUTINE lpfnCompletionProc;
        } Apc;
        struct {
            LPWSAOVERLAPPED lpOverlapped;
            HANDLE hPort;
            ULONG_PTR Key;
        } Port;
    } Parameters;
} WSACOMPLETION, *PWSACOMPLETION, *LPWSACOMPLETION;

#define TH_NETDEV   0x00000001
#define TH_TAPI     0x00000002

/* ---- Registration and name resolution (RnR) ---- */
#ifndef _tagBLOB_DEFINED
#define _tagBLOB_DEFINED
#define _BLOB_DEFINED
#define _LPBLOB_DEFINED
typedef struct _BLOB {
    ULONG cbSize;
    BYTE *pBlobData;
} BLOB, *LPBLOB;
#endif

#define SERVICE_MULTIPLE    0x00000001

#define RES_UNUSED_1        0x00000001
#define RES_FLUSH_CACHE     0x00000002
#ifndef RES_SERVICE
#define RES_SERVICE         0x00000004
#endif

#define SERVICE_TYPE_VALUE_IPXPORTA     "IpxSocket"
#define SERVICE_TYPE_VALUE_IPXPORTW     __WS2_WTEXT("IpxSocket")
#define SERVICE_TYPE_VALUE_SAPIDA       "SapId"
#define SERVICE_TYPE_VALUE_SAPIDW       __WS2_WTEXT("SapId")
#define SERVICE_TYPE_VALUE_TCPPORTA     "TcpPort"
#define SERVICE_TYPE_VALUE_TCPPORTW     __WS2_WTEXT("TcpPort")
#define SERVICE_TYPE_VALUE_UDPPORTA     "UdpPort"
#define SERVICE_TYPE_VALUE_UDPPORTW     __WS2_WTEXT("UdpPort")
#define SERVICE_TYPE_VALUE_OBJECTIDA    "ObjectId"
#define SERVICE_TYPE_VALUE_OBJECTIDW    __WS2_WTEXT("ObjectId")
#ifdef UNICODE
#define SERVICE_TYPE_VALUE_SAPID        SERVICE_TYPE_VALUE_SAPIDW
#define SERVICE_TYPE_VALUE_TCPPORT      SERVICE_TYPE_VALUE_TCPPORTW
#define SERVICE_TYPE_VALUE_UDPPORT      SERVICE_TYPE_VALUE_UDPPORTW
#define SERVICE_TYPE_VALUE_OBJECTID     SERVICE_TYPE_VALUE_OBJECTIDW
#else
#define SERVICE_TYPE_VALUE_SAPID        SERVICE_TYPE_VALUE_SAPIDA
#define SERVICE_TYPE_VALUE_TCPPORT      SERVICE_TYPE_VALUE_TCPPORTA
#define SERVICE_TYPE_VALUE_UDPPORT      SERVICE_TYPE_VALUE_UDPPORTA
#define SERVICE_TYPE_VALUE_OBJECTID     SERVICE_TYPE_VALUE_OBJECTIDA
#endif

typedef struct _AFPROTOCOLS {
    INT iAddressFamily;
    INT iProtocol;
} AFPROTOCOLS, *PAFPROTOCOLS, *LPAFPROTOCOLS;

typedef enum _WSAEcomparator {
    COMP_EQUAL = 0,
    COMP_NOTLESS
} WSAECOMPARATOR, *PWSAECOMPARATOR, *LPWSAECOMPARATOR;

typedef struct _WSAVersion {
    DWORD dwVersion;
    WSAECOMPARATOR ecHow;
} WSAVERSION, *PWSAVERSION, *LPWSAVERSION;

typedef struct _WSAQuerySetA {
    DWORD dwSize;
    LPSTR lpszServiceInstanceName;
    LPGUID lpServiceClassId;
    LPWSAVERSION lpVersion;
    LPSTR lpszComment;
    DWORD dwNameSpace;
    LPGUID lpNSProviderId;
    LPSTR lpszContext;
    DWORD dwNumberOfProtocols;
    LPAFPROTOCOLS lpafpProtocols;
    LPSTR lpszQueryString;
    DWORD dwNumberOfCsAddrs;
    LPCSADDR_INFO lpcsaBuffer;
    DWORD dwOutputFlags;
    LPBLOB lpBlob;
} WSAQUERYSETA, *PWSAQUERYSETA, *LPWSAQUERYSETA;

typedef struct _WSAQuerySetW {
    DWORD dwSize;
    LPWSTR lpszServiceInstanceName;
    LPGUID lpServiceClassId;
    LPWSAVERSION lpVersion;
    LPWSTR lpszComment;
    DWORD dwNameSpace;
    LPGUID lpNSProviderId;
    LPWSTR lpszContext;
    DWORD dwNumberOfProtocols;
    LPAFPROTOCOLS lpafpProtocols;
    LPWSTR lpszQueryString;
    DWORD dwNumberOfCsAddrs;
    LPCSADDR_INFO lpcsaBuffer;
    DWORD dwOutputFlags;
    LPBLOB lpBlob;
} WSAQUERYSETW, *PWSAQUERYSETW, *LPWSAQUERYSETW;

typedef struct _WSAQuerySet2A {
    DWORD dwSize;
    LPSTR lpszServiceInstanceName;
    LPWSAVERSION lpVersion;
    LPSTR lpszComment;
    DWORD dwNameSpace;
    LPGUID lpNSProviderId;
    LPSTR lpszContext;
    DWORD dwNumberOfProtocols;
    LPAFPROTOCOLS lpafpProtocols;
    LPSTR lpszQueryString;
    DWORD dwNumberOfCsAddrs;
    LPCSADDR_INFO lpcsaBuffer;
    DWORD dwOutputFlags;
    LPBLOB lpBlob;
} WSAQUERYSET2A, *PWSAQUERYSET2A, *LPWSAQUERYSET2A;

typedef struct _WSAQuerySet2W {
    DWORD dwSize;
    LPWSTR lpszServiceInstanceName;
    LPWSAVERSION lpVersion;
    LPWSTR lpszComment;
    DWORD dwNameSpace;
    LPGUID lpNSProviderId;
    LPWSTR lpszContext;
    DWORD dwNumberOfProtocols;
    LPAFPROTOCOLS lpafpProtocols;
    LPWSTR lpszQueryString;
    DWORD dwNumberOfCsAddrs;
    LPCSADDR_INFO lpcsaBuffer;
    DWORD dwOutputFlags;
    LPBLOB lpBlob;
} WSAQUERYSET2W, *PWSAQUERYSET2W, *LPWSAQUERYSET2W;

#ifdef UNICODE
typedef WSAQUERYSETW WSAQUERYSET, *PWSAQUERYSET, *LPWSAQUERYSET;
typedef WSAQUERYSET2W WSAQUERYSET2, *PWSAQUERYSET2, *LPWSAQUERYSET2;
#else
typedef WSAQUERYSETA WSAQUERYSET, *PWSAQUERYSET, *LPWSAQUERYSET;
typedef WSAQUERYSET2A WSAQUERYSET2, *PWSAQUERYSET2, *LPWSAQUERYSET2;
#endif

#define LUP_DEEP                0x0001
#define LUP_CONTAINERS          0x0002
#define LUP_NOCONTAINERS        0x0004
#define LUP_NEAREST             0x0008
#define LUP_RETURN_NAME         0x0010
#define LUP_RETURN_TYPE         0x0020
#define LUP_RETURN_VERSION      0x0040
#define LUP_RETURN_COMMENT      0x0080
#define LUP_RETURN_ADDR         0x0100
#define LUP_RETURN_BLOB         0x0200
#define LUP_RETURN_ALIASES      0x0400
#define LUP_RETURN_QUERY_STRING 0x0800
#define LUP_RETURN_ALL          0x0FF0
#define LUP_RES_SERVICE         0x8000
#define LUP_FLUSHCACHE          0x1000
#define LUP_FLUSHPREVIOUS       0x2000
#define LUP_NON_AUTHORITATIVE   0x4000
#define LUP_SECURE              0x8000
#define LUP_RETURN_PREFERRED_NAMES 0x10000
#define LUP_DNS_ONLY            0x20000
#define LUP_RETURN_RESPONSE_FLAGS 0x40000
#define LUP_ADDRCONFIG          0x00100000
#define LUP_DUAL_ADDR           0x00200000
#define LUP_FILESERVER          0x00400000
#define LUP_DISABLE_IDN_ENCODING 0x00800000
#define LUP_API_ANSI            0x01000000
#define LUP_EXTENDED_QUERYSET   0x02000000
#define LUP_SECURE_WITH_FALLBACK 0x04000000
#define LUP_EXCLUSIVE_CUSTOM_SERVERS 0x08000000
#define LUP_REQUIRE_SECURE      0x10000000
#define LUP_RETURN_TTL          0x20000000
#define LUP_FORCE_CLEAR_TEXT    0x40000000
#define LUP_RESOLUTION_HANDLE   0x80000000

#define RESULT_IS_ALIAS         0x0001
#define RESULT_IS_ADDED         0x0010
#define RESULT_IS_CHANGED       0x0020
#define RESULT_IS_DELETED       0x0040

typedef enum _WSAESETSERVICEOP {
    RNRSERVICE_REGISTER = 0,
    RNRSERVICE_DEREGISTER,
    RNRSERVICE_DELETE
} WSAESETSERVICEOP, *PWSAESETSERVICEOP, *LPWSAESETSERVICEOP;

typedef struct _WSANSClassInfoA {
    LPSTR lpszName;
    DWORD dwNameSpace;
    DWORD dwValueType;
    DWORD dwValueSize;
    LPVOID lpValue;
} WSANSCLASSINFOA, *PWSANSCLASSINFOA, *LPWSANSCLASSINFOA;

typedef struct _WSANSClassInfoW {
    LPWSTR lpszName;
    DWORD dwNameSpace;
    DWORD dwValueType;
    DWORD dwValueSize;
    LPVOID lpValue;
} WSANSCLASSINFOW, *PWSANSCLASSINFOW, *LPWSANSCLASSINFOW;

typedef struct _WSAServiceClassInfoA {
    LPGUID lpServiceClassId;
    LPSTR lpszServiceClassName;
    DWORD dwCount;
    LPWSANSCLASSINFOA lpClassInfos;
} WSASERVICECLASSINFOA, *PWSASERVICECLASSINFOA, *LPWSASERVICECLASSINFOA;

typedef struct _WSAServiceClassInfoW {
    LPGUID lpServiceClassId;
    LPWSTR lpszServiceClassName;
    DWORD dwCount;
    LPWSANSCLASSINFOW lpClassInfos;
} WSASERVICECLASSINFOW, *PWSASERVICECLASSINFOW, *LPWSASERVICECLASSINFOW;

typedef struct _WSANAMESPACE_INFOA {
    GUID NSProviderId;
    DWORD dwNameSpace;
    BOOL fActive;
    DWORD dwVersion;
    LPSTR lpszIdentifier;
} WSANAMESPACE_INFOA, *PWSANAMESPACE_INFOA, *LPWSANAMESPACE_INFOA;

typedef struct _WSANAMESPACE_INFOW {
    GUID NSProviderId;
    DWORD dwNameSpace;
    BOOL fActive;
    DWORD dwVersion;
    LPWSTR lpszIdentifier;
} WSANAMESPACE_INFOW, *PWSANAMESPACE_INFOW, *LPWSANAMESPACE_INFOW;

typedef struct _WSANAMESPACE_INFOEXA {
    GUID NSProviderId;
    DWORD dwNameSpace;
    BOOL fActive;
    DWORD dwVersion;
    LPSTR lpszIdentifier;
    BLOB ProviderSpecific;
} WSANAMESPACE_INFOEXA, *PWSANAMESPACE_INFOEXA, *LPWSANAMESPACE_INFOEXA;

typedef struct _WSANAMESPACE_INFOEXW {
    GUID NSProviderId;
    DWORD dwNameSpace;
    BOOL fActive;
    DWORD dwVersion;
    LPWSTR lpszIdentifier;
    BLOB ProviderSpecific;
} WSANAMESPACE_INFOEXW, *PWSANAMESPACE_INFOEXW, *LPWSANAMESPACE_INFOEXW;

#ifdef UNICODE
typedef WSANSCLASSINFOW WSANSCLASSINFO, *PWSANSCLASSINFO, *LPWSANSCLASSINFO;
typedef WSASERVICECLASSINFOW WSASERVICECLASSINFO, *PWSASERVICECLASSINFO, *LPWSASERVICECLASSINFO;
typedef WSANAMESPACE_INFOW WSANAMESPACE_INFO, *PWSANAMESPACE_INFO, *LPWSANAMESPACE_INFO;
typedef WSANAMESPACE_INFOEXW WSANAMESPACE_INFOEX, *PWSANAMESPACE_INFOEX, *LPWSANAMESPACE_INFOEX;
#else
typedef WSANSCLASSINFOA WSANSCLASSINFO, *PWSANSCLASSINFO, *LPWSANSCLASSINFO;
typedef WSASERVICECLASSINFOA WSASERVICECLASSINFO, *PWSASERVICECLASSINFO, *LPWSASERVICECLASSINFO;
typedef WSANAMESPACE_INFOA WSANAMESPACE_INFO, *PWSANAMESPACE_INFO, *LPWSANAMESPACE_INFO;
typedef WSANAMESPACE_INFOEXA WSANAMESPACE_INFOEX, *PWSANAMESPACE_INFOEX, *LPWSANAMESPACE_INFOEX;
#endif

/* ---- WSAPoll ---- */
#define POLLRDNORM  0x0100
#define POLLRDBAND  0x0200
#define POLLIN      (POLLRDNORM | POLLRDBAND)
#define POLLPRI     0x0400
#define POLLWRNORM  0x0010
#define POLLOUT     (POLLWRNORM)
#define POLLWRBAND  0x0020
#define POLLERR     0x0001
#define POLLHUP     0x0002
#define POLLNVAL    0x0004

typedef struct pollfd {
    SOCKET fd;
    SHORT events;
    SHORT revents;
} WSAPOLLFD, *PWSAPOLLFD, *LPWSAPOLLFD;

/* ---- Byte order helpers that Windows defines inline (no library symbol) ---- */
#ifndef htonll
static __inline__ unsigned __int64 htonll(unsigned __int64 Value) { return __builtin_bswap64(Value); }
static __inline__ unsigned __int64 ntohll(unsigned __int64 Value) { return __builtin_bswap64(Value); }
static __inline__ unsigned __int32 htonf(float Value)
{
    unsigned __int32 v;
    memcpy(&v, &Value, sizeof(v));
    return __builtin_bswap32(v);
}
static __inline__ float ntohf(unsigned __int32 Value)
{
    float f;
    Value = __builtin_bswap32(Value);
    memcpy(&f, &Value, sizeof(f));
    return f;
}
static __inline__ unsigned __int64 htond(double Value)
{
    unsigned __int64 v;
    memcpy(&v, &Value, sizeof(v));
    return __builtin_bswap64(v);
}
static __inline__ double ntohd(unsigned __int64 Value)
{
    double d;
    Value = __builtin_bswap64(Value);
    memcpy(&d, &Value, sizeof(d));
    return d;
}
#endif

/* ---- WSAAsyncSelect message helpers ---- */
#define WSAMAKEASYNCREPLY(buflen, error)    MAKELONG(buflen, error)
#define WSAMAKESELECTREPLY(event, error)    MAKELONG(event, error)
#define WSAGETASYNCBUFLEN(lParam)           LOWORD(lParam)
#define WSAGETASYNCERROR(lParam)            HIWORD(lParam)
#define WSAGETSELECTEVENT(lParam)           LOWORD(lParam)
#define WSAGETSELECTERROR(lParam)           HIWORD(lParam)

/* ---- Functions ---- */
#if INCL_WINSOCK_API_PROTOTYPES

/* Names that libc also exports: bound to the library's ws2_<name> symbols. */
WINSOCK_API_LINKAGE SOCKET WSAAPI accept(SOCKET s, struct sockaddr *addr, int *addrlen) __WS2_SYM(accept);
WINSOCK_API_LINKAGE int WSAAPI bind(SOCKET s, const struct sockaddr *name, int namelen) __WS2_SYM(bind);
WINSOCK_API_LINKAGE int WSAAPI connect(SOCKET s, const struct sockaddr *name, int namelen) __WS2_SYM(connect);
WINSOCK_API_LINKAGE int WSAAPI getpeername(SOCKET s, struct sockaddr *name, int *namelen) __WS2_SYM(getpeername);
WINSOCK_API_LINKAGE int WSAAPI getsockname(SOCKET s, struct sockaddr *name, int *namelen) __WS2_SYM(getsockname);
WINSOCK_API_LINKAGE int WSAAPI getsockopt(SOCKET s, int level, int optname, char *optval, int *optlen) __WS2_SYM(getsockopt);
WINSOCK_API_LINKAGE u_long WSAAPI htonl(u_long hostlong) __WS2_SYM(htonl);
WINSOCK_API_LINKAGE u_short WSAAPI htons(u_short hostshort) __WS2_SYM(htons);
WINSOCK_API_LINKAGE unsigned int WSAAPI inet_addr(const char *cp) __WS2_SYM(inet_addr);
WINSOCK_API_LINKAGE char *WSAAPI inet_ntoa(struct in_addr in) __WS2_SYM(inet_ntoa);
WINSOCK_API_LINKAGE int WSAAPI listen(SOCKET s, int backlog) __WS2_SYM(listen);
WINSOCK_API_LINKAGE u_long WSAAPI ntohl(u_long netlong) __WS2_SYM(ntohl);
WINSOCK_API_LINKAGE u_short WSAAPI ntohs(u_short netshort) __WS2_SYM(ntohs);
WINSOCK_API_LINKAGE int WSAAPI recv(SOCKET s, char *buf, int len, int flags) __WS2_SYM(recv);
WINSOCK_API_LINKAGE int WSAAPI recvfrom(SOCKET s, char *buf, int len, int flags, struct sockaddr *from, int *fromlen) __WS2_SYM(recvfrom);
WINSOCK_API_LINKAGE int WSAAPI send(SOCKET s, const char *buf, int len, int flags) __WS2_SYM(send);
WINSOCK_API_LINKAGE int WSAAPI sendto(SOCKET s, const char *buf, int len, int flags, const struct sockaddr *to, int tolen) __WS2_SYM(sendto);
WINSOCK_API_LINKAGE int WSAAPI setsockopt(SOCKET s, int level, int optname, const char *optval, int optlen) __WS2_SYM(setsockopt);
WINSOCK_API_LINKAGE int WSAAPI shutdown(SOCKET s, int how) __WS2_SYM(shutdown);
WINSOCK_API_LINKAGE SOCKET WSAAPI socket(int af, int type, int protocol) __WS2_SYM(socket);
WINSOCK_API_LINKAGE struct hostent *WSAAPI gethostbyaddr(const char *addr, int len, int type) __WS2_SYM(gethostbyaddr);
WINSOCK_API_LINKAGE struct hostent *WSAAPI gethostbyname(const char *name) __WS2_SYM(gethostbyname);
WINSOCK_API_LINKAGE struct servent *WSAAPI getservbyport(int port, const char *proto) __WS2_SYM(getservbyport);
WINSOCK_API_LINKAGE struct servent *WSAAPI getservbyname(const char *name, const char *proto) __WS2_SYM(getservbyname);
WINSOCK_API_LINKAGE struct protoent *WSAAPI getprotobynumber(int number) __WS2_SYM(getprotobynumber);
WINSOCK_API_LINKAGE struct protoent *WSAAPI getprotobyname(const char *name) __WS2_SYM(getprotobyname);
/* select and gethostname are renamed by the macros above: these declare ws2_select and
 * ws2_gethostname (glibc declares select and gethostname itself, with other types). */
WINSOCK_API_LINKAGE int WSAAPI select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds, const struct timeval *timeout);
WINSOCK_API_LINKAGE int WSAAPI gethostname(char *name, int namelen);

/* Windows-only names: exported under the same name. */
WINSOCK_API_LINKAGE int WSAAPI closesocket(SOCKET s);
WINSOCK_API_LINKAGE int WSAAPI ioctlsocket(SOCKET s, LONG cmd, u_long *argp);
WINSOCK_API_LINKAGE int WSAAPI GetHostNameW(PWSTR name, int namelen);

WINSOCK_API_LINKAGE int WSAAPI WSAStartup(WORD wVersionRequested, LPWSADATA lpWSAData);
WINSOCK_API_LINKAGE int WSAAPI WSACleanup(void);
WINSOCK_API_LINKAGE void WSAAPI WSASetLastError(int iError);
WINSOCK_API_LINKAGE int WSAAPI WSAGetLastError(void);
WINSOCK_API_LINKAGE BOOL WSAAPI WSAIsBlocking(void);
WINSOCK_API_LINKAGE int WSAAPI WSAUnhookBlockingHook(void);
WINSOCK_API_LINKAGE FARPROC WSAAPI WSASetBlockingHook(FARPROC lpBlockFunc);
WINSOCK_API_LINKAGE int WSAAPI WSACancelBlockingCall(void);
WINSOCK_API_LINKAGE HANDLE WSAAPI WSAAsyncGetServByName(HWND hWnd, u_int wMsg, const char *name, const char *proto, char *buf, int buflen);
WINSOCK_API_LINKAGE HANDLE WSAAPI WSAAsyncGetServByPort(HWND hWnd, u_int wMsg, int port, const char *proto, char *buf, int buflen);
WINSOCK_API_LINKAGE HANDLE WSAAPI WSAAsyncGetProtoByName(HWND hWnd, u_int wMsg, const char *name, char *buf, int buflen);
WINSOCK_API_LINKAGE HANDLE WSAAPI WSAAsyncGetProtoByNumber(HWND hWnd, u_int wMsg, int number, char *buf, int buflen);
WINSOCK_API_LINKAGE HANDLE WSAAPI WSAAsyncGetHostByName(HWND hWnd, u_int wMsg, const char *name, char *buf, int buflen);
WINSOCK_API_LINKAGE HANDLE WSAAPI WSAAsyncGetHostByAddr(HWND hWnd, u_int wMsg, const char *addr, int len, int type, char *buf, int buflen);
WINSOCK_API_LINKAGE int WSAAPI WSACancelAsyncRequest(HANDLE hAsyncTaskHandle);
WINSOCK_API_LINKAGE int WSAAPI WSAAsyncSelect(SOCKET s, HWND hWnd, u_int wMsg, LONG lEvent);

WINSOCK_API_LINKAGE SOCKET WSAAPI WSAAccept(SOCKET s, struct sockaddr *addr, LPINT addrlen, LPCONDITIONPROC lpfnCondition, DWORD_PTR dwCallbackData);
WINSOCK_API_LINKAGE BOOL WSAAPI WSACloseEvent(WSAEVENT hEvent);
WINSOCK_API_LINKAGE int WSAAPI WSAConnect(SOCKET s, const struct sockaddr *name, int namelen, LPWSABUF lpCallerData, LPWSABUF lpCalleeData, LPQOS lpSQOS, LPQOS lpGQOS);
WINSOCK_API_LINKAGE BOOL WSAAPI WSAConnectByNameW(SOCKET s, LPWSTR nodename, LPWSTR servicename, LPDWORD LocalAddressLength, LPSOCKADDR LocalAddress, LPDWORD RemoteAddressLength, LPSOCKADDR RemoteAddress, const struct timeval *timeout, LPWSAOVERLAPPED Reserved);
WINSOCK_API_LINKAGE BOOL WSAAPI WSAConnectByNameA(SOCKET s, LPCSTR nodename, LPCSTR servicename, LPDWORD LocalAddressLength, LPSOCKADDR LocalAddress, LPDWORD RemoteAddressLength, LPSOCKADDR RemoteAddress, const struct timeval *timeout, LPWSAOVERLAPPED Reserved);
WINSOCK_API_LINKAGE BOOL WSAAPI WSAConnectByList(SOCKET s, PSOCKET_ADDRESS_LIST SocketAddress, LPDWORD LocalAddressLength, LPSOCKADDR LocalAddress, LPDWORD RemoteAddressLength, LPSOCKADDR RemoteAddress, const struct timeval *timeout, LPWSAOVERLAPPED Reserved);
WINSOCK_API_LINKAGE WSAEVENT WSAAPI WSACreateEvent(void);
WINSOCK_API_LINKAGE int WSAAPI WSADuplicateSocketA(SOCKET s, DWORD dwProcessId, LPWSAPROTOCOL_INFOA lpProtocolInfo);
WINSOCK_API_LINKAGE int WSAAPI WSADuplicateSocketW(SOCKET s, DWORD dwProcessId, LPWSAPROTOCOL_INFOW lpProtocolInfo);
WINSOCK_API_LINKAGE int WSAAPI WSAEnumNetworkEvents(SOCKET s, WSAEVENT hEventObject, LPWSANETWORKEVENTS lpNetworkEvents);
WINSOCK_API_LINKAGE int WSAAPI WSAEnumProtocolsA(LPINT lpiProtocols, LPWSAPROTOCOL_INFOA lpProtocolBuffer, LPDWORD lpdwBufferLength);
WINSOCK_API_LINKAGE int WSAAPI WSAEnumProtocolsW(LPINT lpiProtocols, LPWSAPROTOCOL_INFOW lpProtocolBuffer, LPDWORD lpdwBufferLength);
WINSOCK_API_LINKAGE int WSAAPI WSAEventSelect(SOCKET s, WSAEVENT hEventObject, LONG lNetworkEvents);
WINSOCK_API_LINKAGE BOOL WSAAPI WSAGetOverlappedResult(SOCKET s, LPWSAOVERLAPPED lpOverlapped, LPDWORD lpcbTransfer, BOOL fWait, LPDWORD lpdwFlags);
WINSOCK_API_LINKAGE BOOL WSAAPI WSAGetQOSByName(SOCKET s, LPWSABUF lpQOSName, LPQOS lpQOS);
WINSOCK_API_LINKAGE int WSAAPI WSAHtonl(SOCKET s, u_long hostlong, u_long *lpnetlong);
WINSOCK_API_LINKAGE int WSAAPI WSAHtons(SOCKET s, u_short hostshort, u_short *lpnetshort);
WINSOCK_API_LINKAGE int WSAAPI WSAIoctl(SOCKET s, DWORD dwIoControlCode, LPVOID lpvInBuffer, DWORD cbInBuffer, LPVOID lpvOutBuffer, DWORD cbOutBuffer, LPDWORD lpcbBytesReturned, LPWSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
WINSOCK_API_LINKAGE SOCKET WSAAPI WSAJoinLeaf(SOCKET s, const struct sockaddr *name, int namelen, LPWSABUF lpCallerData, LPWSABUF lpCalleeData, LPQOS lpSQOS, LPQOS lpGQOS, DWORD dwFlags);
WINSOCK_API_LINKAGE int WSAAPI WSANtohl(SOCKET s, u_long netlong, u_long *lphostlong);
WINSOCK_API_LINKAGE int WSAAPI WSANtohs(SOCKET s, u_short netshort, u_short *lphostshort);
WINSOCK_API_LINKAGE int WSAAPI WSARecv(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesRecvd, LPDWORD lpFlags, LPWSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
WINSOCK_API_LINKAGE int WSAAPI WSARecvDisconnect(SOCKET s, LPWSABUF lpInboundDisconnectData);
WINSOCK_API_LINKAGE int WSAAPI WSARecvFrom(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesRecvd, LPDWORD lpFlags, struct sockaddr *lpFrom, LPINT lpFromlen, LPWSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
WINSOCK_API_LINKAGE BOOL WSAAPI WSAResetEvent(WSAEVENT hEvent);
WINSOCK_API_LINKAGE int WSAAPI WSASend(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesSent, DWORD dwFlags, LPWSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
WINSOCK_API_LINKAGE int WSAAPI WSASendMsg(SOCKET Handle, LPWSAMSG lpMsg, DWORD dwFlags, LPDWORD lpNumberOfBytesSent, LPWSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
WINSOCK_API_LINKAGE int WSAAPI WSASendDisconnect(SOCKET s, LPWSABUF lpOutboundDisconnectData);
WINSOCK_API_LINKAGE int WSAAPI WSASendTo(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesSent, DWORD dwFlags, const struct sockaddr *lpTo, int iTolen, LPWSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
WINSOCK_API_LINKAGE BOOL WSAAPI WSASetEvent(WSAEVENT hEvent);
WINSOCK_API_LINKAGE SOCKET WSAAPI WSASocketA(int af, int type, int protocol, LPWSAPROTOCOL_INFOA lpProtocolInfo, GROUP g, DWORD dwFlags);
WINSOCK_API_LINKAGE SOCKET WSAAPI WSASocketW(int af, int type, int protocol, LPWSAPROTOCOL_INFOW lpProtocolInfo, GROUP g, DWORD dwFlags);
WINSOCK_API_LINKAGE DWORD WSAAPI WSAWaitForMultipleEvents(DWORD cEvents, const WSAEVENT *lphEvents, BOOL fWaitAll, DWORD dwTimeout, BOOL fAlertable);
WINSOCK_API_LINKAGE INT WSAAPI WSAAddressToStringA(LPSOCKADDR lpsaAddress, DWORD dwAddressLength, LPWSAPROTOCOL_INFOA lpProtocolInfo, LPSTR lpszAddressString, LPDWORD lpdwAddressStringLength);
WINSOCK_API_LINKAGE INT WSAAPI WSAAddressToStringW(LPSOCKADDR lpsaAddress, DWORD dwAddressLength, LPWSAPROTOCOL_INFOW lpProtocolInfo, LPWSTR lpszAddressString, LPDWORD lpdwAddressStringLength);
WINSOCK_API_LINKAGE INT WSAAPI WSAStringToAddressA(LPSTR AddressString, INT AddressFamily, LPWSAPROTOCOL_INFOA lpProtocolInfo, LPSOCKADDR lpAddress, LPINT lpAddressLength);
WINSOCK_API_LINKAGE INT WSAAPI WSAStringToAddressW(LPWSTR AddressString, INT AddressFamily, LPWSAPROTOCOL_INFOW lpProtocolInfo, LPSOCKADDR lpAddress, LPINT lpAddressLength);
WINSOCK_API_LINKAGE INT WSAAPI WSALookupServiceBeginA(LPWSAQUERYSETA lpqsRestrictions, DWORD dwControlFlags, LPHANDLE lphLookup);
WINSOCK_API_LINKAGE INT WSAAPI WSALookupServiceBeginW(LPWSAQUERYSETW lpqsRestrictions, DWORD dwControlFlags, LPHANDLE lphLookup);
WINSOCK_API_LINKAGE INT WSAAPI WSALookupServiceNextA(HANDLE hLookup, DWORD dwControlFlags, LPDWORD lpdwBufferLength, LPWSAQUERYSETA lpqsResults);
WINSOCK_API_LINKAGE INT WSAAPI WSALookupServiceNextW(HANDLE hLookup, DWORD dwControlFlags, LPDWORD lpdwBufferLength, LPWSAQUERYSETW lpqsResults);
WINSOCK_API_LINKAGE INT WSAAPI WSANSPIoctl(HANDLE hLookup, DWORD dwControlCode, LPVOID lpvInBuffer, DWORD cbInBuffer, LPVOID lpvOutBuffer, DWORD cbOutBuffer, LPDWORD lpcbBytesReturned, LPWSACOMPLETION lpCompletion);
WINSOCK_API_LINKAGE INT WSAAPI WSALookupServiceEnd(HANDLE hLookup);
WINSOCK_API_LINKAGE INT WSAAPI WSAInstallServiceClassA(LPWSASERVICECLASSINFOA lpServiceClassInfo);
WINSOCK_API_LINKAGE INT WSAAPI WSAInstallServiceClassW(LPWSASERVICECLASSINFOW lpServiceClassInfo);
WINSOCK_API_LINKAGE INT WSAAPI WSARemoveServiceClass(LPGUID lpServiceClassId);
WINSOCK_API_LINKAGE INT WSAAPI WSAGetServiceClassInfoA(LPGUID lpProviderId, LPGUID lpServiceClassId, LPDWORD lpdwBufSize, LPWSASERVICECLASSINFOA lpServiceClassInfo);
WINSOCK_API_LINKAGE INT WSAAPI WSAGetServiceClassInfoW(LPGUID lpProviderId, LPGUID lpServiceClassId, LPDWORD lpdwBufSize, LPWSASERVICECLASSINFOW lpServiceClassInfo);
WINSOCK_API_LINKAGE INT WSAAPI WSAEnumNameSpaceProvidersA(LPDWORD lpdwBufferLength, LPWSANAMESPACE_INFOA lpnspBuffer);
WINSOCK_API_LINKAGE INT WSAAPI WSAEnumNameSpaceProvidersW(LPDWORD lpdwBufferLength, LPWSANAMESPACE_INFOW lpnspBuffer);
WINSOCK_API_LINKAGE INT WSAAPI WSAEnumNameSpaceProvidersExA(LPDWORD lpdwBufferLength, LPWSANAMESPACE_INFOEXA lpnspBuffer);
WINSOCK_API_LINKAGE INT WSAAPI WSAEnumNameSpaceProvidersExW(LPDWORD lpdwBufferLength, LPWSANAMESPACE_INFOEXW lpnspBuffer);
WINSOCK_API_LINKAGE INT WSAAPI WSAGetServiceClassNameByClassIdA(LPGUID lpServiceClassId, LPSTR lpszServiceClassName, LPDWORD lpdwBufferLength);
WINSOCK_API_LINKAGE INT WSAAPI WSAGetServiceClassNameByClassIdW(LPGUID lpServiceClassId, LPWSTR lpszServiceClassName, LPDWORD lpdwBufferLength);
WINSOCK_API_LINKAGE INT WSAAPI WSASetServiceA(LPWSAQUERYSETA lpqsRegInfo, WSAESETSERVICEOP essoperation, DWORD dwControlFlags);
WINSOCK_API_LINKAGE INT WSAAPI WSASetServiceW(LPWSAQUERYSETW lpqsRegInfo, WSAESETSERVICEOP essoperation, DWORD dwControlFlags);
WINSOCK_API_LINKAGE INT WSAAPI WSAProviderConfigChange(LPHANDLE lpNotificationHandle, LPWSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
WINSOCK_API_LINKAGE int WSAAPI WSAPoll(LPWSAPOLLFD fdArray, ULONG fds, INT timeout);

#endif /* INCL_WINSOCK_API_PROTOTYPES */

#if INCL_WINSOCK_API_TYPEDEFS
typedef SOCKET (WSAAPI *LPFN_ACCEPT)(SOCKET s, struct sockaddr *addr, int *addrlen);
typedef int (WSAAPI *LPFN_BIND)(SOCKET s, const struct sockaddr *name, int namelen);
typedef int (WSAAPI *LPFN_CLOSESOCKET)(SOCKET s);
typedef int (WSAAPI *LPFN_CONNECT)(SOCKET s, const struct sockaddr *name, int namelen);
typedef int (WSAAPI *LPFN_IOCTLSOCKET)(SOCKET s, LONG cmd, u_long *argp);
typedef int (WSAAPI *LPFN_GETPEERNAME)(SOCKET s, struct sockaddr *name, int *namelen);
typedef int (WSAAPI *LPFN_GETSOCKNAME)(SOCKET s, struct sockaddr *name, int *namelen);
typedef int (WSAAPI *LPFN_GETSOCKOPT)(SOCKET s, int level, int optname, char *optval, int *optlen);
typedef u_long (WSAAPI *LPFN_HTONL)(u_long hostlong);
typedef u_short (WSAAPI *LPFN_HTONS)(u_short hostshort);
typedef unsigned int (WSAAPI *LPFN_INET_ADDR)(const char *cp);
typedef char *(WSAAPI *LPFN_INET_NTOA)(struct in_addr in);
typedef int (WSAAPI *LPFN_LISTEN)(SOCKET s, int backlog);
typedef u_long (WSAAPI *LPFN_NTOHL)(u_long netlong);
typedef u_short (WSAAPI *LPFN_NTOHS)(u_short netshort);
typedef int (WSAAPI *LPFN_RECV)(SOCKET s, char *buf, int len, int flags);
typedef int (WSAAPI *LPFN_RECVFROM)(SOCKET s, char *buf, int len, int flags, struct sockaddr *from, int *fromlen);
typedef int (WSAAPI *LPFN_SELECT)(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds, const struct timeval *timeout);
typedef int (WSAAPI *LPFN_SEND)(SOCKET s, const char *buf, int len, int flags);
typedef int (WSAAPI *LPFN_SENDTO)(SOCKET s, const char *buf, int len, int flags, const struct sockaddr *to, int tolen);
typedef int (WSAAPI *LPFN_SETSOCKOPT)(SOCKET s, int level, int optname, const char *optval, int optlen);
typedef int (WSAAPI *LPFN_SHUTDOWN)(SOCKET s, int how);
typedef SOCKET (WSAAPI *LPFN_SOCKET)(int af, int type, int protocol);
typedef struct hostent *(WSAAPI *LPFN_GETHOSTBYADDR)(const char *addr, int len, int type);
typedef struct hostent *(WSAAPI *LPFN_GETHOSTBYNAME)(const char *name);
typedef int (WSAAPI *LPFN_GETHOSTNAME)(char *name, int namelen);
typedef struct servent *(WSAAPI *LPFN_GETSERVBYPORT)(int port, const char *proto);
typedef struct servent *(WSAAPI *LPFN_GETSERVBYNAME)(const char *name, const char *proto);
typedef struct protoent *(WSAAPI *LPFN_GETPROTOBYNUMBER)(int number);
typedef struct protoent *(WSAAPI *LPFN_GETPROTOBYNAME)(const char *name);
typedef int (WSAAPI *LPFN_WSASTARTUP)(WORD wVersionRequested, LPWSADATA lpWSAData);
typedef int (WSAAPI *LPFN_WSACLEANUP)(void);
typedef void (WSAAPI *LPFN_WSASETLASTERROR)(int iError);
typedef int (WSAAPI *LPFN_WSAGETLASTERROR)(void);
typedef SOCKET (WSAAPI *LPFN_WSAACCEPT)(SOCKET s, struct sockaddr *addr, LPINT addrlen, LPCONDITIONPROC lpfnCondition, DWORD_PTR dwCallbackData);
typedef BOOL (WSAAPI *LPFN_WSACLOSEEVENT)(WSAEVENT hEvent);
typedef int (WSAAPI *LPFN_WSACONNECT)(SOCKET s, const struct sockaddr *name, int namelen, LPWSABUF lpCallerData, LPWSABUF lpCalleeData, LPQOS lpSQOS, LPQOS lpGQOS);
typedef WSAEVENT (WSAAPI *LPFN_WSACREATEEVENT)(void);
typedef int (WSAAPI *LPFN_WSADUPLICATESOCKETA)(SOCKET s, DWORD dwProcessId, LPWSAPROTOCOL_INFOA lpProtocolInfo);
typedef int (WSAAPI *LPFN_WSADUPLICATESOCKETW)(SOCKET s, DWORD dwProcessId, LPWSAPROTOCOL_INFOW lpProtocolInfo);
typedef int (WSAAPI *LPFN_WSAENUMNETWORKEVENTS)(SOCKET s, WSAEVENT hEventObject, LPWSANETWORKEVENTS lpNetworkEvents);
typedef int (WSAAPI *LPFN_WSAENUMPROTOCOLSA)(LPINT lpiProtocols, LPWSAPROTOCOL_INFOA lpProtocolBuffer, LPDWORD lpdwBufferLength);
typedef int (WSAAPI *LPFN_WSAENUMPROTOCOLSW)(LPINT lpiProtocols, LPWSAPROTOCOL_INFOW lpProtocolBuffer, LPDWORD lpdwBufferLength);
typedef int (WSAAPI *LPFN_WSAEVENTSELECT)(SOCKET s, WSAEVENT hEventObject, LONG lNetworkEvents);
typedef BOOL (WSAAPI *LPFN_WSAGETOVERLAPPEDRESULT)(SOCKET s, LPWSAOVERLAPPED lpOverlapped, LPDWORD lpcbTransfer, BOOL fWait, LPDWORD lpdwFlags);
typedef int (WSAAPI *LPFN_WSAIOCTL)(SOCKET s, DWORD dwIoControlCode, LPVOID lpvInBuffer, DWORD cbInBuffer, LPVOID lpvOutBuffer, DWORD cbOutBuffer, LPDWORD lpcbBytesReturned, LPWSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
typedef int (WSAAPI *LPFN_WSARECV)(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesRecvd, LPDWORD lpFlags, LPWSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
typedef int (WSAAPI *LPFN_WSARECVFROM)(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesRecvd, LPDWORD lpFlags, struct sockaddr *lpFrom, LPINT lpFromlen, LPWSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
typedef BOOL (WSAAPI *LPFN_WSARESETEVENT)(WSAEVENT hEvent);
typedef int (WSAAPI *LPFN_WSASEND)(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesSent, DWORD dwFlags, LPWSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
typedef int (WSAAPI *LPFN_WSASENDTO)(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesSent, DWORD dwFlags, const struct sockaddr *lpTo, int iTolen, LPWSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
typedef BOOL (WSAAPI *LPFN_WSASETEVENT)(WSAEVENT hEvent);
typedef SOCKET (WSAAPI *LPFN_WSASOCKETA)(int af, int type, int protocol, LPWSAPROTOCOL_INFOA lpProtocolInfo, GROUP g, DWORD dwFlags);
typedef SOCKET (WSAAPI *LPFN_WSASOCKETW)(int af, int type, int protocol, LPWSAPROTOCOL_INFOW lpProtocolInfo, GROUP g, DWORD dwFlags);
typedef DWORD (WSAAPI *LPFN_WSAWAITFORMULTIPLEEVENTS)(DWORD cEvents, const WSAEVENT *lphEvents, BOOL fWaitAll, DWORD dwTimeout, BOOL fAlertable);
typedef INT (WSAAPI *LPFN_WSAADDRESSTOSTRINGA)(LPSOCKADDR lpsaAddress, DWORD dwAddressLength, LPWSAPROTOCOL_INFOA lpProtocolInfo, LPSTR lpszAddressString, LPDWORD lpdwAddressStringLength);
typedef INT (WSAAPI *LPFN_WSAADDRESSTOSTRINGW)(LPSOCKADDR lpsaAddress, DWORD dwAddressLength, LPWSAPROTOCOL_INFOW lpProtocolInfo, LPWSTR lpszAddressString, LPDWORD lpdwAddressStringLength);
typedef INT (WSAAPI *LPFN_WSASTRINGTOADDRESSA)(LPSTR AddressString, INT AddressFamily, LPWSAPROTOCOL_INFOA lpProtocolInfo, LPSOCKADDR lpAddress, LPINT lpAddressLength);
typedef INT (WSAAPI *LPFN_WSASTRINGTOADDRESSW)(LPWSTR AddressString, INT AddressFamily, LPWSAPROTOCOL_INFOW lpProtocolInfo, LPSOCKADDR lpAddress, LPINT lpAddressLength);
#ifdef UNICODE
#define LPFN_WSADUPLICATESOCKET     LPFN_WSADUPLICATESOCKETW
#define LPFN_WSAENUMPROTOCOLS       LPFN_WSAENUMPROTOCOLSW
#define LPFN_WSASOCKET              LPFN_WSASOCKETW
#define LPFN_WSAADDRESSTOSTRING     LPFN_WSAADDRESSTOSTRINGW
#define LPFN_WSASTRINGTOADDRESS     LPFN_WSASTRINGTOADDRESSW
#else
#define LPFN_WSADUPLICATESOCKET     LPFN_WSADUPLICATESOCKETA
#define LPFN_WSAENUMPROTOCOLS       LPFN_WSAENUMPROTOCOLSA
#define LPFN_WSASOCKET              LPFN_WSASOCKETA
#define LPFN_WSAADDRESSTOSTRING     LPFN_WSAADDRESSTOSTRINGA
#define LPFN_WSASTRINGTOADDRESS     LPFN_WSASTRINGTOADDRESSA
#endif
#endif /* INCL_WINSOCK_API_TYPEDEFS */

/* ---- ANSI/Unicode selection ---- */
#ifdef UNICODE
#define WSADuplicateSocket              WSADuplicateSocketW
#define WSAEnumProtocols                WSAEnumProtocolsW
#define WSAAddressToString              WSAAddressToStringW
#define WSASocket                       WSASocketW
#define WSAStringToAddress              WSAStringToAddressW
#define WSALookupServiceBegin           WSALookupServiceBeginW
#define WSALookupServiceNext            WSALookupServiceNextW
#define WSAInstallServiceClass          WSAInstallServiceClassW
#define WSAGetServiceClassInfo          WSAGetServiceClassInfoW
#define WSAEnumNameSpaceProviders       WSAEnumNameSpaceProvidersW
#define WSAEnumNameSpaceProvidersEx     WSAEnumNameSpaceProvidersExW
#define WSAGetServiceClassNameByClassId WSAGetServiceClassNameByClassIdW
#define WSASetService                   WSASetServiceW
#define WSAConnectByName                WSAConnectByNameW
#else
#define WSADuplicateSocket              WSADuplicateSocketA
#define WSAEnumProtocols                WSAEnumProtocolsA
#define WSAAddressToString              WSAAddressToStringA
#define WSASocket                       WSASocketA
#define WSAStringToAddress              WSAStringToAddressA
#define WSALookupServiceBegin           WSALookupServiceBeginA
#define WSALookupServiceNext            WSALookupServiceNextA
#define WSAInstallServiceClass          WSAInstallServiceClassA
#define WSAGetServiceClassInfo          WSAGetServiceClassInfoA
#define WSAEnumNameSpaceProviders       WSAEnumNameSpaceProvidersA
#define WSAEnumNameSpaceProvidersEx     WSAEnumNameSpaceProvidersExA
#define WSAGetServiceClassNameByClassId WSAGetServiceClassNameByClassIdA
#define WSASetService                   WSASetServiceA
#define WSAConnectByName                WSAConnectByNameA
#endif

#ifdef __cplusplus
}
#endif

#endif /* _WINSOCK2API_ */
