/*
 * ws2spi.h - Winsock 2 Service Provider Interface (ws2 for Linux; 64-bit Windows layouts).
 *
 * A transport provider is a shared object exporting WSPStartup; ws2_32 (or the layer above)
 * calls it with the catalog entry's WSAPROTOCOL_INFOW and the upcall table, and the provider
 * fills in the WSPPROC_TABLE. Name-space providers export NSPStartup and fill in NSP_ROUTINE.
 */
#ifndef _WINSOCK2SPI_
#define _WINSOCK2SPI_

#include <winsock2.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WSPDESCRIPTION_LEN          255
#define WSS_OPERATION_IN_PROGRESS   0x00000103

typedef struct WSPData {
    WORD wVersion;
    WORD wHighVersion;
    WCHAR szDescription[WSPDESCRIPTION_LEN + 1];
} WSPDATA, *LPWSPDATA;

typedef struct _WSATHREADID {
    HANDLE ThreadHandle;
    DWORD_PTR Reserved;
} WSATHREADID, *LPWSATHREADID;

#define WSPAPI WSAAPI

typedef BOOL (CALLBACK *LPBLOCKINGCALLBACK)(DWORD_PTR dwContext);
typedef VOID (CALLBACK *LPWSAUSERAPC)(DWORD_PTR dwContext);

/* ---- Provider entry points (WSPPROC_TABLE) ---- */
typedef SOCKET (WSPAPI *LPWSPACCEPT)(SOCKET s, struct sockaddr *addr, LPINT addrlen,
                                     LPCONDITIONPROC lpfnCondition, DWORD_PTR dwCallbackData,
                                     LPINT lpErrno);
typedef INT (WSPAPI *LPWSPADDRESSTOSTRING)(LPSOCKADDR lpsaAddress, DWORD dwAddressLength,
                                           LPWSAPROTOCOL_INFOW lpProtocolInfo,
                                           LPWSTR lpszAddressString,
                                           LPDWORD lpdwAddressStringLength, LPINT lpErrno);
typedef int (WSPAPI *LPWSPASYNCSELECT)(SOCKET s, HWND hWnd, unsigned int wMsg, LONG lEvent,
                                       LPINT lpErrno);
typedef int (WSPAPI *LPWSPBIND)(SOCKET s, const struct sockaddr *name, int namelen, LPINT lpErrno);
typedef int (WSPAPI *LPWSPCANCELBLOCKINGCALL)(LPINT lpErrno);
typedef int (WSPAPI *LPWSPCLEANUP)(LPINT lpErrno);
typedef int (WSPAPI *LPWSPCLOSESOCKET)(SOCKET s, LPINT lpErrno);
typedef int (WSPAPI *LPWSPCONNECT)(SOCKET s, const struct sockaddr *name, int namelen,
                                   LPWSABUF lpCallerData, LPWSABUF lpCalleeData, LPQOS lpSQOS,
                                   LPQOS lpGQOS, LPINT lpErrno);
typedef int (WSPAPI *LPWSPDUPLICATESOCKET)(SOCKET s, DWORD dwProcessId,
                                           LPWSAPROTOCOL_INFOW lpProtocolInfo, LPINT lpErrno);
typedef int (WSPAPI *LPWSPENUMNETWORKEVENTS)(SOCKET s, WSAEVENT hEventObject,
                                             LPWSANETWORKEVENTS lpNetworkEvents, LPINT lpErrno);
typedef int (WSPAPI *LPWSPEVENTSELECT)(SOCKET s, WSAEVENT hEventObject, LONG lNetworkEvents,
                                       LPINT lpErrno);
typedef BOOL (WSPAPI *LPWSPGETOVERLAPPEDRESULT)(SOCKET s, LPWSAOVERLAPPED lpOverlapped,
                                                LPDWORD lpcbTransfer, BOOL fWait,
                                                LPDWORD lpdwFlags, LPINT lpErrno);
