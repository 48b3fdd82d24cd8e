//go:build tools

// Package tools pins the Vale version that CVMBoK builds from the Go module proxy.
package tools

import _ "github.com/vale-cli/vale/v3/cmd/vale"
