/* GetAddrInfoExA and FreeAddrInfoEx: the synchronous call, the EX list layout (ai_provider
 * names the namespace provider that answered a name; a literal needs none), and the
 * asynchronous parameters, which the documentation offers to GetAddrInfoExW only ("supported
 * when UNICODE is defined"): WSAEINVAL.
 * No golden: Wine 8 does not export GetAddrInfoExA. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

int main(void)
{
    static GUID tcpip = {0x22059d40, 0x7e9e, 0x11cf, {0xae, 0x5a, 0x00, 0xaa, 0x00, 0xa7, 0x11, 0x2b}};
    WSADATA data;
    ADDRINFOEXA hints, *res = NULL;
    OVERLAPPED ov;
    HANDLE h = NULL;
    int r;

    if (WSAStartup(MAKEWORD(2, 2), &data) != 0) {
        printf("FAIL WSAStartup\n");
        return 1;
    }
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_INET;
    hints.ai_flags = AI_CANONNAME;
    r = GetAddrInfoExA("localhost", "http", NS_DNS, NULL, &hints, &res, NULL, NULL, NULL, NULL);
    check(r == 0 && res != NULL, "GetAddrInfoExA(localhost, http, NS_DNS) (%d)", r);
    if (r == 0) {
        SOCKADDR_IN *sin = (SOCKADDR_IN *)res->ai_addr;
        check(res->ai_family == AF_INET && sin->sin_port == htons(80) && sin->sin_addr.s_addr == htonl(INADDR_LOOPBACK), "the entry: 127.0.0.1 port 80");
        check(res->ai_canonname && strcmp(res->ai_canonname, "localhost") == 0, "AI_CANONNAME: \"localhost\"");
        check(res->ai_provider && memcmp(res->ai_provider, &tcpip, sizeof tcpip) == 0, "ai_provider: Tcpip answered");
        check(res->ai_blob == NULL && res->ai_bloblen == 0, "no blob");
        FreeAddrInfoEx(res);
    }
    r = GetAddrInfoExA("10.1.2.3", NULL, NS_ALL, NULL, NULL, &res, NULL, NULL, NULL, NULL);
    check(r == 0 && res && res->ai_provider == NULL, "a literal: no provider asked (%d)", r);
    if (r == 0)
        FreeAddrInfoEx(res);
    r = GetAddrInfoExA("no.such.host.invalid", NULL, NS_ALL, NULL, NULL, &res, NULL, NULL, NULL, NULL);
    check(r == WSAHOST_NOT_FOUND && res == NULL, "unknown host: WSAHOST_NOT_FOUND (%d)", r);
    r = GetAddrInfoExA("localhost", NULL, NS_NIS, NULL, NULL, &res, NULL, NULL, NULL, NULL);
    check(r == WSASERVICE_NOT_FOUND, "a namespace no provider serves (NS_NIS): WSASERVICE_NOT_FOUND (%d)", r);
    memset(&ov, 0, sizeof ov);
    r = GetAddrInfoExA("localhost", NULL, NS_ALL, NULL, NULL, &res, NULL, &ov, NULL, &h);
    check(r == WSAEINVAL && WSAGetLastError() == WSAEINVAL, "with an OVERLAPPED: WSAEINVAL (%d)", r);
    FreeAddrInfoEx(NULL);
    WSACleanup();
    printf("%d failure(s)\n", failures);
    return failures != 0;
}