typedef int (WSPAPI *LPWSPGETPEERNAME)(SOCKET s, struct sockaddr *name, LPINT namelen,
                                       LPINT lpErrno);
typedef int (WSPAPI *LPWSPGETSOCKNAME)(SOCKET s, struct sockaddr *name, LPINT namelen,
                                       LPINT lpErrno);
typedef int (WSPAPI *LPWSPGETSOCKOPT)(SOCKET s, int level, int optname, char *optval,
                                      LPINT optlen, LPINT lpErrno);
typedef BOOL (WSPAPI *LPWSPGETQOSBYNAME)(SOCKET s, LPWSABUF lpQOSName, LPQOS lpQOS,
                                         LPINT lpErrno);
typedef int (WSPAPI *LPWSPIOCTL)(SOCKET s, DWORD dwIoControlCode, LPVOID lpvInBuffer,
                                 DWORD cbInBuffer, LPVOID lpvOutBuffer, DWORD cbOutBuffer,
                                 LPDWORD lpcbBytesReturned, LPWSAOVERLAPPED lpOverlapped,
                                 LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
                                 LPWSATHREADID lpThreadId, LPINT lpErrno);
typedef SOCKET (WSPAPI *LPWSPJOINLEAF)(SOCKET s, const struct sockaddr *name, int namelen,
                                       LPWSABUF lpCallerData, LPWSABUF lpCalleeData,
                                       LPQOS lpSQOS, LPQOS lpGQOS, DWORD dwFlags, LPINT lpErrno);
typedef int (WSPAPI *LPWSPLISTEN)(SOCKET s, int backlog, LPINT lpErrno);
typedef int (WSPAPI *LPWSPRECV)(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                                LPDWORD lpNumberOfBytesRecvd, LPDWORD lpFlags,
                                LPWSAOVERLAPPED lpOverlapped,
                                LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
                                LPWSATHREADID lpThreadId, LPINT lpErrno);
typedef int (WSPAPI *LPWSPRECVDISCONNECT)(SOCKET s, LPWSABUF lpInboundDisconnectData,
                                          LPINT lpErrno);
typedef int (WSPAPI *LPWSPRECVFROM)(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                                    LPDWORD lpNumberOfBytesRecvd, LPDWORD lpFlags,
                                    struct sockaddr *lpFrom, LPINT lpFromlen,
                                    LPWSAOVERLAPPED lpOverlapped,
                                    LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
                                    LPWSATHREADID lpThreadId, LPINT lpErrno);
typedef int (WSPAPI *LPWSPSELECT)(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
                                  const struct timeval *timeout, LPINT lpErrno);
typedef int (WSPAPI *LPWSPSEND)(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                                LPDWORD lpNumberOfBytesSent, DWORD dwFlags,
                                LPWSAOVERLAPPED lpOverlapped,
                                LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
                                LPWSATHREADID lpThreadId, LPINT lpErrno);
typedef int (WSPAPI *LPWSPSENDDISCONNECT)(SOCKET s, LPWSABUF lpOutboundDisconnectData,
                                          LPINT lpErrno);
typedef int (WSPAPI *LPWSPSENDTO)(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                                  LPDWORD lpNumberOfBytesSent, DWORD dwFlags,
                                  const struct sockaddr *lpTo, int iTolen,
                                  LPWSAOVERLAPPED lpOverlapped,
                                  LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
                                  LPWSATHREADID lpThreadId, LPINT lpErrno);
typedef int (WSPAPI *LPWSPSETSOCKOPT)(SOCKET s, int level, int optname, const char *optval,
                                      int optlen, LPINT lpErrno);
typedef int (WSPAPI *LPWSPSHUTDOWN)(SOCKET s, int how, LPINT lpErrno);
typedef SOCKET (WSPAPI *LPWSPSOCKET)(int af, int type, int protocol,
                                     LPWSAPROTOCOL_INFOW lpProtocolInfo, GROUP g, DWORD dwFlags,
                                     LPINT lpErrno);
