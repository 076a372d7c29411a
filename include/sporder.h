/*
 * sporder.h - catalog ordering (WSCWriteProviderOrder, WSCWriteNameSpaceOrder); both are
 * declared in ws2spi.h.
 */
#ifndef __SPORDER_H_WS2
#define __SPORDER_H_WS2
#include <ws2spi.h>
typedef int (WSPAPI *LPWSCWRITENAMESPACEORDER)(LPGUID lpProviderId, DWORD dwNumberOfEntries);
#endif
