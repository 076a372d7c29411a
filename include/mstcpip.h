/*
 * mstcpip.h - TCP/IP-specific WSAIoctl codes and structures (ws2 for Linux; Windows values).
 *
 * ws2 serves SIO_KEEPALIVE_VALS (SO_KEEPALIVE with the idle time and interval, in
 * milliseconds; 10 probes, as Windows sends); the other codes are defined so that programs
 * build, and WSAIoctl answers them with WSAEOPNOTSUPP, except SIO_UDP_CONNRESET and
 * SIO_UDP_NETRESET (a BOOL: whether a datagram socket reports a port unreachable / TTL expired).
 */
#ifndef _MSTCPIP_
#define _MSTCPIP_

#include <winsock2.h>

#ifdef __cplusplus
extern "C" {
#endif

struct tcp_keepalive {
    ULONG onoff;
    ULONG keepalivetime;
    ULONG keepaliveinterval;
};

typedef enum {
    RCVALL_OFF = 0,
    RCVALL_ON = 1,
    RCVALL_SOCKETLEVELONLY = 2,
    RCVALL_IPLEVEL = 3
} RCVALL_VALUE, *PRCVALL_VALUE;

#define SIO_RCVALL              _WSAIOW(IOC_VENDOR, 1)
#define SIO_RCVALL_MCAST        _WSAIOW(IOC_VENDOR, 2)
#define SIO_RCVALL_IGMPMCAST    _WSAIOW(IOC_VENDOR, 3)
#define SIO_KEEPALIVE_VALS      _WSAIOW(IOC_VENDOR, 4)
#define SIO_ABSORB_RTRALERT     _WSAIOW(IOC_VENDOR, 5)
#define SIO_UCAST_IF            _WSAIOW(IOC_VENDOR, 6)
#define SIO_LIMIT_BROADCASTS    _WSAIOW(IOC_VENDOR, 7)
#define SIO_INDEX_BIND          _WSAIOW(IOC_VENDOR, 8)
#define SIO_INDEX_MCASTIF       _WSAIOW(IOC_VENDOR, 9)
#define SIO_INDEX_ADD_MCAST     _WSAIOW(IOC_VENDOR, 10)
#define SIO_INDEX_DEL_MCAST     _WSAIOW(IOC_VENDOR, 11)
#define SIO_UDP_CONNRESET       _WSAIOW(IOC_VENDOR, 12)
#define SIO_RCVALL_MCAST_IF     _WSAIOW(IOC_VENDOR, 13)
#define SIO_RCVALL_IF           _WSAIOW(IOC_VENDOR, 14)
#define SIO_UDP_NETRESET        _WSAIOW(IOC_VENDOR, 15)
#define SIO_LOOPBACK_FAST_PATH  _WSAIOW(IOC_VENDOR, 16)

#ifdef __cplusplus
}
#endif

#endif /* _MSTCPIP_ */
