// ESC-introduced sequences (CSI, OSC, two-byte), then any other C0/C1 control except tab
// and newline. Model output goes through this so a reply cannot move the cursor, retitle
// the window or clear the screen.
const CONTROL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** `text` without escape sequences or control characters (tab and newline kept). */
export function sanitizeText(text: string): string {
  return text.replace(CONTROL, '');
}
