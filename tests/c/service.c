/* The registration side of the namespace API: WSASetService, WSAInstallServiceClass,
 * WSARemoveServiceClass, WSAGetServiceClassInfo, WSAGetServiceClassNameByClassId (W and A)
 * and SetAddrInfoEx, before WSAStartup, with bad arguments, and once each with plausible
 * arguments against the default catalog, whose one provider (the system resolver, Windows'
 * Tcpip NS_DNS provider) registers nothing: its NSPSetService and service-class entries fail
 * with WSAEOPNOTSUPP, and so do the calls. One line per call: return value and last error.
 * GOLDEN EDITED BY HAND, where wine 8.0 departs from the documentation (its functions are
 * stubs that check nothing, WSAStartup included):
 * (1) wine's WSASetService reports success for every call. The documentation requires
 *     WSAStartup (WSANOTINITIALISED) and answers missing or invalid parameters with WSAEINVAL:
 *     a NULL lpqsRegInfo, dwSize not sizeof(WSAQUERYSET), no lpServiceClassId or instance
 *     name (not optional in its Service Properties table), an essoperation outside
 *     WSAESETSERVICEOP, an lpNSProviderId naming no provider. The call goes to the namespace
 *     providers through NSPSetService; the documentation calls registration a no-op for the
 *     DNS namespace, and SetAddrInfoEx's says "the default NS_DNS ... namespace providers do
 *     not currently support name registration": ws2's NS_DNS provider refuses with
 *     WSAEOPNOTSUPP, NSPSetService's code for a provider that does not implement it, rather
 *     than report a registration that did not happen.
 * (2) wine's WSAInstallServiceClass fails every call with WSAEACCES; the documentation gives
 *     WSANOTINITIALISED before WSAStartup, WSAEINVAL for a NULL or malformed
 *     lpServiceClassInfo (here: no class GUID), and WSAEOPNOTSUPP "if the namespace provider
 *     does not implement this function".
 * (3) wine's WSARemoveServiceClass fails every call with WSATYPE_NOT_FOUND; the documentation
 *     gives WSANOTINITIALISED before WSAStartup, WSAEINVAL for an invalid GUID, and the
 *     provider's NSPRemoveServiceClass error, WSAEOPNOTSUPP for one that does not implement
 *     it.
 * (4) wine's WSAGetServiceClassInfo fails every call with WSA_NOT_ENOUGH_MEMORY; the
 *     documentation gives WSANOTINITIALISED, WSAEINVAL when lpProviderId, lpServiceClassId,
 *     lpdwBufSize or lpServiceClassInfo is NULL or the provider identifier is not valid, and
 *     WSAEOPNOTSUPP from "namespace providers that do not support getting service class
 *     information".
 * (5) wine's WSAGetServiceClassNameByClassId fails every call with WSA_NOT_ENOUGH_MEMORY; the
 *     documentation gives WSANOTINITIALISED, WSA_INVALID_PARAMETER (87) for an invalid
 *     lpServiceClassId, and WSAEOPNOTSUPP from providers without service class information
 *     (ws2_32 implements it with NSPGetServiceClassInfo, says that function's page); a NULL
 *     lpdwBufferLength is a bad pointer, WSAEFAULT.
 * (6) wine 8 does not export SetAddrInfoEx at all (calling it aborts the program), so under
 *     wine those calls are not made and the lines say so. The documentation: WSANOTINITIALISED
 *     before WSAStartup; WSAEINVAL when a reserved parameter (timeout, lpOverlapped,
 *     lpCompletionRoutine, lpNameHandle) is not NULL, and for a missing name; the failure is
 *     returned as the error code, which ws2 also makes the last error, as GetAddrInfoEx does;
 *     a NULL pAddresses with a nonzero dwAddressCount is a bad pointer, WSAEFAULT; and the
 *     default NS_DNS providers "do not currently support name registration": the providers'
 *     WSAEOPNOTSUPP, as in (1). */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <svcguid.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

#ifndef REG_DWORD
#define REG_DWORD 4
#endif

