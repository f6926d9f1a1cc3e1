//go:build bindings

package main

// bindingsOnly: the Wails bindings generator runs main() to read the bound methods; it must
// not open a store or create folders.
const bindingsOnly = true
