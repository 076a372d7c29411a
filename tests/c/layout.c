/*
 * layout.c - prints the size and field offsets of the Winsock structures as the C headers in
 * include/ lay them out, one line per item:
 *
 *     sizeof NAME N
 *     offsetof NAME.FIELD N
 *
 * crates/ws2_32/tests/layout.rs compiles and runs this and compares every line with the
 * windows-sys (64-bit Windows) layout of the same structure.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <ws2spi.h>
#include <stddef.h>
#include <stdio.h>

#define SIZE(name, type) printf("sizeof %s %zu\n", name, sizeof(type))
#define OFF(name, type, field) printf("offsetof %s.%s %zu\n", name, #field, offsetof(type, field))

int main(void)
{
    /* ---- The structures every Winsock program uses ---- */
    SIZE("WSADATA", WSADATA);
    OFF("WSADATA", WSADATA, wVersion);
    OFF("WSADATA", WSADATA, wHighVersion);
    OFF("WSADATA", WSADATA, iMaxSockets);
    OFF("WSADATA", WSADATA, iMaxUdpDg);
    OFF("WSADATA", WSADATA, lpVendorInfo);
    OFF("WSADATA", WSADATA, szDescription);
    OFF("WSADATA", WSADATA, szSystemStatus);

    SIZE("sockaddr", struct sockaddr);
    OFF("sockaddr", struct sockaddr, sa_family);
    OFF("sockaddr", struct sockaddr, sa_data);

    SIZE("sockaddr_in", struct sockaddr_in);
    OFF("sockaddr_in", struct sockaddr_in, sin_family);
    OFF("sockaddr_in", struct sockaddr_in, sin_port);
    OFF("sockaddr_in", struct sockaddr_in, sin_addr);
    OFF("sockaddr_in", struct sockaddr_in, sin_zero);

    SIZE("sockaddr_in6", struct sockaddr_in6);
    OFF("sockaddr_in6", struct sockaddr_in6, sin6_family);
    OFF("sockaddr_in6", struct sockaddr_in6, sin6_port);
    OFF("sockaddr_in6", struct sockaddr_in6, sin6_flowinfo);
    OFF("sockaddr_in6", struct sockaddr_in6, sin6_addr);
    OFF("sockaddr_in6", struct sockaddr_in6, sin6_scope_id);
    OFF("sockaddr_in6", struct sockaddr_in6, sin6_scope_struct);

    SIZE("sockaddr_storage", struct sockaddr_storage);
    OFF("sockaddr_storage", struct sockaddr_storage, ss_family);
    OFF("sockaddr_storage", struct sockaddr_storage, __ss_pad1);
    OFF("sockaddr_storage", struct sockaddr_storage, __ss_align);
    OFF("sockaddr_storage", struct sockaddr_storage, __ss_pad2);

    SIZE("in_addr", struct in_addr);
    OFF("in_addr", struct in_addr, S_un);
    OFF("in_addr", struct in_addr, S_un.S_un_b);
    OFF("in_addr", struct in_addr, S_un.S_un_b.s_b1);
    OFF("in_addr", struct in_addr, S_un.S_un_b.s_b2);
    OFF("in_addr", struct in_addr, S_un.S_un_b.s_b3);
    OFF("in_addr", struct in_addr, S_un.S_un_b.s_b4);
    OFF("in_addr", struct in_addr, S_un.S_un_w);
    OFF("in_addr", struct in_addr, S_un.S_un_w.s_w1);
    OFF("in_addr", struct in_addr, S_un.S_un_w.s_w2);
    OFF("in_addr", struct in_addr, S_un.S_addr);

    SIZE("in6_addr", struct in6_addr);
    OFF("in6_addr", struct in6_addr, u);
    OFF("in6_addr", struct in6_addr, u.Byte);
    OFF("in6_addr", struct in6_addr, u.Word);

    SIZE("fd_set", fd_set);
    OFF("fd_set", fd_set, fd_count);
    OFF("fd_set", fd_set, fd_array);

    SIZE("timeval", struct timeval);
    OFF("timeval", struct timeval, tv_sec);
    OFF("timeval", struct timeval, tv_usec);

    SIZE("WSABUF", WSABUF);
    OFF("WSABUF", WSABUF, len);
    OFF("WSABUF", WSABUF, buf);