static GUID tcpip = {0x22059d40, 0x7e9e, 0x11cf, {0xae, 0x5a, 0x00, 0xaa, 0x00, 0xa7, 0x11, 0x2b}};
static GUID nobody = {0x0badc0de, 0x1234, 0x5678, {0x9a, 0xbc, 0xde, 0xf0, 0x12, 0x34, 0x56, 0x78}};
static GUID cls = SVCID_TCP(5150);

static SOCKADDR_IN addr;
static CSADDR_INFO csaddr;
static SOCKET_ADDRESS sockaddr_list[1];
static WSAQUERYSETW qw;
static WSAQUERYSETA qa;
static DWORD port = 5150;
static WSANSCLASSINFOW nsw;
static WSANSCLASSINFOA nsa;
static WSASERVICECLASSINFOW ciw;
static WSASERVICECLASSINFOA cia;
static union {
    WSASERVICECLASSINFOW w;
    WSASERVICECLASSINFOA a;
    char bytes[1024];
} out;

static void setup(void)
{
    addr.sin_family = AF_INET;
    addr.sin_port = htons(5150);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    csaddr.LocalAddr.lpSockaddr = (SOCKADDR *)&addr;
    csaddr.LocalAddr.iSockaddrLength = sizeof addr;
    csaddr.RemoteAddr = csaddr.LocalAddr;
    csaddr.iSocketType = SOCK_STREAM;
    csaddr.iProtocol = IPPROTO_TCP;
    sockaddr_list[0] = csaddr.LocalAddr;

    qw.dwSize = sizeof qw;
    qw.lpszServiceInstanceName = (LPWSTR)W("ws2-service-test");
    qw.lpServiceClassId = &cls;
    qw.dwNameSpace = NS_DNS;
    qw.dwNumberOfCsAddrs = 1;
    qw.lpcsaBuffer = &csaddr;
    qa.dwSize = sizeof qa;
    qa.lpszServiceInstanceName = (LPSTR) "ws2-service-test";
    qa.lpServiceClassId = &cls;
    qa.dwNameSpace = NS_DNS;
    qa.dwNumberOfCsAddrs = 1;
    qa.lpcsaBuffer = &csaddr;

    nsw.lpszName = (LPWSTR)SERVICE_TYPE_VALUE_TCPPORTW;
    nsw.dwNameSpace = NS_DNS;
    nsw.dwValueType = REG_DWORD;
    nsw.dwValueSize = sizeof port;
    nsw.lpValue = &port;
    ciw.lpServiceClassId = &cls;
    ciw.lpszServiceClassName = (LPWSTR)W("ws2-service-test");
    ciw.dwCount = 1;
    ciw.lpClassInfos = &nsw;
    nsa.lpszName = (LPSTR)SERVICE_TYPE_VALUE_TCPPORTA;
    nsa.dwNameSpace = NS_DNS;
    nsa.dwValueType = REG_DWORD;
    nsa.dwValueSize = sizeof port;
    nsa.lpValue = &port;
    cia.lpServiceClassId = &cls;
    cia.lpszServiceClassName = (LPSTR) "ws2-service-test";
    cia.dwCount = 1;
    cia.lpClassInfos = &nsa;
}

/* SetAddrInfoEx returns its error code; the last error is printed beside it. Under wine the
 * calls are not made: see (6) above. */
#ifdef _WIN32
static int under_wine(void)
{
    return GetProcAddress(GetModuleHandleA("ntdll.dll"), "wine_get_version") != NULL;
}
#define show_code(what, call) (under_wine() ? (void)printf("%s: not run under wine\n", what) : show_result(what, call))
#else
#define show_code(what, call) show_result(what, call)
#endif

static void show_result(const char *what, int r)
{
    printf("%s: %d %d\n", what, r, WSAGetLastError());
}

