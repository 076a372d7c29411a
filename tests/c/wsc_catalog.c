/* The catalog API of ws2spi.h against a private catalog file (WS2_CATALOG): install a layered
   provider and a protocol chain over TCP/IPv4, reorder, read paths and LSP categories, remove;
   WSAEnumProtocols hides layered entries; a chain whose provider file is missing fails socket()
   with WSAEPROVIDERFAILEDINIT while other entries keep working; WSAProviderConfigChange sees a
   change made by another thread; a damaged file is refused until reset. Prints ok/FAIL. */
#define _GNU_SOURCE
#include <winsock2.h>
#include <ws2spi.h>
#include <sporder.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int failures;
#define CHECK(cond, what) do { if (cond) printf("ok   %s\n", what); else { printf("FAIL %s\n", what); failures++; } } while (0)

static GUID lsp_guid = { 0x11111111, 0x2222, 0x3333, { 0x44, 0x44, 0x55, 0x55, 0x55, 0x55, 0x55, 0x01 } };
static GUID chain_guid = { 0x11111111, 0x2222, 0x3333, { 0x44, 0x44, 0x55, 0x55, 0x55, 0x55, 0x55, 0x02 } };
static GUID other_guid = { 0x11111111, 0x2222, 0x3333, { 0x44, 0x44, 0x55, 0x55, 0x55, 0x55, 0x55, 0x03 } };
static GUID base_guid = { 0xe70f1aa0, 0xab8b, 0x11cf, { 0x8c, 0xa3, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92 } };

static WCHAR *wide(const char *s)
{
    static WCHAR buf[4][512];
    static int n;
    WCHAR *w = buf[n++ % 4];
    size_t i;
    for (i = 0; s[i] && i < 511; i++) w[i] = (WCHAR)s[i];
    w[i] = 0;
    return w;
}

static void narrow(const WCHAR *w, char *out, size_t size)
{
    size_t i;
    for (i = 0; w[i] && i + 1 < size; i++) out[i] = (char)w[i];
    out[i] = 0;
}

static int enum_all(WSAPROTOCOL_INFOW *buf, int max)
{
    DWORD len = (DWORD)(max * sizeof(*buf));
    int err = 0;
    return WSCEnumProtocols(NULL, buf, &len, &err);
}

static void *install_later(void *arg)
{
    WSAPROTOCOL_INFOW info = *(WSAPROTOCOL_INFOW *)arg;
    int err = 0;
    usleep(150 * 1000);
    WSCInstallProvider(&other_guid, wide("/nonexistent/other.so"), &info, 1, &err);
    return NULL;
}

