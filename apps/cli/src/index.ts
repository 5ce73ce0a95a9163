// Programmatic entry: run the CLI in-process (the `flynn` bin uses the same function).
export { type CommandIO, main, type ProcessIOOptions, processIO } from './main.js';
