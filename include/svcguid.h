/*
 * svcguid.h - service class GUIDs for WSALookupServiceBegin and WSASetService (ws2 for Linux).
 *
 * The TCP/IP namespace (NS_DNS) providers built into libws2_32 answer SVCID_HOSTNAME,
 * SVCID_INET_HOSTADDRBYNAME, SVCID_INET_HOSTADDRBYINETSTRING and SVCID_INET_SERVICEBYNAME.
 * Each macro is an initializer: GUID g = SVCID_INET_HOSTADDRBYNAME;
 */
#ifndef _SVCGUID_
#define _SVCGUID_

#define SVCID_HOSTNAME                  { 0x0002a800, 0, 0, { 0xC0, 0, 0, 0, 0, 0, 0, 0x46 } }
#define SVCID_INET_HOSTADDRBYINETSTRING { 0x0002a801, 0, 0, { 0xC0, 0, 0, 0, 0, 0, 0, 0x46 } }
#define SVCID_INET_SERVICEBYNAME        { 0x0002a802, 0, 0, { 0xC0, 0, 0, 0, 0, 0, 0, 0x46 } }
#define SVCID_INET_HOSTADDRBYNAME       { 0x0002a803, 0, 0, { 0xC0, 0, 0, 0, 0, 0, 0, 0x46 } }

/* Well-known TCP and UDP services, and DNS record types, as service classes. */
#define SVCID_TCP_RR(_Port, _RR)  { (0x0009 << 16) | (_Port), 0, _RR, { 0xC0, 0, 0, 0, 0, 0, 0, 0x46 } }
#define SVCID_TCP(_Port)          SVCID_TCP_RR(_Port, 0)
#define SVCID_DNS(_RecordType)    SVCID_TCP_RR(53, _RecordType)
#define SVCID_UDP_RR(_Port, _RR)  { (0x000A << 16) | (_Port), 0, _RR, { 0xC0, 0, 0, 0, 0, 0, 0, 0x46 } }
#define SVCID_UDP(_Port)          SVCID_UDP_RR(_Port, 0)

#define IS_SVCID_TCP(_g) (((_g)->Data1 & 0xFFFF0000) == 0x00090000 && !(_g)->Data2 && (_g)->Data4[0] == 0xC0 && \
                          !(_g)->Data4[1] && !(_g)->Data4[2] && !(_g)->Data4[3] && !(_g)->Data4[4] && \
                          !(_g)->Data4[5] && !(_g)->Data4[6] && (_g)->Data4[7] == 0x46)
#define IS_SVCID_UDP(_g) (((_g)->Data1 & 0xFFFF0000) == 0x000A0000 && !(_g)->Data2 && (_g)->Data4[0] == 0xC0 && \
                          !(_g)->Data4[1] && !(_g)->Data4[2] && !(_g)->Data4[3] && !(_g)->Data4[4] && \
                          !(_g)->Data4[5] && !(_g)->Data4[6] && (_g)->Data4[7] == 0x46)
#define PORT_FROM_SVCID_TCP(_g) ((WORD)((_g)->Data1 & 0xFFFF))
#define PORT_FROM_SVCID_UDP(_g) ((WORD)((_g)->Data1 & 0xFFFF))
#define RR_FROM_SVCID(_g)       ((_g)->Data3)

#define SVCID_DNS_TYPE_A      SVCID_DNS(0x0001)
#define SVCID_DNS_TYPE_NS     SVCID_DNS(0x0002)
#define SVCID_DNS_TYPE_CNAME  SVCID_DNS(0x0005)
#define SVCID_DNS_TYPE_SOA    SVCID_DNS(0x0006)
#define SVCID_DNS_TYPE_PTR    SVCID_DNS(0x000c)
#define SVCID_DNS_TYPE_MX     SVCID_DNS(0x000f)
#define SVCID_DNS_TYPE_TEXT   SVCID_DNS(0x0010)
#define SVCID_DNS_TYPE_AAAA   SVCID_DNS(0x001c)
#define SVCID_DNS_TYPE_SRV    SVCID_DNS(0x0021)

/* The Network Location Awareness service class (NS_NLA). */
#define NLA_SERVICE_CLASS_GUID { 0x37e515, 0xb5c9, 0x4a43, { 0xba, 0xda, 0x8b, 0x48, 0xa8, 0x7a, 0xd2, 0x39 } }

#endif /* _SVCGUID_ */
