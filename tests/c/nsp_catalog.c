/* The namespace catalog: WSAEnumNameSpaceProviders(Ex)W/A, WSCInstallNameSpace(Ex),
 * WSCEnableNSProvider, WSCWriteNameSpaceOrder, WSCUnInstallNameSpace and WSCGetProviderPath
 * for namespace providers, on a private catalog file (WS2_CATALOG, set before any call).
 * A built-in DNS resolver instance is installed by giving libws2_32's own path (as
 * WSCGetProviderPath reports it for the system resolver) and its settings as the
 * provider-specific blob; pointed at a port nobody serves, it fails fast with WSATRY_AGAIN.
 * No golden: the catalog is ws2's (Linux) and Wine keeps none. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <ws2spi.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check.h"

static GUID tcpip = {0x22059d40, 0x7e9e, 0x11cf, {0xae, 0x5a, 0x00, 0xaa, 0x00, 0xa7, 0x11, 0x2b}};
static GUID mine = {0x7a1c0de5, 0x1234, 0x4abc, {0x9d, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07}};
static char settings[] = "servers=127.0.0.1:1 timeout_ms=200 attempts=1";

static union {
    WSANAMESPACE_INFOW w[8];
    WSANAMESPACE_INFOEXW ex[8];
    WSANAMESPACE_INFOA a[8];
    char bytes[8192];
} buf;

static int enumerate(void)
{
    DWORD len = sizeof buf;
    return WSAEnumNameSpaceProvidersW(&len, buf.w);
}

int main(void)
{
    char catalog[128];
    WSADATA data;
    DWORD len;
    int r, e, n;
    WCHAR path[512];
    int plen = 512;
    BLOB blob;
    GUID order[2];

    snprintf(catalog, sizeof catalog, "/tmp/ws2-nsp-catalog-%d.toml", (int)getpid());
    setenv("WS2_CATALOG", catalog, 1);

    len = sizeof buf;
    r = WSAEnumNameSpaceProvidersW(&len, buf.w);
    check(r == SOCKET_ERROR && WSAGetLastError() == WSANOTINITIALISED, "WSAEnumNameSpaceProvidersW before WSAStartup: WSANOTINITIALISED");
    if (WSAStartup(MAKEWORD(2, 2), &data) != 0) {
        printf("FAIL WSAStartup\n");
        return 1;
    }

    len = 0;
    r = WSAEnumNameSpaceProvidersW(&len, NULL);
    e = WSAGetLastError();
    check(r == SOCKET_ERROR && e == WSAEFAULT && len >= sizeof(WSANAMESPACE_INFOW), "no buffer: WSAEFAULT, %u bytes needed", (unsigned)len);
    n = enumerate();
    check(n == 1, "the default catalog has one namespace provider (%d)", n);
    if (n >= 1) {
        check(memcmp(&buf.w[0].NSProviderId, &tcpip, sizeof tcpip) == 0 && buf.w[0].dwNameSpace == NS_DNS && buf.w[0].fActive,
              "it is Tcpip {22059D40-7E9E-11CF-AE5A-00AA00A7112B}, NS_DNS, active");
        check(wide_eq_ascii(buf.w[0].lpszIdentifier, "Tcpip"), "its identifier: L\"Tcpip\"");
    }

    r = WSCGetProviderPath(&tcpip, path, &plen, &e);
    check(r == 0 && plen > 12, "WSCGetProviderPath(Tcpip): the library that serves it (%d)", r);

    blob.cbSize = sizeof settings - 1;
    blob.pBlobData = (BYTE *)settings;
    r = WSCInstallNameSpaceEx(W("ws2 DNS (test)"), path, NS_DNS, 1, &mine, &blob);
    check(r == 0, "WSCInstallNameSpaceEx(libws2_32's path, DNS settings) (%d, %d)", r, WSAGetLastError());
    r = WSCInstallNameSpaceEx(W("again"), path, NS_DNS, 1, &mine, &blob);
    e = WSAGetLastError();
    check(r == SOCKET_ERROR && e == WSANO_RECOVERY, "the same GUID again: WSANO_RECOVERY (%d)", e);
    r = WSCInstallNameSpace(W("relative"), W("lib/nsp.so"), NS_DNS, 1, &tcpip);
    e = WSAGetLastError();
    check(r == SOCKET_ERROR && e == WSAEINVAL, "a relative path: WSAEINVAL (%d)", e);
    r = WSCInstallNameSpace(W("no guid"), path, NS_DNS, 1, NULL);
    e = WSAGetLastError();
    check(r == SOCKET_ERROR && e == WSAEINVAL, "no GUID: WSAEINVAL (%d)", e);

    len = sizeof buf;
    n = WSAEnumNameSpaceProvidersExW(&len, buf.ex);
    check(n == 2, "WSAEnumNameSpaceProvidersExW: two providers (%d)", n);
    if (n == 2) {
        check(memcmp(&buf.ex[1].NSProviderId, &mine, sizeof mine) == 0 && wide_eq_ascii(buf.ex[1].lpszIdentifier, "ws2 DNS (test)") && buf.ex[1].dwVersion == 1,
              "the new one is last, with its identifier and version");
        check(buf.ex[1].ProviderSpecific.cbSize == sizeof settings - 1 && memcmp(buf.ex[1].ProviderSpecific.pBlobData, settings, sizeof settings - 1) == 0,
              "ProviderSpecific: the blob it was installed with");
        check(buf.ex[0].ProviderSpecific.cbSize == 0, "Tcpip's ProviderSpecific is empty");
    }
    len = sizeof buf;
    n = WSAEnumNameSpaceProvidersA(&len, buf.a);
    check(n == 2 && strcmp(buf.a[0].lpszIdentifier, "Tcpip") == 0 && strcmp(buf.a[1].lpszIdentifier, "ws2 DNS (test)") == 0,
          "WSAEnumNameSpaceProvidersA: ANSI identifiers");

    {
        ADDRINFOEXW *res = NULL;
        DWORD t0 = GetTickCount();
        r = GetAddrInfoExW(W("x.test"), NULL, NS_DNS, &mine, NULL, &res, NULL, NULL, NULL, NULL);
        check(r == WSATRY_AGAIN && res == NULL && GetTickCount() - t0 < 5000,
              "GetAddrInfoExW through the new provider (lpNspId), its server down: WSATRY_AGAIN, promptly (%d)", r);
        r = GetAddrInfoExW(W("localhost"), NULL, NS_DNS, &tcpip, NULL, &res, NULL, NULL, NULL, NULL);
        check(r == 0 && res != NULL && res->ai_provider && memcmp(res->ai_provider, &tcpip, sizeof tcpip) == 0,
              "GetAddrInfoExW through Tcpip (lpNspId): ai_provider names it (%d)", r);
        FreeAddrInfoExW(res);
    }

    r = WSCEnableNSProvider(&mine, FALSE);
    check(r == 0 && enumerate() == 2 && !buf.w[1].fActive, "WSCEnableNSProvider(FALSE): listed, inactive");
    {
        ADDRINFOEXW *res = NULL;
        r = GetAddrInfoExW(W("x.test"), NULL, NS_DNS, &mine, NULL, &res, NULL, NULL, NULL, NULL);
        check(r == WSAEINVAL, "GetAddrInfoExW naming an inactive provider: WSAEINVAL (%d)", r);
    }
    r = WSCEnableNSProvider(&mine, TRUE);
    check(r == 0 && enumerate() == 2 && buf.w[1].fActive, "WSCEnableNSProvider(TRUE): active again");

    order[0] = mine;
    order[1] = tcpip;
    r = WSCWriteNameSpaceOrder(order, 2);
    check(r == 0 && enumerate() == 2 && memcmp(&buf.w[0].NSProviderId, &mine, sizeof mine) == 0, "WSCWriteNameSpaceOrder: the new one first");
    r = WSCWriteNameSpaceOrder(order, 1);
    check(r == WSAEINVAL, "WSCWriteNameSpaceOrder naming one of two: WSAEINVAL (%d)", r);

    r = WSCUnInstallNameSpace(&mine);
    check(r == 0 && enumerate() == 1, "WSCUnInstallNameSpace: one provider left");
    r = WSCUnInstallNameSpace(&mine);
    e = WSAGetLastError();
    check(r == SOCKET_ERROR && e == WSAEINVAL, "WSCUnInstallNameSpace of an unknown GUID: WSAEINVAL (%d)", e);
    r = WSCEnableNSProvider(&mine, TRUE);
    check(r == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "WSCEnableNSProvider of an unknown GUID: WSAEINVAL");

    WSACleanup();
    unlink(catalog);
    strcat(catalog, ".lock");
    unlink(catalog);
    printf("%d failure(s)\n", failures);
    return failures != 0;
}