typedef INT (WSPAPI *LPWSPSTRINGTOADDRESS)(LPWSTR AddressString, INT AddressFamily,
                                           LPWSAPROTOCOL_INFOW lpProtocolInfo,
                                           LPSOCKADDR lpAddress, LPINT lpAddressLength,
                                           LPINT lpErrno);

typedef struct _WSPPROC_TABLE {
    LPWSPACCEPT lpWSPAccept;
    LPWSPADDRESSTOSTRING lpWSPAddressToString;
    LPWSPASYNCSELECT lpWSPAsyncSelect;
    LPWSPBIND lpWSPBind;
    LPWSPCANCELBLOCKINGCALL lpWSPCancelBlockingCall;
    LPWSPCLEANUP lpWSPCleanup;
    LPWSPCLOSESOCKET lpWSPCloseSocket;
    LPWSPCONNECT lpWSPConnect;
    LPWSPDUPLICATESOCKET lpWSPDuplicateSocket;
    LPWSPENUMNETWORKEVENTS lpWSPEnumNetworkEvents;
    LPWSPEVENTSELECT lpWSPEventSelect;
    LPWSPGETOVERLAPPEDRESULT lpWSPGetOverlappedResult;
    LPWSPGETPEERNAME lpWSPGetPeerName;
    LPWSPGETSOCKNAME lpWSPGetSockName;
    LPWSPGETSOCKOPT lpWSPGetSockOpt;
    LPWSPGETQOSBYNAME lpWSPGetQOSByName;
    LPWSPIOCTL lpWSPIoctl;
    LPWSPJOINLEAF lpWSPJoinLeaf;
    LPWSPLISTEN lpWSPListen;
    LPWSPRECV lpWSPRecv;
    LPWSPRECVDISCONNECT lpWSPRecvDisconnect;
    LPWSPRECVFROM lpWSPRecvFrom;
    LPWSPSELECT lpWSPSelect;
    LPWSPSEND lpWSPSend;
    LPWSPSENDDISCONNECT lpWSPSendDisconnect;
    LPWSPSENDTO lpWSPSendTo;
    LPWSPSETSOCKOPT lpWSPSetSockOpt;
    LPWSPSHUTDOWN lpWSPShutdown;
    LPWSPSOCKET lpWSPSocket;
    LPWSPSTRINGTOADDRESS lpWSPStringToAddress;
} WSPPROC_TABLE, *LPWSPPROC_TABLE;

/* ws2's private WSPIoctl code through which WSAPoll reaches the provider owning the first
   socket (the dispatch table has no poll entry): lpvInBuffer is the caller's WSAPOLLFD array,
   cbInBuffer its entry count, lpvOutBuffer an INT holding the timeout in milliseconds. A
   non-IFS layered provider translates the handles in the array to its lower layer's. */
#define SIO_WS2_POLL 0x98007773

/* ws2's private WSPIoctl code through which kernel32's CancelIo/CancelIoEx reach the provider
   owning the handle: lpvInBuffer is a WS2_CANCEL_IO, lpvOutBuffer a DWORD that receives how
   many pending operations were marked for cancellation (CancelIoEx reports ERROR_NOT_FOUND
   when none). Each completes through its usual notification with WSA_OPERATION_ABORTED. A
   layered provider cancels what it holds itself and passes the request down unchanged, adding
   the counts; lpThreadId identifies threads by WSATHREADID.Reserved, the thread's serial
   number as WPUOpenCurrentThread reports it (never reused). */
#define SIO_WS2_CANCEL_IO 0x98007774
typedef struct _WS2_CANCEL_IO {
    LPWSAOVERLAPPED lpOverlapped; /* only operations with this WSAOVERLAPPED; NULL: any */
    LPWSATHREADID lpThreadId;     /* only operations this thread issued (CancelIo); NULL: any */
} WS2_CANCEL_IO;

