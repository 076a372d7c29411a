/*
 * winsock.h - ws2 for Linux provides only the Winsock 2 API: this header includes winsock2.h
 * (and mswsock.h, whose extensions winsock.h exposed on Windows).
 */
#ifndef _WINSOCK_H_WS2
#define _WINSOCK_H_WS2
#include <winsock2.h>
#include <mswsock.h>
#endif
