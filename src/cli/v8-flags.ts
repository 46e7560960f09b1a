// How V8 compiles the tool's WebAssembly (tree-sitter, HashiCorp's parser), set once, first
// thing, before any WebAssembly exists: V8 reads these as it compiles and instantiates modules,
// and changing them in a running process is not supported. main.ts imports this module first,
// so its flags are in place for every thread of the run. Only the CLI sets them: code that
// imports the engine keeps its process's own.
//
// V8 runs WebAssembly compiled by its baseline compiler first, and compiles a function again with
// its optimising compiler once the function has run through a tiering budget. HashiCorp's parser
// (Go) has a few very large functions that use up V8's default budget (1.8 million) early and
// cost more to optimise than they save. Checking 150,000 characters (a worker's share on a tree
// where few modules change) alone in a process, medians of 5 alternating runs: 1.98 s of CPU with
// the default budget, 1.39 s with 180 million, 0.62 s with the baseline compiler alone (which
// cannot be had for one module only). tree-sitter parsing 3 million characters: 1.37 s with
// either budget. In the tool, 180 million did best of the budgets tried on the bench's trees
// (the figures are in README.md, Performance).
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--wasm-tiering-budget=180000000');