/* ---- Upcalls from a provider into ws2_32 (WSPUPCALLTABLE) ---- */
typedef BOOL (WSPAPI *LPWPUCLOSEEVENT)(WSAEVENT hEvent, LPINT lpErrno);
typedef int (WSPAPI *LPWPUCLOSESOCKETHANDLE)(SOCKET s, LPINT lpErrno);
typedef WSAEVENT (WSPAPI *LPWPUCREATEEVENT)(LPINT lpErrno);
typedef SOCKET (WSPAPI *LPWPUCREATESOCKETHANDLE)(DWORD dwCatalogEntryId, DWORD_PTR dwContext,
                                                 LPINT lpErrno);
typedef int (WSPAPI *LPWPUFDISSET)(SOCKET s, fd_set *fdset);
typedef int (WSPAPI *LPWPUGETPROVIDERPATH)(LPGUID lpProviderId, WCHAR *lpszProviderDllPath,
                                           LPINT lpProviderDllPathLen, LPINT lpErrno);
typedef SOCKET (WSPAPI *LPWPUMODIFYIFSHANDLE)(DWORD dwCatalogEntryId, SOCKET ProposedHandle,
                                              LPINT lpErrno);
/* ws2 has no window system: WPUPostMessage returns FALSE (and WSPAsyncSelect is refused). */
typedef BOOL (WSPAPI *LPWPUPOSTMESSAGE)(HWND hWnd, UINT Msg, WPARAM wParam, LPARAM lParam);
typedef int (WSPAPI *LPWPUQUERYBLOCKINGCALLBACK)(DWORD dwCatalogEntryId,
                                                 LPBLOCKINGCALLBACK *lplpfnCallback,
                                                 PDWORD_PTR lpdwContext, LPINT lpErrno);
typedef int (WSPAPI *LPWPUQUERYSOCKETHANDLECONTEXT)(SOCKET s, PDWORD_PTR lpContext, LPINT lpErrno);
typedef int (WSPAPI *LPWPUQUEUEAPC)(LPWSATHREADID lpThreadId, LPWSAUSERAPC lpfnUserApc,
                                    DWORD_PTR dwContext, LPINT lpErrno);
typedef BOOL (WSPAPI *LPWPURESETEVENT)(WSAEVENT hEvent, LPINT lpErrno);
typedef BOOL (WSPAPI *LPWPUSETEVENT)(WSAEVENT hEvent, LPINT lpErrno);
typedef int (WSPAPI *LPWPUOPENCURRENTTHREAD)(LPWSATHREADID lpThreadId, LPINT lpErrno);
typedef int (WSPAPI *LPWPUCLOSETHREAD)(LPWSATHREADID lpThreadId, LPINT lpErrno);
typedef int (WSPAPI *LPWPUCOMPLETEOVERLAPPEDREQUEST)(SOCKET s, LPWSAOVERLAPPED lpOverlapped,
                                                     DWORD dwError, DWORD cbTransferred,
                                                     LPINT lpErrno);

typedef struct _WSPUPCALLTABLE {
    LPWPUCLOSEEVENT lpWPUCloseEvent;
    LPWPUCLOSESOCKETHANDLE lpWPUCloseSocketHandle;
    LPWPUCREATEEVENT lpWPUCreateEvent;
    LPWPUCREATESOCKETHANDLE lpWPUCreateSocketHandle;
    LPWPUFDISSET lpWPUFDIsSet;
    LPWPUGETPROVIDERPATH lpWPUGetProviderPath;
    LPWPUMODIFYIFSHANDLE lpWPUModifyIFSHandle;
    LPWPUPOSTMESSAGE lpWPUPostMessage;
    LPWPUQUERYBLOCKINGCALLBACK lpWPUQueryBlockingCallback;
    LPWPUQUERYSOCKETHANDLECONTEXT lpWPUQuerySocketHandleContext;
    LPWPUQUEUEAPC lpWPUQueueApc;
    LPWPURESETEVENT lpWPUResetEvent;
    LPWPUSETEVENT lpWPUSetEvent;
    LPWPUOPENCURRENTTHREAD lpWPUOpenCurrentThread;
    LPWPUCLOSETHREAD lpWPUCloseThread;
} WSPUPCALLTABLE, *LPWSPUPCALLTABLE;

