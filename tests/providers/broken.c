/* Providers that must not load, one per build:
 *   -DNO_STARTUP      exports no WSPStartup
 *   -DREFUSE_VERSION  WSPStartup refuses version 2.2 (WSAVERNOTSUPPORTED)
 *   -DFAIL_STARTUP    WSPStartup fails (WSAENETDOWN)
 *   -DHOLES           WSPStartup succeeds but leaves the dispatch table empty
 *   -DCRASH           WSPStartup dereferences NULL (for `ws2ctl catalog check`, which probes
 *                     each entry in a child process)
 * ws2_32 must fail socket() with WSAEPROVIDERFAILEDINIT for each (but the crash) and keep
 * working. */
#include <winsock2.h>
#include <ws2spi.h>
#include <string.h>

#ifdef NO_STARTUP
int WSPAPI NotWSPStartup(WORD version)
{
    return version;
}
#else
int WSPAPI WSPStartup(WORD version, LPWSPDATA data, LPWSAPROTOCOL_INFOW info, WSPUPCALLTABLE up, LPWSPPROC_TABLE table)
{
#if defined(REFUSE_VERSION)
    return WSAVERNOTSUPPORTED;
#elif defined(FAIL_STARTUP)
    return WSAENETDOWN;
#elif defined(CRASH)
    return *(volatile int *)(info->dwCatalogEntryId == 0xdeadbeef ? (void *)data : NULL);
#else
    data->wVersion = MAKEWORD(2, 2);
    data->wHighVersion = MAKEWORD(2, 2);
    data->szDescription[0] = 0;
    memset(table, 0, sizeof(*table));
    return 0;
#endif
}
#endif
