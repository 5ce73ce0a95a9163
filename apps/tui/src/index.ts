// @flynn/tui: the minimal chat TUI (`flynn chat`, also `flynn-tui` on its own).

export { parseCommand, type SlashCommand } from './parse-command.js';
export { type RunTuiOptions, runTui, TUI_EXIT } from './run-tui.js';
