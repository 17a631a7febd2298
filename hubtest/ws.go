package main

import (
	"bufio"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// wsConn is the client end of a WebSocket (RFC 6455), just enough to speak
// Jupyter's kernel channels: text and binary messages, fragmentation,
// ping/pong and close. The standard library has no WebSocket client, and
// the main module may not add one; net/http does the opening handshake and
// hands over the connection after "101 Switching Protocols".
type wsConn struct {
	rwc io.ReadWriteCloser
	br  *bufio.Reader
	wmu sync.Mutex // one frame at a time
}

// websocketGUID is the fixed string of RFC 6455 section 1.3 that the server
// hashes with the client's key to prove it speaks WebSocket.
const websocketGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

// maxMessage bounds one message; a notebook's PNG plot is well below it.
const maxMessage = 64 << 20

// WebSocket opcodes (RFC 6455 section 5.2).
const (
	opContinuation = 0x0
	opText         = 0x1
	opBinary       = 0x2
	opClose        = 0x8
	opPing         = 0x9
	opPong         = 0xA
)

// acceptKey is the Sec-WebSocket-Accept a server must answer to key.
func acceptKey(key string) string {
	h := sha1.Sum([]byte(key + websocketGUID))
	return base64.StdEncoding.EncodeToString(h[:])
}

// dialWebSocket opens a WebSocket to an http:// or ws:// URL with the given
// extra request headers (Authorization, for example).
func dialWebSocket(url string, header http.Header) (*wsConn, error) {
	url = strings.Replace(url, "ws://", "http://", 1)
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	for k, v := range header {
		req.Header[k] = v
	}
	var nonce [16]byte
	rand.Read(nonce[:])
	key := base64.StdEncoding.EncodeToString(nonce[:])
	req.Header.Set("Connection", "Upgrade")
	req.Header.Set("Upgrade", "websocket")
	req.Header.Set("Sec-WebSocket-Version", "13")
	req.Header.Set("Sec-WebSocket-Key", key)
	// A dedicated transport: the upgraded connection must not go back to a
	// pool, and only the handshake has a deadline.
	client := &http.Client{Transport: &http.Transport{ResponseHeaderTimeout: 30 * time.Second}}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("websocket %s: %v", url, err)
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		resp.Body.Close()
		return nil, fmt.Errorf("websocket %s: %s: %s", url, resp.Status, strings.TrimSpace(string(body)))
	}
	rwc, ok := resp.Body.(io.ReadWriteCloser)
	if !ok {
		resp.Body.Close()
		return nil, fmt.Errorf("websocket %s: upgraded body is not writable", url)
	}
	if got := resp.Header.Get("Sec-WebSocket-Accept"); got != acceptKey(key) {
		rwc.Close()
		return nil, fmt.Errorf("websocket %s: bad Sec-WebSocket-Accept %q", url, got)
	}
	return &wsConn{rwc: rwc, br: bufio.NewReader(rwc)}, nil
}

// appendFrame appends one final, masked client frame to dst. RFC 6455
// requires every client frame to be masked with a fresh 4-byte key.
func appendFrame(dst []byte, op byte, payload []byte, mask [4]byte) []byte {
	dst = append(dst, 0x80|op)
	switch n := len(payload); {
	case n < 126:
		dst = append(dst, 0x80|byte(n))
	case n <= 0xFFFF:
		dst = append(dst, 0x80|126)
		dst = binary.BigEndian.AppendUint16(dst, uint16(n))
	default:
		dst = append(dst, 0x80|127)
		dst = binary.BigEndian.AppendUint64(dst, uint64(n))
	}
	dst = append(dst, mask[:]...)
	for i, b := range payload {
		dst = append(dst, b^mask[i%4])
	}
	return dst
}

func (c *wsConn) writeFrame(op byte, payload []byte) error {
	var mask [4]byte
	rand.Read(mask[:])
	frame := appendFrame(nil, op, payload, mask)
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_, err := c.rwc.Write(frame)
	return err
}

// WriteText sends one text message.
func (c *wsConn) WriteText(msg []byte) error { return c.writeFrame(opText, msg) }

// readFrame reads one frame and unmasks it if the peer masked it.
func readFrame(r *bufio.Reader) (fin bool, op byte, payload []byte, err error) {
	var hdr [2]byte
	if _, err = io.ReadFull(r, hdr[:]); err != nil {
		return
	}
	fin, op = hdr[0]&0x80 != 0, hdr[0]&0x0F
	masked := hdr[1]&0x80 != 0
	n := uint64(hdr[1] & 0x7F)
	switch n {
	case 126:
		var b [2]byte
		if _, err = io.ReadFull(r, b[:]); err != nil {
			return
		}
		n = uint64(binary.BigEndian.Uint16(b[:]))
	case 127:
		var b [8]byte
		if _, err = io.ReadFull(r, b[:]); err != nil {
			return
		}
		n = binary.BigEndian.Uint64(b[:])
	}
	if n > maxMessage {
		return false, 0, nil, fmt.Errorf("websocket: frame of %d bytes exceeds %d", n, maxMessage)
	}
	var mask [4]byte
	if masked {
		if _, err = io.ReadFull(r, mask[:]); err != nil {
			return
		}
	}
	payload = make([]byte, n)
	if _, err = io.ReadFull(r, payload); err != nil {
		return
	}
	if masked {
		for i := range payload {
			payload[i] ^= mask[i%4]
		}
	}
	return fin, op, payload, nil
}

// errClosed is returned by ReadMessage after the server closed the socket.
var errClosed = errors.New("websocket: closed by the server")

// ReadMessage returns the next text or binary message, answering pings and
// joining fragments on the way.
func (c *wsConn) ReadMessage() (op byte, msg []byte, err error) {
	for {
		fin, fop, payload, err := readFrame(c.br)
		if err != nil {
			return 0, nil, err
		}
		switch fop {
		case opPing:
			if err := c.writeFrame(opPong, payload); err != nil {
				return 0, nil, err
			}
			continue
		case opPong:
			continue
		case opClose:
			c.writeFrame(opClose, payload)
			return 0, nil, errClosed
		case opText, opBinary:
			op, msg = fop, payload
		case opContinuation:
			if op == 0 {
				return 0, nil, errors.New("websocket: continuation frame without a message")
			}
			if len(msg)+len(payload) > maxMessage {
				return 0, nil, fmt.Errorf("websocket: message exceeds %d bytes", maxMessage)
			}
			msg = append(msg, payload...)
		default:
			return 0, nil, fmt.Errorf("websocket: unknown opcode %#x", fop)
		}
		if fin {
			return op, msg, nil
		}
	}
}

// Close sends a normal-closure frame and closes the connection.
func (c *wsConn) Close() error {
	c.writeFrame(opClose, []byte{0x03, 0xE8}) // 1000: normal closure
	return c.rwc.Close()
}
