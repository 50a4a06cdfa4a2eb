// SPDX-License-Identifier: GPL-2.0-or-later
// A tiny Go HTTP server for tests/230-servers-go.bats, built with CGO_ENABLED=0 into a
// static binary that binds with raw system calls (no libc, so no LD_PRELOAD either).
// Usage: server ADDRESS:PORT. It answers with its uid.
package main

import (
	"fmt"
	"net"
	"net/http"
	"os"
)

func main() {
	ln, err := net.Listen("tcp", os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "server:", err)
		os.Exit(1)
	}
	fmt.Println("listening on", ln.Addr())
	err = http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "go uid=%d\n", os.Getuid())
	}))
	fmt.Fprintln(os.Stderr, "server:", err)
	os.Exit(1)
}