int main(void)
{
    WSADATA wsa;
    WSAPROTOCOL_INFOW all[32], layered, chain;
    char dir[] = "/tmp/ws2-wsc-XXXXXX", file[256], text[512];
    DWORD len;
    int n, i, err, rc, tcp = -1;
    DWORD order[32];

    if (!mkdtemp(dir)) return 1;
    snprintf(file, sizeof(file), "%s/catalog.toml", dir);
    setenv("WS2_CATALOG", file, 1);
    setenv("WS2_LOG", "off", 1);

    /* No file: the embedded default, readable without WSAStartup. */
    len = 0; err = 0;
    rc = WSCEnumProtocols(NULL, NULL, &len, &err);
    CHECK(rc == SOCKET_ERROR && err == WSAENOBUFS && len == 6 * sizeof(WSAPROTOCOL_INFOW), "WSCEnumProtocols sizes the default catalog (6 entries)");
    n = enum_all(all, 32);
    CHECK(n == 6 && all[0].dwCatalogEntryId == 1001, "default catalog starts at id 1001");
    for (i = 0; i < n; i++)
        if (all[i].iAddressFamily == AF_INET && all[i].iSocketType == SOCK_STREAM) tcp = i;
    if (tcp < 0) return 1;

    /* A layered entry: ChainLen 0. */
    layered = all[tcp];
    layered.ProtocolChain.ChainLen = LAYERED_PROTOCOL;
    layered.dwServiceFlags1 &= ~XP1_IFS_HANDLES;
    memcpy(layered.szProtocol, wide("Test LSP [layered]"), 19 * sizeof(WCHAR));
    err = 0;
    CHECK(WSCInstallProvider(&lsp_guid, wide("relative/lsp.so"), &layered, 1, &err) == SOCKET_ERROR && err == WSAEINVAL, "a relative provider path is WSAEINVAL");
    err = 0;
    CHECK(WSCInstallProvider(&lsp_guid, wide("/nonexistent/lsp.so"), &layered, 0, &err) == SOCKET_ERROR && err == WSAEINVAL, "zero entries is WSAEINVAL");
    err = 0;
    CHECK(WSCInstallProvider(&lsp_guid, wide("/nonexistent/lsp.so"), &layered, 1, &err) == 0, "WSCInstallProvider installs a layered entry");
    err = 0;
    CHECK(WSCInstallProvider(&lsp_guid, wide("/nonexistent/lsp.so"), &layered, 1, &err) == SOCKET_ERROR && err == WSANO_RECOVERY, "installing the same provider GUID again is WSANO_RECOVERY");
    n = enum_all(all, 32);
    CHECK(n == 7 && all[6].dwCatalogEntryId == 1007 && all[6].ProtocolChain.ChainLen == 0 && all[6].ProtocolChain.ChainEntries[0] == 1007
          && memcmp(&all[6].ProviderId, &lsp_guid, sizeof(GUID)) == 0, "the layered entry is appended as id 1007, naming itself");

    /* A chain over TCP/IPv4: [1007, 1001]. */
    chain = all[tcp];
    chain.ProtocolChain.ChainLen = 2;
    chain.ProtocolChain.ChainEntries[0] = 1007;
    chain.ProtocolChain.ChainEntries[1] = all[tcp].dwCatalogEntryId;
    memcpy(chain.szProtocol, wide("Test LSP over [TCP/IP]"), 23 * sizeof(WCHAR));
    err = 0;
    CHECK(WSCInstallProvider(&chain_guid, wide("/nonexistent/lsp.so"), &chain, 1, &err) == 0, "WSCInstallProvider installs a protocol chain");
    n = enum_all(all, 32);
    CHECK(n == 8 && all[7].dwCatalogEntryId == 1008, "the chain is id 1008");

    /* Order: the chain first. */
    order[0] = 1008;
    for (i = 0; i < 7; i++) order[i + 1] = all[i].dwCatalogEntryId;
    CHECK(WSCWriteProviderOrder(order, 7) == WSAEINVAL, "WSCWriteProviderOrder refuses a partial list");
    order[1] = 1008;
    CHECK(WSCWriteProviderOrder(order, 8) == WSAEINVAL, "WSCWriteProviderOrder refuses a repeated id");
    order[1] = all[0].dwCatalogEntryId;
    CHECK(WSCWriteProviderOrder(order, 8) == 0, "WSCWriteProviderOrder puts the chain first");
    n = enum_all(all, 32);
    CHECK(n == 8 && all[0].dwCatalogEntryId == 1008, "WSCEnumProtocols shows the new order");

    if (WSAStartup(MAKEWORD(2, 2), &wsa)) return 1;
    len = sizeof(all);
    n = WSAEnumProtocolsW(NULL, all, &len);
    CHECK(n == 7 && all[0].dwCatalogEntryId == 1008, "WSAEnumProtocols hides the layered entry and lists the chain first");

    /* Paths. */
    {
        WCHAR path[512];
        int plen = 512;
        char p[512];
        err = 0;
        CHECK(WSCGetProviderPath(&lsp_guid, path, &plen, &err) == 0, "WSCGetProviderPath");
        narrow(path, p, sizeof(p));
        CHECK(strcmp(p, "/nonexistent/lsp.so") == 0, "the path is the one installed");
        plen = 3; err = 0;
        CHECK(WSCGetProviderPath(&lsp_guid, path, &plen, &err) == SOCKET_ERROR && err == WSAEFAULT && plen == 20, "a short buffer is WSAEFAULT with the needed length");
        plen = 512; err = 0;
        rc = WSCGetProviderPath(&base_guid, path, &plen, &err);
        narrow(path, p, sizeof(p));
        CHECK(rc == 0 && p[0] == '/' && strstr(p, "libws2_32.so") != NULL, "the base provider's path is this library's file");
        plen = 512; err = 0;
        CHECK(WSCGetProviderPath(&other_guid, path, &plen, &err) == SOCKET_ERROR && err == WSAEINVAL, "an unknown provider is WSAEINVAL");
    }

    /* The chain's provider file does not exist: socket() fails, other protocols still work. */
    {
        SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
        CHECK(s == INVALID_SOCKET && WSAGetLastError() == WSAEPROVIDERFAILEDINIT, "socket() over a chain whose provider is missing: WSAEPROVIDERFAILEDINIT");
        s = socket(AF_INET, SOCK_DGRAM, 0);
        CHECK(s != INVALID_SOCKET, "UDP still works");
        closesocket(s);
        s = socket(AF_INET6, SOCK_STREAM, 0);
        CHECK(s != INVALID_SOCKET, "TCP/IPv6 still works");
        closesocket(s);
    }

    /* LSP categories. */
    {
        DWORD cat = LSP_INSPECTOR | LSP_OUTBOUND_MODIFY, got = 0;
        size_t size = sizeof(got);
        err = 0;
        CHECK(WSCSetProviderInfo(&lsp_guid, ProviderInfoLspCategories, (PBYTE)&cat, sizeof(cat), 0, &err) == 0, "WSCSetProviderInfo sets LSP categories");
        err = 0;
        CHECK(WSCGetProviderInfo(&lsp_guid, ProviderInfoLspCategories, (PBYTE)&got, &size, 0, &err) == 0 && got == cat && size == 4, "WSCGetProviderInfo reads them back");
        size = 0; err = 0;
        CHECK(WSCGetProviderInfo(&lsp_guid, ProviderInfoLspCategories, NULL, &size, 0, &err) == SOCKET_ERROR && size == 4, "a NULL buffer reports the size needed");
        err = 0;
        CHECK(WSCSetProviderInfo(&lsp_guid, ProviderInfoLspCategories, (PBYTE)&cat, 2, 0, &err) == SOCKET_ERROR && err == WSAEINVAL, "a wrong size is WSAEINVAL");
    }

    /* WSAProviderConfigChange: the first call returns a handle, the next waits for a change. */
    {
        HANDLE h = NULL;
        pthread_t t;
        CHECK(WSAProviderConfigChange(&h, NULL, NULL) == 0 && h != NULL, "WSAProviderConfigChange returns a handle");
        pthread_create(&t, NULL, install_later, &layered);
        CHECK(WSAProviderConfigChange(&h, NULL, NULL) == 0, "WSAProviderConfigChange returns when another thread installs a provider");
        pthread_join(t, NULL);
        err = 0;
        CHECK(WSCDeinstallProvider(&other_guid, &err) == 0, "WSCDeinstallProvider removes it");
    }
    {
        HANDLE h = NULL;
        WSAOVERLAPPED ov;
        pthread_t t;
        memset(&ov, 0, sizeof(ov));
        ov.hEvent = WSACreateEvent();
        CHECK(WSAProviderConfigChange(&h, NULL, NULL) == 0, "a second notification handle");
        CHECK(WSAProviderConfigChange(&h, &ov, NULL) == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "overlapped WSAProviderConfigChange is pending");
        CHECK(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 50, FALSE) == WSA_WAIT_TIMEOUT, "no change yet");
        pthread_create(&t, NULL, install_later, &layered);
        CHECK(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 5000, FALSE) == WSA_WAIT_EVENT_0 && ov.Internal == 0, "its event is signalled when another thread installs a provider");
        pthread_join(t, NULL);
        WSACloseEvent(ov.hEvent);
        err = 0;
        CHECK(WSCDeinstallProvider(&other_guid, &err) == 0, "and removes it again");
    }

    /* Remove the chain: TCP/IPv4 works again. */
    err = 0;
    CHECK(WSCDeinstallProvider(&chain_guid, &err) == 0, "WSCDeinstallProvider removes the chain");
    err = 0;
    CHECK(WSCDeinstallProvider(&chain_guid, &err) == SOCKET_ERROR && err == WSAEINVAL, "removing it again is WSAEINVAL");
    {
        SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
        CHECK(s != INVALID_SOCKET, "socket() picks the base TCP entry again");
        closesocket(s);
    }
    err = 0;
    CHECK(WSCDeinstallProvider(&lsp_guid, &err) == 0 && enum_all(all, 32) == 6, "back to six entries");

    /* A damaged file is refused, not replaced by a default. */
    {
        FILE *f = fopen(file, "r");
        size_t got = f ? fread(text, 1, sizeof(text) - 1, f) : 0;
        text[got] = 0;
        if (f) fclose(f);
        CHECK(strstr(text, "serial = ") != NULL, "the catalog file carries a serial number");
        f = fopen(file, "w");
        fputs("serial = 9\nnext_id = [oops\n", f);
        fclose(f);
        len = sizeof(all); err = 0;
        CHECK(WSCEnumProtocols(NULL, all, &len, &err) == SOCKET_ERROR && err == WSANO_RECOVERY, "a damaged catalog is WSANO_RECOVERY to WSCEnumProtocols");
        CHECK(socket(AF_INET, SOCK_STREAM, 0) == INVALID_SOCKET && WSAGetLastError() == WSAEPROVIDERFAILEDINIT, "and WSAEPROVIDERFAILEDINIT to socket()");
        unlink(file);
        CHECK(enum_all(all, 32) == 6, "without the file the embedded default applies again");
    }

    WSACleanup();
    snprintf(text, sizeof(text), "rm -rf %s", dir);
    if (system(text) != 0) return 1;
    return failures != 0;
}
