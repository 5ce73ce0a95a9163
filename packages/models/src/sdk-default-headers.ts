// The SDKs add headers from OPENAI_CUSTOM_HEADERS / ANTHROPIC_CUSTOM_HEADERS on their
// own. Those could carry a second credential (an Authorization or x-api-key line)
// past Flynn's resolution, so every header named there is sent as null (removed)
// unless the tier configures it, and the credential header is always Flynn's.
// This is the one place that looks at those variables, and only at their names.

type HeaderMap = Record<string, string | null>;

/** Header names in a `Name: value` per line variable, as the SDKs parse it. */
function customHeaderNames(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split('\n')
    .filter((line) => line.includes(':'))
    .map((line) => line.slice(0, line.indexOf(':')).trim().toLowerCase())
    .filter((name, index, all) => name !== '' && all.indexOf(name) === index);
}

/** Lower-cases names; later entries win. */
function lowerCaseHeaders(headers: Readonly<Record<string, string | null>>): HeaderMap {
  const result: HeaderMap = {};
  for (const [name, value] of Object.entries(headers)) result[name.toLowerCase()] = value;
  return result;
}

/**
 * The `defaultHeaders` to give an SDK client: nulls for every header the SDK would
 * take from `customHeadersVar` in `process.env`, then the tier's `headers` as given,
 * then Flynn's own (`fixed`: the credential header, or null to send none).
 */
export function sdkDefaultHeaders(options: {
  customHeadersVar: 'OPENAI_CUSTOM_HEADERS' | 'ANTHROPIC_CUSTOM_HEADERS';
  tierHeaders?: Readonly<Record<string, string>>;
  fixed: Readonly<Record<string, string | null>>;
}): HeaderMap {
  const headers: HeaderMap = {};
  for (const name of customHeaderNames(process.env[options.customHeadersVar]?.trim())) {
    headers[name] = null;
  }
  return {
    ...headers,
    ...lowerCaseHeaders(options.tierHeaders ?? {}),
    ...lowerCaseHeaders(options.fixed),
  };
}