typedef int (WSPAPI *LPWSPSTARTUP)(WORD wVersionRequested, LPWSPDATA lpWSPData,
                                   LPWSAPROTOCOL_INFOW lpProtocolInfo, WSPUPCALLTABLE UpcallTable,
                                   LPWSPPROC_TABLE lpProcTable);

/* ---- Catalog (WSC) functions ---- */
typedef int (WSPAPI *LPWSCENUMPROTOCOLS)(LPINT lpiProtocols, LPWSAPROTOCOL_INFOW lpProtocolBuffer,
                                         LPDWORD lpdwBufferLength, LPINT lpErrno);
typedef int (WSPAPI *LPWSCDEINSTALLPROVIDER)(LPGUID lpProviderId, LPINT lpErrno);
typedef int (WSPAPI *LPWSCINSTALLPROVIDER)(LPGUID lpProviderId, const WCHAR *lpszProviderDllPath,
                                           const LPWSAPROTOCOL_INFOW lpProtocolInfoList,
                                           DWORD dwNumberOfEntries, LPINT lpErrno);
typedef int (WSPAPI *LPWSCGETPROVIDERPATH)(LPGUID lpProviderId, WCHAR *lpszProviderDllPath,
                                           LPINT lpProviderDllPathLen, LPINT lpErrno);
typedef int (WSPAPI *LPWSCUPDATEPROVIDER)(LPGUID lpProviderId, const WCHAR *lpszProviderDllPath,
                                          const LPWSAPROTOCOL_INFOW lpProtocolInfoList,
                                          DWORD dwNumberOfEntries, LPINT lpErrno);
typedef int (WSPAPI *LPWSCWRITEPROVIDERORDER)(LPDWORD lpwdCatalogEntryId, DWORD dwNumberOfEntries);

typedef enum _WSC_PROVIDER_INFO_TYPE {
    ProviderInfoLspCategories,
    ProviderInfoAudit
} WSC_PROVIDER_INFO_TYPE;

typedef struct _WSC_PROVIDER_AUDIT_INFO {
    DWORD RecordSize;
    PVOID Reserved;
} WSC_PROVIDER_AUDIT_INFO;

/* LSP categories (WSCSetProviderInfo with ProviderInfoLspCategories). */
#define LSP_SYSTEM              0x80000000
#define LSP_INSPECTOR           0x00000001
#define LSP_REDIRECTOR          0x00000002
#define LSP_PROXY               0x00000004
#define LSP_FIREWALL            0x00000008
#define LSP_INBOUND_MODIFY      0x00000010
#define LSP_OUTBOUND_MODIFY     0x00000020
#define LSP_CRYPTO_COMPRESS     0x00000040
#define LSP_LOCAL_CACHE         0x00000080

/* ---- Name-space providers ---- */
typedef INT (WSAAPI *LPNSPCLEANUP)(LPGUID lpProviderId);
typedef INT (WSAAPI *LPNSPLOOKUPSERVICEBEGIN)(LPGUID lpProviderId, LPWSAQUERYSETW lpqsRestrictions,
                                              LPWSASERVICECLASSINFOW lpServiceClassInfo,
                                              DWORD dwControlFlags, LPHANDLE lphLookup);
typedef INT (WSAAPI *LPNSPLOOKUPSERVICENEXT)(HANDLE hLookup, DWORD dwControlFlags,
                                             LPDWORD lpdwBufferLength, LPWSAQUERYSETW lpqsResults);
typedef INT (WSAAPI *LPNSPIOCTL)(HANDLE hLookup, DWORD dwControlCode, LPVOID lpvInBuffer,
                                 DWORD cbInBuffer, LPVOID lpvOutBuffer, DWORD cbOutBuffer,
                                 LPDWORD lpcbBytesReturned, LPWSACOMPLETION lpCompletion,
                                 LPWSATHREADID lpThreadId);
