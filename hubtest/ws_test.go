package main

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// serverFrame writes an unmasked server frame, as RFC 6455 requires of servers.
func serverFrame(w *bufio.Writer, fin bool, op byte, payload []byte) {
	b0 := op
	if fin {
		b0 |= 0x80
	}
	w.WriteByte(b0)
	switch n := len(payload); {
	case n < 126:
		w.WriteByte(byte(n))
	case n <= 0xFFFF:
		w.WriteByte(126)
		binary.Write(w, binary.BigEndian, uint16(n))
	default:
		w.WriteByte(127)
		binary.Write(w, binary.BigEndian, uint64(n))
	}
	w.Write(payload)
	w.Flush()
}

// echoServer completes the handshake, then for each client message sends a
// ping, and the message back in two fragments.
func echoServer(t *testing.T) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "token secret" {
			http.Error(w, "no token", http.StatusForbidden)
			return
		}
		conn, rw, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close()
		rw.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n")
		rw.WriteString("Sec-WebSocket-Accept: " + acceptKey(r.Header.Get("Sec-WebSocket-Key")) + "\r\n\r\n")
		rw.Flush()
		for {
			fin, op, payload, err := readFrame(rw.Reader)
			if err != nil || op == opClose {
				return
			}
			if op == opPong {
				continue
			}
			if !fin || op != opText {
				t.Errorf("server got fin=%v op=%#x", fin, op)
			}
			serverFrame(rw.Writer, true, opPing, []byte("are you there"))
			half := len(payload) / 2
			serverFrame(rw.Writer, false, opText, payload[:half])
			serverFrame(rw.Writer, true, opContinuation, payload[half:])
		}
	}))
}

func TestWebSocketEcho(t *testing.T) {
	srv := echoServer(t)
	defer srv.Close()
	ws, err := dialWebSocket(strings.Replace(srv.URL, "http://", "ws://", 1), http.Header{"Authorization": {"token secret"}})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	// Sizes on both sides of the 7-bit, 16-bit and 64-bit length encodings.
	for _, n := range []int{0, 1, 125, 126, 65535, 65536, 200000} {
		msg := bytes.Repeat([]byte("x"), n)
		if err := ws.WriteText(msg); err != nil {
			t.Fatal(err)
		}
		op, got, err := ws.ReadMessage()
		if err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		if op != opText || !bytes.Equal(got, msg) {
			t.Errorf("n=%d: echo op=%#x len=%d", n, op, len(got))
		}
	}
}

func TestWebSocketRefused(t *testing.T) {
	srv := echoServer(t)
	defer srv.Close()
	_, err := dialWebSocket(srv.URL, nil)
	if err == nil || !strings.Contains(err.Error(), "403") {
		t.Errorf("dial without token: err = %v, want 403", err)
	}
}

func TestAcceptKey(t *testing.T) {
	// The worked example of RFC 6455 section 1.3.
	if got := acceptKey("dGhlIHNhbXBsZSBub25jZQ=="); got != "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=" {
		t.Errorf("acceptKey = %q", got)
	}
}
