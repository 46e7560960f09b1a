// hclcheck is HashiCorp's HCL native-syntax parser, called the way Terraform calls it for a
// configuration file (hclsyntax.ParseConfig), built for WebAssembly with nothing else: it
// answers whether a file parses and, if not, where and why (its first error). tfcodemod runs it
// from src/engine/hcl-validity.ts; build.sh rebuilds hclcheck.wasm.
//
// It registers one function on the JavaScript object __tfcodemod_hclcheck__, which the caller
// creates before starting the program:
//
//	check(filename, text) -> null | [line, column, summary, detail]
package main

import (
	"syscall/js"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

func check(this js.Value, args []js.Value) interface{} {
	_, diags := hclsyntax.ParseConfig([]byte(args[1].String()), args[0].String(), hcl.Pos{Line: 1, Column: 1})
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		line, column := 1, 1
		if d.Subject != nil {
			line, column = d.Subject.Start.Line, d.Subject.Start.Column
		}
		return []interface{}{line, column, d.Summary, d.Detail}
	}
	return nil
}

func main() {
	js.Global().Get("__tfcodemod_hclcheck__").Set("check", js.FuncOf(check))
	// Keep the program alive: check is called from JavaScript for as long as the process runs.
	select {}
}