typedef INT (WSAAPI *LPNSPLOOKUPSERVICEEND)(HANDLE hLookup);
typedef INT (WSAAPI *LPNSPSETSERVICE)(LPGUID lpProviderId, LPWSASERVICECLASSINFOW lpServiceClassInfo,
                                      LPWSAQUERYSETW lpqsRegInfo, WSAESETSERVICEOP essOperation,
                                      DWORD dwControlFlags);
typedef INT (WSAAPI *LPNSPINSTALLSERVICECLASS)(LPGUID lpProviderId,
                                               LPWSASERVICECLASSINFOW lpServiceClassInfo);
typedef INT (WSAAPI *LPNSPREMOVESERVICECLASS)(LPGUID lpProviderId, LPGUID lpServiceClassId);
typedef INT (WSAAPI *LPNSPGETSERVICECLASSINFO)(LPGUID lpProviderId, LPDWORD lpdwBufSize,
                                               LPWSASERVICECLASSINFOW lpServiceClassInfo);

typedef struct _NSP_ROUTINE {
    DWORD cbSize;
    DWORD dwMajorVersion;
    DWORD dwMinorVersion;
    LPNSPCLEANUP NSPCleanup;
    LPNSPLOOKUPSERVICEBEGIN NSPLookupServiceBegin;
    LPNSPLOOKUPSERVICENEXT NSPLookupServiceNext;
    LPNSPLOOKUPSERVICEEND NSPLookupServiceEnd;
    LPNSPSETSERVICE NSPSetService;
    LPNSPINSTALLSERVICECLASS NSPInstallServiceClass;
    LPNSPREMOVESERVICECLASS NSPRemoveServiceClass;
    LPNSPGETSERVICECLASSINFO NSPGetServiceClassInfo;
    LPNSPIOCTL NSPIoctl;
} NSP_ROUTINE, *LPNSP_ROUTINE;

typedef INT (WSAAPI *LPNSPSTARTUP)(LPGUID lpProviderId, LPNSP_ROUTINE lpnspRoutines);

typedef INT (WSPAPI *LPWSCINSTALLNAMESPACE)(LPWSTR lpszIdentifier, LPWSTR lpszPathName,
                                            DWORD dwNameSpace, DWORD dwVersion,
                                            LPGUID lpProviderId);
typedef INT (WSPAPI *LPWSCUNINSTALLNAMESPACE)(LPGUID lpProviderId);
typedef INT (WSPAPI *LPWSCENABLENSPROVIDER)(LPGUID lpProviderId, BOOL fEnable);

#if INCL_WINSOCK_API_PROTOTYPES
/* Implemented by every provider (the base provider's is exported by libws2_32). */
int WSPAPI WSPStartup(WORD wVersionRequested, LPWSPDATA lpWSPData,
                      LPWSAPROTOCOL_INFOW lpProtocolInfo, WSPUPCALLTABLE UpcallTable,
                      LPWSPPROC_TABLE lpProcTable);

/* Exported by libws2_32. */
int WSPAPI WSCEnumProtocols(LPINT lpiProtocols, LPWSAPROTOCOL_INFOW lpProtocolBuffer,
                            LPDWORD lpdwBufferLength, LPINT lpErrno);
int WSPAPI WSCDeinstallProvider(LPGUID lpProviderId, LPINT lpErrno);
int WSPAPI WSCInstallProvider(LPGUID lpProviderId, const WCHAR *lpszProviderDllPath,
                              const LPWSAPROTOCOL_INFOW lpProtocolInfoList,
                              DWORD dwNumberOfEntries, LPINT lpErrno);
int WSPAPI WSCGetProviderPath(LPGUID lpProviderId, WCHAR *lpszProviderDllPath,
                              LPINT lpProviderDllPathLen, LPINT lpErrno);
int WSPAPI WSCUpdateProvider(LPGUID lpProviderId, const WCHAR *lpszProviderDllPath,
                             const LPWSAPROTOCOL_INFOW lpProtocolInfoList,
                             DWORD dwNumberOfEntries, LPINT lpErrno);