#define PROTOCOL_INFO(name, type) \
    SIZE(name, type); \
    OFF(name, type, dwServiceFlags1); \
    OFF(name, type, dwServiceFlags2); \
    OFF(name, type, dwServiceFlags3); \
    OFF(name, type, dwServiceFlags4); \
    OFF(name, type, dwProviderFlags); \
    OFF(name, type, ProviderId); \
    OFF(name, type, dwCatalogEntryId); \
    OFF(name, type, ProtocolChain); \
    OFF(name, type, iVersion); \
    OFF(name, type, iAddressFamily); \
    OFF(name, type, iMaxSockAddr); \
    OFF(name, type, iMinSockAddr); \
    OFF(name, type, iSocketType); \
    OFF(name, type, iProtocol); \
    OFF(name, type, iProtocolMaxOffset); \
    OFF(name, type, iNetworkByteOrder); \
    OFF(name, type, iSecurityScheme); \
    OFF(name, type, dwMessageSize); \
    OFF(name, type, dwProviderReserved); \
    OFF(name, type, szProtocol)
    PROTOCOL_INFO("WSAPROTOCOL_INFOW", WSAPROTOCOL_INFOW);
    PROTOCOL_INFO("WSAPROTOCOL_INFOA", WSAPROTOCOL_INFOA);

    SIZE("WSAPROTOCOLCHAIN", WSAPROTOCOLCHAIN);
    OFF("WSAPROTOCOLCHAIN", WSAPROTOCOLCHAIN, ChainLen);
    OFF("WSAPROTOCOLCHAIN", WSAPROTOCOLCHAIN, ChainEntries);

    SIZE("WSAOVERLAPPED", WSAOVERLAPPED);
    OFF("WSAOVERLAPPED", WSAOVERLAPPED, Internal);
    OFF("WSAOVERLAPPED", WSAOVERLAPPED, InternalHigh);
    OFF("WSAOVERLAPPED", WSAOVERLAPPED, Offset);
    OFF("WSAOVERLAPPED", WSAOVERLAPPED, OffsetHigh);
    OFF("WSAOVERLAPPED", WSAOVERLAPPED, Pointer);
    OFF("WSAOVERLAPPED", WSAOVERLAPPED, hEvent);

