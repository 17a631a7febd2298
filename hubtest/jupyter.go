package main

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

// api is an authenticated client for one Jupyter (or JupyterHub) REST API.
type api struct {
	base  string // e.g. http://127.0.0.1:8000/user/alice
	token string
}

// debug prints every kernel message (GRADBOOK_HUBTEST_DEBUG=1).
var debug = os.Getenv("GRADBOOK_HUBTEST_DEBUG") != ""

var httpClient = &http.Client{Timeout: 2 * time.Minute}

// call sends a JSON request and decodes a JSON answer into out (if not nil).
// It returns the status code; a status outside want is an error that quotes
// the answer.
func (a api) call(method, path string, in, out any, want ...int) (int, error) {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return 0, err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, a.base+path, body)
	if err != nil {
		return 0, err
	}
	if a.token != "" {
		req.Header.Set("Authorization", "token "+a.token)
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp.StatusCode, err
	}
	if len(want) > 0 && !contains(want, resp.StatusCode) {
		return resp.StatusCode, fmt.Errorf("%s %s: %s: %s", method, a.base+path, resp.Status, clip(string(data), 300))
	}
	if out != nil && len(data) > 0 {
		if err := json.Unmarshal(data, out); err != nil {
			return resp.StatusCode, fmt.Errorf("%s %s: %v", method, a.base+path, err)
		}
	}
	return resp.StatusCode, nil
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

func clip(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

func newID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// message is a Jupyter message in the JSON form the server's kernel
// WebSocket speaks (the legacy, non-binary protocol).
type message struct {
	Header       header          `json:"header"`
	ParentHeader header          `json:"parent_header"`
	Metadata     map[string]any  `json:"metadata"`
	Content      json.RawMessage `json:"content"`
	Channel      string          `json:"channel"`
	Buffers      []any           `json:"buffers"`
}

type header struct {
	MsgID    string `json:"msg_id,omitempty"`
	MsgType  string `json:"msg_type,omitempty"`
	Session  string `json:"session,omitempty"`
	Username string `json:"username,omitempty"`
	Version  string `json:"version,omitempty"`
	Date     string `json:"date,omitempty"`
}

// output is one cell output, with the fields the test looks at.
type output struct {
	Type   string         // stream, display_data, execute_result, error
	Text   string         // stream text, or ename: evalue for errors
	Data   map[string]any // MIME bundle of display_data / execute_result
	Fields map[string]any // the output as nbformat stores it
}

// kernel is one running kernel reached through its channels WebSocket.
type kernel struct {
	srv     api
	id      string
	ws      *wsConn
	session string
}

// startKernel starts a kernel of the named spec and connects to it.
func startKernel(srv api, spec string) (*kernel, error) {
	var k struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	if _, err := srv.call("POST", "/api/kernels", map[string]string{"name": spec}, &k, 201); err != nil {
		return nil, err
	}
	if k.Name != spec {
		return nil, fmt.Errorf("asked for kernel %q, the server started %q", spec, k.Name)
	}
	session := newID()
	ws, err := dialWebSocket(srv.base+"/api/kernels/"+k.ID+"/channels?session_id="+session,
		http.Header{"Authorization": {"token " + srv.token}})
	if err != nil {
		srv.call("DELETE", "/api/kernels/"+k.ID, nil, nil)
		return nil, err
	}
	return &kernel{srv: srv, id: k.ID, ws: ws, session: session}, nil
}

// shutdown closes the socket and asks the server to stop the kernel.
func (k *kernel) shutdown() {
	k.ws.Close()
	k.srv.call("DELETE", "/api/kernels/"+k.id, nil, nil)
}

// execute runs code and returns its outputs once the kernel reports idle for
// this request and has sent its execute_reply; status is that reply's
// status ("ok", "error" or "aborted").
func (k *kernel) execute(code string, timeout time.Duration) (outs []output, status string, err error) {
	id := newID()
	req := message{
		Header: header{MsgID: id, MsgType: "execute_request", Session: k.session, Username: "hubtest",
			Version: "5.3", Date: time.Now().UTC().Format(time.RFC3339Nano)},
		Metadata: map[string]any{},
		Channel:  "shell",
		Buffers:  []any{},
	}
	req.Content, _ = json.Marshal(map[string]any{"code": code, "silent": false, "store_history": true,
		"user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true})
	b, _ := json.Marshal(req)
	if err := k.ws.WriteText(b); err != nil {
		return nil, "", err
	}
	deadline := time.AfterFunc(timeout, func() { k.ws.rwc.Close() })
	defer deadline.Stop()
	idle := false
	for !idle || status == "" {
		_, raw, err := k.ws.ReadMessage()
		if err != nil {
			return outs, status, fmt.Errorf("reading kernel messages (timeout %v): %v", timeout, err)
		}
		var m message
		if err := json.Unmarshal(raw, &m); err != nil {
			continue // a binary or foreign message
		}
		if debug {
			fmt.Printf("hubtest: debug: %s %s/%s parent %.8s (waiting for %.8s): %s\n", k.srv.base, m.Channel, m.Header.MsgType, m.ParentHeader.MsgID, id, clip(string(m.Content), 120))
		}
		if m.ParentHeader.MsgID != id {
			continue
		}
		switch {
		case m.Channel == "shell" && m.Header.MsgType == "execute_reply":
			var c struct {
				Status string `json:"status"`
			}
			json.Unmarshal(m.Content, &c)
			status = c.Status
		case m.Channel == "iopub" && m.Header.MsgType == "status":
			var c struct {
				State string `json:"execution_state"`
			}
			json.Unmarshal(m.Content, &c)
			idle = c.State == "idle"
		case m.Channel == "iopub":
			if o, ok := toOutput(m); ok {
				outs = append(outs, o)
			}
		}
	}
	return outs, status, nil
}

// toOutput converts an iopub message into a cell output, as nbformat 4
// stores it.
func toOutput(m message) (output, bool) {
	var c map[string]any
	if err := json.Unmarshal(m.Content, &c); err != nil {
		return output{}, false
	}
	o := output{Type: m.Header.MsgType, Fields: map[string]any{"output_type": m.Header.MsgType}}
	switch m.Header.MsgType {
	case "stream":
		o.Text, _ = c["text"].(string)
		o.Fields["name"], o.Fields["text"] = c["name"], c["text"]
	case "display_data", "execute_result":
		o.Data, _ = c["data"].(map[string]any)
		o.Fields["data"], o.Fields["metadata"] = c["data"], c["metadata"]
		if m.Header.MsgType == "execute_result" {
			o.Fields["execution_count"] = c["execution_count"]
		}
	case "error":
		o.Text = fmt.Sprintf("%v: %v", c["ename"], c["evalue"])
		o.Fields["ename"], o.Fields["evalue"], o.Fields["traceback"] = c["ename"], c["evalue"], c["traceback"]
	default:
		return output{}, false
	}
	return o, true
}