int WSPAPI WSCWriteProviderOrder(LPDWORD lpwdCatalogEntryId, DWORD dwNumberOfEntries);
/* One catalog serves 32- and 64-bit programs on Linux: the 64_32 forms act once. */
int WSPAPI WSCInstallProvider64_32(LPGUID lpProviderId, const WCHAR *lpszProviderDllPath,
                                   const LPWSAPROTOCOL_INFOW lpProtocolInfoList,
                                   DWORD dwNumberOfEntries, LPINT lpErrno);
int WSPAPI WSCWriteProviderOrder64_32(LPDWORD lpwdCatalogEntryId, DWORD dwNumberOfEntries);
int WSPAPI WSCGetProviderInfo(LPGUID lpProviderId, WSC_PROVIDER_INFO_TYPE InfoType, PBYTE Info,
                              size_t *InfoSize, DWORD Flags, LPINT lpErrno);
int WSPAPI WSCSetProviderInfo(LPGUID lpProviderId, WSC_PROVIDER_INFO_TYPE InfoType, PBYTE Info,
                              size_t InfoSize, DWORD Flags, LPINT lpErrno);
int WSPAPI WSCWriteNameSpaceOrder(LPGUID lpProviderId, DWORD dwNumberOfEntries);
INT WSPAPI WSCInstallNameSpace(LPWSTR lpszIdentifier, LPWSTR lpszPathName, DWORD dwNameSpace,
                               DWORD dwVersion, LPGUID lpProviderId);
/* lpProviderSpecific: the blob WSAEnumNameSpaceProvidersEx returns. For the DNS resolver built
   into libws2_32 (installed with libws2_32's own path, see WSCGetProviderPath) it is its
   settings as text: "servers=127.0.0.1:5353,[::1]:53 timeout_ms=2000 attempts=2". */
INT WSPAPI WSCInstallNameSpaceEx(LPWSTR lpszIdentifier, LPWSTR lpszPathName, DWORD dwNameSpace,
                                 DWORD dwVersion, LPGUID lpProviderId, LPBLOB lpProviderSpecific);
INT WSPAPI WSCUnInstallNameSpace(LPGUID lpProviderId);
INT WSPAPI WSCEnableNSProvider(LPGUID lpProviderId, BOOL fEnable);
/* One catalog serves 32- and 64-bit programs on Linux: the 64_32 forms act once. */
INT WSPAPI WSCInstallNameSpace64_32(LPWSTR lpszIdentifier, LPWSTR lpszPathName,
                                    DWORD dwNameSpace, DWORD dwVersion, LPGUID lpProviderId);
INT WSPAPI WSCInstallNameSpaceEx64_32(LPWSTR lpszIdentifier, LPWSTR lpszPathName,
                                      DWORD dwNameSpace, DWORD dwVersion, LPGUID lpProviderId,
                                      LPBLOB lpProviderSpecific);
INT WSPAPI WSCUnInstallNameSpace64_32(LPGUID lpProviderId);
INT WSPAPI WSCEnableNSProvider64_32(LPGUID lpProviderId, BOOL fEnable);
int WSPAPI WSCWriteNameSpaceOrder64_32(LPGUID lpProviderId, DWORD dwNumberOfEntries);
int WSPAPI WPUCompleteOverlappedRequest(SOCKET s, LPWSAOVERLAPPED lpOverlapped, DWORD dwError,
                                        DWORD cbTransferred, LPINT lpErrno);

/* Implemented by every name-space provider (the built-in ones' is exported by libws2_32). */
INT WSAAPI NSPStartup(LPGUID lpProviderId, LPNSP_ROUTINE lpnspRoutines);
#endif

#define WSCEnumNameSpaceProviders WSAEnumNameSpaceProvidersW
#define LPFN_WSCENUMNAMESPACEPROVIDERS LPFN_WSAENUMNAMESPACEPROVIDERSW

#ifdef __cplusplus
}
#endif

#endif /* _WINSOCK2SPI_ */