/* Every function once, with plausible arguments. */
static void each_function(const char *when)
{
    char what[128];
    DWORD len;
    WCHAR namew[64];
    char namea[64];

#define SHOW(name, call) (snprintf(what, sizeof what, "%s %s", name, when), WSASetLastError(0), show(what, call))
#define SHOW_CODE(name, call) (snprintf(what, sizeof what, "%s %s", name, when), WSASetLastError(0), show_code(what, call))
    SHOW("WSASetServiceW register", WSASetServiceW(&qw, RNRSERVICE_REGISTER, 0));
    SHOW("WSASetServiceA register", WSASetServiceA(&qa, RNRSERVICE_REGISTER, 0));
    SHOW("WSAInstallServiceClassW", WSAInstallServiceClassW(&ciw));
    SHOW("WSAInstallServiceClassA", WSAInstallServiceClassA(&cia));
    SHOW("WSARemoveServiceClass", WSARemoveServiceClass(&cls));
    len = sizeof out;
    SHOW("WSAGetServiceClassInfoW", WSAGetServiceClassInfoW(&tcpip, &cls, &len, &out.w));
    len = sizeof out;
    SHOW("WSAGetServiceClassInfoA", WSAGetServiceClassInfoA(&tcpip, &cls, &len, &out.a));
    len = 64;
    SHOW("WSAGetServiceClassNameByClassIdW", WSAGetServiceClassNameByClassIdW(&cls, namew, &len));
    len = 64;
    SHOW("WSAGetServiceClassNameByClassIdA", WSAGetServiceClassNameByClassIdA(&cls, namea, &len));
    SHOW_CODE("SetAddrInfoExW register",
              SetAddrInfoExW(W("ws2-service-test"), NULL, sockaddr_list, 1, NULL, 0, NS_DNS, NULL, NULL, NULL, NULL, NULL));
    SHOW_CODE("SetAddrInfoExA register",
              SetAddrInfoExA("ws2-service-test", NULL, sockaddr_list, 1, NULL, 0, NS_DNS, NULL, NULL, NULL, NULL, NULL));
#undef SHOW
#undef SHOW_CODE
}

