// Programmatic entry: run the CLI in-process (the `flynn` bin uses the same function).
export { main } from './main.js';