#define ADDRINFO_FIELDS(name, type) \
    SIZE(name, type); \
    OFF(name, type, ai_flags); \
    OFF(name, type, ai_family); \
    OFF(name, type, ai_socktype); \
    OFF(name, type, ai_protocol); \
    OFF(name, type, ai_addrlen); \
    OFF(name, type, ai_canonname); \
    OFF(name, type, ai_addr)
    ADDRINFO_FIELDS("ADDRINFOA", ADDRINFOA);
    OFF("ADDRINFOA", ADDRINFOA, ai_next);
    ADDRINFO_FIELDS("ADDRINFOW", ADDRINFOW);
    OFF("ADDRINFOW", ADDRINFOW, ai_next);

    SIZE("OVERLAPPED_ENTRY", OVERLAPPED_ENTRY);
    OFF("OVERLAPPED_ENTRY", OVERLAPPED_ENTRY, lpCompletionKey);
    OFF("OVERLAPPED_ENTRY", OVERLAPPED_ENTRY, lpOverlapped);
    OFF("OVERLAPPED_ENTRY", OVERLAPPED_ENTRY, Internal);
    OFF("OVERLAPPED_ENTRY", OVERLAPPED_ENTRY, dwNumberOfBytesTransferred);

    SIZE("CRITICAL_SECTION", CRITICAL_SECTION);
    OFF("CRITICAL_SECTION", CRITICAL_SECTION, DebugInfo);
    OFF("CRITICAL_SECTION", CRITICAL_SECTION, LockCount);
    OFF("CRITICAL_SECTION", CRITICAL_SECTION, RecursionCount);
    OFF("CRITICAL_SECTION", CRITICAL_SECTION, OwningThread);
    OFF("CRITICAL_SECTION", CRITICAL_SECTION, LockSemaphore);
    OFF("CRITICAL_SECTION", CRITICAL_SECTION, SpinCount);

    SIZE("WSAPOLLFD", WSAPOLLFD);
    OFF("WSAPOLLFD", WSAPOLLFD, fd);
    OFF("WSAPOLLFD", WSAPOLLFD, events);
    OFF("WSAPOLLFD", WSAPOLLFD, revents);

    SIZE("linger", struct linger);
    OFF("linger", struct linger, l_onoff);
    OFF("linger", struct linger, l_linger);

    SIZE("hostent", struct hostent);
    OFF("hostent", struct hostent, h_name);
    OFF("hostent", struct hostent, h_aliases);
    OFF("hostent", struct hostent, h_addrtype);
    OFF("hostent", struct hostent, h_length);
    OFF("hostent", struct hostent, h_addr_list);

    SIZE("servent", struct servent);
    OFF("servent", struct servent, s_name);
    OFF("servent", struct servent, s_aliases);
    OFF("servent", struct servent, s_proto);
    OFF("servent", struct servent, s_port);

    SIZE("protoent", struct protoent);
    OFF("protoent", struct protoent, p_name);
    OFF("protoent", struct protoent, p_aliases);
    OFF("protoent", struct protoent, p_proto);

    SIZE("ip_mreq", struct ip_mreq);
    OFF("ip_mreq", struct ip_mreq, imr_multiaddr);
    OFF("ip_mreq", struct ip_mreq, imr_interface);

    SIZE("ipv6_mreq", struct ipv6_mreq);
    OFF("ipv6_mreq", struct ipv6_mreq, ipv6mr_multiaddr);
    OFF("ipv6_mreq", struct ipv6_mreq, ipv6mr_interface);

    SIZE("WSANETWORKEVENTS", WSANETWORKEVENTS);
    OFF("WSANETWORKEVENTS", WSANETWORKEVENTS, lNetworkEvents);
    OFF("WSANETWORKEVENTS", WSANETWORKEVENTS, iErrorCode);

    /* ---- The service provider interface ---- */
    SIZE("WSPDATA", WSPDATA);
    OFF("WSPDATA", WSPDATA, wVersion);
    OFF("WSPDATA", WSPDATA, wHighVersion);
    OFF("WSPDATA", WSPDATA, szDescription);

    SIZE("WSATHREADID", WSATHREADID);
    OFF("WSATHREADID", WSATHREADID, ThreadHandle);
    OFF("WSATHREADID", WSATHREADID, Reserved);

    SIZE("WS2_CANCEL_IO", WS2_CANCEL_IO);
    OFF("WS2_CANCEL_IO", WS2_CANCEL_IO, lpOverlapped);
    OFF("WS2_CANCEL_IO", WS2_CANCEL_IO, lpThreadId);

    SIZE("WSPPROC_TABLE", WSPPROC_TABLE);
    OFF("WSPPROC_TABLE", WSPPROC_TABLE, lpWSPAccept);
    OFF("WSPPROC_TABLE", WSPPROC_TABLE, lpWSPAddressToString);
    OFF("WSPPROC_TABLE", WSPPROC_TABLE, lpWSPAsyncSelect);
    OFF("WSPPROC_TABLE", WSPPROC_TABLE, lpWSPBind);
    OFF("WSPPROC_TABLE", WSPPROC_TABLE, lpWSPCancelBlockingCall);
    OFF("WSPPROC_TABLE", WSPPROC_TABLE, lpWSPCleanup);
    OFF("WSPPROC_TABLE", WSPPROC_TABLE, lpWSPCloseSocket);
    OFF("WSPPROC_TABLE", WSPPROC_TABLE, lpWSPConnect);
    OFF("WSPPROC_TABLE", WSPPROC_TABLE, lpWSPDuplicateSocket);
    OFF("WSPPROC_TABLE", WSPPROC_TABLE, lpWSPEnumNetworkEvents);
    OFF("WSPPROC_TABLE", WSPPROC_TABLE, lpWSPEventSelect);
    OFF("WSPPROC_TABLE", WSPPROC_TABLE, lpWSPGetOverlappedResult);
    OFF("WSPPROC_TABLE", WSPPROC_TABLE, lpWSPGetPeerName);
    OFF("WSPPROC_TABLE", WSPPROC_TABLE, lpWSPGetSockName);
    OFF("WSPPROC_TABLE", WSPPROC_TABLE, lpWSPGetSockOpt);
    OFF("WSPPROC_TABLE", WSPPROC_TABLE, lpWSPGetQOSByName);
    OFF("WSPPROC_TABLE", WSPPROC_TABLE, lpWSPIoctl);
    OFF("WSPPROC_TABLE", WSPPROC_TABLE, lpWSPJoinLeaf);
    OFF("WSPPROC_TABLE", WSPPROC_TABLE, lpWSPListen);
    OFF("WSPPROC_TABLE", WSPPROC_TABLE, lpWSPRecv);
    OFF("WSPPROC_TABLE", WSPPROC_TABLE, lpWSPRecvDisconnect);
    OFF("WSPPROC_TABLE", WSPPROC_TABLE, lpWSPRecvFrom);
    OFF("WSPPROC_TABLE", WSPPROC_TABLE, lpWSPSelect);
    OFF("WSPPROC_TABLE", WSPPROC_TABLE, lpWSPSend);
    OFF("WSPPROC_TABLE", WSPPROC_TABLE, lpWSPSendDisconnect);
    OFF("WSPPROC_TABLE", WSPPROC_TABLE, lpWSPSendTo);
    OFF("WSPPROC_TABLE", WSPPROC_TABLE, lpWSPSetSockOpt);
    OFF("WSPPROC_TABLE", WSPPROC_TABLE, lpWSPShutdown);
    OFF("WSPPROC_TABLE", WSPPROC_TABLE, lpWSPSocket);
    OFF("WSPPROC_TABLE", WSPPROC_TABLE, lpWSPStringToAddress);

    SIZE("WSPUPCALLTABLE", WSPUPCALLTABLE);
    OFF("WSPUPCALLTABLE", WSPUPCALLTABLE, lpWPUCloseEvent);
    OFF("WSPUPCALLTABLE", WSPUPCALLTABLE, lpWPUCloseSocketHandle);
    OFF("WSPUPCALLTABLE", WSPUPCALLTABLE, lpWPUCreateEvent);
    OFF("WSPUPCALLTABLE", WSPUPCALLTABLE, lpWPUCreateSocketHandle);
    OFF("WSPUPCALLTABLE", WSPUPCALLTABLE, lpWPUFDIsSet);
    OFF("WSPUPCALLTABLE", WSPUPCALLTABLE, lpWPUGetProviderPath);
    OFF("WSPUPCALLTABLE", WSPUPCALLTABLE, lpWPUModifyIFSHandle);
    OFF("WSPUPCALLTABLE", WSPUPCALLTABLE, lpWPUPostMessage);
    OFF("WSPUPCALLTABLE", WSPUPCALLTABLE, lpWPUQueryBlockingCallback);
    OFF("WSPUPCALLTABLE", WSPUPCALLTABLE, lpWPUQuerySocketHandleContext);
    OFF("WSPUPCALLTABLE", WSPUPCALLTABLE, lpWPUQueueApc);
    OFF("WSPUPCALLTABLE", WSPUPCALLTABLE, lpWPUResetEvent);
    OFF("WSPUPCALLTABLE", WSPUPCALLTABLE, lpWPUSetEvent);
    OFF("WSPUPCALLTABLE", WSPUPCALLTABLE, lpWPUOpenCurrentThread);
    OFF("WSPUPCALLTABLE", WSPUPCALLTABLE, lpWPUCloseThread);

    /* ---- Further structures the headers define ---- */
    SIZE("GUID", GUID);
    OFF("GUID", GUID, Data1);
    OFF("GUID", GUID, Data2);
    OFF("GUID", GUID, Data3);
    OFF("GUID", GUID, Data4);

    SIZE("FLOWSPEC", FLOWSPEC);
    OFF("FLOWSPEC", FLOWSPEC, TokenRate);
    OFF("FLOWSPEC", FLOWSPEC, TokenBucketSize);
    OFF("FLOWSPEC", FLOWSPEC, PeakBandwidth);
    OFF("FLOWSPEC", FLOWSPEC, Latency);
    OFF("FLOWSPEC", FLOWSPEC, DelayVariation);
    OFF("FLOWSPEC", FLOWSPEC, ServiceType);
    OFF("FLOWSPEC", FLOWSPEC, MaxSduSize);
    OFF("FLOWSPEC", FLOWSPEC, MinimumPolicedSize);

    SIZE("QOS", QOS);
    OFF("QOS", QOS, SendingFlowspec);
    OFF("QOS", QOS, ReceivingFlowspec);
    OFF("QOS", QOS, ProviderSpecific);

    SIZE("WSAMSG", WSAMSG);
    OFF("WSAMSG", WSAMSG, name);
    OFF("WSAMSG", WSAMSG, namelen);
    OFF("WSAMSG", WSAMSG, lpBuffers);
    OFF("WSAMSG", WSAMSG, dwBufferCount);
    OFF("WSAMSG", WSAMSG, Control);
    OFF("WSAMSG", WSAMSG, dwFlags);

    SIZE("WSACMSGHDR", WSACMSGHDR);
    OFF("WSACMSGHDR", WSACMSGHDR, cmsg_len);
    OFF("WSACMSGHDR", WSACMSGHDR, cmsg_level);
    OFF("WSACMSGHDR", WSACMSGHDR, cmsg_type);

    SIZE("SOCKET_ADDRESS", SOCKET_ADDRESS);
    OFF("SOCKET_ADDRESS", SOCKET_ADDRESS, lpSockaddr);
    OFF("SOCKET_ADDRESS", SOCKET_ADDRESS, iSockaddrLength);

    SIZE("SOCKET_ADDRESS_LIST", SOCKET_ADDRESS_LIST);
    OFF("SOCKET_ADDRESS_LIST", SOCKET_ADDRESS_LIST, iAddressCount);
    OFF("SOCKET_ADDRESS_LIST", SOCKET_ADDRESS_LIST, Address);

    SIZE("CSADDR_INFO", CSADDR_INFO);
    OFF("CSADDR_INFO", CSADDR_INFO, LocalAddr);
    OFF("CSADDR_INFO", CSADDR_INFO, RemoteAddr);
    OFF("CSADDR_INFO", CSADDR_INFO, iSocketType);
    OFF("CSADDR_INFO", CSADDR_INFO, iProtocol);

    SIZE("SOCKADDR_INET", SOCKADDR_INET);
    OFF("SOCKADDR_INET", SOCKADDR_INET, Ipv4);
    OFF("SOCKADDR_INET", SOCKADDR_INET, Ipv6);
    OFF("SOCKADDR_INET", SOCKADDR_INET, si_family);

    SIZE("SCOPE_ID", SCOPE_ID);
    OFF("SCOPE_ID", SCOPE_ID, Value);

    ADDRINFO_FIELDS("ADDRINFOEXA", ADDRINFOEXA);
    OFF("ADDRINFOEXA", ADDRINFOEXA, ai_blob);
    OFF("ADDRINFOEXA", ADDRINFOEXA, ai_bloblen);
    OFF("ADDRINFOEXA", ADDRINFOEXA, ai_provider);
    OFF("ADDRINFOEXA", ADDRINFOEXA, ai_next);
    ADDRINFO_FIELDS("ADDRINFOEXW", ADDRINFOEXW);
    OFF("ADDRINFOEXW", ADDRINFOEXW, ai_blob);
    OFF("ADDRINFOEXW", ADDRINFOEXW, ai_bloblen);
    OFF("ADDRINFOEXW", ADDRINFOEXW, ai_provider);
    OFF("ADDRINFOEXW", ADDRINFOEXW, ai_next);

    SIZE("in_pktinfo", IN_PKTINFO);
    OFF("in_pktinfo", IN_PKTINFO, ipi_addr);
    OFF("in_pktinfo", IN_PKTINFO, ipi_ifindex);

    SIZE("in6_pktinfo", IN6_PKTINFO);
    OFF("in6_pktinfo", IN6_PKTINFO, ipi6_addr);
    OFF("in6_pktinfo", IN6_PKTINFO, ipi6_ifindex);

    SIZE("ip_mreq_source", IP_MREQ_SOURCE);
    OFF("ip_mreq_source", IP_MREQ_SOURCE, imr_multiaddr);
    OFF("ip_mreq_source", IP_MREQ_SOURCE, imr_sourceaddr);
    OFF("ip_mreq_source", IP_MREQ_SOURCE, imr_interface);

    SIZE("group_req", GROUP_REQ);
    OFF("group_req", GROUP_REQ, gr_interface);
    OFF("group_req", GROUP_REQ, gr_group);

    SIZE("group_source_req", GROUP_SOURCE_REQ);
    OFF("group_source_req", GROUP_SOURCE_REQ, gsr_interface);
    OFF("group_source_req", GROUP_SOURCE_REQ, gsr_group);
    OFF("group_source_req", GROUP_SOURCE_REQ, gsr_source);

    SIZE("AFPROTOCOLS", AFPROTOCOLS);
    OFF("AFPROTOCOLS", AFPROTOCOLS, iAddressFamily);
    OFF("AFPROTOCOLS", AFPROTOCOLS, iProtocol);

    SIZE("WSANAMESPACE_INFOW", WSANAMESPACE_INFOW);
    OFF("WSANAMESPACE_INFOW", WSANAMESPACE_INFOW, NSProviderId);
    OFF("WSANAMESPACE_INFOW", WSANAMESPACE_INFOW, dwNameSpace);
    OFF("WSANAMESPACE_INFOW", WSANAMESPACE_INFOW, fActive);
    OFF("WSANAMESPACE_INFOW", WSANAMESPACE_INFOW, dwVersion);
    OFF("WSANAMESPACE_INFOW", WSANAMESPACE_INFOW, lpszIdentifier);

    SIZE("WSACOMPLETION", WSACOMPLETION);
    OFF("WSACOMPLETION", WSACOMPLETION, Type);
    OFF("WSACOMPLETION", WSACOMPLETION, Parameters);

    SIZE("INTERFACE_INFO", INTERFACE_INFO);
    OFF("INTERFACE_INFO", INTERFACE_INFO, iiFlags);
    OFF("INTERFACE_INFO", INTERFACE_INFO, iiAddress);
    OFF("INTERFACE_INFO", INTERFACE_INFO, iiBroadcastAddress);
    OFF("INTERFACE_INFO", INTERFACE_INFO, iiNetmask);

    SIZE("TRANSMIT_FILE_BUFFERS", TRANSMIT_FILE_BUFFERS);
    OFF("TRANSMIT_FILE_BUFFERS", TRANSMIT_FILE_BUFFERS, Head);
    OFF("TRANSMIT_FILE_BUFFERS", TRANSMIT_FILE_BUFFERS, HeadLength);
    OFF("TRANSMIT_FILE_BUFFERS", TRANSMIT_FILE_BUFFERS, Tail);
    OFF("TRANSMIT_FILE_BUFFERS", TRANSMIT_FILE_BUFFERS, TailLength);

    SIZE("TRANSMIT_PACKETS_ELEMENT", TRANSMIT_PACKETS_ELEMENT);
    OFF("TRANSMIT_PACKETS_ELEMENT", TRANSMIT_PACKETS_ELEMENT, dwElFlags);
    OFF("TRANSMIT_PACKETS_ELEMENT", TRANSMIT_PACKETS_ELEMENT, cLength);
    OFF("TRANSMIT_PACKETS_ELEMENT", TRANSMIT_PACKETS_ELEMENT, nFileOffset);
    OFF("TRANSMIT_PACKETS_ELEMENT", TRANSMIT_PACKETS_ELEMENT, hFile);
    OFF("TRANSMIT_PACKETS_ELEMENT", TRANSMIT_PACKETS_ELEMENT, pBuffer);

    SIZE("WSASENDMSG", WSASENDMSG);
    OFF("WSASENDMSG", WSASENDMSG, lpMsg);
    OFF("WSASENDMSG", WSASENDMSG, dwFlags);
    OFF("WSASENDMSG", WSASENDMSG, lpNumberOfBytesSent);
    OFF("WSASENDMSG", WSASENDMSG, lpOverlapped);
    OFF("WSASENDMSG", WSASENDMSG, lpCompletionRoutine);

    return 0;
}