static void bad_arguments(void)
{
    WSAQUERYSETW q;
    WSASERVICECLASSINFOW ci;
    DWORD len = sizeof out;
    WCHAR name[64];
    struct timeval tv = {1, 0};
    OVERLAPPED ov;
    HANDLE h = NULL;

    show("WSASetServiceW NULL", WSASetServiceW(NULL, RNRSERVICE_REGISTER, 0));
    show("WSASetServiceA NULL", WSASetServiceA(NULL, RNRSERVICE_REGISTER, 0));
    q = qw;
    q.dwSize = 0;
    show("WSASetServiceW dwSize 0", WSASetServiceW(&q, RNRSERVICE_REGISTER, 0));
    show("WSASetServiceW essoperation 3", WSASetServiceW(&qw, (WSAESETSERVICEOP)3, 0));
    q = qw;
    q.lpServiceClassId = NULL;
    show("WSASetServiceW no class", WSASetServiceW(&q, RNRSERVICE_REGISTER, 0));
    q = qw;
    q.lpszServiceInstanceName = NULL;
    show("WSASetServiceW no instance name", WSASetServiceW(&q, RNRSERVICE_REGISTER, 0));
    q = qw;
    q.lpNSProviderId = &nobody;
    show("WSASetServiceW unknown provider", WSASetServiceW(&q, RNRSERVICE_REGISTER, 0));

    show("WSAInstallServiceClassW NULL", WSAInstallServiceClassW(NULL));
    show("WSAInstallServiceClassA NULL", WSAInstallServiceClassA(NULL));
    ci = ciw;
    ci.lpServiceClassId = NULL;
    show("WSAInstallServiceClassW no class", WSAInstallServiceClassW(&ci));
    show("WSARemoveServiceClass NULL", WSARemoveServiceClass(NULL));

    show("WSAGetServiceClassInfoW NULL provider", WSAGetServiceClassInfoW(NULL, &cls, &len, &out.w));
    show("WSAGetServiceClassInfoW NULL class", WSAGetServiceClassInfoW(&tcpip, NULL, &len, &out.w));
    show("WSAGetServiceClassInfoW NULL size", WSAGetServiceClassInfoW(&tcpip, &cls, NULL, &out.w));
    show("WSAGetServiceClassInfoW NULL buffer", WSAGetServiceClassInfoW(&tcpip, &cls, &len, NULL));
    show("WSAGetServiceClassInfoA NULL buffer", WSAGetServiceClassInfoA(&tcpip, &cls, &len, NULL));
    show("WSAGetServiceClassInfoW unknown provider", WSAGetServiceClassInfoW(&nobody, &cls, &len, &out.w));

    len = 64;
    show("WSAGetServiceClassNameByClassIdW NULL class", WSAGetServiceClassNameByClassIdW(NULL, name, &len));
    show("WSAGetServiceClassNameByClassIdA NULL class", WSAGetServiceClassNameByClassIdA(NULL, (char *)name, &len));
    show("WSAGetServiceClassNameByClassIdW NULL length", WSAGetServiceClassNameByClassIdW(&cls, name, NULL));

    memset(&ov, 0, sizeof ov);
    show_code("SetAddrInfoExW NULL name", SetAddrInfoExW(NULL, NULL, sockaddr_list, 1, NULL, 0, NS_DNS, NULL, NULL, NULL, NULL, NULL));
    show_code("SetAddrInfoExA NULL name", SetAddrInfoExA(NULL, NULL, sockaddr_list, 1, NULL, 0, NS_DNS, NULL, NULL, NULL, NULL, NULL));
    show_code("SetAddrInfoExW timeout",
              SetAddrInfoExW(W("ws2-service-test"), NULL, sockaddr_list, 1, NULL, 0, NS_DNS, NULL, &tv, NULL, NULL, NULL));
    show_code("SetAddrInfoExW overlapped",
              SetAddrInfoExW(W("ws2-service-test"), NULL, sockaddr_list, 1, NULL, 0, NS_DNS, NULL, NULL, &ov, NULL, NULL));
    show_code("SetAddrInfoExW name handle",
              SetAddrInfoExW(W("ws2-service-test"), NULL, sockaddr_list, 1, NULL, 0, NS_DNS, NULL, NULL, NULL, NULL, &h));
    show_code("SetAddrInfoExW NULL addresses",
              SetAddrInfoExW(W("ws2-service-test"), NULL, NULL, 1, NULL, 0, NS_DNS, NULL, NULL, NULL, NULL, NULL));
}

/* The other operations, and the scopes: one provider by GUID, every namespace. */
static void more_operations(void)
{
    WSAQUERYSETW q = qw;

    show("WSASetServiceW deregister", WSASetServiceW(&qw, RNRSERVICE_DEREGISTER, 0));
    show("WSASetServiceA delete SERVICE_MULTIPLE", WSASetServiceA(&qa, RNRSERVICE_DELETE, SERVICE_MULTIPLE));
    q.lpNSProviderId = &tcpip;
    show("WSASetServiceW register at Tcpip", WSASetServiceW(&q, RNRSERVICE_REGISTER, 0));
    q = qw;
    q.dwNameSpace = NS_ALL;
    show("WSASetServiceW register NS_ALL", WSASetServiceW(&q, RNRSERVICE_REGISTER, 0));
    show_code("SetAddrInfoExW deregister",
              SetAddrInfoExW(W("ws2-service-test"), NULL, NULL, 0, NULL, 0, NS_DNS, NULL, NULL, NULL, NULL, NULL));
    show_code("SetAddrInfoExW at Tcpip",
              SetAddrInfoExW(W("ws2-service-test"), W("5150"), sockaddr_list, 1, NULL, 0, NS_DNS, &tcpip, NULL, NULL, NULL, NULL));
}

int main(void)
{
    WSADATA wsa;

    setup();
    each_function("before WSAStartup");
    if (WSAStartup(MAKEWORD(2, 2), &wsa))
        harness("WSAStartup");
    bad_arguments();
    each_function("after WSAStartup");
    more_operations();
    WSACleanup();
    return 0;
}
