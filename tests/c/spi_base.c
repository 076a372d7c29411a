/* The base provider is reached as any provider is: its exported WSPStartup negotiates the
   SPI version, fills WSPDATA and the 30-entry WSPPROC_TABLE, and calls back through the upcall
   table it was given (WPUModifyIFSHandle for every new socket). A layered provider loads it
   exactly this way. Linux only (dlopen of the library's own file); prints ok/FAIL. */
#define _GNU_SOURCE
#include <winsock2.h>
#include <ws2spi.h>
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

static int failures;
#define CHECK(cond, what) do { if (cond) printf("ok   %s\n", what); else { printf("FAIL %s\n", what); failures++; } } while (0)

static int modify_calls;
static DWORD modify_entry;
static SOCKET WSPAPI my_modify_ifs_handle(DWORD entry, SOCKET proposed, LPINT err)
{
    (void)err;
    modify_calls++;
    modify_entry = entry;
    return proposed;
}

int main(void)
{
    WSADATA wsa;
    WSPDATA data;
    WSPPROC_TABLE table;
    WSPUPCALLTABLE up;
    WSAPROTOCOL_INFOW infos[16];
    DWORD len = sizeof(infos);
    int n, i, err = 0, tcp = -1;
    void *lib;
    LPWSPSTARTUP startup;
    Dl_info self;

    if (WSAStartup(MAKEWORD(2, 2), &wsa)) return 1;
    n = WSAEnumProtocolsW(NULL, infos, &len);
    for (i = 0; i < n; i++)
        if (infos[i].iAddressFamily == AF_INET && infos[i].iSocketType == SOCK_STREAM) { tcp = i; break; }
    CHECK(tcp >= 0, "catalog has a TCP/IPv4 entry");
    if (tcp < 0) return 1;

    /* Load the library by its own path, as a layered provider does with WSCGetProviderPath. */
    if (!dladdr((void *)&WSAStartup, &self)) return 1;
    lib = dlopen(self.dli_fname, RTLD_NOW | RTLD_LOCAL);
    CHECK(lib != NULL, "the library's own file loads with dlopen");
    if (!lib) return 1;
    startup = (LPWSPSTARTUP)dlsym(lib, "WSPStartup");
    CHECK(startup != NULL, "WSPStartup is exported");
    if (!startup) return 1;

    memset(&up, 0, sizeof(up));
    up.lpWPUModifyIFSHandle = my_modify_ifs_handle;
    memset(&table, 0, sizeof(table));
    CHECK(startup(MAKEWORD(1, 1), &data, &infos[tcp], up, &table) == WSAVERNOTSUPPORTED, "WSPStartup refuses version 1.1");
    CHECK(startup(MAKEWORD(2, 2), &data, &infos[tcp], up, &table) == 0, "WSPStartup accepts version 2.2");
    CHECK(data.wVersion == MAKEWORD(2, 2) && data.wHighVersion == MAKEWORD(2, 2), "WSPDATA says 2.2");
    {
        void **entries = (void **)&table;
        int filled = 0;
        for (i = 0; i < (int)(sizeof(table) / sizeof(void *)); i++) filled += entries[i] != NULL;
        CHECK(sizeof(table) / sizeof(void *) == 30 && filled == 30, "all 30 dispatch entries are filled");
    }

    {
        SOCKET s = table.lpWSPSocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, &infos[tcp], 0, WSA_FLAG_OVERLAPPED, &err);
        struct sockaddr_in a;
        int alen = sizeof(a);
        CHECK(s != INVALID_SOCKET, "WSPSocket creates a socket");
        CHECK(modify_calls == 1 && modify_entry == infos[tcp].dwCatalogEntryId, "WSPSocket registered it through WPUModifyIFSHandle");
        memset(&a, 0, sizeof(a));
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        CHECK(table.lpWSPBind(s, (struct sockaddr *)&a, sizeof(a), &err) == 0, "WSPBind");
        CHECK(table.lpWSPGetSockName(s, (struct sockaddr *)&a, &alen, &err) == 0 && a.sin_port != 0, "WSPGetSockName");
        CHECK(table.lpWSPListen(s, 5, &err) == 0, "WSPListen");
        CHECK(table.lpWSPCloseSocket(s, &err) == 0, "WSPCloseSocket");
        err = 0;
        CHECK(table.lpWSPCloseSocket(s, &err) == SOCKET_ERROR && err == WSAENOTSOCK, "a closed socket is WSAENOTSOCK to the provider");
    }
    CHECK(table.lpWSPCleanup(&err) == 0, "WSPCleanup");
    dlclose(lib);
    WSACleanup();
    return failures != 0;
}
