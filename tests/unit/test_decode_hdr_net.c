// SPDX-License-Identifier: Apache-2.0
/* decode: net.def against glibc's and the kernel's headers. */
#include <linux/ipc.h>
#include <linux/net.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <sys/socket.h>

#include "test_decode_hdr.h"

TEST(decode_hdr_net)
{
	const char *table = NULL;

#include "../../src/decode/net.def"
	CHECK(table != NULL);
}
