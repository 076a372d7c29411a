/* Tries socket() on every visible catalog entry (WSASocketW with its protocol info) and prints
   one line per entry: "ID ok" or "ID error CODE". Used by the provider tests. */
#include <winsock2.h>
#include <ws2spi.h>
#include <stdio.h>

int main(void)
{
    WSADATA wsa;
    WSAPROTOCOL_INFOW all[64];
    DWORD len = sizeof(all);
    int n, i;
    if (WSAStartup(MAKEWORD(2, 2), &wsa)) return 1;
    n = WSAEnumProtocolsW(NULL, all, &len);
    for (i = 0; i < n; i++) {
        SOCKET s;
        if (all[i].iSocketType == SOCK_RAW) continue;
        s = WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &all[i], 0, WSA_FLAG_OVERLAPPED);
        if (s == INVALID_SOCKET) printf("%lu error %d\n", (unsigned long)all[i].dwCatalogEntryId, WSAGetLastError());
        else { printf("%lu ok\n", (unsigned long)all[i].dwCatalogEntryId); closesocket(s); }
    }
    WSACleanup();
    return 0;
}
