/*
 * in6addr.h - IPv6 address structure (ws2 for Linux; Windows layout).
 */
#ifndef s6_addr
#include <windows.h>

typedef struct in6_addr {
    union {
        UCHAR Byte[16];
        USHORT Word[8];
    } u;
} IN6_ADDR, *PIN6_ADDR, *LPIN6_ADDR;

#define in_addr6 in6_addr

/* Defines used by the RFC 2553 socket API. */
#define _S6_un   u
#define _S6_u8   Byte
#define s6_addr  _S6_un._S6_u8

/* Defines used by Windows code. */
#define s6_bytes u.Byte
#define s6_words u.Word

#endif /* s6_addr */
