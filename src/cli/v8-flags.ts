// How V8 compiles the tool's WebAssembly (tree-sitter, HashiCorp's parser), set once, first
// thing, before any WebAssembly exists: V8 reads these as it compiles and instantiates modules,
// and changing them in a running process is not supported. main.ts imports this module first,
// so its flags are in place for every thread of the run. Only the CLI sets them: code that
// imports the engine keeps its process's own.
//
// V8 runs WebAssembly compiled by its baseline compiler first and compiles a function again with
// its optimising compiler once the function has run enough code: the tiering budget. HashiCorp's
// parser (Go) has a few very large functions that reach V8's default budget (1.8 million) early,
// and optimising them cost more CPU than it saves: checking 150,000 characters (what a thread
// checks on a tree where few modules change) took 1.6 s of CPU with the default budget, 1.1 s
// with ten times it, 0.8 s with a hundred times it. tree-sitter's parse took the same time
// with either (its hot functions are small and run much more).
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--wasm-tiering-budget=180000000');
